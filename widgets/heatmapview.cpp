#include "heatmapview.h"

#include <QApplication>
#include <QEvent>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

#include "logticks.h"
#include "plotfont.h"
#include "qcp.h"

namespace poslab::widgets {

namespace {

const QColor kMaskHatch(170, 170, 170);
const QColor kHighlight(255, 0, 170);    // magenta: on none of the maps' colours
constexpr double kHighlightInset = 0.14; // of a cell, so that the selection frame stays visible
constexpr int kMaxTickLabels = 40;
// HeatmapData's default axis labels, for lupdate: the view translates whatever English label it gets.
[[maybe_unused]] const char* const kDefaultAxisLabels[] = {
    QT_TRANSLATE_NOOP("poslab::widgets::HeatmapView", "query i"),
    QT_TRANSLATE_NOOP("poslab::widgets::HeatmapView", "key j")};

void styleTokenAxis(QCPAxis* axis, const QString& label)
{
    axis->setLabel(label);
    axis->grid()->setVisible(false);
    axis->setSubTicks(false);
    axis->setTickLength(0, 3);
    axis->setTicker(QSharedPointer<QCPAxisTickerText>::create());
}

// Sets thinned token labels on `axis` (cell k stands for token first(k)); returns the widest in pixels.
template <class First>
int setTokenTicks(QCPAxis* axis, const QStringList& labels, int count, bool pooled, First first,
                  int maxLabels)
{
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    const QFontMetrics metrics(axis->tickLabelFont());
    int widest = 0;
    const auto shown = visibleLabelIndices(count, axis->range().lower, axis->range().upper, maxLabels);
    const bool thinned = thinnedLabelIndices(count, maxLabels).size() < std::size_t(count) || pooled;
    for (int k : shown) {
        const QString text = tokenTickLabel(labels, first(k), thinned);
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
    // QCustomPlot asks for room for every margin at once; compare mode puts three side by side.
    m_plot->setMinimumSize(160, 160);

    m_plot->plotLayout()->insertRow(0);
    m_title =
        new QCPTextElement(m_plot, QString(), QFont(font().family(), font().pointSize() + 2, QFont::Bold));
    m_plot->plotLayout()->addElement(0, 0, m_title);

    QCPAxisRect* rect = m_plot->axisRect();
    styleTokenAxis(m_plot->xAxis, QString());
    styleTokenAxis(m_plot->yAxis, QString());
    m_plot->yAxis->setRangeReversed(true); // row 0 at the top, like a matrix

    m_rightMargin = rect->minimumMargins().right();
    m_map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
    m_map->setInterpolate(false);
    m_map->setTightBoundary(false);

    // Title above; below it the map and its scale in one grid, whose margins keep the cells square.
    m_plot->plotLayout()->take(rect);
    m_body = new QCPLayoutGrid;
    m_body->setAutoMargins(QCP::msNone);
    m_body->setMargins(QMargins());
    m_plot->plotLayout()->addElement(1, 0, m_body);
    m_body->addElement(0, 0, rect);
    m_scale = new QCPColorScale(m_plot);
    m_body->addElement(0, 1, m_scale);
    m_scale->setType(QCPAxis::atRight);
    m_scale->setBarWidth(14);
    m_map->setColorScale(m_scale);

    auto* margins = new QCPMarginGroup(m_plot);
    rect->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    m_scale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);

    // Highlights above the map, the selection frame above both.
    m_plot->addLayer(QStringLiteral("highlight"), m_plot->layer(QStringLiteral("main")),
                     QCustomPlot::limAbove);
    m_plot->addLayer(QStringLiteral("selection"), m_plot->layer(QStringLiteral("highlight")),
                     QCustomPlot::limAbove);
    m_plot->setCurrentLayer(QStringLiteral("main"));
    // White under black dashes: visible on every colour of every map.
    for (auto& [frame, pen] : {std::pair{&m_frameUnder, QPen(Qt::white, 3)},
                               std::pair{&m_frame, QPen(Qt::black, 2, Qt::DashLine)}}) {
        *frame = new QCPItemRect(m_plot);
        (*frame)->setPen(pen);
        (*frame)->setSelectable(false);
        (*frame)->setVisible(false);
        (*frame)->setLayer(QStringLiteral("selection"));
    }

    m_diagonalLine = new QCPItemLine(m_plot);
    m_diagonalLine->setPen(QPen(kHighlight, 3));
    m_diagonalLine->setSelectable(false);
    m_diagonalLine->setVisible(false);
    m_diagonalLine->setLayer(QStringLiteral("highlight"));

    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->setMouseTracking(true);
    connect(m_plot, &QCustomPlot::mouseMove, this, &HeatmapView::onMouseMove);
    connect(m_plot, &QCustomPlot::mousePress, this, &HeatmapView::onMousePress);
    connect(m_plot, &QCustomPlot::mouseRelease, this, &HeatmapView::onMouseRelease);
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this] {
        rebuild();
        emit viewReset();
    });
    connect(m_plot, &QCustomPlot::afterLayout, this, &HeatmapView::updateRotation);
    connect(m_plot, &QCustomPlot::afterLayout, this, &HeatmapView::updateAspect);
    // Zooming in shows the labels thinning had hidden.
    for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis})
        connect(axis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this] {
            updateTicks();
            if (!m_resettingRange) emit viewRangeChanged();
        });
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

    updateColors();
    m_scale->axis()->setLabel(m_data.valueLabel);
    m_scale->setVisible(!empty && m_showScale);

    // An empty map with a title says why there is nothing to show (e.g. not available at this n).
    updateTitle();
    m_plot->xAxis->setLabel(empty ? QString() : tr(m_data.colAxisLabel.toUtf8().constData()));
    m_plot->yAxis->setLabel(empty ? QString() : tr(m_data.rowAxisLabel.toUtf8().constData()));
    const AxisSpan xs = viewSpan(cols);
    const AxisSpan ys = viewSpan(rows);
    m_resettingRange = true;
    m_plot->xAxis->setRange(xs.lower, xs.upper);
    m_plot->yAxis->setRange(ys.lower, ys.upper);
    m_resettingRange = false;
    updateTicks();
    updateSelection();
    updateHighlights();
    updateDiagonal();
    m_plot->replot();
}

void HeatmapView::setTitle(const QString& title)
{
    if (title == m_data.title) return;
    m_data.title = title;
    updateTitle();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

AxisSpan HeatmapView::xRange() const
{
    return {m_plot->xAxis->range().lower, m_plot->xAxis->range().upper};
}

AxisSpan HeatmapView::yRange() const
{
    return {m_plot->yAxis->range().lower, m_plot->yAxis->range().upper};
}

// The title wraps to the plot's width: long ones (pooling, "unavailable at this n") stay readable.
void HeatmapView::updateTitle()
{
    const QString text =
        m_data.isEmpty() && m_data.title.isEmpty() ? tr("Nothing computed yet") : m_data.title;
    const int width = m_plot->width() - 16;
    QString wrapped = wrapText(text, QFontMetrics(m_title->font()), std::max(100, width));
    const int lines = int(wrapped.count(u'\n')) + 1;
    for (int k = lines; k < m_minTitleLines; ++k)
        wrapped += QStringLiteral("\n "); // a blank line is as tall as a written one
    m_title->setText(wrapped);
    if (lines == m_titleLines) return;
    m_titleLines = lines;
    emit titleLinesChanged(lines);
}

void HeatmapView::setMinimumTitleLines(int lines)
{
    lines = std::max(1, lines);
    if (lines == m_minTitleLines) return;
    m_minTitleLines = lines;
    updateTitle();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HeatmapView::updateColors()
{
    if (m_fixedRange.lower <= m_fixedRange.upper) {
        // Shared with neighbours (compare mode): their range, the kind the data's sign says.
        m_colorScale.map = colorMapFor(m_data, m_sequential);
        m_colorScale.range = m_fixedRange;
        m_colorScale.logApplies = logScaleApplies(m_data);
        m_colorScale.log = m_log && m_colorScale.logApplies;
        m_colorScale.mapApplies = m_colorScale.map != ColorMap::Diverging;
    } else {
        m_colorScale = colorScaleFor(m_data, m_sequential, m_log);
    }
    m_map->setGradient(makeGradient(m_colorScale.map));
    const bool log = m_colorScale.log;
    const AxisSpan range = m_colorScale.range;
    const auto type = log ? QCPAxis::stLogarithmic : QCPAxis::stLinear;
    m_map->setDataScaleType(type);
    m_scale->setDataScaleType(type);
    if (log)
        m_scale->axis()->setTicker(QSharedPointer<LogScaleTicker>::create(m_scale->axis()));
    else
        m_scale->axis()->setTicker(QSharedPointer<QCPAxisTicker>::create());
    m_map->setDataRange(QCPRange(range.lower, range.upper));
}

void HeatmapView::setLogScale(bool on)
{
    if (on == m_log) return;
    m_log = on;
    updateColors();
    m_plot->replot();
}

void HeatmapView::setFixedColorRange(AxisSpan range)
{
    m_fixedRange = range;
    updateColors();
    m_plot->replot();
}

void HeatmapView::setColorScaleVisible(bool visible)
{
    if (visible == m_showScale) return;
    m_showScale = visible;
    if (visible) {
        m_body->addElement(0, 1, m_scale);
    } else {
        m_body->take(m_scale);
        m_body->simplify();
    }
    m_scale->setVisible(visible && !m_data.isEmpty());
    m_plot->replot();
}

void HeatmapView::setSelectedToken(Cell token)
{
    if (token == m_selected) return;
    m_selected = token;
    updateSelection();
    m_plot->replot();
}

void HeatmapView::updateSelection()
{
    const Cell cell = displayCell(m_data, m_selected);
    for (QCPItemRect* frame : {m_frameUnder, m_frame}) {
        frame->setVisible(cell.isValid() && !m_data.isEmpty());
        if (!cell.isValid()) continue;
        frame->topLeft->setCoords(cell.col - 0.5, cell.row - 0.5);
        frame->bottomRight->setCoords(cell.col + 0.5, cell.row + 0.5);
    }
}

void HeatmapView::setHighlightedTokens(const std::vector<Cell>& tokens)
{
    if (tokens == m_highlighted) return;
    m_highlighted = tokens;
    updateHighlights();
    m_plot->replot();
}

void HeatmapView::setHighlightedDiagonal(std::optional<int> delta)
{
    if (delta == m_diagonal) return;
    m_diagonal = delta;
    updateDiagonal();
    m_plot->replot();
}

bool HeatmapView::diagonalShown() const
{
    return m_diagonalLine->visible();
}

void HeatmapView::updateDiagonal()
{
    const auto segment = m_diagonal ? diagonalSegment(m_data, *m_diagonal) : std::nullopt;
    m_diagonalLine->setVisible(segment.has_value());
    if (!segment) return;
    // Corner to corner of the end cells: half a cell beyond each centre along the diagonal.
    const double dx = segment->x1 - segment->x0, dy = segment->y1 - segment->y0;
    const double major = std::max({std::abs(dx), std::abs(dy), 1e-9});
    const double ex = dx == 0 && dy == 0 ? 0.5 : 0.5 * dx / major;
    const double ey = dx == 0 && dy == 0 ? 0.5 : 0.5 * dy / major;
    m_diagonalLine->start->setCoords(segment->x0 - ex, segment->y0 - ey);
    m_diagonalLine->end->setCoords(segment->x1 + ex, segment->y1 + ey);
}

void HeatmapView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) setPlotFont(m_plot, font());
    // A language switch: the view's own words (the empty state, default axis labels); the title and
    // hover text follow the data, which the panel makes again in the new language.
    if (event->type() != QEvent::FontChange && event->type() != QEvent::LanguageChange) return;
    rebuild();
}

void HeatmapView::updateHighlights()
{
    for (QCPItemRect* item : m_highlightItems)
        m_plot->removeItem(item);
    m_highlightItems.clear();
    if (m_data.isEmpty()) return;
    for (const CellRun& run : highlightRuns(m_data, m_highlighted)) {
        auto* item = new QCPItemRect(m_plot);
        item->setLayer(QStringLiteral("highlight"));
        item->setPen(QPen(kHighlight, 2.5));
        item->setSelectable(false);
        item->topLeft->setCoords(run.colFirst - 0.5 + kHighlightInset, run.row - 0.5 + kHighlightInset);
        item->bottomRight->setCoords(run.colLast + 0.5 - kHighlightInset, run.row + 0.5 - kHighlightInset);
        m_highlightItems.push_back(item);
    }
}

QSize HeatmapView::cellCapacity() const
{
    // The plot minus room for labels, title and colour bar; independent of the current labels so
    // that a new downsampling never changes the capacity it was made for.
    if (!m_square) return {std::max(1, m_plot->width() - 150), std::max(1, m_plot->height() - 110)};
    return squareCapacity(m_plot->width() - 150, m_plot->height() - 110);
}

void HeatmapView::setSquareCells(bool on)
{
    if (on == m_square) return;
    m_square = on;
    m_plot->replot(QCustomPlot::rpQueuedReplot); // updateAspect after the layout
    const QSize capacity = cellCapacity();
    if (capacity == m_capacity) return;
    m_capacity = capacity;
    emit capacityChanged(capacity);
}

// Square token cells (a diagonal at 45°, as the lessons draw it): the map's grid is padded after
// each layout until the axis rect shows as many pixels per token across as down.
void HeatmapView::updateAspect()
{
    QMargins pad;
    if (!m_data.isEmpty() && m_square) {
        const double tokensPerCol = double(m_data.totalCols()) / m_data.cols;
        const double tokensPerRow = double(m_data.totalRows()) / m_data.rows;
        pad = squarePadding(m_plot->axisRect()->rect().size(), m_body->margins(),
                            m_plot->xAxis->range().size() * tokensPerCol,
                            m_plot->yAxis->range().size() * tokensPerRow);
    }
    if (pad == m_body->margins()) return;
    m_body->setMargins(pad);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HeatmapView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    updateTitle();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    const QSize capacity = cellCapacity();
    if (capacity == m_capacity) return;
    m_capacity = capacity;
    emit capacityChanged(capacity);
}

// As many labels as fit one text line apart along the axis (rotated x labels stack like lines too).
int HeatmapView::labelBudget(Qt::Orientation orientation) const
{
    const QRect rect = m_plot->axisRect()->rect();
    const int px = orientation == Qt::Horizontal ? rect.width() : rect.height();
    const int line = QFontMetrics(m_plot->xAxis->tickLabelFont()).height() + 4;
    return std::clamp(px > 0 ? px / line : kMaxTickLabels, 2, kMaxTickLabels);
}

void HeatmapView::updateTicks()
{
    if (m_data.isEmpty()) return;
    m_budget = QSize(labelBudget(Qt::Horizontal), labelBudget(Qt::Vertical));
    const bool pooled = m_data.isPooled();
    m_widestColLabel = setTokenTicks(
        m_plot->xAxis, m_data.colLabels, m_data.cols, pooled, [this](int c) { return m_data.colStart(c); },
        m_budget.width());
    setTokenTicks(
        m_plot->yAxis, m_data.rowLabels, m_data.rows, pooled, [this](int r) { return m_data.rowStart(r); },
        m_budget.height());
}

// After each layout, since the space per label depends on the axis rect's width. Rotation only
// changes the bottom margin, not that width, so this settles after one extra replot.
void HeatmapView::updateRotation()
{
    if (m_data.isEmpty()) return;
    if (m_budget != QSize(labelBudget(Qt::Horizontal), labelBudget(Qt::Vertical))) {
        updateTicks();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
    const QCPRange range = m_plot->xAxis->range();
    const auto shown = visibleLabelIndices(m_data.cols, range.lower, range.upper, m_budget.width());
    const int step = shown.size() > 1 ? shown[1] - shown[0] : 1;
    const double spacing = double(m_plot->axisRect()->width()) * step / std::max(1.0, range.size());
    const double rotation = tickLabelRotation(m_widestColLabel, spacing);
    if (rotation != m_plot->xAxis->tickLabelRotation()) {
        m_plot->xAxis->setTickLabelRotation(rotation);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
    // Without a colour scale beside it, the map's right edge is the plot's: the last column's label
    // needs room there, or it is cut ("becau"). Centred it reaches w/2 past its tick; turned down by
    // 60° w·cos 60° + h·sin 60°/2. The room does not depend on the rotation or the cells' size, so
    // that it never feeds back into the layout it is part of.
    int room = 0;
    if (!m_showScale && !shown.empty()) {
        const double height = QFontMetrics(m_plot->xAxis->tickLabelFont()).height();
        room = int(std::ceil(0.5 * m_widestColLabel + 0.433 * height)) + 2;
    }
    room = std::max(room, m_rightMargin);
    QMargins minimum = m_plot->axisRect()->minimumMargins();
    if (std::abs(minimum.right() - room) > 1) {
        minimum.setRight(room);
        m_plot->axisRect()->setMinimumMargins(minimum);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

Cell HeatmapView::cellUnder(QPointF pos) const
{
    if (m_data.isEmpty() || !m_plot->axisRect()->rect().contains(pos.toPoint())) return {};
    const double key = m_plot->xAxis->pixelToCoord(pos.x());
    const double value = m_plot->yAxis->pixelToCoord(pos.y());
    return cellAt(key, value, m_data.rows, m_data.cols);
}

void HeatmapView::onMouseMove(QMouseEvent* event)
{
    const Cell cell = cellUnder(event->position());
    setHovered(cell);
    if (cell.isValid())
        QToolTip::showText(event->globalPosition().toPoint(), describeCell(m_data, cell), m_plot);
    else
        QToolTip::hideText();
}

// A click selects on release, and only when the pointer did not move: a drag pans the map and
// selects nothing (issue 13: a pan used to replace the worked example).
void HeatmapView::onMousePress(QMouseEvent* event)
{
    m_pressedAt = event->button() == Qt::LeftButton ? event->position() : QPointF(-1, -1);
}

void HeatmapView::onMouseRelease(QMouseEvent* event)
{
    const QPointF pressed = m_pressedAt;
    m_pressedAt = QPointF(-1, -1);
    if (event->button() != Qt::LeftButton || pressed.x() < 0) return;
    if ((event->position() - pressed).manhattanLength() >= QApplication::startDragDistance()) return;
    const Cell token = tokenCell(m_data, cellUnder(pressed));
    if (!token.isValid()) return;
    emit tokenClicked(token.row, token.col);
}

void HeatmapView::setHovered(Cell cell)
{
    if (cell == m_hovered) return;
    m_hovered = cell;
    emit cellHovered(cell.row, cell.col);
}

} // namespace poslab::widgets
