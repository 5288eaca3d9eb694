#include "guirequest.h"
#include "guitest.h"

#include "commandline.h"
#include "comparepanel.h"
#include "deltacurvepanel.h"
#include "deltacurveview.h"
#include "driver.h"
#include "encodingpanel.h"
#include "explorerstate.h"
#include "headgridview.h"
#include "headspanel.h"
#include "heatmappanel.h"
#include "heatmapview.h"
#include "mainwindow.h"
#include "schemepanel.h"

#include <analysis.h>
#include <attentionbound.h>
#include <scheme.h>
#include <tablestats.h>

#include <QCheckBox>
#include <QRegularExpression>
#include <QComboBox>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

#include "qcp.h"

#include <cmath>

using namespace poslab;
using namespace poslab::gui;

namespace {

constexpr int kTimeoutMs = 30'000;

// A map shows exactly m (row-major), cell by cell: the view copies core's numbers, computes none.
bool shows(const widgets::HeatmapData& d, const Eigen::MatrixXd& m)
{
    if (d.rows != m.rows() || d.cols != m.cols()) return false;
    for (int r = 0; r < d.rows; ++r)
        for (int c = 0; c < d.cols; ++c) {
            const double v = d.at(r, c), w = m(r, c);
            if (!(v == w || (std::isnan(v) && std::isnan(w)))) return false;
        }
    return true;
}

LabResult lastResult(const QSignalSpy& results)
{
    return results.constLast().constFirst().value<LabResult>();
}

} // namespace

// Issue 13, item 3: the pictures each lesson needs.
class TestLessonPictures : public QObject
{
    Q_OBJECT
  private slots:
    // The first picture a new user sees (poslab, poslab --example, .ci/app) is positions only: the
    // scheme's pattern, not the seeded model's random content.
    void firstPictureIsPositionsOnly()
    {
        QVERIFY(parseCommandLine({"poslab"}).options.request.positionsOnly);
        QVERIFY(parseCommandLine({"poslab", "--example"}).options.request.positionsOnly);
        QVERIFY(!parseCommandLine({"poslab", "--text", "a b"}).options.request.positionsOnly);
        QVERIFY(
            parseCommandLine({"poslab", "--text", "a b", "--positions-only"}).options.request.positionsOnly);

        const LabRequest asked = parseCommandLine({"poslab", "--example"}).options.request;
        MainWindow window;
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        window.driver()->request(asked);
        QVERIFY(results.wait(kTimeoutMs));
        // ALiBi with λ = 0: every row peaks on the diagonal and falls off with |Δ| on both sides, by
        // e^(−slope) a step; each step is checked against the f32 engine's bound of both cells.
        const auto scheme = makeScheme(asked.scheme, asked.params, asked.effectiveModel());
        const Sequence seq = asked.sequence();
        const Eigen::MatrixXd bound =
            test::headBound(makePlan(*scheme, seq), 0, referenceAttention(*scheme, seq).heads[0], {}).probs;
        const widgets::HeatmapData& d = window.heatmapPanel()->view()->data();
        const int n = seq.size();
        QCOMPARE(d.rows, n);
        QCOMPARE(d.cols, n);
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j) {
                const int nearer = j > i ? j - 1 : j < i ? j + 1 : j;
                if (nearer == j) continue;
                QVERIFY2(d.at(i, nearer) - d.at(i, j) > bound(i, nearer) + bound(i, j),
                         qPrintable(QStringLiteral("row %1: %2 at j = %3 is not below %4 at j = %5")
                                        .arg(i)
                                        .arg(d.at(i, j))
                                        .arg(j)
                                        .arg(d.at(i, nearer))
                                        .arg(nearer)));
            }
        // Visible: the far corner is a small fraction of the diagonal.
        QVERIFY(d.at(0, n - 1) < 0.25 * d.at(0, 0));
    }

    // The shift test as pictures: M(0) and M(s) of one scheme side by side on one colour scale, and
    // M(s) − M(0) on a scale as wide as theirs.
    void compareShowsMOfZeroAndMOfS()
    {
        MainWindow window;
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        window.state()->setView(View::Compare);
        LabRequest r = test::request(kExampleText, "rope");
        r.compare = true;
        r.compareScheme = "sinusoidal";
        r.shift = 8;
        window.driver()->request(r);
        QVERIFY(results.wait(kTimeoutMs));
        const LabResult result = lastResult(results);
        QVERIFY(result.compare);
        const CompareRun& c = *result.compare;
        ComparePanel* panel = window.comparePanel();
        QCOMPARE(panel->shows(), CompareShows::Schemes);
        for (const CompareShows which : {CompareShows::ShiftA, CompareShows::ShiftB}) {
            panel->setShows(which);
            const bool a = which == CompareShows::ShiftA;
            const Eigen::MatrixXd& before = (a ? c.a : c.b).attention->heads[0].probs;
            const Eigen::MatrixXd& after = (a ? c.aShifted : c.bShifted).attention->heads[0].probs;
            QVERIFY(shows(panel->viewA()->data(), before));
            QVERIFY(shows(panel->viewB()->data(), after));
            QVERIFY(shows(panel->viewDiff()->data(), after - before));
            QVERIFY(panel->viewA()->data().title.contains(QStringLiteral("M(0), positions 0\u201311")));
            QVERIFY(panel->viewB()->data().title.contains(QStringLiteral("M(s), positions 8\u201319")));
            // One colour scale for M(0) and M(s); the difference on ± the larger end of theirs.
            const widgets::AxisSpan shared = panel->viewA()->colorScale().range;
            QCOMPARE(panel->viewB()->colorScale().range.lower, shared.lower);
            QCOMPARE(panel->viewB()->colorScale().range.upper, shared.upper);
            const double reach = std::max(std::abs(shared.lower), std::abs(shared.upper));
            QCOMPARE(panel->viewDiff()->colorScale().range.upper, reach);
            QCOMPARE(panel->viewDiff()->colorScale().range.lower, -reach);
            const double change = (after - before).cwiseAbs().maxCoeff();
            QVERIFY(panel->headingB().contains(QStringLiteral("at positions 8\u201319")));
            // The absolute scheme moves by far more than the relative one's rounding.
            if (!a) QVERIFY2(change > 1e-3, qPrintable(QString::number(change)));
        }
        // Back to the two schemes: the difference gets its own range again.
        panel->setShows(CompareShows::Schemes);
        QVERIFY(shows(panel->viewA()->data(), c.aShifted.attention->heads[0].probs));
        QVERIFY(shows(panel->viewB()->data(), c.bShifted.attention->heads[0].probs));
        const Eigen::MatrixXd diff =
            c.aShifted.attention->heads[0].probs - c.bShifted.attention->heads[0].probs;
        QCOMPARE(panel->viewDiff()->colorScale().range.upper, diff.cwiseAbs().maxCoeff());
    }

    // RoPE's Δ-curve can carry RoFormer's decay bound at a head size of its own (default 128).
    void ropeCurveShowsTheDecayBound()
    {
        MainWindow window;
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        window.state()->setView(View::DeltaCurve);
        window.driver()->request(test::request(kExampleText, "rope"));
        QVERIFY(results.wait(kTimeoutMs));
        DeltaCurvePanel* panel = window.deltaCurvePanel();
        QVERIFY(panel->boundBox()->isEnabled());
        QVERIFY(!panel->boundBox()->isChecked());
        QCOMPARE(panel->boundHeadDimBox()->value(), 128);
        const std::size_t without = panel->view()->data().series.size();
        panel->boundBox()->setChecked(true);
        const LabResult result = lastResult(results);
        const int range = window.state()->deltaRange();
        for (int headDim : {128, 16}) {
            panel->boundHeadDimBox()->setValue(headDim);
            const auto& series = panel->view()->data().series;
            QCOMPARE(series.size(), without + 1);
            const widgets::CurveSeries& bound = series.back();
            QVERIFY(bound.dashed);
            QVERIFY(bound.name.contains(QString::number(headDim)));
            const std::vector<double> expected =
                ropeDecayBound(rotaryFrequenciesAt(*result.run.scheme, headDim, result.n), range);
            QCOMPARE(bound.y, expected);
            QCOMPARE(bound.x.front(), double(-range));
            QCOMPARE(bound.x[std::size_t(range)], 0.0);
        }
        // At 128 dimensions the bound has fallen well below its start within ±32.
        panel->boundHeadDimBox()->setValue(128);
        const widgets::CurveSeries& bound = panel->view()->data().series.back();
        QVERIFY(bound.y.back() < 0.6 * bound.y[std::size_t(range)]);
        // ALiBi has no rotary frequencies: no bound, the box off.
        window.schemePanel()->setScheme(QStringLiteral("alibi"));
        QVERIFY(results.wait(kTimeoutMs));
        QVERIFY(!panel->boundBox()->isEnabled());
        for (const widgets::CurveSeries& s : panel->view()->data().series)
            QVERIFY(!s.dashed);
    }

    // ALiBi's head grid draws each head on a log colour range of its own by default, so that the
    // shallow slopes are not one flat colour (on a log scale, log p = −m·|Δ| − log Z: the slope is the
    // gradient); other schemes keep one scale; the user can switch either.
    void alibiHeadsGetALogScalePerHead()
    {
        using Scale = widgets::HeadGridView::Scale;
        MainWindow window;
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        window.state()->setView(View::Heads);
        LabRequest r = test::request(kExampleText, "alibi");
        r.positionsOnly = true; // the slopes alone set the heads apart
        window.driver()->request(r);
        QVERIFY(results.wait(kTimeoutMs));
        HeadsPanel* panel = window.headsPanel();
        widgets::HeadGridView* grid = panel->view();
        QCOMPARE(panel->headScaleBox()->currentData().toInt(), int(Scale::PerHeadLog));
        QCOMPARE(grid->headScale(), Scale::PerHeadLog);
        QVERIFY(grid->title().contains(QStringLiteral("log colour range per head")));
        QCOMPARE(grid->plotCount(), 4);
        for (int k = 0; k < 4; ++k) {
            const widgets::ColorScale own =
                widgets::colorScaleFor(grid->head(k), widgets::ColorMap::Viridis, true);
            QVERIFY(own.log);
            QCOMPARE(grid->headColorRange(k).lower, own.range.lower);
            QCOMPARE(grid->headColorRange(k).upper, own.range.upper);
            // What is painted: the tile's colour map itself, not tied to the shared bar's range.
            auto* map = qobject_cast<QCPColorMap*>(grid->plot()->plottable(k));
            QVERIFY(map);
            QCOMPARE(map->dataRange().lower, own.range.lower);
            QCOMPARE(map->dataRange().upper, own.range.upper);
            QCOMPARE(map->dataScaleType(), QCPAxis::stLogarithmic);
        }
        // Steeper slopes spread a head's probabilities over more decades (ALiBi's slopes fall by 4 a
        // head here): every range is narrower than the one before.
        const auto decades = [grid](int k) {
            return std::log10(grid->headColorRange(k).upper / grid->headColorRange(k).lower);
        };
        for (int k = 1; k < 4; ++k)
            QVERIFY2(
                decades(k) < 0.9 * decades(k - 1),
                qPrintable(QStringLiteral("head %1: %2 vs %3").arg(k).arg(decades(k)).arg(decades(k - 1))));
        // Linear per head: each from its lowest to its highest value.
        panel->headScaleBox()->setCurrentIndex(panel->headScaleBox()->findData(int(Scale::PerHead)));
        for (int k = 0; k < 4; ++k) {
            const widgets::ValueSpan own = widgets::valueSpan(grid->head(k));
            QCOMPARE(grid->headColorRange(k).lower, own.lowest);
            QCOMPARE(grid->headColorRange(k).upper, own.highest);
        }
        // One scale for all.
        panel->headScaleBox()->setCurrentIndex(panel->headScaleBox()->findData(int(Scale::Shared)));
        for (int k = 1; k < 4; ++k) {
            QCOMPARE(grid->headColorRange(k).lower, grid->headColorRange(0).lower);
            QCOMPARE(grid->headColorRange(k).upper, grid->headColorRange(0).upper);
        }
        // A new scheme gets its own default: RoPE one scale, ALiBi a log scale per head again.
        window.schemePanel()->setScheme(QStringLiteral("rope"));
        QVERIFY(results.wait(kTimeoutMs));
        QCOMPARE(grid->headScale(), Scale::Shared);
        window.schemePanel()->setScheme(QStringLiteral("alibi"));
        QVERIFY(results.wait(kTimeoutMs));
        QCOMPARE(grid->headScale(), Scale::PerHeadLog);
    }

    // The absolute encoding itself: the PE matrix, the cosine similarity of positions and its Δ-profile.
    void encodingViewShowsThePeAndItsSimilarity()
    {
        QCOMPARE(parseCommandLine({"poslab", "--view", "encoding"}).options.view, View::Encoding);
        MainWindow window;
        window.resize(1400, 900); // room for all 64 dimensions, one cell each
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        window.state()->setView(View::Encoding);
        window.driver()->request(test::request(kExampleText, "sinusoidal"));
        QVERIFY(results.wait(kTimeoutMs));
        auto* panel = window.findChild<EncodingPanel*>();
        QVERIFY(panel);
        const LabResult result = lastResult(results);
        const Eigen::MatrixXd pe = result.run.scheme->absoluteAt(0, result.n);
        QCOMPARE(pe.cols(), 64);
        const widgets::HeatmapData& shown = panel->peView()->data();
        QVERIFY2(shows(shown, pe), qPrintable(QStringLiteral("%1 x %2, step %3 x %4, %5")
                                                  .arg(shown.rows)
                                                  .arg(shown.cols)
                                                  .arg(shown.rowStep)
                                                  .arg(shown.colStep)
                                                  .arg(shown.title)));
        QCOMPARE(panel->peView()->data().rowAxisLabel, QStringLiteral("position"));
        QCOMPARE(panel->peView()->data().colAxisLabel, QStringLiteral("dimension k"));
        const Eigen::MatrixXd similarity = cosineSimilarity(pe);
        QVERIFY(shows(panel->similarityView()->data(), similarity));
        const std::vector<double> profile = diagonalProfile(similarity, false);
        const auto& curve = panel->profileView()->data().series;
        QCOMPARE(curve.size(), std::size_t(1));
        QCOMPARE(curve[0].y, profile);
        QCOMPARE(curve[0].x.front(), double(1 - result.n));
        // Sinusoidal: every position is most like itself.
        QCOMPARE(*std::max_element(profile.begin(), profile.end()), profile[std::size_t(result.n - 1)]);
        // Issue 15, item 3: the first three principal components as curves over position, named by
        // their share of the variance, and each position's norm on the right axis.
        const PrincipalComponents pc = principalComponents(pe, 3);
        widgets::DeltaCurveView* components = panel->componentsView();
        const auto& series = components->data().series;
        QCOMPARE(series.size(), std::size_t(3));
        QCOMPARE(components->seriesCount(), 3);
        static const QRegularExpression legend(QStringLiteral("^PC(\\d) \\(([0-9.]+) % of variance\\)$"));
        for (int c = 0; c < 3; ++c) {
            const auto& curve = series[std::size_t(c)];
            const QRegularExpressionMatch m = legend.match(curve.name);
            QVERIFY2(m.hasMatch(), qPrintable(curve.name));
            QCOMPARE(m.captured(1).toInt(), c + 1);
            // two significant digits: within half a unit of the last one shown
            const double percent = 100 * pc.explained(c);
            QVERIFY2(std::abs(m.captured(2).toDouble() - percent) <= (percent >= 9.95 ? 0.5 : 0.05),
                     qPrintable(curve.name + QStringLiteral(" vs %1").arg(percent)));
            QCOMPARE(curve.x.size(), std::size_t(result.n));
            QCOMPARE(curve.x.front(), 0.0);
            for (int i = 0; i < result.n; ++i)
                QCOMPARE(curve.y[std::size_t(i)], pc.scores(i, c));
        }
        QVERIFY(pc.explained(0) >= pc.explained(1) && pc.explained(1) >= pc.explained(2));
        const Eigen::VectorXd norms = rowNorms(pe);
        QCOMPARE(components->data().profileY.size(), std::size_t(result.n));
        for (int i = 0; i < result.n; ++i)
            QCOMPARE(components->data().profileY[std::size_t(i)], norms(i));
        QCOMPARE(components->plot()->xAxis->label(), QStringLiteral("position i"));
        // The legend names the three components and the norm, as drawn.
        QCPLegend* shownLegend = components->plot()->legend;
        QVERIFY(shownLegend->visible());
        QCOMPARE(shownLegend->itemCount(), 4);
        QStringList names;
        for (int k = 0; k < shownLegend->itemCount(); ++k)
            if (auto* item = qobject_cast<QCPPlottableLegendItem*>(shownLegend->item(k)))
                names << item->plottable()->name();
        QCOMPARE(names, (QStringList{series[0].name, series[1].name, series[2].name,
                                     components->data().profileLabel}));
        // The Δ-profile keeps its own axis.
        QCOMPARE(panel->profileView()->plot()->xAxis->label(), QStringLiteral("\u0394 = j \u2212 i"));
        // A relative scheme says it has none.
        window.schemePanel()->setScheme(QStringLiteral("rope"));
        QVERIFY(results.wait(kTimeoutMs));
        QVERIFY(panel->peView()->data().title.contains(QStringLiteral("rope is relative")));
        QVERIFY(panel->similarityView()->data().isEmpty());
        QVERIFY(panel->componentsView()->data().series.empty());
        QCOMPARE(panel->componentsView()->seriesCount(), 0);
    }
};

POSLAB_GUI_TEST(TestLessonPictures)
#include "tst_lessonpics.moc"
