#include "progress.h"

#include <cmath>
#include <cstdio>

namespace poslab {

WorkProgress ProgressClock::update(double done, double total) const
{
    WorkProgress p;
    p.done = done;
    p.total = total;
    p.elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    if (done > 0) p.remaining = p.elapsed * (total - done) / done;
    return p;
}

std::string progressText(const WorkProgress& p)
{
    char text[160];
    const int percent = static_cast<int>(std::floor(100 * p.fraction()));
    if (p.remaining < 0)
        std::snprintf(text, sizeof text, "%d%% of %.2g scores, %.1f s elapsed", percent, p.total, p.elapsed);
    else
        std::snprintf(text, sizeof text, "%d%% of %.2g scores, %.1f s elapsed, about %.1f s left", percent,
                      p.total, p.elapsed, p.remaining);
    return text;
}

} // namespace poslab
