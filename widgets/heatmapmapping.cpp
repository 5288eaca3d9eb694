#include "heatmapmapping.h"

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

QString tokenTickLabel(const QStringList& labels, int index, bool thinned)
{
    if (index < 0 || index >= labels.size()) return QString::number(index);
    const QString token = elideLabel(labels[index]);
    return thinned && token != QString::number(index) ? QStringLiteral("%1 %2").arg(index).arg(token) : token;
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

AxisSpan colorRange(const HeatmapData& data)
{
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    if (!data.isEmpty()) {
        for (int r = 0; r < data.rows; ++r) {
            for (int c = 0; c < data.cols; ++c) {
                if (data.isMasked(r, c)) continue;
                lo = std::min(lo, data.at(r, c));
                hi = std::max(hi, data.at(r, c));
            }
        }
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

ColorMap colorMapFor(const HeatmapData& data, ColorMap sequential)
{
    if (data.isSigned) return ColorMap::Diverging;
    return sequential == ColorMap::Diverging ? ColorMap::Viridis : sequential;
}

QString describeCell(const HeatmapData& data, Cell cell)
{
    if (data.isEmpty() || !cell.isValid() || cell.row >= data.rows || cell.col >= data.cols) return {};
    auto label = [](const QStringList& labels, int k) {
        return k < labels.size() ? QStringLiteral(" \u201c%1\u201d").arg(labels[k]) : QString();
    };
    const QString value = data.isMasked(cell.row, cell.col)
                              ? QStringLiteral("masked")
                              : QString::number(data.at(cell.row, cell.col), 'g', 4);
    return QStringLiteral("query %1%2 \u2192 key %3%4: %5")
        .arg(cell.row)
        .arg(label(data.rowLabels, cell.row))
        .arg(cell.col)
        .arg(label(data.colLabels, cell.col))
        .arg(value);
}

} // namespace poslab::widgets
