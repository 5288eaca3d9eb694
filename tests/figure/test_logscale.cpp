// Log-scale figures: every cell is coloured where the colour bar puts its value, and the bar's
// labels do not overlap (issue 13, defect 1).
#include "figuretest.h"

#include <cellmap.h>
#include <figure.h>
#include <figureplot.h>
#include <logticks.h>

#include <QFontMetrics>
#include <QImage>

#include <gtest/gtest.h>

#include <cmath>

using namespace poslab;
using namespace poslab::figure;
using namespace poslab::figure::test;

namespace {

Session alibiSession(const std::string& view, double heightMm)
{
    Session s;
    s.scheme = "alibi";
    s.positions = 24;
    s.model.heads = 8;
    s.model.causal = true;
    s.view = parseFigureView(view);
    s.style.logScale = true;
    s.style.heightMm = heightMm;
    return s;
}

int colourDistance(QRgb a, QRgb b)
{
    return std::max({std::abs(qRed(a) - qRed(b)), std::abs(qGreen(a) - qGreen(b)),
                     std::abs(qBlue(a) - qBlue(b))});
}

QCPColorScale* colourScale(QCustomPlot* plot)
{
    for (QCPLayoutElement* e : plot->plotLayout()->elements(true))
        if (auto* scale = qobject_cast<QCPColorScale*>(e)) return scale;
    return nullptr;
}

struct Rendered
{
    std::unique_ptr<FigurePlot> plot;
    QImage image;
};

Rendered render(const Session& s)
{
    Rendered r{std::make_unique<FigurePlot>(computeFigure(testLab(), s), s), {}};
    r.image = QImage(r.plot->logicalSize(), QImage::Format_ARGB32);
    r.image.fill(Qt::white);
    r.plot->paint(r.image, QSizeF(r.plot->logicalSize()), false, 96);
    return r;
}

// The bar's colour at value v, read from the picture at the height its axis gives v.
QRgb barColour(const QImage& image, QCPColorScale* scale, double v)
{
    const QRect bar = scale->axis()->axisRect()->rect();
    return image.pixel(bar.center().x(), int(std::lround(scale->axis()->coordToPixel(v))));
}

} // namespace

TEST(LogScale, CellsHaveTheColourTheBarGivesTheirValue)
{
    for (const std::string view : {"heatmap", "heads"}) {
        SCOPED_TRACE(view);
        const Rendered r = render(alibiSession(view, 0));
        QCPColorScale* scale = colourScale(r.plot->plot());
        ASSERT_NE(scale, nullptr);
        EXPECT_EQ(scale->dataScaleType(), QCPAxis::stLogarithmic);
        int checked = 0;
        for (int k = 0; k < r.plot->plot()->plottableCount(); ++k) {
            auto* map = dynamic_cast<CellMap*>(r.plot->plot()->plottable(k));
            ASSERT_NE(map, nullptr);
            // Cells along row 23 span several decades: from the diagonal back to the first key.
            for (int j : {23, 22, 20, 16, 8}) {
                const double v = map->data()->cell(j, 23);
                if (!(v > scale->dataRange().lower)) continue;
                const QPointF centre(map->keyAxis()->coordToPixel(j), map->valueAxis()->coordToPixel(23));
                const QRgb cell = r.image.pixel(centre.toPoint());
                EXPECT_LE(colourDistance(cell, barColour(r.image, scale, v)), 12)
                    << "map " << k << " cell (23, " << j << ") = " << v;
                ++checked;
            }
        }
        EXPECT_GE(checked, view == "heads" ? 20 : 3);
    }
}

TEST(LogScale, BarLabelsDoNotOverlap)
{
    for (double heightMm : {0.0, 60.0, 35.0}) {
        SCOPED_TRACE(heightMm);
        const Rendered r = render(alibiSession("heatmap", heightMm));
        QCPColorScale* scale = colourScale(r.plot->plot());
        ASSERT_NE(scale, nullptr);
        const QVector<double> ticks = scale->axis()->tickVector();
        ASSERT_GE(ticks.size(), 2);
        const int label = QFontMetrics(scale->axis()->tickLabelFont()).height();
        for (int k = 1; k < ticks.size(); ++k)
            EXPECT_GE(std::abs(scale->axis()->coordToPixel(ticks[k]) - scale->axis()->coordToPixel(ticks[k - 1])),
                      label)
                << ticks[k - 1] << " and " << ticks[k];
        // Powers of ten, labelled as such.
        for (double t : ticks)
            EXPECT_NEAR(std::log10(t), std::round(std::log10(t)), 1e-9) << t;
    }
}

TEST(LogScale, TicksAreThinnedToTheBarsLength)
{
    // Six decades on 600 px: every one; on 60 px with 15 px labels: every second.
    const widgets::LogTicks tall = widgets::logTicks(1e-6, 1.0, 600, 15);
    EXPECT_EQ(tall.major.size(), 7u);
    EXPECT_TRUE(tall.minor.empty());
    const widgets::LogTicks short_ = widgets::logTicks(1e-6, 1.0, 60, 15);
    ASSERT_EQ(short_.major.size(), 4u);
    EXPECT_DOUBLE_EQ(short_.major.front(), 1e-6);
    EXPECT_DOUBLE_EQ(short_.major.back(), 1.0); // the top stays labelled
    EXPECT_EQ(short_.major.size() + short_.minor.size(), 7u);
    // Less than a decade: 1-2-5 steps.
    const widgets::LogTicks narrow = widgets::logTicks(0.03, 0.3, 300, 15);
    ASSERT_EQ(narrow.major.size(), 3u);
    EXPECT_DOUBLE_EQ(narrow.major[0], 0.05);
    EXPECT_DOUBLE_EQ(narrow.major[1], 0.1);
    EXPECT_DOUBLE_EQ(narrow.major[2], 0.2);
    EXPECT_TRUE(widgets::logTicks(0.0, 1.0, 300, 15).major.empty());
}

TEST(LogScale, LabelsArePlainOrPowersOfTen)
{
    EXPECT_EQ(widgets::logTickLabel(1.0), "1");
    EXPECT_EQ(widgets::logTickLabel(0.001), "0.001");
    EXPECT_EQ(widgets::logTickLabel(1e-5), QString::fromUtf8("10⁻⁵"));
    EXPECT_EQ(widgets::logTickLabel(2e-6), QString::fromUtf8("2·10⁻⁶"));
    EXPECT_EQ(widgets::logTickLabel(1e6), QString::fromUtf8("10⁶"));
}
