// The fused passes of the oneDNN engine over one tile of query rows of one head: what both passes
// share (the block products, a row's logits), and the full pass of OneDnnEngine::run. The streaming
// pass of OneDnnEngine::pooled is in pooledtile.cpp.
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

} // namespace

engine::Tile OneDnnEngine::Impl::tileOf(const AttentionPlan& plan, int h, int i0, int i1, int tileRows,
                                        int slot)
{
    return {plan,
            heads[h],
            h,
            i0,
            i1 - i0,
            tileRows,
            plan.n(),
            plan.model.headDim(),
            plan.model.causal,
            static_cast<float>(plan.scale / plan.model.temperature),
            scratch[slot]};
}

void OneDnnEngine::Impl::blockProducts(const engine::Tile& t, int j0, int bw, int slot)
{
    const engine::HeadData& d = t.d;
    const int hd = t.hd, rows = t.rows;
    const dnnl::stream& stream = streams[slot];
    // S = Q_tile · K[j0, j0 + bw)ᵀ, K read in the layout prepared for it (HeadData::kLayout)
    const bool bf16 = precision == Precision::BF16;
    const void* q = bf16 ? static_cast<const void*>(d.qb.data() + static_cast<std::size_t>(t.i0) * hd)
                         : d.q.data() + static_cast<std::size_t>(t.i0) * hd;
    const char* packed = reinterpret_cast<const char*>(d.kPacked.data());
    GemmShape packedShape{rows, bw, hd, hd, 0, bw, false, false, precision};
    packedShape.packedB = true;
    if (d.kLayout == engine::HeadData::KLayout::Packed && j0 % d.kBlockKeys == 0 &&
        cache.sameBlocking(packedShape, d.kDesc))
        cache.run(packedShape, q, packed + j0 / d.kBlockKeys * d.kBlockBytes, t.sc.s.data(), stream, slot);
    else if (d.kLayout == engine::HeadData::KLayout::Columns)
        cache.run({rows, bw, hd, hd, d.kStride, bw, false, false, precision}, q,
                  packed + static_cast<std::size_t>(j0) * (bf16 ? 2 : 4), t.sc.s.data(), stream, slot);
    else if (bf16)
        cache.run({rows, bw, hd, hd, hd, bw, true, false, precision}, q,
                  d.kb.data() + static_cast<std::size_t>(j0) * hd, t.sc.s.data(), stream, slot);
    else
        cache.run({rows, bw, hd, hd, hd, bw, true, false, precision}, q,
                  d.k.data() + static_cast<std::size_t>(j0) * hd, t.sc.s.data(), stream, slot);
    // G = Q_tile · keyWindow[n − i1 + j0, … + bw + rows − 1)ᵀ: row r, column jl + rows − 1 − r is
    // q_i·T[r(o)]
    if (!d.keyWindow.empty()) {
        const int gw = bw + rows - 1;
        t.sc.g.resize(static_cast<std::size_t>(t.tileRows) * (bw + t.tileRows));
        cache.run({rows, gw, hd, hd, hd, gw, true, false, Precision::F32},
                  d.queryPlain() + static_cast<std::size_t>(t.i0) * hd,
                  d.keyWindow.data() + static_cast<std::size_t>(t.n - t.i0 - rows + j0) * hd, t.sc.g.data(),
                  stream, slot);
    }
}

float engine::Tile::logits(int r, int j0, int bw, int len, int maxLen, float* ext) const
{
    float* s = row(r, bw);
    const int i = i0 + r;
    const int base = n - 1 - i + j0; // offset index of key j0 + jl is jl + base
    // logits = c·q̃·k̃ + offsetBias/T + c·keyBias·k_j, row max; then the table terms (scaled)
    const float mb = kernels::scoreRow(s, len, maxLen, c, d.offAdd.empty() ? nullptr : d.offAdd.data(), base,
                                       d.colAdd.empty() ? nullptr : d.colAdd.data() + j0);
    if (!tableTerms()) return mb;
    if (!d.keyWindow.empty())
        kernels::addRow(ext, sc.g.data() + static_cast<std::size_t>(r) * (bw + rows - 1) + (rows - 1 - r),
                        len, c);
    if (d.keyRows > 0)
        kernels::gatherAddRow(ext, len, d.qTable.data(), static_cast<long>(i) * d.keyRows, d.keyIdx.data(),
                              base);
    if (d.queryRows > 0)
        kernels::gatherStrideAddRow(ext, len, d.kTable.data() + static_cast<std::size_t>(j0) * d.queryRows,
                                    d.queryRows, d.queryIdx.data(), base);
    if (const CellTerm* term = cell()) {
        // the cell term in double (FIRE's MLP, CoPE's counted positions), / T, then into the float row
        sc.cellRow.resize(static_cast<std::size_t>(len));
        term->row(i, j0, len, sc.cellRow.data());
        const double invT = 1.0 / plan.model.temperature;
        for (int j = 0; j < len; ++j)
            ext[j] += static_cast<float>(sc.cellRow[static_cast<std::size_t>(j)] * invT);
    }
    return ext == s && maxLen > 0 ? kernels::maxRow(s, maxLen) : mb;
}

namespace {

// The full pass over one tile: the outputs z = softmax(logits) · V (+ the value-table term), and
// the bias, logits and probabilities of a head whose n × n matrices are kept.
class OutputPass
{
  public:
    OutputPass(const engine::Tile& t, const engine::OutputSink& sink, Precision precision)
        : t(t), d(t.d), sc(t.sc), sink(sink), bf16(precision == Precision::BF16), keep(sink.keep->keeps(t.h)),
          keepBias(keep && sink.keep->bias), keepLogits(keep && sink.keep->logits),
          keepProbs(keep && sink.keep->probs), B(rowBlock(sc.keptBias, keepBias)),
          L(rowBlock(sc.keptLogits, keepLogits)), P(rowBlock(sc.keptProbs, keepProbs))
    {
        sc.m.assign(t.rows, kNegInf);
        sc.l.assign(t.rows, 0.f);
        sc.alpha.resize(t.rows);
        sc.o.resize(static_cast<std::size_t>(t.tileRows) * t.hd);
        if (d.valueRows > 0) sc.w.assign(static_cast<std::size_t>(t.rows) * d.valueRows, 0.f);
    }
    // Keys some row of the tile computes, and per block (a kept head: one block, its rows final).
    int end() const { return t.causal && !keepBias ? t.i0 + t.rows : t.n; }
    int block(int requested) const { return keep ? t.n : engine::headKeyBlock(t.plan, t.h, requested); }
    bool keepsBias() const { return keepBias; }
    void row(int r, int j0, int bw);
    void finish();

  private:
    // Kept n × n matrices are column-major; a tile fills rows. Rows go to row-major buffers first
    // and are copied once per tile, column by column (contiguous writes): writing the matrices row
    // by row touched a new cache line and page per element, over half the time of a run that keeps
    // them. The row stride is padded by 8 doubles: at a power-of-two stride (n = 1024: 8 KiB) the
    // column-by-column reads of the copy all fall into one L1 set and evict each other.
    using RowBlock = Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>, 0,
                                Eigen::OuterStride<>>;
    RowBlock rowBlock(std::vector<double>& buf, bool wanted) const
    {
        const int stride = t.n + 8;
        buf.resize(wanted ? static_cast<std::size_t>(t.rows) * stride : 0);
        return RowBlock(buf.data(), wanted ? t.rows : 0, wanted ? t.n : 0, Eigen::OuterStride<>(stride));
    }
    void biasRow(int r, const float* s, int base);
    void valueWeights(int r, const float* e, int lenb, int base, float alpha);

    const engine::Tile& t;
    const engine::HeadData& d;
    engine::Scratch& sc;
    const engine::OutputSink& sink;
    const bool bf16, keep, keepBias, keepLogits, keepProbs;
    RowBlock B, L, P; // the kept bias, logits and probabilities (empty unless kept)
};

// bias = (Σ terms but content-content) / T in double where the plan has it: c·(S − CC) (0 unless pe
// or rotation), offsetBias / T, c·keyBias·k_j; the table terms follow (row). One block: j0 = 0.
void OutputPass::biasRow(int r, const float* s, int base)
{
    const float* cc = sc.cc.data() + static_cast<std::size_t>(r) * t.n;
    const HeadPlan& hp = t.plan.heads[t.h];
    const double temperature = t.plan.model.temperature, cd = t.plan.scale / temperature;
    for (int j = 0; j < t.n; ++j)
        B(r, j) = cd * (static_cast<double>(s[j]) - cc[j]) +
                  (hp.offsetBias.empty() ? 0.0 : hp.offsetBias[j + base] / temperature) +
                  (d.colAdd.empty() ? 0.0 : static_cast<double>(d.colAdd[j]));
}

// The value-table term's weights: w_t = Σ over this block's keys whose offset uses row t of e.
void OutputPass::valueWeights(int r, const float* e, int lenb, int base, float alpha)
{
    float* w = sc.w.data() + static_cast<std::size_t>(r) * d.valueRows;
    for (int v = 0; v < d.valueRows; ++v)
        w[v] *= alpha;
    for (const engine::HeadData::Run& run : d.valueRuns) {
        const int a0 = std::max(run.begin - base, 0), a1 = std::min(run.end - base, lenb);
        if (a0 >= a1) continue;
        const int edges[2] = {0, a1 - a0};
        float part = 0.f;
        engine::kernels::poolRow(e + a0, a1 - a0, edges, 1, false, &part);
        w[run.row] += part;
    }
}

// Row r of the block [j0, j0 + bw): logits (and kept rows), e = exp(logit − m') in place, the
// online-softmax step, and e in bf16 for the output product when it runs in bf16.
void OutputPass::row(int r, int j0, int bw)
{
    const int lenb = t.visible(r, j0, bw); // visible keys of the block
    const int clen = keepBias ? bw : lenb; // keys whose logit is computed
    float* s = t.row(r, bw);
    const int base = t.n - 1 - (t.i0 + r) + j0; // offset index of key j0 + jl is jl + base
    // a precise key table is stored relative to this row's anchor: s = logits − anchor
    const double anchor = d.rowAnchor.empty() ? 0.0 : d.rowAnchor[t.i0 + r];
    if (keepBias) biasRow(r, s, base);
    float mb = kNegInf;
    if (clen > 0) {
        if (keepBias && t.tableTerms()) {
            // the table terms go to the bias too, with the anchor, and only where visible if masked
            sc.ext.assign(clen, 0.f);
            t.logits(r, j0, bw, clen, lenb, sc.ext.data());
            const bool masked = t.plan.heads[t.h].maskTables; // Mask_ij = 0 for hidden keys j ≥ lenb
            for (int j = 0; j < clen; ++j) {
                s[j] += sc.ext[j];
                B(r, j) += masked && j >= lenb ? 0.0 : sc.ext[j] + anchor;
            }
            if (lenb > 0) mb = engine::kernels::maxRow(s, lenb);
        } else {
            mb = t.logits(r, j0, bw, clen, lenb, s);
        }
    }
    if (keepLogits)
        for (int j = 0; j < t.n; ++j)
            L(r, j) =
                j < lenb ? static_cast<double>(s[j]) + anchor : -std::numeric_limits<double>::infinity();
    if (lenb == 0) { // a causal block entirely after this query
        std::fill(s, s + bw, 0.f);
        sc.alpha[r] = 1.f;
        if (bf16) std::fill_n(sc.eb.data() + static_cast<std::size_t>(r) * bw, bw, std::uint16_t(0));
        return;
    }
    const engine::Tile::Step step = t.step(r, mb);
    const float sum = engine::kernels::expRow(s, lenb, step.max);
    std::fill(s + lenb, s + bw, 0.f);
    t.fold(r, step, sum);
    sc.alpha[r] = step.alpha;
    if (keepProbs) {
        // one block, so the row is complete: normalised in double, each row sums to 1 to ~1e-16
        double total = 0.0;
        for (int j = 0; j < lenb; ++j)
            total += s[j];
        const double inv = 1.0 / total;
        for (int j = 0; j < t.n; ++j)
            P(r, j) = j < lenb ? s[j] * inv : 0.0;
    }
    if (d.valueRows > 0) valueWeights(r, s, lenb, base, step.alpha);
    if (bf16) engine::kernels::toBf16(sc.eb.data() + static_cast<std::size_t>(r) * bw, s, bw);
}

// The kept matrices, and z_i = (o_i + Σ_t w_it · valueTable_t) / l_i written column by column: the
// result is column-major, so each column of the tile is one contiguous run.
void OutputPass::finish()
{
    const int rows = t.rows, hd = t.hd;
    if (keep) {
        HeadResult& kept = sink.result->heads[t.h];
        if (keepBias) kept.bias.middleRows(t.i0, rows) = B;
        if (keepLogits) kept.logits.middleRows(t.i0, rows) = L;
        if (keepProbs) kept.probs.middleRows(t.i0, rows) = P;
    }
    if (d.valueRows > 0)
        for (int r = 0; r < rows; ++r) {
            float* o = sc.o.data() + static_cast<std::size_t>(r) * hd;
            const float* w = sc.w.data() + static_cast<std::size_t>(r) * d.valueRows;
            for (int v = 0; v < d.valueRows; ++v)
                for (int col = 0; col < hd; ++col)
                    o[col] += w[v] * d.valueTable[static_cast<std::size_t>(v) * hd + col];
        }
    HeadResult& head = sink.result->heads[t.h];
    for (int col = 0; col < hd; ++col) {
        double* a = head.output.col(col).data() + t.i0;
        double* b = sink.result->output.col(t.h * hd + col).data() + t.i0;
        for (int r = 0; r < rows; ++r)
            a[r] = b[r] = static_cast<double>(sc.o[static_cast<std::size_t>(r) * hd + col] / sc.l[r]);
    }
}

} // namespace

void OneDnnEngine::Impl::outputTile(const engine::Tile& t, const engine::OutputSink& sink, int slot)
{
    const engine::HeadData& d = t.d;
    const int hd = t.hd, rows = t.rows;
    engine::Scratch& sc = t.sc;
    OutputPass pass(t, sink, precision);
    const int end = pass.end(), block = pass.block(keyBlock);
    sc.s.resize(static_cast<std::size_t>(t.tileRows) * block);
    if (precision == Precision::BF16) sc.eb.resize(static_cast<std::size_t>(t.tileRows) * block);
    for (int j0 = 0; j0 < end; j0 += block) {
        const int bw = std::min({block, t.n - j0, engine::roundUp(end - j0, 128)}); // keys [j0, j0 + bw)
        blockProducts(t, j0, bw, slot);
        if (pass.keepsBias()) {
            // CC = Q_c · K_cᵀ (content only, unrotated): bias = logits − c·CC (one block: j0 = 0, bw = n)
            sc.cc.resize(static_cast<std::size_t>(t.tileRows) * t.n);
            const float* qc = d.qc.empty() ? d.queryPlain() : d.qc.data();
            const float* kc = d.kc.empty() ? d.keyPlain() : d.kc.data();
            cache.run({rows, t.n, hd, hd, hd, t.n, true, false, Precision::F32},
                      qc + static_cast<std::size_t>(t.i0) * hd, kc, sc.cc.data(), streams[slot], slot);
        }
        for (int r = 0; r < rows; ++r)
            pass.row(r, j0, bw);
        // O = α·O + E · V[j0, j0 + bw)
        const bool first = j0 == 0;
        if (!first)
            for (int r = 0; r < rows; ++r)
                if (sc.alpha[r] != 1.f)
                    for (int col = 0; col < hd; ++col)
                        sc.o[static_cast<std::size_t>(r) * hd + col] *= sc.alpha[r];
        const GemmShape pv{rows, hd, bw, bw, hd, hd, false, !first, precision};
        const void* e = precision == Precision::BF16 ? static_cast<const void*>(sc.eb.data()) : sc.s.data();
        const void* v = precision == Precision::BF16
                            ? static_cast<const void*>(d.vb.data() + static_cast<std::size_t>(j0) * hd)
                            : d.v.data() + static_cast<std::size_t>(j0) * hd;
        cache.run(pv, e, v, sc.o.data(), streams[slot], slot);
    }
    pass.finish();
}

} // namespace poslab
