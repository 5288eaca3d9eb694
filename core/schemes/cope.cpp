// CoPE, contextual position encoding (Golovneva, Wang, Weston & Sukhbaatar 2024). Transcribed from
// facebookresearch/RAM, projects/cope/src/cope/context_position.py, ContextPosSelfAttn.forward
// (defaults: no separate gate key, no value gates, divided by √d):
//   gates     = sigmoid(q·kᵀ / √head_dim) · attn_mask
//   positions = gates.flip(-1).cumsum(-1).flip(-1).clamp(max = npos − 1)     (Σ_{t ≥ j} g_it)
//   pos_logits_fixed = q · pos_emb                                           (n × npos)
//   pos_logits = fixed[ceil(p)]·(p − floor(p)) + fixed[floor(p)]·(1 − (p − floor(p)))
//   attn_logits = (q·kᵀ + pos_logits) / √head_dim
// pos_emb is a learned head_dim × npos parameter (zeros at init there); PosLab draws it from the seed.

#include "cellterms.h"

#include "i18n.h"
#include "schemes.h"

#include "rng.h"

#include <algorithm>
#include <cmath>

namespace poslab::schemes {

namespace {

double sigmoid(double x)
{
    return 1.0 / (1.0 + std::exp(-x));
}

} // namespace

CopeTerm::CopeTerm(Eigen::MatrixXd q, Eigen::MatrixXd k, std::shared_ptr<const Eigen::MatrixXd> emb,
                   double scale, bool causal)
    : m_q(std::move(q)), m_kT(k.transpose()), m_emb(std::move(emb)), m_scale(scale), m_causal(causal)
{
}

Eigen::VectorXd CopeTerm::gates(int i) const
{
    const Eigen::VectorXd s = m_kT.transpose() * m_q.row(i).transpose();
    return (m_scale * s).unaryExpr([](double x) { return sigmoid(x); });
}

void CopeTerm::positions(int i, int j0, int len, double* out) const
{
    const int last = lastKey(i);
    const double top = npos() - 1;
    // suffix sums from the last visible key down to j0: p_ij = Σ_{t = j..last} g_it
    const int from = std::min(j0 + len - 1, last);
    double sum = 0.0;
    if (last >= j0) {
        const Eigen::VectorXd s = m_kT.middleCols(j0, last - j0 + 1).transpose() * m_q.row(i).transpose();
        for (int t = last; t > from; --t)
            sum += sigmoid(m_scale * s[t - j0]);
        for (int t = from; t >= j0; --t) {
            sum += sigmoid(m_scale * s[t - j0]);
            out[t - j0] = std::min(sum, top);
        }
    }
    for (int t = std::max(j0, last + 1); t < j0 + len; ++t)
        out[t - j0] = 0.0; // a hidden key: no gate counts it
}

void CopeTerm::row(int i, int j0, int len, double* out) const
{
    positions(i, j0, len, out);
    // q_i·e_p for the positions the row reaches, then the interpolation between floor and ceiling
    double most = 0.0;
    for (int c = 0; c < len; ++c)
        most = std::max(most, out[c]);
    const int reach = std::min(npos() - 1, static_cast<int>(std::ceil(most)));
    const Eigen::VectorXd fixed = m_emb->topRows(reach + 1) * m_q.row(i).transpose();
    for (int c = 0; c < len; ++c) {
        const double p = out[c], lo = std::floor(p), w = p - lo;
        const int f = static_cast<int>(lo), up = static_cast<int>(std::ceil(p));
        out[c] = m_scale * (fixed[up] * w + fixed[f] * (1.0 - w));
    }
}

// Σ|parts| of the two products, plus the slope of the interpolation times the counted position's
// own magnitude: a change δ of p moves the term by at most 2·max_p |q_i·e_p|/√d · δ, and δ is within
// γ·Σ_t (1 + |q_i|·|k_t|/√d) (each gate's sigmoid and product, summed).
double CopeTerm::magnitude(int i, int j) const
{
    const Eigen::VectorXd qa = m_q.row(i).cwiseAbs().transpose();
    std::vector<double> p(1);
    positions(i, j, 1, p.data());
    const int f = static_cast<int>(std::floor(p[0])), up = static_cast<int>(std::ceil(p[0]));
    const Eigen::MatrixXd ea = m_emb->cwiseAbs();
    const double parts = m_scale * (ea.row(f).dot(qa) + ea.row(up).dot(qa));
    const double slope = 2.0 * m_scale * (ea * qa).maxCoeff();
    double counted = 0.0;
    for (int t = j; t <= lastKey(i); ++t)
        counted += 1.0 + m_scale * m_kT.col(t).cwiseAbs().dot(qa);
    return parts + slope * counted;
}

int CopeTerm::roundings() const
{
    return static_cast<int>(m_q.rows() + m_q.cols()) + 8;
}

namespace {

class CopeScheme final : public Scheme
{
  public:
    CopeScheme(const RawParams& raw, const ModelConfig& model) : Scheme(copeInfo(), raw, model)
    {
        m_npos = static_cast<int>(m_params.integer("npos"));
    }

    // npos rows of e (row p is position p's embedding), N(0, 1), drawn row by row from one stream
    // so that row p is the same whatever npos is.
    std::shared_ptr<const Eigen::MatrixXd> embedding(int n) const
    {
        const int rows = m_npos > 0 ? m_npos : n + 1; // the official default: block size + 1
        auto e = std::make_shared<Eigen::MatrixXd>(rows, m_model.headDim());
        Rng r = Rng::stream(m_model.seed, "cope.pos_emb");
        for (int p = 0; p < rows; ++p)
            for (int c = 0; c < m_model.headDim(); ++c)
                (*e)(p, c) = r.normal();
        return e;
    }

    bool countsPositions() const override { return true; }
    bool hasDeltaCurve() const override { return false; }

    // The forward as written, densely: gates, the suffix sums, the clamp, the interpolation.
    Eigen::MatrixXd countedPositions(const HeadContext& ctx) const override
    {
        const int n = ctx.n();
        const Eigen::MatrixXd x = ctx.content + ctx.pe;
        const Eigen::MatrixXd q = x * ctx.wq, k = x * ctx.wk;
        const double s = scoreScale();
        Eigen::MatrixXd gates = (s * q * k.transpose()).unaryExpr([](double v) { return sigmoid(v); });
        if (m_model.causal) gates.triangularView<Eigen::StrictlyUpper>().setZero(); // · attn_mask
        Eigen::MatrixXd pos(n, n);
        const double top = (m_npos > 0 ? m_npos : n + 1) - 1;
        for (int i = 0; i < n; ++i) {
            double sum = 0.0;
            for (int j = n - 1; j >= 0; --j) { // flip, cumsum, flip
                sum += gates(i, j);
                pos(i, j) = std::min(sum, top);
            }
        }
        return pos;
    }

    std::vector<ScoreTerm> scoreTerms(const HeadContext& ctx) const override
    {
        auto terms = Scheme::scoreTerms(ctx);
        const int n = ctx.n();
        const Eigen::MatrixXd pos = countedPositions(ctx);
        const Eigen::MatrixXd q = (ctx.content + ctx.pe) * ctx.wq;
        const Eigen::MatrixXd fixed = q * embedding(n)->transpose(); // q · pos_emb, n × npos
        Eigen::MatrixXd t(n, n);
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j) {
                const double p = pos(i, j);
                const auto ceil = static_cast<Eigen::Index>(std::ceil(p)),
                           floor = static_cast<Eigen::Index>(std::floor(p));
                const double w = p - std::floor(p);
                t(i, j) = scoreScale() * (fixed(i, ceil) * w + fixed(i, floor) * (1 - w));
            }
        terms.push_back({POSLAB_TR_NOOP("ScoreTerm", "contextual position q_i·e[p_ij] / √d"), t});
        return terms;
    }

    HeadPlan headPlan(const HeadContext& ctx) const override
    {
        HeadPlan plan;
        const Eigen::MatrixXd x = ctx.content + ctx.pe;
        plan.cell = std::make_shared<CopeTerm>(x * ctx.wq, x * ctx.wk, embedding(ctx.n()), scoreScale(),
                                               m_model.causal);
        return plan;
    }

    DeltaCurve deltaCurve(int) const override
    {
        fail(trCore("Scheme",
                    "the counted positions depend on the tokens (gates σ(q_i·k_j/√d)), so there is no "
                    "curve of Δ alone: see an input's counted positions (the positions matrix) and its "
                    "measured profile"));
    }

  private:
    int m_npos = 0;
};

} // namespace

SchemeInfo copeInfo()
{
    return {
        "cope",
        POSLAB_TR_NOOP("Scheme", "CoPE contextual position encoding"),
        SchemeKind::Relative,
        "g_it = σ(q_i·k_t / √d); p_ij = min(Σ_{t=j..i} g_it, npos − 1); score = (q_i·k_j + q_i·e[p_ij]) / "
        "√d, "
        "e[p] interpolated between e[⌊p⌋] and e[⌈p⌉]",
        "Golovneva, Wang, Weston & Sukhbaatar 2024, Contextual Position Encoding: Learning to Count What's "
        "Important",
        POSLAB_TR_NOOP(
            "SchemeNotes",
            "Transcribed from facebookresearch/RAM context_position.py (ContextPosSelfAttn.forward, its "
            "defaults: gates from the attention's own q·k, divided by √d). Content decides position: "
            "key j's position from query i counts the gates of keys j..i, so the same Δ gets different "
            "positions in different sentences, and no Δ-curve exists without an input (compute --what "
            "positions shows the counted positions). The embedding e (zeros at init there) is drawn "
            "N(0, 1) from the seed. Meant with --causal; with the mask off nothing hides later keys, so "
            "the count runs from j to the end of the sequence, as the official code does without a "
            "mask."),
        {{"npos",
          ParamType::Int,
          "0",
          0,
          65536,
          {},
          POSLAB_TR_NOOP(
              "SchemeParam",
              "positions embedded (counted positions clamp at npos − 1); 0: n + 1, never clamped")}}};
}

std::unique_ptr<Scheme> makeCope(const RawParams& raw, const ModelConfig& model)
{
    return std::make_unique<CopeScheme>(raw, model);
}

} // namespace poslab::schemes
