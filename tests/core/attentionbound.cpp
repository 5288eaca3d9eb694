// Each computation of the engines, step by step, with its rounding-error bound (errorbound.h).
//
// The oneDNN engine (headprep.cpp, tile.cpp, engineterms.cpp), f32:
//   x̂ = fl32(e + p), Ŵ = fl32(W); [q | k | v] = x̂·Ŵ, one gemm of length d_model
//   RoPE in float, cos and sin of the double angle rounded to float
//   logit = c·(q̃·k̃) + offsetBias/T + c·keyBias·k_j + c·q_i·K[r(Δ)] + c·k_j·Q[r(Δ)],  c = fl32(scale/T)
//   softmax over B key blocks (online), exp with relative error ≤ 2^−21 on [−87, 0], 0 below
//   z_i = (Σ_j e_ij v_j + Σ_t w_it a^V_t) / l_i
// bf16 rounds q̃, k̃ before Q·Kᵀ and v and the e_ij before P·V (unit roundoff 2^−8), accumulating in
// f32. The double evaluations (oracle, reference engine, the plan's formula) compute the same terms
// as sums of products of the same operands with u = 2^−53; the plan's tables, PE, slopes and RoPE
// angles are their common exact operands.

#include "attentionbound.h"

#include "engine/terms.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <ostream>

namespace poslab::test {

namespace {

using Eigen::MatrixXd;
constexpr double kUd = kUnitF64;
constexpr double kInf = std::numeric_limits<double>::infinity();

struct Arithmetic
{
    bool engine = true;      // the oneDNN engine's float data, else a double evaluation
    double u = kUnitF32;     // storage and accumulation
    double uIn = kUnitF32;   // the inputs of Q·Kᵀ and P·V
    double expRel = 0x1p-21; // exp's relative error where it is accurate
    double expFloor = -87.0; // below it exp may return 0
    double tiny = 0x1p-126;  // smallest normal: the most a flushed subnormal loses
    SoftmaxArithmetic softmax(int blocks) const { return {u, expRel, expFloor, tiny, blocks}; }
};

Arithmetic arithmetic(Arith a)
{
    // glibc's double exp is within 1 ulp (2^−52 relative) down to the subnormals (−708).
    if (a == Arith::F64) return {false, kUd, kUd, 0x1p-52, -708.0, 0x1p-1022};
    // The engine's exp contract (kernels.h), whatever the ISA.
    return {true, kUnitF32, a == Arith::BF16 ? kUnitBf16 : kUnitF32, 0x1p-21, -87.0, 0x1p-126};
}

// Key blocks per row of tile.cpp's online softmax (columnBlock).
int keyBlocks(int n, int keyBlock)
{
    const int block = keyBlock > 0 ? std::min(keyBlock, n) : (n <= 2048 ? n : 1024);
    return (n + block - 1) / block;
}

bool visible(const AttentionPlan& plan, int i, int j)
{
    return !plan.model.causal || j <= i;
}

// x = e + p. The engine holds fl32(fl64(e + p)): (1 + u)(1 + u_d) − 1 of |e| + |p|. A double
// evaluation holds fl64(e + p), or e and p apart (the oracle's four products): magnitude |e| + |p|.
Bounded inputs(const AttentionPlan& plan, const Arithmetic& ar)
{
    const MatrixXd mag = plan.content.cwiseAbs() + plan.pe.cwiseAbs();
    return {mag, (ar.engine ? (1 + ar.u) * (1 + kUd) - 1 : kUd) * mag};
}

// A double operand as the evaluation holds it: rounded to float in the engine, exact in double.
Bounded stored(const MatrixXd& a, const Arithmetic& ar)
{
    return {a.cwiseAbs(), (ar.engine ? ar.u : 0.0) * a.cwiseAbs()};
}

// q̃ = R(p·θ) q per pair (a, b): (x_a cos − x_b sin, x_a sin + x_b cos), cos and sin of the same
// double angle in every evaluation (rounded to float in the engine): the propagated errors
// |cos|·E_a + |sin|·E_b plus γ_3 (storage, product, add) of |cos|·|x̂_a| + |sin|·|x̂_b|.
Bounded rotated(const Bounded& x, const RotaryPlan& r, RotarySide side, double u)
{
    Bounded out = x;
    const int half = r.pairs(); // the rotary dims; the others pass unchanged
    // The attention factor s and xPos's σ scale cos and sin, folded in double before the one float
    // rounding (γ_3 covers the attention factor's product; xPos's pow and products take two more).
    const double g = gamma(r.zeta.empty() ? 3 : 5, u);
    for (Eigen::Index p = 0; p < x.mag.rows(); ++p)
        for (int c = 0; c < half; ++c) {
            const int a = r.interleaved ? 2 * c : c, b = r.interleaved ? 2 * c + 1 : c + half;
            const int position = r.start + static_cast<int>(p);
            const double angle = position * r.theta[c];
            const double sigma = r.scale * rotaryScale(r, position, c, side);
            const double cs = std::abs(std::cos(angle)) * sigma, sn = std::abs(std::sin(angle)) * sigma;
            const double ma = x.mag(p, a), mb = x.mag(p, b), ea = x.err(p, a), eb = x.err(p, b);
            out.mag(p, a) = cs * ma + sn * mb;
            out.err(p, a) = cs * ea + sn * eb + g * (cs * (ma + ea) + sn * (mb + eb));
            out.mag(p, b) = sn * ma + cs * mb;
            out.err(p, b) = sn * ea + cs * eb + g * (sn * (ma + ea) + cs * (mb + eb));
        }
    return out;
}

// A table term per cell from a per-token table t (n × m): t(i, r) for a key table (q_i·K[r]),
// t(j, r) for a query table (perKey: k_j·Q[r]), r = rowOfOffset[j − i + n − 1]; masked: 0 for j > i.
Bounded gathered(const Bounded& t, const std::vector<int>& rowOf, bool perKey, bool masked)
{
    const int n = static_cast<int>(t.mag.rows());
    Bounded out{MatrixXd::Zero(n, n), MatrixXd::Zero(n, n)};
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            if (masked && j > i) continue;
            const int row = perKey ? j : i, r = rowOf[j - i + n - 1];
            out.mag(i, j) = t.mag(row, r);
            out.err(i, j) = t.err(row, r);
        }
    return out;
}

// A per-key value (n × 1) in every row.
Bounded broadcast(const Bounded& col)
{
    const auto n = col.mag.rows();
    return {MatrixXd::Ones(n, 1) * col.mag.transpose(), MatrixXd::Ones(n, 1) * col.err.transpose()};
}

MatrixXd byOffset(const std::vector<double>& table, int n)
{
    MatrixXd out(n, n);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            out(i, j) = table[j - i + n - 1];
    return out;
}

// A cell term (FIRE, CoPE) evaluated in double: within γ_R(u)·M of the exact value, M the Σ|parts|
// the term reports for each cell and R its roundings (plan.h, CellTerm).
Bounded cellTerm(const CellTerm& term, int n, double u)
{
    MatrixXd mag(n, n);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            mag(i, j) = term.magnitude(i, j);
    return {mag, gamma(term.roundings(), u) * mag};
}

Bounded zeros(int n)
{
    return {MatrixXd::Zero(n, n), MatrixXd::Zero(n, n)};
}

// z_i = Σ_j p_ij (v_j + a_{r(j−i)}): P·V, and the table rows a weighted by P and W summed by row,
// G_it = Σ_{j: r(j−i) = t}, each with R roundings on its way.
MatrixXd outputBound(const MatrixXd& pHi, const MatrixXd& w, const Bounded& v, const OffsetTable& table,
                     const Bounded& rows, int R, const Arithmetic& ar)
{
    const auto n = pHi.rows();
    MatrixXd out = weightedSumBound(pHi, w, v, R, ar.u);
    if (!table.empty()) {
        const auto m = table.rows.rows();
        MatrixXd gp = MatrixXd::Zero(n, m), gw = MatrixXd::Zero(n, m);
        for (Eigen::Index i = 0; i < n; ++i)
            for (Eigen::Index j = 0; j < n; ++j) {
                const int t = table.rowOfOffset[j - i + n - 1];
                gp(i, t) += pHi(i, j);
                gw(i, t) += w(i, j);
            }
        out += weightedSumBound(gp, gw, rows, R, ar.u);
    }
    // a flushed subnormal product loses at most the smallest normal
    return (out.array() + static_cast<double>(n + R) * ar.tiny).matrix();
}

// The double evaluation: the plan's components (as the reference engine and, term by term, the
// oracle compute them), their sum, / T, softmax, P·V.
HeadBound doubleBound(const AttentionPlan& plan, int h, const HeadResult& oracle, bool terms)
{
    const Arithmetic ar = arithmetic(Arith::F64);
    const double u = kUd;
    const int n = plan.n(), hd = plan.model.headDim();
    const HeadPlan& hp = plan.heads[h];
    const double s = plan.scale, T = plan.model.temperature;
    const Bounded x = inputs(plan, ar);
    const Bounded e = exactly(plan.content), p = exactly(plan.pe);
    const auto w = [&](const MatrixXd& m) { return exactly(m.middleCols(h * hd, hd)); };
    const Bounded wq = w(plan.proj->wq), wk = w(plan.proj->wk), wv = w(plan.proj->wv);
    const Bounded q = product(x, wq, u), k = product(x, wk, u), v = product(x, wv, u);
    const auto qk = [&](const Bounded& a, const Bounded& b) {
        return scaled(product(a, transposed(b), u), s, 1, u);
    };

    std::vector<Bounded> parts;
    for (Component comp : planComponentList(plan, h)) {
        switch (comp) {
        case Component::CC:
            parts.push_back(qk(product(e, wq, u), product(e, wk, u)));
            break;
        case Component::CP:
            parts.push_back(qk(product(e, wq, u), product(p, wk, u)));
            break;
        case Component::PC:
            parts.push_back(qk(product(p, wq, u), product(e, wk, u)));
            break;
        case Component::PP:
            parts.push_back(qk(product(p, wq, u), product(p, wk, u)));
            break;
        case Component::Rotation: {
            // s·q̃·k̃ᵀ − s·q·kᵀ
            const Bounded rot = qk(rotated(q, plan.rotary, RotarySide::Query, u), rotated(k, plan.rotary, RotarySide::Key, u)),
                          plain = qk(q, k);
            parts.push_back(difference(rot, plain, rot.mag + plain.mag, u));
            break;
        }
        case Component::KeyTable:
            parts.push_back(gathered(scaled(product(q, transposed(exactly(hp.keyTable.rows)), u), s, 1, u),
                                     hp.keyTable.rowOfOffset, false, hp.maskTables));
            break;
        case Component::QueryTable:
            parts.push_back(gathered(scaled(product(k, transposed(exactly(hp.queryTable.rows)), u), s, 1, u),
                                     hp.queryTable.rowOfOffset, true, hp.maskTables));
            break;
        case Component::KeyBias:
            parts.push_back(broadcast(scaled(product(k, exactly(hp.keyBias), u), s, 1, u)));
            break;
        case Component::OffsetBias: {
            const MatrixXd b = byOffset(hp.offsetBias, n).cwiseAbs();
            parts.push_back({b, u * b});
            break;
        }
        case Component::Cell:
            parts.push_back(cellTerm(*hp.cell, n, u));
            break;
        }
    }
    std::vector<const Bounded*> all;
    for (const Bounded& t : parts)
        all.push_back(&t);
    // Σ terms, two roundings more for the plan formula's arrangement (the tables summed before the
    // scale, then the offset), then / T
    const Bounded scores = sum(all, u, 2);
    const Bounded logits = scaled(scores, 1 / T, 1, u);
    // bias = (scores − content-content) / T
    const Bounded bias = scaled(difference(scores, parts[0], scores.mag - parts[0].mag, u), 1 / T, 1, u);

    HeadBound out;
    out.logits = logits.err;
    const MatrixXd zero = MatrixXd::Zero(n, n);
    out.probs = softmaxBound(oracle.logits, logits.err, zero, oracle.probs, oracle.probs, false,
                             plan.model.causal, ar.softmax(1));
    out.bias = bias.err;
    const MatrixXd pHi = oracle.probs + out.probs;
    const Bounded aV = hp.valueTable.empty() ? Bounded{} : exactly(hp.valueTable.rows);
    const int tv = hp.valueTable.empty() ? 0 : static_cast<int>(hp.valueTable.rows.rows());
    // P·V (n − 1 additions), the table rows grouped by row or added key by key after it (n more)
    out.output = outputBound(pHi, out.probs, v, hp.valueTable, aV, 2 * n + tv + 2, ar);
    if (terms)
        for (const Bounded& t : parts)
            out.terms.push_back(t.err);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            if (!visible(plan, i, j)) out.logits(i, j) = 0.0;
    return out;
}

// The oneDNN engine, its key table taken one way (Float or Precise).
HeadBound engineBound(const AttentionPlan& plan, int h, const HeadResult& oracle, const HeadBound& own,
                      const BoundOptions& o, KeyTablePath path)
{
    const Arithmetic ar = arithmetic(o.arith);
    const bool bf16 = o.arith == Arith::BF16;
    const double u = ar.u;
    const int n = plan.n(), hd = plan.model.headDim();
    const HeadPlan& hp = plan.heads[h];
    const double s = plan.scale, T = plan.model.temperature, c = s / T;
    const bool hasPe = !plan.pe.isZero(0.0);
    const auto cols = [&](const MatrixXd& m) { return m.middleCols(h * hd, hd); };

    // [q | k | v] = x̂·Ŵ: one gemm of length d_model
    const Bounded x = inputs(plan, ar);
    const Bounded wq = stored(cols(plan.proj->wq), ar), wk = stored(cols(plan.proj->wk), ar),
                  wv = stored(cols(plan.proj->wv), ar);
    const Bounded q = product(x, wq, u), k = product(x, wk, u), v = product(x, wv, u);
    // content-only q, k (bias, terms): their own gemm when pe is not zero, else q̂, k̂
    const Bounded ec = stored(plan.content, ar);
    const Bounded qc = hasPe ? product(ec, wq, u) : q, kc = hasPe ? product(ec, wk, u) : k;
    const Bounded qr = plan.rotary.enabled ? rotated(q, plan.rotary, RotarySide::Query, u) : q;
    const Bounded kr = plan.rotary.enabled ? rotated(k, plan.rotary, RotarySide::Key, u) : k;

    // S = Q̃·K̃ᵀ (bf16: inputs rounded, products exact, f32 sums). c = fl32(scale/T): the double
    // division, the cast and then the product, 3 roundings of c·S (u_d < u)
    const Bounded S =
        product(rounded(qr, bf16 ? ar.uIn : 0.0), transposed(rounded(kr, bf16 ? ar.uIn : 0.0)), u);
    const Bounded cS = scaled(S, c, 3, u);
    // offAdd = fl32(offsetBias / T): (1 + u)(1 + u_d) − 1
    Bounded off, offDouble;
    if (!hp.offsetBias.empty()) {
        const MatrixXd b = byOffset(hp.offsetBias, n).cwiseAbs() / T;
        off = {b, ((1 + u) * (1 + kUd) - 1) * b};
        offDouble = {b, kUd * b};
    }
    // colAdd_j = fl32(fl32(k̂_j·keyBias in double)·c): a double dot of length head_dim, then the
    // cast, c's two and the product
    Bounded col;
    if (hp.keyBias.size() > 0) col = broadcast(scaled(product(k, exactly(hp.keyBias), kUd), c, 4, u));
    // Key table. Float: qTable = c·q̂·Kᵀ, a product of length head_dim (the rows rounded to float for
    // a gemm), c's two roundings and the product or cast. Precise: t = (scale/T)·q·Kᵀ in double from double
    // q; the row holds fl32(t − â_i), â_i the largest t of row i's visible keys, added back in
    // double: |fl32(t̂ − â) − (t − â)| ≤ E_t + u·(|t − â| + E_t), and â cancels.
    Bounded keyT, keyTerm;
    MatrixXd anchor = MatrixXd::Zero(n, n);
    if (!hp.keyTable.empty()) {
        const bool masked = hp.maskTables;
        if (path == KeyTablePath::Float) {
            const Bounded prod = product(q, transposed(stored(hp.keyTable.rows, ar)), u);
            keyT = gathered(scaled(prod, c, 3, u), hp.keyTable.rowOfOffset, false, masked);
            keyTerm = scaled(keyT, T, 1, kUd);
        } else {
            const Arithmetic d = arithmetic(Arith::F64);
            const MatrixXd qd = (plan.content + plan.pe) * cols(plan.proj->wq);
            const Bounded td =
                gathered(scaled(product(product(inputs(plan, d), exactly(cols(plan.proj->wq)), kUd),
                                        transposed(exactly(hp.keyTable.rows)), kUd),
                                c, 2, kUd),
                         hp.keyTable.rowOfOffset, false, masked);
            const MatrixXd t = c * (qd * hp.keyTable.rows.transpose());
            for (int i = 0; i < n; ++i) {
                double a = -kInf;
                for (int j = 0; j < n; ++j)
                    if (visible(plan, i, j)) a = std::max(a, t(i, hp.keyTable.rowOfOffset[j - i + n - 1]));
                anchor.row(i).setConstant(a);
            }
            keyT = zeros(n);
            keyTerm = zeros(n);
            for (int i = 0; i < n; ++i)
                for (int j = 0; j < n; ++j) {
                    if (masked && j > i) continue;
                    const double tij = t(i, hp.keyTable.rowOfOffset[j - i + n - 1]);
                    const double mag = std::abs(tij - anchor(i, j)) + 2 * td.err(i, j);
                    keyT.mag(i, j) = mag;
                    keyT.err(i, j) = td.err(i, j) + u * (mag + td.err(i, j));
                    // the engine's term: T·(fl32(t − â) + â) in double
                    keyTerm.mag(i, j) = T * (std::abs(tij) + td.err(i, j));
                    keyTerm.err(i, j) = T * keyT.err(i, j) + 2 * kUd * keyTerm.mag(i, j);
                }
        }
    }
    // kTable = c·k̂·Qᵀ as the float key table
    Bounded queryT;
    if (!hp.queryTable.empty())
        queryT = gathered(scaled(product(k, transposed(stored(hp.queryTable.rows, ar)), u), c, 3, u),
                          hp.queryTable.rowOfOffset, true, hp.maskTables);

    // The cell term: its row in double (within γ_R·M), fl32(v·fl(1/T)): two roundings in double and
    // the cast to float
    Bounded cellD, cellT;
    if (hp.cell) {
        cellD = cellTerm(*hp.cell, n, kUd);
        cellT = rounded(scaled(cellD, 1 / T, 2, kUd), u);
    }

    // logits: the parts summed in float in any order (Higham (4.4)); the precise table's anchor is
    // added in double to the kept logits
    std::vector<const Bounded*> parts{&cS}, tables;
    for (const Bounded* b : {&off, &col})
        if (b->mag.size() > 0) parts.push_back(b);
    for (const Bounded* b : {&keyT, &queryT, &cellT})
        if (b->mag.size() > 0) tables.push_back(b);
    parts.insert(parts.end(), tables.begin(), tables.end());
    Bounded logits = sum(parts, u);
    if (path == KeyTablePath::Precise && !hp.keyTable.empty())
        logits.err += kUd * (logits.mag + anchor.cwiseAbs() + logits.err);

    HeadBound out;
    out.logits = logits.err;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            if (!visible(plan, i, j)) out.logits(i, j) = 0.0;

    // bias = cd·(S − CC) + offsetBias/T + colAdd + ext (+ â) in double, cd = scale/T in double; CC is
    // the content-only q̂c·k̂cᵀ (f32); ext the float sum of the table terms (0 where masked)
    const Bounded CC = product(qc, transposed(kc), u);
    const Bounded cdiff = scaled(difference(S, CC, S.mag + CC.mag, kUd), c, 2, kUd);
    std::vector<const Bounded*> biasParts{&cdiff};
    if (off.mag.size() > 0) biasParts.push_back(&offDouble);
    if (col.mag.size() > 0) biasParts.push_back(&col);
    Bounded ext;
    if (!tables.empty()) {
        ext = sum(tables, u);
        if (path == KeyTablePath::Precise && !hp.keyTable.empty())
            ext.err += kUd * (ext.mag + anchor.cwiseAbs() + ext.err);
        biasParts.push_back(&ext);
    }
    out.bias = sum(biasParts, kUd).err;

    // probabilities and outputs, the exact side from the oracle widened by its own bound
    const int blocks = keyBlocks(n, o.keyBlock);
    const MatrixXd pLo = (oracle.probs - own.probs).cwiseMax(0.0), pHi = oracle.probs + own.probs;
    out.probs = softmaxBound(oracle.logits, logits.err, own.logits, pLo, pHi, true, plan.model.causal,
                             ar.softmax(blocks));
    // bf16: the e_ij rounded to bf16 before P·V, and v
    const MatrixXd w = bf16 ? MatrixXd(out.probs + ar.uIn * (pHi + out.probs)) : out.probs;
    const int tv = hp.valueTable.empty() ? 0 : static_cast<int>(hp.valueTable.rows.rows());
    const Bounded aV = hp.valueTable.empty() ? Bounded{} : stored(hp.valueTable.rows, ar);
    out.output =
        outputBound(pHi, w, rounded(v, bf16 ? ar.uIn : 0.0), hp.valueTable, aV, n + blocks + tv + 4, ar);

    if (!o.terms) return out;
    // engineterms.cpp: float products of the prepared data, scaled in double; the position parts
    // as float differences q̂ − q̂c
    const auto qk = [&](const Bounded& a, const Bounded& b) {
        return scaled(product(a, transposed(b), u), s, 1, kUd);
    };
    const auto position = [&](const Bounded& xw, const Bounded& cw, const MatrixXd& wcols) {
        return difference(xw, cw, plan.pe.cwiseAbs() * wcols.cwiseAbs(), u);
    };
    for (Component comp : planComponentList(plan, h)) {
        switch (comp) {
        case Component::CC:
            out.terms.push_back(qk(qc, kc).err);
            break;
        case Component::CP:
            out.terms.push_back(qk(qc, position(k, kc, cols(plan.proj->wk))).err);
            break;
        case Component::PC:
            out.terms.push_back(qk(position(q, qc, cols(plan.proj->wq)), kc).err);
            break;
        case Component::PP:
            out.terms.push_back(
                qk(position(q, qc, cols(plan.proj->wq)), position(k, kc, cols(plan.proj->wk))).err);
            break;
        case Component::Rotation: {
            const Bounded rot = product(qr, transposed(kr), u), plain = product(q, transposed(k), u);
            out.terms.push_back(scaled(difference(rot, plain, rot.mag + plain.mag, kUd), s, 1, kUd).err);
            break;
        }
        case Component::KeyTable:
            out.terms.push_back(keyTerm.err);
            break;
        case Component::QueryTable:
            out.terms.push_back(scaled(queryT, T, 1, kUd).err);
            break;
        case Component::KeyBias:
            out.terms.push_back(scaled(col, T, 1, kUd).err);
            break;
        case Component::OffsetBias: // the plan's own values, copied
            out.terms.push_back(MatrixXd::Zero(n, n));
            break;
        case Component::Cell: // engineterms.cpp: the same double rows
            out.terms.push_back(cellD.err);
            break;
        }
    }
    return out;
}

HeadBound cwiseMax(HeadBound a, const HeadBound& b)
{
    for (auto [x, y] : {std::pair{&a.logits, &b.logits}, std::pair{&a.probs, &b.probs},
                        std::pair{&a.bias, &b.bias}, std::pair{&a.output, &b.output}})
        *x = x->cwiseMax(*y);
    for (std::size_t t = 0; t < a.terms.size(); ++t)
        a.terms[t] = a.terms[t].cwiseMax(b.terms[t]);
    return a;
}

HeadBound evaluationBound(const AttentionPlan& plan, int h, const HeadResult& oracle, const HeadBound& own,
                          const BoundOptions& o)
{
    if (o.arith == Arith::F64) return own;
    const bool table = !plan.heads[h].keyTable.empty();
    if (!table || o.keyTable == KeyTablePath::Float)
        return engineBound(plan, h, oracle, own, o, KeyTablePath::Float);
    if (o.keyTable == KeyTablePath::Precise)
        return engineBound(plan, h, oracle, own, o, KeyTablePath::Precise);
    return cwiseMax(engineBound(plan, h, oracle, own, o, KeyTablePath::Float),
                    engineBound(plan, h, oracle, own, o, KeyTablePath::Precise));
}

} // namespace

HeadBound headBound(const AttentionPlan& plan, int h, const HeadResult& oracle, const BoundOptions& options)
{
    return evaluationBound(plan, h, oracle, doubleBound(plan, h, oracle, options.terms), options);
}

HeadBound agreementBound(const AttentionPlan& plan, int h, const HeadResult& oracle,
                         const BoundOptions& options)
{
    const HeadBound own = doubleBound(plan, h, oracle, options.terms);
    HeadBound b = evaluationBound(plan, h, oracle, own, options);
    b.logits += own.logits;
    b.probs += own.probs;
    b.bias += own.bias;
    b.output += own.output;
    for (std::size_t t = 0; t < b.terms.size(); ++t)
        b.terms[t] += own.terms[t];
    return b;
}

// Σ_j p̂_j = Σ_j ê_j φ_j / Σ_j ê_j ψ_j with φ, ψ within (1 ± ε)^E (1 ± γ_R) (softmaxBound's E and R):
// the ratio lies within their quotients, whatever the ê_j.
double rowSumBound(int n, int keyBlock, int extra)
{
    const SoftmaxArithmetic ar = arithmetic(Arith::F32).softmax(keyBlocks(n, keyBlock));
    const int E = ar.blocks + 2;
    const double R = n + ar.blocks + 4 + extra;
    return std::pow((1 + ar.expRel) / (1 - ar.expRel), E) * (1 + gamma(R, ar.u)) / (1 - gamma(R, ar.u)) - 1;
}

// Max: |max p̂ − max p| ≤ the largest element bound of the cell. Mean: the element bounds averaged,
// plus the float sums of the cell (its keys within a row, then its rows: γ_{w+h}) and the double
// division and sum over threads.
MatrixXd pooledBound(const MatrixXd& probs, const MatrixXd& p, const std::vector<int>& edges, PoolMode mode)
{
    return pooledBound(probs, p, edges, edges, mode);
}

MatrixXd pooledBound(const MatrixXd& probs, const MatrixXd& p, const std::vector<int>& rowEdges,
                     const std::vector<int>& keyEdges, PoolMode mode)
{
    const int rows = static_cast<int>(rowEdges.size()) - 1, cols = static_cast<int>(keyEdges.size()) - 1;
    MatrixXd out(rows, cols);
    for (int a = 0; a < rows; ++a)
        for (int b = 0; b < cols; ++b) {
            const int h = rowEdges[a + 1] - rowEdges[a], w = keyEdges[b + 1] - keyEdges[b];
            const auto bound = probs.block(rowEdges[a], keyEdges[b], h, w);
            if (mode == PoolMode::Max) {
                out(a, b) = bound.maxCoeff();
            } else {
                const double area = static_cast<double>(h) * w;
                const double total = (p.block(rowEdges[a], keyEdges[b], h, w) + bound).sum();
                out(a, b) = bound.sum() / area + (gamma(w + h, kUnitF32) + gamma(3, kUd)) * total / area;
            }
        }
    return out;
}

} // namespace poslab::test
