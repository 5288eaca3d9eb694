#pragma once

#include "viewrefresher.h"

#include <lab.h>

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;

namespace poslab::widgets {
class HeatmapView;
struct ColorScale;
} // namespace poslab::widgets

namespace poslab::gui {

class Driver;
class ExplorerState;

// The heatmap view and its choices: which matrix (probs, logits, bias, Δ, bucket, each score term),
// colour map, log scale and pooling. Hover is read out under the plot; a click selects (i, j).
class HeatmapPanel : public QWidget
{
    Q_OBJECT
  public:
    HeatmapPanel(Driver* driver, ExplorerState* state, QWidget* parent = nullptr);

    widgets::HeatmapView* view() const { return m_view; }
    QComboBox* colorMapBox() const { return m_colorMap; }
    QCheckBox* logBox() const { return m_log; }
    QComboBox* poolingBox() const { return m_pooling; }
    QStringList matrixChoices() const;
    QString readout() const;

    // Deep zoom: the region shown at screen resolution (null when the overview is shown).
    const LabResult* detail() const { return m_detail.isPooled() ? &m_detail : nullptr; }

  private:
    void refresh() { m_refresher.refresh(); }
    void rebuild();
    void showHover(int row, int col);
    void zoomed();
    void showOverview();

    ExplorerState* m_state;
    Driver* m_driver;
    ViewRefresher m_refresher;
    LabResult m_result;
    LabResult m_detail; // a region of m_result's request (deep zoom), or empty
    QString m_title;    // the title of the data shown, before a zoom's "magnified …"
    QComboBox* m_matrix = nullptr;
    QComboBox* m_colorMap = nullptr;
    QCheckBox* m_log = nullptr;
    QComboBox* m_pooling = nullptr;
    widgets::HeatmapView* m_view = nullptr;
    QLabel* m_readout = nullptr;
};

// The row of combo boxes shared by the heatmap and head views: colour map, log scale, pooling.
// The matrix chooser: the names the last result offers, kept in step with the state.
QComboBox* makeMatrixBox(Driver* driver, ExplorerState* state, QWidget* parent);
QComboBox* makeColorMapBox(ExplorerState* state, QWidget* parent);
QCheckBox* makeLogBox(ExplorerState* state, QWidget* parent);
QComboBox* makePoolingBox(ExplorerState* state, QWidget* parent);
// The colour map and log-scale controls on only where they apply to the map shown (a diverging map
// takes no sequential map; signed values take no log scale); the tooltip says why one is off.
void enableScaleControls(const widgets::ColorScale& scale, QComboBox* colorMap, QCheckBox* log);

} // namespace poslab::gui
