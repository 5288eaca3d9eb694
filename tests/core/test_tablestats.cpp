// The statistics of an absolute table (core/tablestats.h) on tables whose answers are known in
// closed form: a sinusoid's cosine similarity depends on Δ alone, a table built from two orthogonal
// directions has exactly two principal components, and a helix (helixtable.h) has three, whose
// curves over position the encoding view draws, in memory and loaded from a checkpoint as "learned".

#include "analysis.h"
#include "error.h"
#include "helixtable.h"
#include "lab.h"
#include "scheme.h"
#include "tablestats.h"
#include "tensorfixtures.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

using namespace poslab;

TEST(TableStats, SinusoidSimilarityIsAFunctionOfTheOffsetAlone)
{
    ModelConfig model;
    model.dModel = 32;
    const auto scheme = makeScheme("sinusoidal", {}, model);
    const int n = 40;
    const Eigen::MatrixXd p = scheme->absolute(n);
    const Eigen::MatrixXd s = cosineSimilarity(p);
    // Each row has norm² = d/2 (sin² + cos² per pair), so cos(P_i, P_j) = (2/d) Σ_k cos(ω_k (j − i)),
    // ω_k = 10000^(−2k/d).
    const int d = model.dModel;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            double expected = 0;
            for (int k = 0; k < d / 2; ++k)
                expected += std::cos(std::pow(10000.0, -2.0 * k / d) * (j - i));
            expected *= 2.0 / d;
            EXPECT_NEAR(s(i, j), expected, 1e-12) << i << "," << j;
        }
    EXPECT_NEAR(rowNorms(p)(7), std::sqrt(d / 2.0), 1e-12);
}

TEST(TableStats, PrincipalComponentsOfATableOfTwoDirections)
{
    // P_i = 3 + a_i·u + b_i·v with u ⊥ v unit vectors and centred, uncorrelated coefficients: two components,
    // variance Σa² and Σb², scores ±a and ±b.
    const int n = 6, d = 4;
    Eigen::VectorXd u(d), v(d);
    u << 0.6, 0.8, 0, 0;
    v << 0, 0, -1, 0;
    const double a[n] = {-5, -3, -1, 1, 3, 5}, b[n] = {1, -1, 0, 0, -1, 1}; // Σa = Σb = Σab = 0
    Eigen::MatrixXd p(n, d);
    for (int i = 0; i < n; ++i)
        p.row(i) = (Eigen::VectorXd::Constant(d, 3.0) + a[i] * u + b[i] * v).transpose();
    const PrincipalComponents pc = principalComponents(p, 3);
    EXPECT_NEAR(pc.explained(0), 70.0 / 74.0, 1e-12); // Σa² = 70, Σb² = 4
    EXPECT_NEAR(pc.explained(1), 4.0 / 74.0, 1e-12);
    EXPECT_NEAR(pc.explained(2), 0.0, 1e-12);
    // Signs: the largest loading positive, so u's 0.8 and v's −1 → direction −v.
    EXPECT_NEAR(pc.directions(1, 0), 0.8, 1e-12);
    EXPECT_NEAR(pc.directions(2, 1), 1.0, 1e-12);
    for (int i = 0; i < n; ++i) {
        EXPECT_NEAR(pc.scores(i, 0), a[i], 1e-12);
        EXPECT_NEAR(pc.scores(i, 1), -b[i], 1e-12);
    }
    EXPECT_THROW(principalComponents(p, 5), Error);
    EXPECT_TRUE(std::isnan(cosineSimilarity(Eigen::MatrixXd::Zero(2, 3))(0, 1)));
}

namespace {

void expectHelixCurves(const test::HelixTable& h, const Eigen::MatrixXd& scores, const Eigen::VectorXd& explained,
                       const Eigen::VectorXd& norms)
{
    ASSERT_EQ(scores.rows(), h.n);
    ASSERT_EQ(scores.cols(), 3);
    ASSERT_EQ(explained.size(), 3);
    ASSERT_EQ(norms.size(), h.n);
    for (int c = 0; c < 3; ++c)
        EXPECT_NEAR(explained(c), h.explained(c), h.explainedBound(c)) << "PC" << c + 1;
    for (int i = 0; i < h.n; ++i) {
        for (int c = 0; c < 3; ++c)
            EXPECT_NEAR(scores(i, c), h.score(i, c), h.scoreBound(i, c)) << "position " << i << ", PC" << c + 1;
        EXPECT_NEAR(norms(i), h.norm(i), h.normBound(i)) << "position " << i;
    }
}

} // namespace

TEST(EncodingCurves, AHelixHasThreeComponentsWithScikitLearnsSigns)
{
    const test::HelixTable h;
    const AbsoluteEncoding e = encodingOf(h.table());
    expectHelixCurves(h, e.components, e.explained, e.norms);
    // The bounds are tight enough to tell the sign rule apart: PC1 is −a·cos θ, largest at θ = π.
    EXPECT_LT(h.scoreBound(0, 0), 1e-9);
    EXPECT_LT(e.components(0, 0), -4.9);
    EXPECT_LT(e.components(0, 2), -0.9);
    // Without the n × n part and without components: only the norms and PE.
    const AbsoluteEncoding bare = encodingOf(h.table(), false, false);
    EXPECT_EQ(bare.components.size(), 0);
    EXPECT_EQ(bare.explained.size(), 0);
    EXPECT_EQ(bare.similarity.size(), 0);
    EXPECT_EQ(bare.norms.size(), h.n);
}

TEST(EncodingCurves, FewerComponentsWhenThereAreFewerPositionsOrDimensions)
{
    ModelConfig model;
    model.dModel = 2;
    model.heads = 1;
    const auto sinusoidal = makeScheme("sinusoidal", {}, model);
    EXPECT_EQ(absoluteEncoding(*sinusoidal, 0, 10).components.cols(), 2); // d_model = 2
    model.dModel = 16;
    const auto wide = makeScheme("sinusoidal", {}, model);
    const AbsoluteEncoding two = absoluteEncoding(*wide, 5, 2); // n = 2
    ASSERT_EQ(two.components.cols(), 2);
    // Two points: all the variance on the line through them, scores ±half their distance. As in
    // helixtable.h, δ = (γ_{n+2} + γ_{n·d})‖P‖_F bounds the centring's and the SVD's backward error;
    // with one nonzero singular value σ = ‖x_i‖·√2, a score is within ‖x_i‖√2δ/(σ − 2δ) + δ ≈ 2δ, and
    // the fraction within (2σδ + 2δ²)/σ², plus its own few roundings.
    const double half = (two.pe.row(1) - two.pe.row(0)).norm() / 2, sigma = half * std::sqrt(2.0);
    const double delta = (test::gamma(2 + 2, test::kUnitF64) + test::gamma(2 * 16, test::kUnitF64)) * two.pe.norm();
    const double scoreTol = half * std::sqrt(2.0) * delta / (sigma - 2 * delta) + delta + 4 * test::kUnitF64 * half;
    EXPECT_NEAR(two.explained(0), 1.0, (2 * sigma * delta + 2 * delta * delta) / (sigma * sigma) +
                                           test::gamma(4, test::kUnitF64));
    EXPECT_NEAR(std::abs(two.components(0, 0)), half, scoreTol);
    EXPECT_NEAR(two.components(0, 0), -two.components(1, 0), 2 * scoreTol);
    // One position: one component of no variance.
    const AbsoluteEncoding one = absoluteEncoding(*wide, 0, 1);
    ASSERT_EQ(one.components.cols(), 1);
    EXPECT_EQ(one.explained(0), 0.0);
    EXPECT_EQ(one.components(0, 0), 0.0);
}

// The helix saved as GPT-2's wpe and loaded as "learned": the Lab's tables pe-components and pe-norms
// (what poslab-cli compute writes) hold its closed-form curves.
TEST(EncodingCurves, ALoadedTableThroughTheLab)
{
    const test::HelixTable h;
    test::TempFolder dir;
    dir.write("model.safetensors",
              test::safetensorsOf({test::f64Tensor("transformer.wpe.weight",
                                                   {std::uint64_t(h.n), std::uint64_t(h.d)}, h.rowMajor())}));
    LabRequest r;
    r.scheme = "learned";
    r.positions = h.n;
    r.model.dModel = h.d;
    r.model.heads = 2;
    r.weights.path = dir.path();
    Lab lab;
    r.matrix = "pe-components";
    const Table pcs = lab.table(r);
    ASSERT_EQ(pcs.shape, (std::vector<std::size_t>{std::size_t(h.n), 3}));
    EXPECT_EQ(pcs.columns, (std::vector<std::string>{"pc1", "pc2", "pc3"}));
    ASSERT_EQ(pcs.tokens.size(), std::size_t(h.n));
    r.matrix = "pe-norms";
    const Table norms = lab.table(r);
    ASSERT_EQ(norms.shape, (std::vector<std::size_t>{std::size_t(h.n)}));
    EXPECT_EQ(norms.columns, (std::vector<std::string>{"norm"}));
    Eigen::MatrixXd scores(h.n, 3);
    Eigen::VectorXd explained(3), normValues(h.n);
    for (int i = 0; i < h.n; ++i) {
        for (int c = 0; c < 3; ++c)
            scores(i, c) = pcs.at(std::size_t(i), std::size_t(c));
        normValues(i) = norms.data[std::size_t(i)];
    }
    for (int c = 0; c < 3; ++c) {
        const std::string key = "explained_pc" + std::to_string(c + 1);
        const auto it = std::find_if(pcs.meta.begin(), pcs.meta.end(), [&](const auto& kv) { return kv.first == key; });
        ASSERT_NE(it, pcs.meta.end()) << key;
        explained(c) = std::stod(it->second);
    }
    expectHelixCurves(h, scores, explained, normValues);

    // A relative scheme has no table to describe.
    r.scheme = "rope";
    r.weights = {};
    r.model.dModel = 16;
    EXPECT_THROW(lab.table(r), Error);
}
