#pragma once

#include "explorerstate.h"

#include <lab.h>
#include <session.h>

namespace poslab::gui {

class Driver;

// figure::Session <-> what the explorer shows (LabRequest + ExplorerState), both ways.
// - bare positions and text as they are; positions only <-> λ = 0 in the session's model.
// - view: heatmap, heads, delta-curve, compare; "explain" is the heatmap with the worked example.
// - the compare view's second scheme and shift <-> the session's compareScheme and shift (kept in
//   every view); the explorer has no start offset, so a session's start is not shown (saved as 0).
// - view fields (matrix, head, cell, Δ range) and the pooling mode live in the state; the engine
//   fields pass through; explicit pool cells are not the explorer's (it streams by its budget).
// - style: colormap and log scale live in the state; fonts, size, dpi and title are the figure's
//   and are carried over from `base` (the session last opened or saved), as is grayscale, which the
//   explorer paints as viridis.
figure::Session sessionFromExplorer(const LabRequest& request, const ExplorerState& state,
                                    const figure::Session& base = {});

// The request a session asks for, whatever the explorer showed before (defaults for the rest).
LabRequest requestFromSession(const figure::Session& session);

// Sets the view, matrix, head, Δ range, cell, colour map, log scale and pooling; clears any special
// walk.
void applySessionState(const figure::Session& session, ExplorerState& state);

// Both, as applySetup does: the state first, then one request through the driver. Returns true when
// the session asks for the worked example (view "explain"). Validates first: on Error nothing changes.
bool applySession(const figure::Session& session, Driver& driver, ExplorerState& state);

// Colour map names of sessions <-> the explorer's maps (grayscale has no explorer map: viridis).
widgets::ColorMap colorMapFromSession(const std::string& name);
std::string sessionColorMapName(widgets::ColorMap map);

} // namespace poslab::gui
