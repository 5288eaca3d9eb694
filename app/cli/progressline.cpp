#include "progressline.h"

#include <cstdlib>

#include <unistd.h>

namespace poslab::cli {

ProgressLine::ProgressLine(std::FILE* out) : m_state(std::make_shared<State>())
{
    m_state->out = out;
    // A terminal gets a line a second; a pipe or a log file one every 10 s, so that a run of an hour
    // leaves a few hundred lines, not thousands.
    m_state->interval = ::isatty(::fileno(out)) == 1 ? 1.0 : 10.0;
    if (const char* v = std::getenv("POSLAB_PROGRESS_AFTER"); v && *v) {
        m_state->after = std::atof(v);
        m_state->interval = 1.0;
    }
}

void ProgressLine::operator()(const WorkProgress& p) const
{
    State& s = *m_state;
    const bool finished = p.done >= p.total;
    if (s.ended) return;
    if (s.lastPrinted < 0) {
        // Not before the estimate says the whole will take longer than `after`.
        if (finished || p.remaining < 0 || p.elapsed + p.remaining <= s.after) return;
    } else if (!finished && p.elapsed - s.lastPrinted < s.interval) {
        return;
    }
    std::fprintf(s.out, "poslab-cli: %s\n", progressText(p).c_str());
    std::fflush(s.out);
    s.lastPrinted = p.elapsed;
    s.ended = finished;
}

} // namespace poslab::cli
