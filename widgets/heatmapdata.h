#pragma once

#include <QString>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace poslab::widgets {

// Everything a heatmap paints, computed elsewhere: a rows × cols matrix in row-major order.
// Row r is query i = r (drawn top to bottom), column c is key j = c.
struct HeatmapData
{
    int rows = 0;
    int cols = 0;
    std::vector<double> values; // non-finite entries are masked
    std::vector<bool> masked;   // optional, rows × cols: also masked (e.g. causally hidden probabilities)
    QStringList rowLabels;      // one per row (tokens)
    QStringList colLabels;      // one per column
    QString title;
    QString valueLabel; // colour scale label, e.g. "probability"
    QString rowAxisLabel = QStringLiteral("query i");
    QString colAxisLabel = QStringLiteral("key j");
    bool isSigned = false; // diverging map centred at 0 instead of a sequential one

    // Downsampled data: cell (r, c) pools rows [r·rowStep, …) × columns [c·colStep, …) of a
    // fullRows × fullCols matrix; labels then stay per token (fullRows / fullCols of them).
    int rowStep = 1;
    int colStep = 1;
    int fullRows = 0; // 0: same as rows
    int fullCols = 0;
    // Cells of unequal size (streamed pooling): display row r covers tokens [rowEdges[r], rowEdges[r+1]),
    // rows + 1 entries; empty: r·rowStep as above. Likewise for columns.
    std::vector<int> rowEdges;
    std::vector<int> colEdges;
    QString pooling;             // "max" or "mean" when pooled
    std::vector<double> buckets; // optional, fullRows × fullCols: shown on hover
    bool tokenAxes = true;       // rows are queries i and columns keys j (hover shows Δ = j − i)

    int totalRows() const { return fullRows > 0 ? fullRows : rows; }
    int totalCols() const { return fullCols > 0 ? fullCols : cols; }
    bool isPooled() const { return rowStep > 1 || colStep > 1 || !rowEdges.empty() || !colEdges.empty(); }
    // The first token of display row r / column c, and one past the last.
    int rowStart(int r) const { return edgeOf(rowEdges, r, rowStep, totalRows()); }
    int colStart(int c) const { return edgeOf(colEdges, c, colStep, totalCols()); }

    bool isEmpty() const { return rows <= 0 || cols <= 0 || values.size() != std::size_t(rows) * cols; }
    double at(int row, int col) const { return values[std::size_t(row) * cols + col]; }
    bool isMasked(int row, int col) const
    {
        const std::size_t k = std::size_t(row) * cols + col;
        return !std::isfinite(values[k]) || (k < masked.size() && masked[k]);
    }

  private:
    static int edgeOf(const std::vector<int>& edges, int k, int step, int total)
    {
        if (!edges.empty()) return edges[std::size_t(std::clamp(k, 0, int(edges.size()) - 1))];
        return std::min(total, k * std::max(1, step));
    }
};

} // namespace poslab::widgets
