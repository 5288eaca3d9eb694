#include "engine/onednnengine.h"

#include "engine/cpuisa.h"
#include "engine/kernels.h"
#include "engine/onednnimpl.h"
#include "engine/workspace.h"

#include "error.h"
#include "validate.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <exception>
#include <limits>
#include <mutex>

#include <omp.h>

namespace poslab {

using engine::GemmShape;
using engine::HeadData;

namespace {

// Query rows per tile. Measured (docs/performance.md): 128 rows beat 32–64 because the Q·Kᵀ
// matmul, with its short k = head_dim, needs the rows to reuse each block of K; the key blocks
// (tile.cpp) keep a block of scores in L2.
int tileRowsFor(int n, int requested)
{
    if (requested > 0) return std::min(requested, n);
    return std::min(128, n);
}

} // namespace

OneDnnEngine::OneDnnEngine() : m_impl(std::make_unique<Impl>())
{
    applyCpuIsaCap(); // POSLAB_CPU_ISA for every user of the engine (tests, benchmarks, the app)
}
OneDnnEngine::~OneDnnEngine() = default;

bool OneDnnEngine::bf16Supported()
{
    static const bool supported = [] {
        try {
            const dnnl::cpu_isa isa = dnnl::get_effective_cpu_isa();
            if (isa != dnnl::cpu_isa::avx512_core_bf16 && isa != dnnl::cpu_isa::avx512_core_amx) return false;
            dnnl::engine eng(dnnl::engine::kind::cpu, 0);
            engine::GemmCache probe(eng);
            const std::string impl =
                probe.implementation({64, 64, 64, 64, 64, 64, true, false, Precision::BF16});
            return impl.rfind("ref", 0) != 0;
        } catch (const dnnl::error&) {
            return false;
        }
    }();
    return supported;
}

std::string OneDnnEngine::cpuIsa() const
{
#if defined(__aarch64__)
    // not the x86 enum there (see onednnIsa()): its own names, in lower case as below
    std::string isa = onednnIsa();
    std::transform(isa.begin(), isa.end(), isa.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return isa;
#else
    switch (dnnl::get_effective_cpu_isa()) {
    case dnnl::cpu_isa::avx512_core_amx:
        return "avx512_core_amx";
    case dnnl::cpu_isa::avx512_core_bf16:
        return "avx512_core_bf16";
    case dnnl::cpu_isa::avx512_core_vnni:
        return "avx512_core_vnni";
    case dnnl::cpu_isa::avx512_core:
        return "avx512_core";
    case dnnl::cpu_isa::avx2:
        return "avx2";
    default:
        return "other";
    }
#endif
}

void OneDnnEngine::checkPrecisionSupported(Precision precision) const
{
    if (precision == Precision::BF16 && !bf16Supported())
        throw FieldError("dtype", "bf16 needs a CPU with AVX-512 bf16 (this one has " + cpuIsa() +
                                      "): use {dtype} f32");
}

std::string OneDnnEngine::describe() const
{
    const int t = m_impl->threads > 0 ? m_impl->threads : resolveThreads(0);
    return std::string("oneDNN ")
        .append(precisionName(m_impl->precision))
        .append(", ")
        .append(std::to_string(t))
        .append(t == 1 ? " thread (" : " threads (")
        .append(cpuIsa())
        .append(")");
}

void OneDnnEngine::Impl::forTiles(const AttentionPlan& plan, const std::vector<int>& headList, int tileRows,
                                  const RunOptions& options,
                                  const std::function<void(int h, int i0, int i1, int slot)>& tile,
                                  int rowBegin, int rowEnd)
{
    const int n = plan.n();
    if (rowEnd <= rowBegin) {
        rowBegin = 0;
        rowEnd = n;
    }
    const int tiles = (rowEnd - rowBegin + tileRows - 1) / tileRows;
    const int items = tiles * static_cast<int>(headList.size());
    const auto first = [&](int t) { return rowBegin + t * tileRows; };
    const auto last = [&](int t) { return std::min(rowEnd, rowBegin + (t + 1) * tileRows); };
    std::exception_ptr failure;
    std::mutex failureMutex;
    // Progress in score cells: a causal tile's rows see keys up to its last row.
    const auto cellsOf = [&](int t) {
        const double rows = last(t) - first(t);
        return rows * (plan.model.causal ? last(t) : n);
    };
    double total = 0;
    if (options.progress)
        for (int t = 0; t < tiles; ++t)
            total += cellsOf(t) * double(headList.size());
    std::atomic<double> done{0};
    std::mutex progressMutex;
    // One work item per (head, tile), head by head so that a head's k and v stay in cache for all
    // its tiles; causal tiles of a head run largest first.
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
    for (int item = 0; item < items; ++item) {
        const int t = plan.model.causal ? tiles - 1 - item % tiles : item % tiles;
        const int h = headList[item / tiles];
        if (options.cancelled()) continue; // the remaining items are skipped cheaply
        try {
            tile(h, first(t), last(t), omp_get_thread_num());
            if (options.progress) {
                double before = done.load();
                while (!done.compare_exchange_weak(before, before + cellsOf(t))) {
                }
                // one report at a time; a thread that finds it taken skips its own (a later one
                // reports the larger count)
                if (std::unique_lock lock(progressMutex, std::try_to_lock); lock.owns_lock())
                    options.progress(done.load(), total);
            }
        } catch (...) {
            std::lock_guard lock(failureMutex);
            if (!failure) failure = std::current_exception();
        }
    }
    if (failure) std::rethrow_exception(failure);
    if (options.cancelled()) throw Cancelled();
    if (options.progress) options.progress(total, total);
}

void OneDnnEngine::run(const AttentionPlan& plan, const RunOptions& options, AttentionResult& result)
{
    if (const auto lowered = engine::atEngineTemperature(plan)) {
        run(*lowered, options, result);
        // logits and bias are s / T: scaled back in double, where they are finite (T >= 1e-100)
        const double back = engine::kLowestEngineTemperature / plan.model.temperature;
        for (HeadResult& h : result.heads) {
            h.logits *= back;
            h.bias *= back;
        }
        result.model = plan.model;
        return;
    }
    Impl& m = *m_impl;
    const int n = plan.n(), hd = plan.model.headDim(), heads = plan.model.heads;
    checkPrecisionSupported(options.precision);
    if (options.terms) checkTermsN(n);
    try {
        m.setThreads(resolveThreads(options.threads));
        m.precision = options.precision;
        m.keyBlock = options.keyBlock;
        result.model = plan.model;
        // two n × d_model copies (8 MiB each at n = 1024, d = 512): one per thread, not in series
#pragma omp parallel sections num_threads(std::min(2, m.threads))
        {
#pragma omp section
            result.content = plan.content;
#pragma omp section
            result.pe = plan.pe;
        }
        result.output.resize(n, plan.model.dModel);
        result.heads.resize(heads);
        if (options.onlyHead >= 0) skipOtherHeads(plan, options, result);
        engine::PrepareRequest req;
        req.precision = options.precision;
        req.tileRows = tileRowsFor(n, options.tileRows);
        req.keyBlock = engine::keyBlockFor(n, options.keyBlock);
        req.contentOnly.assign(heads, false);
        for (int h = 0; h < heads; ++h) {
            if (!options.runs(h)) continue;
            req.heads.push_back(h);
            const bool keep = options.keeps(h);
            req.contentOnly[h] = keep && (options.bias || options.terms);
            HeadResult& head = result.heads[h];
            head.output.resize(n, hd);
            auto shape = [&](Eigen::MatrixXd& mat, bool wanted) {
                if (wanted)
                    mat.resize(n, n);
                else
                    mat.resize(0, 0);
            };
            shape(head.probs, keep && options.probs);
            shape(head.logits, keep && options.logits);
            shape(head.bias, keep && options.bias);
            head.terms.clear();
        }
        m.preparer.prepare(plan, req, m.cache, m.streams, m.heads);
        const engine::OutputSink sink{&result, &options};
        const int tileRows = tileRowsFor(n, options.tileRows);
        m.forTiles(plan, req.heads, tileRows, options, [&](int h, int i0, int i1, int slot) {
            m.outputTile(m.tileOf(plan, h, i0, i1, tileRows, slot), sink, slot);
        });
        if (options.terms) {
            // from the data the tiles used (no second prepare), the kept heads in parallel
            std::vector<int> kept;
            for (int h = 0; h < heads; ++h)
                if (options.keeps(h) && options.runs(h)) kept.push_back(h);
            std::exception_ptr failure;
            std::mutex failureMutex;
#pragma omp parallel for schedule(dynamic, 1) num_threads(m.threads)
            for (int k = 0; k < static_cast<int>(kept.size()); ++k) {
                if (options.cancelled()) continue;
                try {
                    result.heads[kept[k]].terms = m.termsOf(plan, kept[k], omp_get_thread_num());
                } catch (...) {
                    std::lock_guard lock(failureMutex);
                    if (!failure) failure = std::current_exception();
                }
            }
            if (failure) std::rethrow_exception(failure);
            if (options.cancelled()) throw Cancelled();
        }
    } catch (const dnnl::error& e) {
        throw Error(std::string("oneDNN failed: ").append(e.what()));
    }
}

int regionStep(const TokenRegion& region, int cells)
{
    const int side = std::max(region.rows(), region.keys());
    return std::max(1, (side + cells - 1) / std::max(1, cells));
}

std::vector<int> regionEdges(int begin, int end, int step)
{
    std::vector<int> edges;
    for (long long e = begin; e < end; e += step)
        edges.push_back(static_cast<int>(e));
    edges.push_back(end);
    return edges;
}

PooledProbs OneDnnEngine::pooled(const AttentionPlan& plan, int head, int cells, PoolMode mode,
                                 const RunOptions& options)
{
    checkPoolCells(cells);
    PooledProbs out;
    out.head = head;
    out.mode = mode;
    const int n = plan.n();
    cells = std::min(cells, n);
    for (int a = 0; a <= cells; ++a)
        out.edges.push_back(static_cast<int>(static_cast<long long>(a) * n / cells));
    out.keyEdges = out.edges;
    streamPooled(plan, {0, n, 0, n}, options, out);
    return out;
}

PooledProbs OneDnnEngine::pooled(const AttentionPlan& plan, int head, const TokenRegion& region, int cells,
                                 PoolMode mode, const RunOptions& options)
{
    checkPoolCells(cells);
    const int n = plan.n();
    if (region.rowBegin < 0 || region.rowEnd > n || region.rows() < 1 || region.keyBegin < 0 ||
        region.keyEnd > n || region.keys() < 1)
        throw Error("internal: the region is outside the " + std::to_string(n) + "-token map or empty");
    PooledProbs out;
    out.head = head;
    out.mode = mode;
    out.step = regionStep(region, cells);
    out.edges = regionEdges(region.rowBegin, region.rowEnd, out.step);
    out.keyEdges = regionEdges(region.keyBegin, region.keyEnd, out.step);
    streamPooled(plan, region, options, out);
    return out;
}

// The streaming pass over `region`'s rows, every key of each, into out.grid (out's edges set).
void OneDnnEngine::streamPooled(const AttentionPlan& plan, const TokenRegion& region,
                                const RunOptions& options, PooledProbs& out)
{
    if (const auto lowered = engine::atEngineTemperature(plan))
        return streamPooled(*lowered, region, options, out);
    Impl& m = *m_impl;
    const int n = plan.n();
    checkHead(out.head, plan.model.heads);
    checkPrecisionSupported(options.precision);
    const int rows = static_cast<int>(out.edges.size()) - 1, cols = static_cast<int>(out.keyEdges.size()) - 1;
    // Keys outside the region are pooled into a cell before and one after it, then dropped: every
    // key is still computed, since softmax normalises over all of them.
    std::vector<int> keyEdges;
    keyEdges.reserve(out.keyEdges.size() + 2);
    if (region.keyBegin > 0) keyEdges.push_back(0);
    for (const int e : out.keyEdges)
        keyEdges.push_back(e);
    if (region.keyEnd < n) keyEdges.push_back(n);
    const int kept0 = region.keyBegin > 0 ? 1 : 0;
    const int keyCells = static_cast<int>(keyEdges.size()) - 1;
    try {
        m.setThreads(resolveThreads(options.threads));
        m.precision = options.precision;
        m.keyBlock = options.keyBlock;
        engine::PrepareRequest req;
        req.heads = {out.head};
        req.contentOnly.assign(plan.model.heads, false);
        req.values = false;
        req.precision = options.precision;
        req.tileRows = tileRowsFor(n, options.tileRows);
        req.keyBlock = engine::keyBlockFor(n, options.keyBlock);
        m.preparer.prepare(plan, req, m.cache, m.streams, m.heads);
        m.pools.resize(m.threads);
        for (auto& p : m.pools)
            p.assign(static_cast<std::size_t>(rows) * keyCells, 0.f);
        const engine::PoolSink sink{&out.edges, &keyEdges, out.mode == PoolMode::Max, &m.pools};
        const int tileRows = tileRowsFor(n, options.tileRows);
        m.forTiles(
            plan, req.heads, tileRows, options,
            [&](int h, int i0, int i1, int slot) {
                m.pooledTile(m.tileOf(plan, h, i0, i1, tileRows, slot), sink, slot);
            },
            region.rowBegin, region.rowEnd);
    } catch (const dnnl::error& e) {
        throw Error(std::string("oneDNN failed: ").append(e.what()));
    }
    out.grid.resize(rows, cols);
    for (int a = 0; a < rows; ++a)
        for (int b = 0; b < cols; ++b) {
            double v = 0.0;
            for (const auto& p : m.pools) {
                const double x = p[static_cast<std::size_t>(a) * keyCells + b + kept0];
                v = out.mode == PoolMode::Max ? std::max(v, x) : v + x;
            }
            if (out.mode == PoolMode::Mean)
                v /= static_cast<double>(out.edges[a + 1] - out.edges[a]) *
                     (out.keyEdges[b + 1] - out.keyEdges[b]);
            out.grid(a, b) = v;
        }
}

void OneDnnEngine::forgetInputs()
{
    m_impl->preparer.forget();
}

void OneDnnEngine::sgemm(int m, int n, int k, const float* a, const float* b, float* c, int threads)
{
    m_impl->setThreads(resolveThreads(threads));
    m_impl->cache.run({m, n, k, k, n, n, false, false, Precision::F32}, a, b, c, m_impl->streams[0], 0);
    m_impl->streams[0].wait();
}

} // namespace poslab
