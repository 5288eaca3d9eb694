#pragma once

#include "viewrefresher.h"
#include <lab.h>

#include <QWidget>

class QSpinBox;

namespace poslab::widgets {
class DeltaCurveView;
}

namespace poslab::gui {

class Driver;
class ExplorerState;

// What the scheme prescribes as a function of Δ next to the attention it produces (mean along
// each diagonal of the current head), over an adjustable range; the selected cell's Δ is marked.
class DeltaCurvePanel : public QWidget
{
    Q_OBJECT
  public:
    DeltaCurvePanel(Driver* driver, ExplorerState* state, QWidget* parent = nullptr);
    widgets::DeltaCurveView* view() const { return m_view; }

  private:
    void rebuild();
    void refresh() { m_refresher.refresh(); }

    ExplorerState* m_state;
    ViewRefresher m_refresher;
    LabResult m_result;
    QSpinBox* m_range = nullptr;
    widgets::DeltaCurveView* m_view = nullptr;
};

} // namespace poslab::gui
