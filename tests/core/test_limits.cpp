// Softmax at extreme temperatures (issue 12, item 2): the limit T → 0 is the argmax, the largest
// scores sharing the weight equally; never NaN; the oracle, the reference engine and the oneDNN
// engine agree.

#include "attention.h"
#include "engine/kernels.h"
#include "engine/onednnengine.h"
#include "engine/referenceengine.h"
#include "error.h"
#include "lablimits.h"
#include "plan.h"
#include "scheme.h"

#include <cmath>

#include <gtest/gtest.h>

using namespace poslab;

namespace {

// Every probability of head h against `expected` (rows sum to 1), within `bound`.
void expectProbs(const AttentionResult& r, const Eigen::MatrixXd& expected, double bound,
                 const std::string& who)
{
    for (const HeadResult& h : r.heads) {
        ASSERT_EQ(h.probs.rows(), expected.rows()) << who;
        for (Eigen::Index i = 0; i < expected.rows(); ++i)
            for (Eigen::Index j = 0; j < expected.cols(); ++j) {
                ASSERT_FALSE(std::isnan(h.probs(i, j))) << who << " (" << i << ", " << j << ")";
                EXPECT_NEAR(h.probs(i, j), expected(i, j), bound) << who << " (" << i << ", " << j << ")";
            }
    }
}

struct Runs
{
    AttentionResult oracle, reference, onednn;
};

Runs runAll(const std::string& scheme, bool causal, double temperature)
{
    ModelConfig m;
    m.dModel = 16;
    m.heads = 2;
    m.causal = causal;
    m.temperature = temperature;
    const auto s = makeScheme(scheme, {}, m);
    const Sequence seq = Sequence::fromText("x x x x x", TokenizerMode::Word); // equal tokens
    const AttentionPlan plan = makePlan(*s, seq);
    RunOptions opts;
    opts.allHeads = true;
    opts.logits = opts.probs = true;
    Runs r;
    r.oracle = referenceAttention(*s, seq);
    ReferenceEngine reference;
    reference.run(plan, opts, r.reference);
    OneDnnEngine onednn;
    onednn.run(plan, opts, r.onednn);
    return r;
}

// The oneDNN engine's probabilities in the limit: exp gives the row's maxima a value within 2^-21
// of 1 (all the same value: equal inputs) and every other key 0 or less than 2^-125 (kernels.h);
// normalised in double. So a maximum's weight is 1/k within k·2^-125 plus two double roundings,
// and any other key's weight is below 2^-124.
constexpr double kLimitBound = 0x1p-124 * 8 + 0x1p-51;

} // namespace

TEST(SoftmaxLimit, EqualScoresShareTheWeightEquallyAtTinyTemperature)
{
    for (bool causal : {false, true}) {
        const Runs r = runAll("none", causal, 1e-45); // every score of a row equal
        Eigen::MatrixXd expected = Eigen::MatrixXd::Zero(5, 5);
        for (int i = 0; i < 5; ++i)
            for (int j = 0; j < 5; ++j)
                if (!causal || j <= i) expected(i, j) = 1.0 / (causal ? i + 1 : 5);
        expectProbs(r.oracle, expected, 0x1p-51, "oracle");
        expectProbs(r.reference, expected, 0x1p-51, "reference engine");
        expectProbs(r.onednn, expected, kLimitBound, "onednn engine");
    }
}

TEST(SoftmaxLimit, TheLargestScoreTakesEverythingAtTinyTemperature)
{
    // ALiBi on equal tokens: scores are equal but for −slope·|j − i|, largest at j = i alone.
    for (bool causal : {false, true})
        for (double t : {1e-45, 1e-30, 1e-100}) {
            const Runs r = runAll("alibi", causal, t);
            const Eigen::MatrixXd identity = Eigen::MatrixXd::Identity(5, 5);
            expectProbs(r.oracle, identity, 0x1p-51, "oracle");
            expectProbs(r.reference, identity, 0x1p-51, "reference engine");
            expectProbs(r.onednn, identity, kLimitBound, "onednn engine");
            // The logits stay s / T, finite where visible: the fp32 logits at 2^-64 are those at T = 1
            // times 2^64 exactly (a power of two), scaled back in double by 2^-64 / T.
            const Runs one = runAll("alibi", causal, 1.0);
            for (std::size_t h = 0; h < r.onednn.heads.size(); ++h)
                for (int i = 0; i < 5; ++i)
                    for (int j = 0; j < 5; ++j) {
                        const double a = r.onednn.heads[h].logits(i, j),
                                     a1 = one.onednn.heads[h].logits(i, j);
                        if (causal && j > i) {
                            EXPECT_EQ(a, -INFINITY);
                            continue;
                        }
                        ASSERT_TRUE(std::isfinite(a)) << a << " T=" << t;
                        EXPECT_NEAR(a * t, a1, 0x1p-50 * std::abs(a1))
                            << "(" << i << ", " << j << ") T=" << t;
                        EXPECT_TRUE(std::isfinite(r.reference.heads[h].logits(i, j)));
                    }
        }
}

TEST(SoftmaxLimit, TemperaturesBelowTheLowestAreRefused)
{
    ModelConfig m;
    m.temperature = kMinTemperature;
    EXPECT_NO_THROW(m.validate());
    m.temperature = kMinTemperature / 2;
    try {
        m.validate();
        FAIL() << "accepted T = " << m.temperature;
    } catch (const FieldError& e) {
        EXPECT_EQ(e.field(), "temperature");
        EXPECT_NE(std::string(e.what()).find("1e-100"), std::string::npos) << e.what();
    }
}
