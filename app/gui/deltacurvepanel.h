#pragma once

#include "viewrefresher.h"
#include <lab.h>

#include <QWidget>

class QCheckBox;
class QSpinBox;

namespace poslab::widgets {
class DeltaCurveView;
}

namespace poslab::gui {

class Driver;
class ExplorerState;

// What the scheme prescribes as a function of Δ next to the attention it produces (mean along
// each diagonal of the current head), over an adjustable range; the selected cell's Δ is marked.
// For rotary schemes, RoFormer's relative upper bound (§3.4.3) at a chosen head size can be drawn over it.
class DeltaCurvePanel : public QWidget
{
    Q_OBJECT
  public:
    DeltaCurvePanel(Driver* driver, ExplorerState* state, QWidget* parent = nullptr);
    widgets::DeltaCurveView* view() const { return m_view; }
    // RoFormer's long-term decay bound over the curve (RoPE-family schemes), at a head size of its own.
    QCheckBox* boundBox() const { return m_bound; }
    QSpinBox* boundHeadDimBox() const { return m_boundDim; }

  private:
    void rebuild();
    void refresh() { m_refresher.refresh(); }

    ExplorerState* m_state;
    ViewRefresher m_refresher;
    LabResult m_result;
    QSpinBox* m_range = nullptr;
    QCheckBox* m_bound = nullptr;
    QSpinBox* m_boundDim = nullptr;
    widgets::DeltaCurveView* m_view = nullptr;
};

} // namespace poslab::gui
