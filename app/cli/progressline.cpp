#include "progressline.h"

#include <cstdlib>

namespace poslab::cli {

ProgressLine::ProgressLine(std::FILE* out) : m_state(std::make_shared<State>())
{
    m_state->out = out;
    if (const char* v = std::getenv("POSLAB_PROGRESS_AFTER"); v && *v) m_state->after = std::atof(v);
}

void ProgressLine::operator()(const WorkProgress& p) const
{
    State& s = *m_state;
    const bool finished = p.done >= p.total;
    if (s.lastPrinted < 0) {
        // Not before the estimate says the whole will take longer than `after`.
        if (finished || p.remaining < 0 || p.elapsed + p.remaining <= s.after) return;
    } else if (!finished && p.elapsed - s.lastPrinted < 1.0) {
        return;
    }
    std::fprintf(s.out, "poslab-cli: %s\n", progressText(p).c_str());
    std::fflush(s.out);
    s.lastPrinted = p.elapsed;
}

} // namespace poslab::cli
