#pragma once

#include <QColor>
#include <QString>

#include <utility>
#include <vector>

class QCPColorGradient;

namespace poslab::widgets {

// Perceptually uniform sequential maps (matplotlib's viridis, magma, cividis) and a diverging
// blue–white–red map whose white sits at the middle of the range (0 for symmetric signed data).
enum class ColorMap
{
    Viridis,
    Magma,
    Cividis,
    Diverging
};

struct ColorStop
{
    double position = 0.0; // in [0, 1]
    QColor color;
};

std::vector<ColorStop> colorStops(ColorMap map);
QString colorMapName(ColorMap map);

// Linear interpolation in RGB between the stops; t is clamped to [0, 1].
QColor colorAt(ColorMap map, double t);

// The same stops for QCustomPlot (NaN cells are drawn transparent).
QCPColorGradient makeGradient(ColorMap map);

} // namespace poslab::widgets
