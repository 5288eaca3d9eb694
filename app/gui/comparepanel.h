#pragma once

#include "viewrefresher.h"

#include <lab.h>

#include <QSize>
#include <QWidget>

class QComboBox;
class QGridLayout;
class QLabel;
class QSpinBox;

namespace poslab::widgets {
class HeatmapView;
}

namespace poslab::gui {

class Driver;
class ExplorerState;

// How many maps across the compare view shows in `area` (3, 2 with the difference below, or 1): the
// arrangement whose square maps are largest.
int compareColumns(QSize area);

// What the compare view's three maps are: the two schemes and their difference, or one scheme's
// shift test: M(0) (its tokens at positions 0 ..), M(s) (the same tokens at s ..) and M(s) − M(0).
enum class CompareShows
{
    Schemes,
    ShiftA,
    ShiftB
};

// Two schemes on the same sequence, content and projections side by side, their difference, and
// a shift s of every position: next to each map, the largest change the shift makes (over all
// heads). Relative schemes stay put up to rounding; absolute ones move. The shift test of either
// scheme shows M(0) and M(s) themselves, on one colour scale, and their difference on that scale.
class ComparePanel : public QWidget
{
    Q_OBJECT
  public:
    ComparePanel(Driver* driver, ExplorerState* state, QWidget* parent = nullptr);

    void setCompareScheme(const QString& name);
    void setShift(int shift);
    void setShows(CompareShows shows);
    CompareShows shows() const;
    double maxChangeA() const { return m_changeA; }
    double maxChangeB() const { return m_changeB; }
    widgets::HeatmapView* viewA() const { return m_a; }
    widgets::HeatmapView* viewB() const { return m_b; }
    widgets::HeatmapView* viewDiff() const { return m_diff; }
    QString headingA() const; // above each map: the scheme, its kind and the shift's change
    QString headingB() const;
    int columns() const { return m_columns; }

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    void showRequest(const LabRequest& request);
    void rebuild();
    void showShiftTest(const SchemeRun& base, const SchemeRun& shifted, double allHeads);
    void arrangeMaps();
    void refresh() { m_refresher.refresh(); }

    Driver* m_driver;
    ExplorerState* m_state;
    ViewRefresher m_refresher;
    LabResult m_result;
    QComboBox* m_schemeB = nullptr;
    QSpinBox* m_shift = nullptr;
    QComboBox* m_matrix = nullptr;
    QComboBox* m_shows = nullptr;
    widgets::HeatmapView* m_a = nullptr;
    widgets::HeatmapView* m_b = nullptr;
    widgets::HeatmapView* m_diff = nullptr;
    QLabel* m_labelA = nullptr;
    QLabel* m_labelB = nullptr;
    QLabel* m_labelDiff = nullptr;
    QWidget* m_maps = nullptr;
    QGridLayout* m_grid = nullptr;
    int m_columns = 0;
    double m_changeA = 0.0;
    double m_changeB = 0.0;
};

} // namespace poslab::gui
