// Rotary position embedding: q and k of each head are rotated by an angle proportional to position.

#include "schemes.h"

#include <cmath>

namespace poslab::schemes {

namespace {

class RopeScheme final : public Scheme
{
public:
    RopeScheme(const RawParams& raw, const ModelConfig& model) : Scheme(ropeInfo(), raw, model)
    {
        if (model.headDim() % 2 != 0)
            fail("needs an even head dimension (rotation pairs), got " + std::to_string(model.headDim()) +
                 " (d_model " + std::to_string(model.dModel) + " / heads " + std::to_string(model.heads) + ")");
        m_base = m_params.real("base");
        m_interleaved = m_params.choice("layout") == "interleaved";
    }

    double theta(int c) const { return std::pow(m_base, -2.0 * c / m_model.headDim()); }

    // Which two dims form pair c: half (GPT-NeoX, LLaMA) pairs c with c + d/2; interleaved
    // (GPT-J, RoFormer) pairs 2c with 2c + 1.
    std::pair<int, int> pair(int c) const
    {
        return m_interleaved ? std::pair{2 * c, 2 * c + 1} : std::pair{c, c + m_model.headDim() / 2};
    }

    // Row p (at position start + p) rotated by (start + p)·θ_c in every pair:
    // (x1, x2) -> (x1 cos − x2 sin, x1 sin + x2 cos).
    Eigen::MatrixXd rotate(const Eigen::MatrixXd& x, int start) const
    {
        Eigen::MatrixXd out = x;
        for (Eigen::Index p = 0; p < x.rows(); ++p)
            for (int c = 0; c < m_model.headDim() / 2; ++c) {
                const auto [a, b] = pair(c);
                const double angle = static_cast<double>(start + p) * theta(c);
                const double cs = std::cos(angle), sn = std::sin(angle);
                out(p, a) = x(p, a) * cs - x(p, b) * sn;
                out(p, b) = x(p, a) * sn + x(p, b) * cs;
            }
        return out;
    }

    // score = R(iθ) q_i · R(jθ) k_j / √d = q_i · R((j − i)θ) k_j / √d: only Δ survives.
    std::vector<ScoreTerm> scoreTerms(const HeadContext& ctx) const override
    {
        const double s = defaultScale(m_model);
        const Eigen::MatrixXd q = ctx.content * ctx.wq;
        const Eigen::MatrixXd k = ctx.content * ctx.wk;
        const Eigen::MatrixXd plain = s * q * k.transpose();
        const Eigen::MatrixXd rotated = s * rotate(q, ctx.start) * rotate(k, ctx.start).transpose();
        return {{"content-content", plain}, {"rotation (rotated − unrotated)", rotated - plain}};
    }

    RotaryPlan rotary() const override
    {
        RotaryPlan plan{true, m_interleaved, {}};
        for (int c = 0; c < m_model.headDim() / 2; ++c)
            plan.theta.push_back(theta(c));
        return plan;
    }

    // Δ, Σ_c cos(θ_c Δ) (the envelope of q·k for aligned q, k), then cos(θ_c Δ) per pair.
    DeltaCurve deltaCurve(int range) const override
    {
        const int pairs = m_model.headDim() / 2;
        DeltaCurve c;
        c.columns = {"delta", "sum_cos"};
        for (int p = 0; p < pairs; ++p)
            c.columns.push_back("cos_pair" + std::to_string(p));
        c.rows.resize(2 * range + 1, pairs + 2);
        for (int r = 0; r <= 2 * range; ++r) {
            const int delta = r - range;
            double sum = 0.0;
            for (int p = 0; p < pairs; ++p) {
                const double v = std::cos(theta(p) * delta);
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
    bool m_interleaved = false;
};

} // namespace

SchemeInfo ropeInfo()
{
    return {"rope",
            "Rotary position embedding (RoPE)",
            SchemeKind::Relative,
            "q̃_i = R(i·θ) q_i, k̃_j = R(j·θ) k_j, θ_c = base^(−2c/d); score = q̃_i·k̃_j / √d = q_i·R((j−i)θ) k_j / √d",
            "Su et al. 2021, RoFormer: Enhanced Transformer with Rotary Position Embedding",
            "layout=half rotates dims c and c + d/2 together (GPT-NeoX, LLaMA); layout=interleaved rotates 2c "
            "and 2c + 1 (GPT-J, RoFormer). The two are not interchangeable on the same weights.",
            {{"base", ParamType::Real, "10000", 1e-6, 1e12, {}, "wavelength base (must be > 0)"},
             {"layout", ParamType::Choice, "half", 0, 0, {"half", "interleaved"}, "which dims form a rotation pair"}}};
}

std::unique_ptr<Scheme> makeRope(const RawParams& raw, const ModelConfig& model)
{
    return std::make_unique<RopeScheme>(raw, model);
}

} // namespace poslab::schemes
