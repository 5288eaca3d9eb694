#include "driver.h"

#include "explorerstate.h"

#include <error.h>

#include <QThread>
#include <QTimer>

#include <atomic>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>

namespace poslab::gui {

// Shaped like Qt's mandelbrot RenderThread: one long-lived thread that sleeps until a request
// arrives and always takes the newest one. A newer request cancels the one running: its flag is set,
// the engine stops at the next tile or head, and nothing is delivered for it.
class ComputeThread final : public QThread
{
  public:
    explicit ComputeThread(Driver* driver) : m_driver(driver) {}

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

    void post(quint64 generation, const LabRequest& request)
    {
        {
            std::lock_guard lock(m_mutex);
            m_pending = Job{generation, request, std::make_shared<std::atomic<bool>>(false)};
            if (m_running) m_running->store(true); // superseded: stop it
        }
        if (!isRunning()) start();
        m_wake.notify_one();
    }

  protected:
    void run() override
    {
        for (;;) {
            Job job;
            {
                std::unique_lock lock(m_mutex);
                m_wake.wait(lock, [this] { return m_abort || m_pending.has_value(); });
                if (m_abort) return;
                job = std::move(*m_pending);
                m_pending.reset();
                m_running = job.cancel;
            }
            auto result = std::make_shared<LabResult>();
            QString error;
            bool cancelled = false;
            try {
                *result = computeAll(job.request, job.cancel.get(), &m_pool);
            } catch (const Cancelled&) {
                cancelled = true; // a newer request is pending: it is the one to deliver
            } catch (const std::exception& e) {
                error = QString::fromUtf8(e.what());
                if (error.isEmpty()) error = QStringLiteral("computation failed");
                // The sequence panel still shows the tokens when the rest failed (a scheme's parameter).
                try {
                    *result = LabResult();
                    result->labels = sequenceOf(job.request).labels();
                    result->n = static_cast<int>(result->labels.size());
                } catch (const std::exception&) {
                    result->labels.clear(); // no token at all: that is the error
                }
            }
            {
                std::lock_guard lock(m_mutex);
                m_running.reset();
            }
            if (cancelled) continue;
            // Runs on the driver's thread; dropped by Qt if the driver is gone by then.
            QMetaObject::invokeMethod(
                m_driver,
                [driver = m_driver, generation = job.generation, result, error] {
                    driver->deliver(generation, result, error);
                },
                Qt::QueuedConnection);
        }
    }

  private:
    struct Job
    {
        quint64 generation = 0;
        LabRequest request;
        std::shared_ptr<std::atomic<bool>> cancel; // set when a newer request arrives
    };

    Driver* m_driver;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::optional<Job> m_pending;
    std::shared_ptr<std::atomic<bool>> m_running; // the running job's flag, null when idle
    ResultPool m_pool;                            // only touched by this thread
    bool m_abort = false;
};

Driver::Driver(QObject* parent)
    : QObject(parent), m_thread(std::make_unique<ComputeThread>(this)), m_busyTimer(new QTimer(this))
{
    m_busyTimer->setSingleShot(true);
    m_busyTimer->setInterval(busyDelayMs);
    connect(m_busyTimer, &QTimer::timeout, this, [this] { setShowsBusy(m_busy); });
}

Driver::~Driver() = default; // the thread's destructor stops and joins it

void Driver::request(const LabRequest& request)
{
    ++m_generation;
    m_last = request;
    if (m_viewFields) m_viewFields(m_last);
    m_busy = true;
    if (!m_showsBusy) m_busyTimer->start();
    m_thread->post(m_generation, m_last);
    emit requestChanged(m_last);
}

void Driver::setViewFields(std::function<void(LabRequest&)> fill)
{
    m_viewFields = std::move(fill);
}

void Driver::deliver(quint64 generation, const std::shared_ptr<LabResult>& result, const QString& error)
{
    if (generation != m_generation) return; // superseded while it ran
    m_busy = false;
    m_busyTimer->stop();
    setShowsBusy(false);
    emit tokensAvailable(result->labels);
    if (!error.isEmpty()) {
        emit failed(error);
        return;
    }
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
        r.pool = state.pooling() == Pooling::Mean ? PoolMode::Mean : PoolMode::Max;
    };
    driver.setViewFields(fill);
    auto follow = [&driver, fill] {
        if (driver.generation() == 0) return; // nothing asked for yet
        LabRequest next = driver.lastRequest();
        fill(next);
        if (!driver.lastRequest().covers(next, driver.streamed(), driver.termsFit())) driver.request(next);
    };
    QObject::connect(&state, &ExplorerState::headChanged, &driver, follow);
    QObject::connect(&state, &ExplorerState::matrixChanged, &driver, follow);
    QObject::connect(&state, &ExplorerState::paintingChanged, &driver, follow);
}

} // namespace poslab::gui
