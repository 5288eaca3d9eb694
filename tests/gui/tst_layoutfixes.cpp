#include "guirequest.h"
#include "guitest.h"
#include "layoutcheck.h"

#include "busyoverlay.h"
#include "colorscale.h"
#include "comparepanel.h"
#include "driver.h"
#include "explorerstate.h"
#include "headgridview.h"
#include "headspanel.h"
#include "heatmappanel.h"
#include "heatmapview.h"
#include "mainwindow.h"
#include "sequencepanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEventLoop>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QWheelEvent>

#include "qcp.h"

using namespace poslab;
using namespace poslab::gui;
using widgets::AxisSpan;
using widgets::ColorMap;
using widgets::ColorScale;
using widgets::ValueSpan;

Q_DECLARE_METATYPE(poslab::widgets::ColorScale)

namespace {

constexpr int kTimeoutMs = 120'000;
const char* const kSentence = "The cat sat on the mat because the mat was warm.";

LabRequest positions(int n)
{
    LabRequest r = test::request("", "alibi");
    r.positions = n;
    return r;
}


void settle(QWidget& window)
{
    for (int k = 0; k < 4; ++k) {
        QCoreApplication::processEvents();
        for (QCustomPlot* plot : window.findChildren<QCustomPlot*>())
            if (plot->isVisible()) plot->replot();
    }
    QCoreApplication::processEvents();
}

class PaintCounter : public QObject
{
  public:
    int paints = 0;
    bool eventFilter(QObject*, QEvent* event) override
    {
        if (event->type() == QEvent::Paint) ++paints;
        return false;
    }
};

} // namespace

// Issue 13, item 1: the defects the layout check does not see by itself, each with its own test.
class TestLayoutFixes : public QObject
{
    Q_OBJECT
  private slots:
    // Defect 7: the kind of colour scale follows the values' range.
    void colorScaleFollowsTheValues_data()
    {
        QTest::addColumn<double>("lowest");
        QTest::addColumn<double>("highest");
        QTest::addColumn<bool>("isSigned");
        QTest::addColumn<bool>("log");
        QTest::addColumn<ColorScale>("expected");
        const auto scale = [](ColorMap map, AxisSpan range, bool log, bool logApplies, bool mapApplies) {
            ColorScale s;
            s.map = map;
            s.range = range;
            s.log = log;
            s.logApplies = logApplies;
            s.mapApplies = mapApplies;
            return s;
        };
        QTest::newRow("probabilities")
            << 0.01 << 0.5 << false << false << scale(ColorMap::Magma, {0.0, 0.5}, false, true, true);
        QTest::newRow("probabilities, log")
            << 0.01 << 0.5 << false << true << scale(ColorMap::Magma, {0.01, 0.5}, true, true, true);
        QTest::newRow("both signs: diverging")
            << -2.0 << 1.0 << true << true << scale(ColorMap::Diverging, {-2.0, 2.0}, false, false, false);
        QTest::newRow("ALiBi bias, all <= 0: sequential")
            << -3.5 << 0.0 << true << true << scale(ColorMap::Magma, {-3.5, 0.0}, false, false, true);
        QTest::newRow("all >= 0: sequential")
            << 0.0 << 4.0 << true << false << scale(ColorMap::Magma, {0.0, 4.0}, false, false, true);
        QTest::newRow("all 0: diverging")
            << 0.0 << 0.0 << true << false << scale(ColorMap::Diverging, {-1.0, 1.0}, false, false, false);
    }

    void colorScaleFollowsTheValues()
    {
        QFETCH(double, lowest);
        QFETCH(double, highest);
        QFETCH(bool, isSigned);
        QFETCH(bool, log);
        QFETCH(ColorScale, expected);
        const ValueSpan values{lowest, highest, lowest > 0 ? lowest : 0.0};
        const ColorScale got = widgets::colorScaleFor(values, isSigned, ColorMap::Magma, log);
        QVERIFY2(got == expected,
                 qPrintable(QStringLiteral("map %1, [%2, %3], log %4 (applies %5), map applies %6")
                                .arg(widgets::colorMapName(got.map))
                                .arg(got.range.lower)
                                .arg(got.range.upper)
                                .arg(got.log)
                                .arg(got.logApplies)
                                .arg(got.mapApplies)));
    }

    // Defect 7: ALiBi's bias (every value <= 0) in the head grid: a sequential map from the lowest
    // value to 0, the log scale off; logits (both signs) keep the diverging map, the colour map off.
    void headsOfAOneSignedMatrixUseASequentialMap()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.state()->setView(View::Heads);
        window.state()->setLogScale(true);
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        window.driver()->request(test::request(kSentence, "alibi"));
        QVERIFY(results.wait(kTimeoutMs));
        window.state()->setMatrix(QStringLiteral("bias"));
        QVERIFY(test::waitIdle(window.driver(), kTimeoutMs));
        HeadsPanel* heads = window.headsPanel();
        const ColorScale& scale = heads->view()->colorScale();
        QCOMPARE(scale.map, ColorMap::Viridis);
        QCOMPARE(scale.range.upper, 0.0);
        QVERIFY(scale.range.lower < 0);
        QVERIFY(!scale.log);
        QVERIFY(!heads->logBox()->isEnabled());
        QVERIFY(heads->colorMapBox()->isEnabled());

        window.state()->setMatrix(QStringLiteral("logits"));
        QVERIFY(test::waitIdle(window.driver(), kTimeoutMs));
        QCOMPARE(heads->view()->colorScale().map, ColorMap::Diverging);
        QVERIFY(!heads->colorMapBox()->isEnabled());
        QVERIFY(!heads->logBox()->isEnabled());

        window.state()->setMatrix(QStringLiteral("probs"));
        QVERIFY(test::waitIdle(window.driver(), kTimeoutMs));
        QVERIFY(heads->view()->colorScale().log);
        QVERIFY(heads->logBox()->isEnabled());
        QVERIFY(heads->colorMapBox()->isEnabled());
        // The heatmap of one head says the same.
        window.state()->setMatrix(QStringLiteral("bias"));
        window.state()->setView(View::Heatmap);
        QVERIFY(test::waitIdle(window.driver(), kTimeoutMs));
        QCOMPARE(window.heatmapPanel()->view()->colorScale().range.upper, 0.0);
        QVERIFY(!window.heatmapPanel()->logBox()->isEnabled());
    }

    // Defect 4: the error of heads = 3 with d_model 64 shows whole above the tabs, and the status bar
    // says what it is.
    void errorBannerIsWholeAndTheStatusBarSaysIt()
    {
        MainWindow window;
        window.resize(1366, 768);
        window.setWalkPanelVisible(true);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        window.driver()->request(test::request(kSentence, "alibi"));
        QVERIFY(results.wait(kTimeoutMs));
        QSignalSpy failed(window.driver(), &Driver::failed);
        window.driver()->request(test::request(kSentence, "alibi", 3));
        QVERIFY(failed.wait(kTimeoutMs));
        settle(window);
        QVERIFY(window.errorText().contains(QStringLiteral("divisible")));
        QVERIFY2(window.statsText().startsWith(QStringLiteral("error: ")) &&
                     window.statsText().contains(QStringLiteral("divisible")) &&
                     !window.statsText().contains(u'\n'),
                 qPrintable(window.statsText()));
        const QStringList problems = test::layoutProblems(&window);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    // Defect 3: a long recompute dims the views and says how far it is on them; Esc cancels it.
    void longRecomputeShowsOnTheViews()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        BusyOverlay* overlay = window.busyOverlay();
        QVERIFY(overlay);
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        window.driver()->request(test::request(kSentence, "alibi"));
        QVERIFY(results.wait(kTimeoutMs));
        QVERIFY(!overlay->isVisible()); // a quick request never dims
        LabRequest slow = positions(3000);
        slow.compare = true;
        window.driver()->request(slow);
        QTRY_VERIFY_WITH_TIMEOUT(overlay->isVisible() || !window.driver()->isBusy(), 20'000);
        if (!window.driver()->isBusy()) QSKIP("the machine computed n = 3000 in compare mode too quickly");
        WorkProgress p;
        p.done = 40;
        p.total = 100;
        emit window.driver()->workProgress(p);
        QVERIFY2(overlay->text().contains(QStringLiteral("40 %")), qPrintable(overlay->text()));
        QVERIFY(overlay->text().contains(QStringLiteral("Esc")));
        QVERIFY(overlay->geometry().intersects(window.heatmapPanel()->geometry()));
        QTest::keyClick(&window, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!overlay->isVisible(), 20'000);
    }

    // Defect 6: a tab restored from the last session that cannot work at this n (Compare at
    // 20000 positions) gives way to the heatmap.
    void restoredCompareGivesWayToTheHeatmapAtALongSequence()
    {
        QSettings().setValue(QStringLiteral("MainWindow/view"), QStringLiteral("compare"));
        MainWindow window;
        window.attachSettings();
        QCOMPARE(window.state()->view(), View::Compare);
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        LabRequest r = positions(20000);
        r.compare = true;
        window.driver()->request(r);
        QVERIFY(results.wait(kTimeoutMs));
        QCOMPARE(window.state()->view(), View::Heatmap);
        QSettings().remove(QStringLiteral("MainWindow"));
    }

    // Defect 8: the first wheel clicks after a tab switch zoom, and stay zoomed (leaving Compare
    // used to recompute, and the new result reset the zoom).
    void wheelZoomsRightAfterATabSwitch()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        window.driver()->request(test::request(kSentence, "alibi"));
        QVERIFY(results.wait(kTimeoutMs));
        window.state()->setView(View::Compare);
        QVERIFY(test::waitIdle(window.driver(), kTimeoutMs));
        window.state()->setView(View::Heatmap);
        settle(window);
        QCustomPlot* plot = window.heatmapPanel()->view()->plot();
        const double before = plot->xAxis->range().size();
        const QPointF centre = plot->axisRect()->rect().center();
        QWheelEvent wheel(centre, plot->mapToGlobal(centre), QPoint(), QPoint(0, 120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(plot, &wheel);
        QVERIFY(plot->xAxis->range().size() < before);
        QVERIFY(test::waitIdle(window.driver(), kTimeoutMs));
        QTest::qWait(200);
        settle(window);
        QVERIFY2(plot->xAxis->range().size() < before - 0.5,
                 qPrintable(QStringLiteral("%1, was %2").arg(plot->xAxis->range().size()).arg(before)));
    }

    // Defect 7: the placeholder of bare positions follows their count on screen (200, then 64).
    void placeholderRepaintsWithTheCount()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        window.driver()->request(positions(200));
        QVERIFY(results.wait(kTimeoutMs));
        settle(window);
        QPlainTextEdit* text = window.sequencePanel()->textEdit();
        PaintCounter counter;
        text->viewport()->installEventFilter(&counter);
        window.driver()->request(positions(64));
        QVERIFY(results.wait(kTimeoutMs));
        settle(window);
        QVERIFY(text->placeholderText().startsWith(QStringLiteral("64 bare")));
        QVERIFY(counter.paints > 0);
    }
};

POSLAB_GUI_TEST(TestLayoutFixes)
#include "tst_layoutfixes.moc"
