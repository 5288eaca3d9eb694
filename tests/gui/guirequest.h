#pragma once

#include "driver.h"

#include <lab.h>

#include <QEventLoop>
#include <QTimer>

#include <atomic>
#include <string>

namespace poslab::test {

// A request for `text` under `scheme`, everything else at its default (the tests' usual start).
inline LabRequest request(const std::string& text, const std::string& scheme, int heads = 4)
{
    LabRequest r;
    r.text = text;
    r.scheme = scheme;
    r.model.heads = heads;
    return r;
}

// What the explorer's driver computes for `r`, here on the test thread.
inline LabResult computeAll(Lab& lab, const LabRequest& r, const std::atomic<bool>* cancel = nullptr)
{
    RunControl control;
    control.cancel = cancel;
    return lab.compute(gui::explorerRequest(r), control);
}

inline LabResult computeAll(const LabRequest& r, const std::atomic<bool>* cancel = nullptr)
{
    static Lab lab; // the tests' own, as the driver has its own
    return computeAll(lab, r, cancel);
}

// Runs the event loop until `driver` has nothing running or queued (true), or `timeoutMs` passes
// (false). Polled: it holds whether the last result arrived before or after the call.
inline bool waitIdle(gui::Driver* driver, int timeoutMs)
{
    if (!driver->isBusy()) return true;
    QEventLoop loop;
    QTimer::singleShot(timeoutMs, &loop, [&loop] { loop.exit(1); });
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&loop, driver] {
        if (!driver->isBusy()) loop.exit(0);
    });
    poll.start(20);
    return loop.exec() == 0;
}

} // namespace poslab::test
