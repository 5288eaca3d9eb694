#pragma once

#include "colormaps.h"
#include "heatmapdata.h"
#include "heatmapmapping.h"

#include <vector>

namespace poslab::widgets {

// How a map's values become colours, decided from their range (not in a paintEvent), and which of
// the colour controls mean something for it:
// - unsigned values (probabilities): the chosen sequential map from min(0, lowest) to the highest,
//   or a log scale when asked;
// - signed values of both signs: the diverging map, white at 0, over [−m, m];
// - signed values all ≤ 0 (ALiBi's bias) or all ≥ 0: the chosen sequential map over [lowest, 0] or
//   [0, highest], so that no half of a diverging scale goes unused.
// A log scale applies to unsigned values only; the sequential map choice to every sequential scale.
struct ColorScale
{
    ColorMap map = ColorMap::Viridis;
    AxisSpan range{0.0, 1.0};
    bool log = false;       // drawn on a log scale
    bool logApplies = true; // the log-scale control means something here
    bool mapApplies = true; // the colour-map control means something here
    friend bool operator==(const ColorScale& a, const ColorScale& b)
    {
        return a.map == b.map && a.range.lower == b.range.lower && a.range.upper == b.range.upper &&
               a.log == b.log && a.logApplies == b.logApplies && a.mapApplies == b.mapApplies;
    }
};

// The extremes of the values shown: lowest and highest unmasked values, and the smallest positive one
// (for a log range). lowest > highest when nothing is shown.
struct ValueSpan
{
    double lowest = 0.0;
    double highest = -1.0;
    double lowestPositive = 0.0; // 0: none
};
ValueSpan valueSpan(const HeatmapData& map);
ValueSpan valueSpan(const std::vector<HeatmapData>& maps);

ColorScale colorScaleFor(const ValueSpan& values, bool isSigned, ColorMap sequential, bool logWanted);
ColorScale colorScaleFor(const HeatmapData& map, ColorMap sequential, bool logWanted);
// One scale for several maps (the head grid): over all their values.
ColorScale colorScaleFor(const std::vector<HeatmapData>& maps, ColorMap sequential, bool logWanted);

} // namespace poslab::widgets
