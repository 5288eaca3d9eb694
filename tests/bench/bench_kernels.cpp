// Each row kernel (engine/kernels.h) under each Highway target this CPU runs, on rows as the tiles
// see them (1024 keys, cells of 64 keys when pooling 65,536 keys into 1024 cells):
//   poslab_bench --benchmark_filter='BM_Kernel'                 every kernel, every target
//   poslab_bench --benchmark_filter='BM_Kernel_ExpRow.*/avx2/'  our exp against hwy/contrib's
// Rates are elements (scores, cells, converted floats) per second.

#include "engine/cpuisa.h"
#include "engine/kernels.h"

#include <benchmark/benchmark.h>
#include <hwy/targets.h>

#include <random>
#include <string>
#include <utility>
#include <vector>

namespace k = poslab::engine::kernels;

namespace {

constexpr int kLen = 1024, kCellKeys = 64, kCells = kLen / kCellKeys;

std::vector<float> randomRow(int len, float lo, float hi)
{
    std::mt19937 rng(len);
    std::uniform_real_distribution<float> dist(lo, hi);
    std::vector<float> v(len);
    for (float& x : v)
        x = dist(rng);
    return v;
}

struct Rows
{
    std::vector<float> row = randomRow(kLen, -20.f, 0.f), src = randomRow(kLen, -1.f, 1.f),
                       off = randomRow(2 * kLen, -2.f, 0.f), col = randomRow(kLen, -1.f, 1.f),
                       table = randomRow(64 * kLen, -1.f, 1.f), out = std::vector<float>(kLen),
                       ref = randomRow(kLen, -30.f, 0.f);
    std::vector<std::int32_t> idx = std::vector<std::int32_t>(2 * kLen);
    std::vector<int> edges;
    std::vector<std::uint16_t> bf = std::vector<std::uint16_t>(kLen);
    Rows()
    {
        for (int j = 0; j < 2 * kLen; ++j)
            idx[j] = (j * 7) % 33; // T5-like: 32 buckets
        for (int e = 0; e <= kLen; e += kCellKeys)
            edges.push_back(e);
    }
};

// The kernels work in place; inputs are chosen so that repeated calls stay finite (exp with
// max = 1 converges towards 1).
using Run = void (*)(Rows&);
const std::pair<const char*, Run> kKernels[] = {
    {"ScoreRow",
     [](Rows& r) {
         benchmark::DoNotOptimize(k::scoreRow(r.row.data(), kLen, kLen, 0.5f, r.off.data(), 3, nullptr));
     }},
    {"ScoreRowOffCol",
     [](Rows& r) {
         benchmark::DoNotOptimize(k::scoreRow(r.row.data(), kLen, kLen, 0.5f, r.off.data(), 3, r.col.data()));
     }},
    {"AddRow", [](Rows& r) { k::addRow(r.row.data(), r.src.data(), kLen, 1e-3f); }},
    {"MaxRow", [](Rows& r) { benchmark::DoNotOptimize(k::maxRow(r.row.data(), kLen)); }},
    {"GatherAddRow",
     [](Rows& r) { k::gatherAddRow(r.row.data(), kLen, r.table.data(), 64, r.idx.data(), 5); }},
    {"GatherStrideAddRow",
     [](Rows& r) { k::gatherStrideAddRow(r.row.data(), kLen, r.table.data(), 33, r.idx.data(), 5); }},
    {"ExpRow", [](Rows& r) { benchmark::DoNotOptimize(k::expRow(r.row.data(), kLen, 1.f)); }},
    {"ExpRowContribExp",
     [](Rows& r) { benchmark::DoNotOptimize(k::expRowContribExp(r.row.data(), kLen, 1.f)); }},
    {"ToBf16", [](Rows& r) { k::toBf16(r.bf.data(), r.row.data(), kLen); }},
    {"PoolRow", [](Rows& r) { k::poolRow(r.src.data(), kLen, r.edges.data(), kCells, true, r.out.data()); }},
    {"ExpPoolRowMax",
     [](Rows& r) {
         benchmark::DoNotOptimize(
             k::expPoolRow(r.row.data(), kLen, 0.f, r.edges.data(), kCells, true, r.out.data()));
     }},
    {"ExpPoolRowMean",
     [](Rows& r) {
         benchmark::DoNotOptimize(
             k::expPoolRow(r.row.data(), kLen, 0.f, r.edges.data(), kCells, false, r.out.data()));
     }},
    {"FinishCells",
     [](Rows& r) { k::finishCells(r.out.data(), r.src.data(), r.ref.data(), kLen, 0.f, 1e-3f, false); }},
};

void runKernel(benchmark::State& state, std::int64_t target, Run run)
{
    poslab::setKernelIsaCap("");
    hwy::SetSupportedTargetsForTest(target);
    if (k::dispatchedTarget() != target) {
        state.SkipWithError("target not dispatched");
        return;
    }
    Rows rows;
    for (auto _ : state)
        run(rows);
    state.SetItemsProcessed(state.iterations() * kLen);
    hwy::SetSupportedTargetsForTest(0);
}

const bool kRegistered = [] {
    for (const std::int64_t target : poslab::kernelTargets())
        for (const auto& [name, run] : kKernels) {
            const std::string full =
                std::string("BM_Kernel_") + name + "/" + poslab::kernelTargetName(target) + "/";
            benchmark::RegisterBenchmark(full.c_str(), runKernel, target, run);
        }
    return true;
}();

} // namespace
