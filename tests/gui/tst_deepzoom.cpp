// Issue 13, item 2 and defect 8: deep zoom of a streamed map. The mapping (view ranges ↔ tokens ↔
// what to compute) with plain numbers, then the explorer zooming into a 65,536-position map down to
// single tokens.

#include "guitest.h"

#include "driver.h"
#include "heatmappanel.h"
#include "heatmapview.h"
#include "heatmapzoom.h"
#include "mainwindow.h"

#include <engine/onednnengine.h>

#include <QSignalSpy>
#include <QTest>

#include "qcp.h"

using namespace poslab;
using namespace poslab::gui;
using namespace poslab::widgets;

namespace {

// A pooled overview: n tokens in `cells` display cells of n / cells tokens a side.
HeatmapData overview(int n, int cells)
{
    HeatmapData d;
    d.rows = d.cols = cells;
    d.values.assign(std::size_t(cells) * cells, 0.5);
    for (int c = 0; c <= cells; ++c)
        d.rowEdges.push_back(int(static_cast<long long>(c) * n / cells));
    d.colEdges = d.rowEdges;
    d.fullRows = d.fullCols = n;
    d.pooling = QStringLiteral("max");
    return d;
}

// A region [begin, end) a side in cells of `step` tokens.
HeatmapData region(int n, int begin, int end, int step)
{
    HeatmapData d;
    for (int e = begin; e < end; e += step)
        d.rowEdges.push_back(e);
    d.rowEdges.push_back(end);
    d.colEdges = d.rowEdges;
    d.rows = d.cols = int(d.rowEdges.size()) - 1;
    d.values.assign(std::size_t(d.rows) * d.cols, 0.5);
    d.fullRows = d.fullCols = n;
    for (int k = 0; k < n; ++k)
        d.rowLabels << QString::number(k);
    d.colLabels = d.rowLabels;
    d.pooling = QStringLiteral("max");
    return d;
}

bool waitFor(QSignalSpy& spy, int ms)
{
    return !spy.isEmpty() || spy.wait(ms);
}

} // namespace

class TestDeepZoom : public QObject
{
    Q_OBJECT
  private slots:
    void tokensOfAView_data()
    {
        QTest::addColumn<double>("lo");
        QTest::addColumn<double>("hi");
        QTest::addColumn<int>("begin");
        QTest::addColumn<int>("end");
        // 1000 tokens in 10 cells of 100: cell c spans [c − ½, c + ½)
        QTest::newRow("whole") << -0.5 << 9.5 << 0 << 1000;
        QTest::newRow("one cell") << 2.5 << 3.5 << 300 << 400;
        QTest::newRow("half cells") << 2.0 << 3.0 << 250 << 350;
        QTest::newRow("zoomed out is clamped") << -5.0 << 20.0 << 0 << 1000;
        QTest::newRow("a sliver is a token") << 4.0 << 4.001 << 450 << 451;
    }
    void tokensOfAView()
    {
        QFETCH(double, lo);
        QFETCH(double, hi);
        QFETCH(int, begin);
        QFETCH(int, end);
        const HeatmapData d = overview(1000, 10);
        const TokenRegion r = visibleTokens(d, {lo, hi}, {hi, lo}); // y reversed on screen: either order
        QCOMPARE(r.keyBegin, begin);
        QCOMPARE(r.keyEnd, end);
        QCOMPARE(r.rowBegin, begin);
        QCOMPARE(r.rowEnd, end);
    }

    void tokensOfARegionBeyondItsCells()
    {
        // a region's cells start at its first token; beyond its cells, the step continues
        const HeatmapData d = region(65536, 61440, 65536, 16); // 256 cells
        QCOMPARE(tokenAt(d, Qt::Horizontal, -0.5), 61440.0);
        QCOMPARE(tokenAt(d, Qt::Horizontal, 255.5), 65536.0);
        QCOMPARE(tokenAt(d, Qt::Horizontal, -1.5), 61424.0);
        const TokenRegion r = visibleTokens(d, {-10.5, 9.5}, {0, 0});
        QCOMPARE(r.keyBegin, 61280);
        QCOMPARE(r.keyEnd, 61600);
        QCOMPARE(r.rowBegin, 61448); // the middle of the first cell: one token
        QCOMPARE(r.rowEnd, 61449);
    }

    void whatAZoomNeeds()
    {
        const QSize screen(500, 500);
        const HeatmapData all = overview(65536, 500); // 131-token cells
        QCOMPARE(zoomNeed(all, {0, 65536, 0, 65536}, screen), ZoomNeed::None);
        QCOMPARE(zoomNeed(all, {0, 30000, 0, 30000}, screen), ZoomNeed::Detail); // 60 < 131
        QCOMPARE(zoomNeed(all, {0, 65000, 0, 65000}, screen), ZoomNeed::None);   // 130: hardly finer
        const HeatmapData tokens = region(65536, 65000, 65536, 1);
        QCOMPARE(zoomNeed(tokens, {65100, 65200, 65100, 65200}, screen), ZoomNeed::None);   // finest
        QCOMPARE(zoomNeed(tokens, {64000, 65536, 65100, 65200}, screen), ZoomNeed::Detail); // outside it
        QCOMPARE(zoomNeed(tokens, {0, 65536, 0, 65536}, screen), ZoomNeed::Overview);
        QCOMPARE(tokensPerCell(region(65536, 61440, 65536, 16), {61440, 61500, 61440, 61500}), 16);
        QCOMPARE(zoomNeed(HeatmapData(), {0, 1, 0, 1}, screen), ZoomNeed::None);
    }

    void hoverSaysTokenRangesThenTokens()
    {
        const HeatmapData coarse = region(65536, 61440, 65536, 16);
        QCOMPARE(describeCell(coarse, {0, 1}),
                 QStringLiteral("i = 61440\u201361455, j = 61456\u201361471, \u0394 = 1\u202631: max 0.5"));
        const HeatmapData fine = region(65536, 65530, 65536, 1);
        QCOMPARE(
            describeCell(fine, {5, 4}),
            QStringLiteral("i = 65535 \u201c65535\u201d, j = 65534 \u201c65534\u201d, \u0394 = -1: 0.5"));
        // tokens outside a region have no display cell
        QVERIFY(!displayCell(fine, {3, 3}).isValid());
        QCOMPARE(displayCell(fine, {65535, 65531}), (Cell{5, 1}));
    }

    // Done means: deep zoom at n = 65,536 reaches single tokens.
    void zoomingIntoALongMapReachesSingleTokens()
    {
        MainWindow window;
        window.resize(1200, 900);
        window.show();
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        QSignalSpy regions(window.driver(), &Driver::regionAvailable);
        LabRequest r;
        r.positions = 65536;
        r.scheme = "alibi";
        r.model.heads = 2;
        r.model.dModel = 16;
        r.model.causal = true;
        window.driver()->request(r);
        QVERIFY(waitFor(results, 300000));
        HeatmapView* view = window.heatmapPanel()->view();
        QVERIFY(view->data().isPooled());
        QVERIFY2(view->data().title.contains(QStringLiteral("n = 65536: probabilities streamed")),
                 qPrintable(view->data().title));
        QVERIFY(!window.heatmapPanel()->detail());

        // Zoom in on the last sixteenth: the magnified image first, saying so, then the region.
        int step = 0;
        for (int round = 0; round < 8 && step != 1; ++round) {
            const HeatmapData& d = view->data();
            const int cells = d.cols;
            const int from = std::max(0, cells - std::max(2, cells / 16));
            regions.clear();
            view->plot()->xAxis->setRange(from - 0.5, cells - 0.5);
            view->plot()->yAxis->setRange(from - 0.5, cells - 0.5);
            const QString magnified = view->data().title;
            QVERIFY2(magnified.contains(QStringLiteral("magnified (cells of ")), qPrintable(magnified));
            QVERIFY2(magnified.contains(QStringLiteral("\u201365,535 at screen resolution")),
                     qPrintable(magnified));
            QVERIFY(waitFor(regions, 120000));
            QCoreApplication::processEvents(); // the panel's slot has run: the region is shown
            const LabResult* detail = window.heatmapPanel()->detail();
            QVERIFY(detail);
            step = detail->pooled->step;
            const HeatmapData& shown = view->data();
            QCOMPARE(shown.rowStart(shown.rows), 65536);
            QCOMPARE(shown.colStart(shown.cols), 65536);
            const QString per = step == 1 ? QStringLiteral("1 token per cell")
                                          : QStringLiteral("%1 \u00d7 %1 tokens per cell").arg(step);
            const QString title =
                QStringLiteral("n = 65,536: tokens %1\u201365,535 \u00d7 %2\u201365,535, %3")
                    .arg(QString::fromStdString(groupedNumber(shown.rowStart(0))),
                         QString::fromStdString(groupedNumber(shown.colStart(0))), per);
            QVERIFY2(shown.title.endsWith(title), qPrintable(shown.title + QStringLiteral(" | ") + title));
            QVERIFY(!shown.title.contains(QStringLiteral("shown as")));
            QVERIFY(!shown.title.contains(QStringLiteral("magnified")));
        }
        QCOMPARE(step, 1);
        // Single tokens: hover names them with their text, and the probability is a real one.
        const HeatmapData& shown = view->data();
        const int last = shown.rows - 1;
        QCOMPARE(shown.rowStart(last), 65535);
        const QString hover = describeCell(shown, {last, last});
        QVERIFY2(hover.startsWith(QStringLiteral(
                     "i = 65535 \u201c65535\u201d, j = 65535 \u201c65535\u201d, \u0394 = 0: ")),
                 qPrintable(hover));
        QVERIFY(shown.at(last, last) > 0.0 && shown.at(last, last) <= 1.0);
        QVERIFY(shown.isMasked(0, 1)); // above the diagonal

        // A double click goes back to the whole map.
        emit view->viewReset();
        QVERIFY(!window.heatmapPanel()->detail());
        QVERIFY(view->data().title.contains(QStringLiteral("n = 65536: probabilities streamed")));
    }
};

POSLAB_GUI_TEST(TestDeepZoom)
#include "tst_deepzoom.moc"
