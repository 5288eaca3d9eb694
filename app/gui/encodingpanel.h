#pragma once

#include "viewrefresher.h"

#include <lab.h>

#include <QWidget>

class QGridLayout;
class QLabel;

namespace poslab::widgets {
class DeltaCurveView;
class HeatmapView;
} // namespace poslab::widgets

namespace poslab::gui {

class Driver;
class ExplorerState;

// The absolute encoding itself (issue 13, item 3): the n × d_model PE matrix, rows positions and
// columns dimensions (sinusoidal's sine/cosine "barcode"), the cosine similarity of positions
// cos(PE_i, PE_j), and its Δ-profile, the mean along each diagonal. Numbers from core's
// absoluteEncoding; relative schemes say they add none.
class EncodingPanel : public QWidget
{
    Q_OBJECT
  public:
    EncodingPanel(Driver* driver, ExplorerState* state, QWidget* parent = nullptr);
    widgets::HeatmapView* peView() const { return m_pe; }
    widgets::HeatmapView* similarityView() const { return m_similarity; }
    widgets::DeltaCurveView* profileView() const { return m_profile; }
    QString hint() const;

  private:
    void rebuild();
    void refresh() { m_refresher.refresh(); }
    void arrange(bool tall);

    ExplorerState* m_state;
    ViewRefresher m_refresher;
    LabResult m_result;
    QLabel* m_hint = nullptr;
    QGridLayout* m_grid = nullptr;
    int m_tall = -1; // the arrangement: PE taller than wide (n > d_model) or not; −1 none yet
    widgets::HeatmapView* m_pe = nullptr;
    widgets::HeatmapView* m_similarity = nullptr;
    widgets::DeltaCurveView* m_profile = nullptr;
};

} // namespace poslab::gui
