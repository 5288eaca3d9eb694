#pragma once

#include <deltacurveview.h>
#include <heatmapdata.h>
#include <table.h>

#include <QString>

#include <vector>

namespace poslab::figure {

// What one figure paints, computed by core before any drawing: one heatmap, one per head, or a
// Δ-curve; `table` is exactly those numbers (heads stacked: row h·n + i), for --data-out.
struct FigureContent
{
    std::vector<widgets::HeatmapData> maps;
    widgets::CurvePlotData curve;
    bool isCurve = false;
    Table table;
    QString title; // the automatic title
};

} // namespace poslab::figure
