#include "colorscale.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace poslab::widgets {

ValueSpan valueSpan(const HeatmapData& d)
{
    double lo = std::numeric_limits<double>::infinity(), hi = -lo, positive = lo;
    if (!d.isEmpty())
        for (int r = 0; r < d.rows; ++r)
            for (int c = 0; c < d.cols; ++c) {
                if (d.isMasked(r, c)) continue;
                const double v = d.at(r, c);
                lo = std::min(lo, v);
                hi = std::max(hi, v);
                if (v > 0) positive = std::min(positive, v);
            }
    if (lo > hi) return {};
    return {lo, hi, std::isfinite(positive) ? positive : 0.0};
}

ValueSpan valueSpan(const std::vector<HeatmapData>& maps)
{
    ValueSpan all;
    for (const HeatmapData& d : maps) {
        const ValueSpan s = valueSpan(d);
        if (s.lowest > s.highest) continue;
        if (all.lowest > all.highest) {
            all = s;
            continue;
        }
        all.lowest = std::min(all.lowest, s.lowest);
        all.highest = std::max(all.highest, s.highest);
        if (s.lowestPositive > 0)
            all.lowestPositive =
                all.lowestPositive > 0 ? std::min(all.lowestPositive, s.lowestPositive) : s.lowestPositive;
    }
    return all;
}

ColorScale colorScaleFor(const ValueSpan& v, bool isSigned, ColorMap sequential, bool logWanted)
{
    ColorScale s;
    s.map = sequential == ColorMap::Diverging ? ColorMap::Viridis : sequential;
    const bool any = v.lowest <= v.highest;
    if (!isSigned) {
        s.logApplies = true;
        s.log = logWanted;
        if (s.log) {
            if (!(any && v.highest > 0)) {
                s.range = {1e-6, 1.0};
            } else {
                const double lower = std::max(v.lowestPositive, v.highest * 1e-6);
                s.range =
                    lower < v.highest ? AxisSpan{lower, v.highest} : AxisSpan{v.highest / 10, v.highest};
            }
            return s;
        }
        if (!any) return s; // [0, 1]
        const double lower = std::min(v.lowest, 0.0);
        s.range = {lower, v.highest > lower ? v.highest : lower + 1.0};
        return s;
    }
    s.logApplies = false;
    if (any && v.highest <= 0 && v.lowest < 0) {
        s.range = {v.lowest, 0.0}; // all ≤ 0: the largest value, 0, at the bright end
        return s;
    }
    if (any && v.lowest >= 0 && v.highest > 0) {
        s.range = {0.0, v.highest};
        return s;
    }
    s.map = ColorMap::Diverging;
    s.mapApplies = false;
    const double m = any ? std::max(std::abs(v.lowest), std::abs(v.highest)) : 0.0;
    s.range = m > 0 ? AxisSpan{-m, m} : AxisSpan{-1.0, 1.0};
    return s;
}

ColorScale colorScaleFor(const HeatmapData& map, ColorMap sequential, bool logWanted)
{
    return colorScaleFor(valueSpan(map), map.isSigned, sequential, logWanted);
}

ColorScale colorScaleFor(const std::vector<HeatmapData>& maps, ColorMap sequential, bool logWanted)
{
    const bool isSigned =
        std::any_of(maps.begin(), maps.end(), [](const HeatmapData& d) { return d.isSigned; });
    return colorScaleFor(valueSpan(maps), isSigned, sequential, logWanted);
}

} // namespace poslab::widgets
