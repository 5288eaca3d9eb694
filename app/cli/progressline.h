#pragma once

#include "progress.h"

#include <cstdio>
#include <memory>

namespace poslab::cli {

// poslab-cli's progress on stderr. Once a computation is expected to take over 2 s (the time so far
// plus the estimate measured from its tiles), a line at most every second (every 10 s when stderr is
// not a terminal), and a last one when it ends: "poslab-cli: 42% of 2.7e+08 scores, 3.1 s elapsed,
// about 4.3 s left". Quick work prints nothing; --quiet prints nothing.
// POSLAB_PROGRESS_AFTER (seconds) replaces the 2 s and sets a line a second, for tests.
class ProgressLine
{
  public:
    explicit ProgressLine(std::FILE* out);
    void operator()(const WorkProgress& p) const;

  private:
    struct State
    {
        std::FILE* out = nullptr;
        double after = 2.0;
        double interval = 1.0;  // seconds between lines
        double lastPrinted = -1; // elapsed at the last line, −1 before any
        bool ended = false;      // the line at 100% is printed
    };
    std::shared_ptr<State> m_state; // shared by the copies std::function makes
};

} // namespace poslab::cli
