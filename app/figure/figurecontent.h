#pragma once

#include <deltacurveview.h>
#include <heatmapdata.h>
#include <heatmapmapping.h>
#include <table.h>

#include <QString>

#include <limits>
#include <vector>

namespace poslab::figure {

// The compare view's numbers: the largest change the shift makes (over all heads, matrix shown),
// for the scheme and the compare scheme, and the largest |A − B| of the head shown.
struct CompareNumbers
{
    double shiftChangeA = std::numeric_limits<double>::quiet_NaN();
    double shiftChangeB = std::numeric_limits<double>::quiet_NaN();
    double maxDifference = std::numeric_limits<double>::quiet_NaN();
};

// One paragraph of text set beside or below the maps (the explain view's steps): plain text, the
// lead in bold.
struct TextBlock
{
    QString lead;
    QString text;
    bool indent = false;
};

// What one figure paints, computed by core before any drawing: one heatmap, one per head, the
// compare maps, or a Δ-curve; `table` is exactly those numbers (maps stacked: row k·n + i), for --data-out.
struct FigureContent
{
    std::vector<widgets::HeatmapData> maps;
    std::vector<int> scaleGroups;        // per map: equal numbers share a colour scale; empty: all share one
    std::vector<QString> notes;          // per map, under its title (compare: the max |change|); may be empty
    std::vector<widgets::Cell> outlined; // cells outlined on the first map (explain: the walk's cells)
    std::vector<TextBlock> text;         // explain: the steps with their numbers
    CompareNumbers compare;
    widgets::CurvePlotData curve;
    bool isCurve = false;
    bool curveGrouped = false; // the curve's plain series share one colour and one (the first's) name
    Table table;
    QString title; // the automatic title
};

} // namespace poslab::figure
