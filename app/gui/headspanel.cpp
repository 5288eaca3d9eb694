#include "headspanel.h"

#include "driver.h"
#include "explorerstate.h"
#include "headgridview.h"
#include "heatmappanel.h"
#include "retranslate.h"
#include "viewdata.h"

#include <language.h>

#include <error.h>

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace poslab::gui {

// Heads that differ only by a slope (ALiBi's geometric sequence): on one scale, the shallow heads are
// one flat colour beside the steep ones.
bool perHeadByDefault(const Scheme& scheme)
{
    try {
        return scheme.slopes().size() > 1;
    } catch (const Error&) {
        return false;
    }
}

HeadsPanel::HeadsPanel(Driver* driver, ExplorerState* state, QWidget* parent)
    : QWidget(parent), m_state(state), m_refresher(state, View::Heads, this, [this] { rebuild(); }),
      m_view(new widgets::HeadGridView(this)), m_hint(new QLabel(this))
{
    // Under the grid, across the panel: beside the controls it wrapped into a tall column.
    m_hint->setWordWrap(true);
    auto* row = new QHBoxLayout;
    auto* label = new QLabel(this);
    retranslateWith(label, [label] { label->setText(tr("&Matrix:")); });
    QComboBox* matrix = makeMatrixBox(driver, state, this);
    label->setBuddy(matrix);
    row->addWidget(label);
    row->addWidget(matrix);
    m_colorMap = makeColorMapBox(state, this);
    m_log = makeLogBox(state, this);
    row->addWidget(m_colorMap);
    row->addWidget(m_log);
    row->addWidget(makePoolingBox(state, this));
    using Scale = widgets::HeadGridView::Scale;
    m_headScale = new QComboBox(this);
    for (Scale scale : {Scale::Shared, Scale::PerHead, Scale::PerHeadLog})
        m_headScale->addItem(QString(), static_cast<int>(scale));
    m_headScale->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    retranslateWith(m_headScale, [box = m_headScale] {
        box->setItemText(0, tr("one scale"));
        box->setItemText(1, tr("scale per head"));
        box->setItemText(2, tr("log scale per head"));
        box->setToolTip(tr("One colour scale for every head, or each head from its own lowest to its "
                           "highest value (in its title); ALiBi starts with a log scale per head, "
                           "where each head's slope shows as its own gradient"));
    });
    row->addWidget(m_headScale);
    row->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(row);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_hint);

    connect(driver, &Driver::resultAvailable, this, [this](const LabResult& result) {
        m_result = result;
        if (result.run.scheme && result.run.scheme->info().name != m_scheme) {
            m_scheme = result.run.scheme->info().name;
            const QSignalBlocker blocker(m_headScale);
            const Scale scale = perHeadByDefault(*result.run.scheme) ? Scale::PerHeadLog : Scale::Shared;
            m_headScale->setCurrentIndex(m_headScale->findData(static_cast<int>(scale)));
            m_view->setHeadScale(scale);
        }
        refresh();
    });
    connect(m_headScale, &QComboBox::currentIndexChanged, this, [this] {
        m_view->setHeadScale(static_cast<Scale>(m_headScale->currentData().toInt()));
        refresh(); // the grid's title says which
    });
    connect(state, &ExplorerState::matrixChanged, this, &HeadsPanel::refresh);
    connect(state, &ExplorerState::paintingChanged, this, [this] {
        m_view->setSequentialMap(m_state->colorMap());
        m_view->setLogScale(m_state->logScale());
        refresh();
        enableScaleControls(m_view->colorScale(), m_colorMap, m_log);
    });
    connect(state, &ExplorerState::headChanged, m_view, &widgets::HeadGridView::setFocusedHead);
    connect(m_view, &widgets::HeadGridView::headClicked, state, &ExplorerState::setHead);
    connect(m_view, &widgets::HeadGridView::headDoubleClicked, state, [state](int head) {
        state->setHead(head);
        state->setView(View::Heatmap);
    });
    onLanguageChange(this, [this] { refresh(); }); // the title and hint are of the state
}

QString HeadsPanel::hint() const
{
    return m_hint->text();
}

void HeadsPanel::rebuild()
{
    if (!m_result.hasData()) return;
    const QString matrix = m_state->matrix();
    if (m_result.isPooled()) {
        m_view->setHeads({}, unavailableText(m_result, tr("The head grid")));
        m_hint->setText(tr("Use fewer tokens or heads for every head's matrices."));
        return;
    }
    const int heads = static_cast<int>(m_result.run.attention->heads.size());
    for (int h = 0; h < heads; ++h)
        if (!m_result.has(matrix.toStdString(), h)) {
            const QString what = tr("%1 of every head").arg(matrixTitle(matrix));
            const QString missing = missingText(m_result, matrix, what);
            if (!missing.isEmpty()) m_view->setHeads({}, missing); // never at this n: said in the view
            m_hint->setText(missing.isEmpty() ? unavailableText(m_result, what) : missing);
            return;
        }
    HeatmapOptions options;
    options.capacity = m_view->cellCapacity(heads);
    options.pooling = m_state->pooling();
    std::vector<widgets::HeatmapData> maps;
    try {
        for (int h = 0; h < heads; ++h)
            maps.push_back(heatmapFor(m_result, m_result.run, h, matrix, options));
    } catch (const std::exception& e) {
        m_hint->setText(QString::fromUtf8(e.what()));
        return;
    }
    const auto scale = static_cast<widgets::HeadGridView::Scale>(m_headScale->currentData().toInt());
    QString title =
        tr("%1 \u00b7 %2 of every head, %3")
            .arg(figure::schemeTitleIn(figure::language(), m_result.run.scheme->info().title),
                 matrixTitle(matrix),
                 scale == widgets::HeadGridView::Scale::Shared    ? tr("one colour scale")
                 : scale == widgets::HeadGridView::Scale::PerHead ? tr("a colour range per head")
                                                                  : tr("a log colour range per head"));
    if (!maps.empty() && maps.front().isPooled())
        title += tr(" (%1 of %2\u00d7%3 cells)")
                     .arg(maps.front().pooling)
                     .arg(maps.front().rowStep)
                     .arg(maps.front().colStep);
    m_view->setHeads(std::move(maps), title);
    enableScaleControls(m_view->colorScale(), m_colorMap, m_log);
    m_view->setFocusedHead(std::min(m_state->head(), heads - 1));
    m_hint->setText(
        tr("Click a head to focus it (the heatmap and \u0394-curve follow); double-click to open it."));
}

} // namespace poslab::gui
