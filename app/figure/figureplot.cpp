#include "figureplot.h"

#include <colormaps.h>
#include <heatmapmapping.h>

#include <QGuiApplication>
#include <QImage>
#include <QScreen>

#include <algorithm>
#include <cmath>

#include "qcp.h"

namespace poslab::figure {

namespace {

const QColor kMaskHatch(170, 170, 170);
constexpr double kMmPerInch = 25.4;

QCPColorGradient gradientFor(const Session& s, const widgets::HeatmapData& d)
{
    if (s.style.colormap == "grayscale") {
        QCPColorGradient g;
        g.setColorStops({{0.0, QColor(250, 250, 250)}, {1.0, QColor(0, 0, 0)}});
        g.setNanHandling(QCPColorGradient::nhTransparent);
        return g;
    }
    widgets::ColorMap seq = widgets::ColorMap::Viridis;
    if (s.style.colormap == "magma") seq = widgets::ColorMap::Magma;
    if (s.style.colormap == "cividis") seq = widgets::ColorMap::Cividis;
    return widgets::makeGradient(widgets::colorMapFor(d, seq));
}

} // namespace

// A colour map that, in vector output, paints its cells as one image at the requested DPI scaled
// up from the cells by nearest neighbour, so cells stay crisp in every viewer.
class CellMap : public QCPColorMap
{
  public:
    using QCPColorMap::QCPColorMap;
    int cols = 0, rows = 0;
    bool vector = false;
    int dpi = 300;
    double logicalDpi = 96;

  protected:
    void draw(QCPPainter* painter) override
    {
        if (!vector) return QCPColorMap::draw(painter);
        const QPointF a(keyAxis()->coordToPixel(-0.5), valueAxis()->coordToPixel(-0.5));
        const QPointF b(keyAxis()->coordToPixel(cols - 0.5), valueAxis()->coordToPixel(rows - 0.5));
        const QRectF target = QRectF(a, b).normalized();
        QImage cells(cols, rows, QImage::Format_ARGB32_Premultiplied);
        QCPColorGradient g = gradient();
        std::vector<double> line(static_cast<std::size_t>(cols));
        for (int r = 0; r < rows; ++r) {
            for (int c = 0; c < cols; ++c)
                line[std::size_t(c)] = data()->cell(c, r);
            g.colorize(line.data(), dataRange(), reinterpret_cast<QRgb*>(cells.scanLine(r)), cols, 1,
                       dataScaleType() == QCPAxis::stLogarithmic);
        }
        const double scale = dpi / logicalDpi;
        const int w = std::clamp(int(std::lround(target.width() * scale)), cols, std::max(cols, 8192));
        const int h = std::clamp(int(std::lround(target.height() * scale)), rows, std::max(rows, 8192));
        painter->setRenderHint(QPainter::SmoothPixmapTransform, false);
        painter->drawImage(target, cells.scaled(w, h, Qt::IgnoreAspectRatio, Qt::FastTransformation));
    }
};

int FigurePlot::logicalDpi()
{
    // QCustomPlot lays text out with QFontMetrics(font), that is at the screen's logical DPI.
    const QScreen* screen = QGuiApplication::primaryScreen();
    return screen ? std::max(1, qRound(screen->logicalDotsPerInchY())) : 96;
}

FigurePlot::FigurePlot(const FigureContent& content, const Session& session)
    : m_session(session), m_data(content.maps), m_plot(std::make_unique<QCustomPlot>())
{
    const double dpi = logicalDpi();
    m_plot->setBackground(Qt::white);
    m_plot->plotLayout()->clear();
    m_plot->plotLayout()->setRowSpacing(2);
    m_plot->plotLayout()->setColumnSpacing(4);
    const QString title = session.style.title ? QString::fromStdString(*session.style.title) : content.title;
    const double widthMm = session.style.widthMm;
    if (!title.isEmpty()) {
        QFont font(QString::fromStdString(session.style.fontFamily));
        font.setPointSizeF(session.style.fontSize + 1);
        font.setBold(true);
        const int room = qRound(widthMm / kMmPerInch * dpi) - 4;
        auto* text = new QCPTextElement(m_plot.get(), QFontMetrics(font).elidedText(title, Qt::ElideRight, room), font);
        text->setMargins(QMargins(0, 0, 0, 2));
        m_plot->plotLayout()->addElement(0, 0, text);
    }
    if (content.isCurve)
        buildCurve(content);
    else
        buildMaps(content);

    double heightMm = session.style.heightMm;
    if (heightMm <= 0) {
        const int gridRows = content.isCurve ? 1 : int(m_data.size() + m_gridCols - 1) / m_gridCols;
        heightMm = content.isCurve ? widthMm * 0.62
                                   : gridRows * (widthMm / m_gridCols) * 0.8 + (title.isEmpty() ? 8 : 13);
    }
    m_logical = QSize(qRound(widthMm / kMmPerInch * dpi), qRound(heightMm / kMmPerInch * dpi));
    m_plot->resize(m_logical);
    dryRun();
    updateTicks();
    dryRun();
    if (!content.isCurve && !m_maps.empty()) {
        for (int pass = 0; pass < 3; ++pass) {
            balanceColumns();
            if (session.style.heightMm <= 0) {
                // Square cells: grow or shrink the height by what each row of axis rects lacks.
                const QRect r = m_maps.front()->keyAxis()->axisRect()->rect();
                const double want = double(r.width()) * m_data.front().rows / std::max(1, m_data.front().cols);
                const int gridRows = int(m_data.size() + m_gridCols - 1) / m_gridCols;
                m_logical.setHeight(std::max(m_logical.height() + gridRows * int(std::lround(want - r.height())),
                                             qRound(25 / kMmPerInch * dpi)));
            }
            dryRun();
            updateTicks();
            dryRun();
        }
        if (session.style.heightMm <= 0) heightMm = m_logical.height() * kMmPerInch / dpi;
    }
    updateTicks();
    m_sizeMm = QSizeF(widthMm, heightMm);
}

FigurePlot::~FigurePlot() = default;

void FigurePlot::styleAxis(QCPAxis* axis, const QString& label)
{
    QFont font(QString::fromStdString(m_session.style.fontFamily));
    font.setPointSizeF(m_session.style.fontSize);
    axis->setLabel(label);
    axis->setLabelFont(font);
    axis->setTickLabelFont(font);
    axis->setLabelPadding(1);
    axis->setTickLabelPadding(2);
    axis->setTickLength(0, 2);
    axis->setSubTickLength(0, 1);
    axis->setPadding(0);
}

void FigurePlot::buildMaps(const FigureContent& content)
{
    const int count = int(m_data.size());
    m_gridCols = count == 1 ? 1 : std::min(count, std::max(2, int(std::lround(m_session.style.widthMm / 45))));
    auto* body = new QCPLayoutGrid;
    m_plot->plotLayout()->addElement(1, 0, body);
    body->setColumnSpacing(4);
    auto* grid = new QCPLayoutGrid;
    body->addElement(0, 0, grid);
    grid->setRowSpacing(3);
    grid->setColumnSpacing(3);
    const bool log = m_session.style.logScale && widgets::logScaleApplies(m_data.front());
    const widgets::AxisSpan range = widgets::sharedColorRange(m_data, log);
    auto* scale = new QCPColorScale(m_plot.get());
    body->addElement(0, 1, scale);
    scale->setType(QCPAxis::atRight);
    scale->setBarWidth(qRound(2.5 / kMmPerInch * logicalDpi()));
    styleAxis(scale->axis(), m_data.front().valueLabel);
    scale->axis()->setTickLength(0, 2);
    auto* margins = new QCPMarginGroup(m_plot.get());
    std::vector<QCPMarginGroup*> columnGroups;
    for (int c = 0; c < m_gridCols; ++c)
        columnGroups.push_back(new QCPMarginGroup(m_plot.get()));
    for (int k = 0; k < count; ++k) {
        const widgets::HeatmapData& d = m_data[std::size_t(k)];
        const int row = k / m_gridCols, col = k % m_gridCols;
        auto* rect = new QCPAxisRect(m_plot.get());
        grid->addElement(row, col, rect);
        rect->setupFullAxesBox(false);
        rect->axis(QCPAxis::atRight)->setVisible(false);
        QCPAxis* x = rect->axis(QCPAxis::atBottom);
        QCPAxis* y = rect->axis(QCPAxis::atLeft);
        QCPAxis* top = rect->axis(QCPAxis::atTop);
        const bool labelX = row == (count - 1) / m_gridCols || k + m_gridCols >= count;
        styleAxis(x, labelX ? d.colAxisLabel : QString());
        styleAxis(y, col == 0 ? d.rowAxisLabel : QString());
        x->setTickLabels(labelX);
        y->setTickLabels(col == 0);
        for (QCPAxis* axis : {x, y}) {
            axis->grid()->setVisible(false);
            axis->setSubTicks(false);
        }
        top->setVisible(count > 1);
        styleAxis(top, d.title);
        top->setTicks(false);
        top->setBasePen(Qt::NoPen);
        y->setRangeReversed(true);
        x->setRange(-0.5, d.cols - 0.5);
        y->setRange(-0.5, d.rows - 0.5);
        rect->setBackground(QBrush(kMaskHatch, Qt::BDiagPattern));
        rect->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
        rect->setMarginGroup(QCP::msLeft | QCP::msRight | QCP::msTop | QCP::msBottom, columnGroups[std::size_t(col)]);
        if (k == 0) scale->setMarginGroup(QCP::msTop | QCP::msBottom, margins);

        auto* map = new CellMap(x, y);
        map->cols = d.cols;
        map->rows = d.rows;
        map->logicalDpi = logicalDpi();
        map->setInterpolate(false);
        map->setTightBoundary(false);
        map->data()->setSize(d.cols, d.rows);
        map->data()->setRange(QCPRange(0, d.cols - 1), QCPRange(0, d.rows - 1));
        for (int r = 0; r < d.rows; ++r)
            for (int c = 0; c < d.cols; ++c)
                map->data()->setCell(c, r, d.isMasked(r, c) ? std::nan("") : d.at(r, c));
        map->setGradient(gradientFor(m_session, d));
        map->setDataScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
        map->setDataRange(QCPRange(range.lower, range.upper));
        if (k == 0) {
            // Linking pushes the scale's gradient and range onto the map: set them on the scale.
            map->setColorScale(scale);
            scale->setGradient(gradientFor(m_session, d));
            scale->setDataScaleType(map->dataScaleType());
            if (log) scale->axis()->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
            scale->setDataRange(QCPRange(range.lower, range.upper));
        }
        if (m_session.cellI >= 0 && (count == 1 || k == m_session.head)) {
            auto* frame = new QCPItemRect(m_plot.get());
            frame->setClipAxisRect(rect);
            frame->topLeft->setAxes(x, y);
            frame->bottomRight->setAxes(x, y);
            frame->topLeft->setCoords(m_session.cellJ - 0.5, m_session.cellI - 0.5);
            frame->bottomRight->setCoords(m_session.cellJ + 0.5, m_session.cellI + 0.5);
            frame->setPen(QPen(Qt::red, 1.5));
        }
        m_maps.push_back(map);
    }
    (void)content;
}

void FigurePlot::buildCurve(const FigureContent& content)
{
    const widgets::CurvePlotData& d = content.curve;
    auto* rect = new QCPAxisRect(m_plot.get());
    m_plot->plotLayout()->addElement(1, 0, rect);
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    QCPAxis* y2 = rect->axis(QCPAxis::atRight);
    styleAxis(x, QStringLiteral("\u0394 = j \u2212 i"));
    styleAxis(y, d.valueLabel);
    styleAxis(y2, d.profileLabel);
    y2->setVisible(!d.profileX.empty());
    y2->setTickLabels(true);
    for (QCPAxis* axis : {x, y})
        axis->grid()->setPen(QPen(QColor(225, 225, 225), 0));
    y2->grid()->setVisible(false);
    // Okabe–Ito: distinct for colour-blind readers and in grey.
    const QColor palette[] = {QColor(0, 114, 178), QColor(213, 94, 0),   QColor(0, 158, 115),
                              QColor(204, 121, 167), QColor(86, 180, 233), QColor(230, 159, 0)};
    int k = 0;
    for (const widgets::CurveSeries& s : d.series) {
        auto* graph = m_plot->addGraph(x, y);
        graph->setData(QVector<double>(s.x.begin(), s.x.end()), QVector<double>(s.y.begin(), s.y.end()), true);
        graph->setLineStyle(s.steps ? QCPGraph::lsStepCenter : QCPGraph::lsLine);
        graph->setPen(s.emphasis ? QPen(Qt::black, 1.6) : QPen(palette[k++ % 6], 1.0));
        graph->setName(s.name);
    }
    x->setRange(d.profileX.empty() && d.series.empty() ? QCPRange(-1, 1)
                                                       : QCPRange(d.series.empty() ? d.profileX.front() : d.series.front().x.front(),
                                                                  d.series.empty() ? d.profileX.back() : d.series.front().x.back()));
    y->rescale();
    y->scaleRange(1.08, y->range().center());
    if (!d.profileX.empty()) {
        auto* profile = m_plot->addGraph(x, y2);
        profile->setData(QVector<double>(d.profileX.begin(), d.profileX.end()),
                         QVector<double>(d.profileY.begin(), d.profileY.end()), true);
        profile->setPen(QPen(QColor(90, 90, 90), 1.0, Qt::DashLine));
        profile->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QColor(90, 90, 90), Qt::white, 3));
        profile->setName(d.profileLabel);
        y2->setRange(0, std::max(1e-9, *std::max_element(d.profileY.begin(), d.profileY.end()) * 1.1));
    }
    for (double b : d.boundaries) {
        auto* line = new QCPItemStraightLine(m_plot.get());
        line->setClipAxisRect(rect);
        line->point1->setAxes(x, y);
        line->point2->setAxes(x, y);
        line->point1->setCoords(b, 0);
        line->point2->setCoords(b, 1);
        line->setPen(QPen(QColor(160, 160, 160), 0.6, Qt::DotLine));
    }
    if (std::isfinite(d.marker)) {
        auto* line = new QCPItemStraightLine(m_plot.get());
        line->setClipAxisRect(rect);
        line->point1->setAxes(x, y);
        line->point2->setAxes(x, y);
        line->point1->setCoords(d.marker, 0);
        line->point2->setCoords(d.marker, 1);
        line->setPen(QPen(Qt::red, 1.0));
    }
    if (d.series.size() + (d.profileX.empty() ? 0 : 1) <= 6) {
        QFont font(QString::fromStdString(m_session.style.fontFamily));
        font.setPointSizeF(std::max(4.0, m_session.style.fontSize - 1));
        auto* legend = new QCPLegend;
        rect->insetLayout()->addElement(legend, Qt::AlignTop | Qt::AlignLeft);
        legend->setLayer(QStringLiteral("legend"));
        legend->setFont(font);
        legend->setIconSize(14, 6);
        legend->setRowSpacing(-2);
        legend->setMargins(QMargins(3, 2, 3, 2));
        legend->setBorderPen(QPen(QColor(180, 180, 180), 0.5));
        legend->setBrush(QColor(255, 255, 255, 220));
        for (int g = 0; g < m_plot->graphCount(); ++g)
            legend->addItem(new QCPPlottableLegendItem(legend, m_plot->graph(g)));
    }
}

void FigurePlot::updateTicks()
{
    const int line = QFontMetrics([this] {
                         QFont f(QString::fromStdString(m_session.style.fontFamily));
                         f.setPointSizeF(m_session.style.fontSize);
                         return f;
                     }()).height();
    for (std::size_t k = 0; k < m_maps.size(); ++k) {
        const widgets::HeatmapData& d = m_data[k];
        QCPAxisRect* rect = m_maps[k]->keyAxis()->axisRect();
        QCPAxis* x = m_maps[k]->keyAxis();
        QCPAxis* y = m_maps[k]->valueAxis();
        int widest = 0;
        for (auto [axis, count, labels, length] :
             {std::tuple{x, d.cols, &d.colLabels, rect->width()}, std::tuple{y, d.rows, &d.rowLabels, rect->height()}}) {
            const int budget = std::clamp(length > 0 ? length / (line + 1) : 40, 2, 64);
            const auto shown = widgets::thinnedLabelIndices(count, budget);
            auto ticker = QSharedPointer<QCPAxisTickerText>::create();
            const QFontMetrics metrics(axis->tickLabelFont());
            for (int i : shown) {
                const QString text = widgets::elideLabel(widgets::tokenTickLabel(*labels, i, int(shown.size()) < count));
                ticker->addTick(i, text);
                if (axis == x) widest = std::max(widest, metrics.horizontalAdvance(text));
            }
            axis->setTicker(ticker);
        }
        const auto shown = widgets::thinnedLabelIndices(d.cols, std::clamp(rect->width() / (line + 1), 2, 64));
        const int step = shown.size() > 1 ? shown[1] - shown[0] : 1;
        const double spacing = double(rect->width()) * step / std::max(1, d.cols);
        x->setTickLabelRotation(widgets::tickLabelRotation(widest, spacing) != 0 ? -90 : 0);
    }
}

// Equal axis rects in every column: the first column also holds the row labels, so it gets
// proportionally more of the width.
void FigurePlot::balanceColumns()
{
    if (m_gridCols < 2 || int(m_maps.size()) < 2) return;
    auto* grid = qobject_cast<QCPLayoutGrid*>(m_maps.front()->keyAxis()->axisRect()->layout());
    if (!grid) return;
    const auto margin = [](QCPAxisRect* r) { return r->outerRect().width() - r->rect().width(); };
    const int m0 = margin(m_maps[0]->keyAxis()->axisRect());
    const int m1 = margin(m_maps[1]->keyAxis()->axisRect());
    int total = 0;
    for (int c = 0; c < m_gridCols; ++c)
        total += m_maps[std::size_t(c)]->keyAxis()->axisRect()->outerRect().width();
    const double inner = double(total - m0 - (m_gridCols - 1) * m1) / m_gridCols;
    if (inner <= 0) return;
    grid->setColumnStretchFactor(0, (inner + m0) / (inner + m1));
    dryRun();
}

// Lays the plot out at the logical size (QCustomPlot only knows its margins after drawing).
void FigurePlot::dryRun()
{
    QImage scratch(m_logical, QImage::Format_RGB32);
    const int dpm = qRound(logicalDpi() / 0.0254);
    scratch.setDotsPerMeterX(dpm);
    scratch.setDotsPerMeterY(dpm);
    QCPPainter painter(&scratch);
    m_plot->toPainter(&painter, m_logical.width(), m_logical.height());
}

void FigurePlot::paint(QPaintDevice& device, QSizeF deviceSize, bool vector, int rasterDpi)
{
    for (CellMap* map : m_maps) {
        map->vector = vector;
        map->dpi = rasterDpi;
        // SVG renderers disagree on Qt's pattern fills (some paint them black): masked cells are
        // plain light grey in vector output.
        map->keyAxis()->axisRect()->setBackground(vector ? QBrush(QColor(220, 220, 220))
                                                         : QBrush(kMaskHatch, Qt::BDiagPattern));
    }
    QCPPainter painter(&device);
    if (vector) {
        painter.setMode(QCPPainter::pmVectorized);
        painter.setMode(QCPPainter::pmNonCosmetic);
    }
    painter.scale(deviceSize.width() / m_logical.width(), deviceSize.height() / m_logical.height());
    m_plot->toPainter(&painter, m_logical.width(), m_logical.height());
}

} // namespace poslab::figure
