#include "sessionbridge.h"

#include "driver.h"

#include <language.h>

namespace poslab::gui {

namespace {

figure::FigureView figureView(View view)
{
    switch (view) {
    case View::Heatmap:
        return figure::FigureView::Heatmap;
    case View::Heads:
        return figure::FigureView::Heads;
    case View::DeltaCurve:
        return figure::FigureView::DeltaCurve;
    case View::Compare:
        return figure::FigureView::Compare;
    case View::Context:
        return figure::FigureView::Context;
    case View::Encoding: // its curves over position (the maps are the heatmap view's pe)
        return figure::FigureView::PeComponents;
    }
    return figure::FigureView::Heatmap;
}

View explorerView(figure::FigureView view)
{
    switch (view) {
    case figure::FigureView::Heads:
        return View::Heads;
    case figure::FigureView::DeltaCurve:
        return View::DeltaCurve;
    case figure::FigureView::Compare:
        return View::Compare;
    case figure::FigureView::Context:
    case figure::FigureView::Freqs: // the Context tab shows the frequencies too
        return View::Context;
    case figure::FigureView::PeComponents:
        return View::Encoding;
    case figure::FigureView::Heatmap:
    case figure::FigureView::Explain:
        break;
    }
    return View::Heatmap;
}

} // namespace

widgets::ColorMap colorMapFromSession(const std::string& name)
{
    if (name == "magma") return widgets::ColorMap::Magma;
    if (name == "cividis") return widgets::ColorMap::Cividis;
    return widgets::ColorMap::Viridis;
}

std::string sessionColorMapName(widgets::ColorMap map)
{
    switch (map) {
    case widgets::ColorMap::Magma:
        return "magma";
    case widgets::ColorMap::Cividis:
        return "cividis";
    case widgets::ColorMap::Viridis:
    case widgets::ColorMap::Diverging: // chosen automatically for signed data, never by the user
        break;
    }
    return "viridis";
}

figure::Session sessionFromExplorer(const LabRequest& request, const ExplorerState& state,
                                    const figure::Session& base)
{
    figure::Session s;
    if (request.positions > 0) {
        s.positions = request.positions;
    } else {
        s.text = request.text;
    }
    s.tokenizer = request.tokenizer;
    s.scheme = request.scheme;
    s.params = request.params;
    s.model = request.effectiveModel(); // positions only: λ = 0
    s.weights = request.weights;
    s.engine = request.engine;
    s.precision = request.precision;
    s.threads = request.threads;
    s.view = figureView(state.view());
    if (s.view == figure::FigureView::Heatmap && base.view == figure::FigureView::Explain)
        s.view = figure::FigureView::Explain;
    s.start = 0; // the explorer always starts at position 0; the compare view shifts by `shift`
    s.compareScheme = request.compareScheme;
    s.shift = request.shift;
    s.matrix = state.matrix().toStdString();
    s.head = state.head();
    s.cellI = state.row() >= 0 && state.col() >= 0 ? state.row() : -1;
    s.cellJ = s.cellI >= 0 ? state.col() : -1;
    s.range = state.deltaRange();
    s.pool.mode = state.pooling() == Pooling::Mean ? PoolMode::Mean : PoolMode::Max;
    s.style = base.style;
    // The figure speaks the interface's language (its default font follows, a chosen one stays).
    figure::setFigureLanguage(s.style, figure::language().toStdString());
    const std::string map = sessionColorMapName(state.colorMap());
    if (!(base.style.colormap == "grayscale" && map == "viridis")) s.style.colormap = map;
    s.style.logScale = state.logScale();
    return s;
}

LabRequest requestFromSession(const figure::Session& session)
{
    LabRequest r = session;
    if (r.positions > 0) r.text.clear();
    r.positionsOnly = session.model.lambda == 0.0;
    if (r.positionsOnly) r.model.lambda = ModelConfig{}.lambda; // what unticking "positions only" gives
    r.start = 0; // the explorer has no start offset; a session's start is not shown
    r.compare = session.view == figure::FigureView::Compare;
    r.pool.cells.reset(); // the explorer streams by its memory budget alone
    return r;
}

void applySessionState(const figure::Session& session, ExplorerState& state)
{
    state.setView(explorerView(session.view));
    state.setMatrix(QString::fromStdString(session.matrix));
    state.setHead(session.head);
    if (session.range > 0) state.setDeltaRange(session.range);
    state.setCell(session.cellI, session.cellJ);
    state.setColorMap(colorMapFromSession(session.style.colormap));
    state.setLogScale(session.style.logScale);
    state.setPooling(session.pool.mode == PoolMode::Mean ? Pooling::Mean : Pooling::Max);
    state.setWalk(QString());
}

bool applySession(const figure::Session& session, Driver& driver, ExplorerState& state)
{
    figure::validateSession(session);
    const LabRequest request = requestFromSession(session);
    // The state first: the result, when it arrives, is shown for the session's head, matrix and cell.
    applySessionState(session, state);
    driver.request(request);
    return session.view == figure::FigureView::Explain;
}

} // namespace poslab::gui
