// The QA pass's findings, one test each: long sequences without score terms, errors that keep the
// picture, signed pooling, λ without content, the compare view's kinds and layout, the Δ-curve's legend.
#include "guirequest.h"
#include "guitest.h"
#include "layoutcheck.h"

#include "commandline.h"
#include "comparepanel.h"
#include "deltacurveview.h"
#include "driver.h"
#include "explorerstate.h"
#include "heatmappanel.h"
#include "heatmapview.h"
#include "mainwindow.h"
#include "schemepanel.h"
#include "sequencepanel.h"
#include "sessionbridge.h"
#include "viewdata.h"
#include "walkpanel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEventLoop>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include "qcp.h"

#include <cmath>
#include <limits>

using namespace poslab;
using namespace poslab::gui;

namespace {

constexpr int kTimeoutMs = 60'000;

using poslab::test::computeAll;
using poslab::test::request;

// Waits for the next result or failure without keeping either (results at n = 5000 hold 1.6 GB).
bool settle(Driver* driver)
{
    QEventLoop loop;
    QTimer::singleShot(kTimeoutMs, &loop, [&loop] { loop.exit(1); });
    QObject::connect(driver, &Driver::resultAvailable, &loop, [&loop] { loop.exit(0); });
    QObject::connect(driver, &Driver::failed, &loop, [&loop] { loop.exit(0); });
    return loop.exec() == 0;
}

LabResult labelled(int n, bool causal = false)
{
    LabResult r;
    r.n = n;
    r.request.model.causal = causal;
    for (int k = 0; k < n; ++k)
        r.labels.push_back(std::to_string(k));
    return r;
}

} // namespace

class TestQaFixes : public QObject
{
    Q_OBJECT
  private slots:
    // 1. Between n = 4097 and the streaming threshold: every head's probabilities, no score terms.
    void scoreTermsAboveTheirLimitAreLeftOut()
    {
        LabRequest r;
        r.positions = 5000;
        r.scheme = "rope";
        r.matrix = "content-content"; // would ask the engine for every head's terms
        const LabResult result = computeAll(r);
        QVERIFY(result.isValid() && !result.isPooled());
        QVERIFY(result.has("probs", 3) && result.has("logits", 0));
        QVERIFY(!result.termsFit() && !result.canExplain(0));
        const QString notice = QString::fromStdString(result.notice);
        QVERIFY2(notice.contains(QStringLiteral("4096")) && !notice.contains(u'\n'), qPrintable(notice));
    }

    void longSequenceWithoutTermsShowsTheRestAndSaysWhy()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.setWalkPanelVisible(true);
        window.show();
        window.state()->setMatrix(QStringLiteral("content-content"));
        window.state()->setCell(3, 1);
        LabRequest r;
        r.positions = 5000;
        r.scheme = "alibi";
        window.driver()->request(r);
        QVERIFY(settle(window.driver()));
        QVERIFY2(window.errorText().isEmpty(), qPrintable(window.errorText()));
        QCOMPARE(window.sequencePanel()->tokenCount(), 5000);
        // The term matrix and the worked example say they are unavailable at this n ...
        const widgets::HeatmapData& shown = window.heatmapPanel()->view()->data();
        QVERIFY(shown.isEmpty());
        QVERIFY2(shown.title.contains(QStringLiteral("n \u2264 4096")), qPrintable(shown.title));
        QVERIFY2(window.walkPanel()->hint().contains(QStringLiteral("n \u2264 4096")),
                 qPrintable(window.walkPanel()->hint()));
        // ... and the probabilities are there without another computation.
        const quint64 generation = window.driver()->generation();
        window.state()->setMatrix(QStringLiteral("probs"));
        QCOMPARE(window.driver()->generation(), generation);
        QCOMPARE(window.heatmapPanel()->view()->data().totalRows(), 5000);
        QVERIFY(!window.heatmapPanel()->view()->data().isEmpty());
    }

    void failedRequestKeepsThePictureAndCountsTheTokens()
    {
        MainWindow window;
        window.driver()->request(request("a b c", "alibi"));
        QVERIFY(settle(window.driver()));
        QCOMPARE(window.heatmapPanel()->view()->data().rows, 3);
        QSignalSpy failures(window.driver(), &Driver::failed);
        window.driver()->update([](LabRequest& q) {
            q.text = "a b c d e";
            q.params["no_such_parameter"] = "1";
        });
        QVERIFY(settle(window.driver()));
        QCOMPARE(failures.count(), 1);
        QVERIFY(!window.errorText().isEmpty());
        QCOMPARE(window.heatmapPanel()->view()->data().rows, 3); // the last good picture stays
        QCOMPARE(window.sequencePanel()->tokenCount(), 5);       // the tokens of what was asked
    }

    // 3. A signed matrix pooled by max keeps the sign of the value of largest magnitude.
    void signedMatricesPoolByLargestMagnitude()
    {
        const LabResult result = labelled(8);
        Eigen::MatrixXd m = Eigen::MatrixXd::Constant(8, 8, -5.0);
        for (int r = 0; r < 8; r += 2)
            for (int c = 0; c < 8; c += 2)
                m(r, c) = 1.0; // a small positive value in every 2 × 2 block
        m(7, 7) = 7.0;         // larger than |−5|: that block is positive
        HeatmapOptions options;
        options.capacity = QSize(4, 4);
        const widgets::HeatmapData d = heatmapOf(m, QStringLiteral("logits"), result, options);
        QCOMPARE(d.rows, 4);
        QCOMPARE(d.at(0, 0), -5.0);
        QCOMPARE(d.at(2, 1), -5.0);
        QCOMPARE(d.at(3, 3), 7.0);
        QCOMPARE(d.pooling, QStringLiteral("max |\u00b7|"));
        QVERIFY2(d.title.contains(QStringLiteral("max |\u00b7| of 2\u00d72")), qPrintable(d.title));
        QVERIFY(widgets::describeCell(d, {0, 0}).endsWith(QStringLiteral(": max |\u00b7| -5")));

        // Probabilities keep plain max; mean stays the mean for both.
        const Eigen::MatrixXd p = (m.array() + 5.0) / 12.0;
        const widgets::HeatmapData probs = heatmapOf(p, QStringLiteral("probs"), result, options);
        QCOMPARE(probs.pooling, QStringLiteral("max"));
        QCOMPARE(probs.at(0, 0), 0.5);
        options.pooling = Pooling::Mean;
        const widgets::HeatmapData mean = heatmapOf(m, QStringLiteral("bias"), result, options);
        QCOMPARE(mean.pooling, QStringLiteral("mean"));
        QCOMPARE(mean.at(0, 0), (1.0 - 3 * 5.0) / 4);
    }

    // 4. λ does nothing without content: the control is off, shows what runs and says why.
    void lambdaIsOffForBarePositions()
    {
        MainWindow window;
        LabRequest r;
        r.positions = 6;
        r.scheme = "alibi";
        r.model.lambda = 0.8;
        window.driver()->request(r);
        QVERIFY(settle(window.driver()));
        QDoubleSpinBox* lambda = window.schemePanel()->lambdaField();
        QVERIFY(!lambda->isEnabled());
        QCOMPARE(lambda->value(), 0.0);
        QVERIFY2(lambda->toolTip().contains(QStringLiteral("bare positions")), qPrintable(lambda->toolTip()));
        QCOMPARE(sessionFromExplorer(window.driver()->lastRequest(), *window.state()).model.lambda, 0.0);
        // Text brings content, and the λ typed before.
        window.driver()->update([](LabRequest& q) {
            q.positions = 0;
            q.text = "a b";
        });
        QVERIFY(lambda->isEnabled());
        QCOMPARE(lambda->value(), 0.8);
    }

    // 5. seed-linear with its default learned PE is absolute + relative, in the compare view too.
    void compareNamesTheInstancesKind()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.state()->setView(View::Compare);
        LabRequest r = request("a b c d", "seed-linear");
        r.compare = true;
        window.driver()->request(r);
        QVERIFY(settle(window.driver()));
        QVERIFY2(window.comparePanel()->headingA().contains(QStringLiteral("(absolute + relative)")),
                 qPrintable(window.comparePanel()->headingA()));
        QVERIFY(window.comparePanel()->headingB().contains(QStringLiteral("(absolute)")));
        QVERIFY(window.schemePanel()->schemeBox()->toolTip().contains(QStringLiteral("absolute + relative")));
    }

    // 7. The three compare maps start at the same height although only one title wraps, and never
    // get narrower than a readable map (36 tokens of Chinese at 1280 × 800).
    void compareMapsStayAlignedAndReadable()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.state()->setView(View::Compare);
        LabRequest r =
            request("我们今天在公园里看到了一只非常可爱的小猫它正在阳光下睡觉旁边还有几个孩子", "alibi");
        r.tokenizer = TokenizerMode::Char;
        r.compare = true;
        window.driver()->request(r);
        QVERIFY(settle(window.driver()));
        QCOMPARE(window.sequencePanel()->tokenCount(), 36);
        ComparePanel* compare = window.comparePanel();
        auto top = [](widgets::HeatmapView* v) { return v->plot()->axisRect()->top(); };
        // Titles span a map and its colour scale (issue 13), so they wrap alike; the maps' tops align
        // whatever each title's lines.
        QTRY_VERIFY(compare->viewB()->titleLines() >= 1);
        compare->viewA()->plot()->replot(QCustomPlot::rpImmediateRefresh);
        compare->viewB()->plot()->replot(QCustomPlot::rpImmediateRefresh);
        compare->viewDiff()->plot()->replot(QCustomPlot::rpImmediateRefresh);
        QCOMPARE(top(compare->viewA()), top(compare->viewB()));
        QCOMPARE(top(compare->viewB()), top(compare->viewDiff()));
        // Readable: every map an inch or more (the layout check's measure, issue 13 item 1), and nothing
        // behind a sideways scroll bar (the 240 px column minimum that ensured width made one).
        for (auto* v : {compare->viewA(), compare->viewB(), compare->viewDiff()})
            QVERIFY2(v->plot()->axisRect()->width() >= 96,
                     qPrintable(QString::number(v->plot()->axisRect()->width())));
        for (int k = 0; k < 4; ++k) { // the square padding settles over a few replots
            for (auto* v : {compare->viewA(), compare->viewB(), compare->viewDiff()})
                v->plot()->replot();
            QCoreApplication::processEvents();
        }
        const QStringList problems = poslab::test::layoutProblems(&window);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    // 6. The Δ range the help promises, up to 100000, is what the view gets (not clamped to 4096).
    void deltaRangeIsNotClamped()
    {
        const CommandLine c = parseCommandLine({"poslab", "--range", "100000"});
        QCOMPARE(c.action, CommandLine::Action::Run);
        QVERIFY(c.message.isEmpty());
        QVERIFY(parseCommandLine({"poslab", "--help"}).message.contains(QStringLiteral("1 to 100000")));
        MainWindow window;
        window.state()->setDeltaRange(c.options.request.range);
        QCOMPARE(window.state()->deltaRange(), 100'000);
    }

    // 7. The Δ-curve: readable legend names, the legend below the curves, dots clear of the axis ends.
    void curveNamesAreReadable_data()
    {
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("name");
        QTest::newRow("bias") << "bias_head0"
                              << "head 0";
        QTest::newRow("cos") << "cos_pair3" << QStringLiteral("cos(\u03b8\u2083\u0394) pair 3");
        QTest::newRow("cos 12") << "cos_pair12" << QStringLiteral("cos(\u03b8\u2081\u2082\u0394) pair 12");
        QTest::newRow("shaw") << "aK_norm" << QStringLiteral("\u2016a^K\u2016");
        QTest::newRow("sinusoidal") << "pe_dot" << QStringLiteral("PE_i\u00b7PE_{i+\u0394}");
        QTest::newRow("transformer-xl") << "d_head2"
                                        << "(d) head 2";
        QTest::newRow("unknown stays") << "value"
                                       << "value";
    }
    void curveNamesAreReadable()
    {
        QFETCH(QString, column);
        QFETCH(QString, name);
        QCOMPARE(curveSeriesName(column.toStdString()), name);
    }

    void deltaCurveLegendSitsBelowTheCurves()
    {
        const LabResult result = computeAll(request("a b c d e f", "alibi"));
        widgets::CurvePlotData data = curveFor(result, 0, 8, std::numeric_limits<double>::quiet_NaN());
        QCOMPARE(data.series.size(), std::size_t(4));
        QCOMPARE(data.series[1].name, QStringLiteral("head 1"));
        data.title = QStringLiteral("Rotary position embedding (RoPE) \u00b7 \u0394-curve and mean attention "
                                    "of head 0, a title far wider than the plot");
        widgets::DeltaCurveView view;
        view.resize(420, 420);
        view.setData(data);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.plot()->replot(QCustomPlot::rpImmediateRefresh);
        QCPLegend* legend = view.plot()->legend;
        QVERIFY(legend->visible());
        QVERIFY(!legend->outerRect().intersects(view.plot()->axisRect()->rect()));
        QVERIFY(legend->outerRect().top() >= view.plot()->axisRect()->rect().bottom());
        auto* title = qobject_cast<QCPTextElement*>(view.plot()->plotLayout()->element(0, 0));
        QVERIFY(title && title->text().contains(u'\n')); // wrapped, not cut at both ends
        // The lowest mean attention is ≥ 0: the right axis starts a little below it.
        QVERIFY(view.plot()->yAxis2->range().lower < 0.0);
    }
};

POSLAB_GUI_TEST(TestQaFixes)
#include "tst_qafixes.moc"
