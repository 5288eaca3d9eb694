#pragma once

#include <chrono>
#include <string>

namespace poslab {

// How far a long computation is, and the time left estimated from the rate measured so far (its
// first tiles), never from an assumed speed.
struct WorkProgress
{
    double done = 0, total = 0; // score cells
    double elapsed = 0;         // seconds since the computation started
    double remaining = -1;      // seconds, elapsed · (total − done) / done; −1 before any work is done
    double fraction() const { return total > 0 ? done / total : 0; }
};

// Turns the engine's (done, total) reports into WorkProgress, timed from construction.
class ProgressClock
{
  public:
    ProgressClock() : m_start(std::chrono::steady_clock::now()) {}
    WorkProgress update(double done, double total) const;

  private:
    std::chrono::steady_clock::time_point m_start;
};

// "42% of 2.7e+08 scores, 3.1 s elapsed, about 4.3 s left"
std::string progressText(const WorkProgress& p);

} // namespace poslab
