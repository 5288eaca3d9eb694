#include "driver.h"

#include <QThread>
#include <QTimer>

#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>

namespace poslab::gui {

// Shaped like Qt's mandelbrot RenderThread: one long-lived thread that sleeps until a request
// arrives and always takes the newest one.
class ComputeThread final : public QThread
{
  public:
    explicit ComputeThread(Driver* driver) : m_driver(driver) {}

    ~ComputeThread() override
    {
        {
            std::lock_guard lock(m_mutex);
            m_abort = true;
        }
        m_wake.notify_one();
        wait();
    }

    void post(quint64 generation, const LabRequest& request)
    {
        {
            std::lock_guard lock(m_mutex);
            m_pending = Job{generation, request};
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
            }
            auto result = std::make_shared<LabResult>();
            QString error;
            try {
                *result = computeAll(job.request);
            } catch (const std::exception& e) {
                error = QString::fromUtf8(e.what());
                if (error.isEmpty()) error = QStringLiteral("computation failed");
            }
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
    };

    Driver* m_driver;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::optional<Job> m_pending;
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
    m_busy = true;
    if (!m_showsBusy) m_busyTimer->start();
    m_thread->post(m_generation, request);
    emit requestChanged(m_last);
}

void Driver::deliver(quint64 generation, const std::shared_ptr<LabResult>& result, const QString& error)
{
    if (generation != m_generation) return; // superseded while it ran
    m_busy = false;
    m_busyTimer->stop();
    setShowsBusy(false);
    if (!error.isEmpty())
        emit failed(error);
    else
        emit resultAvailable(*result);
}

void Driver::setShowsBusy(bool shows)
{
    if (shows == m_showsBusy) return;
    m_showsBusy = shows;
    emit busyChanged(shows);
}

} // namespace poslab::gui
