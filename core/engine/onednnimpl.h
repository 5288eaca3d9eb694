#pragma once

// Internal to the oneDNN engine: its state, shared by onednnengine.cpp and engineterms.cpp.

#include "engine/onednnengine.h"
#include "engine/workspace.h"

#include <omp.h>

namespace poslab {

namespace engine {

// What the tile pass does with each finished row.
struct TileSink
{
    bool output = true; // p · V (+ value table) into the result
    AttentionResult* result = nullptr;
    const RunOptions* keep = nullptr; // n × n matrices for the heads it selects
    // pooled probabilities (streaming)
    const std::vector<int>* edges = nullptr;
    bool poolMax = true;
    std::vector<std::vector<float>>* pools = nullptr; // per slot, cells × cells
};

struct Scratch
{
    std::vector<float> s, g, cc, o, w, cell, ext, m, l, alpha, cellVal, cellRef;
    std::vector<int> localEdges;
    std::vector<std::uint16_t> eb;
    std::vector<double> keptBias, keptLogits, keptProbs; // rows × n, row-major (tile.cpp)
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

    void tile(const AttentionPlan& plan, int h, int i0, int i1, int tileRows, const engine::TileSink& sink,
              int slot);
    std::vector<ScoreTerm> termsOf(const AttentionPlan& plan, int head, int slot);
    void forTiles(const AttentionPlan& plan, const std::vector<int>& headList, int tileRows,
                  const engine::TileSink& sink, const RunOptions& options);
};

} // namespace poslab
