#pragma once

#include "viewrefresher.h"

#include <lab.h>

#include <QWidget>

class QLabel;

namespace poslab::widgets {
class HeadGridView;
}

namespace poslab::gui {

class Driver;
class ExplorerState;

// All heads of the current matrix as small multiples with one colour scale; a click focuses a head.
class HeadsPanel : public QWidget
{
    Q_OBJECT
  public:
    HeadsPanel(Driver* driver, ExplorerState* state, QWidget* parent = nullptr);
    widgets::HeadGridView* view() const { return m_view; }

  private:
    void rebuild();
    void refresh() { m_refresher.refresh(); }

    ExplorerState* m_state;
    ViewRefresher m_refresher;
    LabResult m_result;
    widgets::HeadGridView* m_view = nullptr;
    QLabel* m_hint = nullptr;
};

} // namespace poslab::gui
