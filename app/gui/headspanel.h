#pragma once

#include "viewrefresher.h"

#include <lab.h>

#include <QWidget>

#include <string>

class QCheckBox;
class QComboBox;
class QLabel;

namespace poslab::widgets {
class HeadGridView;
}

namespace poslab::gui {

class Driver;
class ExplorerState;

bool perHeadByDefault(const Scheme& scheme); // the head grid's default: a log colour range per head

// All heads of the current matrix as small multiples with one colour scale; a click focuses a head.
class HeadsPanel : public QWidget
{
    Q_OBJECT
  public:
    HeadsPanel(Driver* driver, ExplorerState* state, QWidget* parent = nullptr);
    widgets::HeadGridView* view() const { return m_view; }
    QComboBox* colorMapBox() const { return m_colorMap; }
    QCheckBox* logBox() const { return m_log; }
    // One colour scale for every head, or a range per head (linear or log); per head and log by
    // default for schemes whose heads differ by a slope (ALiBi), set again whenever the scheme changes.
    QComboBox* headScaleBox() const { return m_headScale; }
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
    QComboBox* m_headScale = nullptr;
    std::string m_scheme; // of the last result: a new scheme gets its default scale
};

} // namespace poslab::gui
