#pragma once

#include "attention.h"

#include <cstddef>
#include <memory>
#include <vector>

namespace poslab {

// Attention results whose matrices later runs reuse (the first touch of fresh memory is slow here):
// a result is taken again once nobody else (no view) holds it. Used under the Lab's lock.
class ResultPool
{
  public:
    static constexpr std::size_t kMaxResults = 8;                 // compare: four runs, shown and computing
    static constexpr double kMaxPooledBytes = 1024.0 * (1 << 20); // larger results are not kept idle

    // A free result of size n, or a new one (kept for reuse unless it holds more than kMaxPooledBytes).
    std::shared_ptr<AttentionResult> take(int n, double bytes);
    void trim(std::size_t keepFree); // drops the free results beyond keepFree
    std::size_t size() const { return m_results.size(); }

  private:
    std::vector<std::shared_ptr<AttentionResult>> m_results;
};

} // namespace poslab
