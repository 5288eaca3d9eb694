#pragma once

#include "figurecontent.h"
#include "session.h"

#include <QSize>
#include <QSizeF>

#include <memory>
#include <vector>

class QCPAxis;
class QCustomPlot;
class QPaintDevice;

namespace poslab::figure {

class CellMap;

// A standalone QCustomPlot laid out for paper: sizes in logical units at the screen's font DPI (the
// DPI QCustomPlot measures text with), fonts in points, token labels thinned to fit, square heatmap
// cells when the height is automatic. paint() scales that layout onto any device.
class FigurePlot
{
  public:
    FigurePlot(const FigureContent& content, const Session& session);
    ~FigurePlot();

    QSize logicalSize() const { return m_logical; }
    QSizeF sizeMm() const { return m_sizeMm; }
    static int logicalDpi();

    // vector: PDF/SVG (heatmap cells as an image at `rasterDpi`, nearest neighbour; no cosmetic pens).
    void paint(QPaintDevice& device, QSizeF deviceSize, bool vector, int rasterDpi);
    QCustomPlot* plot() const { return m_plot.get(); }

  private:
    void buildMaps(const FigureContent& content);
    void buildCurve(const FigureContent& content);
    void styleAxis(QCPAxis* axis, const QString& label);
    void updateTicks();
    void balanceColumns();
    void dryRun();

    Session m_session;
    std::vector<widgets::HeatmapData> m_data;
    std::unique_ptr<QCustomPlot> m_plot;
    std::vector<CellMap*> m_maps;
    int m_gridCols = 1;
    QSize m_logical;
    QSizeF m_sizeMm;
};

} // namespace poslab::figure
