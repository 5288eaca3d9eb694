// Errors quote at most kQuotedChars characters of a user's value (issue 12, item 4).

#include "error.h"
#include "params.h"
#include "scheme.h"

#include <gtest/gtest.h>

using namespace poslab;

namespace {

std::string errorOf(const auto& f)
{
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

} // namespace

TEST(Messages, ShortValuesAreQuotedWhole)
{
    EXPECT_EQ(quoteInput("nope"), "'nope'");
    EXPECT_EQ(quoteInput(""), "''");
    const std::string sixty(60, 'a');
    EXPECT_EQ(quoteInput(sixty), "'" + sixty + "'");
}

TEST(Messages, LongValuesKeepSixtyCharactersAndSayHowLong)
{
    EXPECT_EQ(quoteInput(std::string(61, 'a')), "'" + std::string(60, 'a') + "\u2026' (61 characters)");
    const std::string ten(10'000'000, 'x');
    const std::string q = quoteInput(ten);
    EXPECT_EQ(q, "'" + std::string(60, 'x') + "\u2026' (10000000 characters)");
}

TEST(Messages, CharactersAreCodePointsAndNeverCutInHalf)
{
    std::string e;
    for (int k = 0; k < 100; ++k)
        e += "\u00e9"; // two bytes each
    std::string sixty;
    for (int k = 0; k < 60; ++k)
        sixty += "\u00e9";
    EXPECT_EQ(quoteInput(e), "'" + sixty + "\u2026' (100 characters)");
}

TEST(Messages, ControlCharactersAreEscapedSoTheMessageIsOneLine)
{
    EXPECT_EQ(quoteInput("a\nb\tc\rd"), "'a\\nb\\tc\\rd'");
    EXPECT_EQ(quoteInput(std::string("a\0b\x1b", 4)), "'a\\x00b\\x1b'");
}

TEST(Messages, CoreErrorsQuoteLongSchemeNamesAndParameters)
{
    const std::string huge(10'000'000, 's');
    const std::string unknown = errorOf([&] { describeScheme(huge); });
    EXPECT_LT(unknown.size(), 400u) << unknown.substr(0, 400);
    EXPECT_NE(unknown.find("(10000000 characters)"), std::string::npos) << unknown.substr(0, 400);

    const std::string badValue = errorOf([&] { makeScheme("t5", {{"num_buckets", huge}}, ModelConfig{}); });
    EXPECT_LT(badValue.size(), 400u) << badValue.substr(0, 400);
    EXPECT_NE(badValue.find("(10000000 characters)"), std::string::npos) << badValue.substr(0, 400);

    const std::string badKey = errorOf([&] { makeScheme("t5", {{huge, "1"}}, ModelConfig{}); });
    EXPECT_LT(badKey.size(), 400u) << badKey.substr(0, 400);
    EXPECT_NE(badKey.find("(10000000 characters)"), std::string::npos) << badKey.substr(0, 400);
}
