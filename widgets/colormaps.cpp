#include "colormaps.h"

#include "qcp.h"

#include <algorithm>
#include <cmath>

namespace poslab::widgets {

namespace {

// Eleven evenly spaced samples; the sequential tables are matplotlib's maps at t = 0, 0.1, ..., 1.
constexpr const char* kViridis[] = {"#440154", "#482475", "#414487", "#355f8d", "#2a788e", "#21918c",
                                    "#22a884", "#44bf70", "#7ad151", "#bddf26", "#fde725"};
constexpr const char* kMagma[] = {"#000004", "#140e36", "#3b0f70", "#641a80", "#8c2981", "#b73779",
                                  "#de4968", "#f7705c", "#fe9f6d", "#fecf92", "#fcfdbf"};
constexpr const char* kCividis[] = {"#00204d", "#00306f", "#2a406c", "#48526b", "#5e626e", "#727374",
                                    "#878479", "#9e9677", "#b6a971", "#d0be67", "#fee838"};
// ColorBrewer RdBu, reversed so that negative is blue; the middle stop is the white of 0.
constexpr const char* kDiverging[] = {"#2166ac", "#4393c3", "#92c5de", "#d1e5f0", "#f7f7f7",
                                      "#fddbc7", "#f4a582", "#d6604d", "#b2182b"};

template <std::size_t N>
std::vector<ColorStop> evenStops(const char* const (&hex)[N])
{
    std::vector<ColorStop> stops;
    stops.reserve(N);
    for (std::size_t k = 0; k < N; ++k)
        stops.push_back({static_cast<double>(k) / static_cast<double>(N - 1), QColor(hex[k])});
    return stops;
}

} // namespace

std::vector<ColorStop> colorStops(ColorMap map)
{
    switch (map) {
    case ColorMap::Viridis:
        return evenStops(kViridis);
    case ColorMap::Magma:
        return evenStops(kMagma);
    case ColorMap::Cividis:
        return evenStops(kCividis);
    case ColorMap::Diverging:
        return evenStops(kDiverging);
    }
    return evenStops(kViridis);
}

QString colorMapName(ColorMap map)
{
    switch (map) {
    case ColorMap::Viridis:
        return QStringLiteral("viridis");
    case ColorMap::Magma:
        return QStringLiteral("magma");
    case ColorMap::Cividis:
        return QStringLiteral("cividis");
    case ColorMap::Diverging:
        return QStringLiteral("diverging");
    }
    return {};
}

QColor colorAt(ColorMap map, double t)
{
    const auto stops = colorStops(map);
    if (!std::isfinite(t)) t = 0.0;
    t = std::clamp(t, 0.0, 1.0);
    auto upper = std::lower_bound(stops.begin(), stops.end(), t,
                                  [](const ColorStop& s, double v) { return s.position < v; });
    if (upper == stops.begin()) return upper->color;
    if (upper == stops.end()) return stops.back().color;
    const auto lower = upper - 1;
    const double f = (t - lower->position) / (upper->position - lower->position);
    auto mix = [f](int a, int b) { return static_cast<int>(std::lround(a + f * (b - a))); };
    return QColor(mix(lower->color.red(), upper->color.red()),
                  mix(lower->color.green(), upper->color.green()),
                  mix(lower->color.blue(), upper->color.blue()));
}

QCPColorGradient makeGradient(ColorMap map)
{
    QMap<double, QColor> stops;
    for (const auto& stop : colorStops(map))
        stops.insert(stop.position, stop.color);
    QCPColorGradient gradient;
    gradient.setColorStops(stops);
    gradient.setColorInterpolation(QCPColorGradient::ciRGB);
    gradient.setLevelCount(256);
    gradient.setNanHandling(QCPColorGradient::nhTransparent);
    return gradient;
}

} // namespace poslab::widgets
