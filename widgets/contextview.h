#pragma once

#include <QString>
#include <QWidget>

#include <vector>

class QCustomPlot;
class QLabel;

namespace poslab::widgets {

// Everything the context-extension view paints, computed elsewhere (core/contextextension.h).
struct ContextPlotData
{
    QString message; // non-empty: nothing to plot (not rope, an error); shown instead
    QString title;   // "rope, yarn ×4: trained at L0 = 4096, run at L = 16384"
    QString summary; // one line under the title: the pairs by kind, the attention factor
    QString notes;   // the header's tooltip: why a scaling is not drawn
    double originalMax = 0, length = 0;
    // Per rotary pair k = 0 .. r/2 − 1.
    std::vector<double> wavelength, wavelengthScaled; // 2π/θ_k before and after scaling
    std::vector<int> kind;                            // 0 kept, 1 interpolated, 2 ramp, 3 other
    std::vector<double> trainedAngle, angleAtL;       // L0·θ_k (the range seen) and (L − 1)·θ'_k
    std::vector<bool> unseen;
    // Score against distance t = 0 .. L − 1, one series per scaling.
    struct Curve
    {
        QString name;
        std::vector<double> x, y;
        bool emphasis = false; // the scheme's own scaling
    };
    std::vector<Curve> curves;
};

// Three plots, stacked: each pair's wavelength against L0 (log axis) before and after scaling,
// coloured by what the scaling does to it; the largest angle training saw against the one L
// produces (pairs that see new angles marked); the Δ-curve of every scaling past L0.
class ContextView : public QWidget
{
    Q_OBJECT
  public:
    explicit ContextView(QWidget* parent = nullptr);
    void setData(ContextPlotData data);
    const ContextPlotData& data() const { return m_data; }
    QCustomPlot* wavelengthPlot() const { return m_plots[0]; }
    QCustomPlot* anglePlot() const { return m_plots[1]; }
    QCustomPlot* curvePlot() const { return m_plots[2]; }
    static QString kindName(int kind); // "kept", "interpolated", "ramp", "other"

  protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override; // a language switch: the view's own words

  private:
    void rebuild();
    void layoutLegends();
    void buildWavelengths();
    void buildAngles();
    void buildCurves();

    ContextPlotData m_data;
    QLabel* m_header = nullptr;
    QCustomPlot* m_plots[3] = {};
};

} // namespace poslab::widgets
