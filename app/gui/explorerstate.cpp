#include "explorerstate.h"

#include <algorithm>

namespace poslab::gui {

namespace {
constexpr View kViews[] = {View::Heatmap, View::Heads, View::DeltaCurve, View::Compare, View::Encoding,
                           View::Context};
}

QString viewName(View view)
{
    switch (view) {
    case View::Heatmap:
        return QStringLiteral("heatmap");
    case View::Heads:
        return QStringLiteral("heads");
    case View::DeltaCurve:
        return QStringLiteral("delta-curve");
    case View::Compare:
        return QStringLiteral("compare");
    case View::Encoding:
        return QStringLiteral("encoding");
    case View::Context:
        return QStringLiteral("context");
    }
    return {};
}

bool parseView(const QString& name, View* view)
{
    for (View v : kViews) {
        if (viewName(v) == name) {
            *view = v;
            return true;
        }
    }
    return false;
}

void ExplorerState::setHead(int head)
{
    head = std::max(0, head);
    if (head == m_head) return;
    m_head = head;
    emit headChanged(head);
}

void ExplorerState::setCell(int row, int col)
{
    if (row < 0 || col < 0) row = col = -1;
    if (row == m_row && col == m_col) return;
    m_row = row;
    m_col = col;
    emit cellChanged(row, col);
    setWalk({});
}

void ExplorerState::setView(View view)
{
    if (view == m_view) return;
    m_view = view;
    emit viewChanged(view);
}

void ExplorerState::setMatrix(const QString& matrix)
{
    if (matrix == m_matrix || matrix.isEmpty()) return;
    m_matrix = matrix;
    emit matrixChanged(matrix);
}

void ExplorerState::setColorMap(widgets::ColorMap map)
{
    if (map == m_colorMap) return;
    m_colorMap = map;
    emit paintingChanged();
}

void ExplorerState::setLogScale(bool on)
{
    if (on == m_logScale) return;
    m_logScale = on;
    emit paintingChanged();
}

void ExplorerState::setPooling(Pooling pooling)
{
    if (pooling == m_pooling) return;
    m_pooling = pooling;
    emit paintingChanged();
}

void ExplorerState::setDeltaRange(int range)
{
    range = std::clamp(range, 1, kMaxShownRange);
    if (range == m_deltaRange) return;
    m_deltaRange = range;
    emit deltaRangeChanged(range);
}

void ExplorerState::setWalk(const QString& walk)
{
    if (walk == m_walk) return;
    m_walk = walk;
    emit walkChanged(walk);
}

void ExplorerState::setHighlightedCells(const QList<QPoint>& cells)
{
    if (cells == m_highlightedCells) return;
    m_highlightedCells = cells;
    emit highlightedCellsChanged(cells);
}

void ExplorerState::setHighlightedDeltas(const QList<int>& deltas)
{
    if (deltas == m_highlightedDeltas) return;
    m_highlightedDeltas = deltas;
    emit highlightedDeltasChanged(deltas);
}

void ExplorerState::setSweepDelta(int delta)
{
    if (delta == m_sweepDelta) return;
    m_sweepDelta = delta;
    emit sweepDeltaChanged(delta);
}

} // namespace poslab::gui
