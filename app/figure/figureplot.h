#pragma once

#include "figurecontent.h"
#include "session.h"

#include <QSize>
#include <QSizeF>

#include <memory>
#include <vector>

class QCPAxis;
class QCPColorScale;
class QCPLayoutElement;
class QCPLayoutGrid;
class QCustomPlot;
class QPaintDevice;

namespace poslab::widgets {
struct ColorScale;
}

namespace poslab::figure {

class CellMap;

// The colour scale of maps sharing one scale in a figure: the explorer's choice for the same values
// (widgets/colorscale.h: one-signed values on the session's sequential map, the diverging map only
// for values of both signs, a log scale for unsigned values when the style asks for it).
widgets::ColorScale figureColorScale(const Session& session, const std::vector<widgets::HeatmapData>& maps);
class TextPanel;

// A standalone QCustomPlot laid out for paper: sizes in logical units at the screen's font DPI (the
// DPI QCustomPlot measures text with), fonts in points, titles and text wrapped to the width, token
// labels thinned to fit, square heatmap cells when the height is automatic. paint() scales that
// layout onto any device.
class FigurePlot
{
  public:
    FigurePlot(const FigureContent& content, const Session& session);
    ~FigurePlot();

    QSize logicalSize() const { return m_logical; }
    QSizeF sizeMm() const { return m_sizeMm; }
    static int logicalDpi();

    // vector: PDF/SVG (cells as rectangles or an image at `rasterDpi`, see CellMap; no cosmetic pens).
    void paint(QPaintDevice& device, QSizeF deviceSize, bool vector, int rasterDpi);
    QCustomPlot* plot() const { return m_plot.get(); }

  private:
    QFont font(double delta = 0) const;
    void buildMaps(const FigureContent& content, int row);
    void buildCurve(const FigureContent& content, int row);
    void styleAxis(QCPAxis* axis, const QString& label);
    void updateTicks();
    int titleWidth(std::size_t map) const;
    void balanceColumns();
    void balanceRows();
    void fitTextBeside();
    void dryRun();

    Session m_session;
    std::vector<widgets::HeatmapData> m_data;
    std::vector<QString> m_notes;
    std::unique_ptr<QCustomPlot> m_plot;
    std::vector<CellMap*> m_maps;
    std::vector<QCPLayoutGrid*> m_mapGrids;    // the grid of each map
    std::vector<int> m_mapColumns;             // and its column there
    std::vector<int> m_mapRows;                // the grid row of each map
    std::vector<QCPLayoutElement*> m_mapCells; // what holds map k in m_rowsGrid's row
    QCPLayoutGrid* m_rowsGrid = nullptr;       // the grid whose rows are rows of maps
    QCPLayoutElement* m_filler = nullptr;      // compare: the empty end of a short last row
    QCPColorScale* m_spanningScale = nullptr;  // heads: the scale beside several rows
    QCPLayoutGrid* m_left = nullptr;           // text beside: the maps' side
    TextPanel* m_text = nullptr;
    bool m_textBeside = false;
    int m_gridCols = 1;
    QSize m_logical;
    QSizeF m_sizeMm;
};

} // namespace poslab::figure
