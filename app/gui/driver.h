#pragma once

#include "labrequest.h"

#include <QObject>

class QTimer;

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
    // Edits a copy of the last request and posts it: how panels change one field.
    template <class Edit>
    void update(Edit&& edit)
    {
        LabRequest r = m_last;
        edit(r);
        request(r);
    }
    const LabRequest& lastRequest() const { return m_last; }
    bool isBusy() const { return m_busy; }         // a request is outstanding
    bool showsBusy() const { return m_showsBusy; } // ... and has been for longer than busyDelayMs
    quint64 generation() const { return m_generation; }
    static constexpr int busyDelayMs = 100;

  signals:
    void requestChanged(const poslab::gui::LabRequest& request); // panels show what was asked
    void resultAvailable(const poslab::gui::LabResult& result);
    void failed(const QString& message);
    void busyChanged(bool busy); // only after busyDelayMs, so quick results never flash a spinner

  private:
    friend class ComputeThread;
    void deliver(quint64 generation, const std::shared_ptr<LabResult>& result, const QString& error);
    void setShowsBusy(bool shows);

    std::unique_ptr<ComputeThread> m_thread;
    QTimer* m_busyTimer = nullptr;
    LabRequest m_last;
    quint64 m_generation = 0;
    bool m_busy = false;
    bool m_showsBusy = false;
};

} // namespace poslab::gui
