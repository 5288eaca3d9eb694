#include "headspanel.h"

#include "driver.h"
#include "explorerstate.h"
#include "headgridview.h"
#include "heatmappanel.h"
#include "viewdata.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace poslab::gui {

HeadsPanel::HeadsPanel(Driver* driver, ExplorerState* state, QWidget* parent)
    : QWidget(parent), m_state(state), m_refresher(state, View::Heads, this, [this] { rebuild(); }),
      m_view(new widgets::HeadGridView(this)), m_hint(new QLabel(this))
{
    // Under the grid, across the panel: beside the controls it wrapped into a tall column.
    m_hint->setWordWrap(true);
    auto* row = new QHBoxLayout;
    auto* label = new QLabel(tr("&Matrix:"), this);
    QComboBox* matrix = makeMatrixBox(driver, state, this);
    label->setBuddy(matrix);
    row->addWidget(label);
    row->addWidget(matrix);
    m_colorMap = makeColorMapBox(state, this);
    m_log = makeLogBox(state, this);
    row->addWidget(m_colorMap);
    row->addWidget(m_log);
    row->addWidget(makePoolingBox(state, this));
    row->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(row);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_hint);

    connect(driver, &Driver::resultAvailable, this, [this](const LabResult& result) {
        m_result = result;
        refresh();
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
            const QString what = tr("%1 of every head").arg(matrix);
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
    QString title = tr("%1 \u00b7 %2 of every head, one colour scale")
                        .arg(QString::fromStdString(m_result.run.scheme->info().title), matrix);
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
