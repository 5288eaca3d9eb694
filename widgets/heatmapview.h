#pragma once

#include "colormaps.h"
#include "heatmapdata.h"
#include "heatmapmapping.h"

#include <QWidget>

class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QCPTextElement;
class QMouseEvent;

namespace poslab::widgets {

// Paints one precomputed matrix as a heatmap: keys j on x, queries i on y from the top down,
// token labels on both axes, a labelled colour scale, masked cells hatched in grey.
class HeatmapView : public QWidget
{
    Q_OBJECT
  public:
    explicit HeatmapView(QWidget* parent = nullptr);

    void setData(HeatmapData data);
    const HeatmapData& data() const { return m_data; }

    // The sequential map for unsigned data; signed data always uses the diverging map.
    void setSequentialMap(ColorMap map);
    ColorMap colorMap() const { return colorMapFor(m_data, m_sequential); }

    QCustomPlot* plot() const { return m_plot; }
    Cell hoveredCell() const { return m_hovered; }

  signals:
    void cellHovered(int row, int col); // (−1, −1) when the pointer leaves the cells

  private:
    void rebuild();
    void updateTicks();
    void updateRotation();
    void onMouseMove(QMouseEvent* event);
    void setHovered(Cell cell);

    HeatmapData m_data;
    ColorMap m_sequential = ColorMap::Viridis;
    Cell m_hovered;
    int m_widestColLabel = 0; // pixels
    QCustomPlot* m_plot = nullptr;
    QCPColorMap* m_map = nullptr;
    QCPColorScale* m_scale = nullptr;
    QCPTextElement* m_title = nullptr;
};

} // namespace poslab::widgets
