#pragma once

#include "colormaps.h"
#include "colorscale.h"
#include "heatmapdata.h"
#include "heatmapmapping.h"

#include <QPointF>
#include <QWidget>

#include <optional>
#include <vector>

class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QCPItemLine;
class QCPItemRect;
class QCPLayoutGrid;
class QCPTextElement;
class QMouseEvent;

namespace poslab::widgets {

// Paints one precomputed matrix as a heatmap: keys j on x, queries i on y from the top down,
// token labels on both axes, a labelled colour scale, masked cells hatched in grey. Wheel zooms,
// drag pans, a click selects a cell (drawn as a frame), a double click resets the view.
class HeatmapView : public QWidget
{
    Q_OBJECT
  public:
    explicit HeatmapView(QWidget* parent = nullptr);

    void setData(HeatmapData data);
    const HeatmapData& data() const { return m_data; }
    // A new title for the data shown, keeping the zoom (a deep zoom's "magnified …, computing").
    void setTitle(const QString& title);
    // The displayed ranges in display-cell coordinates (cells centred on integers).
    AxisSpan xRange() const;
    AxisSpan yRange() const;

    // The sequential map for unsigned data; signed data always uses the diverging map.
    void setSequentialMap(ColorMap map);
    ColorMap colorMap() const { return m_colorScale.map; }
    void setLogScale(bool on); // probabilities only; ignored for signed data
    bool logScale() const { return m_colorScale.log; }
    const ColorScale& colorScale() const { return m_colorScale; } // colorScaleFor() unless a range is fixed
    void setFixedColorRange(AxisSpan range); // e.g. shared by several maps; lower > upper: automatic
    void setSelectedToken(Cell token);       // token (i, j), framed; invalid: no frame
    void setColorScaleVisible(bool visible); // off when a neighbour's scale is shared
    // Square token cells (the default: a diagonal at 45°). Off for a matrix whose axes are not both
    // tokens (the n × d_model encoding), which then fills the room there is.
    void setSquareCells(bool on);
    bool squareCells() const { return m_square; }
    // Token cells outlined in a highlight colour inside the cell, distinct from the selection frame
    // (e.g. what a worked-example step concerns). Empty: none.
    void setHighlightedTokens(const std::vector<Cell>& tokens);
    const std::vector<Cell>& highlightedTokens() const { return m_highlighted; }
    int highlightOutlineCount() const { return int(m_highlightItems.size()); }
    // The diagonal Δ = j − i drawn as a line through its cells (the presentation slider); none: off.
    void setHighlightedDiagonal(std::optional<int> delta);
    std::optional<int> highlightedDiagonal() const { return m_diagonal; }
    bool diagonalShown() const; // drawn: set and inside the map shown

    QCustomPlot* plot() const { return m_plot; }
    Cell hoveredCell() const { return m_hovered; } // display cell
    QString hoverText() const { return describeCell(m_data, m_hovered); }
    QSize
    cellCapacity() const; // how many cells fit: never draw more cells than pixels (as many across as down)
    // Lines the title wraps into at the current width, and a minimum it is padded to (maps shown side
    // by side keep their rows aligned when only one title wraps).
    int titleLines() const { return m_titleLines; }
    void setMinimumTitleLines(int lines);

  signals:
    void cellHovered(int row, int col);  // display cell; (−1, −1) when the pointer leaves
    void tokenClicked(int row, int col); // token (i, j) of the clicked cell
    void capacityChanged(QSize cells);
    void viewRangeChanged(); // zoomed or panned (not when new data resets the view)
    void viewReset();        // a double click showed the whole data again
    void titleLinesChanged(int lines);

  protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override; // a new font (presentation mode) reaches the plot

  private:
    void rebuild();
    void updateTitle();
    void updateColors();
    void updateTicks();
    int labelBudget(Qt::Orientation orientation) const;
    void updateRotation();
    void updateAspect();
    void updateSelection();
    void updateHighlights();
    void updateDiagonal();
    void onMouseMove(QMouseEvent* event);
    void onMousePress(QMouseEvent* event);
    void onMouseRelease(QMouseEvent* event);
    Cell cellUnder(QPointF pos) const;
    void setHovered(Cell cell);

    HeatmapData m_data;
    ColorMap m_sequential = ColorMap::Viridis;
    bool m_log = false;
    bool m_showScale = true;
    bool m_square = true;
    bool m_resettingRange = false; // rebuild() sets the ranges: not a zoom
    AxisSpan m_fixedRange{1.0, 0.0};
    ColorScale m_colorScale;
    Cell m_hovered;
    QPointF m_pressedAt{-1, -1}; // where the left button went down; (−1, −1): not down
    Cell m_selected;             // token cell
    QSize m_capacity;
    QSize m_budget;                 // tick labels that fit on x and y
    QCPItemRect* m_frame = nullptr; // the selected cell
    QCPItemRect* m_frameUnder = nullptr;
    std::vector<Cell> m_highlighted; // token cells
    std::vector<QCPItemRect*> m_highlightItems;
    std::optional<int> m_diagonal;
    QCPItemLine* m_diagonalLine = nullptr;
    int m_widestColLabel = 0; // pixels
    int m_rightMargin = 0;    // QCustomPlot's minimum right margin of the map, more when a label needs it
    int m_titleLines = 1;
    int m_minTitleLines = 1;
    QCustomPlot* m_plot = nullptr;
    QCPColorMap* m_map = nullptr;
    QCPColorScale* m_scale = nullptr;
    QCPTextElement* m_title = nullptr;
    QCPLayoutGrid* m_body = nullptr; // the map and its scale, padded so that cells are square
};

} // namespace poslab::widgets
