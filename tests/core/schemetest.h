#pragma once

// Helpers shared by the scheme tests.

#include "model.h"

#include <cmath>
#include <cstdint>
#include <limits>

#include <Eigen/Core>
#include <gtest/gtest.h>

namespace poslab::test {

inline constexpr double kInf = std::numeric_limits<double>::infinity();

inline double maxAbsDiff(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b)
{
    return (a - b).cwiseAbs().maxCoeff();
}

inline ModelConfig makeModel(int d, int heads, bool causal = false, std::uint64_t seed = 0, double temperature = 1.0)
{
    ModelConfig m;
    m.dModel = d;
    m.heads = heads;
    m.causal = causal;
    m.seed = seed;
    m.temperature = temperature;
    return m;
}

// Element-wise |a − b| <= tol·max(1, |b|); equal infinities match.
inline ::testing::AssertionResult matNear(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, double tol)
{
    if (a.rows() != b.rows() || a.cols() != b.cols())
        return ::testing::AssertionFailure()
               << "shape " << a.rows() << "x" << a.cols() << " vs expected " << b.rows() << "x" << b.cols();
    for (Eigen::Index r = 0; r < a.rows(); ++r)
        for (Eigen::Index c = 0; c < a.cols(); ++c) {
            const double x = a(r, c), y = b(r, c);
            if (std::isinf(y) && x == y) continue;
            if (!(std::abs(x - y) <= tol * std::max(1.0, std::abs(y))))
                return ::testing::AssertionFailure() << "at (" << r << ", " << c << "): got " << x
                                                     << ", expected " << y << " (tol " << tol << ")";
        }
    return ::testing::AssertionSuccess();
}

} // namespace poslab::test
