#pragma once

#include <lab.h>

#include <QWidget>

class QAction;
class QLabel;

namespace poslab::widgets {
class WalkView;
}

namespace poslab::gui {

class Driver;
class ExplorerState;

// The worked example of the selected cell: core's explain() on the driver's last result (the same
// attention and plan the heatmap shows), for the head shown; or the seed article's own walk when the
// state asks for it. The current step's cells and Δs go to the state, which the views highlight.
class WalkPanel : public QWidget
{
    Q_OBJECT
  public:
    WalkPanel(Driver* driver, ExplorerState* state, QWidget* parent = nullptr);

    widgets::WalkView* view() const { return m_view; }
    QString hint() const; // the line above the walk: what it is, or why there is none
    bool showsSeedWalk() const { return m_showsSeed; }
    // Next / previous / first / last step as window-wide actions (Right or PgDn, Left or PgUp, Home,
    // End: a presenter's clicker sends PgUp/PgDn), for the window to add; off until
    // setKeysEverywhere(true), which presentation mode turns on (no form then takes the keys).
    QList<QAction*> stepActions() const { return m_stepActions; }
    void setKeysEverywhere(bool on);

  protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

  private:
    void rebuild();
    void setHint(const QString& text);

    ExplorerState* m_state;
    LabResult m_result;
    QLabel* m_hint = nullptr;
    widgets::WalkView* m_view = nullptr;
    bool m_showsSeed = false;
    QList<QAction*> m_stepActions;
};

} // namespace poslab::gui
