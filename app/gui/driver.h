#pragma once

#include "labrequest.h"

#include <QObject>

#include <memory>

namespace poslab::gui {

class ComputeThread;

// The one object between core and the widgets. Work runs on a worker thread; a new request
// supersedes the old: a pending one is replaced, and the result of one already running is dropped
// when it arrives (generation counter), so only the newest request is ever delivered.
class Driver : public QObject
{
    Q_OBJECT
  public:
    explicit Driver(QObject* parent = nullptr);
    ~Driver() override;

    void request(const LabRequest& request);
    bool isBusy() const { return m_busy; }
    quint64 generation() const { return m_generation; }

  signals:
    void resultAvailable(const poslab::gui::LabResult& result);
    void failed(const QString& message);
    void busyChanged(bool busy);

  private:
    friend class ComputeThread;
    void deliver(quint64 generation, const std::shared_ptr<LabResult>& result, const QString& error);
    void setBusy(bool busy);

    std::unique_ptr<ComputeThread> m_thread;
    quint64 m_generation = 0;
    bool m_busy = false;
};

} // namespace poslab::gui
