#include "engine/bench.h"

#include "engine/onednnengine.h"
#include "error.h"
#include "scheme.h"
#include "validate.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <vector>

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

} // namespace

BenchReport runBench(const BenchRequest& req, OneDnnEngine& engine)
{
    if (req.n < 1 || req.n > kMaxBenchPositions) throw outOfRange("positions", req.n, 1, kMaxBenchPositions);
    if (req.heads < 1 || req.heads > kMaxHeads) throw outOfRange("heads", req.heads, 1, kMaxHeads);
    if (req.headDim < 1 || req.headDim > kMaxBenchHeadDim)
        throw outOfRange("head_dim", req.headDim, 1, kMaxBenchHeadDim);
    if (req.repeats < 0 || req.repeats > kMaxBenchRepeats)
        throw outOfRange("repeats", req.repeats, 0, kMaxBenchRepeats);
    const int threads = resolveThreads(req.threads);
    ModelConfig model;
    model.heads = req.heads;
    model.dModel = req.heads * req.headDim;
    model.causal = req.causal;
    const Sequence seq = Sequence::positions(req.n);
    const auto scheme = makeScheme(req.scheme, req.params, model);

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
    const int side = std::min(req.n, 4096), wide = 2 * req.headDim * req.heads;
    std::vector<float> a(static_cast<std::size_t>(side) * side, 0.5f),
        b(static_cast<std::size_t>(side) * wide, 0.25f), c(static_cast<std::size_t>(side) * wide);
    const double flops = 4.0 * req.n * static_cast<double>(req.n) * req.headDim * req.heads;
    const double sgemmFlops = 2.0 * side * static_cast<double>(side) * wide;
    auto sgemm = [&] { engine.sgemm(side, wide, side, a.data(), b.data(), c.data(), threads); };

    // Warm up (primitives, pages), then interleave so both see the same machine.
    attention();
    allSteps();
    sgemm();
    std::vector<double> tAtt, tCold, tAll, tPlan, tGemm;
    const double start = nowMs();
    for (int rep = 0;; ++rep) {
        if (req.repeats > 0 ? rep >= req.repeats : rep >= 5 && (nowMs() - start > 1500.0 || rep >= 200))
            break;
        double t0 = nowMs();
        attention();
        tAtt.push_back(nowMs() - t0);
        t0 = nowMs();
        sgemm();
        tGemm.push_back((nowMs() - t0) * flops / sgemmFlops);
        t0 = nowMs();
        cold();
        tCold.push_back(nowMs() - t0);
        t0 = nowMs();
        allSteps();
        tAll.push_back(nowMs() - t0);
        t0 = nowMs();
        const auto s = makeScheme(req.scheme, req.params, model);
        makePlan(*s, seq);
        tPlan.push_back(nowMs() - t0);
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
    r.sgemmShape = std::to_string(side) + "×" + std::to_string(side) + "·" + std::to_string(side) + "×" +
                   std::to_string(wide);
    return r;
}

} // namespace poslab
