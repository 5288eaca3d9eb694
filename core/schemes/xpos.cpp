// xPos (Sun et al. 2023, "A Length-Extrapolatable Transformer"): RoPE on interleaved pairs with a
// per-pair exponential scale, q scaled up and k down. Transcribed from github.com/microsoft/torchscale,
// torchscale/component/xpos_relative_position.py (XPOS.__init__, XPOS.forward, fixed_pos_embedding,
// rotate_every_two, duplicate_interleave, apply_rotary_pos_emb) and its caller
// torchscale/component/multihead_attention.py (k = xpos(k, offset=0, downscale=True), q = xpos(q, ...)).

#include "schemes.h"

#include "i18n.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace poslab::schemes {

namespace {

class XposScheme final : public Scheme
{
public:
    XposScheme(const RawParams& raw, const ModelConfig& model) : Scheme(xposInfo(), raw, model)
    {
        if (model.headDim() % 2 != 0)
            fail(fill(trCore("Scheme",
                             "needs an even head dimension (rotation pairs), got %1 (d_model %2 / heads %3)"),
                      {std::to_string(model.headDim()), std::to_string(model.dModel),
                       std::to_string(model.heads)}));
        m_base = m_params.real("base");
        m_scaleBase = m_params.real("scale_base");
    }

    int pairs() const { return m_model.headDim() / 2; }
    // fixed_pos_embedding: inv_freq = 1 / 10000^(arange(0, d/2) / (d/2)), i.e. θ_c = base^(−2c/d)
    double theta(int c) const { return std::pow(m_base, -2.0 * c / m_model.headDim()); }
    // XPOS.__init__: scale = (arange(0, head_dim, 2) + 0.4·head_dim) / (1.4·head_dim)
    double zeta(int c) const
    {
        const double d = m_model.headDim();
        return (2.0 * c + 0.4 * d) / (1.4 * d);
    }

    // XPOS.forward on the rows of x (tokens at positions start .. start + n − 1), as torchscale with
    // offset = start: the scale's positions run from min_pos = −(start + n) // 2 over the whole
    // start + n, the angles from 0; the last n rows are kept. downscale (k) takes 1 / scale.
    // apply_rotary_pos_emb with rotate_every_two: pair (2c, 2c+1) ->
    // (s·(x1 cos − x2 sin), s·(x2 cos + x1 sin)).
    Eigen::MatrixXd apply(const Eigen::MatrixXd& x, int start, bool downscale) const
    {
        const int n = static_cast<int>(x.rows());
        const int total = start + n;
        const int minPos = -((total + 1) / 2);   // Python −total // 2
        Eigen::MatrixXd out = x;
        for (int p = 0; p < n; ++p) {
            const int row = start + p;   // row of the full [0, start + n) range
            for (int c = 0; c < pairs(); ++c) {
                double s = std::pow(zeta(c), static_cast<double>(minPos + row) / m_scaleBase);
                if (downscale) s = 1.0 / s;
                const double angle = row * theta(c);
                const double cs = std::cos(angle) * s, sn = std::sin(angle) * s;
                const double x1 = x(p, 2 * c), x2 = x(p, 2 * c + 1);
                out(p, 2 * c) = x1 * cs - x2 * sn;
                out(p, 2 * c + 1) = x2 * cs + x1 * sn;
            }
        }
        return out;
    }

    // The factors ζ_c^(±m/B) grow as 3.5^(|m|/B) at c = 0: beyond 1e30 float (the engine) and soon
    // double overflow, as torchscale's would. Refused with the numbers instead of NaNs.
    void checkRange(int start, int n) const
    {
        const int minPos = -((start + n + 1) / 2);
        const double m = std::max(std::abs(minPos + start), std::abs(minPos + start + n - 1));
        const double log10Factor = m / m_scaleBase * -std::log10(zeta(0));
        if (log10Factor > 30.0)
            fail(fill(trCore("Scheme",
                             "positions %1..%2 put the scale ζ^(m/B) near 10^%3, beyond float's range "
                             "(10^30 here): use a larger scale_base or fewer positions"),
                      {std::to_string(start), std::to_string(start + n - 1),
                       std::to_string(static_cast<int>(log10Factor))}));
    }

    HeadPlan headPlan(const HeadContext& ctx) const override
    {
        checkRange(ctx.start, ctx.n());
        return {};
    }

    // score = q̃_i·k̃_j / √d = Σ_c ζ_c^((i − j)/B) (pair c of q_i · R((j − i)θ_c) pair c of k_j) / √d
    std::vector<ScoreTerm> scoreTerms(const HeadContext& ctx) const override
    {
        checkRange(ctx.start, ctx.n());
        const double s = defaultScale(m_model);
        const Eigen::MatrixXd q = ctx.content * ctx.wq;
        const Eigen::MatrixXd k = ctx.content * ctx.wk;
        const Eigen::MatrixXd plain = s * q * k.transpose();
        const Eigen::MatrixXd scaled = s * apply(q, ctx.start, false) * apply(k, ctx.start, true).transpose();
        return {{POSLAB_TR_NOOP("ScoreTerm", "content-content"), plain},
                {POSLAB_TR_NOOP("ScoreTerm", "rotation and scale (xPos − unrotated)"), scaled - plain}};
    }

    RotaryPlan rotary(int) const override
    {
        RotaryPlan plan{true, true, {}};
        for (int c = 0; c < pairs(); ++c) {
            plan.theta.push_back(theta(c));
            plan.zeta.push_back(zeta(c));
        }
        plan.scaleBase = m_scaleBase;
        return plan;
    }

    // Δ, Σ_c ζ_c^(−Δ/B) cos(θ_c Δ) (the envelope of q̃·k̃ for aligned q, k), then each pair's term.
    DeltaCurve deltaCurve(int range) const override
    {
        DeltaCurve c;
        c.columns = {"delta", "sum_scaled_cos"};
        for (int p = 0; p < pairs(); ++p)
            c.columns.push_back("scaled_cos_pair" + std::to_string(p));
        c.rows.resize(2 * range + 1, pairs() + 2);
        for (int r = 0; r <= 2 * range; ++r) {
            const int delta = r - range;
            double sum = 0.0;
            for (int p = 0; p < pairs(); ++p) {
                const double v = std::pow(zeta(p), -delta / m_scaleBase) * std::cos(theta(p) * delta);
                c.rows(r, p + 2) = v;
                sum += v;
            }
            c.rows(r, 0) = delta;
            c.rows(r, 1) = sum;
        }
        return c;
    }

private:
    double m_base = 10000.0;
    double m_scaleBase = 512.0;
};

} // namespace

SchemeInfo xposInfo()
{
    return {
        "xpos",
        POSLAB_TR_NOOP("Scheme", "xPos: RoPE with an exponential decay"),
        SchemeKind::Relative,
        "q̃_i = ζ^(m_i/B)⊙R(i·θ) q_i, k̃_j = ζ^(−m_j/B)⊙R(j·θ) k_j, ζ_c = (2c + 0.4d)/(1.4d); "
        "score = Σ_c ζ_c^(−Δ/B)·(q_i·R(Δθ_c) k_j)_c / √d",
        "Sun et al. 2023, A Length-Extrapolatable Transformer (torchscale xpos_relative_position.py)",
        POSLAB_TR_NOOP("SchemeNotes",
                       "As torchscale: pairs are interleaved (2c, 2c+1); the angle uses the position i, the "
                       "scale the centred position m_i = i + min_pos, min_pos = −(start + n) // 2, which "
                       "cancels in q̃·k̃ but keeps the factors near 1. ζ_c < 1, so a key Δ before the query is "
                       "damped by ζ_c^(|Δ|/B); xPos is causal: with the mask off, keys after the query are "
                       "amplified instead. θ_c = base^(−2c/d)."),
        {{"base",
          ParamType::Real,
          "10000",
          1e-6,
          1e12,
          {},
          POSLAB_TR_NOOP("SchemeParam", "wavelength base of the rotation (must be > 0)")},
         {"scale_base",
          ParamType::Real,
          "512",
          1,
          1e9,
          {},
          POSLAB_TR_NOOP("SchemeParam", "B: the decay ζ_c^(|Δ|/B) per distance")}}};
}

std::unique_ptr<Scheme> makeXpos(const RawParams& raw, const ModelConfig& model)
{
    return std::make_unique<XposScheme>(raw, model);
}

} // namespace poslab::schemes
