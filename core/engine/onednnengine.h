#pragma once

#include "engine/engine.h"
#include "engine/gemm.h"

#include <memory>

namespace poslab {

// One head's probabilities pooled into a cells × cells grid without ever holding n × n. Cell (a, b)
// covers query rows [rowEdges[a], rowEdges[a+1]) and keys [colEdges[b], colEdges[b+1]), with
// edge[a] = floor(a·n / cells); cells = min(requested, n). Max or mean of the cell's probabilities
// (masked entries count as 0).
struct PooledProbs
{
    int head = 0;
    PoolMode mode = PoolMode::Max;
    std::vector<int> edges; // cells + 1 entries, the same for rows and columns
    Eigen::MatrixXd grid;   // cells × cells
};

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
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace poslab
