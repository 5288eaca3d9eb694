#pragma once

// Internal to the oneDNN engine: its state, shared by onednnengine.cpp and engineterms.cpp.

#include "engine/onednnengine.h"
#include "engine/workspace.h"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>

namespace poslab {

namespace engine {

// Below this temperature the engine computes at it instead. The logits c·s are fp32: at T = 1e-45,
// c = scale/T alone is beyond FLT_MAX, and inf·s, inf − inf make NaN probabilities. At T = 2^-64
// the logits of any score below 2^60 in magnitude stay finite, and every key whose score is more
// than 104·2^-64 ≈ 6e-18 below the row's largest already gets exactly 0 or below 2^-125 (exp
// underflows), which is the limit T → 0 at fp32 resolution: the row's largest scores share the
// weight equally. Score terms are T-independent (c·s·T), and logits and bias are scaled back.
inline constexpr double kLowestEngineTemperature = 0x1p-64;

// `plan` at kLowestEngineTemperature when its temperature is below it.
inline std::optional<AttentionPlan> atEngineTemperature(const AttentionPlan& plan)
{
    if (plan.model.temperature >= kLowestEngineTemperature) return std::nullopt;
    AttentionPlan p = plan;
    p.model.temperature = kLowestEngineTemperature;
    return p;
}

// Where the full pass (OneDnnEngine::run) puts each tile's results.
struct OutputSink
{
    AttentionResult* result = nullptr;
    const RunOptions* keep = nullptr; // n × n matrices for the heads it selects
};

// Where the streaming pass (OneDnnEngine::pooled) pools each tile's probabilities.
struct PoolSink
{
    const std::vector<int>* rowEdges = nullptr; // the grid's rows: query rows
    // Key cells from 0 to n: a region's key cells, with one cell before and one after them that
    // pool the keys outside (their sums normalise the rows; their cells are dropped).
    const std::vector<int>* keyEdges = nullptr;
    bool poolMax = true;
    std::vector<std::vector<float>>* pools = nullptr; // per slot, rows × key cells
};

struct Scratch
{
    std::vector<float> s, g, cc, o, w, cell, ext, m, l, alpha, cellVal, cellRef;
    std::vector<int> localEdges, cellEnd;
    std::vector<std::uint16_t> eb;
    std::vector<double> keptBias, keptLogits, keptProbs; // rows × n, row-major (tile.cpp)
    std::vector<double> cellRow;                         // a row of the plan's cell term
};

// Keys per block. Up to 2048 keys one block (the whole row: 128 × 2048 floats = 1 MiB); beyond,
// blocks of 1024 keep a block's scores in L2 however long the sequence.
inline int keyBlockFor(int n, int requested)
{
    if (requested > 0) return std::min(requested, n);
    return n <= 2048 ? n : 1024;
}

// The key block of head h: the whole row when its cell term wants it (CoPE's suffix sums).
inline int headKeyBlock(const AttentionPlan& plan, int h, int requested)
{
    const CellTerm* cell = plan.heads[h].cell.get();
    return cell && cell->wholeRow() ? plan.n() : keyBlockFor(plan.n(), requested);
}

inline int roundUp(int x, int to)
{
    return (x + to - 1) / to * to;
}

// One tile: query rows [i0, i0 + rows) of head h, visited in blocks of keys; what both passes share.
struct Tile
{
    const AttentionPlan& plan;
    const HeadData& d;
    int h, i0, rows, tileRows, n, hd;
    bool causal;
    float c; // scale / temperature, the factor of q·k and of the table terms
    Scratch& sc;

    // Keys of the block [j0, j0 + bw) that row r sees.
    int visible(int r, int j0, int bw) const { return causal ? std::clamp(i0 + r + 1 - j0, 0, bw) : bw; }
    bool tableTerms() const { return !d.keyWindow.empty() || d.keyRows > 0 || d.queryRows > 0 || cell(); }
    const CellTerm* cell() const { return plan.heads[h].cell.get(); }
    // The row's logits over the block's first `len` keys, in place in S (row r of the block's
    // products): c·S + offsetBias/T + c·keyBias·k_j, and the table terms added into `ext` (the row
    // itself unless the caller keeps them apart). Returns the max of the row over its first
    // `maxLen` keys, the table terms included when ext is the row.
    float logits(int r, int j0, int bw, int len, int maxLen, float* ext) const;
    float* row(int r, int bw) const { return sc.s.data() + static_cast<std::size_t>(r) * bw; }
    // The online-softmax step of row r at a block whose max is mb: m' = max(m, m_b), α = e^(m − m');
    // the block's e = exp(logit − m') are then summed and folded in: l = α·l + Σe, m = m'.
    struct Step
    {
        float max, alpha;
    };
    Step step(int r, float mb) const
    {
        const float m = std::max(sc.m[r], mb);
        return {m, std::exp(sc.m[r] - m)};
    }
    void fold(int r, Step s, float sum) const
    {
        sc.l[r] = sc.l[r] * s.alpha + sum;
        sc.m[r] = s.max;
    }
};

} // namespace engine

struct OneDnnEngine::Impl
{
    dnnl::engine eng{dnnl::engine::kind::cpu, 0};
    engine::GemmCache cache{eng};
    std::vector<dnnl::stream> streams;
    engine::Preparer preparer;
    std::vector<engine::HeadData> heads;
    std::vector<engine::Scratch> scratch;
    std::vector<std::vector<float>> pools;
    int threads = 0;
    Precision precision = Precision::F32;
    int keyBlock = 0; // of the current run (RunOptions::keyBlock)

    void setThreads(int t)
    {
        if (t == threads) return;
        omp_set_num_threads(t); // before any primitive is created for this count
        threads = t;
        cache.clear();
        cache.setThreadSlots(t);
        streams.clear();
        for (int i = 0; i < t; ++i)
            streams.emplace_back(eng);
        scratch.resize(t);
    }

    // The two passes over one tile (tile.cpp, pooledtile.cpp), and the products both start a key
    // block with: S = Q_tile · K_blockᵀ, and the key-window product when the head has one.
    void outputTile(const engine::Tile& t, const engine::OutputSink& sink, int slot);
    void pooledTile(const engine::Tile& t, const engine::PoolSink& sink, int slot);
    void blockProducts(const engine::Tile& t, int j0, int bw, int slot);
    engine::Tile tileOf(const AttentionPlan& plan, int h, int i0, int i1, int tileRows, int slot);
    std::vector<ScoreTerm> termsOf(const AttentionPlan& plan, int head, int slot);
    // Calls tile(h, i0, i1, slot) for every tile of query rows [rowBegin, rowEnd) (0, 0: all n) of
    // the listed heads, in parallel.
    void forTiles(const AttentionPlan& plan, const std::vector<int>& headList, int tileRows,
                  const RunOptions& options, const std::function<void(int h, int i0, int i1, int slot)>& tile,
                  int rowBegin = 0, int rowEnd = 0);
};

} // namespace poslab
