// Issue 16: core's errors go through trCore("Errors", pattern) whole, so that a front end's translator
// words each sentence and may reorder its %N; without a translator they are the English source.
// A stand-in translator marks every "Errors" sentence «…» and reorders the range sentence.

#include "error.h"
#include "i18n.h"
#include "jsonparse.h"
#include "params.h"
#include "tokenizer.h"

#include <cstring>
#include <string>

#include <gtest/gtest.h>

using namespace poslab;

namespace {

std::string standIn(const char* context, const char* source, const char*)
{
    if (std::strcmp(context, "Errors") != 0) return {};
    if (std::strcmp(source, "%1 must be between %2 and %3, got %4") == 0) return "%1: %4 \u2209 [%2, %3]";
    return std::string("\u00ab") + source + "\u00bb";
}

// Installs the stand-in for one test and removes it after.
struct StandInTranslator
{
    StandInTranslator() { setCoreTranslator(&standIn); }
    ~StandInTranslator() { setCoreTranslator(nullptr); }
};

template <typename F>
std::string errorOf(F f)
{
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

const std::vector<ParamSpec> kSpecs = {{"n", ParamType::Int, "1", 1, 10, {}, "a count"}};

} // namespace

TEST(ErrorLanguage, EachSentenceIsLookedUpWholeAndFilled)
{
    const auto badParam = [] { ParamSet::parse("s", kSpecs, {{"n", "x"}}); };
    const auto badJson = [] { json::parse(R"({"a": 1, "a": 2})", "x"); };
    const auto badText = [] { tokenize("abc\xFF", TokenizerMode::Word); };
    EXPECT_EQ(errorOf(badParam), "s: parameter 'n' must be an integer in [1, 10], got 'x'");
    EXPECT_EQ(errorOf(badJson), "x: duplicate key 'a' at byte 9");
    EXPECT_EQ(errorOf(badText), "invalid UTF-8 at byte 3");
    StandInTranslator translator;
    EXPECT_EQ(errorOf(badParam), "\u00abs: parameter 'n' must be an integer in [1, 10], got 'x'\u00bb");
    EXPECT_EQ(errorOf(badJson), "\u00abx: duplicate key 'a' at byte 9\u00bb");
    EXPECT_EQ(errorOf(badText), "\u00abinvalid UTF-8 at byte 3\u00bb");
    EXPECT_EQ(errorOf([] {
                  ParamSet::parse("s", kSpecs, {{"m", "1"}});
              }),
              "\u00abs has no parameter 'm' (it takes: n)\u00bb");
}

// A translation may put the numbers in another order; the field stays a {field} for the front end.
TEST(ErrorLanguage, ATranslationReordersTheRangeAndKeepsTheField)
{
    const FieldError english = outOfRange("pool", 9000, 1, 8192);
    EXPECT_STREQ(english.what(), "pool must be between 1 and 8192, got 9000");
    StandInTranslator translator;
    const FieldError e = outOfRange("pool", 9000, 1, 8192);
    EXPECT_EQ(e.text(), "{pool}: 9000 \u2209 [1, 8192]");
    EXPECT_STREQ(e.what(), "pool: 9000 \u2209 [1, 8192]");
    EXPECT_EQ(e.render([](const std::string& f) { return "<" + f + ">"; }), "<pool>: 9000 \u2209 [1, 8192]");
    EXPECT_EQ(e.renderRange([](const std::string&) { return std::string("--pool"); }),
              "--pool: 9000 \u2209 [1, 8192]");
}
