#include "heatmapview.h"

#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

#ifdef QT_NO_FOREACH // qcustomplot.h still uses foreach
#undef QT_NO_FOREACH
#include <qcustomplot.h>
#define QT_NO_FOREACH
#else
#include <qcustomplot.h>
#endif

namespace poslab::widgets {

namespace {

const QColor kMaskHatch(170, 170, 170);
constexpr int kMaxTickLabels = 40;

void styleTokenAxis(QCPAxis* axis, const QString& label)
{
    axis->setLabel(label);
    axis->grid()->setVisible(false);
    axis->setSubTicks(false);
    axis->setTickLength(0, 3);
    axis->setTicker(QSharedPointer<QCPAxisTickerText>::create());
}

// Sets thinned token labels on `axis`; returns the widest label in pixels.
int setTokenTicks(QCPAxis* axis, const QStringList& labels, int count)
{
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    const QFontMetrics metrics(axis->tickLabelFont());
    int widest = 0;
    const auto shown = thinnedLabelIndices(count, kMaxTickLabels);
    const bool thinned = static_cast<int>(shown.size()) < count;
    for (int k : shown) {
        const QString text = tokenTickLabel(labels, k, thinned);
        ticker->addTick(k, text);
        widest = std::max(widest, metrics.horizontalAdvance(text));
    }
    axis->setTicker(ticker);
    return widest;
}

} // namespace

HeatmapView::HeatmapView(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);

    m_plot->plotLayout()->insertRow(0);
    m_title =
        new QCPTextElement(m_plot, QString(), QFont(font().family(), font().pointSize() + 2, QFont::Bold));
    m_plot->plotLayout()->addElement(0, 0, m_title);

    QCPAxisRect* rect = m_plot->axisRect();
    styleTokenAxis(m_plot->xAxis, QString());
    styleTokenAxis(m_plot->yAxis, QString());
    m_plot->yAxis->setRangeReversed(true); // row 0 at the top, like a matrix

    m_map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
    m_map->setInterpolate(false);
    m_map->setTightBoundary(false);

    m_scale = new QCPColorScale(m_plot);
    m_plot->plotLayout()->addElement(1, 1, m_scale);
    m_scale->setType(QCPAxis::atRight);
    m_scale->setBarWidth(14);
    m_map->setColorScale(m_scale);

    auto* margins = new QCPMarginGroup(m_plot);
    rect->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    m_scale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);

    m_plot->setMouseTracking(true);
    connect(m_plot, &QCustomPlot::mouseMove, this, &HeatmapView::onMouseMove);
    connect(m_plot, &QCustomPlot::afterLayout, this, &HeatmapView::updateRotation);
    rebuild();
}

void HeatmapView::setData(HeatmapData data)
{
    m_data = std::move(data);
    setHovered({});
    rebuild();
}

void HeatmapView::setSequentialMap(ColorMap map)
{
    m_sequential = map;
    rebuild();
}

void HeatmapView::rebuild()
{
    const bool empty = m_data.isEmpty();
    const int rows = empty ? 1 : m_data.rows;
    const int cols = empty ? 1 : m_data.cols;

    auto* cells = m_map->data();
    const AxisSpan keys = cellCentreSpan(cols);
    const AxisSpan values = cellCentreSpan(rows);
    cells->setSize(cols, rows);
    cells->setRange(QCPRange(keys.lower, keys.upper), QCPRange(values.lower, values.upper));
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c)
            cells->setCell(c, r, empty || m_data.isMasked(r, c) ? nan : m_data.at(r, c));
    }
    m_map->setVisible(!empty);
    // Masked cells are NaN, drawn transparent: the hatched axis-rect background shows through.
    m_plot->axisRect()->setBackground(empty ? QBrush(Qt::NoBrush) : QBrush(kMaskHatch, Qt::BDiagPattern));
    m_plot->xAxis->setVisible(!empty);
    m_plot->yAxis->setVisible(!empty);

    m_map->setGradient(makeGradient(colorMap()));
    const AxisSpan range = colorRange(m_data);
    m_map->setDataRange(QCPRange(range.lower, range.upper));
    m_scale->axis()->setLabel(m_data.valueLabel);
    m_scale->setVisible(!empty);

    m_title->setText(empty ? tr("Nothing computed yet") : m_data.title);
    m_plot->xAxis->setLabel(empty ? QString() : m_data.colAxisLabel);
    m_plot->yAxis->setLabel(empty ? QString() : m_data.rowAxisLabel);
    const AxisSpan xs = viewSpan(cols);
    const AxisSpan ys = viewSpan(rows);
    m_plot->xAxis->setRange(xs.lower, xs.upper);
    m_plot->yAxis->setRange(ys.lower, ys.upper);
    updateTicks();
    m_plot->replot();
}

void HeatmapView::updateTicks()
{
    if (m_data.isEmpty()) return;
    m_widestColLabel = setTokenTicks(m_plot->xAxis, m_data.colLabels, m_data.cols);
    setTokenTicks(m_plot->yAxis, m_data.rowLabels, m_data.rows);
}

// After each layout, since the space per label depends on the axis rect's width. Rotation only
// changes the bottom margin, not that width, so this settles after one extra replot.
void HeatmapView::updateRotation()
{
    if (m_data.isEmpty()) return;
    const auto shown = thinnedLabelIndices(m_data.cols, kMaxTickLabels);
    const int step = shown.size() > 1 ? shown[1] - shown[0] : 1;
    const double spacing = double(m_plot->axisRect()->width()) * step / m_data.cols;
    const double rotation = tickLabelRotation(m_widestColLabel, spacing);
    if (rotation != m_plot->xAxis->tickLabelRotation()) {
        m_plot->xAxis->setTickLabelRotation(rotation);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void HeatmapView::onMouseMove(QMouseEvent* event)
{
    const QPointF pos = event->position();
    const double key = m_plot->xAxis->pixelToCoord(pos.x());
    const double value = m_plot->yAxis->pixelToCoord(pos.y());
    const bool inside = m_plot->axisRect()->rect().contains(pos.toPoint());
    const Cell cell = inside && !m_data.isEmpty() ? cellAt(key, value, m_data.rows, m_data.cols) : Cell{};
    setHovered(cell);
    if (cell.isValid())
        QToolTip::showText(event->globalPosition().toPoint(), describeCell(m_data, cell), m_plot);
    else
        QToolTip::hideText();
}

void HeatmapView::setHovered(Cell cell)
{
    if (cell == m_hovered) return;
    m_hovered = cell;
    emit cellHovered(cell.row, cell.col);
}

} // namespace poslab::widgets
