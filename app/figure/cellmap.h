#pragma once

#include "qcp.h"

// The heatmap cells of a figure. On screen and in PNG: QCPColorMap itself, unsmoothed. In PDF and
// SVG: up to kMaxVectorCells cells per side, one filled rectangle per cell (crisp at any zoom, and
// each cell is an element of the file); beyond, one image at the requested DPI scaled up from the
// cells by nearest neighbour, stored losslessly (Flate in PDF, PNG in SVG).
namespace poslab::figure {

inline constexpr int kMaxVectorCells = 64;

class CellMap : public QCPColorMap
{
  public:
    using QCPColorMap::QCPColorMap;
    int cols = 0, rows = 0;
    bool vector = false;
    int dpi = 300;
    double logicalDpi = 96;

    bool drawsRectangles() const { return vector && cols <= kMaxVectorCells && rows <= kMaxVectorCells; }

  protected:
    void draw(QCPPainter* painter) override;
};

} // namespace poslab::figure
