#include "guitest.h"

#include "heatmapmapping.h"
#include "headgridview.h"
#include "heatmapview.h"

#include <QSignalSpy>
#include <QTest>

#include "qcp.h"

#include <cmath>
#include <limits>

using namespace poslab::widgets;

namespace {

std::vector<int> range(int first, int last, int step)
{
    std::vector<int> v;
    for (int k = first; k <= last; k += step)
        v.push_back(k);
    return v;
}

HeatmapData sentence(bool masked)
{
    HeatmapData d;
    d.rows = d.cols = 3;
    d.values = {0.5, 0.25, 0.25, 0.1, 0.8, 0.1, 0.3, 0.3, 0.4};
    if (masked) d.values[1] = -std::numeric_limits<double>::infinity();
    d.rowLabels = d.colLabels =
        QStringList{QStringLiteral("The"), QStringLiteral("cat"), QStringLiteral("sat")};
    d.title = QStringLiteral("probs");
    d.valueLabel = QStringLiteral("attention probability");
    return d;
}

} // namespace

class TestHeatmap : public QObject
{
    Q_OBJECT
  private slots:
    void thinning_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("maxLabels");
        QTest::addColumn<std::vector<int>>("expected");
        QTest::newRow("n = 10 keeps all") << 10 << 40 << range(0, 9, 1);
        QTest::newRow("n = 40 keeps all") << 40 << 40 << range(0, 39, 1);
        QTest::newRow("n = 41 takes every 2nd") << 41 << 40 << range(0, 40, 2);
        QTest::newRow("n = 1000 takes every 25th") << 1000 << 40 << range(0, 975, 25);
        QTest::newRow("n = 0") << 0 << 40 << std::vector<int>{};
        QTest::newRow("n = 1") << 1 << 40 << std::vector<int>{0};
    }
    void thinning()
    {
        QFETCH(int, count);
        QFETCH(int, maxLabels);
        QFETCH(std::vector<int>, expected);
        const auto got = thinnedLabelIndices(count, maxLabels);
        QCOMPARE(got, expected);
        QVERIFY(static_cast<int>(got.size()) <= maxLabels);
    }

    void zoomedAxesShowMoreLabels()
    {
        QCOMPARE(visibleLabelIndices(1000, -0.5, 999.5, 40), range(0, 975, 25));
        QCOMPARE(visibleLabelIndices(1000, 100.2, 119.7, 40), range(100, 120, 1)); // 20 cells: every label
        QCOMPARE(visibleLabelIndices(1000, 10.0, 99.0, 40), range(12, 99, 3));     // multiples of the step
        QVERIFY(visibleLabelIndices(10, 20.0, 30.0, 40).empty());
    }

    void tickLabels()
    {
        const QStringList labels{QStringLiteral("The"), QStringLiteral("internationalization"),
                                 QStringLiteral("注意力")};
        QCOMPARE(tokenTickLabel(labels, 0, false), QStringLiteral("The"));
        QCOMPARE(tokenTickLabel(labels, 2, true), QStringLiteral("2 注意力"));
        QCOMPARE(tokenTickLabel(labels, 1, false), QStringLiteral("international\u2026"));
        QCOMPARE(tokenTickLabel(labels, 5, false), QStringLiteral("5"));
        QCOMPARE(tickLabelRotation(40, 80.0), 0.0);
        QVERIFY(tickLabelRotation(80, 40.0) > 0.0);
    }

    void cellLookup_data()
    {
        QTest::addColumn<double>("key");
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("col");
        QTest::newRow("centre of (0, 0)") << 0.0 << 0.0 << 0 << 0;
        QTest::newRow("inside (2, 1)") << 1.3 << 2.2 << 2 << 1;
        QTest::newRow("lower edge belongs to the cell") << 0.5 << 1.5 << 2 << 1;
        QTest::newRow("left of the map") << -0.6 << 0.0 << -1 << -1;
        QTest::newRow("below the map") << 0.0 << 2.5 << -1 << -1;
        QTest::newRow("nan") << std::nan("") << 0.0 << -1 << -1;
    }
    void cellLookup()
    {
        QFETCH(double, key);
        QFETCH(double, value);
        QFETCH(int, row);
        QFETCH(int, col);
        QCOMPARE(cellAt(key, value, 3, 3), (Cell{row, col}));
    }

    void spans()
    {
        QCOMPARE(cellCentreSpan(1).lower, -0.5);
        QCOMPARE(cellCentreSpan(1).upper, 0.5);
        QCOMPARE(cellCentreSpan(5).upper, 4.0);
        QCOMPARE(viewSpan(5).lower, -0.5);
        QCOMPARE(viewSpan(5).upper, 4.5);
    }

    void colourRangeIgnoresMaskedCells()
    {
        HeatmapData d = sentence(true);
        d.masked = {false, false, false, false, true, false, false, false, false}; // hides 0.8
        QCOMPARE(colorRange(d).lower, 0.0);
        QCOMPARE(colorRange(d).upper, 0.5);
        d.isSigned = true;
        d.values = {-2.0, 0.5, 1.0, 0.0, 9.0, 0.0, 0.0, 0.0, 0.0};
        QCOMPARE(colorRange(d).lower, -2.0); // symmetric about 0, 9 is masked
        QCOMPARE(colorRange(d).upper, 2.0);
        QCOMPARE(colorMapFor(d, ColorMap::Magma), ColorMap::Diverging);
    }

    void describeNamesTheTokens()
    {
        HeatmapData d = sentence(true);
        QCOMPARE(describeCell(d, {2, 1}),
                 QStringLiteral("i = 2 \u201csat\u201d, j = 1 \u201ccat\u201d, \u0394 = -1: 0.3"));
        QCOMPARE(describeCell(d, {0, 1}),
                 QStringLiteral("i = 0 \u201cThe\u201d, j = 1 \u201ccat\u201d, \u0394 = 1: masked"));
        QVERIFY(describeCell(d, {3, 0}).isEmpty());
        d.buckets = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        QVERIFY(describeCell(d, {2, 1}).endsWith(QStringLiteral(": 0.3 \u00b7 bucket 7")));
    }

    void describePooledCells()
    {
        HeatmapData d;
        d.rows = d.cols = 2;
        d.values = {1, 2, 3, 4};
        d.rowStep = d.colStep = 4;
        d.fullRows = d.fullCols = 7;
        d.pooling = QStringLiteral("max");
        QCOMPARE(describeCell(d, {1, 0}),
                 QStringLiteral("i = 4\u20136, j = 0\u20133, \u0394 = -6\u2026-1: max 3"));
        QCOMPARE(tokenCell(d, {1, 1}), (Cell{4, 4}));
        QCOMPARE(displayCell(d, {6, 3}), (Cell{1, 0}));
        QCOMPARE(displayCell(d, {7, 0}), Cell{});
    }

    void logColourRange()
    {
        HeatmapData d = sentence(false);
        d.values[0] = 0.0; // underflowed probability: left out of the log range
        const AxisSpan r = colorRange(d, true);
        QCOMPARE(r.lower, 0.1);
        QCOMPARE(r.upper, 0.8);
        d.isSigned = true;
        QCOMPARE(colorRange(d, true).lower, -0.8); // log does not apply to signed data
    }

    // Issue 13, defect 5: square cells wherever they fit.
    void squarePadding_data()
    {
        QTest::addColumn<QSize>("inner");
        QTest::addColumn<QMargins>("current");
        QTest::addColumn<double>("spanX");
        QTest::addColumn<double>("spanY");
        QTest::addColumn<int>("columns");
        QTest::addColumn<int>("rows");
        QTest::addColumn<QMargins>("expected");
        QTest::newRow("wide: centred") << QSize(800, 600) << QMargins() << 12.0 << 12.0 << 1 << 1
                                       << QMargins(100, 0, 100, 0);
        QTest::newRow("tall: spare below") << QSize(375, 630) << QMargins() << 12.0 << 12.0 << 1 << 1
                                           << QMargins(0, 0, 0, 255);
        QTest::newRow("already padded: the same") << QSize(600, 600) << QMargins(100, 0, 100, 0) << 12.0
                                                  << 12.0 << 1 << 1 << QMargins(100, 0, 100, 0);
        QTest::newRow("window grew taller") << QSize(600, 700) << QMargins(100, 0, 100, 0) << 12.0 << 12.0
                                            << 1 << 1 << QMargins(50, 0, 50, 0);
        QTest::newRow("zoomed 2:1 tokens") << QSize(600, 600) << QMargins() << 20.0 << 10.0 << 1 << 1
                                           << QMargins(0, 0, 0, 300);
        QTest::newRow("4×2 head tiles 80×265") << QSize(80, 265) << QMargins() << 12.0 << 12.0 << 4 << 2
                                               << QMargins(0, 0, 0, 370);
        QTest::newRow("nothing to show") << QSize(600, 600) << QMargins(5, 0, 5, 0) << 0.0 << 12.0 << 1
                                         << 1 << QMargins();
    }

    void squarePadding()
    {
        QFETCH(QSize, inner);
        QFETCH(QMargins, current);
        QFETCH(double, spanX);
        QFETCH(double, spanY);
        QFETCH(int, columns);
        QFETCH(int, rows);
        QFETCH(QMargins, expected);
        QCOMPARE(poslab::widgets::squarePadding(inner, current, spanX, spanY, columns, rows), expected);
    }

    void heatmapCellsAreSquare_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("wide") << QSize(900, 500);
        QTest::newRow("tall (375 × 630 before)") << QSize(480, 760);
    }

    void heatmapCellsAreSquare()
    {
        QFETCH(QSize, size);
        HeatmapData d = sentence(false);
        HeatmapView view;
        view.resize(size);
        view.setData(d);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        for (int k = 0; k < 4; ++k) {
            view.plot()->replot();
            QCoreApplication::processEvents(); // queued replots of the layout settling
        }
        const QRect r = view.plot()->axisRect()->rect();
        QVERIFY2(std::abs(r.width() - r.height()) <= 2,
                 qPrintable(QStringLiteral("%1 × %2").arg(r.width()).arg(r.height())));
        QVERIFY(std::min(r.width(), r.height()) >= std::min(size.width(), size.height()) / 2); // and large
    }

    void headTilesAreSquareAndAsLargeAsFit()
    {
        QCOMPARE(poslab::widgets::squareGridColumns(8, 900, 740), 3); // 3 × 3 beats 4 × 2 here
        QCOMPARE(poslab::widgets::squareGridColumns(8, 1800, 400), 8);
        QCOMPARE(poslab::widgets::squareGridColumns(1, 500, 500), 1);
        HeadGridView view;
        view.resize(1000, 800);
        std::vector<HeatmapData> heads(8, sentence(false));
        view.setHeads(heads, QStringLiteral("every head"));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        for (int k = 0; k < 4; ++k) {
            view.plot()->replot();
            QCoreApplication::processEvents();
        }
        const QRect r = view.plot()->axisRects().front()->rect();
        QVERIFY2(std::abs(r.width() - r.height()) <= 2,
                 qPrintable(QStringLiteral("%1 × %2").arg(r.width()).arg(r.height())));
        QVERIFY2(r.width() >= 180, qPrintable(QString::number(r.width()))); // 80 × 265 before
    }

    // Issue 13, defect 6: a drag pans and selects nothing; a click selects the cell it was on.
    void dragPansWithoutSelecting()
    {
        HeatmapView view;
        view.resize(600, 500);
        view.setData(sentence(false));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.plot()->replot();
        QSignalSpy clicked(&view, &HeatmapView::tokenClicked);
        const QPoint a(int(view.plot()->xAxis->coordToPixel(0.0)), int(view.plot()->yAxis->coordToPixel(0.0)));
        const QPoint b(int(view.plot()->xAxis->coordToPixel(2.0)), int(view.plot()->yAxis->coordToPixel(2.0)));
        const double before = view.plot()->xAxis->range().lower;
        QTest::mousePress(view.plot(), Qt::LeftButton, {}, a);
        QTest::mouseMove(view.plot(), (a + b) / 2);
        QTest::mouseMove(view.plot(), b);
        QTest::mouseRelease(view.plot(), Qt::LeftButton, {}, b);
        QVERIFY(view.plot()->xAxis->range().lower != before); // it panned
        QCOMPARE(clicked.count(), 0);
        QTest::mouseClick(view.plot(), Qt::LeftButton, {}, b);
        QCOMPARE(clicked.count(), 1);
    }

    // Issue 13: a log scale's labels (1 … 10⁻⁶) are thinned to the bar's length, never piled up.
    void logScaleBarLabelsDoNotOverlap()
    {
        HeatmapData d = sentence(false);
        d.values = {1.0, 1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 0.5, 0.05};
        HeatmapView view;
        view.setLogScale(true);
        view.setData(d);
        for (const QSize size : {QSize(600, 600), QSize(400, 160)}) {
            view.resize(size);
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            view.plot()->replot();
            view.plot()->replot(); // ticks follow the bar's length of the last layout
            auto* scale = qobject_cast<QCPColorMap*>(view.plot()->plottable(0))->colorScale();
            QCOMPARE(scale->dataScaleType(), QCPAxis::stLogarithmic);
            const QVector<double> ticks = scale->axis()->tickVector();
            QVERIFY2(ticks.size() >= 2, qPrintable(QString::number(ticks.size())));
            const int label = QFontMetrics(scale->axis()->tickLabelFont()).height();
            for (int k = 1; k < ticks.size(); ++k)
                QVERIFY2(std::abs(scale->axis()->coordToPixel(ticks[k]) -
                                  scale->axis()->coordToPixel(ticks[k - 1])) >= label,
                         qPrintable(QStringLiteral("%1 and %2 at %3 px").arg(ticks[k - 1]).arg(ticks[k])
                                        .arg(size.height())));
        }
    }

    void viewPaintsMaskedCellsAsNan()
    {
        HeatmapView view;
        view.setData(sentence(true));
        auto* map = qobject_cast<QCPColorMap*>(view.plot()->plottable(0));
        QVERIFY(map);
        QCOMPARE(map->data()->keySize(), 3);
        QVERIFY(std::isnan(map->data()->cell(1, 0))); // (key j = 1, value i = 0)
        QCOMPARE(map->data()->cell(2, 1), 0.1);
        QCOMPARE(map->colorScale()->axis()->label(), QStringLiteral("attention probability"));
        QVERIFY(view.plot()->yAxis->rangeReversed());
        auto ticker = view.plot()->xAxis->ticker().dynamicCast<QCPAxisTickerText>();
        QVERIFY(ticker);
        QCOMPARE(ticker->ticks().value(1.0), QStringLiteral("cat"));
    }

    void hoverFindsTheCell()
    {
        HeatmapView view;
        view.resize(600, 400);
        view.setData(sentence(false));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.plot()->replot();
        QSignalSpy hovered(&view, &HeatmapView::cellHovered);
        const QPoint pixel(int(view.plot()->xAxis->coordToPixel(1.0)),
                           int(view.plot()->yAxis->coordToPixel(2.0)));
        QTest::mouseMove(view.plot(), pixel);
        QTRY_COMPARE(view.hoveredCell(), (Cell{2, 1}));
        QCOMPARE(hovered.count(), 1);
        QCOMPARE(hovered.at(0).at(0).toInt(), 2);
        QCOMPARE(hovered.at(0).at(1).toInt(), 1);
        QVERIFY(describeCell(view.data(), view.hoveredCell())
                    .contains(QStringLiteral("\u201csat\u201d, j = 1 \u201ccat\u201d")));
    }
};

POSLAB_GUI_TEST(TestHeatmap)
#include "tst_heatmap.moc"
