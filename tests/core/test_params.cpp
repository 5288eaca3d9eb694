#include "error.h"
#include "params.h"

#include <gtest/gtest.h>

using namespace poslab;

namespace {

const std::vector<ParamSpec> kSpecs = {
    {"k", ParamType::Int, "16", 0, 64, {}, "clip"},
    {"base", ParamType::Real, "10000", 1e-6, 1e12, {}, "base"},
    {"bidirectional", ParamType::Bool, "true", 0, 0, {}, "dir"},
    {"layout", ParamType::Choice, "half", 0, 0, {"half", "interleaved"}, "layout"},
};

std::string errorOf(const RawParams& raw)
{
    try {
        ParamSet::parse("demo", kSpecs, raw);
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

} // namespace

TEST(Params, DefaultsAreFilledIn)
{
    const ParamSet p = ParamSet::parse("demo", kSpecs, {});
    EXPECT_EQ(p.integer("k"), 16);
    EXPECT_DOUBLE_EQ(p.real("base"), 10000.0);
    EXPECT_TRUE(p.boolean("bidirectional"));
    EXPECT_EQ(p.choice("layout"), "half");
}

TEST(Params, ValuesOverrideDefaults)
{
    const ParamSet p =
        ParamSet::parse("demo", kSpecs, {{"k", "3"}, {"base", "2.5e3"}, {"bidirectional", "false"}, {"layout", "interleaved"}});
    EXPECT_EQ(p.integer("k"), 3);
    EXPECT_DOUBLE_EQ(p.real("base"), 2500.0);
    EXPECT_FALSE(p.boolean("bidirectional"));
    EXPECT_EQ(p.choice("layout"), "interleaved");
}

TEST(Params, CanonicalTextKeepsSpecOrder)
{
    const ParamSet p = ParamSet::parse("demo", kSpecs, {{"base", "0.1"}});
    const auto c = p.canonical();
    ASSERT_EQ(c.size(), 4u);
    EXPECT_EQ(c[0], (std::pair<std::string, std::string>{"k", "16"}));
    EXPECT_EQ(c[1], (std::pair<std::string, std::string>{"base", "0.1"}));
    EXPECT_EQ(c[2], (std::pair<std::string, std::string>{"bidirectional", "true"}));
    EXPECT_EQ(c[3], (std::pair<std::string, std::string>{"layout", "half"}));
}

struct BadCase
{
    RawParams raw;
    const char* expected;   // a fragment of the one-line message
};

class ParamsRejects : public ::testing::TestWithParam<BadCase>
{
};

TEST_P(ParamsRejects, WithAMessageNamingTheKey)
{
    const std::string msg = errorOf(GetParam().raw);
    ASSERT_FALSE(msg.empty()) << "no error";
    EXPECT_NE(msg.find(GetParam().expected), std::string::npos) << msg;
    EXPECT_EQ(msg.find('\n'), std::string::npos) << "message must be one line";
}

INSTANTIATE_TEST_SUITE_P(
    All, ParamsRejects,
    ::testing::Values(BadCase{{{"kk", "1"}}, "demo has no parameter 'kk' (it takes: k, base, bidirectional, layout)"},
                      BadCase{{{"k", "65"}}, "parameter 'k' must be an integer in [0, 64], got '65'"},
                      BadCase{{{"k", "-1"}}, "'k' must be an integer in [0, 64]"},
                      BadCase{{{"k", "3x"}}, "got '3x'"}, BadCase{{{"k", ""}}, "got ''"},
                      BadCase{{{"k", "2.5"}}, "got '2.5'"}, BadCase{{{"base", "0"}}, "'base' must be a number"},
                      BadCase{{{"base", "nan"}}, "got 'nan'"}, BadCase{{{"base", "inf"}}, "got 'inf'"},
                      BadCase{{{"bidirectional", "maybe"}}, "must be true or false"},
                      BadCase{{{"layout", "spiral"}}, "must be one of half|interleaved, got 'spiral'"}));

TEST(Params, FormatRealRoundTrips)
{
    EXPECT_EQ(formatReal(0.1), "0.1");
    EXPECT_EQ(formatReal(10000.0), "10000");
    EXPECT_EQ(std::stod(formatReal(1.0 / 3.0)), 1.0 / 3.0);
}

// RealList (RoPE's short_factor / long_factor): comma-separated numbers, each within the bounds.
TEST(Params, RealListParsesChecksAndReadsBack)
{
    const std::vector<ParamSpec> specs = {{"f", ParamType::RealList, "", 1e-6, 10, {}, "factors"}};
    EXPECT_TRUE(ParamSet::parse("demo", specs, {}).reals("f").empty());
    const ParamSet p = ParamSet::parse("demo", specs, {{"f", "1, 2.5,0.125"}});
    EXPECT_EQ(p.reals("f"), (std::vector<double>{1, 2.5, 0.125}));
    EXPECT_EQ(p.canonical()[0].second, "1,2.5,0.125");
    for (const char* bad : {"1,,2", "1,x", "1,0", "1,11", ",", "1,", "nan", "1;2"}) {
        try {
            ParamSet::parse("demo", specs, {{"f", bad}});
            ADD_FAILURE() << "accepted " << bad;
        } catch (const Error& e) {
            const std::string what = e.what();
            EXPECT_NE(what.find("'f'"), std::string::npos) << what;
            EXPECT_EQ(what.find('\n'), std::string::npos) << what;
        }
    }
    // longer than an ordinary parameter's 100 characters
    std::string many;
    for (int k = 0; k < 64; ++k)
        many += (k ? "," : "") + std::string("1.2345678");
    EXPECT_EQ(ParamSet::parse("demo", specs, {{"f", many}}).reals("f").size(), 64u);
}
