#pragma once

#include "engine/engine.h"
#include "engine/gemm.h"

#include <memory>

namespace poslab {

// One head's probabilities pooled into a grid without ever holding n × n. Cell (a, b) covers query
// rows [edges[a], edges[a+1]) and keys [keyEdges[b], keyEdges[b+1]). The whole map: cells × cells
// with edge[a] = floor(a·n / cells), cells = min(requested, n), the same edges for rows and keys. A
// region: its rows and keys in square blocks of `step` tokens (regionStep), the last block of each
// side shorter when the side is not a multiple of it. Max or mean of the cell's probabilities
// (masked entries count as 0); each row is normalised over all n keys, whatever keys are pooled.
struct PooledProbs
{
    int head = 0;
    PoolMode mode = PoolMode::Max;
    std::vector<int> edges;    // query rows: grid.rows() + 1 entries
    std::vector<int> keyEdges; // keys: grid.cols() + 1 entries
    int step = 0;              // a region's tokens per cell side; 0: the whole map's floor edges
    Eigen::MatrixXd grid;      // rows × keys cells
    bool isRegion() const { return step > 0; }
};

// Tokens per cell side of `region` pooled into at most `cells` cells a side: ceil(longer side / cells).
int regionStep(const TokenRegion& region, int cells);
// begin, begin + step, …, end.
std::vector<int> regionEdges(int begin, int end, int step);

// The fast engine: oneDNN matmuls on tiles of query rows, with scale, table terms, biases, mask and
// softmax fused in one pass over each tile while it is in cache. Primitives (per shape and dtype)
// and buffers (per n) are kept for the engine's lifetime. One call at a time: an engine is not
// shared between threads (each of its runs uses all of its threads).
class OneDnnEngine final : public AttentionEngine
{
  public:
    OneDnnEngine();
    ~OneDnnEngine() override;
    EngineKind kind() const override { return EngineKind::OneDnn; }
    using AttentionEngine::run;
    void run(const AttentionPlan& plan, const RunOptions& options, AttentionResult& result) override;
    std::string describe() const override;

    // Streaming mode: one head's probabilities, pooled (options.threads and precision apply).
    PooledProbs pooled(const AttentionPlan& plan, int head, int cells, PoolMode mode,
                       const RunOptions& options);
    // Only `region` (validated by the caller: inside the map, not empty), pooled into at most
    // `cells` cells a side: its rows are computed over every key, its keys alone are pooled.
    PooledProbs pooled(const AttentionPlan& plan, int head, const TokenRegion& region, int cells,
                       PoolMode mode, const RunOptions& options);

    // Score terms of one head computed by this engine (float, oneDNN products), canonical order
    // and names of engine/terms.h; each n × n, scaled, not divided by the temperature.
    std::vector<ScoreTerm> terms(const AttentionPlan& plan, int head, const RunOptions& options);

    // Forgets the inputs of the last projection, so that the next run projects again (benchmarks).
    void forgetInputs();

    static bool bf16Supported();
    void
    checkPrecisionSupported(Precision precision) const; // FieldError "dtype" for bf16 without AVX-512 bf16
    std::string cpuIsa() const;
    // A plain sgemm C = A · B (M × K times K × N) through the same machinery, for the benchmarks.
    void sgemm(int m, int n, int k, const float* a, const float* b, float* c, int threads);

  private:
    void streamPooled(const AttentionPlan& plan, const TokenRegion& region, const RunOptions& options,
                      PooledProbs& out);
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace poslab
