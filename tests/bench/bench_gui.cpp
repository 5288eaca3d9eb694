// poslab_bench_gui (issue 13, item 5): the explorer's responsiveness, measured. Drives a MainWindow
// offscreen and times input event → result applied → repaint done for
//   - a parameter change (the Seed box, one Up key) at n = 256 and n = 2000 (bare positions, the
//     explorer's default model), and
//   - switching to the Compare tab (a mouse click on it) at the same n,
// and the time to the first picture: a slow request of every head shows the head shown first
// (Driver::setFirstHeadAbove), the rest after,
// then prints median and p90 of each with the CPU and ISAs. Not a test (no thresholds, no ctest
// entry): docs/performance.md reports its figures.
//
// "Repaint done": the driver has no request outstanding and a pass over the event queue paints
// nothing more (every queued replot and widget update has been painted).
//
//   QT_QPA_PLATFORM=offscreen build/tests/bench/poslab_bench_gui [--repeats N] [--n N] [--threads T]

#include "driver.h"
#include "explorerstate.h"
#include "mainwindow.h"

#include <engine/cpuisa.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSpinBox>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

using namespace poslab;
using namespace poslab::gui;

namespace {

class PaintCounter : public QObject
{
  public:
    int paints = 0;

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint) ++paints;
        return QObject::eventFilter(watched, event);
    }
};

struct Timing
{
    double result = 0; // ms to the result applied (the driver idle again)
    double frame = 0;  // ms to the last repaint
    double first = 0;  // ms to the first picture: the head shown (a slow request's first result)
    double core = 0;   // ms the Lab computed (LabResult::elapsedMs; 0 when nothing was computed)
    int paints = 0;    // paint events from the input on
};

// Waits for the driver's outstanding request, then until the event queue paints nothing more.
Timing settle(Driver& driver, PaintCounter& counter, const QElapsedTimer& clock)
{
    Timing t;
    const int first = counter.paints;
    double core = 0;
    // Connected after the panels: they have rebuilt and replotted the views by now.
    const auto c = QObject::connect(&driver, &Driver::resultAvailable, [&](const LabResult& result) {
        core = result.elapsedMs;
        if (t.first == 0) t.first = clock.nsecsElapsed() / 1e6;
    });
    while (driver.isBusy())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    t.result = clock.nsecsElapsed() / 1e6;
    for (int quiet = 0; quiet < 2;) {
        const int before = counter.paints;
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        if (counter.paints == before) {
            ++quiet;
        } else {
            quiet = 0;
            t.frame = clock.nsecsElapsed() / 1e6;
        }
    }
    t.frame = std::max(t.frame, t.result);
    if (t.first == 0) t.first = t.frame; // nothing computed: the tab's repaint is the first picture
    t.core = core;
    t.paints = counter.paints - first;
    QObject::disconnect(c);
    return t;
}

double quantile(std::vector<double> v, double q)
{
    std::sort(v.begin(), v.end());
    const std::size_t k = std::min(v.size() - 1, static_cast<std::size_t>(q * (v.size() - 1) + 0.5));
    return v[k];
}

std::string cpuModel()
{
    QFile f(QStringLiteral("/proc/cpuinfo"));
    if (f.open(QIODevice::ReadOnly))
        for (const QByteArray& line : f.readAll().split('\n'))
            if (line.startsWith("model name")) return line.mid(line.indexOf(':') + 2).toStdString();
    return "unknown CPU";
}

QSpinBox* seedBox(MainWindow& window)
{
    for (auto* box : window.findChildren<QSpinBox*>())
        if (box->toolTip().startsWith(QStringLiteral("Seeds content vectors"))) return box;
    return nullptr;
}

void report(const char* what, const std::vector<Timing>& runs)
{
    std::vector<double> result, frame, core, paints, first;
    for (const Timing& t : runs) {
        first.push_back(t.first);
        result.push_back(t.result);
        frame.push_back(t.frame);
        core.push_back(t.core);
        paints.push_back(t.paints);
    }
    std::printf("| %-28s | %6.1f | %6.1f | %6.1f | %6.1f | %6.1f | %6.1f | %3.0f |\n", what,
                quantile(first, 0.5), quantile(frame, 0.5), quantile(frame, 0.9), quantile(result, 0.5),
                quantile(result, 0.9), quantile(core, 0.5), quantile(paints, 0.5));
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    int repeats = 15, threads = 0;
    std::vector<int> sizes = {256, 2000};
    for (int k = 1; k + 1 < argc; ++k) {
        const std::string arg = argv[k];
        if (arg == "--repeats") repeats = std::max(1, std::atoi(argv[k + 1]));
        if (arg == "--threads") threads = std::max(0, std::atoi(argv[k + 1])); // the request's (0: all cores)
        if (arg == "--n") sizes = {std::max(1, std::atoi(argv[k + 1]))};
    }

    MainWindow window;
    window.resize(1400, 900);
    window.show();
    PaintCounter counter;
    app.installEventFilter(&counter);
    Driver& driver = *window.driver();
    QSpinBox* seed = seedBox(window);
    auto* tabs = window.findChild<QTabWidget*>();
    if (!seed || !tabs) {
        std::fprintf(stderr, "poslab_bench_gui: the Seed box or the view tabs are missing\n");
        return 1;
    }
    QElapsedTimer clock;

    std::printf("CPU: %s; kernels %s, oneDNN %s; %d repeats, %d threads\n", cpuModel().c_str(),
                kernelIsa().c_str(), onednnIsa().c_str(), repeats, QThread::idealThreadCount());
    std::printf("| %-28s | first picture median | median | p90 | applied median | applied p90 | core "
                "median (last run) | paints |\n",
                "input -> repainted (ms)");
    std::printf("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int n : sizes) {
        window.state()->setView(View::Heatmap);
        LabRequest r;
        r.positions = n;
        r.threads = threads;
        driver.request(r);
        clock.start();
        settle(driver, counter, clock);
        seed->setFocus();
        std::vector<Timing> change, compare;
        for (int k = 0; k < repeats + 1; ++k) {
            clock.restart();
            QTest::keyClick(seed, Qt::Key_Up);
            const Timing t = settle(driver, counter, clock);
            if (k > 0) change.push_back(t); // the first warms the engine's caches for this n
        }
        for (int k = 0; k < repeats + 1; ++k) {
            // A parameter change on the heatmap first, so that the Compare tab has its runs to compute
            // (otherwise a switch back finds them done and only repaints).
            window.state()->setView(View::Heatmap);
            seed->setFocus();
            QTest::keyClick(seed, Qt::Key_Up);
            clock.restart();
            settle(driver, counter, clock);
            QTabBar* bar = tabs->tabBar();
            clock.restart();
            QTest::mouseClick(bar, Qt::LeftButton, {},
                              bar->tabRect(static_cast<int>(View::Compare)).center());
            const Timing t = settle(driver, counter, clock);
            if (k > 0) compare.push_back(t);
        }
        report(("parameter change, n = " + std::to_string(n)).c_str(), change);
        report(("switch to Compare, n = " + std::to_string(n)).c_str(), compare);
    }
    return 0;
}
