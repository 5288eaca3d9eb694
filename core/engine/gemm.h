#pragma once

#include "engine/options.h"

#include <oneapi/dnnl/dnnl.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <tuple>
#include <vector>

namespace poslab::engine {

using poslab::Precision;

// One matmul shape: C (M × N, row stride ldc, f32) = A (M × K, row stride lda) · B, where B is
// K × N (row stride ldb) or, with transB, stored N × K (row stride ldb) and read transposed;
// with transA, A is stored K × M (column-major, as Eigen keeps it).
// A and B are f32 or bf16 (precision); with accumulate, C += A · B (a sum post-op). With packedB, B
// is in the matmul's own layout (oneDNN's choice for these dims, ldb and transB unused): see packB.
struct GemmShape
{
    long m = 0, n = 0, k = 0;
    long lda = 0, ldb = 0, ldc = 0;
    bool transB = false;
    bool accumulate = false;
    Precision precision = Precision::F32;
    bool transA = false;
    bool packedB = false;
    auto key() const
    {
        return std::tuple(m, n, k, lda, ldb, ldc, transB, accumulate, precision, transA, packedB);
    }
    bool operator<(const GemmShape& o) const { return key() < o.key(); }
};

// oneDNN matmul primitives created once per shape and kept, with per-thread memory objects and a
// per-thread user scratchpad so that threads of an OpenMP region can execute them concurrently.
class GemmCache
{
  public:
    explicit GemmCache(const dnnl::engine& eng);
    ~GemmCache();
    void setThreadSlots(int slots);
    // Creates the primitive if needed (safe inside a parallel region).
    void prepare(const GemmShape& shape);
    // Runs on `stream` as thread slot `slot` (omp_get_thread_num() inside a region, else 0).
    void run(const GemmShape& shape, const void* a, const void* b, float* c, const dnnl::stream& stream,
             int slot);
    std::string implementation(const GemmShape& shape);
    // B's layout in the matmul of `shape` (for packedB, the one oneDNN chose).
    dnnl::memory::desc packedLayout(const GemmShape& shape);
    // Whether B of `shape` (packedB) has the same blocking as `layout`: then B can be a block of a
    // larger matrix packed in `layout`, starting at a multiple of its blocks.
    bool sameBlocking(const GemmShape& shape, const dnnl::memory::desc& layout);
    // B given as in `from` (same k, n and precision) reordered into the layout of `shape`; dst holds
    // packedLayout(shape).get_size() bytes.
    void packB(const GemmShape& shape, const GemmShape& from, const void* b, void* dst,
               const dnnl::stream& stream);
    void clear();

  private:
    struct Entry;
    Entry& entry(const GemmShape& shape);

    dnnl::engine m_engine;
    std::mutex m_mutex;
    std::map<GemmShape, std::unique_ptr<Entry>> m_entries;
    std::vector<std::vector<char>> m_scratch; // per slot, grown on demand by its own thread
    int m_slots = 1;
};

} // namespace poslab::engine
