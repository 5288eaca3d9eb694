// What the explorer's views derive from an attention result: diagonal profiles, pooling, differences,
// named matrices and how a Δ-curve is drawn. Expected values are worked out by hand.

#include "analysis.h"
#include "error.h"
#include "errorbound.h"
#include "scheme.h"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

using namespace poslab;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

Eigen::MatrixXd threeByThree()
{
    Eigen::MatrixXd m(3, 3);
    m << 1, 2, 3, //
        4, 5, 6,  //
        7, 8, 9;
    return m;
}

ModelConfig smallModel()
{
    ModelConfig m;
    m.dModel = 16;
    m.heads = 2;
    m.seed = 3;
    return m;
}

} // namespace

TEST(DiagonalProfile, MeansAlongEachOffset)
{
    const auto p = diagonalProfile(threeByThree(), false);
    ASSERT_EQ(p.size(), 5u);               // Δ = −2 .. 2
    EXPECT_DOUBLE_EQ(p[0], 7.0);           // Δ = −2: (2, 0)
    EXPECT_DOUBLE_EQ(p[1], (4.0 + 8) / 2); // Δ = −1
    EXPECT_DOUBLE_EQ(p[2], 5.0);           // Δ = 0: (1 + 5 + 9) / 3
    EXPECT_DOUBLE_EQ(p[3], (2.0 + 6) / 2);
    EXPECT_DOUBLE_EQ(p[4], 3.0);
}

TEST(DiagonalProfile, MaskedCellsAreLeftOut)
{
    Eigen::MatrixXd m = threeByThree();
    m(1, 0) = -kInf;
    auto p = diagonalProfile(m, false);
    EXPECT_DOUBLE_EQ(p[1], 8.0);
    p = diagonalProfile(threeByThree(), true); // causal: Δ > 0 has nothing visible
    EXPECT_TRUE(std::isnan(p[3]));
    EXPECT_TRUE(std::isnan(p[4]));
    EXPECT_DOUBLE_EQ(p[2], 5.0);
    EXPECT_TRUE(diagonalProfile(Eigen::MatrixXd(), false).empty());
}

TEST(Downsample, SmallMatricesPassThroughWithMaskAsNan)
{
    const PooledMatrix p = downsample(threeByThree(), 10, 10, Pooling::Max, true);
    EXPECT_FALSE(p.pooled());
    EXPECT_DOUBLE_EQ(p.values(2, 1), 8.0);
    EXPECT_TRUE(std::isnan(p.values(0, 1)));
}

TEST(Downsample, MaxAndMeanOverBlocks)
{
    Eigen::MatrixXd m(4, 5);
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 5; ++j)
            m(i, j) = 10 * i + j;
    PooledMatrix p = downsample(m, 2, 2, Pooling::Max, false);
    EXPECT_EQ(p.rowStep, 2);
    EXPECT_EQ(p.colStep, 3);
    ASSERT_EQ(p.values.rows(), 2);
    ASSERT_EQ(p.values.cols(), 2);
    EXPECT_DOUBLE_EQ(p.values(0, 0), 12.0);
    EXPECT_DOUBLE_EQ(p.values(1, 1), 34.0);
    p = downsample(m, 2, 2, Pooling::Mean, false);
    EXPECT_DOUBLE_EQ(p.values(0, 0), (0 + 1 + 2 + 10 + 11 + 12) / 6.0);
    EXPECT_DOUBLE_EQ(p.values(1, 1), (23 + 24 + 33 + 34) / 4.0);
}

TEST(Downsample, NeverMoreCellsThanAskedAndMaskedBlocksStayMasked)
{
    const Eigen::MatrixXd m = Eigen::MatrixXd::Ones(1000, 1000);
    const PooledMatrix p = downsample(m, 300, 250, Pooling::Mean, true);
    EXPECT_LE(p.values.rows(), 300);
    EXPECT_LE(p.values.cols(), 250);
    EXPECT_TRUE(std::isnan(p.values(0, p.values.cols() - 1))); // wholly above the diagonal
    EXPECT_DOUBLE_EQ(p.values(p.values.rows() - 1, 0), 1.0);
}

TEST(Difference, MaskedWhereEitherIsAndMaxAbs)
{
    Eigen::MatrixXd a = threeByThree();
    Eigen::MatrixXd b = a;
    b(2, 2) = 9.5;
    const Eigen::MatrixXd d = difference(a, b, true);
    EXPECT_DOUBLE_EQ(d(2, 2), -0.5);
    EXPECT_TRUE(std::isnan(d(0, 2)));
    EXPECT_DOUBLE_EQ(maxAbsDifference(a, b, false), 0.5);
    b(0, 0) = -kInf;
    EXPECT_EQ(maxAbsDifference(a, b, false), kInf); // masks differ
    EXPECT_EQ(maxAbsDifference(a, Eigen::MatrixXd(2, 2), false), kInf);
    EXPECT_THROW(difference(a, Eigen::MatrixXd(2, 2), false), Error);
}

TEST(HeadMatrix, ByNameIncludingTerms)
{
    const auto scheme = makeScheme("t5", {}, smallModel());
    const AttentionResult r = referenceAttention(*scheme, Sequence::fromText("a b c d", TokenizerMode::Word));
    const HeadResult& h = r.heads[1];
    const auto names = headMatrixNames(h);
    ASSERT_EQ(names.size(), 3 + h.terms.size());
    EXPECT_EQ(names[3], "content-content");
    EXPECT_TRUE(headMatrix(h, "probs").isApprox(h.probs));
    EXPECT_TRUE(headMatrix(h, names.back()).isApprox(h.terms.back().value));
    EXPECT_THROW(headMatrix(h, "nope"), Error);
}

TEST(DeltaAndBucket, Matrices)
{
    const Eigen::MatrixXd d = deltaMatrix(3);
    EXPECT_EQ(d(0, 2), 2);
    EXPECT_EQ(d(2, 0), -2);
    const auto t5 = makeScheme("t5", {}, smallModel());
    const Eigen::MatrixXd b = bucketMatrix(*t5, 5);
    ASSERT_EQ(b.rows(), 5);
    EXPECT_EQ(b(1, 3), static_cast<double>(t5->bucket(1, 3)));
    EXPECT_EQ(bucketMatrix(*makeScheme("alibi", {}, smallModel()), 5).size(), 0);
}

TEST(CurveLayout, T5IsAStepFunctionWithBoundaries)
{
    const auto t5 = makeScheme("t5", {}, smallModel());
    const DeltaCurve c = t5->deltaCurve(20);
    const CurveLayout l = curveLayout(c);
    EXPECT_EQ(l.indexColumn, 1);
    EXPECT_TRUE(l.steps);
    ASSERT_EQ(l.valueColumns.size(), 2u); // one bias per head
    ASSERT_FALSE(l.boundaries.empty());
    for (double x : l.boundaries) {
        const Eigen::Index r = static_cast<Eigen::Index>(x - 0.5 + 20);
        EXPECT_NE(c.rows(r, 1), c.rows(r + 1, 1));
    }
    // Every change of bucket is listed.
    int changes = 0;
    for (Eigen::Index r = 0; r + 1 < c.rows.rows(); ++r)
        changes += c.rows(r, 1) != c.rows(r + 1, 1);
    EXPECT_EQ(changes, static_cast<int>(l.boundaries.size()));
}

TEST(CurveLayout, AlibiHasOnlyValues)
{
    const CurveLayout l = curveLayout(makeScheme("alibi", {}, smallModel())->deltaCurve(5));
    EXPECT_FALSE(l.steps);
    EXPECT_EQ(l.indexColumn, -1);
    EXPECT_EQ(l.valueColumns, (std::vector<int>{1, 2}));
}

TEST(CurveLayout, IndexOnlyCurvesDrawTheirIndices)
{
    const DeltaCurve c = makeScheme("deberta", {}, smallModel())->deltaCurve(8);
    const CurveLayout l = curveLayout(c);
    EXPECT_TRUE(l.steps);
    EXPECT_EQ(l.indexColumn, 1);
    EXPECT_EQ(l.valueColumns, (std::vector<int>{1, 2}));
}

// The compare view's claim: shifting every position changes absolute schemes only.
class ShiftInvariance : public ::testing::TestWithParam<std::pair<const char*, bool>>
{
};

TEST_P(ShiftInvariance, MaxChangeOfProbsUnderShift)
{
    const auto [name, relative] = GetParam();
    const auto scheme = makeScheme(name, {}, smallModel());
    Sequence seq = Sequence::fromText("the cat sat on the mat", TokenizerMode::Word);
    const AttentionResult a = referenceAttention(*scheme, seq);
    seq.start = 7;
    const AttentionResult b = referenceAttention(*scheme, seq);
    double worst = 0.0;
    for (std::size_t h = 0; h < a.heads.size(); ++h)
        worst = std::max(worst, maxAbsDifference(a.heads[h].probs, b.heads[h].probs, false));
    // In double, RoPE at shifted positions rotates by other angles, each rounded (u·|angle| ≈ 1e-15
    // here); 1e-9 holds that with room and is far below the 1e-3 an absolute scheme moves.
    if (relative)
        EXPECT_LT(worst, 1e-9) << name;
    else
        EXPECT_GT(worst, 1e-3) << name;
}

INSTANTIATE_TEST_SUITE_P(Schemes, ShiftInvariance,
                         ::testing::Values(std::pair{"alibi", true}, std::pair{"t5", true},
                                           std::pair{"rope", true}, std::pair{"sinusoidal", false},
                                           std::pair{"learned", false}));

// RoFormer §3.4.3: the relative upper bound (1/(d/2)) Σ_{j=1}^{d/2} |S_j|, S_j = Σ_{k<j} e^{iΔθ_k},
// divided by its value at Δ = 0, (d/2 + 1)/2. Each |S_j| sums j unit complex numbers: with the
// elementary functions within an ulp, every value is within γ_{d+4} (binary64) of the exact one,
// relative to its Δ = 0 value of 1; the hand-worked forms below are computed the same way.
namespace {
double decayTolerance(std::size_t pairs)
{
    return 2 * test::gamma(2.0 * double(pairs) + 4, test::kUnitF64);
}
} // namespace

TEST(RopeDecayBound, OnePairIsFlat)
{
    // d = 2: S_1 = e^{iΔθ_0}, |S_1| = 1 at every Δ, and (d/2 + 1)/2 = 1.
    const std::vector<double> b = ropeDecayBound({0.7}, 5);
    ASSERT_EQ(b.size(), 11u);
    for (double v : b)
        EXPECT_NEAR(v, 1.0, decayTolerance(1));
}

TEST(RopeDecayBound, TwoPairsByHand)
{
    // d = 4, θ = (1, 0.01): |S_1| = 1, |S_2| = |e^{iΔ} + e^{0.01iΔ}| = 2|cos(0.495Δ)|; the mean over
    // j = 1, 2 divided by (2 + 1)/2 is (1 + 2|cos(0.495Δ)|)/3.
    const int range = 7;
    const std::vector<double> b = ropeDecayBound({1.0, 0.01}, range);
    ASSERT_EQ(b.size(), std::size_t(2 * range + 1));
    for (int delta = -range; delta <= range; ++delta)
        EXPECT_NEAR(b[std::size_t(delta + range)], (1 + 2 * std::abs(std::cos(0.495 * delta))) / 3,
                    decayTolerance(2))
            << "delta " << delta;
    EXPECT_NEAR(b[std::size_t(range)], 1.0, decayTolerance(2));
}

TEST(RopeDecayBound, DecaysForAHeadOf128WithRopesOwnFrequencies)
{
    // RoPE's θ_k = 10000^(−2k/d) at d = 128, from the scheme: 1 at Δ = 0, even in Δ, and far below
    // it at the distances the paper's Figure 2 shows (it falls to about a fifth by Δ = 250).
    ModelConfig model;
    const auto rope = makeScheme("rope", {}, model);
    const std::vector<double> theta = rotaryFrequenciesAt(*rope, 128, 16);
    ASSERT_EQ(theta.size(), 64u);
    EXPECT_DOUBLE_EQ(theta[1], std::pow(10000.0, -2.0 / 128));
    const int range = 250;
    const std::vector<double> b = ropeDecayBound(theta, range);
    EXPECT_NEAR(b[range], 1.0, decayTolerance(64));
    for (int delta = 1; delta <= range; ++delta)
        EXPECT_NEAR(b[std::size_t(range + delta)], b[std::size_t(range - delta)], decayTolerance(64));
    EXPECT_LT(b[std::size_t(range + 250)], 0.3);
    EXPECT_LT(b[std::size_t(range + 50)], b[std::size_t(range + 5)]);
    EXPECT_LT(b[std::size_t(range + 5)], b[std::size_t(range + 1)]);
}

TEST(RopeDecayBound, RefusesSchemesWithoutFrequencies)
{
    ModelConfig model;
    EXPECT_THROW(rotaryFrequenciesAt(*makeScheme("alibi", {}, model), 128, 16), Error);
    EXPECT_THROW(ropeDecayBound({}, 4), Error);
}

TEST(AbsoluteEncoding, SinusoidSimilarityDependsOnDeltaOnly)
{
    // Sinusoidal at d = 4: ω = (1, 10000^(−1/2) = 0.01), |PE_i|² = d/2 = 2 and PE_i·PE_j = Σ_k cos(ω_k Δ),
    // so cos(PE_i, PE_j) = (cos Δ + cos 0.01Δ) / 2 on every diagonal, and so is the Δ-profile. A dot
    // product of 4 terms and two norms: within γ_8 (binary64) of it.
    ModelConfig model;
    model.dModel = 4;
    model.heads = 1;
    const auto sinusoidal = makeScheme("sinusoidal", {}, model);
    const int n = 5, start = 3;
    const AbsoluteEncoding e = absoluteEncoding(*sinusoidal, start, n);
    ASSERT_EQ(e.pe.rows(), n);
    ASSERT_EQ(e.pe.cols(), 4);
    EXPECT_NEAR(e.pe(0, 0), std::sin(3.0), 4 * test::kUnitF64); // row 0 is position `start`
    ASSERT_EQ(e.similarity.rows(), n);
    ASSERT_EQ(e.profile.size(), std::size_t(2 * n - 1));
    const double tol = test::gamma(8, test::kUnitF64) * 2;
    const auto expected = [](int delta) { return (std::cos(delta) + std::cos(0.01 * delta)) / 2; };
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            EXPECT_NEAR(e.similarity(i, j), expected(j - i), tol) << i << "," << j;
    for (int k = 0; k < 2 * n - 1; ++k)
        EXPECT_NEAR(e.profile[std::size_t(k)], expected(k - (n - 1)), tol) << "delta " << k - (n - 1);
    const AbsoluteEncoding noSimilarity = absoluteEncoding(*sinusoidal, 0, n, false);
    EXPECT_EQ(noSimilarity.similarity.size(), 0);
    EXPECT_TRUE(noSimilarity.profile.empty());
}

TEST(AbsoluteEncoding, RelativeSchemesHaveNone)
{
    ModelConfig model;
    try {
        absoluteEncoding(*makeScheme("rope", {}, model), 0, 4);
        FAIL() << "rope has no absolute encoding";
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(), "rope is relative: it adds no absolute encoding");
    }
    EXPECT_THROW(absoluteEncoding(*makeScheme("none", {}, model), 0, 4), Error);
}
