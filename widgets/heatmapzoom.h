#pragma once

#include "heatmapdata.h"
#include "heatmapmapping.h"

#include <engine/options.h>

#include <QSize>
#include <QString>

// Deep zoom of a pooled map (issue 13): what a zoomed view shows in tokens, and whether a finer
// picture of it is worth computing. Plain numbers, tested without a widget.
namespace poslab::widgets {

// The token at display coordinate x on one axis (display cells centred on integers, cell c spanning
// [c − ½, c + ½) and tokens [start(c), start(c + 1))): linear within a cell, and beyond the data's
// cells continued with the width of the cell at that end. Not clamped.
double tokenAt(const HeatmapData& data, Qt::Orientation axis, double x);

// The tokens a view of `data` over display ranges x (keys) and y (queries) shows, whole tokens,
// clamped to the map (0 .. totalRows / totalCols).
TokenRegion visibleTokens(const HeatmapData& data, AxisSpan x, AxisSpan y);

// Tokens per drawn cell side (the coarsest of the two axes) of the cells of `data` that meet
// `region`; 0 when none does.
int tokensPerCell(const HeatmapData& data, const TokenRegion& region);

// What to do after a zoom or pan of a pooled map shows `region`.
enum class ZoomNeed
{
    None,     // the data already shows it as finely as the screen can (or is not pooled)
    Overview, // the whole map: the overview result shows it
    Detail    // compute `region` again at screen resolution
};
// `capacity`: cells the view can draw a side. Detail when the screen could draw cells at least a
// quarter finer than the data has there, or the region reaches outside the data (zoomed out, panned).
ZoomNeed zoomNeed(const HeatmapData& data, const TokenRegion& region, QSize capacity);

// "magnified: cells of 66 × 66 tokens; computing tokens 61,440–65,535 × … at screen resolution"
QString magnifiedTitle(const HeatmapData& data, const TokenRegion& region);

} // namespace poslab::widgets
