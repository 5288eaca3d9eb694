// The Context tab (issue 14 item 7): a rope model trained at L0, run at L = n; its controls edit the
// request, its plots show core's contextExtension.
#include "guirequest.h"
#include "guitest.h"

#include "contextpanel.h"
#include "contextview.h"
#include "driver.h"
#include "explorerstate.h"
#include "mainwindow.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTest>

#include "qcp.h"

using namespace poslab;
using namespace poslab::gui;

namespace {

constexpr int kTimeoutMs = 120'000;

// The lesson's model: head_dim 64 (32 pairs), L0 = 64, yarn ×4, n = 256 bare positions.
LabRequest yarnRequest()
{
    LabRequest r;
    r.positions = 256;
    r.scheme = "rope";
    r.params = {{"scaling", "yarn"}, {"factor", "4"}, {"original_max_position", "64"}};
    r.model.dModel = 128;
    r.model.heads = 2;
    r.model.causal = true;
    return r;
}

template <class T>
T* field(ContextPanel* panel, const char* tip)
{
    for (T* w : panel->findChildren<T*>())
        if (w->toolTip().contains(QLatin1String(tip))) return w;
    return nullptr;
}

} // namespace

class TestContext : public QObject
{
    Q_OBJECT
  private slots:
    void tabShowsEachPairAndEveryScaling()
    {
        MainWindow window;
        window.resize(1400, 900);
        auto* panel = window.findChild<ContextPanel*>();
        QVERIFY(panel);
        auto* tabs = window.findChild<QTabWidget*>();
        QCOMPARE(tabs->tabText(tabs->indexOf(panel)), QStringLiteral("Context"));
        QCOMPARE(tabs->indexOf(panel), tabs->count() - 1); // the last tab, after Encoding
        View parsed = View::Heatmap;
        QVERIFY(parseView(QStringLiteral("context"), &parsed));
        QCOMPARE(parsed, View::Context);

        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        window.driver()->request(yarnRequest());
        QVERIFY(results.wait(kTimeoutMs));
        QVERIFY(panel->view()->data().wavelength.empty()); // hidden views wait until they are shown
        window.state()->setView(View::Context);
        QCOMPARE(tabs->currentWidget(), panel);
        const widgets::ContextPlotData& d = panel->view()->data();
        QVERIFY2(d.message.isEmpty(), qPrintable(d.message));
        QCOMPARE(d.originalMax, 64.0);
        QCOMPARE(d.length, 256.0);
        QCOMPARE(d.wavelength.size(), std::size_t(32));
        // YaRN's ramp for L0 = 64, head_dim 64: low 0, high 9 (tst_lessons works it out).
        for (int k = 0; k < 32; ++k)
            QCOMPARE(d.kind[std::size_t(k)], k == 0 ? 0 : k < 9 ? 2 : 1);
        QVERIFY(d.summary.contains(QStringLiteral("pairs 0 kept, 1\u20138 ramp, 9\u201331 interpolated")));
        // Five curves (longrope has no factor lists), the scheme's own drawn thick.
        QCOMPARE(d.curves.size(), std::size_t(5));
        QCOMPARE(
            int(std::count_if(d.curves.begin(), d.curves.end(), [](const auto& c) { return c.emphasis; })),
            1);
        QVERIFY(d.curves[3].emphasis && d.curves[3].name.startsWith(QStringLiteral("yarn")));
        QCOMPARE(panel->view()->curvePlot()->graphCount(), 5);
        QCOMPARE(panel->view()->curvePlot()->graph(0)->dataCount(), 256);
        QVERIFY(panel->view()->wavelengthPlot()->graphCount() >= 3); // unscaled and two kinds at least
        QCOMPARE(panel->view()->wavelengthPlot()->yAxis->scaleType(), QCPAxis::stLogarithmic);

        // The controls edit the request: scaling linear interpolates every pair.
        QComboBox* scaling = field<QComboBox>(panel, "scaling");
        QVERIFY(scaling);
        QCOMPARE(scaling->currentText(), QStringLiteral("yarn"));
        scaling->setCurrentText(QStringLiteral("linear"));
        QVERIFY(results.wait(kTimeoutMs));
        QCOMPARE(window.driver()->lastRequest().params.at("scaling"), std::string("linear"));
        for (int kind : panel->view()->data().kind)
            QCOMPARE(kind, 1);
        for (bool unseen : panel->view()->data().unseen)
            QVERIFY(!unseen);
        // L is the sequence's length: 300 positions.
        QSpinBox* length = field<QSpinBox>(panel, "L, the length");
        QVERIFY(length);
        QCOMPARE(length->value(), 256);
        length->setValue(300);
        emit length->editingFinished();
        QVERIFY(results.wait(kTimeoutMs));
        QCOMPARE(window.driver()->lastRequest().positions, 300);
        QCOMPARE(panel->view()->data().length, 300.0);
        // Without scaling, 300 positions turn the slow pairs past anything seen below 64.
        scaling->setCurrentText(QStringLiteral("none"));
        QVERIFY(results.wait(kTimeoutMs));
        QVERIFY(std::count(panel->view()->data().unseen.begin(), panel->view()->data().unseen.end(), true) >
                0);
        QVERIFY(panel->view()->data().title.contains(QStringLiteral("without scaling")));
    }

    // Another scheme: the view says what it is for and offers to switch.
    void otherSchemesAreExplainedAndCanSwitch()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        auto* panel = window.findChild<ContextPanel*>();
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        window.driver()->request(test::request("the cat sat on the mat", "alibi"));
        QVERIFY(results.wait(kTimeoutMs));
        window.state()->setView(View::Context);
        QVERIFY(panel->view()->data().message.contains(QStringLiteral("about RoPE")));
        QVERIFY(!panel->view()->curvePlot()->isVisible());
        QPushButton* useRope = panel->findChild<QPushButton*>();
        QVERIFY(useRope && useRope->isVisible());
        QVERIFY(!field<QComboBox>(panel, "scaling")->isEnabled());
        useRope->click();
        QVERIFY(results.wait(kTimeoutMs));
        const LabRequest& r = window.driver()->lastRequest();
        QCOMPARE(r.scheme, std::string("rope"));
        QCOMPARE(r.params.at("scaling"), std::string("yarn"));
        QCOMPARE(r.params.at("original_max_position"), std::string("1")); // 6 tokens / 4
        QVERIFY(panel->view()->data().message.isEmpty());
        QVERIFY(!useRope->isVisible());
        QVERIFY(panel->view()->curvePlot()->isVisible());
    }
};

POSLAB_GUI_TEST(TestContext)
#include "tst_context.moc"
