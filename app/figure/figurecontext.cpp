// The context-extension figures (views context and freqs): curves read from the tables poslab-cli
// compute --what context-curves / context writes, so that --data-out is exactly what is drawn.
#include "figureviews.h"
#include "figurewords.h"

#include <error.h>
#include <labtable.h>

#include <cmath>

namespace poslab::figure::detail {

namespace {

std::string metaValue(const Table& t, const std::string& key)
{
    for (const auto& [k, v] : t.meta)
        if (k == key) return v;
    throw Error("internal: the " + t.what + " table has no " + key);
}

std::size_t column(const Table& t, const std::string& name)
{
    for (std::size_t c = 0; c < t.columns.size(); ++c)
        if (t.columns[c] == name) return c;
    throw Error("internal: the " + t.what + " table has no column " + name);
}

widgets::CurveSeries series(const Table& t, std::size_t x, std::size_t y, const QString& name)
{
    widgets::CurveSeries s;
    s.name = name;
    for (std::size_t r = 0; r < t.rows(); ++r) {
        s.x.push_back(t.at(r, x));
        s.y.push_back(t.at(r, y));
    }
    return s;
}

} // namespace

FigureContent contextFigure(Lab& lab, const Session& s, LabRequest request)
{
    const bool curves = s.view == FigureView::Context;
    request.matrix = whatName(curves ? What::ContextCurves : What::Context);
    FigureContent content;
    content.table = lab.table(request);
    const Table& t = content.table;
    content.isCurve = true;
    widgets::CurvePlotData& d = content.curve;
    const Words w(s.style.language);
    const std::string scaling = metaValue(t, "scaling");
    const QString l0 = QString::fromStdString(metaValue(t, "L0"));
    const QString l = QString::fromStdString(metaValue(t, "L"));
    const QString factor = QString::fromStdString(metaValue(t, "factor"));
    const QString own =
        scaling == "none" ? w.translate("Figure", "rope without scaling")
                          : QStringLiteral("rope, %1 \u00d7%2").arg(QString::fromStdString(scaling), factor);
    if (curves) {
        for (std::size_t c = 1; c < t.columns.size(); ++c) {
            const std::string& name = t.columns[c];
            if (name.rfind("score_", 0) != 0) continue;
            const std::string which = name.substr(6);
            const double beyond = std::stod(metaValue(t, "attention_beyond_L0_" + which));
            d.series.push_back(series(t, 0, c,
                                      w.translate("Figure", "%1 (%2 % past L0)")
                                          .arg(QString::fromStdString(which))
                                          .arg(100 * beyond, 0, 'f', beyond < 0.1 ? 1 : 0)));
            d.series.back().emphasis = which == scaling;
        }
        d.boundaries = {l0.toDouble()};
        d.xLabel = w.translate("Figure", "distance i \u2212 j (query at L \u2212 1)");
        d.valueLabel = w.translate("Figure", "score, q = k aligned");
        content.title = w.translate("Figure", "%1: every scaling past L0 = %2 (L = %3)").arg(own, l0, l);
    } else {
        const std::size_t pair = column(t, "pair");
        d.series.push_back(
            series(t, pair, column(t, "wavelength_unscaled"), w.translate("Figure", "unscaled")));
        d.series.push_back(series(t, pair, column(t, "wavelength"),
                                  scaling == "none" ? w.translate("Figure", "scaled (none)")
                                                    : QString::fromStdString(scaling)));
        d.series.back().emphasis = true;
        d.levels = {{l0.toDouble(), QStringLiteral("L0 = ") + l0}};
        d.logValue = true;
        d.xLabel = w.translate("Figure", "rotary pair k");
        d.valueLabel = w.translate("Figure", "wavelength 2\u03c0/\u03b8 (positions)");
        content.title =
            w.translate("Figure", "%1: wavelength per pair against L0 = %2 (L = %3)").arg(own, l0, l);
    }
    return content;
}

} // namespace poslab::figure::detail
