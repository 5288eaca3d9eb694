#include "driver.h"

#include "explorerstate.h"

#include <error.h>

#include <QEvent>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>

namespace poslab::gui {

// Shaped like Qt's mandelbrot RenderThread: one long-lived thread that sleeps until a request
// arrives and always takes the newest one. A newer request cancels the one running: its flag is set,
// the engine stops at the next tile or head, and nothing is delivered for it.
class ComputeThread final : public QThread
{
  public:
    ComputeThread(Driver* driver, Lab& lab) : m_driver(driver), m_lab(lab) {}

    ~ComputeThread() override
    {
        {
            std::lock_guard lock(m_mutex);
            m_abort = true;
            if (m_running) m_running->store(true);
        }
        m_wake.notify_one();
        wait();
    }

    void post(quint64 generation, const LabRequest& request, double firstHeadAbove)
    {
        {
            std::lock_guard lock(m_mutex);
            m_pending =
                Job{generation, 0, request, std::make_shared<std::atomic<bool>>(false), firstHeadAbove};
            m_pendingRegion.reset();               // a region of the old request is stale
            if (m_running) m_running->store(true); // superseded: stop it
        }
        if (!isRunning()) start();
        m_wake.notify_one();
    }

    // A deep zoom's region of the request of `generation`: it waits for a main request pending or
    // running, and supersedes only an older region.
    void postRegion(quint64 generation, quint64 serial, const LabRequest& request)
    {
        {
            std::lock_guard lock(m_mutex);
            m_pendingRegion = Job{generation, serial, request, std::make_shared<std::atomic<bool>>(false)};
            if (m_running && m_runningRegion) m_running->store(true);
        }
        if (!isRunning()) start();
        m_wake.notify_one();
    }

    // Stops the running request, if any: it ends with Driver::cancelledMessage.
    void cancel()
    {
        std::lock_guard lock(m_mutex);
        if (m_running) {
            m_running->store(true);
            m_userCancelled = true;
        }
    }

  protected:
    void run() override
    {
        for (;;) {
            Job job;
            {
                std::unique_lock lock(m_mutex);
                m_wake.wait(
                    lock, [this] { return m_abort || m_pending.has_value() || m_pendingRegion.has_value(); });
                if (m_abort) return;
                std::optional<Job>& next = m_pending ? m_pending : m_pendingRegion;
                job = std::move(*next);
                next.reset();
                m_running = job.cancel;
                m_runningRegion = job.region != 0;
                m_userCancelled = false;
            }
            auto result = std::make_shared<LabResult>();
            QString error;
            bool cancelled = false;
            RunControl control;
            control.cancel = job.cancel.get();
            if (job.region != 0) {
                // A region reports no progress: the status bar follows the main requests.
                try {
                    *result = m_lab.compute(job.request, control);
                } catch (const Cancelled&) {
                    cancelled = true;
                } catch (const std::exception& e) {
                    const auto* field = dynamic_cast<const FieldError*>(&e);
                    error = field ? explorerMessage(*field) : QString::fromUtf8(e.what());
                }
                {
                    std::lock_guard lock(m_mutex);
                    m_running.reset();
                    m_userCancelled = false;
                }
                if (cancelled) continue;
                QMetaObject::invokeMethod(
                    m_driver,
                    [driver = m_driver, generation = job.generation, serial = job.region, result, error] {
                        driver->deliverRegion(generation, serial, result, error);
                    },
                    Qt::QueuedConnection);
                continue;
            }
            control.progress = [driver = m_driver, generation = job.generation](int done, int total) {
                QMetaObject::invokeMethod(
                    driver,
                    [driver, generation, done, total] {
                        if (generation == driver->generation()) emit driver->progress(done, total);
                    },
                    Qt::QueuedConnection);
            };
            // Within a run, at most every 100 ms: the fraction done and the time left, measured.
            control.work = [driver = m_driver, generation = job.generation,
                            last = std::make_shared<double>(-1.0)](const WorkProgress& p) {
                if (p.done < p.total && p.elapsed - *last < 0.1) return;
                *last = p.elapsed;
                QMetaObject::invokeMethod(
                    driver,
                    [driver, generation, p] {
                        if (generation == driver->generation()) emit driver->workProgress(p);
                    },
                    Qt::QueuedConnection);
            };
            // A slow request of every head: the head shown first, delivered as soon as it is done.
            if (firstHeadFirst(job)) {
                LabRequest one = job.request;
                one.onlyHead = true;
                auto first = std::make_shared<LabResult>();
                QString firstError;
                if (computeMain(job, one, control, *first, firstError)) { // superseded
                    std::lock_guard lock(m_mutex);
                    m_running.reset();
                    continue;
                }
                // Streamed, the head shown is all there is; an error is the whole request's.
                const bool final = !firstError.isEmpty() || first->isPooled();
                if (final) first->request.onlyHead = false;
                QMetaObject::invokeMethod(
                    m_driver,
                    [driver = m_driver, generation = job.generation, first, firstError, final] {
                        driver->deliver(generation, first, firstError, !final);
                    },
                    Qt::QueuedConnection);
                if (final) {
                    std::lock_guard lock(m_mutex);
                    m_running.reset();
                    continue;
                }
            }
            cancelled = computeMain(job, job.request, control, *result, error);
            {
                std::lock_guard lock(m_mutex);
                m_running.reset();
            }
            if (cancelled) continue;
            // Runs on the driver's thread; dropped by Qt if the driver is gone by then.
            QMetaObject::invokeMethod(
                m_driver,
                [driver = m_driver, generation = job.generation, result, error] {
                    driver->deliver(generation, result, error, false);
                },
                Qt::QueuedConnection);
        }
    }

  private:
    struct Job
    {
        quint64 generation = 0;
        quint64 region = 0; // a deep zoom's region: its serial; 0: a main request
        LabRequest request;
        std::shared_ptr<std::atomic<bool>> cancel; // set when a newer request arrives
        double firstHeadAbove = -1;                // Driver::setFirstHeadAbove
    };

    // n² · heads above the driver's threshold, every head asked for, one scheme (compare mode's four
    // runs show no single head first).
    static bool firstHeadFirst(const Job& job)
    {
        const LabRequest& r = job.request;
        if (job.firstHeadAbove < 0 || !r.everyHead || r.compare || r.model.heads < 2 || r.region ||
            r.pool.cells)
            return false;
        try {
            const double n = r.sequence().size();
            return n * n * r.model.heads > job.firstHeadAbove;
        } catch (const std::exception&) {
            return false; // the request fails: once is enough
        }
    }

    // Computes `request` into result, or the error to show; true when it was superseded (nothing to
    // deliver).
    bool computeMain(const Job& job, const LabRequest& request, const RunControl& control, LabResult& out,
                     QString& error)
    {
        auto* result = &out;
        bool cancelled = false;
        try {
            *result = m_lab.compute(request, control);
        } catch (const Cancelled&) {
            std::lock_guard lock(m_mutex);
            // A newer request is pending: it is the one to deliver. Cancelled by the user:
            // the request ends, saying so.
            cancelled = !m_userCancelled;
            if (m_userCancelled) {
                error = QCoreApplication::translate("Driver", Driver::cancelledMessage);
                try { // the sequence panel keeps its tokens
                    result->labels = job.request.sequence().labels();
                    result->n = static_cast<int>(result->labels.size());
                } catch (const std::exception&) {
                }
            }
            m_userCancelled = false;
        } catch (const std::exception& e) {
            const auto* field = dynamic_cast<const FieldError*>(&e);
            error = field ? explorerMessage(*field) : QString::fromUtf8(e.what());
            if (error.isEmpty()) error = QCoreApplication::translate("Driver", "computation failed");
            // The sequence panel still shows the tokens when the rest failed (a scheme's parameter).
            try {
                *result = LabResult();
                result->labels = job.request.sequence().labels();
                result->n = static_cast<int>(result->labels.size());
            } catch (const std::exception&) {
                result->labels.clear(); // no token at all: that is the error
            }
        }
        return cancelled;
    }

    Driver* m_driver;
    Lab& m_lab;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::optional<Job> m_pending;
    std::optional<Job> m_pendingRegion;
    bool m_runningRegion = false;
    std::shared_ptr<std::atomic<bool>> m_running; // the running job's flag, null when idle
    bool m_userCancelled = false;                 // Driver::cancel() stopped the running job
    bool m_abort = false;
};

LabRequest explorerRequest(LabRequest request)
{
    request.everyHead = true;
    request.terms = true;
    request.pool.cells.reset();
    request.pool.fallback = true;
    request.head = std::clamp(request.head, 0, std::max(0, request.model.heads - 1));
    request.cellI = request.cellJ = -1;
    return request;
}

QString explorerMessage(const FieldError& error)
{
    // clang-format off
    // The labels of the panels' fields, in the interface's language (translated where used: this
    // runs on the worker thread too, and QCoreApplication::translate is thread-safe).
    static const std::map<std::string, const char*> labels = {
        {"text", QT_TRANSLATE_NOOP("Driver", "the sequence")},
        {"tokenizer", QT_TRANSLATE_NOOP("Driver", "Tokenizer")},
        {"positions_only", QT_TRANSLATE_NOOP("Driver", "Positions only")},
        {"scheme", QT_TRANSLATE_NOOP("Driver", "Scheme")},
        {"d_model", "d_model"},
        {"heads", QT_TRANSLATE_NOOP("Driver", "Heads")},
        {"head", QT_TRANSLATE_NOOP("Driver", "Head shown")},
        {"causal", QT_TRANSLATE_NOOP("Driver", "Mask")},
        {"seed", QT_TRANSLATE_NOOP("Driver", "Seed")},
        {"lambda", "\u03bb"},
        {"temperature", QT_TRANSLATE_NOOP("Driver", "Temperature")},
        {"matrix", QT_TRANSLATE_NOOP("Driver", "Matrix")},
        {"range", QT_TRANSLATE_NOOP("Driver", "\u0394 range")},
        {"compare.scheme", QT_TRANSLATE_NOOP("Driver", "Against")},
        {"compare.shift", QT_TRANSLATE_NOOP("Driver", "Shift")},
        {"pool.mode", QT_TRANSLATE_NOOP("Driver", "Pooling")},
        {"pool", QT_TRANSLATE_NOOP("Driver", "the pooled size")},
        {"positions", QT_TRANSLATE_NOOP("Driver", "the number of positions")},
        {"start", QT_TRANSLATE_NOOP("Driver", "the first position")},
        {"weights", QT_TRANSLATE_NOOP("Driver", "Weights")},
        {"layer", QT_TRANSLATE_NOOP("Driver", "the layer")},
        {"engine", QT_TRANSLATE_NOOP("Driver", "the engine")},
        {"dtype", QT_TRANSLATE_NOOP("Driver", "the precision")},
        {"threads", QT_TRANSLATE_NOOP("Driver", "the threads")},
        {"cell.i", "i"},
        {"cell.j", "j"},
        {"region.rows", QT_TRANSLATE_NOOP("Driver", "the rows shown")},
        {"region.keys", QT_TRANSLATE_NOOP("Driver", "the keys shown")}};
    // clang-format on
    return QString::fromStdString(error.render([](const std::string& field) {
        const auto it = labels.find(field);
        return it != labels.end() ? QCoreApplication::translate("Driver", it->second).toStdString()
                                  : coreFieldName(field);
    }));
}

Driver::Driver(QObject* parent)
    : QObject(parent), m_lab(std::make_unique<Lab>()),
      m_thread(std::make_unique<ComputeThread>(this, *m_lab)), m_busyTimer(new QTimer(this)),
      m_regionTimer(new QTimer(this))
{
    m_busyTimer->setSingleShot(true);
    m_busyTimer->setInterval(busyDelayMs);
    connect(m_busyTimer, &QTimer::timeout, this, [this] { setShowsBusy(m_busy); });
    m_regionTimer->setSingleShot(true);
    m_regionTimer->setInterval(regionDelayMs);
    connect(m_regionTimer, &QTimer::timeout, this,
            [this] { m_thread->postRegion(m_generation, m_regionSerial, m_region); });
    m_languageTimer = new QTimer(this);
    m_languageTimer->setSingleShot(true);
    m_languageTimer->setInterval(0);
    connect(m_languageTimer, &QTimer::timeout, this, [this] {
        if (m_generation != 0) request(m_last);
    });
    if (QCoreApplication* app = QCoreApplication::instance()) app->installEventFilter(this);
}

// Installing and removing each of a language's translators sends the application a LanguageChange:
// they are one switch, one request (posted when the event loop next runs).
bool Driver::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == QCoreApplication::instance() && event->type() == QEvent::LanguageChange)
        m_languageTimer->start();
    return QObject::eventFilter(watched, event);
}

Driver::~Driver() = default; // the thread's destructor stops and joins it

void Driver::request(const LabRequest& request)
{
    ++m_generation;
    m_firstHead = false;
    cancelRegion();
    m_last = request;
    if (m_viewFields) m_viewFields(m_last);
    m_last = explorerRequest(m_last);
    m_busy = true;
    if (!m_showsBusy) m_busyTimer->start();
    m_thread->post(m_generation, m_last, m_firstHeadAbove);
    emit requestChanged(m_last);
}

void Driver::requestRegion(const TokenRegion& region, int cells)
{
    if (m_generation == 0) return;
    m_region = m_last;
    m_region.region = region;
    m_region.pool.cells = std::clamp(cells, 1, kMaxPoolCells);
    m_region.matrix = "probs";
    m_region.compare = false;
    m_region.everyHead = m_region.terms = false;
    ++m_regionSerial;
    m_regionTimer->start();
}

void Driver::cancelRegion()
{
    ++m_regionSerial; // whatever runs or waits is dropped when it arrives
    m_regionTimer->stop();
}

void Driver::deliverRegion(quint64 generation, quint64 serial, const std::shared_ptr<LabResult>& result,
                           const QString& error)
{
    if (generation != m_generation || serial != m_regionSerial) return; // superseded
    if (!error.isEmpty()) {
        emit regionFailed(error);
        return;
    }
    emit regionAvailable(*result);
}

void Driver::cancel()
{
    if (m_busy) m_thread->cancel();
}

void Driver::setCompare(bool on)
{
    if (m_generation == 0 || m_last.compare == on) return;
    LabRequest next = m_last;
    next.compare = on;
    if (!on || (!m_busy && m_delivered.compare && covers(m_delivered, next, m_streamed, m_termsFit))) {
        m_last = next;
        return;
    }
    request(next);
}

void Driver::setViewFields(std::function<void(LabRequest&)> fill)
{
    m_viewFields = std::move(fill);
}

void Driver::deliver(quint64 generation, const std::shared_ptr<LabResult>& result, const QString& error,
                     bool first)
{
    if (generation != m_generation) return; // superseded while it ran
    // The head shown is on screen: the views are no longer dimmed while the other heads compute.
    m_busyTimer->stop();
    setShowsBusy(false);
    if (first) {
        m_firstHead = true;
        emit tokensAvailable(result->labels);
        emit resultAvailable(*result);
        return;
    }
    m_busy = false;
    if (!std::exchange(m_firstHead, false)) emit tokensAvailable(result->labels);
    if (!error.isEmpty()) {
        emit failed(error);
        return;
    }
    m_delivered = m_last;
    m_streamed = result->isPooled();
    m_termsFit = result->termsFit();
    emit resultAvailable(*result);
}

void Driver::setShowsBusy(bool shows)
{
    if (shows == m_showsBusy) return;
    m_showsBusy = shows;
    emit busyChanged(shows);
}

void followState(Driver& driver, const ExplorerState& state)
{
    auto fill = [&state](LabRequest& r) {
        r.matrix = state.matrix().toStdString();
        r.head = state.head();
        r.range = state.deltaRange();
        r.pool.mode = state.pooling() == Pooling::Mean ? PoolMode::Mean : PoolMode::Max;
    };
    driver.setViewFields(fill);
    auto follow = [&driver, fill] {
        if (driver.generation() == 0) return; // nothing asked for yet
        LabRequest next = driver.lastRequest();
        fill(next);
        next = explorerRequest(next);
        if (!covers(driver.lastRequest(), next, driver.streamed(), driver.termsFit())) driver.request(next);
    };
    QObject::connect(&state, &ExplorerState::headChanged, &driver, follow);
    QObject::connect(&state, &ExplorerState::matrixChanged, &driver, follow);
    QObject::connect(&state, &ExplorerState::paintingChanged, &driver, follow);
}

} // namespace poslab::gui
