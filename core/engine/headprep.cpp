// Per-head float data for the oneDNN engine: q, k, v from one projection matmul, RoPE, and the
// plan's offset tables in the form the tile pass reads (compact rows, gathered windows).

#include "engine/kernels.h"
#include "engine/workspace.h"

#include "error.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <exception>
#include <limits>
#include <mutex>

#include <omp.h>

namespace poslab::engine {

namespace {

constexpr int kSmallTableRows = 1024; // beyond this, a key table is read as a per-offset window

// A key-table term that can exceed kPreciseBound in magnitude (Cauchy–Schwarz bound) is computed
// in double: float q (relative error ~6e-8) times a term of ~1000 (seed-linear at n = 300) already
// moves logits by 6e-5, which the softmax turns into 1e-4 relative errors of the probabilities.
// Up to kPreciseCells entries of the n × rows table (64 MiB of floats per head).
constexpr double kPreciseBound = 16.0;
constexpr double kPreciseCells = 1 << 24;

double maxRowNorm(const float* a, int rows, int cols)
{
    double best = 0.0;
    for (int r = 0; r < rows; ++r) {
        double s = 0.0;
        for (int c = 0; c < cols; ++c)
            s += static_cast<double>(a[static_cast<std::size_t>(r) * cols + c]) * a[static_cast<std::size_t>(r) * cols + c];
        best = std::max(best, s);
    }
    return std::sqrt(best);
}

// Rows of `table` that some offset uses, renumbered 0..m'−1 in first-use order.
int compact(const OffsetTable& table, std::vector<std::int32_t>& idx, std::vector<int>& used)
{
    std::vector<int> newId(table.rows.rows(), -1);
    idx.resize(table.rowOfOffset.size());
    used.clear();
    for (std::size_t o = 0; o < table.rowOfOffset.size(); ++o) {
        int& id = newId[table.rowOfOffset[o]];
        if (id < 0) {
            id = static_cast<int>(used.size());
            used.push_back(table.rowOfOffset[o]);
        }
        idx[o] = id;
    }
    return static_cast<int>(used.size());
}

// table = c · a · rowsᵀ (n × m) for a (n × hd floats) and the plan's rows `which`: in double when
// small (the terms can be large, e.g. seed-linear's, and each rounding shows in the softmax),
// else a float matmul.
void tableProduct(const float* a, int n, int hd, const Eigen::MatrixXd& rows, const std::vector<int>& which,
                  float c, GemmCache& cache, const dnnl::stream& stream, int slot,
                  std::vector<float>& rowScratch, std::vector<float>& out)
{
    const int m = static_cast<int>(which.size());
    out.resize(static_cast<std::size_t>(n) * m);
    if (static_cast<double>(n) * m * hd <= (1 << 22)) {
        Eigen::MatrixXd sel(m, hd);
        for (int r = 0; r < m; ++r)
            sel.row(r) = rows.row(which[r]);
        const Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> am(a, n,
                                                                                                         hd);
        const Eigen::MatrixXd prod = static_cast<double>(c) * (am.cast<double>() * sel.transpose());
        for (int i = 0; i < n; ++i)
            for (int r = 0; r < m; ++r)
                out[static_cast<std::size_t>(i) * m + r] = static_cast<float>(prod(i, r));
        return;
    }
    rowScratch.resize(static_cast<std::size_t>(m) * hd);
    for (int r = 0; r < m; ++r)
        for (int j = 0; j < hd; ++j)
            rowScratch[static_cast<std::size_t>(r) * hd + j] = static_cast<float>(rows(which[r], j));
    cache.run({n, m, hd, hd, hd, m, true, false, Precision::F32}, a, rowScratch.data(), out.data(), stream,
              slot);
    for (float& x : out)
        x *= c;
}

void gatherRows(const Eigen::MatrixXd& rows, const std::vector<int>& which, std::vector<float>& out)
{
    const int hd = static_cast<int>(rows.cols());
    out.resize(which.size() * hd);
    for (std::size_t r = 0; r < which.size(); ++r)
        for (int c = 0; c < hd; ++c)
            out[r * hd + c] = static_cast<float>(rows(which[r], c));
}

} // namespace

// K in the layout the Q·Kᵀ matmul of the tiles reads fastest (HeadData::kLayout). Read transposed
// from its rows, K makes brgemm (AVX-512) copy every key block into its own layout for every tile:
// 20% of the product's time, 12% of a pooled run at n = 65,536. gemm:jit (AVX2, SSE4.1) reads Kᵀ
// row-major faster than K transposed.
static void packKeys(int n, int hd, const PrepareRequest& req, GemmCache& cache, const dnnl::stream& stream,
                     HeadData& d)
{
    const Precision p = req.precision;
    const bool bf16 = p == Precision::BF16;
    const void* k = bf16 ? static_cast<const void*>(d.kb.data()) : d.k.data();
    const std::size_t elem = bf16 ? 2 : 4;
    const GemmShape rows{req.tileRows, n, hd, hd, hd, n, true, false, p}; // every key, read transposed
    const std::string impl =
        cache.implementation({req.tileRows, req.keyBlock, hd, hd, hd, req.keyBlock, true, false, p});
    d.kLayout = HeadData::KLayout::Rows;
    if (impl.rfind("brg", 0) == 0) {
        GemmShape packed{req.tileRows, n, hd, hd, 0, n, false, false, p};
        packed.packedB = true;
        const dnnl::memory::desc layout = cache.packedLayout(packed);
        const dnnl_blocking_desc_t& b = layout.data.format_desc.blocking;
        // keys (dim 1) in blocks of kBlockKeys, the outermost dimension of the layout
        long keysBlock = 0;
        for (int i = 0; i < b.inner_nblks; ++i)
            if (b.inner_idxs[i] == 1) keysBlock = keysBlock ? keysBlock * b.inner_blks[i] : b.inner_blks[i];
        if (layout.data.format_kind != dnnl_blocked || keysBlock == 0 || b.strides[1] < b.strides[0]) return;
        d.kPacked.resize((layout.get_size() + 3) / 4);
        cache.packB(packed, rows, k, d.kPacked.data(), stream);
        d.kDesc = layout;
        d.kBlockKeys = keysBlock;
        d.kBlockBytes = static_cast<long>(b.strides[1] * elem);
        d.kLayout = HeadData::KLayout::Packed;
    } else if (impl.rfind("gemm:jit", 0) == 0) {
        // row stride n + 16: at a power of two every row of Kᵀ falls into the same cache sets
        d.kStride = n + 16;
        const GemmShape columns{req.tileRows, n, hd, hd, d.kStride, n, false, false, p};
        d.kPacked.resize((static_cast<std::size_t>(hd) * d.kStride * elem + 3) / 4);
        cache.packB(columns, rows, k, d.kPacked.data(), stream);
        d.kLayout = HeadData::KLayout::Columns;
    }
}

// qTable(i, r) = c·q_i·T_r − anchor_i in double (q_i = x_i·W_q from the plan, unrotated as
// queryPlain), anchor_i = the largest term among row i's visible keys.
static void preciseKeyTable(const AttentionPlan& plan, int h, const std::vector<int>& used, HeadData& d)
{
    const int n = plan.n(), hd = plan.model.headDim(), m = static_cast<int>(used.size());
    const HeadPlan& hp = plan.heads[h];
    const Eigen::MatrixXd q = (plan.content + plan.pe) * plan.proj->wq.middleCols(h * hd, hd);
    Eigen::MatrixXd sel(m, hd);
    for (int r = 0; r < m; ++r)
        sel.row(r) = hp.keyTable.rows.row(used[r]);
    const Eigen::MatrixXd prod = (plan.scale / plan.model.temperature) * (sel * q.transpose()); // m × n
    d.keyRows = m;
    d.rowAnchor.resize(n);
    d.qTable.resize(static_cast<std::size_t>(n) * m);
    for (int i = 0; i < n; ++i) {
        const double* col = prod.col(i).data();
        double anchor = -std::numeric_limits<double>::infinity();
        const int last = plan.model.causal ? i : n - 1;
        for (int j = 0; j <= last; ++j)
            anchor = std::max(anchor, col[d.keyIdx[j - i + n - 1]]);
        d.rowAnchor[i] = anchor;
        float* out = d.qTable.data() + static_cast<std::size_t>(i) * m;
        for (int r = 0; r < m; ++r)
            out[r] = static_cast<float>(col[r] - anchor);
    }
}

void Preparer::rotaryTable(const AttentionPlan& plan)
{
    const int n = plan.n(), half = plan.rotary.pairs();
    const RotaryPlan& r = plan.rotary;
    const double s = r.scale; // the attention factor, in cos and sin as HF applies it
    if (m_rotaryN == n && m_rotaryStart == r.start && m_theta == r.theta && m_rotaryScale == s &&
        m_zeta == r.zeta && m_scaleBase == r.scaleBase && m_scaleOrigin == r.scaleOrigin)
        return;
    const bool xpos = !r.zeta.empty();
    m_cos.resize(static_cast<std::size_t>(n) * half);
    m_sin.resize(m_cos.size());
    m_cosK.resize(xpos ? m_cos.size() : 0);
    m_sinK.resize(m_cosK.size());
    for (int p = 0; p < n; ++p)
        for (int c = 0; c < half; ++c) {
            const double a = (r.start + p) * r.theta[c]; // in double, as the oracle
            const std::size_t at = static_cast<std::size_t>(p) * half + c;
            // xPos: q's pair times ζ_c^(m/B), k's times ζ_c^(−m/B), folded into cos and sin in double
            const double sq = s * rotaryScale(r, r.start + p, c, RotarySide::Query);
            m_cos[at] = static_cast<float>(std::cos(a) * sq);
            m_sin[at] = static_cast<float>(std::sin(a) * sq);
            if (xpos) {
                const double sk = s * rotaryScale(r, r.start + p, c, RotarySide::Key);
                m_cosK[at] = static_cast<float>(std::cos(a) * sk);
                m_sinK[at] = static_cast<float>(std::sin(a) * sk);
            }
        }
    m_rotaryN = n;
    m_rotaryStart = r.start;
    m_theta = r.theta;
    m_rotaryScale = s;
    m_zeta = r.zeta;
    m_scaleBase = r.scaleBase;
    m_scaleOrigin = r.scaleOrigin;
}

bool Preparer::sameInputs(const AttentionPlan& plan, const PrepareRequest& req, int threads) const
{
    auto same = [](const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
        // bytes, not values: a −0 for a 0 only costs a recompute
        return a.rows() == b.rows() && a.cols() == b.cols() &&
               std::memcmp(a.data(), b.data(), sizeof(double) * a.size()) == 0;
    };
    // The projections come from Projections::shared: the same seed and width give the same object.
    if (m_lastHeads.empty() || m_lastHeads != req.heads || m_lastValues != req.values || plan.proj != m_lastProj)
        return false;
    bool content = false, pe = false; // compared side by side: both are n × d_model
#pragma omp parallel sections num_threads(std::min(2, threads))
    {
#pragma omp section
        content = same(plan.content, m_lastContent);
#pragma omp section
        pe = same(plan.pe, m_lastPe);
    }
    return content && pe;
}

void Preparer::rememberInputs(const AttentionPlan& plan, const PrepareRequest& req)
{
    m_lastContent = plan.content;
    m_lastPe = plan.pe;
    m_lastProj = plan.proj;
    m_lastHeads = req.heads;
    m_lastValues = req.values;
    m_hasPe = !plan.pe.isZero(0.0);
}

void Preparer::prepare(const AttentionPlan& plan, const PrepareRequest& req, GemmCache& cache,
                       const std::vector<dnnl::stream>& streams, std::vector<HeadData>& heads)
{
    const int n = plan.n(), dm = plan.model.dModel, hd = plan.model.headDim();
    const int perHead = req.values ? 3 * hd : 2 * hd;
    const int cols = perHead * static_cast<int>(req.heads.size());
    heads.resize(plan.model.heads);

    const bool same = sameInputs(plan, req, static_cast<int>(streams.size()));
    if (!same) {
        // x = e + pe (n × d_model) and W = [W_q,h | W_k,h | W_v,h] for each requested head, both kept
        // column-major as in the plan, so that the conversion to float reads and writes contiguously.
        m_x.resize(static_cast<std::size_t>(n) * dm);
        Eigen::Map<Eigen::MatrixXf>(m_x.data(), n, dm) = (plan.content + plan.pe).cast<float>();
        m_w.resize(static_cast<std::size_t>(dm) * cols);
        Eigen::Map<Eigen::MatrixXf> w(m_w.data(), dm, cols);
        for (std::size_t s = 0; s < req.heads.size(); ++s) {
            const int h = req.heads[s];
            const Eigen::MatrixXd* parts[3] = {&plan.proj->wq, &plan.proj->wk, &plan.proj->wv};
            for (int part = 0; part < perHead / hd; ++part)
                w.middleCols(static_cast<Eigen::Index>(s) * perHead + part * hd, hd) =
                    parts[part]->middleCols(h * hd, hd).cast<float>();
        }
        // [q | k | v] = x · W: one matmul for every head
        m_qkv.resize(static_cast<std::size_t>(n) * cols);
        GemmShape proj{n, cols, dm, n, dm, cols, true, false, Precision::F32};
        proj.transA = true;
        cache.run(proj, m_x.data(), m_w.data(), m_qkv.data(), streams[0], 0);
        rememberInputs(plan, req);
    }
    if (plan.rotary.enabled) rotaryTable(plan);

    // The heads in parallel (each gemm then runs single-threaded on its thread's slot).
    const int count = static_cast<int>(req.heads.size());
    std::exception_ptr failure;
    std::mutex failureMutex;
#pragma omp parallel for schedule(dynamic, 1) num_threads(static_cast <int>(streams.size()))
    for (int s = 0; s < count; ++s) {
        try {
            prepareHead(plan, req, s, cols, perHead, same, cache, streams[omp_get_thread_num()],
                        omp_get_thread_num(), heads[req.heads[s]]);
        } catch (...) {
            std::lock_guard lock(failureMutex);
            if (!failure) failure = std::current_exception();
        }
    }
    if (failure) std::rethrow_exception(failure);
}

void Preparer::prepareHead(const AttentionPlan& plan, const PrepareRequest& req, int s, int cols, int perHead,
                           bool reuse, GemmCache& cache, const dnnl::stream& stream, int slot,
                           HeadData& d) const
{
    const int n = plan.n(), dm = plan.model.dModel, hd = plan.model.headDim();
    const bool hasPe = m_hasPe; // of these inputs (rememberInputs)
    const float c = static_cast<float>(plan.scale / plan.model.temperature);
    std::vector<float> rowScratch;
    {
        const int h = req.heads[s];
        const HeadPlan& hp = plan.heads[h];
        const bool needPlain = plan.rotary.enabled && (!hp.keyTable.empty() || !hp.queryTable.empty() ||
                                                       hp.keyBias.size() > 0 || req.contentOnly[h]);
        const std::size_t nh = static_cast<std::size_t>(n) * hd;
        // q, k, v as they are used, unless this head's from the same projection are (6 MiB of
        // copies and 2 MiB of packing at n = 1024 with 8 heads: 7% of a run)
        HeadData::Source source{true,
                                plan.rotary.enabled,
                                plan.rotary.interleaved,
                                needPlain,
                                req.values,
                                req.contentOnly[h] && hasPe,
                                plan.rotary.start,
                                req.tileRows,
                                req.keyBlock,
                                plan.rotary.enabled ? plan.rotary.theta : std::vector<double>{},
                                plan.rotary.enabled ? plan.rotary.scale : 1.0,
                                req.precision,
                                plan.rotary.enabled ? plan.rotary.zeta : std::vector<double>{},
                                plan.rotary.scaleBase,
                                plan.rotary.scaleOrigin};
        if (!reuse || !(d.source == source)) {
            d.source = {};
            d.q.resize(nh);
            d.k.resize(nh);
            d.v.resize(req.values ? nh : 0);
            for (int i = 0; i < n; ++i) {
                const float* src = m_qkv.data() + static_cast<std::size_t>(i) * cols + s * perHead;
                std::copy(src, src + hd, d.q.data() + static_cast<std::size_t>(i) * hd);
                std::copy(src + hd, src + 2 * hd, d.k.data() + static_cast<std::size_t>(i) * hd);
                if (req.values)
                    std::copy(src + 2 * hd, src + 3 * hd, d.v.data() + static_cast<std::size_t>(i) * hd);
            }
            if (needPlain) {
                d.qPlain = d.q;
                d.kPlain = d.k;
            } else {
                d.qPlain.clear();
                d.kPlain.clear();
            }
            if (plan.rotary.enabled) {
                // q̃_p = s·R(p·θ) q_p on each rotary pair (a, b): s·(x_a cos − x_b sin, x_a sin + x_b cos),
                // s the attention factor; dims beyond the rotary ones (partial rotary) pass unchanged;
                // xPos: k has its own (downscaled) table
                const int half = plan.rotary.pairs();
                const bool ownKey = !m_cosK.empty();
                for (int side = 0; side < 2; ++side) {
                    float* m = side == 0 ? d.q.data() : d.k.data();
                    const float* cosT = side == 1 && ownKey ? m_cosK.data() : m_cos.data();
                    const float* sinT = side == 1 && ownKey ? m_sinK.data() : m_sin.data();
                    for (int p = 0; p < n; ++p) {
                        float* row = m + static_cast<std::size_t>(p) * hd;
                        for (int cc = 0; cc < half; ++cc) {
                            const int a = plan.rotary.interleaved ? 2 * cc : cc;
                            const int b = plan.rotary.interleaved ? 2 * cc + 1 : cc + half;
                            const float cs = cosT[static_cast<std::size_t>(p) * half + cc];
                            const float sn = sinT[static_cast<std::size_t>(p) * half + cc];
                            const float xa = row[a], xb = row[b];
                            row[a] = xa * cs - xb * sn;
                            row[b] = xa * sn + xb * cs;
                        }
                    }
                }
            }
            // Content-only projections for the bias matrix, when pe makes them differ.
            if (req.contentOnly[h] && hasPe) {
                // column-major, as the projection above
                const Eigen::MatrixXf xc = plan.content.cast<float>();
                Eigen::MatrixXf wc(dm, 2 * hd);
                wc << plan.proj->wq.middleCols(h * hd, hd).cast<float>(),
                    plan.proj->wk.middleCols(h * hd, hd).cast<float>();
                std::vector<float> qk(static_cast<std::size_t>(n) * 2 * hd);
                GemmShape shape{n, 2 * hd, dm, n, dm, 2 * hd, true, false, Precision::F32};
                shape.transA = true;
                cache.run(shape, xc.data(), wc.data(), qk.data(), stream, slot);
                d.qc.resize(nh);
                d.kc.resize(nh);
                for (int i = 0; i < n; ++i) {
                    const float* src = qk.data() + static_cast<std::size_t>(i) * 2 * hd;
                    std::copy(src, src + hd, d.qc.data() + static_cast<std::size_t>(i) * hd);
                    std::copy(src + hd, src + 2 * hd, d.kc.data() + static_cast<std::size_t>(i) * hd);
                }
            } else {
                d.qc.clear();
                d.kc.clear();
            }
            if (req.precision == Precision::BF16) {
                d.qb.resize(nh);
                d.kb.resize(nh);
                kernels::toBf16(d.qb.data(), d.q.data(), static_cast<long>(nh));
                kernels::toBf16(d.kb.data(), d.k.data(), static_cast<long>(nh));
                d.vb.resize(d.v.size());
                kernels::toBf16(d.vb.data(), d.v.data(), static_cast<long>(d.v.size()));
            }
            packKeys(n, hd, req, cache, stream, d);
            d.source = std::move(source);
        }

        // offAdd[o] = offsetBias[o] / T;  colAdd[j] = scale / T · keyBias·k_j
        d.offAdd.resize(hp.offsetBias.size());
        for (std::size_t o = 0; o < hp.offsetBias.size(); ++o)
            d.offAdd[o] = static_cast<float>(hp.offsetBias[o] / plan.model.temperature);
        d.colAdd.resize(hp.keyBias.size() > 0 ? n : 0);
        for (int j = 0; j < static_cast<int>(d.colAdd.size()); ++j) {
            double dot = 0.0;
            for (int cc = 0; cc < hd; ++cc)
                dot += d.keyPlain()[static_cast<std::size_t>(j) * hd + cc] * hp.keyBias[cc];
            d.colAdd[j] = static_cast<float>(dot) * c;
        }

        std::vector<int> used;
        d.keyRows = 0;
        d.qTable.clear();
        d.keyWindow.clear();
        d.rowAnchor.clear();
        if (!hp.keyTable.empty()) {
            const int m = compact(hp.keyTable, d.keyIdx, used);
            const double bound = std::abs(plan.scale / plan.model.temperature) * maxRowNorm(d.queryPlain(), n, hd) *
                                 hp.keyTable.rows.rowwise().norm().maxCoeff();
            if (bound > kPreciseBound && static_cast<double>(n) * m <= kPreciseCells) {
                preciseKeyTable(plan, h, used, d);
            } else if (m <= kSmallTableRows) {
                // qTable = c · q · rowsᵀ (n × m'): the term is then a gather per score
                d.keyRows = m;
                tableProduct(d.queryPlain(), n, hd, hp.keyTable.rows, used, c, cache, stream, slot,
                             rowScratch, d.qTable);
            } else {
                // keyWindow[o] = keyTable[r(o)]: a tile's term is then one matmul on a contiguous slice
                std::vector<int> rowOf(hp.keyTable.rowOfOffset.begin(), hp.keyTable.rowOfOffset.end());
                gatherRows(hp.keyTable.rows, rowOf, d.keyWindow);
            }
        }
        d.queryRows = 0;
        d.kTable.clear();
        if (!hp.queryTable.empty()) {
            const int m = compact(hp.queryTable, d.queryIdx, used);
            if (static_cast<double>(n) * m > (1 << 28))
                throw Error("the query table of head " + std::to_string(h) + " has " + std::to_string(m) +
                            " rows in use: n = " + std::to_string(n) +
                            " needs more than 1 GiB for it in the oneDNN "
                            "engine (use fewer buckets or a shorter sequence)");
            d.queryRows = m;
            tableProduct(d.keyPlain(), n, hd, hp.queryTable.rows, used, c, cache, stream, slot, rowScratch,
                         d.kTable);
        }
        d.valueRows = 0;
        d.valueRuns.clear();
        if (!hp.valueTable.empty() && req.values) {
            std::vector<std::int32_t> idx;
            d.valueRows = compact(hp.valueTable, idx, used);
            gatherRows(hp.valueTable.rows, used, d.valueTable);
            for (int o = 0; o < static_cast<int>(idx.size()); ++o)
                if (d.valueRuns.empty() || d.valueRuns.back().row != idx[o])
                    d.valueRuns.push_back({o, o + 1, idx[o]});
                else
                    d.valueRuns.back().end = o + 1;
        }
    }
}

} // namespace poslab::engine
