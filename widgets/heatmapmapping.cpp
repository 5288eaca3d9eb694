#include "heatmapmapping.h"

#include <QCoreApplication>
#include <QFontMetrics>
#include <QTextBoundaryFinder>

#include <algorithm>
#include <cmath>
#include <limits>

namespace poslab::widgets {

std::vector<int> thinnedLabelIndices(int count, int maxLabels)
{
    std::vector<int> indices;
    if (count <= 0) return indices;
    maxLabels = std::max(1, maxLabels);
    const int step = (count + maxLabels - 1) / maxLabels;
    for (int k = 0; k < count; k += step)
        indices.push_back(k);
    return indices;
}

std::vector<int> visibleLabelIndices(int count, double lower, double upper, int maxLabels)
{
    std::vector<int> indices;
    const int first = std::max(0, static_cast<int>(std::ceil(lower - 0.5)));
    const int last = std::min(count - 1, static_cast<int>(std::floor(upper + 0.5)));
    if (last < first) return indices;
    maxLabels = std::max(1, maxLabels);
    const int step = (last - first + 1 + maxLabels - 1) / maxLabels;
    for (int k = (first + step - 1) / step * step; k <= last; k += step)
        indices.push_back(k);
    return indices;
}

QString tokenTickLabel(const QStringList& labels, int index, bool thinned)
{
    if (index < 0 || index >= labels.size()) return QString::number(index);
    const QString token = elideLabel(labels[index]);
    return thinned && token != QString::number(index) ? QStringLiteral("%1 %2").arg(index).arg(token) : token;
}

namespace {

bool hasCjk(const QString& text)
{
    return std::any_of(text.begin(), text.end(), [](QChar c) { return c.unicode() >= 0x2e80; });
}

// A paragraph as pieces a line may end after, each with what joins it to the one before: words
// joined by spaces; Chinese, which has no spaces, broken where Unicode's line breaking allows (between
// ideographs, never before a closing or after an opening punctuation mark), joined by nothing.
std::vector<std::pair<QString, QString>> lineBreakPieces(const QString& paragraph)
{
    std::vector<std::pair<QString, QString>> pieces;
    for (const QString& word : paragraph.split(u' ')) {
        if (!hasCjk(word)) {
            pieces.emplace_back(word, QStringLiteral(" "));
            continue;
        }
        QTextBoundaryFinder finder(QTextBoundaryFinder::Line, word);
        QString glue = QStringLiteral(" ");
        qsizetype start = 0;
        while (finder.toNextBoundary() > 0) {
            const qsizetype end = finder.position();
            pieces.emplace_back(word.mid(start, end - start), glue);
            glue.clear();
            start = end;
        }
    }
    return pieces;
}

} // namespace

QString wrapText(const QString& text, const QFontMetrics& metrics, int width)
{
    QStringList lines;
    for (const QString& paragraph : text.split(u'\n')) {
        QString line;
        for (const auto& [piece, glue] : lineBreakPieces(paragraph)) {
            const QString longer = line.isEmpty() ? piece : line + glue + piece;
            if (!line.isEmpty() && metrics.horizontalAdvance(longer) > width) {
                lines << line;
                line = piece;
            } else {
                line = longer;
            }
        }
        lines << line;
    }
    return lines.join(u'\n');
}

QString elideLabel(const QString& label, int maxChars)
{
    if (maxChars < 2 || label.size() <= maxChars) return label;
    return label.left(maxChars - 1) + QChar(0x2026);
}

double tickLabelRotation(int widestLabelPx, double spacingPx)
{
    constexpr double kGapPx = 6.0;
    return widestLabelPx + kGapPx <= spacingPx ? 0.0 : 60.0;
}

Cell cellAt(double key, double value, int rows, int cols)
{
    if (!std::isfinite(key) || !std::isfinite(value)) return {};
    const double col = std::floor(key + 0.5);
    const double row = std::floor(value + 0.5);
    if (col < 0 || row < 0 || col >= cols || row >= rows) return {};
    return {static_cast<int>(row), static_cast<int>(col)};
}

AxisSpan cellCentreSpan(int size)
{
    if (size <= 1) return {-0.5, 0.5};
    return {0.0, static_cast<double>(size - 1)};
}

AxisSpan viewSpan(int size)
{
    return {-0.5, std::max(1, size) - 0.5};
}

QMargins squarePadding(QSize inner, QMargins current, double spanX, double spanY, int columns, int rows)
{
    columns = std::max(1, columns);
    rows = std::max(1, rows);
    if (!(spanX > 0) || !(spanY > 0)) return {};
    // Each rect's size without any padding, then the largest square-celled size inside it.
    const double w = inner.width() + double(current.left() + current.right()) / columns;
    const double h = inner.height() + double(current.top() + current.bottom()) / rows;
    if (w <= 0 || h <= 0) return {};
    const double unit = std::min(w / spanX, h / spanY);
    const int spareX = std::max(0, int(std::floor((w - unit * spanX) * columns)));
    const int spareY = std::max(0, int(std::floor((h - unit * spanY) * rows)));
    const QMargins want(spareX / 2, 0, spareX - spareX / 2, spareY);
    const auto near = [](int a, int b) { return std::abs(a - b) <= 1; };
    if (near(want.left() + want.right(), current.left() + current.right()) &&
        near(want.bottom(), current.top() + current.bottom()))
        return current;
    return want;
}

int squareGridColumns(int count, int width, int height)
{
    count = std::max(1, count);
    int best = 1;
    double bestSide = -1;
    for (int columns = 1; columns <= count; ++columns) {
        const int rows = (count + columns - 1) / columns;
        const double side = std::min(double(width) / columns, double(height) / rows);
        if (side > bestSide + 0.5) {
            bestSide = side;
            best = columns;
        }
    }
    return best;
}

QSize squareCapacity(int width, int height)
{
    const int side = std::max(32, std::min(width, height));
    return {side, side};
}

AxisSpan colorRange(const HeatmapData& data, bool log)
{
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    double lowestPositive = lo;
    if (!data.isEmpty()) {
        for (int r = 0; r < data.rows; ++r) {
            for (int c = 0; c < data.cols; ++c) {
                if (data.isMasked(r, c)) continue;
                const double v = data.at(r, c);
                lo = std::min(lo, v);
                hi = std::max(hi, v);
                if (v > 0) lowestPositive = std::min(lowestPositive, v);
            }
        }
    }
    if (log && logScaleApplies(data)) {
        if (!(hi > 0)) return {1e-6, 1.0};
        const double lower = std::max(lowestPositive, hi * 1e-6);
        return lower < hi ? AxisSpan{lower, hi} : AxisSpan{hi / 10, hi};
    }
    if (lo > hi) // nothing visible
        return data.isSigned ? AxisSpan{-1.0, 1.0} : AxisSpan{0.0, 1.0};
    if (data.isSigned) {
        const double m = std::max(std::abs(lo), std::abs(hi));
        return m > 0 ? AxisSpan{-m, m} : AxisSpan{-1.0, 1.0};
    }
    lo = std::min(lo, 0.0);
    if (hi <= lo) hi = lo + 1.0;
    return {lo, hi};
}

AxisSpan sharedColorRange(const std::vector<HeatmapData>& maps, bool log)
{
    if (maps.empty()) return {0.0, 1.0};
    AxisSpan all = colorRange(maps.front(), log);
    for (const auto& m : maps) {
        const AxisSpan s = colorRange(m, log);
        all.lower = std::min(all.lower, s.lower);
        all.upper = std::max(all.upper, s.upper);
    }
    if (log) all.lower = std::max(all.lower, all.upper * 1e-6);
    return all;
}

bool logScaleApplies(const HeatmapData& data)
{
    return !data.isSigned;
}

ColorMap colorMapFor(const HeatmapData& data, ColorMap sequential)
{
    if (data.isSigned) return ColorMap::Diverging;
    return sequential == ColorMap::Diverging ? ColorMap::Viridis : sequential;
}

Cell tokenCell(const HeatmapData& data, Cell cell)
{
    if (!cell.isValid()) return {};
    return {data.rowStart(cell.row), data.colStart(cell.col)};
}

namespace {

// The display cell holding token k: the last edge at or before k; −1 outside the edges (a region).
int cellOf(const std::vector<int>& edges, int k, int step)
{
    if (edges.empty()) return k / std::max(1, step);
    if (k < edges.front() || k >= edges.back()) return -1;
    const auto it = std::upper_bound(edges.begin(), edges.end(), k);
    return std::max(0, static_cast<int>(it - edges.begin()) - 1);
}

} // namespace

Cell displayCell(const HeatmapData& data, Cell token)
{
    if (!token.isValid() || token.row >= data.totalRows() || token.col >= data.totalCols()) return {};
    const Cell cell{cellOf(data.rowEdges, token.row, data.rowStep),
                    cellOf(data.colEdges, token.col, data.colStep)};
    return cell.isValid() ? cell : Cell{};
}

namespace {

// A token's plot coordinate along one axis: its display cell, and its place among that cell's tokens.
double tokenCoordinate(int cell, int token, int start, int end)
{
    return cell - 0.5 + (token - start + 0.5) / std::max(1, end - start);
}

} // namespace

std::optional<Segment> diagonalSegment(const HeatmapData& data, int delta)
{
    const int rows = data.totalRows(), cols = data.totalCols();
    if (data.isEmpty() || !data.tokenAxes) return std::nullopt;
    const long long first = std::max(0, -delta);
    const long long last = std::min<long long>(rows - 1, (long long)cols - 1 - delta);
    if (last < first) return std::nullopt;
    const auto point = [&data](int i, int j, double& x, double& y) {
        const Cell c = displayCell(data, {i, j});
        if (!c.isValid() || c.row >= data.rows || c.col >= data.cols) return false;
        const auto end = [](int k, int count, int total, auto start) {
            return k + 1 < count ? start(k + 1) : total;
        };
        y = tokenCoordinate(
            c.row, i, data.rowStart(c.row),
            end(c.row, data.rows, data.totalRows(), [&data](int k) { return data.rowStart(k); }));
        x = tokenCoordinate(
            c.col, j, data.colStart(c.col),
            end(c.col, data.cols, data.totalCols(), [&data](int k) { return data.colStart(k); }));
        return true;
    };
    Segment s;
    if (!point(int(first), int(first + delta), s.x0, s.y0) ||
        !point(int(last), int(last + delta), s.x1, s.y1))
        return std::nullopt;
    return s;
}

std::vector<CellRun> highlightRuns(const HeatmapData& data, const std::vector<Cell>& tokens, int maxRuns)
{
    std::vector<Cell> cells;
    cells.reserve(tokens.size());
    for (const Cell& token : tokens) {
        const Cell cell = displayCell(data, token);
        if (cell.isValid() && cell.row < data.rows && cell.col < data.cols) cells.push_back(cell);
    }
    std::sort(cells.begin(), cells.end(),
              [](const Cell& a, const Cell& b) { return a.row != b.row ? a.row < b.row : a.col < b.col; });
    cells.erase(std::unique(cells.begin(), cells.end()), cells.end());
    std::vector<CellRun> runs;
    for (const Cell& cell : cells) {
        if (!runs.empty() && runs.back().row == cell.row && runs.back().colLast + 1 == cell.col) {
            runs.back().colLast = cell.col;
            continue;
        }
        if (int(runs.size()) >= maxRuns) break;
        runs.push_back({cell.row, cell.col, cell.col});
    }
    return runs;
}

QString describeCell(const HeatmapData& data, Cell cell)
{
    if (data.isEmpty() || !cell.isValid() || cell.row >= data.rows || cell.col >= data.cols) return {};
    const QString value = data.isMasked(cell.row, cell.col)
                              ? QCoreApplication::translate("poslab::widgets::HeatmapView", "masked")
                              : QString::number(data.at(cell.row, cell.col), 'g', 6);
    const QString i = data.tokenAxes ? QStringLiteral("i") : data.rowAxisLabel;
    const QString j = data.tokenAxes ? QStringLiteral("j") : data.colAxisLabel;
    const bool oneToken = data.rowStart(cell.row + 1) - data.rowStart(cell.row) == 1 &&
                          data.colStart(cell.col + 1) - data.colStart(cell.col) == 1;
    if (data.isPooled() && !oneToken) {
        const int i0 = data.rowStart(cell.row), i1 = data.rowStart(cell.row + 1) - 1;
        const int j0 = data.colStart(cell.col), j1 = data.colStart(cell.col + 1) - 1;
        QString text =
            QStringLiteral("%1 = %2\u2013%3, %4 = %5\u2013%6").arg(i).arg(i0).arg(i1).arg(j).arg(j0).arg(j1);
        if (data.tokenAxes) text += QStringLiteral(", \u0394 = %1\u2026%2").arg(j0 - i1).arg(j1 - i0);
        return text + QStringLiteral(": %1 %2").arg(data.pooling, value);
    }
    auto label = [](const QStringList& labels, int k) {
        return k < labels.size() ? QStringLiteral(" \u201c%1\u201d").arg(labels[k]) : QString();
    };
    // A cell of one token (a deep-zoomed region's cells stand for tokens from its first edge on).
    const int ti = data.rowStart(cell.row), tj = data.colStart(cell.col);
    QString text = QStringLiteral("%1 = %2%3, %4 = %5%6")
                       .arg(i)
                       .arg(ti)
                       .arg(label(data.rowLabels, ti))
                       .arg(j)
                       .arg(tj)
                       .arg(label(data.colLabels, tj));
    if (data.tokenAxes) text += QStringLiteral(", \u0394 = %1").arg(tj - ti);
    text += QStringLiteral(": ") + value;
    const std::size_t k = std::size_t(ti) * data.totalCols() + tj;
    if (k < data.buckets.size())
        text += QStringLiteral(" \u00b7 ") +
                QCoreApplication::translate("poslab::widgets::HeatmapView", "bucket %1")
                    .arg(static_cast<long long>(data.buckets[k]));
    return text;
}

} // namespace poslab::widgets
