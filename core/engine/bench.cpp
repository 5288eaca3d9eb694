#include "engine/bench.h"

#include "engine/cpuisa.h"
#include "engine/onednnengine.h"
#include "error.h"
#include "scheme.h"
#include "validate.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <vector>

#include <sys/resource.h>

namespace poslab {

namespace {

double nowMs()
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
}

double peakRssMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0; // KiB on Linux
}

bool enough(const BenchRequest& req, int rep, int least, double startMs)
{
    return req.repeats > 0 ? rep >= req.repeats : rep >= least && (nowMs() - startMs > 1500.0 || rep >= 200);
}

// An sgemm C (side × wide) = A (side × side) · B through the engine's own matmul machinery, side
// capped at 4096, its time scaled to `flops`.
struct Sgemm
{
    Sgemm(OneDnnEngine& engine, int side, int wide, int threads, double flops)
        : engine(engine), side(side), wide(wide), threads(threads),
          scale(flops / (2.0 * side * static_cast<double>(side) * wide)),
          a(static_cast<std::size_t>(side) * side, 0.5f), b(static_cast<std::size_t>(side) * wide, 0.25f),
          c(static_cast<std::size_t>(side) * wide)
    {
    }
    void run() { engine.sgemm(side, wide, side, a.data(), b.data(), c.data(), threads); }
    double timedMs()
    {
        const double t0 = nowMs();
        run();
        return (nowMs() - t0) * scale;
    }
    std::string shape() const
    {
        return std::to_string(side) + "×" + std::to_string(side) + "·" + std::to_string(side) + "×" +
               std::to_string(wide);
    }
    OneDnnEngine& engine;
    int side, wide, threads;
    double scale;
    std::vector<float> a, b, c;
};

// Streaming: head 0 pooled into pool × pool cells, against the sgemm time of its 2·n²·d q·k flops.
BenchReport runPooledBench(const BenchRequest& req, const AttentionPlan& plan, int threads, OneDnnEngine& engine)
{
    if (req.engine != EngineKind::OneDnn)
        throw FieldError("pool", "{pool} needs {engine} onednn (the reference engine holds n \u00d7 n)");
    RunOptions opts;
    opts.threads = threads;
    opts.precision = req.precision;
    const double flops = 2.0 * req.n * static_cast<double>(req.n) * req.headDim;
    engine.pooled(plan, 0, req.pool, req.poolMode, opts); // warm-up; the peak is this run's
    BenchReport r;
    r.peakRssMiB = peakRssMiB();
    Sgemm sgemm(engine, std::min(req.n, 4096), 1024, threads, flops);
    sgemm.run();
    std::vector<double> tPool, tGemm;
    const double start = nowMs();
    for (int rep = 0; !enough(req, rep, 3, start); ++rep) {
        const double t0 = nowMs();
        engine.pooled(plan, 0, req.pool, req.poolMode, opts);
        tPool.push_back(nowMs() - t0);
        tGemm.push_back(sgemm.timedMs());
    }
    r.engine = engine.describe();
    r.threads = threads;
    r.runs = static_cast<int>(tPool.size());
    r.flops = flops;
    r.attentionMs = median(tPool);
    r.sgemmMs = median(tGemm);
    r.sgemmShape = sgemm.shape();
    return r;
}

} // namespace

BenchReport runBench(const BenchRequest& req, OneDnnEngine& engine)
{
    if (req.n < 1 || req.n > kMaxBenchPositions) throw outOfRange("positions", req.n, 1, kMaxBenchPositions);
    if (req.heads < 1 || req.heads > kMaxHeads) throw outOfRange("heads", req.heads, 1, kMaxHeads);
    if (req.headDim < 1 || req.headDim > kMaxBenchHeadDim)
        throw outOfRange("head_dim", req.headDim, 1, kMaxBenchHeadDim);
    if (req.repeats < 0 || req.repeats > kMaxBenchRepeats)
        throw outOfRange("repeats", req.repeats, 0, kMaxBenchRepeats);
    if (req.pool < 0 || req.pool > kMaxPoolCells) throw outOfRange("pool", req.pool, 1, kMaxPoolCells);
    const int threads = resolveThreads(req.threads);
    ModelConfig model;
    model.heads = req.heads;
    model.dModel = req.heads * req.headDim;
    model.causal = req.causal;
    const Sequence seq = Sequence::positions(req.n);
    const auto scheme = makeScheme(req.scheme, req.params, model);
    if (req.pool > 0) {
        BenchReport r = runPooledBench(req, makePlan(*scheme, seq), threads, engine);
        r.kernelIsa = kernelIsa();
        r.onednnIsa = onednnIsa();
        return r;
    }

    RunOptions bare;
    bare.heads = {};
    bare.probs = false;
    bare.threads = threads;
    bare.precision = req.precision;
    RunOptions heatmap = RunOptions::forHead(0);
    heatmap.threads = threads;
    heatmap.precision = req.precision;
    checkPrecision(req.engine, req.precision);

    const AttentionPlan plan = makePlan(*scheme, seq);
    AttentionResult result;
    std::function<void()> attention, cold, allSteps;
    if (req.engine == EngineKind::OneDnn) {
        attention = [&] { engine.run(plan, bare, result); };
        cold = [&] {
            engine.forgetInputs();
            engine.run(plan, bare, result);
        };
        allSteps = [&] {
            const auto s = makeScheme(req.scheme, req.params, model);
            engine.run(makePlan(*s, seq), heatmap, result);
        };
    } else {
        attention = [&] { result = referenceAttention(*scheme, seq); };
        cold = attention;
        allSteps = [&] {
            const auto s = makeScheme(req.scheme, req.params, model);
            makePlan(*s, seq);
            result = referenceAttention(*s, seq);
        };
    }

    // sgemm with the attention's flop count, 4·n²·D·H = 2·n·n·(2·D·H): C (n × 2DH) = A (n × n) · B.
    // Above n = 4096 the square side is capped and its rate scaled to the flop count.
    const double flops = 4.0 * req.n * static_cast<double>(req.n) * req.headDim * req.heads;
    Sgemm sgemm(engine, std::min(req.n, 4096), 2 * req.headDim * req.heads, threads, flops);
    auto run = [&](const std::function<void()>& f, std::vector<double>& times) {
        const double t0 = nowMs();
        f();
        times.push_back(nowMs() - t0);
    };

    // Warm up (primitives, pages), then interleave so both see the same machine.
    attention();
    allSteps();
    sgemm.run();
    std::vector<double> tAtt, tCold, tAll, tPlan, tGemm;
    const double start = nowMs();
    for (int rep = 0; !enough(req, rep, 5, start); ++rep) {
        run(attention, tAtt);
        tGemm.push_back(sgemm.timedMs());
        run(cold, tCold);
        run(allSteps, tAll);
        run([&] { makePlan(*makeScheme(req.scheme, req.params, model), seq); }, tPlan);
    }
    BenchReport r;
    r.engine = req.engine == EngineKind::OneDnn ? engine.describe() : "reference (Eigen oracle, double)";
    r.threads = threads;
    r.runs = static_cast<int>(tAtt.size());
    r.flops = flops;
    r.attentionMs = median(tAtt);
    r.coldMs = median(tCold);
    r.allStepsMs = median(tAll);
    r.planMs = median(tPlan);
    r.sgemmMs = median(tGemm);
    r.sgemmShape = sgemm.shape();
    r.kernelIsa = kernelIsa();
    r.onednnIsa = onednnIsa();
    return r;
}

} // namespace poslab
