// The worked-example panel and the lessons inside the explorer window (issue 5 on issue 4's window).
#include "guirequest.h"
#include "guitest.h"

#include "applysetup.h"
#include "commandline.h"
#include "deltacurvepanel.h"
#include "deltacurveview.h"
#include "driver.h"
#include "explorerstate.h"
#include "heatmappanel.h"
#include "heatmapview.h"
#include "lessonspanel.h"
#include "lessonsview.h"
#include "mainwindow.h"
#include "walkpanel.h"
#include "walkview.h"

#include <explain.h>

#include <QAction>
#include <QDockWidget>
#include <QImage>
#include <QListWidget>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "qcp.h"

#include <cmath>

using namespace poslab;
using namespace poslab::gui;

namespace {

constexpr int kTimeoutMs = 60'000;

using poslab::test::request;

bool waitForResult(MainWindow& window, QSignalSpy& results)
{
    return QTest::qWaitFor([&] { return !window.driver()->isBusy() && !results.isEmpty(); }, kTimeoutMs);
}

std::vector<widgets::Cell> cellsOf(const Step& step)
{
    std::vector<widgets::Cell> cells;
    for (const auto& [i, j] : step.cells)
        cells.push_back({i, j});
    return cells;
}

// The walk's p_ij and the heatmap's are read from the one AttentionResult the driver delivered,
// whichever engine computed it: they agree to rounding.
bool close(double a, double b)
{
    return std::abs(a - b) <= 1e-9;
}

} // namespace

class TestExplorerWalk : public QObject
{
    Q_OBJECT
  private slots:
    void selectingACellRestartsTheWalk_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<int>("head");
        QTest::newRow("rope") << "rope" << 1;
        QTest::newRow("t5") << "t5" << 2;
        QTest::newRow("shaw") << "shaw" << 0;
        QTest::newRow("sinusoidal") << "sinusoidal" << 3;
    }
    void selectingACellRestartsTheWalk()
    {
        QFETCH(QString, scheme);
        QFETCH(int, head);
        MainWindow window;
        window.resize(1400, 900);
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        window.driver()->request(request("The cat sat on the mat", scheme.toStdString()));
        QVERIFY(waitForResult(window, results));
        window.state()->setHead(head); // the walk reads that head's score terms: computed on demand
        QVERIFY(waitForResult(window, results));
        for (auto [i, j] : {std::pair{3, 1}, std::pair{0, 5}, std::pair{4, 4}}) {
            window.state()->setCell(i, j);
            const Walk& walk = window.walkPanel()->view()->walk();
            QCOMPARE(walk.i, i);
            QCOMPARE(walk.j, j);
            QCOMPARE(walk.head, head);
            QCOMPARE(walk.scheme, scheme.toStdString());
            const auto& shown = window.heatmapPanel()->view()->data();
            QCOMPARE(shown.rows, 6);
            const double heatmap = shown.at(i, j);
            QVERIFY2(close(walk.prob, heatmap),
                     qPrintable(QStringLiteral("%1 vs %2").arg(walk.prob).arg(heatmap)));
            // The last step states that same p_ij.
            const Quantity& last = walk.steps.back().results.back();
            QCOMPARE(QString::fromStdString(last.name), QStringLiteral("p_ij"));
            QVERIFY(close(last.value(0, 0), heatmap));
        }
        // A new head is a new walk for the same cell.
        window.state()->setHead(0);
        QVERIFY(waitForResult(window, results));
        QCOMPARE(window.walkPanel()->view()->walk().head, 0);
    }

    void clickingAHeatmapCellStartsItsWalk()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        window.driver()->request(request("The cat sat", "alibi"));
        QVERIFY(waitForResult(window, results));
        QVERIFY(!window.walkPanel()->hint().isEmpty()); // "Click a heatmap cell …"
        QCOMPARE(window.walkPanel()->view()->stepCount(), 0);
        widgets::HeatmapView* view = window.heatmapPanel()->view();
        view->plot()->replot();
        const QPoint pixel(int(view->plot()->xAxis->coordToPixel(0.0)),
                           int(view->plot()->yAxis->coordToPixel(2.0)));
        QSignalSpy steps(window.walkPanel()->view(), &widgets::WalkView::stepChanged);
        QTest::mouseClick(view->plot(), Qt::LeftButton, {}, pixel);
        QCOMPARE(window.walkPanel()->view()->walk().i, 2);
        QCOMPARE(window.walkPanel()->view()->walk().j, 0);
        QVERIFY(window.walkPanel()->view()->stepCount() > 3);
        QVERIFY(steps.count() >= 1);
    }

    void highlightsReachTheViews()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        window.driver()->request(request("one two three four five", "shaw"));
        QVERIFY(waitForResult(window, results));
        window.state()->setCell(3, 1);
        widgets::WalkView* walk = window.walkPanel()->view();
        widgets::HeatmapView* heatmap = window.heatmapPanel()->view();
        widgets::DeltaCurveView* curve = window.deltaCurvePanel()->view();
        QSignalSpy cells(walk, &widgets::WalkView::cellsHighlighted);
        bool sawCells = false, sawDeltas = false, sawRow = false;
        for (int k = walk->stepCount() - 1; k >= 0; --k) {
            walk->setStep(k);
            const Step& step = walk->walk().steps[std::size_t(k)];
            QCOMPARE(heatmap->highlightedTokens(), cellsOf(step));
            QCOMPARE(curve->highlightedDeltas(), step.deltas);
            sawCells |= !step.cells.empty();
            sawDeltas |= !step.deltas.empty();
            // The softmax step highlights all of row i as one outline.
            if (step.cells.size() == 5) {
                QCOMPARE(heatmap->highlightOutlineCount(), 1);
                sawRow = true;
            }
        }
        QVERIFY(sawCells && sawDeltas && sawRow);
        QVERIFY(cells.count() >= walk->stepCount() - 1);
        // Hiding the panel takes its highlights away; showing it brings them back.
        window.setWalkPanelVisible(false);
        QVERIFY(heatmap->highlightedTokens().empty());
        QVERIFY(curve->highlightedDeltas().empty());
        window.setWalkPanelVisible(true);
        QCOMPARE(heatmap->highlightedTokens(), cellsOf(walk->walk().steps[0]));
    }

    void highlightRunsMergeAdjacentCells()
    {
        widgets::HeatmapData data;
        data.rows = data.cols = 8;
        data.values.assign(64, 0.5);
        using widgets::Cell;
        using widgets::CellRun;
        const auto runs =
            widgets::highlightRuns(data, {{2, 3}, {2, 1}, {2, 2}, {5, 7}, {2, 5}, {2, 3}, {9, 9}});
        const std::vector<CellRun> expected{{2, 1, 3}, {2, 5, 5}, {5, 7, 7}};
        QCOMPARE(runs, expected);
        // Pooled 2 × 2: tokens (4, 4) and (5, 5) are one display cell.
        data.rows = data.cols = 4;
        data.values.assign(16, 0.5);
        data.rowStep = data.colStep = 2;
        data.fullRows = data.fullCols = 8;
        QCOMPARE(widgets::highlightRuns(data, {{4, 4}, {5, 5}, {4, 6}}), (std::vector<CellRun>{{2, 2, 3}}));
        QCOMPARE(widgets::highlightRuns(data, {{0, 0}, {2, 2}, {4, 4}}, 2).size(), std::size_t(2));
    }

    void seedExampleShowsTheSeedWalk()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        window.driver()->request(request("The cat sat on the mat", "rope"));
        QVERIFY(waitForResult(window, results));
        window.setWalkPanelVisible(false);
        results.clear();

        window.seedExampleAction()->trigger();
        QVERIFY(waitForResult(window, results));
        QVERIFY(window.errorText().isEmpty());
        QCOMPARE(window.state()->row(), 1);
        QCOMPARE(window.state()->col(), 4);
        QCOMPARE(window.driver()->lastRequest().scheme, std::string("seed-linear"));
        QCOMPARE(window.driver()->lastRequest().positions, 6);
        QCOMPARE(results.constLast().constFirst().value<LabResult>().n, 6);
        QVERIFY(window.walkPanel()->isVisible());
        QVERIFY(window.walkPanel()->showsSeedWalk());

        const Walk seed = seedArticleWalk();
        widgets::WalkView* view = window.walkPanel()->view();
        QCOMPARE(view->walk().title, seed.title);
        QCOMPARE(view->stepCount(), 7);
        QCOMPARE(view->currentStep(), 0);
        auto* list = view->findChild<QListWidget*>(QStringLiteral("walkSteps"));
        QCOMPARE(list->count(), 7);
        int flagged = 0;
        for (int k = 0; k < 7; ++k) {
            const bool isFlagged = seed.steps[std::size_t(k)].flagged;
            QCOMPARE(view->walk().steps[std::size_t(k)].title, seed.steps[std::size_t(k)].title);
            QCOMPARE(list->item(k)->data(Qt::UserRole).toBool(), isFlagged);
            QCOMPARE(list->item(k)->text().contains(QStringLiteral("\u26a0")), isFlagged);
            flagged += isFlagged;
        }
        QVERIFY(flagged >= 3);
        // The seed walk's first step highlights (1, 4) on the 6 × 6 heatmap.
        QCOMPARE(window.heatmapPanel()->view()->data().rows, 6);
        QCOMPARE(window.heatmapPanel()->view()->highlightedTokens(), cellsOf(seed.steps[0]));

        // Another cell: the model's own walk for it.
        window.state()->setCell(2, 5);
        QVERIFY(!window.walkPanel()->showsSeedWalk());
        QCOMPARE(view->walk().scheme, std::string("seed-linear"));
        QCOMPARE(view->walk().i, 2);
    }

    void everyLessonSetsUpWhatItNames()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        LessonsPanel* panel = window.lessonsPanel();
        QVERIFY(panel->errorText().isEmpty());
        QCOMPARE(panel->view()->lessonCount(), int(builtinLessons().size()));
        QVERIFY(panel->lessons().size() >= 7);
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        QSignalSpy failures(window.driver(), &Driver::failed);
        for (int k = 0; k < int(panel->lessons().size()); ++k) {
            const Lesson& lesson = panel->lessons()[std::size_t(k)];
            const SessionSetup& s = lesson.setup;
            results.clear();
            QVERIFY(panel->openLesson(k));
            QVERIFY2(waitForResult(window, results), qPrintable(lesson.id));
            QVERIFY2(failures.isEmpty(), qPrintable(lesson.id));
            QVERIFY2(window.errorText().isEmpty(), qPrintable(window.errorText()));
            QCOMPARE(panel->view()->currentLesson(), k);
            const LabRequest& r = window.driver()->lastRequest();
            QCOMPARE(QString::fromStdString(r.scheme), s.scheme);
            QCOMPARE(r.model.heads, s.model.heads);
            const LabResult result = results.constLast().constFirst().value<LabResult>();
            QCOMPARE(result.n, s.hasText() ? int(result.labels.size()) : s.n);
            const View expected = s.view == QLatin1String("explain") ? View::Heatmap : [&] {
                View v = View::Heatmap;
                parseView(s.view, &v);
                return v;
            }();
            QCOMPARE(window.state()->view(), expected);
            QCOMPARE(window.state()->matrix(), s.what);
            QCOMPARE(window.state()->head(), s.head);
            QCOMPARE(window.state()->row(), s.cellI);
            QCOMPARE(window.state()->col(), s.cellJ);
            if (s.range > 0) QCOMPARE(window.state()->deltaRange(), s.range);
            if (s.walk == QLatin1String("seed-article")) {
                QVERIFY(window.walkPanel()->showsSeedWalk());
                QVERIFY(window.walkPanel()->isVisible());
            } else if (s.cellI >= 0) {
                QCOMPARE(window.walkPanel()->view()->walk().i, s.cellI);
                QCOMPARE(window.walkPanel()->view()->walk().j, s.cellJ);
                QCOMPARE(QString::fromStdString(window.walkPanel()->view()->walk().scheme), s.scheme);
            }
        }
    }

    void commandLineExplainAndLesson()
    {
        CommandLine c = parseCommandLine({"poslab", "--view", "explain", "--select", "2,1"});
        QCOMPARE(c.action, CommandLine::Action::Run);
        QVERIFY(c.options.explain);
        QCOMPARE(c.options.view, View::Heatmap);
        QCOMPARE(c.options.request.cellI, 2);
        c = parseCommandLine({"poslab", "--lesson", "rope"});
        QCOMPARE(c.action, CommandLine::Action::Run);
        QCOMPARE(c.options.lesson, QStringLiteral("rope"));
        c = parseCommandLine({"poslab", "--lesson", "nope"});
        QCOMPARE(c.action, CommandLine::Action::Error);
        QVERIFY(c.message.contains(QStringLiteral("seed-article")));
    }

    void explainScreenshotShowsThePanel()
    {
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("explain.png"));
        QProcess process;
        process.start(QStringLiteral(POSLAB_EXE),
                      {QStringLiteral("--screenshot"), png, QStringLiteral("--scheme"),
                       QStringLiteral("rope"), QStringLiteral("--view"), QStringLiteral("explain"),
                       QStringLiteral("--select"), QStringLiteral("3,1")});
        QVERIFY(process.waitForFinished(kTimeoutMs));
        QCOMPARE(process.exitCode(), 0);
        const QImage image(png);
        QCOMPARE(image.size(), QSize(1400, 900));
        // The right third holds the walk: not blank.
        const QImage right = image.copy(1000, 100, 380, 700).convertToFormat(QImage::Format_Grayscale8);
        QSet<int> levels;
        for (int y = 0; y < right.height(); y += 3)
            for (int x = 0; x < right.width(); x += 3)
                levels.insert(right.pixelColor(x, y).value());
        QVERIFY(levels.size() > 8);
    }
};

POSLAB_GUI_TEST(TestExplorerWalk)
#include "tst_explorerwalk.moc"
