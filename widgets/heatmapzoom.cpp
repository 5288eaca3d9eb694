#include "heatmapzoom.h"

#include <labresult.h>

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace poslab::widgets {

namespace {

int cellsOn(const HeatmapData& data, Qt::Orientation axis)
{
    return axis == Qt::Horizontal ? data.cols : data.rows;
}

int startOf(const HeatmapData& data, Qt::Orientation axis, int k)
{
    return axis == Qt::Horizontal ? data.colStart(k) : data.rowStart(k);
}

int clampedTokens(double lo, double hi, int total, int& begin)
{
    begin = std::clamp(static_cast<int>(std::floor(lo)), 0, std::max(0, total - 1));
    const int end = std::clamp(static_cast<int>(std::ceil(hi)), begin + 1, std::max(1, total));
    return end;
}

QString grouped(int v)
{
    return QString::fromStdString(groupedNumber(v));
}

} // namespace

double tokenAt(const HeatmapData& data, Qt::Orientation axis, double x)
{
    const int cells = cellsOn(data, axis);
    if (cells <= 0 || !std::isfinite(x)) return 0.0;
    const double u = x + 0.5; // cell c spans [c, c + 1) in u
    const int c = std::clamp(static_cast<int>(std::floor(u)), 0, cells - 1);
    const int start = startOf(data, axis, c);
    const int width = std::max(1, startOf(data, axis, c + 1) - start);
    return start + (u - c) * width;
}

TokenRegion visibleTokens(const HeatmapData& data, AxisSpan x, AxisSpan y)
{
    TokenRegion r;
    r.rowEnd =
        clampedTokens(tokenAt(data, Qt::Vertical, std::min(y.lower, y.upper)),
                      tokenAt(data, Qt::Vertical, std::max(y.lower, y.upper)), data.totalRows(), r.rowBegin);
    r.keyEnd = clampedTokens(tokenAt(data, Qt::Horizontal, std::min(x.lower, x.upper)),
                             tokenAt(data, Qt::Horizontal, std::max(x.lower, x.upper)), data.totalCols(),
                             r.keyBegin);
    return r;
}

int tokensPerCell(const HeatmapData& data, const TokenRegion& region)
{
    int widest = 0;
    const auto scan = [&](Qt::Orientation axis, int begin, int end) {
        const int cells = cellsOn(data, axis);
        for (int c = 0; c < cells; ++c) {
            const int a = startOf(data, axis, c), b = startOf(data, axis, c + 1);
            if (b > begin && a < end) widest = std::max(widest, b - a);
        }
    };
    scan(Qt::Vertical, region.rowBegin, region.rowEnd);
    scan(Qt::Horizontal, region.keyBegin, region.keyEnd);
    return widest;
}

ZoomNeed zoomNeed(const HeatmapData& data, const TokenRegion& region, QSize capacity)
{
    if (data.isEmpty() || !data.isPooled()) return ZoomNeed::None;
    const int n = data.totalRows();
    const bool dataWhole = data.rowStart(0) == 0 && data.colStart(0) == 0 && data.rowStart(data.rows) == n &&
                           data.colStart(data.cols) == data.totalCols();
    if (region.isWhole(n) && data.totalCols() == n) return dataWhole ? ZoomNeed::None : ZoomNeed::Overview;
    const bool outside = region.rowBegin < data.rowStart(0) || region.rowEnd > data.rowStart(data.rows) ||
                         region.keyBegin < data.colStart(0) || region.keyEnd > data.colStart(data.cols);
    if (outside) return ZoomNeed::Detail;
    const int side = std::max(region.rows(), region.keys());
    const int cells = std::max(1, std::min(capacity.width(), capacity.height()));
    const int wanted = std::max(1, (side + cells - 1) / cells);
    // Only for a picture at least a quarter finer: a small wheel step is not worth a computation.
    return 4 * wanted <= 3 * tokensPerCell(data, region) ? ZoomNeed::Detail : ZoomNeed::None;
}

QString magnifiedTitle(const HeatmapData& data, const TokenRegion& region)
{
    const int per = tokensPerCell(data, region);
    const QString cells =
        per <= 1 ? QCoreApplication::translate("poslab::widgets::HeatmapView", "cells of 1 token")
                 : QCoreApplication::translate("poslab::widgets::HeatmapView", "cells of %1 \u00d7 %1 tokens")
                       .arg(per);
    return QCoreApplication::translate(
               "poslab::widgets::HeatmapView",
               "magnified (%1); computing tokens %2\u2013%3 \u00d7 %4\u2013%5 at screen resolution\u2026")
        .arg(cells, grouped(region.rowBegin), grouped(region.rowEnd - 1), grouped(region.keyBegin),
             grouped(region.keyEnd - 1));
}

} // namespace poslab::widgets
