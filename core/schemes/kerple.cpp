// KERPLE (Chi et al. 2022): a per-head kernel of the distance added to the scores, in its logarithmic
// and power forms. Transcribed from github.com/chijames/KERPLE, megatron/mpu/layers.py
// (ParallelKerpleLog.forward, ParallelKerplePower.forward and their get_parameter/clamps).

#include "schemes.h"

#include "i18n.h"
#include "rng.h"

#include <algorithm>
#include <cmath>

namespace poslab::schemes {

namespace {

constexpr double kEps = 1e-2;   // layers.py: self.eps = 1e-2, the lower clamp of every parameter

class KerpleScheme final : public Scheme
{
public:
    KerpleScheme(const RawParams& raw, const ModelConfig& model) : Scheme(kerpleInfo(), raw, model)
    {
        m_power = m_params.choice("form") == "power";
        // The official init, per head: log form bias_p = 2·U(0, 1), bias_a = U(0, 1); power form
        // bias_a (the coefficient, PosLab's p) = U(0, 1), bias_p (the exponent, PosLab's a) = 2·U(0, 1).
        Rng rp = Rng::stream(model.seed, "kerple.p"), ra = Rng::stream(model.seed, "kerple.a");
        const double givenP = m_params.real("p"), givenA = m_params.real("a");
        for (int h = 0; h < model.heads; ++h) {
            const double drawnP = (m_power ? 1.0 : 2.0) * rp.uniform();
            const double drawnA = (m_power ? 2.0 : 1.0) * ra.uniform();
            const double p = givenP > 0.0 ? givenP : drawnP;
            const double a = givenA > 0.0 ? givenA : drawnA;
            m_rawP.push_back(p);
            m_rawA.push_back(a);
            // Clamps as the official forward: every parameter ≥ eps; the power form's exponent ≤ 2.
            m_p.push_back(std::max(p, kEps));
            m_a.push_back(m_power ? std::clamp(a, kEps, 2.0) : std::max(a, kEps));
        }
    }

    // p and a as used (clamped), then as drawn or given (before the clamp)
    std::vector<HeadValues> headValues() const override
    {
        return {{"p", m_p}, {"a", m_a}, {"p before clamp", m_rawP}, {"a before clamp", m_rawA}};
    }

    // log: −p·log(1 + a·|Δ|);  power: −p·|Δ|^a
    double bias(int head, int delta) const
    {
        const double d = std::abs(delta);
        return m_power ? -m_p[head] * std::pow(d, m_a[head]) : -m_p[head] * std::log1p(m_a[head] * d);
    }

    std::vector<ScoreTerm> scoreTerms(const HeadContext& ctx) const override
    {
        auto terms = Scheme::scoreTerms(ctx);
        const int n = ctx.n();
        Eigen::MatrixXd b(n, n);
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j)
                b(i, j) = bias(ctx.head, j - i);
        terms.push_back({m_power ? POSLAB_TR_NOOP("ScoreTerm", "kernel bias −p·|Δ|^a")
                                 : POSLAB_TR_NOOP("ScoreTerm", "kernel bias −p·log(1 + a·|Δ|)"),
                         b});
        return terms;
    }

    HeadPlan headPlan(const HeadContext& ctx) const override
    {
        return offsetBiasPlan(ctx.head, ctx.n(), [this](int h, int delta) { return bias(h, delta); });
    }

    DeltaCurve deltaCurve(int range) const override
    {
        return perHeadBiasCurve(m_model.heads, range, [this](int h, int delta) { return bias(h, delta); });
    }

private:
    bool m_power = false;
    std::vector<double> m_p, m_a, m_rawP, m_rawA;
};

} // namespace

SchemeInfo kerpleInfo()
{
    return {
        "kerple",
        POSLAB_TR_NOOP("Scheme", "KERPLE kernelized relative positions"),
        SchemeKind::Relative,
        "score = q_i·k_j / √d + b_h(Δ); log: b = −p_h·log(1 + a_h·|Δ|), power: b = −p_h·|Δ|^(a_h)",
        "Chi, Fan, Ramadge & Rudnicky 2022, KERPLE: Kernelized Relative Positional Embedding for Length "
        "Extrapolation",
        POSLAB_TR_NOOP(
            "SchemeNotes",
            "Per-head p and a are drawn from the seed as the official init (log: p = 2·U, a = U; "
            "power: p = U, a = 2·U) unless given, then clamped as the official code does: p, a ≥ "
            "0.01, and the power exponent a ≤ 2. The official power code names the coefficient "
            "bias_a and the exponent bias_p; PosLab follows the paper (p coefficient, a exponent). "
            "The paper is causal (its diff is tril(i − j)); with the mask off PosLab applies the "
            "kernel to |Δ|, symmetric as for ALiBi."),
        {{"form",
          ParamType::Choice,
          "log",
          0,
          0,
          {"log", "power"},
          POSLAB_TR_NOOP("SchemeParam", "kernel: −p·log(1 + a·|Δ|) or −p·|Δ|^a")},
         {"p",
          ParamType::Real,
          "0",
          0,
          1e6,
          {},
          POSLAB_TR_NOOP("SchemeParam",
                         "coefficient of every head; 0 draws each head's from the seed (clamped to ≥ 0.01)")},
         {"a",
          ParamType::Real,
          "0",
          0,
          1e6,
          {},
          POSLAB_TR_NOOP(
              "SchemeParam",
              "log: distance scale, power: exponent (clamped to ≤ 2); 0 draws each head's from the seed")}}};
}

std::unique_ptr<Scheme> makeKerple(const RawParams& raw, const ModelConfig& model)
{
    return std::make_unique<KerpleScheme>(raw, model);
}

} // namespace poslab::schemes
