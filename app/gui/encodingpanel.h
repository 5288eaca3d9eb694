#pragma once

#include "viewrefresher.h"

#include <analysis.h>
#include <lab.h>

#include <QWidget>

#include <optional>

class QGridLayout;
class QLabel;

namespace poslab::widgets {
class DeltaCurveView;
class HeatmapView;
} // namespace poslab::widgets

namespace poslab::gui {

class Driver;
class ExplorerState;

// The absolute encoding itself (issue 13, item 3; issue 15, item 3): the n × d_model PE matrix, rows
// positions and columns dimensions (sinusoidal's sine/cosine "barcode"), the cosine similarity of
// positions cos(PE_i, PE_j), its Δ-profile, the mean along each diagonal, and the leading principal
// components as curves over position (GPT-2's helix) with each position's norm on the right axis.
// Numbers from core's absoluteEncoding; relative schemes say they add none.
class EncodingPanel : public QWidget
{
    Q_OBJECT
  public:
    EncodingPanel(Driver* driver, ExplorerState* state, QWidget* parent = nullptr);
    widgets::HeatmapView* peView() const { return m_pe; }
    widgets::HeatmapView* similarityView() const { return m_similarity; }
    widgets::DeltaCurveView* profileView() const { return m_profile; }
    widgets::DeltaCurveView* componentsView() const { return m_components; }
    QString hint() const;

  private:
    void rebuild();
    void refresh() { m_refresher.refresh(); }

    ExplorerState* m_state;
    ViewRefresher m_refresher;
    LabResult m_result;
    std::optional<AbsoluteEncoding> m_encoding; // of m_result, once computed
    QLabel* m_hint = nullptr;
    widgets::HeatmapView* m_pe = nullptr;
    widgets::HeatmapView* m_similarity = nullptr;
    widgets::DeltaCurveView* m_profile = nullptr;
    widgets::DeltaCurveView* m_components = nullptr;
};

} // namespace poslab::gui
