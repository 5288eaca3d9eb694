#include "guirequest.h"
#include "guitest.h"

#include "commandline.h"
#include "comparepanel.h"
#include "driver.h"
#include "explorerstate.h"
#include "headgridview.h"
#include "headspanel.h"
#include "heatmappanel.h"
#include "heatmapview.h"
#include "mainwindow.h"
#include "schemepanel.h"
#include "sequencepanel.h"

#include <attentionbound.h>
#include <engine/onednnengine.h>
#include <error.h>
#include <lab.h>
#include <resultpool.h>
#include <scheme.h>

#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QImage>
#include <QProcess>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QCheckBox>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "qcp.h"

#include <cmath>

using namespace poslab;
using namespace poslab::gui;

namespace {

constexpr int kTimeoutMs = 20'000;
const char kSentence[] = "The cat sat on the mat because the mat was warm.";

// What core says for the same settings, computed here on the test thread.
Table expectedTable(const std::string& text, const std::string& scheme, What what, int head, bool causal)
{
    LabRequest request;
    request.text = text;
    request.scheme = scheme;
    request.model.causal = causal;
    request.matrix = whatName(what);
    request.head = head;
    // What `poslab-cli compute` prints by default: the oneDNN engine in fp32, as the GUI runs it.
    request.engine = EngineKind::OneDnn;
    return Lab().table(request);
}

// How far two f32 runs of the same request may lie apart: each within the engine's bound of the
// exact values (attentionbound.h), so within twice that; integer matrices (bucket, Δ) exactly.
Eigen::MatrixXd expectedBound(const std::string& text, const std::string& scheme, What what, int head,
                              bool causal)
{
    ModelConfig model;
    model.causal = causal;
    const auto s = makeScheme(scheme, {}, model);
    const Sequence seq = Sequence::fromText(text, TokenizerMode::Word);
    const AttentionResult exact = referenceAttention(*s, seq);
    const test::HeadBound b = test::headBound(makePlan(*s, seq), head, exact.heads[head], {});
    switch (what) {
    case What::Probs:
        return 2 * b.probs;
    case What::Logits:
        return 2 * b.logits;
    case What::Bias:
        return 2 * b.bias;
    default:
        return Eigen::MatrixXd::Zero(seq.size(), seq.size());
    }
}

void compareWithCore(const widgets::HeatmapData& shown, const Table& table, const Eigen::MatrixXd& bound)
{
    QCOMPARE(std::size_t(shown.rows), table.rows());
    QCOMPARE(std::size_t(shown.cols), table.cols());
    QCOMPARE(std::size_t(bound.size()), table.data.size());
    QVERIFY(!shown.isPooled());
    for (std::size_t k = 0; k < table.data.size(); ++k) {
        const double a = shown.values[k], b = table.data[k];
        const double tolerance = bound(Eigen::Index(k / table.cols()), Eigen::Index(k % table.cols()));
        if (std::isfinite(b))
            QVERIFY2(std::abs(a - b) <= tolerance, qPrintable(QString::number(k)));
        else
            QVERIFY(!std::isfinite(a));
    }
    QCOMPARE(shown.rowLabels.size(), qsizetype(table.tokens.size()));
    for (std::size_t k = 0; k < table.tokens.size(); ++k)
        QCOMPARE(shown.rowLabels[qsizetype(k)], QString::fromStdString(table.tokens[k]));
}

using poslab::test::computeAll;
using poslab::test::request;

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
  private slots:
    void heatmapShowsWhatCoreComputes_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<QString>("matrix");
        QTest::addColumn<int>("what");
        QTest::addColumn<int>("head");
        QTest::addColumn<bool>("causal");
        QTest::newRow("rope probs head 1") << "rope"
                                           << "probs" << int(What::Probs) << 1 << false;
        QTest::newRow("alibi logits causal") << "alibi"
                                             << "logits" << int(What::Logits) << 2 << true;
        QTest::newRow("t5 bias head 3") << "t5"
                                        << "bias" << int(What::Bias) << 3 << false;
        QTest::newRow("t5 bucket") << "t5"
                                   << "bucket" << int(What::Bucket) << 0 << false;
        QTest::newRow("shaw delta") << "shaw"
                                    << "delta" << int(What::Delta) << 0 << false;
    }
    void heatmapShowsWhatCoreComputes()
    {
        QFETCH(QString, scheme);
        QFETCH(QString, matrix);
        QFETCH(int, what);
        QFETCH(int, head);
        QFETCH(bool, causal);
        MainWindow window;
        window.resize(1400, 900);
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        // Through the panels, as a user would: text, scheme, mask, then the view's choices.
        window.sequencePanel()->setText(QString::fromUtf8(kSentence));
        window.schemePanel()->setScheme(scheme);
        window.driver()->update([causal](LabRequest& r) { r.model.causal = causal; });
        window.state()->setHead(head);
        QTRY_VERIFY_WITH_TIMEOUT(!window.driver()->isBusy() && !results.isEmpty(), kTimeoutMs);
        window.state()->setMatrix(matrix); // the bias is computed when it is shown
        QTRY_VERIFY_WITH_TIMEOUT(!window.driver()->isBusy(), kTimeoutMs);
        QVERIFY(window.errorText().isEmpty());
        QCOMPARE(window.sequencePanel()->tokenCount(), 12);
        compareWithCore(window.heatmapPanel()->view()->data(),
                        expectedTable(kSentence, scheme.toStdString(), What(what), head, causal),
                        expectedBound(kSentence, scheme.toStdString(), What(what), head, causal));
    }

    void termsAreOfferedPerScheme()
    {
        MainWindow window;
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        window.driver()->request(request("a b c", "transformer-xl"));
        QVERIFY(results.wait(kTimeoutMs));
        const QStringList names = window.heatmapPanel()->matrixChoices();
        QVERIFY(names.contains(QStringLiteral("content-content")));
        QVERIFY(names.contains(QStringLiteral("(d) global position bias")));
        QVERIFY(!names.contains(QStringLiteral("bucket")));
        window.driver()->request(request("a b c", "t5"));
        QVERIFY(results.wait(kTimeoutMs));
        QVERIFY(window.heatmapPanel()->matrixChoices().contains(QStringLiteral("bucket")));
    }

    void hoverTextOfAKnownCell()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        window.driver()->request(request("The cat sat", "t5"));
        QVERIFY(results.wait(kTimeoutMs));
        widgets::HeatmapView* view = window.heatmapPanel()->view();
        view->plot()->replot();
        const QPoint pixel(int(view->plot()->xAxis->coordToPixel(1.0)),
                           int(view->plot()->yAxis->coordToPixel(2.0)));
        QTest::mouseMove(view->plot(), pixel);
        QTRY_COMPARE(view->hoveredCell(), (widgets::Cell{2, 1}));
        const Table probs = expectedTable("The cat sat", "t5", What::Probs, 0, false);
        const Table bucket = expectedTable("The cat sat", "t5", What::Bucket, 0, false);
        const QString expected =
            QStringLiteral("i = 2 \u201csat\u201d, j = 1 \u201ccat\u201d, \u0394 = -1: %1 \u00b7 bucket %2")
                .arg(QString::number(probs.at(2, 1), 'g', 6))
                .arg(static_cast<long long>(bucket.at(2, 1)));
        QCOMPARE(view->hoverText(), expected);
        QCOMPARE(window.heatmapPanel()->readout(), expected);

        // A click selects the cell for every view.
        QSignalSpy cells(window.state(), &ExplorerState::cellChanged);
        QTest::mouseClick(view->plot(), Qt::LeftButton, {}, pixel);
        QCOMPARE(cells.count(), 1);
        QCOMPARE(window.state()->row(), 2);
        QCOMPARE(window.state()->col(), 1);
    }

    void largeSequencesAreDownsampledToThePixels()
    {
        MainWindow window;
        window.resize(1000, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        LabRequest r = request("", "alibi");
        r.tokenizer = TokenizerMode::Char;
        r.text = std::string(900, 'x');
        window.driver()->request(r);
        QVERIFY(results.wait(kTimeoutMs));
        const auto& d = window.heatmapPanel()->view()->data();
        const QSize capacity = window.heatmapPanel()->view()->cellCapacity();
        QVERIFY(d.isPooled());
        QVERIFY(d.cols <= capacity.width() && d.rows <= capacity.height());
        QCOMPARE(d.totalRows(), 900);
        QVERIFY(d.title.contains(QStringLiteral("max of")));
    }

    void invalidCombinationsShowCoresErrorInline_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<int>("dModel");
        QTest::addColumn<int>("heads");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("not divisible") << "alibi" << 30 << 4 << "not divisible";
        QTest::newRow("odd rope head") << "rope" << 28 << 4 << "even";
    }
    void invalidCombinationsShowCoresErrorInline()
    {
        QFETCH(QString, scheme);
        QFETCH(int, dModel);
        QFETCH(int, heads);
        QFETCH(QString, fragment);
        MainWindow window;
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        QSignalSpy failures(window.driver(), &Driver::failed);
        window.driver()->request(request("a b c", scheme.toStdString()));
        QVERIFY(results.wait(kTimeoutMs));
        window.driver()->update([&](LabRequest& r) {
            r.model.dModel = dModel;
            r.model.heads = heads;
        });
        QVERIFY(failures.wait(kTimeoutMs));
        QVERIFY2(window.errorText().contains(fragment), qPrintable(window.errorText()));
        QVERIFY(!window.errorText().contains(u'\n'));
        // Issue 13: the status bar names the error too, not just "error".
        QVERIFY2(window.statsText().contains(fragment), qPrintable(window.statsText()));
        QCOMPARE(window.heatmapPanel()->view()->data().rows, 3); // the last good result stays
    }

    // Issue 13, defect 7: with bare positions λ is greyed at 0 and "Positions only (λ = 0)" agrees.
    void barePositionsTickPositionsOnly()
    {
        MainWindow window;
        LabRequest r;
        r.positions = 64;
        window.driver()->request(r);
        auto* box = window.sequencePanel()->findChild<QCheckBox*>();
        QVERIFY(box);
        QVERIFY(box->isChecked());
        QVERIFY(!box->isEnabled());
        window.sequencePanel()->setText(QStringLiteral("typed text has content"));
        QVERIFY(!box->isChecked());
        QVERIFY(box->isEnabled());
    }

    void longSequencesAreStreamedAndPooled()
    {
        LabRequest r;
        r.positions = 6000; // 8 heads' probabilities, logits and one head's terms: ~5 GiB
        r.model.heads = 8;
        r.scheme = "alibi";
        r.head = 3;
        const LabResult result = computeAll(r);
        QVERIFY(result.isPooled());
        QVERIFY(!result.isValid()); // no n × n matrix exists
        QCOMPARE(result.n, 6000);
        const PooledProbs& p = *result.pooled;
        QCOMPARE(p.head, 3);
        QCOMPARE(p.mode, PoolMode::Max);
        QCOMPARE(p.grid.rows(), Eigen::Index(1000)); // whole cells of 6 tokens, not 1024 of 5.86
        QCOMPARE(p.edges.size(), std::size_t(1001));
        QCOMPARE(p.edges[1], 6);
        QCOMPARE(p.edges.back(), 6000);
        const QString notice = QString::fromStdString(result.notice);
        QVERIFY2(notice.contains(QStringLiteral("n = 6000: probabilities streamed and max-pooled into 1000 "
                                                "\u00d7 1000 cells of 6 \u00d7 6 tokens")),
                 qPrintable(notice));
        QVERIFY(!notice.contains(u'\n'));
        // Max pooling of probabilities: every row of a cell sums to 1, so the largest entry of a row
        // block is at least 1/n and at most 1.
        for (int a = 0; a < 1000; a += 97) {
            const double rowMax = p.grid.row(a).maxCoeff();
            QVERIFY(rowMax >= 1.0 / 6000 && rowMax <= 1.0);
        }
        r.pool.mode =
            PoolMode::Mean; // mean of a row block of 6 rows: each row of it sums to 1 over 6000 keys
        const LabResult mean = computeAll(r);
        // within the f32 engine's row-sum bound (attentionbound.h), each p̂ also summed in its cell
        // (6 keys, then 6 rows), then these 1000 cells in double
        const double tolerance = test::rowSumBound(6000, 0, 12) + test::gamma(1001, test::kUnitF64);
        QVERIFY2(std::abs(mean.pooled->grid.row(500).sum() * 6 - 1.0) <= tolerance,
                 qPrintable(QString::number(mean.pooled->grid.row(500).sum() * 6 - 1.0)));

        r.positions = 600; // ~55 MiB: every matrix as usual
        const LabResult small = computeAll(r);
        QVERIFY(small.isValid() && !small.isPooled());
        QCOMPARE(small.n, 600);
        QVERIFY(small.has("probs", 7) && small.has("logits", 7));
        QVERIFY(!small.has("bias", 0));                       // only when shown
        QVERIFY(small.canExplain(3) && !small.canExplain(2)); // the head shown has its terms
    }

    void resultBuffersAreReusedOnceReleased()
    {
        Lab lab;
        LabRequest r = request("a b c d", "rope");
        LabResult first = computeAll(lab, r);
        const AttentionResult* buffer = first.run.attention.get();
        r.model.seed = 1;
        const LabResult second = computeAll(lab, r); // `first` is still shown
        QVERIFY(second.run.attention.get() != buffer);
        first = {}; // the views let go of it
        r.model.seed = 2;
        const LabResult third = computeAll(lab, r);
        QCOMPARE(third.run.attention.get(), buffer);
        // Same numbers as a fresh computation: nothing of the old run is left in the reused buffer.
        const LabResult fresh = computeAll(r); // another Lab
        QVERIFY(third.run.attention->heads[1].probs == fresh.run.attention->heads[1].probs);
        QVERIFY(third.run.attention->heads[0].terms.size() == fresh.run.attention->heads[0].terms.size());

        // Results too large to keep idle are never pooled.
        ResultPool pool;
        const std::size_t held = pool.size();
        const auto big = pool.take(8000, 2.0 * ResultPool::kMaxPooledBytes);
        QCOMPARE(pool.size(), held);
    }

    void pooledHeatmapSaysHowAndHoverShowsRanges()
    {
        MainWindow window;
        window.resize(1400, 900);
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        QSignalSpy failures(window.driver(), &Driver::failed);
        LabRequest r = request("", "alibi");
        r.positions = 6000;
        r.model.heads = 8;
        r.model.causal = true;
        window.driver()->request(r);
        QTRY_VERIFY_WITH_TIMEOUT(!window.driver()->isBusy() && !results.isEmpty(), 60'000);
        QCOMPARE(failures.count(), 0);
        QVERIFY(window.errorText().isEmpty());
        QVERIFY2(window.statsText().contains(QStringLiteral("probabilities streamed and max-pooled into "
                                                            "1000 \u00d7 1000 cells of 6 \u00d7 6 tokens")),
                 qPrintable(window.statsText()));
        const widgets::HeatmapData& d = window.heatmapPanel()->view()->data();
        QVERIFY(d.isPooled());
        QVERIFY(d.title.contains(QStringLiteral("max-pooled")));
        QCOMPARE(d.totalRows(), 6000);
        QVERIFY(d.rows <= 1000 && d.rows > 1); // the 1000 cells, pooled again to the pixels there are
        QCOMPARE(int(d.rowEdges.size()), d.rows + 1);
        QCOMPARE(d.rowEdges.back(), 6000);
        // The first cell of the second row: its token ranges, Δ span and the pooled value.
        const int i1 = d.rowStart(2) - 1, j1 = d.colStart(1) - 1;
        const QString hover = widgets::describeCell(d, {1, 0});
        QVERIFY2(hover.startsWith(
                     QStringLiteral("i = %1\u2013%2, j = 0\u2013%3").arg(d.rowStart(1)).arg(i1).arg(j1)),
                 qPrintable(hover));
        QVERIFY2(hover.contains(QStringLiteral(": max ")), qPrintable(hover));
        QVERIFY(d.isMasked(0, d.cols - 1)); // causal: cells wholly above the diagonal are masked
        QCOMPARE(widgets::tokenCell(d, {1, 0}), (widgets::Cell{d.rowStart(1), 0}));
        QCOMPARE(widgets::displayCell(d, {i1, j1}), (widgets::Cell{1, 0}));

        // What needs n × n says so instead of computing it.
        window.state()->setMatrix(QStringLiteral("logits"));
        QVERIFY(!window.driver()->isBusy());
        QVERIFY(window.heatmapPanel()->view()->data().isEmpty());
        QVERIFY(
            window.heatmapPanel()->view()->data().title.contains(QStringLiteral("unavailable at n = 6000")));
        window.state()->setView(View::Heads);
        QCOMPARE(window.headsPanel()->view()->plotCount(), 0);
        window.state()->setView(View::Compare);
        QTRY_VERIFY_WITH_TIMEOUT(!window.driver()->isBusy(), 60'000);
        QVERIFY(!window.comparePanel()->viewA()->data().rows);
        QCOMPARE(failures.count(), 0);

        // Another head is streamed anew.
        window.state()->setView(View::Heatmap);
        window.state()->setMatrix(QStringLiteral("probs"));
        window.state()->setHead(5);
        QVERIFY(window.driver()->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!window.driver()->isBusy(), 60'000);
        QVERIFY(window.heatmapPanel()->view()->data().title.contains(QStringLiteral("head 5")));
    }

    void newerRequestSupersedesOlder()
    {
        MainWindow window;
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        window.driver()->request(request("one two three", "rope"));
        window.sequencePanel()->setText(QStringLiteral("one two three four"));
        window.sequencePanel()->setText(QStringLiteral("one two three four five"));
        QTRY_VERIFY_WITH_TIMEOUT(!window.driver()->isBusy(), kTimeoutMs);
        QTest::qWait(100); // a stale result, if any, would arrive now
        QCOMPARE(results.count(), 1);
        QCOMPARE(window.heatmapPanel()->view()->data().rows, 5);
        QVERIFY(window.statsText().startsWith(QStringLiteral("n = 5 \u00b7 heads 4 \u00b7 ")));
    }

    void newerRequestCancelsTheRunningOne()
    {
        Driver driver;
        driver.setFirstHeadAbove(-1); // one result a request: this times one run being cancelled
        QSignalSpy results(&driver, &Driver::resultAvailable);
        QSignalSpy failures(&driver, &Driver::failed);
        LabRequest big = request(std::string(2048, 'x'), "rope");
        big.tokenizer = TokenizerMode::Char;
        big.model.heads = 8;
        // The big request alone, warm (primitives created, buffers in the pool).
        driver.request(big);
        QVERIFY(results.wait(120'000));
        big.model.seed = 1;
        QElapsedTimer clock;
        clock.start();
        driver.request(big);
        QVERIFY(results.wait(120'000));
        const qint64 bigMs = clock.elapsed();

        results.clear();
        big.model.seed = 2;
        clock.restart();
        driver.request(big);
        QTest::qWait(int(bigMs / 10)); // it is running now
        driver.request(request("a b c", "rope"));
        QVERIFY(results.wait(120'000));
        const qint64 bothMs = clock.elapsed();
        QTest::qWait(50);
        QCOMPARE(results.count(), 1);
        QCOMPARE(results.at(0).at(0).value<LabResult>().n, 3);
        QCOMPARE(failures.count(), 0); // a cancelled run is no error
        qInfo("big request alone %lld ms; big then small, small delivered after %lld ms", bigMs, bothMs);
        QVERIFY2(bothMs < bigMs * 6 / 10, qPrintable(QStringLiteral("%1 vs %2 ms").arg(bothMs).arg(bigMs)));

        // computeAll itself stops when the flag is set, whichever run it is in.
        std::atomic<bool> cancel{true};
        QVERIFY_THROWS_EXCEPTION(Cancelled, computeAll(big, &cancel));
    }

    void quickResultsShowNoBusyIndicator()
    {
        MainWindow window;
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        // Warm, as newerRequestCancelsTheRunningOne: a process's first request of a shape also
        // creates the engine's primitives, which a crowded machine can stretch past the delay.
        window.driver()->request(request("b a", "alibi"));
        QVERIFY(results.wait(kTimeoutMs));
        QSignalSpy busy(window.driver(), &Driver::busyChanged);
        window.driver()->request(request("a b", "alibi"));
        QVERIFY(results.wait(kTimeoutMs));
        QCOMPARE(busy.count(), 0); // well under 100 ms: no spinner flashes
    }

    void slowWorkShowsBusyAndNeverFreezes()
    {
        MainWindow window;
        QSignalSpy busy(window.driver(), &Driver::busyChanged);
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        LabRequest r = request(std::string(2048, 'x'), "alibi");
        r.tokenizer = TokenizerMode::Char;
        r.model.heads = 8;
        int ticks = 0;
        QTimer timer; // the GUI thread keeps running its event loop while core works
        timer.setInterval(10);
        connect(&timer, &QTimer::timeout, this, [&] { ++ticks; });
        timer.start();
        QElapsedTimer clock;
        clock.start();
        window.driver()->request(r);
        QVERIFY(results.wait(120'000));
        const qint64 elapsed = clock.elapsed();
        if (elapsed < 2 * Driver::busyDelayMs) QSKIP("this machine is too fast to see the indicator");
        QCOMPARE(busy.count(), 2); // shown after the delay, hidden with the result
        QCOMPARE(busy.at(0).at(0).toBool(), true);
        QCOMPARE(busy.at(1).at(0).toBool(), false);
        QVERIFY2(ticks >= elapsed / 10 / 3,
                 qPrintable(QStringLiteral("%1 ticks in %2 ms").arg(ticks).arg(elapsed)));
    }

    void parameterFormFollowsTheScheme()
    {
        MainWindow window;
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        window.driver()->request(request("a b c d", "t5"));
        QVERIFY(results.wait(kTimeoutMs));
        SchemePanel* panel = window.schemePanel();
        QCOMPARE(panel->paramCount(), int(describeScheme("t5").params.size()));
        auto* buckets = qobject_cast<QSpinBox*>(panel->paramField(QStringLiteral("num_buckets")));
        QVERIFY(buckets);
        QCOMPARE(buckets->value(), 32);
        QVERIFY(buckets->toolTip().contains(QStringLiteral("number of buckets")));
        buckets->setValue(8);
        QVERIFY(results.wait(kTimeoutMs));
        QCOMPARE(window.driver()->lastRequest().params.at("num_buckets"), std::string("8"));
        panel->setScheme(QStringLiteral("alibi"));
        QVERIFY(results.wait(kTimeoutMs));
        QCOMPARE(panel->paramCount(), 0);
        QVERIFY(window.driver()->lastRequest().params.empty());
    }

    void positionsOnlySetsLambdaToZero()
    {
        MainWindow window;
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        window.driver()->request(request("the cat the dog", "none"));
        QVERIFY(results.wait(kTimeoutMs));
        window.sequencePanel()->setPositionsOnly(true);
        QVERIFY(results.wait(kTimeoutMs));
        // Without content and without positions every score is equal: uniform attention, computed
        // in f32 within the engine's bound of 1/4 (attentionbound.h).
        ModelConfig model;
        model.lambda = 0;
        const auto none = makeScheme("none", {}, model);
        const Sequence seq = Sequence::fromText("the cat the dog", TokenizerMode::Word);
        const Eigen::MatrixXd bound =
            test::headBound(makePlan(*none, seq), 0, referenceAttention(*none, seq).heads[0], {}).probs;
        const auto& d = window.heatmapPanel()->view()->data();
        QCOMPARE(d.values.size(), std::size_t(16));
        for (std::size_t k = 0; k < d.values.size(); ++k)
            QVERIFY(std::abs(d.values[k] - 0.25) <= bound(Eigen::Index(k / 4), Eigen::Index(k % 4)));
        QVERIFY(window.sequencePanel()->chipsText().startsWith(QStringLiteral("0 the \u00b7 1 cat")));
    }

    void nothingIsClippedAt1280By800()
    {
        MainWindow window;
        window.setWalkPanelVisible(true);
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        window.driver()->request(request(kSentence, "rope"));
        QVERIFY(results.wait(kTimeoutMs));
        for (View view : {View::Heatmap, View::Heads, View::DeltaCurve, View::Compare}) {
            window.state()->setView(view);
            QTRY_VERIFY_WITH_TIMEOUT(!window.driver()->isBusy(), kTimeoutMs);
            QApplication::processEvents();
            for (QDockWidget* dock : window.findChildren<QDockWidget*>()) {
                if (dock->isHidden()) continue;
                QVERIFY2(dock->geometry().right() < window.width(), qPrintable(dock->objectName()));
                QVERIFY2(dock->width() >= dock->widget()->minimumSizeHint().width(),
                         qPrintable(dock->objectName()));
            }
            for (QScrollArea* area : window.findChildren<QScrollArea*>())
                if (area->isVisible() && area->widget()->inherits("poslab::gui::SchemePanel"))
                    QVERIFY(!area->horizontalScrollBar()->isVisible());
            QWidget* central = window.centralWidget();
            QVERIFY2(central->width() >= central->minimumSizeHint().width(),
                     qPrintable(QStringLiteral("%1: %2 < %3")
                                    .arg(viewName(view))
                                    .arg(central->width())
                                    .arg(central->minimumSizeHint().width())));
        }
    }

    void barePositionChipsShowTheirNumberOnce()
    {
        MainWindow window;
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        LabRequest r = request("", "alibi");
        r.positions = 4;
        window.driver()->request(r);
        QVERIFY(results.wait(kTimeoutMs));
        QCOMPARE(window.sequencePanel()->chipsText(), QStringLiteral("0 \u00b7 1 \u00b7 2 \u00b7 3"));
    }

    void windowStateIsRememberedWhenAttached()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
        {
            MainWindow window;
            window.attachSettings();
            window.resize(900, 650);
            window.state()->setView(View::DeltaCurve);
            window.close();
        }
        {
            MainWindow window;
            QCOMPARE(window.state()->view(), View::Heatmap); // tests and screenshots never read settings
            window.attachSettings();
            QCOMPARE(window.state()->view(), View::DeltaCurve);
            QCOMPARE(window.size(), QSize(900, 650));
        }
        QSettings::setDefaultFormat(QSettings::NativeFormat);
    }

    void commandLine_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<bool>("ok");
        QTest::newRow("defaults") << QStringList{} << true;
        QTest::newRow("everything") << QStringList{"--text",  "a b",    "--scheme", "rope",      "--matrix",
                                                   "logits",  "--head", "3",        "--causal",  "--size",
                                                   "640x480", "--view", "compare",  "--compare", "alibi",
                                                   "--shift", "5"}
                                    << true;
        QTest::newRow("unknown scheme") << QStringList{"--scheme", "no-such"} << false;
        QTest::newRow("unknown view") << QStringList{"--view", "nope"} << false;
        QTest::newRow("head too large") << QStringList{"--head", "4"} << false;
        QTest::newRow("bad size") << QStringList{"--size", "big"} << false;
        QTest::newRow("unknown option") << QStringList{"--bogus"} << false;
        QTest::newRow("stray argument") << QStringList{"file.txt"} << false;
        QTest::newRow("positions") << QStringList{"--positions", "20000"} << true;
        QTest::newRow("positions and text") << QStringList{"--positions", "9", "--text", "a"} << false;
        QTest::newRow("no positions") << QStringList{"--positions", "0"} << false;
        // --matrix is checked against the scheme, as the matrix box offers it.
        QTest::newRow("unknown matrix") << QStringList{"--matrix", "bogus"} << false;
        QTest::newRow("bucket of rope") << QStringList{"--scheme", "rope", "--matrix", "bucket"} << false;
        QTest::newRow("bucket of txl")
            << QStringList{"--scheme", "transformer-xl", "--matrix", "bucket"} << false;
        QTest::newRow("bucket of t5") << QStringList{"--scheme", "t5", "--matrix", "bucket"} << true;
        QTest::newRow("term of rope")
            << QStringList{"--scheme", "rope", "--matrix", "content-content"} << true;
        QTest::newRow("term rope lacks")
            << QStringList{"--scheme", "rope", "--matrix", "content-position"} << false;
        QTest::newRow("delta") << QStringList{"--matrix", "delta"} << true;
        // Sizes, cells and file types that would be silently changed or ignored.
        QTest::newRow("tiny size") << QStringList{"--size", "10x10"} << false;
        QTest::newRow("smallest size") << QStringList{"--size", "640x480"} << true;
        QTest::newRow("cell past the end") << QStringList{"--select", "50,50"} << false;
        QTest::newRow("last cell") << QStringList{"--select", "11,11"} << true;
        QTest::newRow("cell of positions") << QStringList{"--positions", "60", "--select", "59,0"} << true;
        QTest::newRow("jpeg screenshot") << QStringList{"--screenshot", "x.jpg"} << false;
        QTest::newRow("png screenshot") << QStringList{"--screenshot", "x.PNG"} << true;
        QTest::newRow("largest range") << QStringList{"--range", "100000"} << true;
        QTest::newRow("range too large") << QStringList{"--range", "100001"} << false;
    }
    void commandLine()
    {
        QFETCH(QStringList, args);
        QFETCH(bool, ok);
        const CommandLine c = parseCommandLine(QStringList{QStringLiteral("poslab")} + args);
        QCOMPARE(c.action == CommandLine::Action::Run, ok);
        if (!ok) QVERIFY(!c.message.isEmpty() && !c.message.contains(u'\n'));
    }

    void commandLineValues()
    {
        const CommandLine c =
            parseCommandLine({"poslab", "--text", "a b", "--scheme", "rope", "--matrix", "logits", "--head",
                              "5", "--heads", "8", "--causal", "--view", "delta-curve"});
        QCOMPARE(c.action, CommandLine::Action::Run);
        QCOMPARE(c.options.request.text, std::string("a b"));
        QCOMPARE(c.options.request.scheme, std::string("rope"));
        QCOMPARE(c.options.request.matrix, std::string("logits"));
        QCOMPARE(c.options.request.head, 5);
        QCOMPARE(c.options.request.model.heads, 8);
        QVERIFY(c.options.request.model.causal);
        QCOMPARE(c.options.view, View::DeltaCurve);
        QCOMPARE(parseCommandLine({"poslab"}).options.request.text, std::string(kExampleText));
        const CommandLine bare = parseCommandLine({"poslab", "--positions", "20000"});
        QCOMPARE(bare.options.request.positions, 20000);
        QVERIFY(bare.options.request.text.empty()); // the editor shows no example text for bare positions
    }

    void badArgumentExitsWithTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("unknown scheme") << QStringList{"--scheme", "no-such"};
        QTest::newRow("unknown matrix") << QStringList{"--matrix", "bogus"};
        QTest::newRow("bucket of rope") << QStringList{"--scheme", "rope", "--matrix", "bucket"};
    }
    void badArgumentExitsWithTwo()
    {
        QFETCH(QStringList, args);
        QProcess process;
        process.start(QStringLiteral(POSLAB_EXE), args);
        QVERIFY(process.waitForFinished(30'000));
        QCOMPARE(process.exitCode(), 2);
        const QString err = QString::fromUtf8(process.readAllStandardError()).trimmed();
        QVERIFY2(err.startsWith(QStringLiteral("poslab: error: ")), qPrintable(err));
        QVERIFY(!err.contains(u'\n'));
    }

    // POSLAB_CPU_ISA caps the SIMD kernels; a value it does not know stops the app with one line
    void unknownCpuIsaExitsWithTwo()
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("POSLAB_CPU_ISA"), QStringLiteral("avx3000"));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(POSLAB_EXE), {QStringLiteral("--screenshot"), QStringLiteral("x.png")});
        QVERIFY(process.waitForFinished(30'000));
        QCOMPARE(process.exitCode(), 2);
        const QString err = QString::fromUtf8(process.readAllStandardError()).trimmed();
        QVERIFY2(err.startsWith(QStringLiteral("poslab: error: POSLAB_CPU_ISA")), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("avx3000")), qPrintable(err));
        QVERIFY(!err.contains(u'\n'));
    }
};

POSLAB_GUI_TEST(TestMainWindow)
#include "tst_mainwindow.moc"
