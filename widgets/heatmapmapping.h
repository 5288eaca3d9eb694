#pragma once

#include "colormaps.h"
#include "heatmapdata.h"

#include <QString>

#include <vector>

// The arithmetic behind the heatmap, kept out of the widget so it can be tested with plain numbers.
namespace poslab::widgets {

// Indices 0, k, 2k, ... (k = ceil(count / maxLabels)) so that at most maxLabels labels are shown.
std::vector<int> thinnedLabelIndices(int count, int maxLabels = 40);

// The tick label of token `index`; when labels are thinned the index is prefixed ("25 o") so that
// positions stay readable. Falls back to the index when there is no label.
QString tokenTickLabel(const QStringList& labels, int index, bool thinned);

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

// The colour scale range over unmasked values: [−m, m] with m = max |v| when signed, otherwise
// [min(0, lowest), highest]. Never empty.
AxisSpan colorRange(const HeatmapData& data);
ColorMap colorMapFor(const HeatmapData& data, ColorMap sequential);

// "query 3 “sat” → key 1 “cat”: 0.1234" (or "masked"); empty for an invalid cell.
QString describeCell(const HeatmapData& data, Cell cell);

} // namespace poslab::widgets
