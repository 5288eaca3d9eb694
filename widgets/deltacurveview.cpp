#include "deltacurveview.h"

#include <QEvent>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "heatmapmapping.h"
#include "plotfont.h"
#include "qcp.h"

namespace poslab::widgets {

namespace {

constexpr int kMaxLegendEntries = 10;
constexpr std::size_t kMaxHighlightBands = 256;
const QColor kHighlight(255, 0, 170); // as the heatmap's highlight outlines
const QColor kSweep = kHighlight;     // as the heatmap's diagonal of the same Δ

// Tableau 10: distinct, readable on white.
const QColor kPalette[] = {QColor("#4e79a7"), QColor("#f28e2b"), QColor("#59a14f"), QColor("#e15759"),
                           QColor("#76b7b2"), QColor("#edc948"), QColor("#b07aa1"), QColor("#ff9da7"),
                           QColor("#9c755f"), QColor("#bab0ac")};

QVector<double> toVector(const std::vector<double>& v)
{
    return QVector<double>(v.begin(), v.end());
}

// Δ and positions are whole numbers: no tick label halfway between two ("2.5").
class WholeTicker : public QCPAxisTicker
{
  protected:
    double getTickStep(const QCPRange& range) override
    {
        const double step = QCPAxisTicker::getTickStep(range); // 1, 2, 2.5 or 5 × a power of ten
        return step < 10 ? std::max(1.0, std::floor(step)) : step;
    }
};

} // namespace

DeltaCurveView::DeltaCurveView(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->plotLayout()->insertRow(0);
    m_title =
        new QCPTextElement(m_plot, QString(), QFont(font().family(), font().pointSize() + 2, QFont::Bold));
    m_plot->plotLayout()->addElement(0, 0, m_title);
    m_plot->xAxis->setTicker(QSharedPointer<WholeTicker>::create());
    m_plot->yAxis2->setVisible(true);
    m_plot->legend->setFont(QFont(font().family(), std::max(7, font().pointSize() - 1)));
    m_plot->legend->setBrush(Qt::NoBrush);
    m_plot->legend->setBorderPen(Qt::NoPen);
    // Below the axis rect, in rows: never over the curves.
    m_plot->axisRect()->insetLayout()->take(m_plot->legend);
    m_plot->plotLayout()->addElement(2, 0, m_plot->legend);
    m_plot->plotLayout()->setRowStretchFactor(2, 0.001);
    m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    m_plot->legend->setMargins(QMargins(4, 0, 4, 2));
    m_plot->installEventFilter(this);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeZoomAxes(m_plot->xAxis, nullptr); // zoom Δ (or position) only
    m_plot->axisRect()->setRangeDragAxes(m_plot->xAxis, nullptr);
    rebuild();
}

void DeltaCurveView::setData(CurvePlotData data)
{
    m_data = std::move(data);
    rebuild();
}

int DeltaCurveView::seriesCount() const
{
    int count = 0;
    for (int k = 0; k < m_plot->graphCount(); ++k)
        count += m_plot->graph(k)->valueAxis() == m_plot->yAxis;
    return count;
}

void DeltaCurveView::rebuild()
{
    m_plot->clearGraphs();
    m_plot->clearItems();
    m_highlightItems.clear(); // deleted with the other items
    updateTitle();
    m_plot->xAxis->setLabel(m_data.xLabel.isEmpty() ? QStringLiteral("\u0394 = j \u2212 i") : m_data.xLabel);
    m_plot->yAxis->setLabel(m_data.valueLabel);
    m_plot->yAxis2->setLabel(m_data.profileLabel);
    m_plot->yAxis2->setTickLabels(!m_data.profileY.empty()); // no numbers for a profile not shown

    const bool many = m_data.series.size() > kMaxLegendEntries;
    for (std::size_t k = 0; k < m_data.series.size(); ++k) {
        const CurveSeries& s = m_data.series[k];
        QCPGraph* g = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis);
        g->setData(toVector(s.x), toVector(s.y), true);
        g->setName(s.name);
        QColor color = s.emphasis ? QColor(Qt::black) : kPalette[k % std::size(kPalette)];
        if (many && !s.emphasis) color.setAlpha(110);
        g->setPen(QPen(color, s.emphasis ? 2.5 : (many ? 1.0 : 1.6)));
        if (s.dashed) g->setPen(QPen(QColor("#8c2d04"), 2.2, Qt::DashLine));
        g->setLineStyle(s.steps ? QCPGraph::lsStepCenter : QCPGraph::lsLine);
        if (many && !s.emphasis && !s.dashed) g->removeFromLegend();
    }
    if (!m_data.profileY.empty()) {
        QCPGraph* g = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
        g->setData(toVector(m_data.profileX), toVector(m_data.profileY), true);
        g->setName(m_data.profileLabel);
        g->setPen(QPen(QColor("#444444"), 1.2, Qt::DashLine));
        // A dot per point while they stay apart; beyond, the dashed line alone (not a grey band).
        if (m_data.profileX.size() <= kMaxProfileDots)
            g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QColor("#444444"), Qt::white, 5));
        g->rescaleValueAxis(false, false);
        // A margin at both ends, so that dots at 0 (masked diagonals' neighbours) are not cut in half.
        const QCPRange r = m_plot->yAxis2->range();
        const double lower = std::min(0.0, r.lower);
        const double pad = 0.05 * std::max(r.upper - lower, 1e-9);
        m_plot->yAxis2->setRange(lower - pad, r.upper + pad);
    }
    for (double x : m_data.boundaries) {
        auto* line = new QCPItemStraightLine(m_plot);
        line->point1->setCoords(x, 0);
        line->point2->setCoords(x, 1);
        line->setPen(QPen(QColor(150, 150, 150), 1, Qt::DotLine));
        line->setSelectable(false);
    }
    m_marker = new QCPItemStraightLine(m_plot);
    m_marker->setPen(QPen(QColor("#b2182b"), 1.5));
    m_marker->setSelectable(false);
    setMarker(m_data.marker);
    updateHighlights();
    m_sweepLine = new QCPItemStraightLine(m_plot);
    m_sweepLine->setPen(QPen(kSweep, 2, Qt::DashLine));
    m_sweepLine->setSelectable(false);
    m_sweepDot = new QCPItemTracer(m_plot);
    m_sweepDot->setStyle(QCPItemTracer::tsCircle);
    m_sweepDot->setSize(11);
    m_sweepDot->setPen(QPen(kSweep, 2));
    m_sweepDot->setBrush(Qt::white);
    m_sweepDot->setInterpolating(true);
    m_sweepDot->setSelectable(false);
    // On the scheme's curve (its emphasised sum when it has several), else on the profile.
    int traced = 0;
    for (std::size_t k = 0; k < m_data.series.size(); ++k)
        if (m_data.series[k].emphasis) traced = int(k);
    if (m_plot->graphCount() > 0) m_sweepDot->setGraph(m_plot->graph(traced));
    updateSweep();

    m_plot->legend->setVisible(!m_data.series.empty());
    layoutLegend();
    if (m_plot->graphCount() > 0) {
        m_plot->xAxis->rescale();
        for (int k = 0; k < m_plot->graphCount(); ++k)
            if (m_plot->graph(k)->valueAxis() == m_plot->yAxis)
                m_plot->graph(k)->rescaleValueAxis(k > 0, false);
        const QCPRange y = m_plot->yAxis->range();
        const double pad = 0.06 * std::max(y.size(), 1e-9);
        m_plot->yAxis->setRange(y.lower - pad, y.upper + pad);
        const QCPRange x = m_plot->xAxis->range();
        m_plot->xAxis->setRange(x.lower - 0.5, x.upper + 0.5);
    }
    m_plot->replot();
}

// As many legend columns as the widest entry allows across the plot's width.
void DeltaCurveView::layoutLegend()
{
    wrapLegendToWidth(m_plot);
}

// Wraps to the plot's width: a long scheme title is never cut at both ends.
void DeltaCurveView::updateTitle()
{
    const QString text = m_data.title.isEmpty() ? tr("Nothing computed yet") : m_data.title;
    m_title->setText(wrapText(text, QFontMetrics(m_title->font()), std::max(100, m_plot->width() - 24)));
}

void DeltaCurveView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    updateTitle();
    layoutLegend();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

// The plot's own size, not the view's: a view resized while hidden (another tab) gets its pending
// resize before its layout has resized the plot, so the title and the legend are fitted again when
// the plot itself changes size.
bool DeltaCurveView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_plot && event->type() == QEvent::Resize) {
        updateTitle();
        layoutLegend();
    }
    return QWidget::eventFilter(watched, event);
}

void DeltaCurveView::setSweep(double delta)
{
    if (delta == m_sweep || (std::isnan(delta) && std::isnan(m_sweep))) return;
    m_sweep = delta;
    updateSweep();
    m_plot->replot();
}

void DeltaCurveView::updateSweep()
{
    const bool shown = std::isfinite(m_sweep) && m_plot->graphCount() > 0;
    m_sweepLine->setVisible(shown);
    m_sweepDot->setVisible(shown);
    if (!shown) return;
    m_sweepLine->point1->setCoords(m_sweep, 0);
    m_sweepLine->point2->setCoords(m_sweep, 1);
    m_sweepDot->setGraphKey(m_sweep);
}

bool DeltaCurveView::sweepShown() const
{
    return m_sweepDot && m_sweepDot->visible();
}

QPointF DeltaCurveView::sweepPoint() const
{
    if (!sweepShown()) return {};
    m_sweepDot->updatePosition();
    return m_sweepDot->position->coords();
}

void DeltaCurveView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) setPlotFont(m_plot, font());
    if (event->type() != QEvent::FontChange && event->type() != QEvent::LanguageChange) return;
    rebuild();
}

void DeltaCurveView::setHighlightedDeltas(const std::vector<int>& deltas)
{
    if (deltas == m_highlighted) return;
    m_highlighted = deltas;
    updateHighlights();
    m_plot->replot();
}

// A band Δ ± 0.35 over the full height (y in axis-rect ratios), translucent so the curves show through.
void DeltaCurveView::updateHighlights()
{
    for (QCPItemRect* item : m_highlightItems)
        m_plot->removeItem(item);
    m_highlightItems.clear();
    for (std::size_t k = 0; k < m_highlighted.size() && k < kMaxHighlightBands; ++k) {
        auto* band = new QCPItemRect(m_plot);
        for (QCPItemPosition* p : {band->topLeft, band->bottomRight}) {
            p->setTypeX(QCPItemPosition::ptPlotCoords);
            p->setTypeY(QCPItemPosition::ptAxisRectRatio);
        }
        band->topLeft->setCoords(m_highlighted[k] - 0.35, 0.0);
        band->bottomRight->setCoords(m_highlighted[k] + 0.35, 1.0);
        QColor fill = kHighlight;
        fill.setAlpha(45);
        band->setBrush(fill);
        band->setPen(QPen(kHighlight, 1.2));
        band->setSelectable(false);
        m_highlightItems.push_back(band);
    }
}

void DeltaCurveView::setMarker(double delta)
{
    m_data.marker = delta;
    if (!m_marker) return;
    m_marker->setVisible(std::isfinite(delta));
    if (std::isfinite(delta)) {
        m_marker->point1->setCoords(delta, 0);
        m_marker->point2->setCoords(delta, 1);
    }
    m_plot->replot();
}

} // namespace poslab::widgets
