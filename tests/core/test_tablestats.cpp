// The statistics of an absolute table (core/tablestats.h) on tables whose answers are known in
// closed form: a sinusoid's cosine similarity depends on Δ alone, and a table built from two
// orthogonal directions has exactly two principal components.

#include "error.h"
#include "scheme.h"
#include "tablestats.h"

#include <cmath>

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
