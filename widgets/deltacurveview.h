#pragma once

#include <QPointF>
#include <QString>
#include <QWidget>
#include <limits>

#include <vector>

class QCustomPlot;
class QCPItemRect;
class QCPItemStraightLine;
class QCPItemTracer;
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

// The profile (right axis) gets a dot per point up to this many points; beyond, the dashed line alone.
inline constexpr std::size_t kMaxProfileDots = 64;

// Everything the Δ-curve view paints, computed elsewhere.
struct CurvePlotData
{
    QString title;
    QString valueLabel; // left axis: the scheme's value
    QString xLabel;     // empty: "Δ = j − i" (the context view's figures: distance, pair; the encoding view: position)
    bool logValue = false; // the left axis logarithmic (wavelengths)
    std::vector<std::pair<double, QString>> levels; // horizontal dashed lines with a label (L0)
    std::vector<CurveSeries> series;
    std::vector<double> boundaries; // vertical dotted lines (bucket edges)
    QString profileLabel;           // right axis: the measured attention profile
    std::vector<double> profileX, profileY;
    double marker = std::numeric_limits<double>::quiet_NaN(); // the selected cell's Δ
};

// The scheme's value as a function of Δ = j − i (left axis) against the attention it produces,
// mean attention along each diagonal (right axis). Series beyond the legend's room stay unnamed.
// Any other x (CurvePlotData::xLabel) draws the same way: the encoding view's curves over position.
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
    // The presentation slider's Δ: a line and a dot on the scheme's curve (on the attention profile
    // when there is none). NaN hides them.
    void setSweep(double delta);
    double sweep() const { return m_sweep; }
    bool sweepShown() const;
    QPointF sweepPoint() const; // the dot, in plot coordinates (Δ, value)
    const CurvePlotData& data() const { return m_data; }
    QCustomPlot* plot() const { return m_plot; }
    int seriesCount() const; // graphs on the left axis

  protected:
    void resizeEvent(QResizeEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override; // a new font (presentation mode) reaches the plot

  private:
    void rebuild();
    void updateHighlights();
    void updateSweep();
    void updateTitle();
    void layoutLegend();

    CurvePlotData m_data;
    QCustomPlot* m_plot = nullptr;
    QCPTextElement* m_title = nullptr;
    QCPItemStraightLine* m_marker = nullptr;
    double m_sweep = std::numeric_limits<double>::quiet_NaN();
    QCPItemStraightLine* m_sweepLine = nullptr;
    QCPItemTracer* m_sweepDot = nullptr;
    std::vector<int> m_highlighted;
    std::vector<QCPItemRect*> m_highlightItems;
};

} // namespace poslab::widgets
