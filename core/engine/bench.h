#pragma once

#include "engine/options.h"
#include "params.h"

#include <string>

namespace poslab {

class OneDnnEngine;

// One benchmark of the attention engine against the machine's own sgemm, shared by
// `poslab-cli bench` and the Google Benchmark target.
struct BenchRequest
{
    int n = 1024;
    int heads = 8;
    int headDim = 64;
    std::string scheme = "none";
    RawParams params;
    bool causal = false;
    EngineKind engine = EngineKind::OneDnn;
    Precision precision = Precision::F32;
    int threads = 0;
    int repeats = 0; // 0: at least 5 (pooled: 3), more while under about 1.5 s
    // > 0: time the streaming mode instead, head 0's probabilities pooled into pool × pool cells
    int pool = 0;
    PoolMode poolMode = PoolMode::Max;
};

struct BenchReport
{
    std::string engine;    // describe() of the engine
    std::string kernelIsa; // the row kernels' SIMD target (cpuisa.h)
    std::string onednnIsa; // oneDNN's, as ONEDNN_MAX_CPU_ISA names it
    int threads = 0;
    int runs = 0;
    // 4·n²·head_dim per head (causal counts the full square too); pooled: 2·n²·head_dim, the q·k
    // products of the one head
    double flops = 0;
    // median: attention from cached q, k, v (the plan's inputs unchanged), nothing n × n kept;
    // pooled: one pooled() call
    double attentionMs = 0;
    double coldMs = 0;      // median: the same with the projection x · [W_q W_k W_v] redone
    double allStepsMs = 0;  // median: scheme + plan + attention keeping one head's probs
    double planMs = 0;      // median: scheme + plan
    double peakRssMiB = 0;  // pooled: the process's peak resident memory after the pooled runs
    double sgemmMs = 0;     // median sgemm time for the same flop count
    std::string sgemmShape; // "M×K·K×N" actually run (its rate is scaled to the flop count)
    double gflops() const { return flops / attentionMs * 1e-6; }
    double sgemmGflops() const { return flops / sgemmMs * 1e-6; }
    double ratio() const { return sgemmMs / attentionMs; }
};

// Times `engine` (the Lab's, through Lab::bench). Errors name the field: "positions" (n), "heads",
// "head_dim", "repeats", "dtype".
BenchReport runBench(const BenchRequest& request, OneDnnEngine& engine);

} // namespace poslab
