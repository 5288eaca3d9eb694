#pragma once

#include "viewrefresher.h"
#include <lab.h>

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace poslab::widgets {
class ContextView;
struct ContextPlotData;
} // namespace poslab::widgets

namespace poslab::gui {

class Driver;
class ExplorerState;

// The longest L the view draws: every scaling's score at every distance is computed on the GUI
// thread (six scalings × r/2 cosines a distance: about 0.2 s at this length).
inline constexpr int kMaxContextShown = 131072;

// What the view paints for a request: core's contextExtension at L = the sequence's n; `message`
// says why there is nothing (not rope, L too long, the scheme's error).
widgets::ContextPlotData contextPlotFor(const LabRequest& request, int n);

// The context-extension view: a rope model trained at L0 run at L = the sequence's length. Its
// controls edit the request (scaling, factor, L0 are the scheme's parameters; L is the number of
// bare positions), so every other view shows the same model.
class ContextPanel : public QWidget
{
    Q_OBJECT
  public:
    ContextPanel(Driver* driver, ExplorerState* state, QWidget* parent = nullptr);
    widgets::ContextView* view() const { return m_view; }

  private:
    void showRequest(const LabRequest& request);
    void rebuild();
    void refresh() { m_refresher.refresh(); }

    Driver* m_driver;
    ViewRefresher m_refresher;
    LabRequest m_request; // of the last result
    int m_n = 0;
    QComboBox* m_scaling = nullptr;
    QDoubleSpinBox* m_factor = nullptr;
    QSpinBox* m_originalMax = nullptr;
    QSpinBox* m_length = nullptr;
    QPushButton* m_useRope = nullptr;
    widgets::ContextView* m_view = nullptr;
};

} // namespace poslab::gui
