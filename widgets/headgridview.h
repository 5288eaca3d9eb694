#pragma once

#include "colormaps.h"
#include "colorscale.h"
#include "heatmapdata.h"
#include "heatmapmapping.h"

#include <QWidget>

#include <vector>

class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QCPAxisRect;
class QCPLayoutGrid;
class QCPTextElement;

namespace poslab::widgets {

// All heads as small multiples (one axis rect and colour map per head) under one shared colour
// scale, so that heads compare by colour. Clicking a head emits headClicked; the focused head is
// drawn with a thick frame.
class HeadGridView : public QWidget
{
    Q_OBJECT
  public:
    explicit HeadGridView(QWidget* parent = nullptr);

    void setHeads(std::vector<HeatmapData> heads, const QString& title);
    void setSequentialMap(ColorMap map);
    void setLogScale(bool on);
    void setFocusedHead(int head);
    // Each head on a colour range of its own (its title says which), e.g. ALiBi's heads, whose
    // slopes differ by powers of two: on one scale the shallow ones are a single colour. PerHeadLog
    // draws each on a log scale (probabilities), where ALiBi's bias −m·|Δ| is a straight gradient.
    enum class Scale
    {
        Shared,
        PerHead,
        PerHeadLog
    };
    void setHeadScale(Scale scale);
    Scale headScale() const { return m_headScale; }
    AxisSpan headColorRange(int k) const { return m_headRanges[std::size_t(k)]; }

    int plotCount() const { return static_cast<int>(m_maps.size()); }
    const HeatmapData& head(int k) const { return m_heads[std::size_t(k)]; }
    AxisSpan colorRange() const { return m_range; }
    const ColorScale& colorScale() const { return m_colorScale; } // what the controls apply to
    QCustomPlot* plot() const { return m_plot; }
    QSize cellCapacity(int heads) const; // cells per small multiple when showing `heads`
    QString title() const { return m_titleText; }

  signals:
    void headClicked(int head);
    void headDoubleClicked(int head); // "open it": the panel switches to the heatmap

  protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override; // a new font (presentation mode) reaches the plot

  private:
    void rebuild();
    int columnsFor(int count) const;
    int headAt(QPoint pos) const; // −1 outside every head
    void updateColors();
    void updateFocus();
    void updateAspect();
    void updateTitle();

    std::vector<HeatmapData> m_heads;
    QString m_titleText; // unwrapped
    std::vector<QCPColorMap*> m_maps;
    std::vector<QCPAxisRect*> m_rects;
    ColorMap m_sequential = ColorMap::Viridis;
    bool m_log = false;
    Scale m_headScale = Scale::Shared;
    std::vector<AxisSpan> m_headRanges; // what each head is drawn with
    int m_focused = 0;
    int m_columns = 1;
    AxisSpan m_range;
    ColorScale m_colorScale;
    QCustomPlot* m_plot = nullptr;
    QCPColorScale* m_scale = nullptr;
    QCPTextElement* m_title = nullptr;
    QCPLayoutGrid* m_body = nullptr; // the tiles and the scale, padded so that cells are square
};

} // namespace poslab::widgets
