#pragma once

#include "lessons.h"

namespace poslab::gui {

class Driver;
class ExplorerState;

// Applies a lesson's set-up to the explorer: the sequence, scheme, parameters and model as one
// request through the driver, then the view, matrix, head, Δ range, selected cell and walk through
// the state. Returns true when the set-up asks for the worked example (view "explain" or a walk).
// Throws poslab::Error for an unknown view or tokenizer; a bad scheme or parameter reaches the
// window as the driver's inline error, like any other request.
bool applySetup(const SessionSetup& setup, Driver& driver, ExplorerState& state);

// Exactly the seed article's §4.3 example: seed-linear on 6 bare positions, cell (1, 4) selected,
// the seed article's walk.
SessionSetup seedArticleSetup();

} // namespace poslab::gui
