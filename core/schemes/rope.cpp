// Rotary position embedding: q and k of each head are rotated by an angle proportional to position.

#include "schemes.h"

#include "i18n.h"

#include <cmath>

namespace poslab::schemes {

namespace {

class RopeScheme final : public Scheme
{
public:
    RopeScheme(const RawParams& raw, const ModelConfig& model) : Scheme(ropeInfo(), raw, model)
    {
        if (model.headDim() % 2 != 0)
            fail(fill(trCore("Scheme",
                             "needs an even head dimension (rotation pairs), got %1 (d_model %2 / heads %3)"),
                      {std::to_string(model.headDim()), std::to_string(model.dModel),
                       std::to_string(model.heads)}));
        m_interleaved = m_params.choice("layout") == "interleaved";
        RopeScalingConfig& c = m_config;
        c.scaling = parseRopeScaling(m_params.choice("scaling"));
        c.base = m_params.real("base");
        // HF: dim = int(head_dim * partial_rotary_factor)
        c.rotaryDims = static_cast<int>(model.headDim() * m_params.real("rotary_fraction"));
        if (c.rotaryDims < 2 || c.rotaryDims % 2 != 0)
            fail(fill(trCore("Scheme", "rotary_fraction %1 gives rotary_dims = int(%2 × %1) = %3; it must be "
                                       "even and at least 2"),
                      {formatReal(m_params.real("rotary_fraction")), std::to_string(model.headDim()),
                       std::to_string(c.rotaryDims)}));
        c.factor = m_params.real("factor");
        c.originalMax = static_cast<int>(m_params.integer("original_max_position"));
        c.betaFast = m_params.real("beta_fast");
        c.betaSlow = m_params.real("beta_slow");
        c.mscale = m_params.real("mscale");
        c.mscaleAllDim = m_params.real("mscale_all_dim");
        c.truncate = m_params.boolean("truncate");
        c.lowFreqFactor = m_params.real("low_freq_factor");
        c.highFreqFactor = m_params.real("high_freq_factor");
        c.attentionFactor = m_params.real("attention_factor");
        c.shortFactor = m_params.reals("short_factor");
        c.longFactor = m_params.reals("long_factor");
        ropeFrequencies(c, c.originalMax); // refuses what HF cannot evaluate, before any n is known
        if (c.scaling == RopeScaling::None) m_plain = frequencies(0).invFreq;
    }

    // The one source of inv_freq: the oracle (scoreTerms), the engines (RotaryPlan), the Δ-curve,
    // the worked example and `compute --what freqs`.
    RopeFrequencies frequencies(int n) const override { return ropeFrequencies(m_config, n); }

    // score = s·R(iθ) q_i · s·R(jθ) k_j / √d = s²·q_i · R((j − i)θ) k_j / √d on the rotary dims (s the
    // attention factor): only Δ survives.
    std::vector<ScoreTerm> scoreTerms(const HeadContext& ctx) const override
    {
        const double s = defaultScale(m_model);
        const Eigen::MatrixXd q = ctx.content * ctx.wq;
        const Eigen::MatrixXd k = ctx.content * ctx.wk;
        RotaryPlan r = rotary(ctx.n());
        r.start = ctx.start;
        const Eigen::MatrixXd plain = s * q * k.transpose();
        const Eigen::MatrixXd rotated = s * rotateRows(q, r, RotarySide::Query) * rotateRows(k, r, RotarySide::Key).transpose();
        return {{POSLAB_TR_NOOP("ScoreTerm", "content-content"), plain},
                {POSLAB_TR_NOOP("ScoreTerm", "rotation (rotated − unrotated)"), rotated - plain}};
    }

    RotaryPlan rotary(int n) const override
    {
        if (m_config.scaling == RopeScaling::None) return {true, m_interleaved, m_plain, 0, 1.0};
        RopeFrequencies f = frequencies(n);
        return {true, m_interleaved, std::move(f.invFreq), 0, f.attentionFactor};
    }

    // Δ, a²·Σ_c cos(θ_c Δ) + (d − r)/2 (the envelope of q·k for aligned q, k; a the attention factor,
    // r the rotary dims; the unrotated pairs add 1 each), then a²·cos(θ_c Δ) per rotary pair. Dynamic
    // and longrope take L = range + 1, the shortest sequence with these offsets.
    DeltaCurve deltaCurve(int range) const override
    {
        const RotaryPlan r = rotary(range + 1);
        const int pairs = r.pairs();
        const double a2 = r.scale * r.scale, still = (m_model.headDim() - 2 * pairs) / 2;
        DeltaCurve c;
        c.columns = {"delta", "sum_cos"};
        for (int p = 0; p < pairs; ++p)
            c.columns.push_back("cos_pair" + std::to_string(p));
        c.rows.resize(2 * range + 1, pairs + 2);
        for (int row = 0; row <= 2 * range; ++row) {
            const int delta = row - range;
            double sum = 0.0;
            for (int p = 0; p < pairs; ++p) {
                const double v = a2 * std::cos(r.theta[p] * delta);
                c.rows(row, p + 2) = v;
                sum += v;
            }
            c.rows(row, 0) = delta;
            c.rows(row, 1) = sum + still;
        }
        return c;
    }

  private:
    bool m_interleaved = false;
    RopeScalingConfig m_config;
    std::vector<double> m_plain; // scaling=none: inv_freq once
};

} // namespace

SchemeInfo ropeInfo()
{
    return {
        "rope",
        POSLAB_TR_NOOP("Scheme", "Rotary position embedding (RoPE)"),
        SchemeKind::Relative,
        "q̃_i = R(i·θ) q_i, k̃_j = R(j·θ) k_j, θ_c = base^(−2c/d); score = q̃_i·k̃_j / √d = q_i·R((j−i)θ) k_j / "
        "√d",
        "Su et al. 2021, RoFormer: Enhanced Transformer with Rotary Position Embedding",
        POSLAB_TR_NOOP(
            "SchemeNotes",
            "layout=half rotates dims c and c + d/2 together (GPT-NeoX, LLaMA); layout=interleaved "
            "rotates 2c and 2c + 1 (GPT-J, RoFormer). The two are not interchangeable on the same "
            "weights. scaling follows Hugging Face transformers' modeling_rope_utils.py (computed in "
            "float64, HF uses float32); the attention factor multiplies cos and sin, so the logit "
            "scales by its square. dynamic and longrope use the sequence length n (dynamic: max(n, "
            "L0); longrope: long_factor when n > L0)."),
        {{"base",
          ParamType::Real,
          "10000",
          1e-6,
          1e12,
          {},
          POSLAB_TR_NOOP("SchemeParam", "wavelength base θ (must be > 0; HF rope_theta)")},
         {"layout",
          ParamType::Choice,
          "half",
          0,
          0,
          {"half", "interleaved"},
          POSLAB_TR_NOOP("SchemeParam", "which dims form a rotation pair")},
         {"scaling",
          ParamType::Choice,
          "none",
          0,
          0,
          {"none", "linear", "dynamic", "yarn", "longrope", "llama3"},
          POSLAB_TR_NOOP(
              "SchemeParam",
              "context extension, as HF modeling_rope_utils.py computes (inv_freq, attention_factor)")},
         {"factor",
          ParamType::Real,
          "1",
          1e-6,
          1e6,
          {},
          POSLAB_TR_NOOP("SchemeParam", "scaling factor (context length ÷ L0)")},
         {"original_max_position",
          ParamType::Int,
          "4096",
          1,
          1e9,
          {},
          POSLAB_TR_NOOP("SchemeParam", "L0, the pretrained context (HF original_max_position_embeddings)")},
         {"beta_fast",
          ParamType::Real,
          "32",
          1e-6,
          1e6,
          {},
          POSLAB_TR_NOOP("SchemeParam", "yarn: rotations where extrapolation ends")},
         {"beta_slow",
          ParamType::Real,
          "1",
          1e-6,
          1e6,
          {},
          POSLAB_TR_NOOP("SchemeParam", "yarn: rotations where interpolation begins")},
         {"mscale",
          ParamType::Real,
          "0",
          0,
          1e6,
          {},
          POSLAB_TR_NOOP("SchemeParam", "yarn: mscale of the attention factor (0: not given)")},
         {"mscale_all_dim",
          ParamType::Real,
          "0",
          0,
          1e6,
          {},
          POSLAB_TR_NOOP("SchemeParam", "yarn: its denominator's mscale (0: not given; both needed)")},
         {"truncate",
          ParamType::Bool,
          "true",
          0,
          0,
          {},
          POSLAB_TR_NOOP("SchemeParam", "yarn: floor/ceil the ramp's bounds")},
         {"low_freq_factor",
          ParamType::Real,
          "1",
          1e-6,
          1e6,
          {},
          POSLAB_TR_NOOP("SchemeParam", "llama3: frequencies whose wavelength is above L0/this are divided by factor")},
         {"high_freq_factor",
          ParamType::Real,
          "4",
          1e-6,
          1e6,
          {},
          POSLAB_TR_NOOP("SchemeParam", "llama3: wavelengths below L0/this are kept")},
         {"attention_factor",
          ParamType::Real,
          "0",
          0,
          1e6,
          {},
          POSLAB_TR_NOOP("SchemeParam", "yarn, longrope: multiplies cos and sin (0: derived, as HF)")},
         {"short_factor",
          ParamType::RealList,
          "",
          1e-6,
          1e6,
          {},
          POSLAB_TR_NOOP("SchemeParam", "longrope: rotary_dims/2 divisors of inv_freq for n ≤ L0")},
         {"long_factor",
          ParamType::RealList,
          "",
          1e-6,
          1e6,
          {},
          POSLAB_TR_NOOP("SchemeParam", "longrope: rotary_dims/2 divisors of inv_freq for n > L0")},
         {"rotary_fraction",
          ParamType::Real,
          "1",
          1e-6,
          1,
          {},
          POSLAB_TR_NOOP(
              "SchemeParam",
              "rotary_dims = int(head_dim · this); the rest pass unrotated (HF partial_rotary_factor)")}}};
}

std::unique_ptr<Scheme> makeRope(const RawParams& raw, const ModelConfig& model)
{
    return std::make_unique<RopeScheme>(raw, model);
}

} // namespace poslab::schemes
