// Figures colour a map as the explorer does (issue 13, leftover defect 1): one-signed values (ALiBi's
// bias, all ≤ 0) on the sequential map, the diverging map only for values of both signs (logits),
// probabilities on a log scale when asked; the figure's colour bar is that scale.
#include "figuretest.h"

#include <colorscale.h>
#include <figure.h>
#include <figureplot.h>
#include <heatmapview.h>

#include <gtest/gtest.h>

#include "qcp.h"

using namespace poslab;
using namespace poslab::figure;
using namespace poslab::figure::test;

namespace {

QCPColorScale* colourScale(QCustomPlot* plot)
{
    for (QCPLayoutElement* e : plot->plotLayout()->elements(true))
        if (auto* scale = qobject_cast<QCPColorScale*>(e)) return scale;
    return nullptr;
}

} // namespace

TEST(FigureColorScale, SameKindAsTheExplorersView)
{
    struct Case
    {
        const char* matrix;
        const char* view;
        bool log;
        widgets::ColorMap expected;
    };
    const Case cases[] = {{"bias", "heatmap", false, widgets::ColorMap::Magma}, // all ≤ 0
                          {"bias", "heads", false, widgets::ColorMap::Magma},   // every head's ≤ 0
                          {"logits", "heatmap", false, widgets::ColorMap::Diverging},
                          {"probs", "heatmap", true, widgets::ColorMap::Magma},
                          {"probs", "heads", true, widgets::ColorMap::Magma}};
    for (const Case& c : cases) {
        SCOPED_TRACE(std::string(c.matrix) + " " + c.view);
        Session s;
        s.scheme = "alibi";
        s.positions = 24;
        s.model.heads = 8;
        s.model.causal = true;
        s.matrix = c.matrix;
        s.view = parseFigureView(c.view);
        s.style.colormap = "magma";
        s.style.logScale = c.log;
        const FigureContent content = computeFigure(testLab(), s);
        ASSERT_FALSE(content.maps.empty());
        const widgets::ValueSpan span = widgets::valueSpan(content.maps);
        if (c.expected == widgets::ColorMap::Diverging) {
            ASSERT_TRUE(span.lowest < 0 && span.highest > 0) << "the case needs values of both signs";
        }

        // What the explorer shows for the same maps (one view, or the head grid's one scale).
        const widgets::ColorScale gui = content.maps.size() == 1
                                            ? [&] {
                                                  widgets::HeatmapView view;
                                                  view.setSequentialMap(widgets::ColorMap::Magma);
                                                  view.setLogScale(c.log);
                                                  view.setData(content.maps.front());
                                                  return view.colorScale();
                                              }()
                                            : widgets::colorScaleFor(content.maps, widgets::ColorMap::Magma, c.log);
        const widgets::ColorScale fig = figureColorScale(s, content.maps);
        EXPECT_EQ(gui.map, c.expected);
        EXPECT_TRUE(fig == gui);

        // The figure's colour bar is that scale.
        const FigurePlot plot(content, s);
        QCPColorScale* bar = colourScale(plot.plot());
        ASSERT_NE(bar, nullptr);
        EXPECT_TRUE(bar->gradient() == widgets::makeGradient(gui.map));
        EXPECT_EQ(bar->dataScaleType(), c.log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
        EXPECT_DOUBLE_EQ(bar->dataRange().lower, gui.range.lower);
        EXPECT_DOUBLE_EQ(bar->dataRange().upper, gui.range.upper);
    }
}
