#include "guitest.h"

#include "colormaps.h"

#include <QTest>

#include "qcp.h"

#include <limits>

using namespace poslab::widgets;

Q_DECLARE_METATYPE(poslab::widgets::ColorMap)

class TestColorMaps : public QObject
{
    Q_OBJECT
  private slots:
    void endpoints_data()
    {
        QTest::addColumn<ColorMap>("map");
        QTest::addColumn<double>("t");
        QTest::addColumn<QString>("expected");
        QTest::newRow("viridis 0") << ColorMap::Viridis << 0.0 << "#440154";
        QTest::newRow("viridis 0.5") << ColorMap::Viridis << 0.5 << "#21918c";
        QTest::newRow("viridis 1") << ColorMap::Viridis << 1.0 << "#fde725";
        QTest::newRow("magma 0") << ColorMap::Magma << 0.0 << "#000004";
        QTest::newRow("magma 1") << ColorMap::Magma << 1.0 << "#fcfdbf";
        QTest::newRow("cividis 0") << ColorMap::Cividis << 0.0 << "#00204d";
        QTest::newRow("diverging 0 is blue") << ColorMap::Diverging << 0.0 << "#2166ac";
        QTest::newRow("diverging middle is white") << ColorMap::Diverging << 0.5 << "#f7f7f7";
        QTest::newRow("diverging 1 is red") << ColorMap::Diverging << 1.0 << "#b2182b";
        QTest::newRow("below 0 clamps") << ColorMap::Viridis << -3.0 << "#440154";
        QTest::newRow("above 1 clamps") << ColorMap::Viridis << 7.0 << "#fde725";
    }
    void endpoints()
    {
        QFETCH(ColorMap, map);
        QFETCH(double, t);
        QFETCH(QString, expected);
        QCOMPARE(colorAt(map, t).name(), expected);
    }

    void interpolatesBetweenStops()
    {
        // Halfway between #440154 (t = 0) and #482475 (t = 0.1), up to rounding.
        const QColor c = colorAt(ColorMap::Viridis, 0.05);
        QVERIFY(qAbs(c.red() - 0x46) <= 1);
        QVERIFY(qAbs(c.green() - 0x12) <= 1);
        QVERIFY(qAbs(c.blue() - 0x64) <= 1);
    }

    void stopsAreSortedAndSpanUnitInterval()
    {
        for (auto map : {ColorMap::Viridis, ColorMap::Magma, ColorMap::Cividis, ColorMap::Diverging}) {
            const auto stops = colorStops(map);
            QVERIFY(stops.size() >= 2);
            QCOMPARE(stops.front().position, 0.0);
            QCOMPARE(stops.back().position, 1.0);
            for (std::size_t k = 1; k < stops.size(); ++k)
                QVERIFY(stops[k - 1].position < stops[k].position);
        }
    }

    void gradientMatchesStopsAndHidesNan()
    {
        QCPColorGradient gradient = makeGradient(ColorMap::Viridis);
        const QCPRange range(0.0, 1.0);
        QCOMPARE(QColor(gradient.color(0.0, range)).name(), QStringLiteral("#440154"));
        QCOMPARE(QColor(gradient.color(1.0, range)).name(), QStringLiteral("#fde725"));
        QCOMPARE(gradient.nanHandling(), QCPColorGradient::nhTransparent);
        QCOMPARE(qAlpha(gradient.color(std::numeric_limits<double>::quiet_NaN(), range)), 0);
    }
};

POSLAB_GUI_TEST(TestColorMaps)
#include "tst_colormaps.moc"
