// Issue 13, items 4 and 5: presentation mode (full screen, the Δ slider across the heatmap and the
// Δ-curve, keys stepping through the worked example) and the progressive first picture of a slow
// request of every head.

#include "guirequest.h"
#include "guitest.h"

#include "deltacurvepanel.h"
#include "deltacurveview.h"
#include "driver.h"
#include "explorerstate.h"
#include "headgridview.h"
#include "headspanel.h"
#include "heatmappanel.h"
#include "heatmapview.h"
#include "mainwindow.h"
#include "presentationbar.h"
#include "walkpanel.h"
#include "walkview.h"

#include <QDockWidget>
#include <QListWidget>
#include <QMenuBar>
#include <QSignalSpy>
#include <QSlider>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>

#include "qcp.h"

#include <cmath>

using namespace poslab;
using namespace poslab::gui;

namespace {

constexpr int kTimeoutMs = 30'000;
const char kSentence[] = "The cat sat on the mat because the mat was warm .";

QDockWidget* dock(MainWindow& window, const char* name)
{
    return window.findChild<QDockWidget*>(QString::fromLatin1(name));
}

void showWithResult(MainWindow& window, const LabRequest& request)
{
    window.resize(1400, 900);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QSignalSpy results(window.driver(), &Driver::resultAvailable);
    window.driver()->request(request);
    QTRY_VERIFY_WITH_TIMEOUT(!window.driver()->isBusy() && results.count() > 0, kTimeoutMs);
}

} // namespace

class TestPresentation : public QObject
{
    Q_OBJECT
  private slots:
    void f11TogglesFullScreenHidesDocksAndRestoresThem()
    {
        MainWindow window;
        showWithResult(window, test::request(kSentence, "alibi"));
        const char* names[] = {"sequenceDock", "schemeDock", "walkDock", "lessonsDock"};
        QMap<QString, bool> visible;
        QMap<QString, int> width;
        for (const char* name : names) {
            visible[name] = dock(window, name)->isVisible();
            width[name] = dock(window, name)->width();
        }
        QVERIFY(visible["sequenceDock"] && visible["schemeDock"] && !visible["lessonsDock"]);
        const Qt::WindowStates before = window.windowState();
        QVERIFY(!(before & Qt::WindowFullScreen));
        const double pointSize = window.heatmapPanel()->view()->font().pointSizeF();
        window.setWalkPanelVisible(false);

        for (Qt::Key leave : {Qt::Key_F11, Qt::Key_Escape}) {
            QTest::keyClick(&window, Qt::Key_F11);
            QVERIFY(window.isPresenting());
            QVERIFY(window.windowState() & Qt::WindowFullScreen);
            for (const char* name : names)
                QVERIFY2(dock(window, name)->isHidden(), name);
            QVERIFY(window.menuBar()->isHidden());
            QVERIFY(window.statusBar()->isHidden());
            QVERIFY(window.findChild<QTabWidget*>()->tabBar()->isHidden());
            QVERIFY(window.presentationBar()->isVisible());
            QCOMPARE(window.heatmapPanel()->view()->font().pointSizeF(),
                     pointSize * MainWindow::presentationFontScale);
            // the plot itself, which takes its fonts once: its tick labels grew too
            QCOMPARE(window.heatmapPanel()->view()->plot()->xAxis->tickLabelFont().pointSizeF(),
                     pointSize * MainWindow::presentationFontScale);

            QTest::keyClick(&window, leave);
            QVERIFY(!window.isPresenting());
            QCOMPARE(window.windowState(), before);
            QVERIFY(window.menuBar()->isVisible());
            QVERIFY(window.statusBar()->isVisible());
            QVERIFY(window.findChild<QTabWidget*>()->tabBar()->isVisible());
            QVERIFY(window.presentationBar()->isHidden());
            QCOMPARE(window.heatmapPanel()->view()->font().pointSizeF(), pointSize);
            QCOMPARE(window.heatmapPanel()->view()->plot()->xAxis->tickLabelFont().pointSizeF(), pointSize);
            QVERIFY(dock(window, "sequenceDock")->isVisible());
            QVERIFY(dock(window, "schemeDock")->isVisible());
            QVERIFY(dock(window, "walkDock")->isHidden()); // as it was
            QVERIFY(dock(window, "lessonsDock")->isHidden());
            QTRY_COMPARE(dock(window, "sequenceDock")->width(), width["sequenceDock"]);
        }

        // An open worked example stays on screen: the lecture steps through it.
        window.setWalkPanelVisible(true);
        window.setPresenting(true);
        QVERIFY(dock(window, "walkDock")->isVisible());
        QVERIFY(dock(window, "sequenceDock")->isHidden());
        window.setPresenting(false);
        QVERIFY(dock(window, "walkDock")->isVisible());
        QVERIFY(dock(window, "sequenceDock")->isVisible());
    }

    void sliderMovesTheDiagonalAndTheCurvePointTogether()
    {
        MainWindow window;
        showWithResult(window, test::request(kSentence, "alibi")); // 12 tokens
        window.setPresenting(true);
        QSlider* slider = window.presentationBar()->slider();
        QCOMPARE(slider->minimum(), -11);
        QCOMPARE(slider->maximum(), 11);
        slider->setValue(-3);
        QCOMPARE(window.state()->sweepDelta(), -3);
        widgets::HeatmapView* map = window.heatmapPanel()->view();
        QCOMPARE(map->highlightedDiagonal(), std::optional(-3));
        QVERIFY(map->diagonalShown());
        // The line runs from cell (i = 3, j = 0) to cell (11, 8): x = j, y = i.
        const auto segment = widgets::diagonalSegment(map->data(), -3);
        QVERIFY(segment);
        QCOMPARE(QPointF(segment->x0, segment->y0), QPointF(0, 3));
        QCOMPARE(QPointF(segment->x1, segment->y1), QPointF(8, 11));

        window.state()->setView(View::DeltaCurve);
        widgets::DeltaCurveView* curve = window.deltaCurvePanel()->view();
        QCOMPARE(curve->sweep(), -3.0);
        QVERIFY(curve->sweepShown());
        // The dot sits on the scheme's curve at Δ = −3.
        const widgets::CurveSeries& s = curve->data().series.front();
        const auto at = std::find(s.x.begin(), s.x.end(), -3.0);
        QVERIFY(at != s.x.end());
        QCOMPARE(curve->sweepPoint(), QPointF(-3, s.y[std::size_t(at - s.x.begin())]));

        slider->setValue(5); // both views follow
        QCOMPARE(curve->sweepPoint().x(), 5.0);
        QCOMPARE(map->highlightedDiagonal(), std::optional(5));

        // Play steps it on the timer; pause stops it.
        window.presentationBar()->setPlaying(true);
        QTRY_COMPARE_WITH_TIMEOUT(window.state()->sweepDelta(), 7, 5'000);
        window.presentationBar()->setPlaying(false);
        QVERIFY(!window.presentationBar()->isPlaying());
        slider->setValue(slider->maximum());
        window.presentationBar()->advance(); // wraps around
        QCOMPARE(slider->value(), slider->minimum());

        // In compare mode the slider is the shift s: a new request.
        window.state()->setView(View::Compare);
        QCOMPARE(slider->minimum(), 0);
        slider->setValue(5);
        QCOMPARE(window.driver()->lastRequest().shift, 5);
        QCOMPARE(window.state()->sweepDelta(), ExplorerState::noSweep);

        window.state()->setView(View::Heatmap);
        window.setPresenting(false); // the sweep goes with the slider
        QCOMPARE(window.state()->sweepDelta(), ExplorerState::noSweep);
        QVERIFY(!map->diagonalShown());
        QVERIFY(!curve->sweepShown());
    }

    void causalSliderStopsAtTheDiagonal()
    {
        MainWindow window;
        LabRequest r = test::request(kSentence, "alibi");
        r.model.causal = true;
        showWithResult(window, r);
        window.setPresenting(true);
        QCOMPARE(window.presentationBar()->slider()->maximum(), 0);
        QCOMPARE(window.presentationBar()->slider()->minimum(), -11);
    }

    void keysStepThroughTheWorkedExample()
    {
        MainWindow window;
        showWithResult(window, test::request(kSentence, "rope"));
        window.setWalkPanelVisible(true);
        window.state()->setCell(5, 2);
        widgets::WalkView* walk = window.walkPanel()->view();
        QTRY_VERIFY_WITH_TIMEOUT(walk->stepCount() > 3, kTimeoutMs);
        QCOMPARE(walk->currentStep(), 0);
        // Outside presentation mode the window leaves the keys to the focused form.
        window.heatmapPanel()->setFocus();
        QTest::keyClick(&window, Qt::Key_PageDown);
        QCOMPARE(walk->currentStep(), 0);

        window.setPresenting(true);
        window.heatmapPanel()->view()->setFocus();
        QTest::keyClick(&window, Qt::Key_PageDown);
        QCOMPARE(walk->currentStep(), 1);
        QTest::keyClick(&window, Qt::Key_Right);
        QCOMPARE(walk->currentStep(), 2);
        QTest::keyClick(&window, Qt::Key_Left);
        QCOMPARE(walk->currentStep(), 1);
        QTest::keyClick(&window, Qt::Key_PageUp);
        QCOMPARE(walk->currentStep(), 0);
        QTest::keyClick(&window, Qt::Key_End);
        QCOMPARE(walk->currentStep(), walk->stepCount() - 1);
        // The current step is highlighted in the list and scrolled into view.
        auto* list = walk->findChild<QListWidget*>();
        QCOMPARE(list->currentRow(), walk->stepCount() - 1);
        QVERIFY(list->viewport()->rect().intersects(list->visualItemRect(list->currentItem())));
        QTest::keyClick(&window, Qt::Key_Home);
        QCOMPARE(walk->currentStep(), 0);
        QVERIFY(list->viewport()->rect().intersects(list->visualItemRect(list->currentItem())));
        // With the focus in the walk itself, one key is one step (not two claims of it).
        walk->setFocus();
        QTest::keyClick(&window, Qt::Key_PageDown);
        QCOMPARE(walk->currentStep(), 1);

        window.setPresenting(false);
        window.heatmapPanel()->setFocus();
        QTest::keyClick(&window, Qt::Key_PageDown);
        QCOMPARE(walk->currentStep(), 1);
    }
};

POSLAB_GUI_TEST(TestPresentation)

class TestFirstHead : public QObject
{
    Q_OBJECT
  private slots:
    // A slow request of every head: the head shown arrives first and the heatmap shows it, then
    // every head, and the head grid fills in.
    void headShownArrivesBeforeEveryHead()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.driver()->setFirstHeadAbove(0); // every request of several heads, here at n = 12
        window.state()->setHead(2);
        std::vector<LabResult> seen;
        std::vector<double> shown; // the heatmap's cell (5, 2) after each result
        connect(window.driver(), &Driver::resultAvailable, this, [&](const LabResult& result) {
            seen.push_back(result);
            const widgets::HeatmapData& d = window.heatmapPanel()->view()->data();
            shown.push_back(d.isEmpty() ? std::nan("") : d.at(5, 2));
        });
        window.driver()->request(test::request(kSentence, "alibi"));
        QTRY_VERIFY_WITH_TIMEOUT(!window.driver()->isBusy(), kTimeoutMs);
        QCOMPARE(seen.size(), std::size_t(2));
        const LabResult& first = seen[0];
        QVERIFY(first.request.onlyHead);
        QVERIFY(first.has("probs", 2));
        QVERIFY(!first.has("probs", 0));
        QVERIFY(!first.has("probs", 3));
        QVERIFY(!seen[1].request.onlyHead);
        for (int h = 0; h < 4; ++h)
            QVERIFY(seen[1].has("probs", h));
        // The view updated twice, each time with head 2's probabilities, the same numbers both times.
        const double p = first.run.attention->heads[2].probs(5, 2);
        QCOMPARE(shown[0], p);
        QCOMPARE(shown[1], seen[1].run.attention->heads[2].probs(5, 2));
        QCOMPARE(shown[1], p);
        // The head grid, waiting after the first, has every head after the second.
        window.state()->setView(View::Heads);
        QCOMPARE(window.headsPanel()->view()->plotCount(), 4);
    }

    void fastRequestsAndCompareModeComeOnce()
    {
        MainWindow window;
        window.show();
        QCOMPARE(window.driver()->firstHeadAbove(), Driver::defaultFirstHeadAbove);
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        window.driver()->request(test::request(kSentence, "alibi")); // 12² · 4 cells: far below
        QTRY_VERIFY_WITH_TIMEOUT(!window.driver()->isBusy(), kTimeoutMs);
        QCOMPARE(results.count(), 1);
        window.driver()->setFirstHeadAbove(0);
        LabRequest compare = test::request(kSentence, "alibi");
        compare.compare = true;
        window.driver()->request(compare);
        QTRY_VERIFY_WITH_TIMEOUT(!window.driver()->isBusy(), kTimeoutMs);
        QCOMPARE(results.count(), 2);
        QVERIFY(!results.last().first().value<LabResult>().request.onlyHead);
    }
};

POSLAB_GUI_TEST(TestFirstHead)

#include "tst_presentation.moc"
