#include "applysetup.h"

#include "driver.h"
#include "explorerstate.h"

#include <error.h>

namespace poslab::gui {

bool applySetup(const SessionSetup& setup, Driver& driver, ExplorerState& state)
{
    const bool explainView = setup.view == QLatin1String("explain");
    View view = View::Heatmap;
    if (!explainView && !parseView(setup.view, &view))
        throw Error("unknown view " + quoteInput(setup.view.toStdString()) +
                    " (heatmap, heads, delta-curve, compare, context or explain)");

    LabRequest request = driver.lastRequest(); // keeps the compare scheme and shift
    request.text = setup.hasText() ? setup.text.toStdString() : std::string();
    request.positions = setup.hasText() ? 0 : setup.n;
    request.tokenizer = parseTokenizerMode(setup.tokenizer.toStdString());
    request.positionsOnly = false; // the set-up's model says λ
    request.scheme = setup.scheme.toStdString();
    request.params = RawParams(setup.params.begin(), setup.params.end());
    request.model = setup.model;
    request.compare = view == View::Compare;

    // The state first: the result, when it arrives, is shown for the set-up's head, matrix and cell.
    state.setView(view);
    state.setMatrix(setup.what);
    state.setHead(setup.head);
    if (setup.range > 0) state.setDeltaRange(setup.range);
    state.setCell(setup.cellI, setup.cellJ);
    state.setWalk(setup.walk);
    driver.request(request);
    return explainView || !setup.walk.isEmpty();
}

SessionSetup seedArticleSetup()
{
    SessionSetup s;
    s.n = 6;
    s.scheme = QStringLiteral("seed-linear");
    s.model.lambda = 0.0; // positions only, as in the article
    s.view = QStringLiteral("explain");
    s.range = 5;
    s.cellI = 1;
    s.cellJ = 4;
    s.walk = QStringLiteral("seed-article");
    return s;
}

} // namespace poslab::gui
