#pragma once

#include "viewrefresher.h"

#include <lab.h>

#include <QWidget>

class QComboBox;
class QLabel;
class QSpinBox;

namespace poslab::widgets {
class HeatmapView;
}

namespace poslab::gui {

class Driver;
class ExplorerState;

// Two schemes on the same sequence, content and projections side by side, their difference, and
// a shift s of every position: next to each map, the largest change the shift makes (over all
// heads). Relative schemes stay put up to rounding; absolute ones move.
class ComparePanel : public QWidget
{
    Q_OBJECT
  public:
    ComparePanel(Driver* driver, ExplorerState* state, QWidget* parent = nullptr);

    void setCompareScheme(const QString& name);
    void setShift(int shift);
    double maxChangeA() const { return m_changeA; }
    double maxChangeB() const { return m_changeB; }
    widgets::HeatmapView* viewA() const { return m_a; }
    widgets::HeatmapView* viewB() const { return m_b; }
    widgets::HeatmapView* viewDiff() const { return m_diff; }
    QString headingA() const; // above each map: the scheme, its kind and the shift's change
    QString headingB() const;

  private:
    void showRequest(const LabRequest& request);
    void rebuild();
    void refresh() { m_refresher.refresh(); }

    Driver* m_driver;
    ExplorerState* m_state;
    ViewRefresher m_refresher;
    LabResult m_result;
    QComboBox* m_schemeB = nullptr;
    QSpinBox* m_shift = nullptr;
    QComboBox* m_matrix = nullptr;
    widgets::HeatmapView* m_a = nullptr;
    widgets::HeatmapView* m_b = nullptr;
    widgets::HeatmapView* m_diff = nullptr;
    QLabel* m_labelA = nullptr;
    QLabel* m_labelB = nullptr;
    QLabel* m_labelDiff = nullptr;
    double m_changeA = 0.0;
    double m_changeB = 0.0;
};

} // namespace poslab::gui
