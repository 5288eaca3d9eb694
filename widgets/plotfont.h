#pragma once

class QCustomPlot;
class QFont;

namespace poslab::widgets {

// QCustomPlot takes its fonts from the widget once, when it is made: a later font (the explorer's
// presentation mode) reaches the plot through this. Axis and colour-scale labels and ticks get
// `font`, text elements (titles) the same family two points larger in bold, the legend one smaller.
void setPlotFont(QCustomPlot* plot, const QFont& font);

// The plot's legend in as many columns (at most 6) as its widest entry allows across the plot's
// width, filled column by column; call again after a resize or a change of entries.
void wrapLegendToWidth(QCustomPlot* plot);

} // namespace poslab::widgets
