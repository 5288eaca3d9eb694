#pragma once

#include "explorerstate.h"

#include <functional>
#include <utility>

namespace poslab::gui {

// Rebuilds a view only while it is the one shown: a hidden view is marked stale and rebuilt when
// the state switches to it, so a parameter change repaints one view, not all four.
class ViewRefresher
{
  public:
    ViewRefresher(ExplorerState* state, View view, QObject* context, std::function<void()> rebuild)
        : m_state(state), m_view(view), m_rebuild(std::move(rebuild))
    {
        QObject::connect(state, &ExplorerState::viewChanged, context, [this](View now) {
            if (now == m_view && m_stale) refresh();
        });
    }

    void refresh()
    {
        m_stale = m_state->view() != m_view;
        if (!m_stale) m_rebuild();
    }

  private:
    ExplorerState* m_state;
    View m_view;
    std::function<void()> m_rebuild;
    bool m_stale = false;
};

} // namespace poslab::gui
