#include "contextview.h"

#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "plotfont.h"
#include "qcp.h"

namespace poslab::widgets {

namespace {

// Tableau 10, as the Δ-curve view; kinds: kept blue, interpolated orange, ramp green, other purple.
const QColor kPalette[] = {QColor("#4e79a7"), QColor("#f28e2b"), QColor("#59a14f"), QColor("#e15759"),
                           QColor("#76b7b2"), QColor("#edc948"), QColor("#b07aa1"), QColor("#ff9da7")};
const QColor kKindColor[] = {QColor("#4e79a7"), QColor("#f28e2b"), QColor("#59a14f"), QColor("#b07aa1")};
const QColor kLine("#b2182b"); // L0 and the full turn

QVector<double> toVector(const std::vector<double>& v)
{
    return QVector<double>(v.begin(), v.end());
}

QVector<double> pairIndices(std::size_t n)
{
    QVector<double> x(qsizetype(n), 0.0);
    for (std::size_t k = 0; k < n; ++k)
        x[qsizetype(k)] = double(k);
    return x;
}

void setupPlot(QCustomPlot* plot, const QFont& font)
{
    plot->legend->setVisible(true);
    plot->legend->setFont(QFont(font.family(), std::max(7, font.pointSize() - 1)));
    plot->legend->setBrush(QColor(255, 255, 255, 200));
    plot->legend->setBorderPen(Qt::NoPen);
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot->axisRect()->setRangeZoomAxes(plot->xAxis, nullptr);
    plot->axisRect()->setRangeDragAxes(plot->xAxis, nullptr);
    plot->setMinimumHeight(150);
}

void setLog(QCPAxis* axis)
{
    axis->setScaleType(QCPAxis::stLogarithmic);
    QSharedPointer<QCPAxisTickerLog> ticker(new QCPAxisTickerLog);
    axis->setTicker(ticker);
    axis->setNumberFormat(QStringLiteral("eb"));
    axis->setNumberPrecision(0);
}

// A horizontal or vertical reference line with its label at the far end.
void referenceLine(QCustomPlot* plot, bool horizontal, double at, const QString& label)
{
    auto* line = new QCPItemStraightLine(plot);
    line->point1->setCoords(horizontal ? 0 : at, horizontal ? at : 0);
    line->point2->setCoords(horizontal ? 1 : at, horizontal ? at : 1);
    line->setPen(QPen(kLine, 1.2, Qt::DashLine));
    line->setSelectable(false);
    auto* text = new QCPItemText(plot);
    text->setText(label);
    text->setColor(kLine);
    text->setSelectable(false);
    if (horizontal) {
        text->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
        text->position->setTypeY(QCPItemPosition::ptPlotCoords);
        text->position->setCoords(0.99, at); // the right end: where the pairs' lines are far from it
        text->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    } else {
        text->position->setTypeX(QCPItemPosition::ptPlotCoords);
        text->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        text->position->setCoords(at, 0.02);
        text->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        text->setPadding(QMargins(3, 0, 0, 0));
    }
}

// Pairs of one kind as dots of its colour, one legend entry per kind present.
void kindScatter(QCustomPlot* plot, const std::vector<double>& y, const std::vector<int>& kind)
{
    for (int k = 0; k < 4; ++k) {
        QVector<double> xs, ys;
        for (std::size_t p = 0; p < y.size(); ++p)
            if (kind[p] == k) {
                xs << double(p);
                ys << y[p];
            }
        if (xs.isEmpty()) continue;
        QCPGraph* g = plot->addGraph();
        g->setData(xs, ys, true);
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, kKindColor[k], kKindColor[k], 7));
        g->setName(ContextView::kindName(k));
    }
}

void finishPairAxis(QCustomPlot* plot, std::size_t pairs)
{
    plot->xAxis->setLabel(ContextView::tr("rotary pair k"));
    plot->xAxis->setRange(-0.7, std::max<double>(1, double(pairs) - 0.3));
    plot->yAxis->rescale();
    const QCPRange r = plot->yAxis->range();
    plot->yAxis->setRange(r.lower / 2, r.upper * 2);
}

} // namespace

QString ContextView::kindName(int kind)
{
    switch (kind) {
    case 0:
        return tr("kept");
    case 1:
        return tr("interpolated");
    case 2:
        return tr("ramp");
    default:
        return tr("other");
    }
}

ContextView::ContextView(QWidget* parent) : QWidget(parent), m_header(new QLabel(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_header->setWordWrap(true);
    m_header->setTextFormat(Qt::PlainText);
    layout->addWidget(m_header);
    for (QCustomPlot*& plot : m_plots) {
        plot = new QCustomPlot(this);
        setupPlot(plot, font());
        layout->addWidget(plot, 1);
    }
    // Each legend below its plot, in rows: never over the data or the reference lines.
    for (QCustomPlot* plot : m_plots) {
        plot->axisRect()->insetLayout()->take(plot->legend);
        plot->plotLayout()->addElement(1, 0, plot->legend);
        plot->plotLayout()->setRowStretchFactor(1, 0.001);
        plot->legend->setMargins(QMargins(4, 0, 4, 2));
        plot->legend->setBrush(Qt::NoBrush);
    }
    rebuild();
}

void ContextView::setData(ContextPlotData data)
{
    m_data = std::move(data);
    rebuild();
}

void ContextView::rebuild()
{
    const bool empty = !m_data.message.isEmpty() || m_data.wavelength.empty();
    m_header->setText(empty ? (m_data.message.isEmpty() ? tr("Nothing computed yet") : m_data.message)
                            : m_data.title + QLatin1Char('\n') + m_data.summary);
    m_header->setToolTip(m_data.notes);
    for (QCustomPlot* plot : m_plots) {
        plot->clearGraphs();
        plot->clearItems();
        plot->setVisible(!empty);
    }
    if (empty) return;
    buildWavelengths();
    buildAngles();
    buildCurves();
    layoutLegends();
    for (QCustomPlot* plot : m_plots)
        plot->replot();
}

// 2π/θ_k before (grey) and after (by kind) against L0: a pair whose wavelength exceeds L0 never
// turned fully in training.
void ContextView::buildWavelengths()
{
    QCustomPlot* plot = m_plots[0];
    const std::size_t pairs = m_data.wavelength.size();
    setLog(plot->yAxis);
    plot->yAxis->setLabel(tr("wavelength 2\u03c0/\u03b8"));
    QCPGraph* before = plot->addGraph();
    before->setData(pairIndices(pairs), toVector(m_data.wavelength), true);
    before->setPen(QPen(QColor(120, 120, 120), 1.2));
    before->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QColor(120, 120, 120), Qt::white, 5));
    before->setName(tr("unscaled"));
    kindScatter(plot, m_data.wavelengthScaled, m_data.kind);
    finishPairAxis(plot, pairs);
    const QCPRange r = plot->yAxis->range();
    plot->yAxis->setRange(std::min(r.lower, m_data.originalMax / 2),
                          std::max(r.upper, m_data.originalMax * 2));
    referenceLine(plot, true, m_data.originalMax, QStringLiteral("L0 = %1").arg(m_data.originalMax));
}

// Training saw angles [0, L0·θ_k); at L the largest offset turns pair k by (L − 1)·θ'_k. Above 2π a
// pair has turned fully (every angle seen); pairs marked red see angles training never produced.
void ContextView::buildAngles()
{
    QCustomPlot* plot = m_plots[1];
    const std::size_t pairs = m_data.trainedAngle.size();
    setLog(plot->yAxis);
    plot->yAxis->setLabel(tr("angle (radians)"));
    QCPGraph* trained = plot->addGraph();
    trained->setData(pairIndices(pairs), toVector(m_data.trainedAngle), true);
    trained->setPen(QPen(QColor(120, 120, 120), 1.2));
    trained->setName(tr("L0\u00b7\u03b8: trained"));
    QCPGraph* atL = plot->addGraph();
    atL->setData(pairIndices(pairs), toVector(m_data.angleAtL), true);
    atL->setPen(QPen(kPalette[0], 1.6));
    atL->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, kPalette[0], Qt::white, 5));
    atL->setName(tr("(L \u2212 1)\u00b7\u03b8\u2032: reached at L"));
    QVector<double> xs, ys;
    for (std::size_t k = 0; k < pairs; ++k)
        if (m_data.unseen[k]) {
            xs << double(k);
            ys << m_data.angleAtL[k];
        }
    QCPGraph* unseen = plot->addGraph();
    unseen->setData(xs, ys, true);
    unseen->setLineStyle(QCPGraph::lsNone);
    unseen->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssDisc, QColor("#e15759"), QColor("#e15759"), 8));
    unseen->setName(tr("new angles: %1 pairs").arg(xs.size()));
    finishPairAxis(plot, pairs);
    const QCPRange r = plot->yAxis->range();
    plot->yAxis->setRange(std::min(r.lower, 1.0), std::max(r.upper, 20.0));
    referenceLine(plot, true, 2 * std::numbers::pi, tr("2\u03c0: a full turn"));
}

// Every scaling's score against distance past L0, the scheme's own drawn thick.
void ContextView::buildCurves()
{
    QCustomPlot* plot = m_plots[2];
    for (std::size_t k = 0; k < m_data.curves.size(); ++k) {
        const ContextPlotData::Curve& c = m_data.curves[k];
        QCPGraph* g = plot->addGraph();
        g->setData(toVector(c.x), toVector(c.y), true);
        g->setPen(
            QPen(c.emphasis ? QColor(Qt::black) : kPalette[k % std::size(kPalette)], c.emphasis ? 2.2 : 1.2));
        g->setName(c.name);
        g->setAdaptiveSampling(true);
    }
    plot->xAxis->setLabel(tr("distance i \u2212 j (a query at L \u2212 1 and its keys)"));
    plot->yAxis->setLabel(tr("score (q = k)"));
    plot->rescaleAxes();
    const QCPRange r = plot->yAxis->range();
    const double pad = 0.06 * std::max(r.size(), 1e-9);
    plot->yAxis->setRange(r.lower - pad, r.upper + pad);
    plot->xAxis->setRange(0, std::max(1.0, m_data.length - 1));
    referenceLine(plot, false, m_data.originalMax, QStringLiteral("L0"));
}

// As many legend columns as the widest entry allows across each plot's width (as the Δ-curve view).
void ContextView::layoutLegends()
{
    for (QCustomPlot* plot : m_plots)
        wrapLegendToWidth(plot);
}

void ContextView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) rebuild();
}

void ContextView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    layoutLegends();
    for (QCustomPlot* plot : m_plots)
        plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace poslab::widgets
