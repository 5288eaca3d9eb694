#pragma once

#include <QString>
#include <QWidget>
#include <limits>

#include <vector>

class QCustomPlot;
class QCPItemRect;
class QCPItemStraightLine;
class QCPTextElement;

namespace poslab::widgets {

struct CurveSeries
{
    QString name;
    std::vector<double> x, y;
    bool steps = false;    // a step function centred on each Δ (bucketed schemes)
    bool emphasis = false; // drawn thick and dark, e.g. RoPE's sum over pairs
    bool dashed = false;   // a bound or reference drawn over the scheme's own values
};

// Everything the Δ-curve view paints, computed elsewhere.
struct CurvePlotData
{
    QString title;
    QString valueLabel; // left axis: the scheme's value
    std::vector<CurveSeries> series;
    std::vector<double> boundaries; // vertical dotted lines (bucket edges)
    QString profileLabel;           // right axis: the measured attention profile
    std::vector<double> profileX, profileY;
    double marker = std::numeric_limits<double>::quiet_NaN(); // the selected cell's Δ
};

// The scheme's value as a function of Δ = j − i (left axis) against the attention it produces,
// mean attention along each diagonal (right axis). Series beyond the legend's room stay unnamed.
class DeltaCurveView : public QWidget
{
    Q_OBJECT
  public:
    explicit DeltaCurveView(QWidget* parent = nullptr);
    void setData(CurvePlotData data);
    void setMarker(double delta); // NaN hides it
    // Δ values shaded as narrow bands (e.g. what a worked-example step concerns); empty: none.
    void setHighlightedDeltas(const std::vector<int>& deltas);
    const std::vector<int>& highlightedDeltas() const { return m_highlighted; }
    const CurvePlotData& data() const { return m_data; }
    QCustomPlot* plot() const { return m_plot; }
    int seriesCount() const; // graphs on the left axis

  protected:
    void resizeEvent(QResizeEvent* event) override;

  private:
    void rebuild();
    void updateHighlights();
    void updateTitle();
    void layoutLegend();

    CurvePlotData m_data;
    QCustomPlot* m_plot = nullptr;
    QCPTextElement* m_title = nullptr;
    QCPItemStraightLine* m_marker = nullptr;
    std::vector<int> m_highlighted;
    std::vector<QCPItemRect*> m_highlightItems;
};

} // namespace poslab::widgets
