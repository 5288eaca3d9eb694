#pragma once

#include "colormaps.h"

#include <analysis.h>
#include <lablimits.h>

#include <QList>
#include <QObject>
#include <QPoint>
#include <QString>

#include <limits>

namespace poslab::gui {

enum class View
{
    Heatmap,
    Heads,
    DeltaCurve,
    Compare,
    Encoding, // the absolute encoding itself
    Context   // RoPE trained at L0, run at L (issue 14)
};

QString viewName(View view); // "heatmap", "heads", "delta-curve", "compare", "encoding", "context"
bool parseView(const QString& name, View* view); // false for unknown names

// What the views share and the user changes without a new computation: the head shown, the cell
// selected, the view, the matrix and how it is painted. Each setter emits only on change.
class ExplorerState : public QObject
{
    Q_OBJECT
  public:
    explicit ExplorerState(QObject* parent = nullptr) : QObject(parent) {}

    int head() const { return m_head; }
    int row() const { return m_row; } // selected query i, −1 for none
    int col() const { return m_col; } // selected key j
    View view() const { return m_view; }
    QString matrix() const { return m_matrix; } // "probs", "logits", "bias", "delta", "bucket" or a term
    widgets::ColorMap colorMap() const { return m_colorMap; }
    bool logScale() const { return m_logScale; }
    Pooling pooling() const { return m_pooling; }
    int deltaRange() const { return m_deltaRange; }
    // The worked example shown: empty for the selected cell's walk, "seed-article" for the seed
    // article's own. Selecting a cell goes back to the cell's walk.
    QString walk() const { return m_walk; }
    // What the current step of the worked example concerns: cells (x = key j, y = query i) and Δs.
    const QList<QPoint>& highlightedCells() const { return m_highlightedCells; }
    const QList<int>& highlightedDeltas() const { return m_highlightedDeltas; }
    // The presentation slider's Δ: its diagonal on the heatmap, its point on the Δ-curve; noSweep
    // when the slider is not shown.
    int sweepDelta() const { return m_sweepDelta; }
    static constexpr int noSweep = std::numeric_limits<int>::min();

    void setHead(int head);
    void setCell(int row, int col);
    void setView(View view);
    void setMatrix(const QString& matrix);
    void setColorMap(widgets::ColorMap map);
    void setLogScale(bool on);
    void setPooling(Pooling pooling);
    void setDeltaRange(int range);
    void setWalk(const QString& walk);
    void setHighlightedCells(const QList<QPoint>& cells);
    void setHighlightedDeltas(const QList<int>& deltas);
    void setSweepDelta(int delta);

  signals:
    void headChanged(int head);
    void cellChanged(int row, int col);
    void viewChanged(poslab::gui::View view);
    void matrixChanged(const QString& matrix);
    void paintingChanged(); // colour map, log scale or pooling
    void deltaRangeChanged(int range);
    void walkChanged(const QString& walk);
    void highlightedCellsChanged(const QList<QPoint>& cells);
    void highlightedDeltasChanged(const QList<int>& deltas);
    void sweepDeltaChanged(int delta);

  private:
    int m_head = 0;
    int m_row = -1;
    int m_col = -1;
    View m_view = View::Heatmap;
    QString m_matrix = QStringLiteral("probs");
    widgets::ColorMap m_colorMap = widgets::ColorMap::Viridis;
    bool m_logScale = false;
    Pooling m_pooling = Pooling::Max;
    int m_deltaRange = 32;
    QString m_walk;
    QList<QPoint> m_highlightedCells;
    QList<int> m_highlightedDeltas;
    int m_sweepDelta = noSweep;
};

} // namespace poslab::gui
