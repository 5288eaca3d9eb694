#include "heatmappanel.h"

#include "driver.h"
#include "explorerstate.h"
#include "heatmapview.h"
#include "heatmapzoom.h"
#include "retranslate.h"
#include "viewdata.h"

#include <language.h>

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace poslab::gui {

QComboBox* makeMatrixBox(Driver* driver, ExplorerState* state, QWidget* parent)
{
    auto* box = new QComboBox(parent);
    retranslateWith(box, [box] {
        box->setToolTip(QObject::tr("Which matrix of the head to show: probabilities, logits, the positional "
                                    "bias, \u0394, the bucket index, or one term of the score"));
    });
    box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    box->addItem(matrixTitle(state->matrix()), state->matrix());
    auto select = [state, box] {
        const QSignalBlocker blocker(box);
        box->setCurrentIndex(box->findData(state->matrix()));
    };
    QObject::connect(driver, &Driver::resultAvailable, box, [state, box, select](const LabResult& result) {
        const QStringList names = matrixChoices(result.run);
        {
            const QSignalBlocker blocker(box);
            box->clear();
            for (const QString& name : names) // a score term in the interface's words, the key as data
                box->addItem(matrixTitle(name), name);
        }
        if (!names.contains(state->matrix())) state->setMatrix(QStringLiteral("probs"));
        select();
    });
    QObject::connect(box, &QComboBox::currentIndexChanged, state,
                     [state, box] { state->setMatrix(box->currentData().toString()); });
    QObject::connect(state, &ExplorerState::matrixChanged, box, select);
    return box;
}

QComboBox* makeColorMapBox(ExplorerState* state, QWidget* parent)
{
    auto* box = new QComboBox(parent);
    for (auto map : {widgets::ColorMap::Viridis, widgets::ColorMap::Magma, widgets::ColorMap::Cividis})
        box->addItem(widgets::colorMapName(map), static_cast<int>(map));
    retranslateWith(box, [box] {
        box->setToolTip(QObject::tr("Colour map for unsigned values; signed values always use the diverging "
                                    "blue\u2013white\u2013red map with white at 0"));
    });
    box->setCurrentIndex(box->findData(static_cast<int>(state->colorMap())));
    QObject::connect(box, &QComboBox::currentIndexChanged, state, [state, box] {
        state->setColorMap(static_cast<widgets::ColorMap>(box->currentData().toInt()));
    });
    QObject::connect(state, &ExplorerState::paintingChanged, box, [state, box] {
        const QSignalBlocker blocker(box);
        box->setCurrentIndex(box->findData(static_cast<int>(state->colorMap())));
    });
    return box;
}

QCheckBox* makeLogBox(ExplorerState* state, QWidget* parent)
{
    auto* box = new QCheckBox(parent);
    retranslateWith(box, [box] {
        box->setText(QObject::tr("&Log scale"));
        box->setToolTip(QObject::tr("Logarithmic colour scale (probabilities and other unsigned values)"));
    });
    box->setChecked(state->logScale());
    QObject::connect(box, &QCheckBox::toggled, state, &ExplorerState::setLogScale);
    QObject::connect(state, &ExplorerState::paintingChanged, box, [state, box] {
        const QSignalBlocker blocker(box);
        box->setChecked(state->logScale());
    });
    return box;
}

QComboBox* makePoolingBox(ExplorerState* state, QWidget* parent)
{
    auto* box = new QComboBox(parent);
    box->addItem(QString(), static_cast<int>(Pooling::Max));
    box->addItem(QString(), static_cast<int>(Pooling::Mean));
    box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    // Names what the shown matrix gets: max |·| for signed matrices.
    auto label = [state, box] {
        box->setItemText(0, isSignedMatrix(state->matrix()) ? QObject::tr("max |\u00b7| pooling")
                                                            : QObject::tr("max pooling"));
    };
    retranslateWith(box, [box, label] {
        label();
        box->setItemText(1, QObject::tr("mean pooling"));
        box->setToolTip(
            QObject::tr("When there are more cells than pixels, each drawn cell is the max or the "
                        "mean of a block; for signed matrices (logits, bias, terms, \u0394) max "
                        "is max |\u00b7|: the value of largest magnitude, with its sign"));
    });
    box->setCurrentIndex(box->findData(static_cast<int>(state->pooling())));
    QObject::connect(box, &QComboBox::currentIndexChanged, state,
                     [state, box] { state->setPooling(static_cast<Pooling>(box->currentData().toInt())); });
    QObject::connect(state, &ExplorerState::matrixChanged, box, label);
    QObject::connect(state, &ExplorerState::paintingChanged, box, [state, box] {
        const QSignalBlocker blocker(box);
        box->setCurrentIndex(box->findData(static_cast<int>(state->pooling())));
    });
    return box;
}

void enableScaleControls(const widgets::ColorScale& scale, QComboBox* colorMap, QCheckBox* log)
{
    colorMap->setEnabled(scale.mapApplies);
    colorMap->setToolTip(
        scale.mapApplies ? QObject::tr("Colour map of the values shown")
                         : QObject::tr("Values of both signs use the diverging blue\u2013white\u2013red "
                                       "map with white at 0; the colour map applies to one-signed values"));
    log->setEnabled(scale.logApplies);
    log->setToolTip(scale.logApplies ? QObject::tr("Logarithmic colour scale (probabilities)")
                                     : QObject::tr("A log scale applies to probabilities, not to signed "
                                                   "values such as logits and biases"));
}

HeatmapPanel::HeatmapPanel(Driver* driver, ExplorerState* state, QWidget* parent)
    : QWidget(parent), m_state(state), m_driver(driver),
      m_refresher(state, View::Heatmap, this, [this] { rebuild(); }),
      m_matrix(makeMatrixBox(driver, state, this)), m_colorMap(makeColorMapBox(state, this)),
      m_log(makeLogBox(state, this)), m_pooling(makePoolingBox(state, this)),
      m_view(new widgets::HeatmapView(this)), m_readout(new QLabel(this))
{
    m_readout->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_readout->setWordWrap(true); // a long hover text wraps instead of widening the window

    auto* row = new QHBoxLayout;
    auto* label = new QLabel(this);
    retranslateWith(label, [label] { label->setText(tr("&Matrix:")); });
    label->setBuddy(m_matrix);
    row->addWidget(label);
    row->addWidget(m_matrix);
    row->addWidget(m_colorMap);
    row->addWidget(m_log);
    row->addWidget(m_pooling);
    row->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(row);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_readout);

    connect(driver, &Driver::resultAvailable, this, [this](const LabResult& result) {
        m_result = result;
        m_detail = LabResult();
        refresh();
    });
    // Deep zoom of a streamed map: the visible rectangle computed again at screen resolution.
    connect(driver, &Driver::regionAvailable, this, [this](const LabResult& result) {
        if (!m_result.isPooled()) return;
        m_detail = result;
        rebuild();
    });
    connect(driver, &Driver::regionFailed, this, [this](const QString& message) {
        m_view->setTitle(m_title);
        m_readout->setText(message);
    });
    connect(m_view, &widgets::HeatmapView::viewRangeChanged, this, &HeatmapPanel::zoomed);
    connect(m_view, &widgets::HeatmapView::viewReset, this, [this] {
        if (m_detail.isPooled()) showOverview();
        m_driver->cancelRegion();
    });
    connect(state, &ExplorerState::headChanged, this, &HeatmapPanel::refresh);
    connect(state, &ExplorerState::matrixChanged, this, &HeatmapPanel::refresh);
    connect(state, &ExplorerState::paintingChanged, this, [this] {
        m_view->setSequentialMap(m_state->colorMap());
        m_view->setLogScale(m_state->logScale());
        refresh();
        enableScaleControls(m_view->colorScale(), m_colorMap, m_log);
    });
    connect(state, &ExplorerState::cellChanged, this, [this](int row, int col) {
        m_view->setSelectedToken({row, col});
        showHover(-1, -1);
    });
    connect(state, &ExplorerState::highlightedCellsChanged, this, [this](const QList<QPoint>& cells) {
        std::vector<widgets::Cell> tokens;
        tokens.reserve(std::size_t(cells.size()));
        for (const QPoint& p : cells)
            tokens.push_back({p.y(), p.x()});
        m_view->setHighlightedTokens(tokens);
    });
    connect(state, &ExplorerState::sweepDeltaChanged, this, [this](int delta) {
        m_view->setHighlightedDiagonal(delta == ExplorerState::noSweep ? std::nullopt : std::optional(delta));
    });
    connect(m_view, &widgets::HeatmapView::tokenClicked, state, &ExplorerState::setCell);
    connect(m_view, &widgets::HeatmapView::cellHovered, this, &HeatmapPanel::showHover);
    connect(m_view, &widgets::HeatmapView::capacityChanged, this, &HeatmapPanel::refresh);
    // The title, readout and scale tooltips are of the state: drawn again in the new language.
    onLanguageChange(this, [this] { refresh(); });
}

QStringList HeatmapPanel::matrixChoices() const
{
    QStringList names;
    for (int k = 0; k < m_matrix->count(); ++k)
        names << m_matrix->itemData(k).toString();
    return names;
}

QString HeatmapPanel::readout() const
{
    return m_readout->text();
}

void HeatmapPanel::rebuild()
{
    if (!m_result.hasData()) return;
    const int heads = m_result.request.model.heads;
    const int head = std::clamp(m_state->head(), 0, heads - 1);
    const QString matrix = m_state->matrix();
    const std::string name = matrix.toStdString();
    HeatmapOptions options;
    options.capacity = m_view->cellCapacity();
    options.pooling = m_state->pooling();
    options.title = QStringLiteral("%1 \u00b7 %2")
                        .arg(figure::schemeTitleIn(figure::language(), m_result.run.scheme->info().title),
                             matrixTitle(matrix));
    if (maskApplies(matrix)) options.title += tr(", head %1").arg(head);
    const bool ready =
        m_result.isPooled() ? name == "probs" && head == m_result.request.head : m_result.has(name, head);
    const bool deep = ready && m_detail.isPooled() && m_detail.request.head == head;
    if (!ready) {
        // The newer request computes it (the previous picture stays meanwhile), or it never exists at
        // this n (n × n matrices, score terms): then the view says so.
        const QString missing = missingText(m_result, matrix, matrixTitle(matrix));
        if (!missing.isEmpty()) {
            widgets::HeatmapData message;
            message.title = options.title + QStringLiteral("\n") + missing;
            m_view->setData(std::move(message));
            m_readout->setText(missing);
            return;
        }
        m_readout->setText(unavailableText(m_result, tr("%1 of head %2").arg(matrixTitle(matrix)).arg(head)));
        return;
    }
    try {
        m_view->setData(deep                  ? pooledHeatmap(m_detail, options)
                        : m_result.isPooled() ? pooledHeatmap(m_result, options)
                                              : heatmapFor(m_result, m_result.run, head, matrix, options));
        m_title = m_view->data().title;
    } catch (const std::exception& e) {
        m_readout->setText(QString::fromUtf8(e.what()));
        return;
    }
    enableScaleControls(m_view->colorScale(), m_colorMap, m_log);
    m_view->setSelectedToken({m_state->row(), m_state->col()});
    showHover(-1, -1);
}

// After a zoom or pan of a streamed map: until the visible rectangle arrives at screen resolution
// the view magnifies what it has, and its title says so.
void HeatmapPanel::zoomed()
{
    if (!m_result.isPooled()) return;
    const widgets::HeatmapData& data = m_view->data();
    const TokenRegion region = widgets::visibleTokens(data, m_view->xRange(), m_view->yRange());
    const QSize capacity = m_view->cellCapacity();
    switch (widgets::zoomNeed(data, region, capacity)) {
    case widgets::ZoomNeed::None:
        m_driver->cancelRegion();
        m_view->setTitle(m_title);
        break;
    case widgets::ZoomNeed::Overview:
        m_driver->cancelRegion();
        showOverview();
        break;
    case widgets::ZoomNeed::Detail:
        m_driver->requestRegion(region, std::max(capacity.width(), capacity.height()));
        m_view->setTitle(m_title + QStringLiteral("\n") + widgets::magnifiedTitle(data, region));
        break;
    }
}

void HeatmapPanel::showOverview()
{
    m_detail = LabResult();
    rebuild();
}

void HeatmapPanel::showHover(int row, int col)
{
    if (row >= 0 && col >= 0) {
        m_readout->setText(widgets::describeCell(m_view->data(), {row, col}));
        return;
    }
    const widgets::Cell selected = widgets::displayCell(m_view->data(), {m_state->row(), m_state->col()});
    m_readout->setText(selected.isValid()
                           ? tr("selected: %1").arg(widgets::describeCell(m_view->data(), selected))
                           : tr("Hover a cell for its value; click to select it, wheel to zoom, drag to pan, "
                                "double-click to reset."));
}

} // namespace poslab::gui
