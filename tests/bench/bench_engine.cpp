// Timings of the attention engines on this machine. Rates count 4·n²·head_dim flops per head;
// BM_Sgemm runs a oneDNN sgemm of the same flop count for the ratio (see docs/performance.md).
//   poslab_bench --benchmark_filter=Attention     (or Sgemm, AllSteps, Oracle, Pooled)

#include "engine/onednnengine.h"
#include "allocator.h"
#include "plan.h"
#include "scheme.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <vector>

using namespace poslab;

namespace {

constexpr int kHeads = 8, kHeadDim = 64;

// As poslab-cli and the app do at start (benchmark_main owns main()).
const bool kAllocatorTuned = (retainFreedMemory(), true);

ModelConfig model(bool causal = false, int heads = kHeads)
{
    ModelConfig m;
    m.heads = heads;
    m.dModel = heads * kHeadDim;
    m.causal = causal;
    return m;
}

double flops(int n, int heads = kHeads)
{
    return 4.0 * n * static_cast<double>(n) * kHeadDim * heads;
}

// Attention from q, k, v (the projections are cached while the plan's inputs do not change, as
// when a scheme's slider moves); nothing n × n kept. Args: n, threads, bf16, causal.
void BM_Attention(benchmark::State& state)
{
    const int n = static_cast<int>(state.range(0));
    const auto scheme = makeScheme("none", {}, model(state.range(3) != 0));
    const AttentionPlan plan = makePlan(*scheme, Sequence::positions(n));
    OneDnnEngine engine;
    RunOptions opts;
    opts.probs = false;
    opts.threads = static_cast<int>(state.range(1));
    opts.precision = state.range(2) ? Precision::BF16 : Precision::F32;
    if (opts.precision == Precision::BF16 && !OneDnnEngine::bf16Supported()) {
        state.SkipWithError("no bf16 on this CPU");
        return;
    }
    AttentionResult result;
    engine.run(plan, opts, result);
    for (auto _ : state)
        engine.run(plan, opts, result);
    state.counters["GFLOP/s"] =
        benchmark::Counter(flops(n) * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
}

// The sgemm ceiling: C (n × 2·H·D) = A (n × n) · B, the same flop count as BM_Attention.
void BM_Sgemm(benchmark::State& state)
{
    const int n = static_cast<int>(state.range(0)), wide = 2 * kHeads * kHeadDim;
    std::vector<float> a(static_cast<std::size_t>(n) * n, 0.5f), b(static_cast<std::size_t>(n) * wide, 0.25f),
        c(static_cast<std::size_t>(n) * wide);
    OneDnnEngine engine;
    const int threads = static_cast<int>(state.range(1));
    engine.sgemm(n, wide, n, a.data(), b.data(), c.data(), threads);
    for (auto _ : state)
        engine.sgemm(n, wide, n, a.data(), b.data(), c.data(), threads);
    state.counters["GFLOP/s"] =
        benchmark::Counter(flops(n) * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
}

// One heatmap recompute after a parameter change: scheme, plan, attention keeping head 0's probs.
void BM_AllSteps(benchmark::State& state)
{
    const int n = static_cast<int>(state.range(0));
    const Sequence seq = Sequence::positions(n);
    OneDnnEngine engine;
    RunOptions opts = RunOptions::forHead(0);
    AttentionResult result;
    int step = 0;
    for (auto _ : state) {
        // a different T5 parameter each time, as a slider would send
        const auto scheme = makeScheme("t5", {{"num_buckets", std::to_string(16 + step++ % 16)}}, model());
        engine.run(makePlan(*scheme, seq), opts, result);
    }
}

// The Eigen oracle (double), for the ≥ 10× comparison.
void BM_Oracle(benchmark::State& state)
{
    const int n = static_cast<int>(state.range(0));
    const auto scheme = makeScheme("none", {}, model());
    const Sequence seq = Sequence::positions(n);
    for (auto _ : state)
        benchmark::DoNotOptimize(referenceAttention(*scheme, seq));
    state.counters["GFLOP/s"] =
        benchmark::Counter(flops(n) * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
}

// Streaming: one head (head_dim 64) pooled to 1024 × 1024. Args: n, bf16.
void BM_Pooled(benchmark::State& state)
{
    const int n = static_cast<int>(state.range(0));
    const auto scheme = makeScheme("alibi", {}, model(false, 1));
    const AttentionPlan plan = makePlan(*scheme, Sequence::positions(n));
    OneDnnEngine engine;
    RunOptions opts;
    opts.precision = state.range(1) ? Precision::BF16 : Precision::F32;
    if (opts.precision == Precision::BF16 && !OneDnnEngine::bf16Supported()) {
        state.SkipWithError("no bf16 on this CPU");
        return;
    }
    for (auto _ : state)
        benchmark::DoNotOptimize(engine.pooled(plan, 0, 1024, PoolMode::Max, opts));
    state.counters["GFLOP/s"] =
        benchmark::Counter(flops(n, 1) / 2 * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
}

BENCHMARK(BM_Attention)
    ->ArgNames({"n", "threads", "bf16", "causal"})
    ->ArgsProduct({{64, 256, 1024, 2048, 4096}, {2}, {0}, {0}})
    ->ArgsProduct({{1024, 4096}, {1}, {0}, {0}})
    ->ArgsProduct({{1024, 4096}, {2}, {1}, {0}})
    ->ArgsProduct({{1024, 4096}, {2}, {0}, {1}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_Sgemm)
    ->ArgNames({"n", "threads"})
    ->ArgsProduct({{64, 256, 1024, 2048, 4096}, {2}})
    ->ArgsProduct({{1024, 4096}, {1}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_AllSteps)
    ->ArgName("n")
    ->Arg(64)
    ->Arg(256)
    ->Arg(1024)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_Oracle)
    ->ArgName("n")
    ->Arg(64)
    ->Arg(256)
    ->Arg(1024)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_Pooled)
    ->ArgNames({"n", "bf16"})
    ->ArgsProduct({{64, 16384, 65536}, {0, 1}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1);

} // namespace
