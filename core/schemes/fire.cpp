// FIRE (Li et al. 2023, Functional Interpolation for Relative Positions Improves Long Context
// Transformers): a learned function of the distance, normalised by the query's position. Transcribed
// from the paper's PyTorch pseudo-code (arXiv 2310.04418, appendix, class FIRE: __init__ and forward):
//   rel_distance   = log(|c·(i − j)| + 1)
//   pos_normalizer = log(|c·max(i, |L_multiplier·init_L|)| + 1) + eps
//   bias           = mlp(rel_distance / pos_normalizer),  mlp = Linear(1, 32), ReLU, Linear(32, heads)
// with init_c = 0.1, init_L = 512, L_multiplier = 1, eps = 1e-6; i, j the absolute positions.

#include "cellterms.h"

#include "i18n.h"
#include "schemes.h"

#include "rng.h"

#include <algorithm>
#include <cmath>

namespace poslab::schemes {

double FireMlp::eval(int head, double x) const
{
    double s = b2[head];
    for (Eigen::Index k = 0; k < w1.size(); ++k)
        s += w2(head, k) * std::max(0.0, w1[k] * x + b1[k]);
    return s;
}

double FireMlp::magnitude(int head, double x) const
{
    double s = std::abs(b2[head]);
    for (Eigen::Index k = 0; k < w1.size(); ++k)
        s += std::abs(w2(head, k)) * (std::abs(w1[k]) * std::abs(x) + std::abs(b1[k]));
    return s;
}

Eigen::VectorXd FireMlp::hidden(double x) const
{
    return (w1 * x + b1).cwiseMax(0.0);
}

FireBias::FireBias(std::shared_ptr<const FireMlp> mlp, int head, double c, double threshold, int start, int n)
    : m_mlp(std::move(mlp)), m_head(head), m_start(start), m_c(c), m_threshold(threshold)
{
    m_psi.resize(static_cast<std::size_t>(n));
    for (int d = 0; d < n; ++d)
        m_psi[static_cast<std::size_t>(d)] = psi(d);
    // Unit k is on where w1_k·x + b1_k > 0: it switches at x = −b1_k / w1_k. Between two switch
    // points the set of units on is fixed, and f_h is the line Σ_on w2·(w1·x + b1) + b2.
    const FireMlp& m = *m_mlp;
    for (Eigen::Index k = 0; k < m.w1.size(); ++k)
        if (m.w1[k] != 0.0) m_breaks.push_back(-m.b1[k] / m.w1[k]);
    std::sort(m_breaks.begin(), m_breaks.end());
    m_breaks.erase(std::unique(m_breaks.begin(), m_breaks.end()), m_breaks.end());
    const std::size_t segments = m_breaks.size() + 1;
    for (std::size_t s = 0; s < segments; ++s) {
        // a point inside segment s decides which units are on
        double x = 0.0;
        if (m_breaks.empty())
            x = 0.0;
        else if (s == 0)
            x = m_breaks.front() - 1.0;
        else if (s == segments - 1)
            x = m_breaks.back() + 1.0;
        else
            x = 0.5 * (m_breaks[s - 1] + m_breaks[s]);
        double slope = 0.0, offset = m.b2[head];
        for (Eigen::Index k = 0; k < m.w1.size(); ++k)
            if (m.w1[k] * x + m.b1[k] > 0.0) {
                slope += m.w2(head, k) * m.w1[k];
                offset += m.w2(head, k) * m.b1[k];
            }
        m_slope.push_back(slope);
        m_offset.push_back(offset);
    }
}

double FireBias::psi(double x) const
{
    return std::log1p(m_c * std::abs(x)); // log(|c·x| + 1), c > 0
}

double FireBias::normaliser(int i) const
{
    return psi(std::max(static_cast<double>(m_start + i), m_threshold)) + kEps;
}

double FireBias::input(int i, int j) const
{
    return m_psi[static_cast<std::size_t>(std::abs(i - j))] / normaliser(i);
}

void FireBias::row(int i, int j0, int len, double* out) const
{
    const double norm = normaliser(i);
    for (int c = 0; c < len; ++c) {
        const double x = m_psi[static_cast<std::size_t>(std::abs(i - j0 - c))] / norm;
        const std::size_t s = static_cast<std::size_t>(std::upper_bound(m_breaks.begin(), m_breaks.end(), x) -
                                                       m_breaks.begin());
        out[c] = m_slope[s] * x + m_offset[s];
    }
}

double FireBias::magnitude(int i, int j) const
{
    return m_mlp->magnitude(m_head, input(i, j));
}

// x: ψ twice (log1p within 1 ulp, the product c·|x|), the ε sum and the division, about 6 roundings
// relative; f_h: a sum of hidden + 1 parts of two roundings each, or the segment's slope and offset
// (sums of the same parts) and one multiply-add.
int FireBias::roundings() const
{
    return static_cast<int>(m_mlp->w1.size()) + 10;
}

namespace {

class FireScheme final : public Scheme
{
  public:
    FireScheme(const RawParams& raw, const ModelConfig& model) : Scheme(fireInfo(), raw, model)
    {
        m_c = m_params.real("c");
        m_threshold = m_params.real("L");
        const int hidden = static_cast<int>(m_params.integer("hidden"));
        // PyTorch's nn.Linear init (kaiming_uniform with a = √5): weight and bias U(±1/√fan_in).
        auto mlp = std::make_shared<FireMlp>();
        Rng r = Rng::stream(model.seed, "fire.mlp");
        const auto draw = [&r](double bound) { return bound * (2.0 * r.uniform() - 1.0); };
        mlp->w1.resize(hidden);
        mlp->b1.resize(hidden);
        for (int k = 0; k < hidden; ++k)
            mlp->w1[k] = draw(1.0);
        for (int k = 0; k < hidden; ++k)
            mlp->b1[k] = draw(1.0);
        const double bound2 = 1.0 / std::sqrt(static_cast<double>(hidden));
        mlp->w2.resize(model.heads, hidden);
        for (int h = 0; h < model.heads; ++h)
            for (int k = 0; k < hidden; ++k)
                mlp->w2(h, k) = draw(bound2);
        mlp->b2.resize(model.heads);
        for (int h = 0; h < model.heads; ++h)
            mlp->b2[h] = draw(bound2);
        m_mlp = std::move(mlp);
    }

    const FireMlp& mlp() const { return *m_mlp; }

    // The paper's forward, as written: positions start + index, the sum over the hidden units.
    double bias(int head, double queryPos, double keyPos) const
    {
        const double rel = std::log(std::abs(m_c * (queryPos - keyPos)) + 1.0);
        const double norm = std::log(std::abs(m_c * std::max(queryPos, m_threshold)) + 1.0) + FireBias::kEps;
        return m_mlp->eval(head, rel / norm);
    }

    std::vector<ScoreTerm> scoreTerms(const HeadContext& ctx) const override
    {
        auto terms = Scheme::scoreTerms(ctx);
        const int n = ctx.n();
        Eigen::MatrixXd b(n, n);
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j)
                b(i, j) = bias(ctx.head, ctx.start + i, ctx.start + j);
        terms.push_back({POSLAB_TR_NOOP("ScoreTerm", "FIRE bias f(ψ(i − j)/ψ(max(i, L)))"), b});
        return terms;
    }

    HeadPlan headPlan(const HeadContext& ctx) const override
    {
        HeadPlan plan;
        plan.cell = std::make_shared<FireBias>(m_mlp, ctx.head, m_c, m_threshold, ctx.start, ctx.n());
        return plan;
    }

    // The bias depends on the query's position too: one curve per head for each of a few query
    // positions. Every query at or below L has the curve of i = L (the normaliser is ψ(L) there).
    DeltaCurve deltaCurve(int range) const override
    {
        DeltaCurve c;
        c.columns.push_back("delta");
        const std::vector<double> queries = curveQueries();
        for (double q : queries)
            for (int h = 0; h < m_model.heads; ++h)
                c.columns.push_back("bias_i" + formatReal(q) + "_head" + std::to_string(h));
        c.rows.resize(2 * range + 1, static_cast<Eigen::Index>(c.columns.size()));
        for (int r = 0; r <= 2 * range; ++r) {
            const int delta = r - range;
            c.rows(r, 0) = delta;
            int col = 1;
            for (double q : queries)
                for (int h = 0; h < m_model.heads; ++h)
                    c.rows(r, col++) = bias(h, q, q + delta);
        }
        return c;
    }

    std::vector<HeadValues> headValues() const override
    {
        std::vector<double> b2(m_mlp->b2.data(), m_mlp->b2.data() + m_mlp->b2.size());
        return {{"output bias b2", b2}};
    }

  private:
    // Query positions of the Δ-curve: L, 4L and 16L (rounded down).
    std::vector<double> curveQueries() const
    {
        return {std::floor(m_threshold), std::floor(4 * m_threshold), std::floor(16 * m_threshold)};
    }

    std::shared_ptr<const FireMlp> m_mlp;
    double m_c = 0.1, m_threshold = 512.0;
};

} // namespace

SchemeInfo fireInfo()
{
    return {"fire",
            POSLAB_TR_NOOP("Scheme", "FIRE functional interpolation of relative positions"),
            SchemeKind::Relative,
            "score = q_i·k_j / √d + f_h(ψ(i − j) / ψ(max(i, L))), ψ(x) = log(c·|x| + 1), f: MLP 1 → hidden → "
            "heads (ReLU)",
            "Li, Ramakrishnan, Kumar, Ontañón et al. 2023, Functional Interpolation for Relative Positions "
            "Improves Long Context Transformers",
            POSLAB_TR_NOOP(
                "SchemeNotes",
                "Transcribed from the paper's pseudo-code (class FIRE): ψ uses |c·x|, the normaliser gets + "
                "1e-6, i and j are absolute positions (start + index). The MLP is drawn from the seed as "
                "PyTorch's nn.Linear init (weights and biases U(±1/√fan_in)): an untrained FIRE. The bias "
                "depends on the query's position through ψ(max(i, L)), so FIRE is not shift-invariant: "
                "queries at or below L share one curve of Δ, beyond L the curve is squeezed as i grows (the "
                "Δ-curve shows i = L, 4L, 16L; compare with a shift past L to see it). The paper is causal "
                "(i ≥ j); with the mask off ψ(|i − j|) is symmetric, so a key after the query gets the bias "
                "of the key as far before it."),
            {{"c",
              ParamType::Real,
              "0.1",
              1e-4,
              1e4,
              {},
              POSLAB_TR_NOOP("SchemeParam", "log scale of ψ(x) = log(c·|x| + 1)")},
             {"L",
              ParamType::Real,
              "512",
              1,
              1e9,
              {},
              POSLAB_TR_NOOP("SchemeParam", "threshold: the normaliser is ψ(max(i, L))")},
             {"hidden",
              ParamType::Int,
              "32",
              1,
              1024,
              {},
              POSLAB_TR_NOOP("SchemeParam", "hidden units of the MLP (seeded)")}}};
}

std::unique_ptr<Scheme> makeFire(const RawParams& raw, const ModelConfig& model)
{
    return std::make_unique<FireScheme>(raw, model);
}

} // namespace poslab::schemes
