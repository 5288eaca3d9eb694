#include "headgridview.h"

#include <QEvent>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

#include "logticks.h"
#include "plotfont.h"
#include "qcp.h"

namespace poslab::widgets {

namespace {

const QColor kMaskHatch(170, 170, 170);

// Room a tile takes beyond its cells (labels, frame, spacing) and the grid beyond its tiles (title,
// colour scale).
constexpr int kTileExtraX = 20, kTileExtraY = 40, kGridExtraX = 120, kGridExtraY = 60;

void fillMap(QCPColorMap* map, const HeatmapData& d)
{
    auto* cells = map->data();
    const AxisSpan keys = cellCentreSpan(d.cols);
    const AxisSpan values = cellCentreSpan(d.rows);
    cells->setSize(d.cols, d.rows);
    cells->setRange(QCPRange(keys.lower, keys.upper), QCPRange(values.lower, values.upper));
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (int r = 0; r < d.rows; ++r)
        for (int c = 0; c < d.cols; ++c)
            cells->setCell(c, r, d.isMasked(r, c) ? nan : d.at(r, c));
}

} // namespace

HeadGridView::HeadGridView(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setMinimumSize(200, 160); // not the sum of every small multiple's margins
    connect(m_plot, &QCustomPlot::afterLayout, this, &HeadGridView::updateAspect);
    connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) {
        const int k = headAt(event->position().toPoint());
        if (k >= 0) emit headClicked(k);
    });
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this](QMouseEvent* event) {
        const int k = headAt(event->position().toPoint());
        if (k >= 0) emit headDoubleClicked(k);
    });
    rebuild();
}

int HeadGridView::headAt(QPoint pos) const
{
    for (std::size_t k = 0; k < m_rects.size(); ++k)
        if (m_rects[k]->outerRect().contains(pos)) return static_cast<int>(k);
    return -1;
}

void HeadGridView::setHeads(std::vector<HeatmapData> heads, const QString& title)
{
    m_heads = std::move(heads);
    m_titleText = title;
    rebuild();
    m_plot->replot();
}

void HeadGridView::rebuild()
{
    m_plot->clearPlottables();
    m_plot->plotLayout()->clear(); // deletes the axis rects, the scale and the title
    m_maps.clear();
    m_rects.clear();
    auto* top = m_plot->plotLayout();
    m_title =
        new QCPTextElement(m_plot, QString(), QFont(font().family(), font().pointSize() + 2, QFont::Bold));
    top->addElement(0, 0, m_title);
    updateTitle();
    if (m_heads.empty()) {
        m_scale = nullptr;
        m_body = nullptr;
        return;
    }
    // Below the title, the tiles and their scale in one grid whose margins keep the cells square.
    m_body = new QCPLayoutGrid;
    m_body->setAutoMargins(QCP::msNone);
    m_body->setMargins(QMargins());
    top->addElement(1, 0, m_body);
    auto* grid = new QCPLayoutGrid;
    m_body->addElement(0, 0, grid);
    m_scale = new QCPColorScale(m_plot);
    m_body->addElement(0, 1, m_scale);
    m_scale->setBarWidth(14);
    m_scale->axis()->setLabel(m_heads.front().valueLabel);
    auto* margins = new QCPMarginGroup(m_plot);
    m_columns = columnsFor(static_cast<int>(m_heads.size()));
    const int columns = m_columns;
    for (std::size_t k = 0; k < m_heads.size(); ++k) {
        auto* rect = new QCPAxisRect(m_plot);
        grid->addElement(static_cast<int>(k) / columns, static_cast<int>(k) % columns, rect);
        rect->setupFullAxesBox(false);
        for (QCPAxis* axis : rect->axes()) {
            axis->setTicks(false);
            axis->setTickLabels(false);
            axis->grid()->setVisible(false);
        }
        rect->axis(QCPAxis::atTop)->setLabel(tr("head %1").arg(k));
        rect->axis(QCPAxis::atLeft)->setRangeReversed(true);
        rect->setBackground(QBrush(kMaskHatch, Qt::BDiagPattern));
        rect->setMarginGroup(QCP::msLeft | QCP::msRight | QCP::msTop | QCP::msBottom, margins);
        auto* map = new QCPColorMap(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        map->setInterpolate(false);
        map->setTightBoundary(false);
        map->setColorScale(m_scale);
        const HeatmapData& d = m_heads[k];
        if (!d.isEmpty()) fillMap(map, d);
        const AxisSpan xs = viewSpan(d.cols), ys = viewSpan(d.rows);
        rect->axis(QCPAxis::atBottom)->setRange(xs.lower, xs.upper);
        rect->axis(QCPAxis::atLeft)->setRange(ys.lower, ys.upper);
        m_maps.push_back(map);
        m_rects.push_back(rect);
    }
    updateColors();
    updateFocus();
}

void HeadGridView::updateColors()
{
    if (m_heads.empty() || !m_scale) return;
    m_colorScale = colorScaleFor(m_heads, m_sequential, m_log); // one scale over every head
    m_range = m_colorScale.range;
    const auto type = m_colorScale.log ? QCPAxis::stLogarithmic : QCPAxis::stLinear;
    m_scale->setDataScaleType(type);
    if (m_colorScale.log)
        m_scale->axis()->setTicker(QSharedPointer<LogScaleTicker>::create(m_scale->axis()));
    else
        m_scale->axis()->setTicker(QSharedPointer<QCPAxisTicker>::create());
    // Per head: the bar shows the colours only, from each head's lowest to its highest value.
    const bool perHead = m_headScale != Scale::Shared;
    const bool perHeadLog = m_headScale == Scale::PerHeadLog;
    m_scale->axis()->setTickLabels(!perHead);
    m_scale->axis()->setLabel(perHead
                                  ? tr("%1, each head from its lowest to its highest (titles)%2")
                                        .arg(m_heads.front().valueLabel, perHeadLog ? tr(", log") : QString())
                                  : m_heads.front().valueLabel);
    m_scale->setGradient(makeGradient(m_colorScale.map));
    m_scale->setDataRange(QCPRange(m_range.lower, m_range.upper));
    m_headRanges.assign(m_maps.size(), m_range);
    for (std::size_t k = 0; k < m_maps.size(); ++k) {
        ColorScale own =
            perHead ? colorScaleFor(m_heads[k], m_sequential, m_log || perHeadLog) : m_colorScale;
        if (perHead && !own.log && own.map != ColorMap::Diverging) {
            // From the head's lowest value, not from 0: a nearly uniform head shows its shape too.
            const ValueSpan span = valueSpan(m_heads[k]);
            if (span.lowest < span.highest) own.range = {span.lowest, span.highest};
        }
        m_headRanges[k] = own.range;
        QCPColorMap* map = m_maps[k];
        // A colour map tied to the bar takes the bar's range and type: per head, it stands alone.
        map->setColorScale(perHead ? nullptr : m_scale);
        map->setGradient(makeGradient(own.map));
        map->setDataScaleType(own.log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
        map->setDataRange(QCPRange(own.range.lower, own.range.upper));
        m_rects[k]
            ->axis(QCPAxis::atTop)
            ->setLabel(perHead ? tr("head %1: %2 \u2026 %3")
                                     .arg(k)
                                     .arg(own.range.lower, 0, 'g', 2)
                                     .arg(own.range.upper, 0, 'g', 2)
                               : tr("head %1").arg(k));
    }
}

void HeadGridView::setHeadScale(Scale scale)
{
    if (scale == m_headScale) return;
    m_headScale = scale;
    updateColors();
    m_plot->replot();
}

void HeadGridView::updateFocus()
{
    for (std::size_t k = 0; k < m_rects.size(); ++k) {
        const bool focused = static_cast<int>(k) == m_focused;
        const QPen pen(focused ? QColor(0xd6, 0x60, 0x4d) : QColor(Qt::black), focused ? 3 : 1);
        for (QCPAxis* axis : m_rects[k]->axes())
            axis->setBasePen(pen);
        QCPAxis* top = m_rects[k]->axis(QCPAxis::atTop);
        QFont f = top->labelFont();
        f.setBold(focused);
        top->setLabelFont(f);
    }
}

void HeadGridView::setSequentialMap(ColorMap map)
{
    m_sequential = map;
    updateColors();
    m_plot->replot();
}

void HeadGridView::setLogScale(bool on)
{
    m_log = on;
    updateColors();
    m_plot->replot();
}

void HeadGridView::setFocusedHead(int head)
{
    m_focused = head;
    updateFocus();
    m_plot->replot();
}

QSize HeadGridView::cellCapacity(int heads) const
{
    const int count = std::max(1, heads);
    const int columns = columnsFor(count);
    const int rows = (count + columns - 1) / columns;
    return squareCapacity((m_plot->width() - kGridExtraX) / columns - kTileExtraX,
                          (m_plot->height() - kGridExtraY) / rows - kTileExtraY);
}

// The columns that make square tiles largest in the plot's current size.
int HeadGridView::columnsFor(int count) const
{
    // A tile's extra room counted as if it were part of a square tile of cells.
    return squareGridColumns(count, m_plot->width() - kGridExtraX, m_plot->height() - kGridExtraY);
}

void HeadGridView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        setPlotFont(m_plot, font()); // the tiles made from now on take it
    if (event->type() != QEvent::FontChange && event->type() != QEvent::LanguageChange) return;
    rebuild(); // "head k" in the language shown
    m_plot->replot();
}

void HeadGridView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (!m_heads.empty() && columnsFor(int(m_heads.size())) != m_columns) {
        rebuild();
    } else {
        updateTitle();
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

// The title wraps to the plot's width (as HeatmapView's), never cut at both ends.
void HeadGridView::updateTitle()
{
    const QString text = m_heads.empty() && m_titleText.isEmpty() ? tr("Nothing computed yet") : m_titleText;
    m_title->setText(wrapText(text, QFontMetrics(m_title->font()), std::max(100, m_plot->width() - 16)));
}

// Square token cells in every tile (as HeatmapView::updateAspect): the tiles' grid is padded after
// each layout.
void HeadGridView::updateAspect()
{
    if (!m_body || m_rects.empty()) return;
    const int count = int(m_rects.size());
    const int columns = m_columns;
    const int rows = (count + columns - 1) / columns;
    const HeatmapData& d = m_heads.front();
    const QMargins pad = squarePadding(m_rects.front()->rect().size(), m_body->margins(), d.totalCols(),
                                       d.totalRows(), columns, rows);
    if (pad == m_body->margins()) return;
    m_body->setMargins(pad);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace poslab::widgets
