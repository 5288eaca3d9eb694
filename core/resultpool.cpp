#include "resultpool.h"

#include <atomic>

namespace poslab {

std::shared_ptr<AttentionResult> ResultPool::take(int n, double bytes)
{
    // Kept for reuse only while that is worth it: at large n, idle memory matters more than speed.
    if (bytes > kMaxPooledBytes) return std::make_shared<AttentionResult>();
    auto isFree = [](const std::shared_ptr<AttentionResult>& r) { return r.use_count() == 1; };
    // A free result of the same size first: its matrices are reused without touching fresh pages.
    for (const auto& r : m_results)
        if (isFree(r) && r->n() == n) {
            std::atomic_thread_fence(std::memory_order_acquire); // the views' last reads came before
            return r;
        }
    // Free results of another size only hold memory.
    std::erase_if(m_results, [&](const auto& r) { return isFree(r) && r->n() != n; });
    auto fresh = std::make_shared<AttentionResult>();
    if (m_results.size() < kMaxResults) m_results.push_back(fresh);
    return fresh;
}

void ResultPool::trim(std::size_t keepFree)
{
    std::size_t free = 0;
    std::erase_if(m_results, [&](const auto& r) { return r.use_count() == 1 && ++free > keepFree; });
}

} // namespace poslab
