// RoPE scaling against Hugging Face transformers, src/transformers/modeling_rope_utils.py (the
// rope_parameters era, v5). The hf* functions below transcribe each _compute_*_parameters function
// line by line in float32 where torch computes in float32 (torch.arange(...).float(), tensors) and
// in double where Python computes with floats (math.log, scalars). PosLab computes in float64, so
// each comparison allows |poslab − hf| ≤ (8 + 2·ln base)·u₃₂·|hf|: a few float32 roundings plus the
// rounding of the exponent 2c/d, which base^x amplifies by ln(base). Literal numbers were derived
// by hand (with the formulas in the comments) and are stated where they are checked.

#include "lab.h"
#include "plan.h"
#include "ropescaling.h"
#include "scheme.h"
#include "tokenizer.h"

#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

using namespace poslab;

namespace {

constexpr double kU32 = 0x1p-24; // float32 unit roundoff

// _compute_default_rope_parameters / the first lines of the others:
// inv_freq = 1.0 / (base ** (torch.arange(0, dim, 2, dtype=torch.int64).float() / dim))
std::vector<float> hfDefault(double base, int dim)
{
    std::vector<float> inv;
    for (int c = 0; c < dim; c += 2)
        inv.push_back(1.0f /
                      std::pow(static_cast<float>(base), static_cast<float>(c) / static_cast<float>(dim)));
    return inv;
}

// _compute_linear_scaling_rope_parameters: inv_freq /= factor
std::vector<float> hfLinear(double base, int dim, double factor)
{
    std::vector<float> inv = hfDefault(base, dim);
    for (float& v : inv)
        v /= static_cast<float>(factor);
    return inv;
}

// _compute_dynamic_ntk_parameters: seq_len = max(seq_len, max_position_embeddings);
// base = base * ((factor * seq_len / max_position_embeddings) - (factor - 1)) ** (dim / (dim - 2))
std::vector<float> hfDynamic(double base, int dim, double factor, int maxPos, int seqLen)
{
    const double seq = std::max(seqLen, maxPos);
    const double b =
        base * std::pow(factor * seq / maxPos - (factor - 1), static_cast<double>(dim) / (dim - 2));
    return hfDefault(b, dim);
}

struct HfResult
{
    std::vector<float> inv;
    double attentionFactor = 1.0;
};

// _compute_yarn_parameters (newest: find_correction_range on original_max_position_embeddings,
// truncate, get_mscale with mscale / mscale_all_dim). factor as given (max_position_embeddings is
// factor · original_max_position_embeddings, so HF's recomputed factor is the same).
HfResult hfYarn(double base, int dim, double factor, int originalMax, double betaFast = 32,
                double betaSlow = 1, double mscale = 0, double mscaleAllDim = 0, bool truncate = true,
                double attentionFactor = 0)
{
    auto getMscale = [](double scale, double m) {
        return scale <= 1 ? 1.0 : 0.1 * m * std::log(scale) + 1.0;
    };
    HfResult r;
    if (attentionFactor > 0)
        r.attentionFactor = attentionFactor;
    else if (mscale != 0 && mscaleAllDim != 0)
        r.attentionFactor = getMscale(factor, mscale) / getMscale(factor, mscaleAllDim);
    else
        r.attentionFactor = getMscale(factor, 1);
    auto findCorrectionDim = [&](double rot) {
        return (dim * std::log(originalMax / (rot * 2 * std::numbers::pi))) / (2 * std::log(base));
    };
    double low = findCorrectionDim(betaFast), high = findCorrectionDim(betaSlow);
    if (truncate) {
        low = std::floor(low);
        high = std::ceil(high);
    }
    low = std::max(low, 0.0);
    high = std::min(high, static_cast<double>(dim - 1));
    if (low == high) high += 0.001;
    for (int k = 0; k < dim / 2; ++k) {
        // pos_freqs = base ** (torch.arange(0, dim, 2).float() / dim)
        const float pos =
            std::pow(static_cast<float>(base), static_cast<float>(2 * k) / static_cast<float>(dim));
        const float extra = 1.0f / pos, inter = 1.0f / (static_cast<float>(factor) * pos);
        // linear_ramp_factor: (torch.arange(dim, dtype=torch.float32) - min) / (max - min), clamped
        const float ramp = std::clamp(
            (static_cast<float>(k) - static_cast<float>(low)) / static_cast<float>(high - low), 0.0f, 1.0f);
        const float ef = 1 - ramp; // inv_freq_extrapolation_factor
        r.inv.push_back(inter * (1 - ef) + extra * ef);
    }
    return r;
}

// _compute_longrope_parameters: inv_freq = 1.0 / (ext_factors * base**inv_freq_shape)
HfResult hfLongrope(double base, int dim, const std::vector<double>& shortF, const std::vector<double>& longF,
                    double factor, int originalMax, int seqLen)
{
    HfResult r;
    r.attentionFactor = factor <= 1.0 ? 1.0 : std::sqrt(1 + std::log(factor) / std::log(originalMax));
    const std::vector<double>& ext = seqLen > originalMax ? longF : shortF;
    for (int k = 0; k < dim / 2; ++k) {
        const float shape = static_cast<float>(2 * k) / static_cast<float>(dim);
        r.inv.push_back(1.0f / (static_cast<float>(ext[k]) * std::pow(static_cast<float>(base), shape)));
    }
    return r;
}

// _compute_llama3_parameters
std::vector<float> hfLlama3(double base, int dim, double factor, double lowFreqFactor, double highFreqFactor,
                            int oldContextLen)
{
    const std::vector<float> inv = hfDefault(base, dim);
    const double lowFreqWavelen = oldContextLen / lowFreqFactor,
                 highFreqWavelen = oldContextLen / highFreqFactor;
    std::vector<float> out;
    for (float v : inv) {
        const float wavelen = static_cast<float>(2 * std::numbers::pi) / v;
        float llama = wavelen > static_cast<float>(lowFreqWavelen) ? v / static_cast<float>(factor) : v;
        const float smooth =
            (static_cast<float>(oldContextLen) / wavelen - static_cast<float>(lowFreqFactor)) /
            static_cast<float>(highFreqFactor - lowFreqFactor);
        const float smoothed = (1 - smooth) * llama / static_cast<float>(factor) + smooth * llama;
        const bool medium = !(wavelen < static_cast<float>(highFreqWavelen)) &&
                            !(wavelen > static_cast<float>(lowFreqWavelen));
        out.push_back(medium ? smoothed : llama);
    }
    return out;
}

void expectNearHf(const std::vector<double>& got, const std::vector<float>& hf, double base,
                  const std::string& what)
{
    ASSERT_EQ(got.size(), hf.size()) << what;
    const double k = 8 + 2 * std::log(base);
    for (std::size_t c = 0; c < hf.size(); ++c)
        EXPECT_NEAR(got[c], hf[c], k * kU32 * std::abs(hf[c])) << what << " pair " << c;
}

RopeFrequencies freqs(const RawParams& raw, int dModel, int heads, int n)
{
    ModelConfig m;
    m.dModel = dModel;
    m.heads = heads;
    return makeScheme("rope", raw, m)->frequencies(n);
}

std::string list(const std::vector<double>& v)
{
    std::string s;
    for (double x : v)
        s += (s.empty() ? "" : ",") + formatReal(x);
    return s;
}

} // namespace

// _compute_llama3_parameters, the LLaMA 3.1 configuration: factor 8, low 1, high 4, L0 8192,
// θ = 500000, head_dim 128.
TEST(RopeScaling, Llama31MatchesHf)
{
    const RopeFrequencies f = freqs({{"scaling", "llama3"},
                                     {"base", "500000"},
                                     {"factor", "8"},
                                     {"low_freq_factor", "1"},
                                     {"high_freq_factor", "4"},
                                     {"original_max_position", "8192"}},
                                    128, 1, 10);
    expectNearHf(f.invFreq, hfLlama3(500000, 128, 8, 1, 4, 8192), 500000, "llama3");
    expectNearHf(f.invFreqUnscaled, hfDefault(500000, 128), 500000, "llama3 unscaled");
    EXPECT_EQ(f.attentionFactor, 1.0);
    // By hand: wavelength 2π·500000^(c/64) is below L0/high = 2048 up to c = 28 (1956.5), above
    // L0/low = 8192 from c = 35 (8218.7); c = 29..34 are smoothed.
    for (int c = 0; c < 64; ++c) {
        const double u = f.invFreqUnscaled[c];
        if (c <= 28) {
            EXPECT_EQ(f.invFreq[c], u) << c;
        } else if (c >= 35) {
            EXPECT_DOUBLE_EQ(f.invFreq[c], u / 8) << c;
        } else {
            EXPECT_TRUE(f.invFreq[c] > u / 8 && f.invFreq[c] < u) << c;
        }
    }
    // c = 32: θ = 500000^(−1/2) = 1.414213562e-3, λ = 4442.8829, s = (8192/λ − 1)/3 = 0.2812826,
    // θ' = (1 − s)·θ/8 + s·θ = 5.248461610e-4.
    EXPECT_NEAR(f.invFreq[32], 5.248461610e-4, 1e-12);
    EXPECT_EQ(f.invFreq[0], 1.0);
}

// _compute_yarn_parameters, ×4 from L0 = 4096, θ = 10000, head_dim 128.
TEST(RopeScaling, Yarn4xFrom4096MatchesHf)
{
    const RopeFrequencies f =
        freqs({{"scaling", "yarn"}, {"factor", "4"}, {"original_max_position", "4096"}}, 128, 1, 10);
    const HfResult hf = hfYarn(10000, 128, 4, 4096);
    expectNearHf(f.invFreq, hf.inv, 10000, "yarn");
    // attention_factor = 0.1·ln 4 + 1 = 1.1386294361119891
    EXPECT_NEAR(f.attentionFactor, 1.1386294361119891, 1e-15);
    EXPECT_NEAR(hf.attentionFactor, f.attentionFactor, 1e-15);
    // By hand: the correction dims are 128·ln(4096/(β·2π))/(2 ln 10000) = 20.944 (β_fast = 32) and
    // 45.027 (β_slow = 1): floor/ceil give low = 20, high = 46. Pairs ≤ 20 keep θ, pairs ≥ 46 get θ/4,
    // and pair 33 is half way: ramp 13/26, θ' = θ/4·0.5 + θ·0.5 = 0.625·θ. (From max_position_embeddings
    // = 16384, as older HF versions did, the bounds would be 30 and 55.)
    for (int c = 0; c <= 20; ++c)
        EXPECT_EQ(f.invFreq[c], f.invFreqUnscaled[c]) << c;
    for (int c = 46; c < 64; ++c)
        EXPECT_DOUBLE_EQ(f.invFreq[c], f.invFreqUnscaled[c] / 4) << c;
    EXPECT_DOUBLE_EQ(f.invFreq[33], 0.625 * f.invFreqUnscaled[33]);
}

TEST(RopeScaling, YarnOptionsMatchHf)
{
    // mscale / mscale_all_dim (DeepSeek-V3 style), no truncation, other betas, an explicit factor
    const RopeFrequencies a = freqs({{"scaling", "yarn"},
                                     {"factor", "40"},
                                     {"original_max_position", "4096"},
                                     {"mscale", "1"},
                                     {"mscale_all_dim", "0.707"},
                                     {"truncate", "false"},
                                     {"beta_fast", "16"},
                                     {"beta_slow", "2"}},
                                    64, 1, 10);
    const HfResult ha = hfYarn(10000, 64, 40, 4096, 16, 2, 1, 0.707, false);
    expectNearHf(a.invFreq, ha.inv, 10000, "yarn options");
    EXPECT_NEAR(a.attentionFactor, ha.attentionFactor, 1e-15);
    const RopeFrequencies b =
        freqs({{"scaling", "yarn"}, {"factor", "4"}, {"attention_factor", "1.5"}}, 64, 1, 10);
    EXPECT_EQ(b.attentionFactor, 1.5);
}

TEST(RopeScaling, LinearDividesEveryFrequency)
{
    const RopeFrequencies f = freqs({{"scaling", "linear"}, {"factor", "4"}}, 64, 1, 10);
    expectNearHf(f.invFreq, hfLinear(10000, 64, 4), 10000, "linear");
    EXPECT_EQ(f.attentionFactor, 1.0);
}

// _compute_dynamic_ntk_parameters below and above L0 = 2048 (factor 2, head_dim 64).
TEST(RopeScaling, DynamicNtkBelowAndAboveL0)
{
    const RawParams p = {{"scaling", "dynamic"}, {"factor", "2"}, {"original_max_position", "2048"}};
    const RopeFrequencies below = freqs(p, 64, 1, 1000);
    expectNearHf(below.invFreq, hfDynamic(10000, 64, 2, 2048, 1000), 10000, "dynamic n = 1000");
    EXPECT_EQ(below.invFreq, below.invFreqUnscaled); // seq_len = max(n, L0) = L0: base' = base
    const RopeFrequencies above = freqs(p, 64, 1, 4096);
    expectNearHf(above.invFreq, hfDynamic(10000, 64, 2, 2048, 4096), 10000, "dynamic n = 4096");
    // base' = 10000·(2·4096/2048 − 1)^(64/62) = 31082.2366672, θ'_1 = base'^(−1/32) = 0.723784022
    EXPECT_NEAR(above.dynamicBase, 31082.2366672, 1e-6);
    EXPECT_NEAR(above.invFreq[1], 0.7237840224, 1e-10);
    EXPECT_EQ(above.attentionFactor, 1.0);
}

// _compute_longrope_parameters below and above L0 = 16 (factor 4, rotary dims 16).
TEST(RopeScaling, LongRopeBelowAndAboveL0)
{
    const std::vector<double> shortF = {1, 1.25, 1.5, 2, 2.5, 3, 3.5, 4};
    const std::vector<double> longF = {1, 1.5, 2, 4, 6, 8, 12, 16};
    const RawParams p = {{"scaling", "longrope"},
                         {"factor", "4"},
                         {"original_max_position", "16"},
                         {"short_factor", list(shortF)},
                         {"long_factor", list(longF)}};
    for (int n : {10, 16, 17, 40}) {
        const RopeFrequencies f = freqs(p, 64, 4, n);
        const HfResult hf = hfLongrope(10000, 16, shortF, longF, 4, 16, n);
        expectNearHf(f.invFreq, hf.inv, 10000, "longrope n = " + std::to_string(n));
        EXPECT_EQ(f.longFactors, n > 16);
        // sqrt(1 + ln 4 / ln 16) = sqrt(1.5) = 1.224744871391589
        EXPECT_NEAR(f.attentionFactor, 1.224744871391589, 1e-15);
        EXPECT_NEAR(hf.attentionFactor, f.attentionFactor, 1e-15);
        const auto& ext = n > 16 ? longF : shortF;
        for (std::size_t c = 0; c < ext.size(); ++c)
            EXPECT_DOUBLE_EQ(f.invFreq[c], f.invFreqUnscaled[c] / ext[c]);
    }
}

// _compute_default_rope_parameters with partial_rotary_factor: dim = int(head_dim · factor).
TEST(RopeScaling, PartialRotaryQuarterAndHalf)
{
    for (const auto& [fraction, dims] : {std::pair{"0.25", 16}, std::pair{"0.5", 32}}) {
        const RopeFrequencies f = freqs({{"rotary_fraction", fraction}}, 256, 4, 10); // head_dim 64
        ASSERT_EQ(f.invFreq.size(), static_cast<std::size_t>(dims / 2)) << fraction;
        expectNearHf(f.invFreq, hfDefault(10000, dims), 10000, std::string("partial ") + fraction);
        EXPECT_EQ(f.attentionFactor, 1.0);
    }
    // θ_1 = 10000^(−2/16) = 10^(−1/2) and 10000^(−2/32) = 10^(−1/4)
    EXPECT_NEAR(freqs({{"rotary_fraction", "0.25"}}, 256, 4, 10).invFreq[1], 0.31622776601683794, 1e-15);
    EXPECT_NEAR(freqs({{"rotary_fraction", "0.5"}}, 256, 4, 10).invFreq[1], 0.5623413251903491, 1e-15);
}

// HF's apply_rotary_pos_emb with rotate_half on q[..., :rotary_dim]: pair c with c + r/2 inside the
// rotary part, cos and sin times attention_factor; the other dims pass through.
TEST(RopeScaling, PartialRotaryRotatesOnlyTheFirstDims)
{
    ModelConfig m;
    m.dModel = 64;
    m.heads = 2; // head_dim 32, rotary dims 8
    const auto scheme = makeScheme(
        "rope",
        {{"rotary_fraction", "0.25"}, {"scaling", "yarn"}, {"factor", "4"}, {"original_max_position", "8"}},
        m);
    const RotaryPlan r = scheme->rotary(5);
    ASSERT_EQ(r.pairs(), 4);
    const double a = scheme->frequencies(5).attentionFactor;
    EXPECT_EQ(r.scale, a);
    Eigen::VectorXd x(32);
    for (int d = 0; d < 32; ++d)
        x[d] = 0.1 * d - 1.0;
    const int pos = 3;
    const Eigen::VectorXd y = rotateAt(x, pos, r);
    for (int c = 0; c < 4; ++c) {
        const double cs = a * std::cos(pos * r.theta[c]), sn = a * std::sin(pos * r.theta[c]);
        EXPECT_NEAR(y[c], x[c] * cs - x[c + 4] * sn, 1e-15) << c;
        EXPECT_NEAR(y[c + 4], x[c + 4] * cs + x[c] * sn, 1e-15) << c;
    }
    for (int d = 8; d < 32; ++d)
        EXPECT_EQ(y[d], x[d]) << d;
}

// The logit's rotary part scales by attention_factor², the pass-through part not at all.
TEST(RopeScaling, LogitScalesByTheSquareOfTheAttentionFactor)
{
    ModelConfig m;
    m.dModel = 32;
    m.heads = 2;
    const Sequence seq = Sequence::fromText("one two three four five six", TokenizerMode::Word);
    const RawParams base = {{"scaling", "yarn"}, {"factor", "4"}, {"original_max_position", "8"}};
    RawParams one = base, two = base;
    one["attention_factor"] = "1";
    two["attention_factor"] = "2";
    const auto s1 = makeScheme("rope", one, m), s2 = makeScheme("rope", two, m);
    const AttentionPlan p1 = makePlan(*s1, seq), p2 = makePlan(*s2, seq);
    const int hd = m.headDim();
    const Eigen::MatrixXd q = p1.content * p1.proj->wq.leftCols(hd),
                          k = p1.content * p1.proj->wk.leftCols(hd);
    const Eigen::MatrixXd l1 = rotateRows(q, p1.rotary, RotarySide::Query) * rotateRows(k, p1.rotary, RotarySide::Key).transpose();
    const Eigen::MatrixXd l2 = rotateRows(q, p2.rotary, RotarySide::Query) * rotateRows(k, p2.rotary, RotarySide::Key).transpose();
    EXPECT_LT((l2 - 4 * l1).cwiseAbs().maxCoeff(), 1e-12 * l1.cwiseAbs().maxCoeff());
    // the oracle's terms agree with the plan
    const HeadContext ctx{m,
                          0,
                          0,
                          p2.content,
                          p2.pe,
                          p2.proj->wq.leftCols(hd),
                          p2.proj->wk.leftCols(hd),
                          p2.proj->wv.leftCols(hd)};
    const auto terms = s2->scoreTerms(ctx);
    const Eigen::MatrixXd logits = terms[0].value + terms[1].value;
    EXPECT_LT((logits - p2.scale * l2).cwiseAbs().maxCoeff(), 1e-12 * l2.cwiseAbs().maxCoeff());
}

TEST(RopeScaling, NoneIsTheUnscaledRope)
{
    const RopeFrequencies f = freqs({}, 64, 1, 10);
    EXPECT_EQ(f.invFreq, f.invFreqUnscaled);
    EXPECT_EQ(f.attentionFactor, 1.0);
    ModelConfig m;
    const auto scheme = makeScheme("rope", {}, m);
    const RotaryPlan r = scheme->rotary(10);
    EXPECT_EQ(r.scale, 1.0);
    for (int c = 0; c < r.pairs(); ++c)
        EXPECT_EQ(r.theta[c], std::pow(10000.0, -2.0 * c / m.headDim()));
}

TEST(RopeScaling, BadParametersNameTheField)
{
    ModelConfig m;
    m.dModel = 64;
    m.heads = 4; // head_dim 16
    struct Bad
    {
        RawParams raw;
        const char* mentions;
    };
    for (const Bad& b :
         {Bad{{{"scaling", "longrope"}, {"short_factor", "1,2"}, {"long_factor", "1,2"}}, "short_factor"},
          Bad{{{"scaling", "longrope"}, {"short_factor", "1,1,1,1,1,1,1,1"}, {"long_factor", "1"}},
              "long_factor"},
          Bad{{{"short_factor", "1,x"}}, "short_factor"}, Bad{{{"long_factor", "1,-2"}}, "long_factor"},
          Bad{{{"rotary_fraction", "0.1"}}, "rotary_fraction"},
          Bad{{{"rotary_fraction", "0"}}, "rotary_fraction"},
          Bad{{{"scaling", "llama3"}, {"low_freq_factor", "4"}, {"high_freq_factor", "4"}},
              "high_freq_factor"},
          Bad{{{"scaling", "dynamic"}, {"rotary_fraction", "0.125"}}, "dynamic"},
          Bad{{{"scaling", "ntk"}}, "scaling"}, Bad{{{"factor", "0"}}, "factor"}}) {
        try {
            makeScheme("rope", b.raw, m);
            ADD_FAILURE() << "accepted " << b.mentions;
        } catch (const Error& e) {
            const std::string what = e.what();
            EXPECT_NE(what.find(b.mentions), std::string::npos) << what;
            EXPECT_EQ(what.find('\n'), std::string::npos) << what;
        }
    }
}

// Δ-curve: a²·Σ cos(θ'_c Δ) over the rotary pairs plus one per unrotated pair.
TEST(RopeScaling, DeltaCurveUsesTheScaledFrequencies)
{
    ModelConfig m;
    m.dModel = 64;
    m.heads = 2; // head_dim 32
    const auto scheme = makeScheme(
        "rope",
        {{"scaling", "yarn"}, {"factor", "4"}, {"original_max_position", "8"}, {"rotary_fraction", "0.5"}},
        m);
    const DeltaCurve c = scheme->deltaCurve(5);
    const RopeFrequencies f = scheme->frequencies(6);
    ASSERT_EQ(c.rows.cols(), 2 + 8);
    const double a2 = f.attentionFactor * f.attentionFactor;
    for (int r = 0; r < 11; ++r) {
        const int delta = r - 5;
        double sum = 8; // 16 unrotated dims
        for (int p = 0; p < 8; ++p) {
            EXPECT_NEAR(c.rows(r, 2 + p), a2 * std::cos(f.invFreq[p] * delta), 1e-15);
            sum += a2 * std::cos(f.invFreq[p] * delta);
        }
        EXPECT_NEAR(c.rows(r, 1), sum, 1e-12);
    }
    EXPECT_NEAR(c.rows(5, 1), 8 * a2 + 8, 1e-13); // Δ = 0: every cos is 1
}

TEST(RopeScaling, WalkShowsTheScalingStep)
{
    Lab lab;
    LabRequest r;
    r.scheme = "rope";
    r.params = {{"scaling", "yarn"}, {"factor", "4"}, {"original_max_position", "8"}};
    r.text = "a b c d e f";
    r.cellI = 4;
    r.cellJ = 1;
    const WalkResult w = lab.walk(r);
    bool found = false;
    for (const Step& s : w.walk.steps)
        if (s.title == "Scale the frequencies") {
            found = true;
            bool factor = false;
            for (const Quantity& q : s.results)
                if (q.name == "attention factor a") {
                    factor = true;
                    EXPECT_NEAR(q.value(0, 0), 0.1 * std::log(4.0) + 1, 1e-15);
                }
            EXPECT_TRUE(factor);
        }
    EXPECT_TRUE(found);
}
