// The context-extension view (core/contextextension.h) on a case small enough to work by hand:
// head_dim 8 (4 pairs), base 10000, L0 = 16, factor 4, L = 64. θ_k = 10000^(−k/4) = 1, 0.1, 0.01,
// 0.001; wavelengths 2π/θ_k = 2π, 20π, 200π, 2000π: only pair 0 turns fully below L0 (16·1 ≥ 2π,
// 16·0.1 < 2π). The scalings' θ' come from Hugging Face's modeling_rope_utils.py as
// core/ropescaling.cpp transcribes it; each value below is derived in its comment.

#include "contextextension.h"

#include "error.h"
#include "scheme.h"

#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

using namespace poslab;

namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kTol = 1e-12; // a few roundings of numbers of order 1..100

std::unique_ptr<Scheme> rope(RawParams raw, int dModel = 8)
{
    ModelConfig m;
    m.dModel = dModel;
    m.heads = 1;
    raw.emplace("original_max_position", "16");
    raw.emplace("factor", "4");
    return makeScheme("rope", raw, m);
}

ContextExtension at64(const std::string& scaling)
{
    return contextExtension(*rope({{"scaling", scaling}}), 64);
}

std::vector<PairExtension> kinds(const ContextExtension& x)
{
    std::vector<PairExtension> v;
    for (const ContextPair& p : x.pairs)
        v.push_back(p.kind);
    return v;
}

std::vector<bool> unseen(const ContextExtension& x)
{
    std::vector<bool> v;
    for (const ContextPair& p : x.pairs)
        v.push_back(p.unseen);
    return v;
}

using K = PairExtension;

} // namespace

TEST(ContextExtension, UnscaledPairsByHand)
{
    const ContextExtension x = at64("none");
    ASSERT_EQ(x.pairs.size(), 4u);
    EXPECT_EQ(x.originalMax, 16);
    EXPECT_EQ(x.length, 64);
    EXPECT_EQ(x.rotaryDims, 8);
    const double theta[] = {1, 0.1, 0.01, 0.001};
    for (int k = 0; k < 4; ++k) {
        const ContextPair& p = x.pairs[std::size_t(k)];
        EXPECT_NEAR(p.theta, theta[k], kTol * theta[k]) << k;
        EXPECT_EQ(p.thetaScaled, p.theta) << k;
        EXPECT_NEAR(p.wavelength, 2 * kPi / theta[k], kTol * 2 * kPi / theta[k]) << k;
        EXPECT_NEAR(p.angleBelowL0, 15 * theta[k], kTol) << k; // (L0 − 1)·θ_k
        EXPECT_NEAR(p.angleAtL, 63 * theta[k], kTol) << k;     // (L − 1)·θ_k
        EXPECT_EQ(p.kind, K::Kept) << k;
        EXPECT_EQ(p.fullTurn, k == 0) << k; // 16·θ_k ≥ 2π only for θ = 1
    }
    // Without scaling, offsets 16..63 turn pairs 1–3 beyond any trained angle.
    EXPECT_EQ(unseen(x), (std::vector<bool>{false, true, true, true}));
    EXPECT_EQ(x.curve(RopeScaling::None).unseenPairs, 3);
}

// PI: θ' = θ/4 for every pair. The last offset 63 reaches 63/4 = 15.75 trained positions, inside
// [0, L0): nothing unseen. One more position (L = 65) reaches 16 = L0: pairs 1–3 leave the range.
TEST(ContextExtension, LinearInterpolatesEveryPair)
{
    const ContextExtension x = at64("linear");
    EXPECT_EQ(kinds(x), (std::vector<K>{K::Interpolated, K::Interpolated, K::Interpolated, K::Interpolated}));
    for (const ContextPair& p : x.pairs) {
        EXPECT_NEAR(p.stretch, 4, 4 * kTol);
        EXPECT_NEAR(p.wavelengthScaled, 4 * p.wavelength, kTol * p.wavelengthScaled);
        EXPECT_NEAR(p.angleAtL, 15.75 * p.theta, kTol);
    }
    EXPECT_EQ(unseen(x), (std::vector<bool>{false, false, false, false}));
    EXPECT_EQ(unseen(contextExtension(*rope({{"scaling", "linear"}}), 65)),
              (std::vector<bool>{false, true, true, true}));
}

// YaRN: dim(β) = 8·ln(16/(2πβ))/(2 ln 10000): dim(32) = −1.099 → floor −2 → clamp 0 = low;
// dim(1) = 0.406 → ceil 1 = high. Pair 0 keeps θ, pairs 1–3 get θ/4; a = 0.1·ln 4 + 1.
TEST(ContextExtension, YarnKeepsPairZeroByHand)
{
    const ContextExtension x = at64("yarn");
    EXPECT_EQ(kinds(x), (std::vector<K>{K::Kept, K::Interpolated, K::Interpolated, K::Interpolated}));
    EXPECT_NEAR(x.attentionFactor, 1.138629436111989, kTol);
    EXPECT_EQ(unseen(x), (std::vector<bool>{false, false, false, false}));
    // score(0) = a²·4 pairs = 5.185907971122825
    EXPECT_NEAR(x.curve(RopeScaling::Yarn).score[0], 5.185907971122825, kTol);
}

// Llama 3 (low 1, high 4): wavelengths above L0/1 = 16 are divided by 4, below L0/4 = 4 kept. Pair 0
// (2π) is between: s = (16/2π − 1)/3 and θ' = (1 − s)/4 + s = 16/(8π) = 2/π, a stretch of π/2.
TEST(ContextExtension, Llama3SmoothsPairZeroByHand)
{
    const ContextExtension x = at64("llama3");
    EXPECT_EQ(kinds(x), (std::vector<K>{K::Ramp, K::Interpolated, K::Interpolated, K::Interpolated}));
    EXPECT_NEAR(x.pairs[0].thetaScaled, 2 / kPi, kTol);
    EXPECT_NEAR(x.pairs[0].stretch, kPi / 2, kTol);
}

// Dynamic NTK at L = 64: base' = 10000·(4·64/16 − 3)^(8/6) = 10000·13^(4/3), so θ'_k = θ_k·13^(−k/3):
// stretches 1, 2.351, 5.529, 13 — beyond the factor for pairs 2 and 3. Pair 1 reaches 63·0.1/2.351 =
// 2.679 ≥ 16·0.1: unseen; pair 2 reaches 0.1139 < 0.16.
TEST(ContextExtension, DynamicStretchesBeyondTheFactorByHand)
{
    const ContextExtension x = at64("dynamic");
    EXPECT_EQ(kinds(x), (std::vector<K>{K::Kept, K::Ramp, K::Other, K::Other}));
    EXPECT_NEAR(x.pairs[1].stretch, 2.3513346877207573, 1e-12);
    EXPECT_NEAR(x.pairs[3].stretch, 13, 1e-11);
    EXPECT_NEAR(x.pairs[1].angleAtL, 2.6793293327828387, 1e-12);
    EXPECT_NEAR(x.pairs[2].angleAtL, 0.11394929640492904, 1e-13);
    EXPECT_EQ(unseen(x), (std::vector<bool>{false, true, false, false}));
}

TEST(ContextExtension, ClassifyPair)
{
    EXPECT_EQ(classifyPair(1, 4), K::Kept);
    EXPECT_EQ(classifyPair(4 * (1 + 1e-14), 4), K::Interpolated);
    EXPECT_EQ(classifyPair(2, 4), K::Ramp);
    EXPECT_EQ(classifyPair(5, 4), K::Other);
    EXPECT_EQ(classifyPair(0.5, 4), K::Other);
    EXPECT_EQ(classifyPair(0.75, 0.5), K::Ramp); // factor < 1 compresses
    EXPECT_EQ(classifyPair(1, 1), K::Kept);
    EXPECT_EQ(pairExtensionName(K::Ramp), "ramp");
}

// The curves: none, linear, dynamic, yarn, llama3 (longrope has no factor lists here, and says so).
// score(1) without scaling = cos 1 + cos 0.1 + cos 0.01 + cos 0.001 = 3.5352559715628726; with L = 2
// the attention is softmax(2·score/√8) over t = 0, 1: p(1) = 1/(1 + e^(0.32862365)) = 0.41857554697.
TEST(ContextExtension, CurvesByHand)
{
    const ContextExtension x = at64("yarn");
    std::vector<RopeScaling> order;
    for (const ContextCurve& c : x.curves)
        order.push_back(c.scaling);
    EXPECT_EQ(order, (std::vector<RopeScaling>{RopeScaling::None, RopeScaling::Linear, RopeScaling::Dynamic,
                                               RopeScaling::Yarn, RopeScaling::Llama3}));
    ASSERT_EQ(x.skipped.size(), 1u);
    EXPECT_EQ(x.skipped[0].scaling, RopeScaling::LongRope);
    EXPECT_NE(x.skipped[0].reason.find("short_factor"), std::string::npos) << x.skipped[0].reason;
    EXPECT_THROW(x.curve(RopeScaling::LongRope), Error);

    const ContextCurve& none = x.curve(RopeScaling::None);
    ASSERT_EQ(none.score.size(), 64u);
    EXPECT_NEAR(none.score[0], 4, kTol);
    EXPECT_NEAR(none.score[1], 3.5352559715628726, kTol);
    EXPECT_EQ(x.curve(RopeScaling::Linear).unseenPairs, 0);
    EXPECT_EQ(x.curve(RopeScaling::Dynamic).unseenPairs, 1);
    // Attention past L0 (t ≥ 16), summed with the formulas of the header in Python:
    // none 0.6228287863940063, linear 0.7106013068486929 (the interpolated curve decays more slowly).
    EXPECT_NEAR(none.massBeyondL0, 0.6228287863940063, 1e-12);
    EXPECT_NEAR(x.curve(RopeScaling::Linear).massBeyondL0, 0.7106013068486929, 1e-12);
    double total = 0;
    for (double p : none.attention)
        total += p;
    EXPECT_NEAR(total, 1, 64 * 0x1p-53 * 4);

    const ContextExtension two = contextExtension(*rope({}), 2);
    EXPECT_NEAR(two.curve(RopeScaling::None).attention[1], 0.41857554697163, 1e-12);
}

// The curves are the Δ-curve each scaling's scheme draws (sum_cos at Δ = t, range L − 1: the same
// sequence length for dynamic), and the pairs are the scheme's frequencies at L.
TEST(ContextExtension, ConsistentWithTheScheme)
{
    for (const char* scaling : {"none", "linear", "dynamic", "yarn", "llama3"}) {
        const auto s = rope({{"scaling", scaling}, {"rotary_fraction", "0.5"}}, 32); // r = 8 of 16 dims
        const ContextExtension x = contextExtension(*s, 40);
        const RopeFrequencies f = s->frequencies(40);
        ASSERT_EQ(x.pairs.size(), f.invFreq.size());
        for (std::size_t k = 0; k < f.invFreq.size(); ++k) {
            EXPECT_EQ(x.pairs[k].thetaScaled, f.invFreq[k]) << scaling;
            EXPECT_EQ(x.pairs[k].theta, f.invFreqUnscaled[k]) << scaling;
        }
        const DeltaCurve d = s->deltaCurve(39);
        const ContextCurve& c = x.curve(parseRopeScaling(scaling));
        for (int t = 0; t < 40; ++t)
            EXPECT_NEAR(c.score[std::size_t(t)], d.rows(39 + t, 1), 1e-12 * 16) << scaling << " t " << t;
        EXPECT_EQ(c.attentionFactor, f.attentionFactor);
    }
}

TEST(ContextExtension, LongRopeWithItsLists)
{
    const auto s = rope({{"scaling", "longrope"}, {"short_factor", "1,1,1,1"}, {"long_factor", "1,2,4,8"}});
    const ContextExtension x = contextExtension(*s, 64);
    EXPECT_TRUE(x.skipped.empty());
    EXPECT_EQ(kinds(x), (std::vector<K>{K::Kept, K::Ramp, K::Interpolated, K::Other}));
    // L ≤ L0 takes the short list: nothing changes.
    EXPECT_EQ(kinds(contextExtension(*s, 16)), (std::vector<K>{K::Kept, K::Kept, K::Kept, K::Kept}));
}

// Without scaling and factor 1 the other scalings take the factor that fits L into L0 (64/16 = 4), so
// that their curves differ; with a factor given, they take it.
TEST(ContextExtension, CurveFactor)
{
    ModelConfig m;
    m.dModel = 8;
    m.heads = 1;
    const auto plain = makeScheme("rope", {{"original_max_position", "16"}}, m);
    const ContextExtension x = contextExtension(*plain, 64);
    EXPECT_EQ(x.factor, 1);
    EXPECT_EQ(x.curveFactor, 4);
    // linear at factor 4: score(1) = Σ cos(θ_k/4)
    double linear = 0;
    for (double theta : {1.0, 0.1, 0.01, 0.001})
        linear += std::cos(theta / 4);
    EXPECT_NEAR(x.curve(RopeScaling::Linear).score[1], linear, kTol);
    EXPECT_EQ(contextExtension(*plain, 10).curveFactor, 1); // L ≤ L0: nothing to fit
    EXPECT_EQ(at64("none").curveFactor, 4);                 // factor 4 given
    EXPECT_EQ(contextExtension(*rope({{"factor", "2"}, {"scaling", "yarn"}}), 64).curveFactor, 2); // its own
}

TEST(ContextExtension, Refuses)
{
    EXPECT_THROW(contextExtension(*rope({}), 0), Error);
    ModelConfig m;
    m.dModel = 8;
    m.heads = 1;
    EXPECT_THROW(contextExtension(*makeScheme("alibi", {}, m), 10), Error);
}
