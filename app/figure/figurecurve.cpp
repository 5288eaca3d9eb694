// FigurePlot's Δ-curve: the scheme's columns and the measured profile, the legend above the plot.
#include "figureplot.h"

#include "qcp.h"

#include <algorithm>
#include <cmath>

namespace poslab::figure {

namespace {

constexpr double kMmPerInch = 25.4;

} // namespace

void FigurePlot::buildCurve(const FigureContent& content, int row)
{
    const widgets::CurvePlotData& d = content.curve;
    auto* rect = new QCPAxisRect(m_plot.get());
    rect->setMinimumMargins(QMargins(0, 4, 8, 0)); // room for the outermost tick labels
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    QCPAxis* y2 = rect->axis(QCPAxis::atRight);
    styleAxis(x, d.xLabel.isEmpty() ? QStringLiteral("\u0394 = j \u2212 i") : d.xLabel);
    styleAxis(y, d.valueLabel);
    styleAxis(y2, d.profileLabel);
    y2->setVisible(!d.profileX.empty());
    y2->setTickLabels(true);
    for (QCPAxis* axis : {x, y})
        axis->grid()->setPen(QPen(QColor(225, 225, 225), 0));
    y2->grid()->setVisible(false);
    // Okabe–Ito: distinct for colour-blind readers and in grey.
    const QColor palette[] = {QColor(0, 114, 178),   QColor(213, 94, 0),   QColor(0, 158, 115),
                              QColor(204, 121, 167), QColor(86, 180, 233), QColor(230, 159, 0)};
    int k = 0;
    std::vector<QCPGraph*> named; // in the legend
    for (const widgets::CurveSeries& s : d.series) {
        auto* graph = m_plot->addGraph(x, y);
        graph->setData(QVector<double>(s.x.begin(), s.x.end()), QVector<double>(s.y.begin(), s.y.end()),
                       true);
        graph->setLineStyle(s.steps ? QCPGraph::lsStepCenter : QCPGraph::lsLine);
        // Grouped: many lines of one family, one colour, thin, so that the emphasised one stands out.
        const QPen plain =
            content.curveGrouped ? QPen(QColor(0, 114, 178, 150), 0.6) : QPen(palette[k++ % 6], 1.0);
        graph->setPen(s.emphasis ? QPen(Qt::black, 1.6) : plain);
        graph->setName(s.name);
        if (!s.name.isEmpty()) named.push_back(graph);
    }
    x->setRange(d.profileX.empty() && d.series.empty()
                    ? QCPRange(-1, 1)
                    : QCPRange(d.series.empty() ? d.profileX.front() : d.series.front().x.front(),
                               d.series.empty() ? d.profileX.back() : d.series.front().x.back()));
    if (d.logValue) {
        y->setScaleType(QCPAxis::stLogarithmic);
        y->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
        y->setNumberFormat(QStringLiteral("eb"));
        y->setNumberPrecision(0);
    }
    y->rescale();
    for (const auto& [level, label] : d.levels) // within the range, with room around it
        y->setRange(std::min(y->range().lower, level), std::max(y->range().upper, level));
    if (d.logValue)
        y->setRange(y->range().lower / 2, y->range().upper * 2);
    else
        y->scaleRange(1.08, y->range().center());
    for (const auto& [level, label] : d.levels) {
        auto* line = new QCPItemStraightLine(m_plot.get());
        line->setClipToAxisRect(true);
        line->setClipAxisRect(rect);
        line->point1->setAxes(x, y);
        line->point2->setAxes(x, y);
        line->point1->setCoords(0, level);
        line->point2->setCoords(1, level);
        line->setPen(QPen(QColor(178, 24, 43), 0.8, Qt::DashLine));
        auto* text = new QCPItemText(m_plot.get());
        text->setClipToAxisRect(true);
        text->setClipAxisRect(rect);
        text->position->setAxes(x, y);
        text->position->setAxisRect(rect);
        text->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
        text->position->setCoords(0.01, level);
        text->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        text->setText(label);
        text->setFont(font(-1));
        text->setColor(QColor(178, 24, 43));
    }
    if (!d.profileX.empty()) {
        auto* profile = m_plot->addGraph(x, y2);
        profile->setData(QVector<double>(d.profileX.begin(), d.profileX.end()),
                         QVector<double>(d.profileY.begin(), d.profileY.end()), true);
        profile->setPen(QPen(QColor(90, 90, 90), 1.0, Qt::DashLine));
        if (d.profileX.size() <= widgets::kMaxProfileDots) // as the explorer draws it
            profile->setScatterStyle(
                QCPScatterStyle(QCPScatterStyle::ssCircle, QColor(90, 90, 90), Qt::white, 3));
        profile->setName(d.profileLabel);
        named.push_back(profile);
        y2->setRange(0, std::max(1e-9, *std::max_element(d.profileY.begin(), d.profileY.end()) * 1.1));
    }
    for (double b : d.boundaries) {
        auto* line = new QCPItemStraightLine(m_plot.get());
        line->setClipToAxisRect(true); // not automatic: the rect is not in the layout yet
        line->setClipAxisRect(rect);
        line->point1->setAxes(x, y);
        line->point2->setAxes(x, y);
        line->point1->setCoords(b, 0);
        line->point2->setCoords(b, 1);
        line->setPen(QPen(QColor(160, 160, 160), 0.6, Qt::DotLine));
    }
    if (std::isfinite(d.marker)) {
        auto* line = new QCPItemStraightLine(m_plot.get());
        line->setClipToAxisRect(true);
        line->setClipAxisRect(rect);
        line->point1->setAxes(x, y);
        line->point2->setAxes(x, y);
        line->point1->setCoords(d.marker, 0);
        line->point2->setCoords(d.marker, 1);
        line->setPen(QPen(Qt::red, 1.0));
    }
    // The legend above the plot, never over the curves: as many columns as fit the width.
    const int graphs = int(named.size());
    if (graphs > 0) {
        // Centred: the legend at its own width between two empty cells that share the rest.
        auto* line = new QCPLayoutGrid;
        m_plot->plotLayout()->addElement(row++, 0, line);
        auto* legend = new QCPLegend;
        line->addElement(0, 0, new QCPLayoutElement(m_plot.get()));
        line->addElement(0, 1, legend);
        line->addElement(0, 2, new QCPLayoutElement(m_plot.get()));
        line->setColumnSpacing(0);
        legend->setLayer(QStringLiteral("legend"));
        legend->setFont(font(-1));
        legend->setIconSize(14, 6);
        legend->setRowSpacing(0);
        legend->setColumnSpacing(8);
        legend->setMargins(QMargins(0, 0, 0, 0));
        legend->setBorderPen(Qt::NoPen);
        legend->setBrush(Qt::NoBrush);
        std::vector<int> widths;
        for (int g = 0; g < graphs; ++g) {
            auto* item = new QCPPlottableLegendItem(legend, named[std::size_t(g)]);
            item->setFont(legend->font());
            widths.push_back(static_cast<QCPLayoutElement*>(item)->minimumOuterSizeHint().width());
            delete item;
        }
        const int room = qRound(m_session.style.widthMm / kMmPerInch * logicalDpi()) - 4;
        int columns = graphs;
        for (; columns > 1; --columns) {
            int total = (columns - 1) * legend->columnSpacing();
            for (int c = 0; c < columns; ++c) {
                int widest = 0;
                for (int g = c; g < graphs; g += columns)
                    widest = std::max(widest, widths[std::size_t(g)]);
                total += widest;
            }
            if (total <= room) break;
        }
        legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, false);
        legend->setWrap(columns);
        for (int g = 0; g < graphs; ++g)
            legend->addItem(new QCPPlottableLegendItem(legend, named[std::size_t(g)]));
        const QSize natural = static_cast<QCPLayoutElement*>(legend)->minimumOuterSizeHint();
        legend->setMinimumSize(natural);
        legend->setMaximumSize(natural);
        line->setMaximumSize(QWIDGETSIZE_MAX, natural.height());
    }
    m_plot->plotLayout()->addElement(row, 0, rect);
}

} // namespace poslab::figure
