#include "progressline.h"

#include <cstdlib>

#include <unistd.h>

namespace poslab::cli {

ProgressLine::ProgressLine(std::FILE* out) : m_state(std::make_shared<State>())
{
    m_state->out = out;
    m_state->enabled = ::isatty(::fileno(out)) == 1;
    if (const char* v = std::getenv("POSLAB_PROGRESS_AFTER"); v && *v) {
        m_state->after = std::atof(v);
        m_state->enabled = true;
    }
}

void ProgressLine::operator()(const WorkProgress& p) const
{
    State& s = *m_state;
    const bool finished = p.done >= p.total;
    if (!s.enabled || s.ended) return;
    if (s.lastPrinted < 0) {
        // Not before the estimate says the whole will take longer than `after`.
        if (finished || p.remaining < 0 || p.elapsed + p.remaining <= s.after) return;
    } else if (!finished && p.elapsed - s.lastPrinted < 1.0) {
        return;
    }
    std::fprintf(s.out, "poslab-cli: %s\n", progressText(p).c_str());
    std::fflush(s.out);
    s.lastPrinted = p.elapsed;
    s.ended = finished;
}

} // namespace poslab::cli
