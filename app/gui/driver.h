#pragma once

#include <lab.h>

#include <QCoreApplication>
#include <QMetaType>
#include <QObject>

#include <functional>
#include <memory>

class QTimer;

namespace poslab::gui {

class ComputeThread;
class ExplorerState;

// What the explorer asks of every request: every head (the head grid), the score terms of the head
// shown (the worked example), streaming above the memory budget, the head shown clamped to the
// model, and no cell (the worked example reads the state's).
LabRequest explorerRequest(LabRequest request);
// A field error in the explorer's words: the label of the widget that edits the field.
QString explorerMessage(const FieldError& error);

// The one object between core and the widgets. It owns the process's Lab (Export Figure borrows it)
// and computes on a worker thread; a new request supersedes the old: a pending one is replaced, one
// already running is cancelled (core stops at the next tile or head and nothing is emitted for it),
// and a result that finished anyway is dropped (generation counter), so only the newest request is
// ever delivered.
class Driver : public QObject
{
    Q_OBJECT
  public:
    explicit Driver(QObject* parent = nullptr);
    ~Driver() override;

    void request(const LabRequest& request); // as explorerRequest() makes it
    // Edits a copy of the last request and posts it: how panels change one field.
    template <class Edit>
    void update(Edit&& edit)
    {
        LabRequest r = m_last;
        edit(r);
        request(r);
    }
    const LabRequest& lastRequest() const { return m_last; }
    Lab& lab() const { return *m_lab; }    // shared with Export Figure; it takes turns with this driver
    bool isBusy() const { return m_busy; } // a request is outstanding
    bool showsBusy() const { return m_showsBusy; } // ... and has been for longer than busyDelayMs
    quint64 generation() const { return m_generation; }
    bool streamed() const { return m_streamed; } // the last result was pooled (a long sequence)
    bool termsFit() const { return m_termsFit; } // the last result's n allows score terms
    static constexpr int busyDelayMs = 100;
    // Fills the view fields (matrix, head, pooling, Δ range) of every request posted from now on.
    void setViewFields(std::function<void(LabRequest&)> fill);
    // Deep zoom: `region` of the last request's head shown, pooled into at most `cells` cells a side,
    // posted after regionDelayMs without a newer call (zooming and panning post many). It supersedes
    // an older region but never a main request, and a newer main request drops it.
    void requestRegion(const TokenRegion& region, int cells);
    void cancelRegion(); // nothing is delivered for the region asked for last
    static constexpr int regionDelayMs = 150;
    // Compare mode on or off (the compare view shown or not). Off never recomputes: the result shown
    // has more than is needed, and the next request leaves the compare runs out. On recomputes only
    // when the last result lacks them.
    void setCompare(bool on);
    // Progressive display: a request of every head with n² · heads above `cells` (negative: never)
    // is computed in two passes, the head shown alone first (LabRequest::onlyHead), delivered as soon
    // as it is done (resultAvailable with result.request.onlyHead), then every head (resultAvailable
    // again). Not in compare mode.
    void setFirstHeadAbove(double cells) { m_firstHeadAbove = cells; }
    double firstHeadAbove() const { return m_firstHeadAbove; }
    // 2000² × 4 heads takes about a second on these 2-core machines, 1024² × 4 about 0.2 s
    // (docs/performance.md): above that, the head shown first.
    static constexpr double defaultFirstHeadAbove = 4.0 * 1024 * 1024;
    // Stops the request running: it fails with cancelledMessage (a newer request is not affected).
    void cancel();
    static constexpr const char* cancelledMessage = QT_TRANSLATE_NOOP("Driver", "computation cancelled");

  protected:
    // The interface language changed (QEvent::LanguageChange on the application): the texts core
    // writes into a result (worked example, notices, errors) are redone by posting the last request
    // again, once per change, when anything was asked for.
    bool eventFilter(QObject* watched, QEvent* event) override;

  signals:
    void requestChanged(const poslab::LabRequest& request); // panels show what was asked
    // Twice for a slow request of every head: the head shown first (result.request.onlyHead), then all.
    void resultAvailable(const poslab::LabResult& result);
    // The tokens of the newest request, whether the rest of it succeeded or failed (before either signal).
    void tokensAvailable(const std::vector<std::string>& labels);
    void failed(const QString& message);
    void busyChanged(bool busy); // only after busyDelayMs, so quick results never flash a spinner
    void regionAvailable(const poslab::LabResult& result); // the last region of the newest request
    void regionFailed(const QString& message);
    void progress(int done, int total); // engine runs of the newest request (compare mode: four)
    // Within a run: its tiles' progress and the time left measured from them (at most every 100 ms).
    void workProgress(const poslab::WorkProgress& progress);

  private:
    friend class ComputeThread;
    void deliver(quint64 generation, const std::shared_ptr<LabResult>& result, const QString& error,
                 bool first);
    void setShowsBusy(bool shows);
    void deliverRegion(quint64 generation, quint64 serial, const std::shared_ptr<LabResult>& result,
                       const QString& error);

    std::unique_ptr<Lab> m_lab; // outlives the thread, which computes with it
    std::unique_ptr<ComputeThread> m_thread;
    QTimer* m_busyTimer = nullptr;
    QTimer* m_regionTimer = nullptr;
    QTimer* m_languageTimer = nullptr; // one request for the several events of one language switch
    LabRequest m_region;               // the region to post when m_regionTimer fires
    quint64 m_regionSerial = 0;
    std::function<void(LabRequest&)> m_viewFields;
    LabRequest m_last;
    LabRequest m_delivered; // the request of the last result
    quint64 m_generation = 0;
    bool m_busy = false;
    bool m_showsBusy = false;
    bool m_streamed = false;
    bool m_termsFit = true;
    bool m_firstHead = false; // the head shown of the newest request was delivered, every head not yet
    double m_firstHeadAbove = defaultFirstHeadAbove;
};

// Requests follow what the views show: every request takes its view fields from `state`, and a
// change of head, matrix or pooling posts a new one when the last did not compute what it needs.
void followState(Driver& driver, const ExplorerState& state);

} // namespace poslab::gui

Q_DECLARE_METATYPE(poslab::LabResult)
Q_DECLARE_METATYPE(poslab::WorkProgress)
