// Acceptance tests for the schemes of issue 14: KERPLE (Chi et al. 2022), NoPE (Kazemnejad et al.
// 2023) and xPos (Sun et al. 2023).
//
// Expected numbers are literals transcribed from the official code and evaluated outside the code
// under test (plain Python `math`, double); each test names the file and function. Tolerances compare
// double with double: 1e-12 is well above the rounding of the few operations involved (u = 1.1e-16).
//
// Conventions: positions are 0-based, i = query (row), j = key (column), Δ = j − i.

#include "attention.h"
#include "error.h"
#include "explain.h"
#include "plan.h"
#include "scheme.h"
#include "schemetest.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

using namespace poslab;
using Eigen::MatrixXd;
using poslab::test::makeModel;
using poslab::test::matNear;

namespace {

Scheme::HeadValues headValue(const Scheme& s, const std::string& name)
{
    for (const auto& v : s.headValues())
        if (v.name == name) return v;
    ADD_FAILURE() << "no head values " << name;
    return {};
}

// The bias of `scheme` on n bare positions, head h, as the oracle reports it (T = 1).
MatrixXd biasOf(const Scheme& scheme, int n, int h)
{
    return referenceAttention(scheme, Sequence::positions(n)).heads[h].bias;
}

} // namespace

// ───────────────────────────── KERPLE ─────────────────────────────

// Transcribed from chijames/KERPLE megatron/mpu/layers.py, ParallelKerpleLog.forward:
//   diff = tril(i − j);  bias = −bias_p·log(1 + bias_a·diff)
// with bias_p = 1.5, bias_a = 0.5 (above the eps = 1e-2 clamp), evaluated with Python's math.log:
//   diff 1: −0.6081976621622466, diff 2: −1.0397207708399179, diff 3: −1.3744360978112327.
TEST(Kerple, LogBiasMatchesTheOfficialForward)
{
    const std::vector<double> want = {0.0, -0.6081976621622466, -1.0397207708399179, -1.3744360978112327};
    const auto s = makeScheme("kerple", {{"form", "log"}, {"p", "1.5"}, {"a", "0.5"}}, makeModel(16, 2, true));
    for (int h = 0; h < 2; ++h) {
        const MatrixXd b = biasOf(*s, 4, h);
        for (int i = 0; i < 4; ++i)
            for (int j = 0; j <= i; ++j)
                EXPECT_NEAR(b(i, j), want[i - j], 1e-12) << "head " << h << " (" << i << ", " << j << ")";
    }
}

// Transcribed from layers.py, ParallelKerplePower.forward (pos_emb "kerple_power_ap_"):
//   bias = −bias_a·diff^bias_p, bias_a the coefficient (PosLab's p), bias_p the exponent (PosLab's a).
// With coefficient 0.8, exponent 1.5: diff 1: −0.8, diff 2: −2.2627416997969525, diff 3: −4.156921938165306.
TEST(Kerple, PowerBiasMatchesTheOfficialForward)
{
    const std::vector<double> want = {0.0, -0.8, -2.2627416997969525, -4.156921938165306};
    const auto s = makeScheme("kerple", {{"form", "power"}, {"p", "0.8"}, {"a", "1.5"}}, makeModel(16, 2, true));
    const MatrixXd b = biasOf(*s, 4, 1);
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j <= i; ++j)
            EXPECT_NEAR(b(i, j), want[i - j], 1e-12) << "(" << i << ", " << j << ")";
}

// layers.py clamps before every forward: ParallelKerpleLog bias_p, bias_a ≥ eps = 1e-2;
// ParallelKerplePower bias_a ≥ eps, bias_p in [eps, 2]. Python: −0.01·log(1 + 0.01·d) =
// −9.950330853168092e-05 (d 1), −0.0001980262729617973 (d 2); −0.5·d^2 = −0.5, −2.0.
TEST(Kerple, ParametersAreClampedAsTheOfficialCode)
{
    const auto small = makeScheme("kerple", {{"p", "0.001"}, {"a", "0.0001"}}, makeModel(16, 2, true));
    EXPECT_EQ(headValue(*small, "p").values, (std::vector<double>{0.01, 0.01}));
    EXPECT_EQ(headValue(*small, "a").values, (std::vector<double>{0.01, 0.01}));
    EXPECT_EQ(headValue(*small, "p before clamp").values[0], 0.001);
    const MatrixXd b = biasOf(*small, 3, 0);
    EXPECT_NEAR(b(1, 0), -9.950330853168092e-05, 1e-16);
    EXPECT_NEAR(b(2, 0), -0.0001980262729617973, 1e-16);

    const auto steep = makeScheme("kerple", {{"form", "power"}, {"p", "0.5"}, {"a", "3"}}, makeModel(16, 2, true));
    EXPECT_EQ(headValue(*steep, "a").values[1], 2.0);   // the exponent stops at 2
    const MatrixXd c = biasOf(*steep, 3, 1);
    EXPECT_NEAR(c(1, 0), -0.5, 1e-12);
    EXPECT_NEAR(c(2, 0), -2.0, 1e-12);
}

// Not given, p and a are drawn per head as the official get_parameter(scale, 'uniform'):
// log p = 2·U, a = U; power p (bias_a) = U, a (bias_p) = 2·U; the same seed gives the same values.
TEST(Kerple, SeededParametersFollowTheOfficialInit)
{
    for (const char* form : {"log", "power"}) {
        const bool power = std::string(form) == "power";
        const auto s = makeScheme("kerple", {{"form", form}}, makeModel(32, 8, true, 7));
        const auto again = makeScheme("kerple", {{"form", form}}, makeModel(32, 8, true, 7));
        const auto other = makeScheme("kerple", {{"form", form}}, makeModel(32, 8, true, 8));
        const std::vector<double> p = headValue(*s, "p").values;
        const std::vector<double> a = headValue(*s, "a").values;
        ASSERT_EQ(p.size(), 8u);
        for (int h = 0; h < 8; ++h) {
            EXPECT_GE(p[h], 0.01);
            EXPECT_LE(p[h], power ? 1.0 : 2.0);
            EXPECT_GE(a[h], 0.01);
            EXPECT_LE(a[h], power ? 2.0 : 1.0);
        }
        EXPECT_NE(p[0], p[1]) << "per head";
        EXPECT_EQ(p, headValue(*again, "p").values);
        EXPECT_NE(p, headValue(*other, "p").values);
    }
}

// The bias depends on |Δ| alone: the Δ-curve, the engine's offset table and the oracle agree, the
// encoder's map is symmetric, and a shift of every position changes nothing.
TEST(Kerple, DeltaCurvePlanAndOracleAgree)
{
    for (const char* form : {"log", "power"}) {
        const ModelConfig m = makeModel(16, 2, false, 3);
        const auto s = makeScheme("kerple", {{"form", form}}, m);
        const int n = 9;
        const DeltaCurve c = s->deltaCurve(n - 1);
        const AttentionPlan plan = makePlan(*s, Sequence::positions(n));
        for (int h = 0; h < 2; ++h) {
            const MatrixXd b = biasOf(*s, n, h);
            EXPECT_TRUE(matNear(b, b.transpose(), 1e-12)) << "symmetric in an encoder";
            for (int i = 0; i < n; ++i)
                for (int j = 0; j < n; ++j) {
                    EXPECT_NEAR(b(i, j), c.rows(j - i + n - 1, h + 1), 1e-12);
                    // the oracle's bias is (scores − content-content) / T: a rounding away
                    EXPECT_NEAR(b(i, j), plan.heads[h].offsetBias[j - i + n - 1], 1e-12);
                }
        }
        Sequence shifted = Sequence::positions(n);
        shifted.start = 40;
        EXPECT_TRUE(matNear(referenceAttention(*s, shifted).heads[1].probs,
                            referenceAttention(*s, Sequence::positions(n)).heads[1].probs, 1e-12));
    }
}

TEST(Kerple, BadParametersAreOneLineErrors)
{
    for (const RawParams& bad : {RawParams{{"form", "cubic"}}, RawParams{{"p", "-1"}}, RawParams{{"a", "x"}},
                                 RawParams{{"slope", "1"}}}) {
        try {
            makeScheme("kerple", bad, makeModel(16, 2));
            ADD_FAILURE() << "accepted " << bad.begin()->first;
        } catch (const Error& e) {
            const std::string what = e.what();
            EXPECT_EQ(what.find('\n'), std::string::npos) << what;
            EXPECT_EQ(what.rfind("kerple", 0), 0u) << what;
        }
    }
}

TEST(Kerple, WalkShowsTheKernelBias)
{
    const auto s = makeScheme("kerple", {{"form", "log"}, {"p", "1.5"}, {"a", "0.5"}}, makeModel(16, 2, true));
    const Walk w = explain(*s, Sequence::positions(6), 1, 5, 2);
    bool found = false;
    for (const Step& st : w.steps)
        for (const Quantity& q : st.results)
            if (q.name == "bias") {
                EXPECT_NEAR(q.value(0, 0), -1.5 * std::log(1 + 0.5 * 3), 1e-12);
                found = true;
            }
    EXPECT_TRUE(found);
}

// ───────────────────────────── NoPE ─────────────────────────────

// Causal, λ = 0 (bare positions: every token has content u): every visible score of row i is the
// same, so the first layer attends uniformly over the prefix, p_ij = 1/(i + 1) (Kazemnejad et al.
// 2023, §5, the construction behind their Theorem 1).
TEST(Nope, CausalFirstLayerAttendsUniformlyOverThePrefix)
{
    const auto s = makeScheme("nope", {}, makeModel(16, 4, true, 5));
    const int n = 7;
    const AttentionResult r = referenceAttention(*s, Sequence::positions(n));
    for (int h = 0; h < 4; ++h)
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j)
                EXPECT_NEAR(r.heads[h].probs(i, j), j <= i ? 1.0 / (i + 1) : 0.0, 1e-12) << i << ", " << j;
    // The walk shows it with the numbers.
    const Walk w = explain(*s, Sequence::positions(n), 2, 4, 1);
    bool found = false;
    for (const Step& st : w.steps)
        if (st.title == "The mask is the position") {
            EXPECT_EQ(st.results[0].value(0, 0), 5.0);
            EXPECT_NEAR(st.results[1].value(0, 0), 0.2, 1e-15);
            EXPECT_NEAR(st.results[2].value(0, 0), 0.2, 1e-12);
            found = true;
        }
    EXPECT_TRUE(found);
}

// Without the mask (an encoder) NoPE is permutation-equivariant: permuting the tokens permutes rows
// and columns of the map. With the mask it is not: the prefix each query sees changes.
TEST(Nope, EncoderIsPermutationEquivariantDecoderIsNot)
{
    const Sequence seq = Sequence::fromText("red cat blue dog", TokenizerMode::Word);
    const Sequence perm = Sequence::fromText("dog red blue cat", TokenizerMode::Word);
    const std::vector<int> from = {3, 0, 2, 1};   // perm[k] = seq[from[k]]
    for (bool causal : {false, true}) {
        const auto s = makeScheme("nope", {}, makeModel(16, 2, causal, 11));
        const MatrixXd a = referenceAttention(*s, seq).heads[0].probs;
        const MatrixXd b = referenceAttention(*s, perm).heads[0].probs;
        double worst = 0.0;
        for (int r = 0; r < 4; ++r)
            for (int c = 0; c < 4; ++c)
                worst = std::max(worst, std::abs(b(r, c) - a(from[r], from[c])));
        if (causal)
            EXPECT_GT(worst, 1e-3) << "the mask is a position signal";
        else
            EXPECT_LT(worst, 1e-12) << "an encoder without positions only permutes the map";
    }
}

TEST(Nope, SameNumbersAsNoneAndAFlatDeltaCurve)
{
    const ModelConfig m = makeModel(16, 2, true, 4);
    const Sequence seq = Sequence::fromText("a b a c", TokenizerMode::Word);
    const auto nope = makeScheme("nope", {}, m);
    EXPECT_EQ(nope->info().kind, SchemeKind::None);
    EXPECT_TRUE(matNear(referenceAttention(*nope, seq).heads[1].logits,
                        referenceAttention(*makeScheme("none", {}, m), seq).heads[1].logits, 0.0));
    EXPECT_TRUE(nope->deltaCurve(5).rows.col(1).isZero(0.0));
    EXPECT_NE(nope->info().notes.find("permutation-equivariant"), std::string::npos);
    EXPECT_NE(nope->info().notes.find("1/(i + 1)"), std::string::npos);
}

// ───────────────────────────── xPos ─────────────────────────────

// Transcribed from microsoft/torchscale torchscale/component/xpos_relative_position.py, XPOS.__init__:
// scale = (arange(0, head_dim, 2) + 0.4·head_dim) / (1.4·head_dim); head_dim 8 in Python:
// [0.28571428571428575, 0.46428571428571436, 0.6428571428571429, 0.8214285714285714].
// XPOS.forward centres with min_pos = −(length + offset) // 2: −2 for 3 tokens, −4 for 2 after 5.
TEST(Xpos, ScalesAndCentringAreTorchscales)
{
    const auto s = makeScheme("xpos", {}, makeModel(16, 2));
    const AttentionPlan plan = makePlan(*s, Sequence::positions(3));
    const std::vector<double> want = {0.28571428571428575, 0.46428571428571436, 0.6428571428571429,
                                      0.8214285714285714};
    ASSERT_EQ(plan.rotary.zeta.size(), 4u);
    for (int c = 0; c < 4; ++c)
        EXPECT_NEAR(plan.rotary.zeta[c], want[c], 1e-15) << c;
    EXPECT_TRUE(plan.rotary.interleaved);
    EXPECT_EQ(plan.rotary.scaleBase, 512.0);
    EXPECT_EQ(plan.rotary.scaleOrigin, -2);
    Sequence later = Sequence::positions(2);
    later.start = 5;
    EXPECT_EQ(makePlan(*s, later).rotary.scaleOrigin, -4);
    EXPECT_EQ(xposScaleOrigin(0, 1), -1);   // Python: −1 // 2 = −1
    EXPECT_EQ(xposScaleOrigin(0, 4), -2);
}

// XPOS.forward (with fixed_pos_embedding, rotate_every_two, duplicate_interleave,
// apply_rotary_pos_emb) transcribed line by line into Python floats (double; torch runs float32 and
// agrees to ~1e-6), head_dim 4, scale_base 8, on x = [[1, 2, 3, 4], [5, 6, 7, 8], [−1, 0.5, 2, −3]]:
// q is forward(x, offset, downscale=False), k is forward(x, offset, downscale=True)
// (torchscale/component/multihead_attention.py). PosLab's start is torchscale's offset.
TEST(Xpos, RotatedRowsMatchXposForward)
{
    const auto s = makeScheme("xpos", {{"scale_base", "8"}}, makeModel(8, 2));
    MatrixXd x(3, 4);
    x << 1, 2, 3, 4, 5, 6, 7, 8, -1, 0.5, 2, -3;
    MatrixXd q(3, 4), k(3, 4);
    q << 1.3677823998673804, 2.7355647997347607, 3.3503689588345082, 4.467158611779344,   //
        -2.7452365015772937, 8.711968947506522, 7.312567749903755, 8.527812362255283,     //
        -0.03850187686569845, -1.117370845099253, 2.0595960134131546, -2.9594026866130667;
    k << 0.7311104457090247, 1.4622208914180495, 2.68627130640884, 3.581695075211787,     //
        -2.0070710822448583, 6.3694115002146745, 6.5478469742457035, 7.636005885054985,   //
        -0.03850187686569845, -1.117370845099253, 2.0595960134131546, -2.9594026866130667;
    const AttentionPlan plan = makePlan(*s, Sequence::positions(3));
    EXPECT_TRUE(matNear(rotateRows(x, plan.rotary, RotarySide::Query), q, 1e-12));
    EXPECT_TRUE(matNear(rotateRows(x, plan.rotary, RotarySide::Key), k, 1e-12));

    // offset 5, two tokens: forward(x[:2], offset=5)
    Sequence later = Sequence::positions(2);
    later.start = 5;
    const AttentionPlan shifted = makePlan(*s, later);
    MatrixXd q5(2, 4), k5(2, 4);
    q5 << 1.882401680671453, -0.33483748468535135, 2.64608242710478, 3.922224115096044,   //
        4.735654167704911, 3.190525210245937, 5.827141853034631, 7.526352292639776;
    k5 << 2.5747158883031904, -0.45798481836848715, 2.955117475429777, 4.3802993082699775, //
        8.85959769889994, 5.968926110302597, 7.2677227860622065, 9.387010550406202;
    EXPECT_TRUE(matNear(rotateRows(x.topRows(2), shifted.rotary, RotarySide::Query), q5, 1e-12));
    EXPECT_TRUE(matNear(rotateRows(x.topRows(2), shifted.rotary, RotarySide::Key), k5, 1e-12));
}

// Only Δ reaches the score: q̃_i·k̃_j = Σ_c ζ_c^(−Δ/B)·(q_i·R(Δθ_c) k_j)_c. A shift of every position
// changes nothing; keys before the query are damped (ζ < 1), the walk shows it with its numbers.
TEST(Xpos, ScoreDependsOnDeltaAndDecays)
{
    const auto s = makeScheme("xpos", {{"scale_base", "32"}}, makeModel(16, 2, true, 9));
    const Sequence seq = Sequence::fromText("one two three four five six seven", TokenizerMode::Word);
    Sequence shifted = seq;
    shifted.start = 41;
    const AttentionResult a = referenceAttention(*s, seq), b = referenceAttention(*s, shifted);
    for (int h = 0; h < 2; ++h)
        EXPECT_TRUE(matNear(a.heads[h].probs, b.heads[h].probs, 1e-12)) << h;

    const Walk w = explain(*s, seq, 1, 6, 1);
    double both = 0.0, alone = 0.0;
    for (const Step& st : w.steps)
        for (const Quantity& qq : st.results) {
            if (qq.name == "q̃_i·k̃_j / √d") both = qq.value(0, 0);
            if (qq.name == "Σ_c ζ_c^(−Δ/B)·q_i·R(Δθ_c)k_j / √d (Δ alone)") alone = qq.value(0, 0);
            if (qq.name == "scale per pair")
                for (int c = 0; c < 4; ++c) {
                    EXPECT_NEAR(qq.value(c, 1) * qq.value(c, 2), qq.value(c, 3), 1e-12);
                    EXPECT_LT(qq.value(c, 3), 1.0) << "Δ = −5: damped";
                }
        }
    EXPECT_NEAR(both, alone, 1e-12);
    EXPECT_NEAR(both, w.logit, 1e-12);

    // The Δ-curve: pair c's term is ζ_c^(−Δ/B)·cos(θ_c Δ).
    const DeltaCurve c = s->deltaCurve(64);
    const double zeta0 = 0.4 / 1.4, zeta3 = (6 + 0.4 * 8) / (1.4 * 8);
    EXPECT_NEAR(c.rows(0, 2), std::pow(zeta0, 64.0 / 32) * std::cos(-64.0), 1e-12);     // Δ = −64, c = 0, θ_0 = 1
    EXPECT_NEAR(c.rows(0, 5), std::pow(zeta3, 2.0) * std::cos(-64 * std::pow(10000.0, -6.0 / 8)), 1e-12);
}

TEST(Xpos, BeyondFloatRangeIsAOneLineError)
{
    const auto s = makeScheme("xpos", {}, makeModel(16, 2, true));
    try {
        makePlan(*s, Sequence::positions(120000));
        ADD_FAILURE() << "accepted";
    } catch (const Error& e) {
        const std::string what = e.what();
        EXPECT_EQ(what.find('\n'), std::string::npos);
        EXPECT_NE(what.find("scale_base"), std::string::npos) << what;
    }
    EXPECT_NO_THROW(makePlan(*s, Sequence::positions(4096)));
    EXPECT_THROW(makeScheme("xpos", {{"scale_base", "0"}}, makeModel(16, 2)), Error);
}
