// The fused pass of the oneDNN engine over one tile of query rows of one head.
//
// Keys are visited in blocks whose scores stay in L2, with an online softmax across blocks:
//   S = Q_tile · K_blockᵀ                     (oneDNN matmul)
//   logits = c·S + offsetBias/T + c·keyBias·k + table terms, row max m_b   (one pass, in place)
//   m' = max(m, m_b); α = exp(m − m'); e = exp(logits − m'); l = α·l + Σe
//   O = α·O + e · V_block                     (oneDNN matmul, sum post-op)
// and at the end z = O / l. A head whose n × n matrices are kept uses a single block, so that its
// probabilities are final when written.

#include "engine/kernels.h"
#include "engine/onednnimpl.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace poslab {

using engine::GemmShape;

namespace {

constexpr float kNegInf = -std::numeric_limits<float>::infinity();

// Keys per block. Up to 2048 keys one block (the whole row: 128 × 2048 floats = 1 MiB); beyond,
// blocks of 1024 keep a block's scores in L2 however long the sequence.
int columnBlock(int n, int requested)
{
    if (requested > 0) return std::min(requested, n);
    return n <= 2048 ? n : 1024;
}

int roundUp(int x, int to)
{
    return (x + to - 1) / to * to;
}

} // namespace

void OneDnnEngine::Impl::tile(const AttentionPlan& plan, int h, int i0, int i1, int tileRows,
                              const engine::TileSink& sink, int slot)
{
    namespace k = engine::kernels;
    const int n = plan.n(), hd = plan.model.headDim(), rows = i1 - i0;
    const bool causal = plan.model.causal;
    const engine::HeadData& d = heads[h];
    const bool bf16 = precision == Precision::BF16;
    const bool keep = sink.keep && sink.keep->keeps(h);
    const bool keepBias = keep && sink.keep->bias;
    const bool keepLogits = keep && sink.keep->logits;
    const bool keepProbs = keep && sink.keep->probs;
    const bool extras = !d.keyWindow.empty() || d.keyRows > 0 || d.queryRows > 0;
    const float c = static_cast<float>(plan.scale / plan.model.temperature);
    const int end = causal && !keepBias ? i1 : n; // keys some row of the tile computes
    const int block = keep ? n : columnBlock(n, keyBlock);
    const int cells = sink.pools ? static_cast<int>(sink.edges->size()) - 1 : 0;
    engine::Scratch& sc = scratch[slot];
    const dnnl::stream& stream = streams[slot];
    sc.s.resize(static_cast<std::size_t>(tileRows) * block);
    sc.m.assign(rows, kNegInf);
    sc.l.assign(rows, 0.f);
    sc.alpha.resize(rows);
    if (sink.output) sc.o.resize(static_cast<std::size_t>(tileRows) * hd);
    if (d.valueRows > 0 && sink.output) sc.w.assign(static_cast<std::size_t>(rows) * d.valueRows, 0.f);
    if (bf16 && sink.output) sc.eb.resize(static_cast<std::size_t>(tileRows) * block);
    if (cells > 0) {
        sc.cellVal.assign(static_cast<std::size_t>(rows) * cells, 0.f);
        sc.cellRef.assign(static_cast<std::size_t>(rows) * cells, kNegInf);
        sc.cell.resize(cells);
    }
    // Kept n × n matrices are column-major; a tile fills rows. Rows go to row-major buffers first and
    // are copied once per tile, column by column (contiguous writes): writing the matrices row by row
    // touched a new cache line and page per element, over half the time of a run that keeps them.
    // The buffers' row stride is padded by 8 doubles: at a power-of-two stride (n = 1024: 8 KiB) the
    // column-by-column reads of the copy all fall into one L1 set and evict each other.
    using RowBlock = Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>, 0,
                                Eigen::OuterStride<>>;
    const int stride = n + 8;
    auto rowBlock = [&](std::vector<double>& buf, bool wanted) {
        buf.resize(wanted ? static_cast<std::size_t>(rows) * stride : 0);
        return RowBlock(buf.data(), wanted ? rows : 0, wanted ? n : 0, Eigen::OuterStride<>(stride));
    };
    RowBlock B = rowBlock(sc.keptBias, keepBias), L = rowBlock(sc.keptLogits, keepLogits),
             P = rowBlock(sc.keptProbs, keepProbs);
    float* S = sc.s.data();
    bool first = true;
    for (int j0 = 0; j0 < end; j0 += block) {
        const int bw = std::min({block, n - j0, roundUp(end - j0, 128)}); // computed keys [j0, j0 + bw)
        // S = Q_tile · K[j0, j0 + bw)ᵀ
        const GemmShape qk{rows, bw, hd, hd, hd, bw, true, false, precision};
        if (bf16)
            cache.run(qk, d.qb.data() + static_cast<std::size_t>(i0) * hd,
                      d.kb.data() + static_cast<std::size_t>(j0) * hd, S, stream, slot);
        else
            cache.run(qk, d.q.data() + static_cast<std::size_t>(i0) * hd,
                      d.k.data() + static_cast<std::size_t>(j0) * hd, S, stream, slot);
        // G = Q_tile · keyWindow[n − i1 + j0, … + bw + rows − 1)ᵀ: row r, column jl + rows − 1 − r is
        // q_i·T[r(o)]
        const int gw = bw + rows - 1;
        if (!d.keyWindow.empty()) {
            sc.g.resize(static_cast<std::size_t>(tileRows) * (block + tileRows));
            cache.run({rows, gw, hd, hd, hd, gw, true, false, Precision::F32},
                      d.queryPlain() + static_cast<std::size_t>(i0) * hd,
                      d.keyWindow.data() + static_cast<std::size_t>(n - i1 + j0) * hd, sc.g.data(), stream,
                      slot);
        }
        if (keepBias) {
            // CC = Q_c · K_cᵀ (content only, unrotated): bias = logits − c·CC (one block: j0 = 0, bw = n)
            sc.cc.resize(static_cast<std::size_t>(tileRows) * n);
            const float* qc = d.qc.empty() ? d.queryPlain() : d.qc.data();
            const float* kc = d.kc.empty() ? d.keyPlain() : d.kc.data();
            cache.run({rows, n, hd, hd, hd, n, true, false, Precision::F32},
                      qc + static_cast<std::size_t>(i0) * hd, kc, sc.cc.data(), stream, slot);
        }
        // pooling cells met by this block, with edges relative to j0
        int cb0 = 0, cbCount = 0;
        if (cells > 0) {
            const auto& e = *sink.edges;
            cb0 = static_cast<int>(std::upper_bound(e.begin(), e.end(), j0) - e.begin()) - 1;
            const int cb1 = static_cast<int>(std::lower_bound(e.begin(), e.end(), j0 + bw) - e.begin());
            cbCount = cb1 - cb0;
            sc.localEdges.resize(cbCount + 1);
            for (int t = 0; t <= cbCount; ++t)
                sc.localEdges[t] = std::clamp(e[cb0 + t] - j0, 0, bw);
        }

        for (int r = 0; r < rows; ++r) {
            const int i = i0 + r;
            const int lenb = causal ? std::clamp(i + 1 - j0, 0, bw) : bw; // visible keys of the block
            const int clen = keepBias ? bw : lenb;                        // keys whose logit is computed
            float* row = S + static_cast<std::size_t>(r) * bw;
            const int base = n - 1 - i + j0; // offset index of key j0 + jl is jl + base
            float mb = kNegInf;
            // a precise key table is stored relative to this row's anchor: row = logits − anchor
            const double anchor = d.rowAnchor.empty() ? 0.0 : d.rowAnchor[i];
            if (keepBias) {
                // bias = (Σ terms but content-content) / T in double where the plan has it: c·(S − CC)
                // (0 unless pe or rotation), offsetBias / T, c·keyBias·k_j, then the table terms
                const float* cc = sc.cc.data() + static_cast<std::size_t>(r) * n;
                const HeadPlan& hp = plan.heads[h];
                const double cd = plan.scale / plan.model.temperature;
                for (int j = 0; j < n; ++j)
                    B(r, j) =
                        cd * (static_cast<double>(row[j]) - cc[j]) +
                        (hp.offsetBias.empty() ? 0.0 : hp.offsetBias[j + base] / plan.model.temperature) +
                        (d.colAdd.empty() ? 0.0 : static_cast<double>(d.colAdd[j]));
            }
            if (clen > 0) {
                // logits = c·q̃·k̃ + offsetBias/T + c·keyBias·k_j, row max; then the table terms (scaled)
                mb = k::scoreRow(row, clen, lenb, c, d.offAdd.empty() ? nullptr : d.offAdd.data(), base,
                                 d.colAdd.empty() ? nullptr : d.colAdd.data() + j0);
                float* ext = row; // the table terms go straight into the row, or first into ext
                if (keepBias && extras) {
                    sc.ext.assign(clen, 0.f);
                    ext = sc.ext.data();
                }
                if (!d.keyWindow.empty())
                    k::addRow(ext, sc.g.data() + static_cast<std::size_t>(r) * gw + (rows - 1 - r), clen, c);
                if (d.keyRows > 0)
                    k::gatherAddRow(ext, clen, d.qTable.data(), static_cast<long>(i) * d.keyRows,
                                    d.keyIdx.data(), base);
                if (d.queryRows > 0)
                    k::gatherStrideAddRow(ext, clen,
                                          d.kTable.data() + static_cast<std::size_t>(j0) * d.queryRows,
                                          d.queryRows, d.queryIdx.data(), base);
                if (ext != row) {
                    const bool masked = plan.heads[h].maskTables; // Mask_ij = 0 for hidden keys j ≥ lenb
                    for (int j = 0; j < clen; ++j) {
                        row[j] += ext[j];
                        B(r, j) += masked && j >= lenb ? 0.0 : ext[j] + anchor;
                    }
                }
                if (extras && lenb > 0) mb = k::maxRow(row, lenb);
            }
            if (keepLogits) {
                for (int j = 0; j < n; ++j)
                    L(r, j) = j < lenb ? static_cast<double>(row[j]) + anchor
                                       : -std::numeric_limits<double>::infinity();
            }
            if (lenb == 0) { // a causal block entirely after this query
                std::fill(row, row + bw, 0.f);
                sc.alpha[r] = 1.f;
                if (bf16 && sink.output)
                    std::fill_n(sc.eb.data() + static_cast<std::size_t>(r) * bw, bw, std::uint16_t(0));
                continue;
            }
            // online softmax: e = exp(logit − m'), l = α·l + Σe (pooled only: e is pooled, not stored)
            const float mNew = std::max(sc.m[r], mb);
            const float alpha = std::exp(sc.m[r] - mNew);
            float sum;
            if (cells > 0 && !sink.output && mb - mNew < k::kExpLowest) {
                // every e of this block is exactly 0 (the kernels' exp is 0 below kExpLowest): skip it
                sum = 0.f;
                std::fill_n(sc.cell.data(), cbCount, 0.f);
            } else if (cells > 0 && !sink.output) {
                sum = k::expPoolRow(row, lenb, mNew, sc.localEdges.data(), cbCount, sink.poolMax,
                                    sc.cell.data());
            } else {
                sum = k::expRow(row, lenb, mNew);
                std::fill(row + lenb, row + bw, 0.f);
            }
            sc.l[r] = sc.l[r] * alpha + sum;
            sc.m[r] = mNew;
            sc.alpha[r] = alpha;
            if (keepProbs) {
                // one block, so the row is complete: normalised in double, each row sums to 1 to ~1e-16
                double total = 0.0;
                for (int j = 0; j < lenb; ++j)
                    total += row[j];
                const double inv = 1.0 / total;
                for (int j = 0; j < n; ++j)
                    P(r, j) = j < lenb ? row[j] * inv : 0.0;
            }
            if (cells > 0) {
                // each cell keeps its value relative to the max it was pooled at (cellRef); only the
                // first cell of a block can hold an earlier block's value
                if (sink.output)
                    k::poolRow(row, lenb, sc.localEdges.data(), cbCount, sink.poolMax, sc.cell.data());
                const std::size_t at = static_cast<std::size_t>(r) * cells + cb0;
                k::mergeCells(sc.cellVal.data() + at, sc.cellRef.data() + at, sc.cell.data(), cbCount, mNew,
                              sink.poolMax);
            }
            if (d.valueRows > 0 && sink.output) {
                // weights of the value rows, Σ over this block's keys whose offset uses each row
                float* w = sc.w.data() + static_cast<std::size_t>(r) * d.valueRows;
                for (int t = 0; t < d.valueRows; ++t)
                    w[t] *= alpha;
                for (const engine::HeadData::Run& run : d.valueRuns) {
                    const int a0 = std::max(run.begin - base, 0), a1 = std::min(run.end - base, lenb);
                    if (a0 >= a1) continue;
                    const int edges[2] = {0, a1 - a0};
                    float part = 0.f;
                    k::poolRow(row + a0, a1 - a0, edges, 1, false, &part);
                    w[run.row] += part;
                }
            }
            if (bf16 && sink.output) k::toBf16(sc.eb.data() + static_cast<std::size_t>(r) * bw, row, bw);
        }
        if (!sink.output) continue;
        // O = α·O + E · V[j0, j0 + bw)
        if (!first)
            for (int r = 0; r < rows; ++r)
                if (sc.alpha[r] != 1.f)
                    for (int col = 0; col < hd; ++col)
                        sc.o[static_cast<std::size_t>(r) * hd + col] *= sc.alpha[r];
        const GemmShape pv{rows, hd, bw, bw, hd, hd, false, !first, precision};
        if (bf16)
            cache.run(pv, sc.eb.data(), d.vb.data() + static_cast<std::size_t>(j0) * hd, sc.o.data(), stream,
                      slot);
        else
            cache.run(pv, S, d.v.data() + static_cast<std::size_t>(j0) * hd, sc.o.data(), stream, slot);
        first = false;
    }
    if (keep) {
        HeadResult& kept = sink.result->heads[h];
        if (keepBias) kept.bias.middleRows(i0, rows) = B;
        if (keepLogits) kept.logits.middleRows(i0, rows) = L;
        if (keepProbs) kept.probs.middleRows(i0, rows) = P;
    }

    if (cells > 0) {
        // p = value · exp(ref − m) / l, merged into this thread's grid row of the query's cell
        const auto& e = *sink.edges;
        for (int r = 0; r < rows; ++r) {
            const int i = i0 + r;
            const int a = static_cast<int>(std::upper_bound(e.begin(), e.end(), i) - e.begin()) - 1;
            k::finishCells((*sink.pools)[slot].data() + static_cast<std::size_t>(a) * cells,
                           sc.cellVal.data() + static_cast<std::size_t>(r) * cells,
                           sc.cellRef.data() + static_cast<std::size_t>(r) * cells, cells, sc.m[r],
                           1.f / sc.l[r], sink.poolMax);
        }
    }
    if (!sink.output) return;
    // z_i = (o_i + Σ_t w_it · valueTable_t) / l_i, written column by column: the result is
    // column-major, so each column of the tile is one contiguous run.
    if (d.valueRows > 0)
        for (int r = 0; r < rows; ++r) {
            float* o = sc.o.data() + static_cast<std::size_t>(r) * hd;
            const float* w = sc.w.data() + static_cast<std::size_t>(r) * d.valueRows;
            for (int t = 0; t < d.valueRows; ++t)
                for (int col = 0; col < hd; ++col)
                    o[col] += w[t] * d.valueTable[static_cast<std::size_t>(t) * hd + col];
        }
    HeadResult& head = sink.result->heads[h];
    for (int col = 0; col < hd; ++col) {
        double* a = head.output.col(col).data() + i0;
        double* b = sink.result->output.col(h * hd + col).data() + i0;
        for (int r = 0; r < rows; ++r)
            a[r] = b[r] = static_cast<double>(sc.o[static_cast<std::size_t>(r) * hd + col] / sc.l[r]);
    }
}

} // namespace poslab
