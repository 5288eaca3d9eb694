#pragma once

#include "colormaps.h"
#include "heatmapdata.h"

#include <QMargins>
#include <QSize>
#include <QString>

#include <optional>
#include <vector>

class QFontMetrics;

// The arithmetic behind the heatmap, kept out of the widget so it can be tested with plain numbers.
namespace poslab::widgets {

// Indices 0, k, 2k, ... (k = ceil(count / maxLabels)) so that at most maxLabels labels are shown.
std::vector<int> thinnedLabelIndices(int count, int maxLabels = 40);
// The same over the cells visible in [lower, upper] (a zoomed axis), multiples of the step so that
// labels stay put while panning.
std::vector<int> visibleLabelIndices(int count, double lower, double upper, int maxLabels = 40);

// The tick label of token `index`; when labels are thinned the index is prefixed ("25 o") so that
// positions stay readable. Falls back to the index when there is no label.
QString tokenTickLabel(const QStringList& labels, int index, bool thinned);

// `text` broken at spaces so that no line is wider than `width` pixels (a word longer than that keeps
// its own line); existing line breaks stay. For plot titles.
QString wrapText(const QString& text, const QFontMetrics& metrics, int width);

// Long tokens are cut to maxChars characters with an ellipsis so that one label cannot eat the plot.
QString elideLabel(const QString& label, int maxChars = 14);

// Column labels stay horizontal while the widest fits in the space between two shown labels.
double tickLabelRotation(int widestLabelPx, double spacingPx);

struct Cell
{
    int row = -1; // query i
    int col = -1; // key j
    bool isValid() const { return row >= 0 && col >= 0; }
    friend bool operator==(const Cell&, const Cell&) = default;
};

// Cells are centred on integer plot coordinates: column j spans key ∈ [j − ½, j + ½), row i likewise.
Cell cellAt(double key, double value, int rows, int cols);

// The QCPColorMapData range for `size` cells centred on 0 ... size − 1 (a single cell spans ±½).
struct AxisSpan
{
    double lower = 0.0;
    double upper = 0.0;
};
AxisSpan cellCentreSpan(int size);
AxisSpan viewSpan(int size); // the axis range that shows exactly the cells: [−½, size − ½]

// Square cells: the padding of a grid of `columns` × `rows` equal axis rects, each now `inner`
// pixels with the grid padded by `current`, that makes each show `spanX` × `spanY` units (tokens)
// with square units. Centred horizontally, the spare height below. Returns `current` when that is
// within a pixel (so that a layout settles).
QMargins squarePadding(QSize inner, QMargins current, double spanX, double spanY, int columns = 1,
                       int rows = 1);
// Columns of a grid of `count` square tiles in `width` × `height` pixels that make the tiles largest
// (fewer columns on a tie).
int squareGridColumns(int count, int width, int height);
// How many display cells of a square-celled map fit `width` × `height` pixels: as many across as down.
QSize squareCapacity(int width, int height);

// The colour scale range over unmasked values: [−m, m] with m = max |v| when signed, otherwise
// [min(0, lowest), highest]. Never empty. On a log scale: [max(lowest positive, highest·1e−6), highest].
AxisSpan colorRange(const HeatmapData& data, bool log = false);
AxisSpan sharedColorRange(const std::vector<HeatmapData>& maps, bool log = false); // one scale for all
bool logScaleApplies(const HeatmapData& data);                                     // unsigned data only
ColorMap colorMapFor(const HeatmapData& data, ColorMap sequential);

// The token cell (i, j) a display cell stands for (the first of its block) and back.
Cell tokenCell(const HeatmapData& data, Cell cell);
Cell displayCell(const HeatmapData& data, Cell token);

// A highlight outline: display cells [colFirst, colLast] of one row, drawn as one rectangle.
struct CellRun
{
    int row = 0;
    int colFirst = 0;
    int colLast = 0;
    friend bool operator==(const CellRun&, const CellRun&) = default;
};
// The display cells of `tokens` (deduplicated when pooled), merged into runs of adjacent columns per
// row, sorted; at most maxRuns (the rest are dropped: a highlight is a hint, not data).
std::vector<CellRun> highlightRuns(const HeatmapData& data, const std::vector<Cell>& tokens,
                                   int maxRuns = 512);

// The diagonal Δ = j − i as a line in plot coordinates (cells centred on integers), from the centre
// of its first token cell (i, i + Δ) to the centre of its last; pooled cells place a token at its
// share of the cell. None when Δ misses the matrix or the axes are not tokens.
struct Segment
{
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};
std::optional<Segment> diagonalSegment(const HeatmapData& data, int delta);

// "i = 3 “sat”, j = 1 “cat”, Δ = −2: 0.1234 · bucket 5" (or "masked"); for pooled cells the
// ranges and the pooling: "i = 0–3, j = 4–7, Δ = 1…7: max 0.5". Empty for an invalid cell.
QString describeCell(const HeatmapData& data, Cell cell);

} // namespace poslab::widgets
