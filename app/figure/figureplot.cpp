#include "figureplot.h"

#include "cellmap.h"
#include "figuretext.h"

#include <colormaps.h>
#include <colorscale.h>
#include <heatmapmapping.h>
#include <logticks.h>

#include <QGuiApplication>
#include <QImage>
#include <QScreen>

#include <algorithm>
#include <cmath>

namespace poslab::figure {

namespace {

const QColor kMaskHatch(170, 170, 170);
constexpr double kMmPerInch = 25.4;
constexpr double kBesideMm = 120; // from this width on, the explain view's text sits beside the map

QCPColorGradient gradientFor(const Session& s, const widgets::ColorScale& scale)
{
    if (s.style.colormap == "grayscale") {
        QCPColorGradient g;
        g.setColorStops({{0.0, QColor(250, 250, 250)}, {1.0, QColor(0, 0, 0)}});
        g.setNanHandling(QCPColorGradient::nhTransparent);
        return g;
    }
    return widgets::makeGradient(scale.map);
}

QCPItemRect* cellFrame(QCustomPlot* plot, QCPAxisRect* rect, QRectF cells, const QPen& pen)
{
    auto* frame = new QCPItemRect(plot);
    frame->setClipToAxisRect(true);
    frame->setClipAxisRect(rect);
    frame->topLeft->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    frame->bottomRight->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    frame->topLeft->setCoords(cells.left() - 0.5, cells.top() - 0.5);
    frame->bottomRight->setCoords(cells.right() + 0.5, cells.bottom() + 0.5);
    frame->setPen(pen);
    return frame;
}

} // namespace

widgets::ColorScale figureColorScale(const Session& session, const std::vector<widgets::HeatmapData>& maps)
{
    widgets::ColorMap seq = widgets::ColorMap::Viridis;
    if (session.style.colormap == "magma") seq = widgets::ColorMap::Magma;
    if (session.style.colormap == "cividis") seq = widgets::ColorMap::Cividis;
    return widgets::colorScaleFor(maps, seq, session.style.logScale);
}

int FigurePlot::logicalDpi()
{
    // QCustomPlot lays text out with QFontMetrics(font), that is at the screen's logical DPI.
    const QScreen* screen = QGuiApplication::primaryScreen();
    return screen ? std::max(1, qRound(screen->logicalDotsPerInchY())) : 96;
}

QFont FigurePlot::font(double delta) const
{
    QFont f(QString::fromStdString(m_session.style.fontFamily));
    // Chinese: characters the family lacks come from the language's CJK font (embedded in PDFs as
    // text), not from whatever fontconfig would pick.
    if (const auto fallbacks = fallbackFontFamilies(m_session.style.language); !fallbacks.empty()) {
        QStringList families{f.family()};
        for (const std::string& fallback : fallbacks)
            families << QString::fromStdString(fallback);
        f.setFamilies(families);
    }
    f.setPointSizeF(std::max(2.0, m_session.style.fontSize + delta));
    return f;
}

FigurePlot::FigurePlot(const FigureContent& content, const Session& session)
    : m_session(session), m_data(content.maps), m_notes(content.notes),
      m_plot(std::make_unique<QCustomPlot>())
{
    const double dpi = logicalDpi();
    m_plot->setBackground(Qt::white);
    m_plot->plotLayout()->clear();
    m_plot->plotLayout()->setRowSpacing(2);
    m_plot->plotLayout()->setColumnSpacing(4);
    const QString title = session.style.title ? QString::fromStdString(*session.style.title) : content.title;
    const double widthMm = session.style.widthMm;
    const int logicalWidth = qRound(widthMm / kMmPerInch * dpi);
    int row = 0;
    int fixedHeight = 0; // rows of text: title, legend, text below
    if (!title.isEmpty()) {
        QFont bold = font(1);
        bold.setBold(true);
        auto* text = new QCPTextElement(m_plot.get(), wrapText(title, bold, logicalWidth - 4), bold);
        text->setMargins(QMargins(0, 0, 0, 2));
        m_plot->plotLayout()->addElement(row++, 0, text);
        fixedHeight += static_cast<QCPLayoutElement*>(text)->minimumOuterSizeHint().height() + 2;
    }
    if (!content.text.empty()) {
        m_text = new TextPanel(m_plot.get(), content.text, font(-0.5));
        m_textBeside = widthMm >= kBesideMm;
        if (!m_textBeside) fixedHeight += m_text->setWidth(logicalWidth - 2) + 4;
    }
    if (content.isCurve)
        buildCurve(content, row);
    else
        buildMaps(content, row);

    double heightMm = session.style.heightMm;
    if (heightMm <= 0) {
        const double fixedMm = fixedHeight * kMmPerInch / dpi;
        const int gridRows = content.isCurve ? 1 : int(m_data.size() + m_gridCols - 1) / m_gridCols;
        heightMm = content.isCurve ? widthMm * 0.55 + fixedMm
                                   : gridRows * (widthMm / m_gridCols) * 0.8 + fixedMm + 4;
    }
    m_logical = QSize(logicalWidth, qRound(heightMm / kMmPerInch * dpi));
    m_plot->resize(m_logical);
    dryRun();
    updateTicks();
    dryRun();
    if (!content.isCurve && !m_maps.empty()) {
        for (int pass = 0; pass < 3; ++pass) {
            balanceColumns();
            balanceRows();
            if (session.style.heightMm <= 0) {
                // Square cells: grow or shrink the height by what each row of axis rects lacks.
                const QRect r = m_maps.front()->keyAxis()->axisRect()->rect();
                const double want =
                    double(r.width()) * m_data.front().rows / std::max(1, m_data.front().cols);
                const int gridRows = int(m_data.size() + m_gridCols - 1) / m_gridCols;
                m_logical.setHeight(
                    std::max(m_logical.height() + gridRows * int(std::lround(want - r.height())),
                             qRound(25 / kMmPerInch * dpi)));
            }
            dryRun();
            updateTicks();
            dryRun();
        }
        fitTextBeside();
        if (session.style.heightMm <= 0) heightMm = m_logical.height() * kMmPerInch / dpi;
    }
    updateTicks();
    m_sizeMm = QSizeF(widthMm, heightMm);
}

FigurePlot::~FigurePlot() = default;

void FigurePlot::styleAxis(QCPAxis* axis, const QString& label)
{
    axis->setLabel(label);
    axis->setLabelFont(font());
    axis->setTickLabelFont(font());
    axis->setLabelPadding(1);
    axis->setTickLabelPadding(2);
    axis->setTickLength(0, 2);
    axis->setSubTickLength(0, 1);
    axis->setPadding(0);
}

// Heatmaps in a grid with one colour scale per scale group: heads share one scale right of the grid;
// the compare view is one row, each scale right after the maps it colours.
void FigurePlot::buildMaps(const FigureContent& content, int row)
{
    const int count = int(m_data.size());
    const bool inline_ = !content.scaleGroups.empty();
    const double widthMm = m_session.style.widthMm;
    if (inline_)
        m_gridCols = std::min(count, widthMm >= kBesideMm ? 3 : 2);
    else
        m_gridCols = count == 1 ? 1 : std::min(count, std::max(2, int(std::lround(widthMm / 45))));
    auto* body = new QCPLayoutGrid;
    if (m_text && m_textBeside) {
        auto* outer = new QCPLayoutGrid;
        m_plot->plotLayout()->addElement(row, 0, outer);
        outer->setColumnSpacing(6);
        m_left = new QCPLayoutGrid;
        m_left->setRowSpacing(0);
        outer->addElement(0, 0, m_left);
        m_left->addElement(0, 0, body);
        const int width = qRound(widthMm / kMmPerInch * logicalDpi());
        outer->addElement(0, 1, m_text);
        m_text->setWidth(int(width * 0.52));
        m_text->setMinimumSize(m_text->minimumSize().width(), 0); // pinned after the maps are square
        m_text->setMaximumSize(m_text->maximumSize().width(), QWIDGETSIZE_MAX);
    } else {
        m_plot->plotLayout()->addElement(row, 0, body);
        if (m_text) m_plot->plotLayout()->addElement(row + 1, 0, m_text);
    }
    body->setColumnSpacing(4);
    body->setRowSpacing(inline_ ? 6 : 3);
    // Heads: one grid of maps, one colour scale right of it. Compare: one grid per row of maps,
    // each scale right after the maps it colours, an empty cell where a row has fewer maps.
    std::vector<QCPLayoutGrid*> rowGrids;
    if (inline_) {
        for (int r = 0; r * m_gridCols < count; ++r) {
            rowGrids.push_back(new QCPLayoutGrid);
            body->addElement(r, 0, rowGrids.back());
            rowGrids.back()->setColumnSpacing(6);
        }
    } else {
        rowGrids.push_back(new QCPLayoutGrid);
        body->addElement(0, 0, rowGrids.back());
        rowGrids.back()->setRowSpacing(3);
        rowGrids.back()->setColumnSpacing(3);
    }

    std::vector<int> group = content.scaleGroups;
    group.resize(std::size_t(count), group.empty() ? 0 : group.back());
    const int groups = *std::max_element(group.begin(), group.end()) + 1;
    std::vector<QCPColorScale*> scales(static_cast<std::size_t>(groups), nullptr);
    std::vector<widgets::ColorScale> colors(static_cast<std::size_t>(groups));
    for (int g = 0; g < groups; ++g) {
        std::vector<widgets::HeatmapData> members;
        for (int k = 0; k < count; ++k)
            if (group[std::size_t(k)] == g) members.push_back(m_data[std::size_t(k)]);
        colors[std::size_t(g)] = figureColorScale(m_session, members);
    }
    std::vector<QCPMarginGroup*> rowMargins; // tops and bottoms of the maps (and scales) in one row
    const int gridRows = (count + m_gridCols - 1) / m_gridCols;
    for (int r = 0; r < gridRows; ++r)
        rowMargins.push_back(new QCPMarginGroup(m_plot.get()));
    m_rowsGrid = inline_ ? body : rowGrids.front();
    std::vector<QCPMarginGroup*> columnGroups;
    for (int c = 0; c < m_gridCols; ++c)
        columnGroups.push_back(new QCPMarginGroup(m_plot.get()));
    int column = 0;
    for (int k = 0; k < count; ++k) {
        const widgets::HeatmapData& d = m_data[std::size_t(k)];
        const int g = group[std::size_t(k)];
        const int gridRow = k / m_gridCols, col = k % m_gridCols;
        QCPLayoutGrid* grid = inline_ ? rowGrids[std::size_t(gridRow)] : rowGrids.front();
        QCPMarginGroup* margins = rowMargins[std::size_t(gridRow)];
        if (inline_ && col == 0) column = 0;
        auto* rect = new QCPAxisRect(m_plot.get());
        m_mapGrids.push_back(grid);
        m_mapColumns.push_back(inline_ ? column : col);
        grid->addElement(inline_ ? 0 : gridRow, inline_ ? column++ : col, rect);
        rect->setupFullAxesBox(false);
        rect->setMinimumMargins(QMargins(0, 2, 3, 0)); // QCustomPlot's default is 15 on each side
        rect->axis(QCPAxis::atRight)->setVisible(false);
        QCPAxis* x = rect->axis(QCPAxis::atBottom);
        QCPAxis* y = rect->axis(QCPAxis::atLeft);
        QCPAxis* top = rect->axis(QCPAxis::atTop);
        const bool labelX = inline_ || gridRow == (count - 1) / m_gridCols || k + m_gridCols >= count;
        styleAxis(x, labelX ? d.colAxisLabel : QString());
        styleAxis(y, col == 0 ? d.rowAxisLabel : QString());
        x->setTickLabels(labelX);
        y->setTickLabels(col == 0);
        for (QCPAxis* axis : {x, y}) {
            axis->grid()->setVisible(false);
            axis->setSubTicks(false);
        }
        top->setVisible(count > 1);
        styleAxis(top, d.title); // wrapped, with its note, in updateTicks()
        top->setTicks(false);
        top->setBasePen(Qt::NoPen);
        y->setRangeReversed(true);
        x->setRange(-0.5, d.cols - 0.5);
        y->setRange(-0.5, d.rows - 0.5);
        rect->setBackground(QBrush(kMaskHatch, Qt::BDiagPattern));
        rect->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
        if (!inline_) rect->setMarginGroup(QCP::msLeft | QCP::msRight, columnGroups[std::size_t(col)]);
        m_mapRows.push_back(gridRow);
        m_mapCells.push_back(inline_ ? static_cast<QCPLayoutElement*>(grid) : rect);

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
        const widgets::ColorScale& color = colors[std::size_t(g)];
        const widgets::AxisSpan range = color.range;
        const bool log = color.log;
        QCPColorScale*& scale = scales[std::size_t(g)];
        if (!scale) {
            scale = new QCPColorScale(m_plot.get());
            scale->setType(QCPAxis::atRight);
            scale->setBarWidth(qRound(2.5 / kMmPerInch * logicalDpi()));
            styleAxis(scale->axis(), d.valueLabel);
            scale->axis()->setTickLength(0, 2);
            if (!inline_) {
                body->addElement(0, 1, scale);
                if (gridRows == 1)
                    scale->setMarginGroup(QCP::msTop | QCP::msBottom, rowMargins.front());
                else
                    m_spanningScale = scale; // from the first row's top to the last row's bottom
            }
            // Linking pulls the scale's gradient, scale type and range into each map: set them on
            // the scale first (a map linked to a linear scale is coloured linearly).
            scale->setGradient(gradientFor(m_session, color));
            scale->setDataScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
            if (log) scale->axis()->setTicker(QSharedPointer<widgets::LogScaleTicker>::create(scale->axis()));
            scale->setDataRange(QCPRange(range.lower, range.upper));
        }
        map->setColorScale(scale);
        if (inline_ && (k + 1 == count || group[std::size_t(k + 1)] != g)) {
            grid->addElement(0, column++, scale);
            scale->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
        }
        if (inline_ && k + 1 == count && col + 1 < m_gridCols) {
            m_filler = new QCPLayoutElement(m_plot.get()); // keeps the last row's maps as wide as the first's
            grid->addElement(0, column++, m_filler);
        }

        if (k == 0) {
            // The cells a walk reads: a dark line under a light one shows on every colour.
            for (const widgets::CellRun& run : widgets::highlightRuns(d, content.outlined)) {
                const QRectF cells(QPointF(run.colFirst, run.row), QPointF(run.colLast, run.row));
                cellFrame(m_plot.get(), rect, cells, QPen(QColor(20, 20, 20), 1.6));
                cellFrame(m_plot.get(), rect, cells, QPen(Qt::white, 0.7));
            }
        }
        if (m_session.cellI >= 0 && (count == 1 || inline_ || k == m_session.head))
            cellFrame(m_plot.get(), rect, QRectF(QPointF(m_session.cellJ, m_session.cellI), QSizeF(0, 0)),
                      QPen(Qt::red, 1.5));
        m_maps.push_back(map);
    }
}

void FigurePlot::updateTicks()
{
    const int line = QFontMetrics(font()).height();
    // Map titles a point smaller when a line of one ("(absolute + relative)") is wider than its map.
    QFont titleFont = font();
    for (std::size_t k = 0; k < m_maps.size(); ++k) {
        const int width = titleWidth(k);
        for (const QString& text : {m_data[k].title, k < m_notes.size() ? m_notes[k] : QString()})
            for (const QString& part : text.split(u'\n'))
                if (QFontMetrics(font()).horizontalAdvance(part) > width) titleFont = font(-1);
    }
    for (std::size_t k = 0; k < m_maps.size(); ++k) {
        const widgets::HeatmapData& d = m_data[k];
        QCPAxisRect* rect = m_maps[k]->keyAxis()->axisRect();
        QCPAxis* x = m_maps[k]->keyAxis();
        QCPAxis* y = m_maps[k]->valueAxis();
        int widest = 0;
        for (auto [axis, count, labels, length] : {std::tuple{x, d.cols, &d.colLabels, rect->width()},
                                                   std::tuple{y, d.rows, &d.rowLabels, rect->height()}}) {
            const int budget = std::clamp(length > 0 ? length / (line + 1) : 40, 2, 64);
            const auto shown = widgets::thinnedLabelIndices(count, budget);
            auto ticker = QSharedPointer<QCPAxisTickerText>::create();
            const QFontMetrics metrics(axis->tickLabelFont());
            for (int i : shown) {
                const QString text =
                    widgets::elideLabel(widgets::tokenTickLabel(*labels, i, int(shown.size()) < count));
                ticker->addTick(i, text);
                if (axis == x) widest = std::max(widest, metrics.horizontalAdvance(text));
            }
            axis->setTicker(ticker);
        }
        const auto shown =
            widgets::thinnedLabelIndices(d.cols, std::clamp(rect->width() / (line + 1), 2, 64));
        const int step = shown.size() > 1 ? shown[1] - shown[0] : 1;
        const double spacing = double(rect->width()) * step / std::max(1, d.cols);
        x->setTickLabelRotation(widgets::tickLabelRotation(widest, spacing) != 0 ? -90 : 0);
        // Each map's title and note, wrapped to the map's width (the width of the figure at first).
        QCPAxis* top = rect->axis(QCPAxis::atTop);
        if (top->visible()) {
            const int width = titleWidth(k);
            QString label = wrapText(d.title, titleFont, width);
            const QString note = k < m_notes.size() ? m_notes[k] : QString();
            if (!note.isEmpty()) label += u'\n' + wrapText(note, titleFont, width);
            top->setLabelFont(titleFont);
            top->setLabel(label);
        }
    }
}

// What a map's title may fill: the map's width (the width of the figure at first).
int FigurePlot::titleWidth(std::size_t k) const
{
    const int width = m_maps[k]->keyAxis()->axisRect()->width();
    return width > 20 ? width : m_logical.width() / std::max(1, m_gridCols);
}

// Equal axis rects in every column: the first column also holds the row labels, so it gets
// proportionally more of the width (colour scales keep their own fixed width). Stretch factors are
// in logical units: the width each column should get.
void FigurePlot::balanceColumns()
{
    const int columns = std::min(m_gridCols, int(m_maps.size()));
    if (columns < 2) return;
    const auto rectOf = [this](std::size_t k) { return m_maps[k]->keyAxis()->axisRect(); };
    const auto margin = [&](std::size_t k) {
        return rectOf(k)->outerRect().width() - rectOf(k)->rect().width();
    };
    int total = 0, margins = 0;
    for (int c = 0; c < columns; ++c) {
        total += rectOf(std::size_t(c))->outerRect().width();
        margins += margin(std::size_t(c));
    }
    const double inner = double(total - margins) / columns;
    if (inner <= 0) return;
    double used = 0, room = 0; // in the last row of the compare view, beside the filler
    for (std::size_t k = 0; k < m_maps.size(); ++k) {
        m_mapGrids[k]->setColumnStretchFactor(m_mapColumns[k], inner + margin(k));
        if (m_filler && m_mapGrids[k] == m_mapGrids.back()) {
            used += inner + margin(k);
            room += rectOf(k)->outerRect().width();
        }
    }
    if (m_filler) {
        room += m_filler->outerRect().width();
        auto* grid = m_mapGrids.back();
        for (int c = 0; c < grid->columnCount(); ++c)
            if (grid->element(0, c) == m_filler) grid->setColumnStretchFactor(c, std::max(1.0, room - used));
    }
    dryRun();
}

// Equal axis rects in every row, as balanceColumns does for columns: rows with tick labels below
// or titles above get more height. A colour scale beside several rows spans their axis rects.
void FigurePlot::balanceRows()
{
    if (!m_rowsGrid || m_rowsGrid->rowCount() < 2) return;
    const int rows = m_rowsGrid->rowCount();
    std::vector<int> margin(std::size_t(rows), -1);
    int total = 0, margins = 0;
    for (std::size_t k = 0; k < m_maps.size(); ++k) {
        const std::size_t r = std::size_t(m_mapRows[k]);
        if (margin[r] >= 0) continue;
        const int outer = m_mapCells[k]->outerRect().height();
        margin[r] = outer - m_maps[k]->keyAxis()->axisRect()->rect().height();
        total += outer;
        margins += margin[r];
    }
    const double inner = double(total - margins) / rows;
    if (inner <= 0) return;
    for (int r = 0; r < rows; ++r)
        m_rowsGrid->setRowStretchFactor(r, inner + std::max(0, margin[std::size_t(r)]));
    dryRun();
    if (m_spanningScale) {
        const QRect first = m_maps.front()->keyAxis()->axisRect()->rect();
        const QRect last = m_maps.back()->keyAxis()->axisRect()->rect();
        const QRect outer = m_spanningScale->outerRect();
        m_spanningScale->setAutoMargins(QCP::msLeft | QCP::msRight);
        m_spanningScale->setMargins(
            QMargins(0, first.top() - outer.top(), 0, outer.bottom() - last.bottom()));
        dryRun();
    }
}

// Text beside the maps: when it is taller than the (square) maps, the figure grows to the text and
// the maps keep their size at the top, above an empty row.
void FigurePlot::fitTextBeside()
{
    if (!m_text || !m_textBeside || !m_left) return;
    const int text = m_text->textHeight() + m_text->margins().top() + m_text->margins().bottom();
    m_text->setMinimumSize(m_text->minimumSize().width(), m_text->textHeight());
    m_text->setMaximumSize(m_text->maximumSize().width(), m_text->textHeight());
    const int maps = m_left->outerRect().height();
    if (text > maps) {
        m_left->addElement(1, 0, new QCPLayoutElement(m_plot.get()));
        m_left->setRowStretchFactors({double(maps), double(text - maps)});
        m_logical.setHeight(m_logical.height() + text - maps);
    }
    dryRun();
    updateTicks();
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
        // Images (cells beyond kMaxVectorCells, colour scale bars) as Flate, not JPEG, in PDF.
        painter.setRenderHint(QPainter::LosslessImageRendering, true);
    }
    painter.scale(deviceSize.width() / m_logical.width(), deviceSize.height() / m_logical.height());
    m_plot->toPainter(&painter, m_logical.width(), m_logical.height());
}

} // namespace poslab::figure
