#pragma once

#include "viewrefresher.h"

#include <lab.h>

#include <QWidget>

class QCheckBox;
class QComboBox;
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
    QComboBox* colorMapBox() const { return m_colorMap; }
    QCheckBox* logBox() const { return m_log; }
    QString hint() const;

  private:
    void rebuild();
    void refresh() { m_refresher.refresh(); }

    ExplorerState* m_state;
    ViewRefresher m_refresher;
    LabResult m_result;
    widgets::HeadGridView* m_view = nullptr;
    QLabel* m_hint = nullptr;
    QComboBox* m_colorMap = nullptr;
    QCheckBox* m_log = nullptr;
};

} // namespace poslab::gui
