// The strict JSON reader (core/jsonparse.h) that reads other programs' files: exact integers to
// 2⁶⁴ − 1, duplicate keys and bad UTF-8 refused with the byte where they are, bounded nesting.

#include "error.h"
#include "jsonparse.h"

#include <limits>
#include <string>

#include <gtest/gtest.h>

using namespace poslab;

namespace {

std::string errorOf(const std::string& text)
{
    try {
        json::parse(text, "x");
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST(JsonParse, ValuesAndExactIntegers)
{
    const json::Value v = json::parse(
        R"( {"a": [1, 18446744073709551615, 18446744073709551616, 1.0, -0, 1e3, "\u00e9\ud83d\ude00"], "b": {"c": null, "d": true}} )",
        "x");
    ASSERT_TRUE(v.isObject());
    const json::Value* a = v.find("a");
    ASSERT_TRUE(a && a->kind == json::Value::Kind::Array && a->items.size() == 7);
    EXPECT_EQ(a->items[0].asUnsigned(), 1u);
    EXPECT_EQ(a->items[1].asUnsigned(), std::numeric_limits<std::uint64_t>::max());
    EXPECT_FALSE(a->items[2].asUnsigned()); // 2⁶⁴
    EXPECT_FALSE(a->items[3].asUnsigned()); // "1.0" is not written as an integer
    EXPECT_FALSE(a->items[4].asUnsigned());
    EXPECT_FALSE(a->items[5].asUnsigned());
    EXPECT_EQ(a->items[5].asDouble(), 1000.0);
    EXPECT_EQ(a->items[6].text, "\xc3\xa9\xf0\x9f\x98\x80"); // é and U+1F600 from a surrogate pair
    EXPECT_EQ(v.find("b")->find("d")->boolean, true);
    EXPECT_EQ(v.find("b")->find("c")->kind, json::Value::Kind::Null);
    EXPECT_EQ(v.find("zz"), nullptr);
}

TEST(JsonParse, EveryFaultSaysWhatAndWhere)
{
    EXPECT_EQ(errorOf(R"({"a": 1, "a": 2})"), "x: duplicate key 'a' at byte 9");
    EXPECT_EQ(errorOf("{\"\xc0\xaf\": 1}"), "x: invalid UTF-8 at byte 2");       // overlong '/'
    EXPECT_EQ(errorOf("[\"\xed\xa0\x80\"]"), "x: invalid UTF-8 at byte 2");      // a surrogate in UTF-8
    EXPECT_EQ(errorOf(R"(["\ud800"])"), "x: a lone high surrogate at byte 8");
    EXPECT_EQ(errorOf(R"(["\udc00"])"), "x: a lone low surrogate at byte 8");
    EXPECT_EQ(errorOf("[\"a\nb\"]"), "x: a control character inside a string at byte 3");
    EXPECT_EQ(errorOf("{} x"), "x: unexpected text after the JSON value at byte 3");
    EXPECT_EQ(errorOf("[01]"), "x: expected ']' at byte 2");
    EXPECT_EQ(errorOf("[1.]"), "x: a number needs digits after its point at byte 3");
    EXPECT_EQ(errorOf("[tru]"), "x: not a JSON value at byte 1");
    EXPECT_EQ(errorOf(""), "x: the text ends where a value should be at byte 0");
    EXPECT_EQ(errorOf("{\"a\" 1}"), "x: expected ':' at byte 5");
    const std::string deep64 = std::string(64, '[') + std::string(64, ']');
    EXPECT_EQ(errorOf(deep64), "");
    const std::string deep65 = std::string(65, '[') + std::string(65, ']');
    EXPECT_EQ(errorOf(deep65), "x: nested deeper than 64 levels at byte 64");
}
