#pragma once

// GoogleTest side of attentionbound.h: a check of computed numbers against their bound, and the
// largest ratio |got − want| / bound of each test recorded as its property "bound_ratio"
// (--gtest_output=json shows it): how close the test comes to its bound.

#include "attentionbound.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <string>

namespace poslab::test {

inline void recordRatio(double ratio)
{
    static std::map<std::string, double> worst;
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    if (!info) return;
    const auto [it, first] = worst.emplace(std::string(info->test_suite_name()) + "." + info->name(), ratio);
    if (first || !(ratio <= it->second)) { // NaN too
        it->second = ratio;
        char text[32];
        std::snprintf(text, sizeof text, "%.3g", ratio);
        ::testing::Test::RecordProperty("bound_ratio", text);
    }
}

// Every element of `got` within `bound` of `want` (masked ±∞ equal); returns the worst ratio.
inline double expectWithin(const Eigen::MatrixXd& got, const Eigen::MatrixXd& want,
                           const Eigen::MatrixXd& bound, const std::string& what)
{
    const Excess e = excess(got, want, bound);
    recordRatio(e.ratio);
    EXPECT_LE(e.ratio, 1.0) << what << ": " << e;
    return e.ratio;
}

// One number: |got − want| ≤ tolerance, recorded like expectWithin.
inline void expectNear(double got, double want, double tolerance, const std::string& what)
{
    const double d = std::abs(got - want);
    recordRatio(d == 0 ? 0.0 : d / tolerance);
    EXPECT_LE(d, tolerance) << what << ": got " << got << ", want " << want;
}

} // namespace poslab::test
