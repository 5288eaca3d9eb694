#include "guirequest.h"
#include "guitest.h"

#include "comparepanel.h"
#include "deltacurvepanel.h"
#include "deltacurveview.h"
#include "driver.h"
#include "explorerstate.h"
#include "headgridview.h"
#include "headspanel.h"
#include "heatmappanel.h"
#include "heatmapview.h"
#include "mainwindow.h"

#include <analysis.h>
#include <attentionbound.h>
#include <scheme.h>

#include <QComboBox>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QImage>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "qcp.h"

#include <cmath>

using namespace poslab;
using namespace poslab::gui;

namespace {

constexpr int kTimeoutMs = 30'000;

using poslab::test::request;

// The largest change a shift of every position may make to a relative scheme's probabilities in
// the f32 engine: both runs have the same exact values, each within the engine's bound of them
// (attentionbound.h).
double shiftTolerance(const std::string& scheme, const std::string& text, int shift)
{
    const auto s = makeScheme(scheme, {}, ModelConfig{});
    Sequence seq = Sequence::fromText(text, TokenizerMode::Word), moved = seq;
    moved.start = shift;
    const AttentionPlan a = makePlan(*s, seq), b = makePlan(*s, moved);
    const AttentionResult exactA = referenceAttention(*s, seq), exactB = referenceAttention(*s, moved);
    double tolerance = 0;
    for (int h = 0; h < s->model().heads; ++h)
        tolerance = std::max(tolerance, (test::headBound(a, h, exactA.heads[h], {}).probs +
                                         test::headBound(b, h, exactB.heads[h], {}).probs)
                                            .maxCoeff());
    return tolerance;
}

double grayVariance(const QImage& image)
{
    double sum = 0, sumSq = 0;
    const double count = double(image.width()) * image.height();
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const double g = qGray(image.pixel(x, y));
            sum += g;
            sumSq += g * g;
        }
    }
    const double mean = sum / count;
    return sumSq / count - mean * mean;
}

// Waits for the next result without keeping it: a QSignalSpy would hold every result, and with them
// the buffers the driver reuses once the views let go of them.
bool nextResult(Driver* driver, int timeoutMs)
{
    QEventLoop loop;
    QTimer::singleShot(timeoutMs, &loop, [&loop] { loop.exit(1); });
    QObject::connect(driver, &Driver::resultAvailable, &loop, [&loop] { loop.exit(0); });
    return loop.exec() == 0;
}

// Variance inside a rectangle: the plot area itself, not the panels around it.
double grayVariance(const QImage& image, QRect rect)
{
    return grayVariance(image.copy(rect));
}

} // namespace

class TestViews : public QObject
{
    Q_OBJECT
  private slots:
    void headGridHasOnePlotPerHeadWithOneScale()
    {
        MainWindow window;
        window.resize(1400, 900);
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        window.driver()->request(request("the cat sat on the mat", "alibi", 8));
        QVERIFY(results.wait(kTimeoutMs));
        widgets::HeadGridView* grid = window.headsPanel()->view();
        QCOMPARE(grid->plotCount(), 0); // hidden views wait until they are shown
        window.state()->setView(View::Heads);
        QCOMPARE(grid->plotCount(), 8);
        QCOMPARE(grid->plot()->axisRectCount(), 8);
        QCOMPARE(grid->plot()->plottableCount(), 8);
        // One data range for all maps, spanning every head's values (ALiBi's default is a log range
        // per head, tst_lessonpics.cpp: this is the other choice).
        QComboBox* scale = window.headsPanel()->headScaleBox();
        scale->setCurrentIndex(scale->findData(int(widgets::HeadGridView::Scale::Shared)));
        const widgets::AxisSpan range = grid->colorRange();
        for (int k = 0; k < grid->plot()->plottableCount(); ++k) {
            auto* map = qobject_cast<QCPColorMap*>(grid->plot()->plottable(k));
            QVERIFY(map);
            QCOMPARE(map->dataRange().lower, range.lower);
            QCOMPARE(map->dataRange().upper, range.upper);
            const widgets::AxisSpan own = widgets::colorRange(grid->head(k));
            QVERIFY(own.lower >= range.lower && own.upper <= range.upper);
        }
        QSignalSpy heads(window.state(), &ExplorerState::headChanged);
        emit grid->headClicked(5);
        QCOMPARE(window.state()->head(), 5);
        QCOMPARE(heads.count(), 1);
        emit grid->headDoubleClicked(2); // opens the head in the heatmap
        QCOMPARE(window.state()->head(), 2);
        QCOMPARE(window.state()->view(), View::Heatmap);
    }

    void deltaCurveShowsSchemeAndMeasuredProfile()
    {
        MainWindow window;
        window.resize(1400, 900);
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        window.state()->setView(View::DeltaCurve);
        window.driver()->request(request("a b c d e f g h", "t5"));
        QVERIFY(results.wait(kTimeoutMs));
        window.state()->setDeltaRange(40);
        widgets::DeltaCurveView* view = window.deltaCurvePanel()->view();
        const widgets::CurvePlotData& d = view->data();
        QCOMPARE(view->seriesCount(), 4); // bias per head
        QVERIFY(d.series.front().steps);
        QCOMPARE(d.series.front().x.size(), std::size_t(81));
        QVERIFY(!d.boundaries.empty()); // bucket edges beyond the exact buckets (|Δ| >= 8)
        QVERIFY(d.boundaries.size() * 2 <= d.series.front().x.size());
        QCOMPARE(d.profileX.size(), std::size_t(15)); // Δ = −7 .. 7
        // The profile is core's diagonal mean of head 0's probabilities.
        ModelConfig model;
        const auto scheme = makeScheme("t5", {}, model);
        const Sequence seq = Sequence::fromText("a b c d e f g h", TokenizerMode::Word);
        const auto attention = referenceAttention(*scheme, seq);
        const auto profile = diagonalProfile(attention.heads[0].probs, false);
        // the GUI runs oneDNN in f32: a diagonal's mean is within the mean of its probabilities'
        // bounds (attentionbound.h), and both means are rounded in double (γ_n, n = 8)
        const auto slack = diagonalProfile(
            test::agreementBound(makePlan(*scheme, seq), 0, attention.heads[0], {}).probs, false);
        for (std::size_t k = 0; k < profile.size(); ++k)
            QVERIFY(std::abs(d.profileY[k] - profile[k]) <=
                    slack[k] + 2 * test::gamma(8, test::kUnitF64) * (profile[k] + slack[k]));
        window.state()->setCell(2, 5);
        QCOMPARE(view->data().marker, 3.0);
    }

    void manyCurvesAreSampled()
    {
        MainWindow window;
        window.state()->setView(View::DeltaCurve);
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        LabRequest r = request("a b c", "seed-linear");
        r.model.dModel = 256;
        window.driver()->request(r);
        QVERIFY(results.wait(kTimeoutMs));
        QCOMPARE(window.deltaCurvePanel()->view()->seriesCount(), 64);
        QVERIFY(window.deltaCurvePanel()->view()->data().valueLabel.contains(QStringLiteral("64 of 256")));
    }

    void compareShift_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<bool>("relative");
        QTest::newRow("alibi") << "alibi" << true;
        QTest::newRow("t5") << "t5" << true;
        QTest::newRow("rope") << "rope" << true;
        QTest::newRow("sinusoidal") << "sinusoidal" << false;
        QTest::newRow("learned") << "learned" << false;
    }
    void compareShift()
    {
        QFETCH(QString, scheme);
        QFETCH(bool, relative);
        MainWindow window;
        window.resize(1400, 900);
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        LabRequest r = request("the cat sat on the mat", scheme.toStdString());
        r.compareScheme = relative ? "sinusoidal" : "rope";
        window.driver()->request(r);
        QVERIFY(results.wait(kTimeoutMs));
        QVERIFY(!window.driver()->lastRequest().compare);
        window.state()->setView(View::Compare); // compare mode computes when shown
        QVERIFY(results.wait(kTimeoutMs));
        ComparePanel* panel = window.comparePanel();
        panel->setCompareScheme(QStringLiteral("t5"));
        QVERIFY(results.wait(kTimeoutMs));
        QCOMPARE(window.driver()->lastRequest().compareScheme, std::string("t5"));
        panel->setCompareScheme(QString::fromStdString(r.compareScheme));
        QVERIFY(results.wait(kTimeoutMs));
        panel->setShift(13);
        QVERIFY(results.wait(kTimeoutMs));
        QCOMPARE(window.driver()->lastRequest().shift, 13);
        // The GUI runs oneDNN in f32: a relative scheme changes only by rounding, within the sum of
        // both runs' bounds; core's double-precision invariance is held in test_analysis.
        const double rounding =
            shiftTolerance(relative ? scheme.toStdString() : r.compareScheme, "the cat sat on the mat", 13);
        if (relative)
            QVERIFY2(panel->maxChangeA() <= rounding, qPrintable(QString::number(panel->maxChangeA())));
        else
            QVERIFY2(panel->maxChangeA() > 1e-3, qPrintable(QString::number(panel->maxChangeA())));
        // The second scheme is the other kind.
        if (relative)
            QVERIFY(panel->maxChangeB() > 1e-3);
        else
            QVERIFY2(panel->maxChangeB() <= rounding, qPrintable(QString::number(panel->maxChangeB())));
        QCOMPARE(panel->viewA()->data().rows, 6);
        QVERIFY(panel->viewDiff()->data().isSigned);
        // Leaving Compare keeps the result on screen: nothing recomputes (issue 13, defect 8), and the
        // next request leaves the compare runs out.
        const quint64 generation = window.driver()->generation();
        window.state()->setView(View::Heatmap);
        QCOMPARE(window.driver()->generation(), generation);
        QVERIFY(!window.driver()->lastRequest().compare);
    }

    // Parameter change -> repainted heatmap, wall clock, for the report. POSLAB_LATENCY=1 to run.
    void latency_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<int>("n");
        for (const char* scheme : {"alibi", "rope", "t5"})
            for (int n : {32, 256, 1024})
                QTest::newRow(qPrintable(QStringLiteral("%1 n=%2").arg(scheme).arg(n)))
                    << QString::fromLatin1(scheme) << n;
    }
    void latency()
    {
        if (qEnvironmentVariableIsEmpty("POSLAB_LATENCY")) QSKIP("set POSLAB_LATENCY=1 to measure");
        QFETCH(QString, scheme);
        QFETCH(int, n);
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        LabRequest r = request(std::string(std::size_t(n), 'x'), scheme.toStdString(), 8);
        r.tokenizer = TokenizerMode::Char;
        window.driver()->request(r);
        QVERIFY(nextResult(window.driver(), 120'000));
        QCustomPlot* plot = window.heatmapPanel()->view()->plot();
        for (int seed = 1; seed <= 4; ++seed) {
            QElapsedTimer clock;
            bool repainted = false;
            double coreMs = 0;
            auto c1 = connect(window.driver(), &Driver::resultAvailable, this,
                              [&](const LabResult& result) { coreMs = result.elapsedMs; });
            clock.start();
            window.driver()->update([seed](LabRequest& q) { q.model.seed = std::uint64_t(seed); });
            QVERIFY(nextResult(window.driver(), 120'000));
            // setData() replots synchronously; render once more to count the paint itself.
            auto c2 = connect(plot, &QCustomPlot::afterReplot, this, [&] { repainted = true; });
            plot->replot(QCustomPlot::rpImmediateRefresh);
            QVERIFY(repainted);
            qInfo("latency %s n=%d heads=8: %.1f ms total (core %.1f ms)", qPrintable(scheme), n,
                  clock.nsecsElapsed() / 1e6, coreMs);
            disconnect(c1);
            disconnect(c2);
        }
    }

    void screenshotOfEachViewIsNotBlank_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<QStringList>("extra");
        QTest::newRow("heatmap") << "heatmap" << QStringList{};
        QTest::newRow("heads") << "heads" << QStringList{};
        QTest::newRow("delta-curve") << "delta-curve" << QStringList{"--scheme", "rope"};
        QTest::newRow("compare") << "compare" << QStringList{"--scheme", "alibi"};
        QTest::newRow("chinese") << "heatmap" << QStringList{"--text", QStringLiteral("注意力 机制 很 重要")};
        // Above the memory limit: streamed and pooled, not refused.
        QTest::newRow("long") << "heatmap" << QStringList{"--positions", "20000", "--log-scale"};
    }
    void screenshotOfEachViewIsNotBlank()
    {
        QFETCH(QString, view);
        QFETCH(QStringList, extra);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString png = dir.filePath(QStringLiteral("out.png"));
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("QT_QPA_PLATFORM")); // poslab must choose offscreen by itself
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(POSLAB_EXE),
                      QStringList{QStringLiteral("--screenshot"), png, QStringLiteral("--view"), view,
                                  QStringLiteral("--size"), QStringLiteral("1200x800")} +
                          extra);
        QVERIFY(process.waitForFinished(60'000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        const QImage image(png);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(1200, 800));
        // The right two thirds hold the view: it must not be one flat colour.
        QVERIFY(grayVariance(image, QRect(450, 150, 700, 550)) > 100.0);
    }
};

POSLAB_GUI_TEST(TestViews)
#include "tst_views.moc"
