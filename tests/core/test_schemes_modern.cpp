// Acceptance tests for the schemes of issue 14: KERPLE (Chi et al. 2022) and NoPE (Kazemnejad et al.
// 2023).
//
// Expected numbers are literals transcribed from the official code and evaluated outside the code
// under test (plain Python `math`, double); each test names the file and function. Tolerances compare
// double with double: 1e-12 is well above the rounding of the few operations involved (u = 1.1e-16).
//
// Conventions: positions are 0-based, i = query (row), j = key (column), Δ = j − i.

#include "attention.h"
#include "error.h"
#include "explain.h"
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
