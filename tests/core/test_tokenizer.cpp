#include "error.h"
#include "tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace poslab;

namespace {

std::vector<std::string> texts(std::string_view s, TokenizerMode mode = TokenizerMode::Word)
{
    std::vector<std::string> out;
    for (const Token& t : tokenize(s, mode))
        out.push_back(t.text);
    return out;
}

std::vector<std::string> chars(std::string_view s)
{
    return texts(s, TokenizerMode::Char);
}

using Strings = std::vector<std::string>;

// The message of the Error that tokenizing s throws, or "" when it does not throw.
std::string errorOf(std::string_view s, TokenizerMode mode = TokenizerMode::Word)
{
    try {
        tokenize(s, mode);
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

} // namespace

TEST(Tokenizer, AsciiSentenceWithPunctuation)
{
    EXPECT_EQ(texts("The cat sat, didn't it?"), (Strings{"The", "cat", "sat", ",", "didn't", "it", "?"}));
}

TEST(Tokenizer, ByteOffsetsAndTextMatchTheInput)
{
    const std::string s = "The cat sat, didn't it?";
    const std::vector<Token> tokens = tokenize(s, TokenizerMode::Word);
    const std::vector<std::pair<std::size_t, std::size_t>> expected = {{0, 3},   {4, 7},   {8, 11}, {11, 12},
                                                                       {13, 19}, {20, 22}, {22, 23}};
    ASSERT_EQ(tokens.size(), expected.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        EXPECT_EQ(tokens[i].begin, expected[i].first) << i;
        EXPECT_EQ(tokens[i].end, expected[i].second) << i;
        EXPECT_EQ(tokens[i].text, s.substr(tokens[i].begin, tokens[i].end - tokens[i].begin));
    }
}

TEST(Tokenizer, MultiByteOffsets)
{
    // 注 意 力 are 3 bytes each, then a space.
    const std::vector<Token> tokens = tokenize("注意力 机制", TokenizerMode::Word);
    ASSERT_EQ(tokens.size(), 5u);
    EXPECT_EQ(tokens[2].begin, 6u);
    EXPECT_EQ(tokens[2].end, 9u);
    EXPECT_EQ(tokens[3].begin, 10u);
    EXPECT_EQ(tokens[4].end, 16u);
}

TEST(Tokenizer, ChineseIsOneTokenPerCharacter)
{
    const Strings expected{"注", "意", "力", "机", "制"};
    EXPECT_EQ(texts("注意力 机制"), expected);
    EXPECT_EQ(texts("注意力机制"), expected);
    EXPECT_EQ(texts("你好，世界！"), (Strings{"你", "好", "，", "世", "界", "！"}));
}

TEST(Tokenizer, LatinWordNextToChinese)
{
    // The hyphen sits between two word characters; 的 is CJK and ends the word.
    EXPECT_EQ(texts("GPT-4的注意力"), (Strings{"GPT-4", "的", "注", "意", "力"}));
    EXPECT_EQ(texts("用Eigen计算"), (Strings{"用", "Eigen", "计", "算"}));
}

TEST(Tokenizer, JapaneseKana)
{
    EXPECT_EQ(texts("こんにちは、世界。"), (Strings{"こ", "ん", "に", "ち", "は", "、", "世", "界", "。"}));
    EXPECT_EQ(texts("カタカナ「ｶﾅ」"), (Strings{"カ", "タ", "カ", "ナ", "「", "ｶ", "ﾅ", "」"}));
}

TEST(Tokenizer, KoreanSplitsOnSpacesOnly)
{
    EXPECT_EQ(texts("안녕하세요 세계!"), (Strings{"안녕하세요", "세계", "!"}));
    EXPECT_EQ(chars("세계"), (Strings{"세", "계"}));
}

TEST(Tokenizer, OtherScripts)
{
    EXPECT_EQ(texts("Привет, мир"), (Strings{"Привет", ",", "мир"}));
    EXPECT_EQ(texts("naïve Ελληνικά"), (Strings{"naïve", "Ελληνικά"}));
    EXPECT_EQ(texts("مرحبا، عالم؟"), (Strings{"مرحبا", "،", "عالم", "؟"}));
    EXPECT_EQ(texts("नमस्ते दुनिया।"), (Strings{"नमस्ते", "दुनिया", "।"}));
    EXPECT_EQ(chars("नमस्ते"), (Strings{"न", "म", "स्", "ते"}));
}

TEST(Tokenizer, Emoji)
{
    EXPECT_EQ(texts("hi😀there"), (Strings{"hi", "😀", "there"}));
    // ❤ plus variation selector FE0F is one character.
    EXPECT_EQ(texts("I ❤️ 🐈!"), (Strings{"I", "❤️", "🐈", "!"}));
    const std::string family = "👨\u200D👩\u200D👧";
    EXPECT_EQ(texts(family), Strings{family});
    EXPECT_EQ(chars(family + "👍🏽"), (Strings{family, "👍🏽"}));
    EXPECT_EQ(chars("🇫🇷🇩🇪"), (Strings{"🇫🇷", "🇩🇪"}));
}

TEST(Tokenizer, CombiningMarksAttachInWordMode)
{
    EXPECT_EQ(texts("cafe\u0301 noir"), (Strings{"cafe\u0301", "noir"}));
    EXPECT_EQ(texts("!\u0301x"), (Strings{"!\u0301", "x"}));
    // Nothing to attach to: the mark stands alone.
    EXPECT_EQ(texts("\u0301"), Strings{"\u0301"});
}

TEST(Tokenizer, CharModePrecomposedAndDecomposed)
{
    const std::vector<Token> pre = tokenize("h\u00E9llo", TokenizerMode::Char);
    ASSERT_EQ(pre.size(), 5u);
    EXPECT_EQ(pre[1].text, "\u00E9");
    EXPECT_EQ(pre[1].begin, 1u);
    EXPECT_EQ(pre[1].end, 3u);
    EXPECT_EQ(pre[2].begin, 3u);

    const std::vector<Token> dec = tokenize("he\u0301llo", TokenizerMode::Char);
    ASSERT_EQ(dec.size(), 5u);
    EXPECT_EQ(dec[1].text, "e\u0301");
    EXPECT_EQ(dec[1].begin, 1u);
    EXPECT_EQ(dec[1].end, 4u);
    EXPECT_EQ(chars("he\u0301llo"), (Strings{"h", "e\u0301", "l", "l", "o"}));
}

TEST(Tokenizer, CharModeSkipsWhitespaceAndKeepsPunctuation)
{
    EXPECT_EQ(chars("a b,\t注\n"), (Strings{"a", "b", ",", "注"}));
}

TEST(Tokenizer, ApostrophesAndHyphensInsideWords)
{
    EXPECT_EQ(texts("'hello'"), (Strings{"'", "hello", "'"}));
    EXPECT_EQ(texts("state-of-the-art"), Strings{"state-of-the-art"});
    EXPECT_EQ(texts("rock\u2019n\u2019roll"), Strings{"rock\u2019n\u2019roll"});
    EXPECT_EQ(texts("dogs' toys"), (Strings{"dogs", "'", "toys"}));
    EXPECT_EQ(texts("x--y"), (Strings{"x", "-", "-", "y"}));
    EXPECT_EQ(texts("-5 - 3"), (Strings{"-", "5", "-", "3"}));
    EXPECT_EQ(texts("a -b"), (Strings{"a", "-", "b"}));
}

TEST(Tokenizer, SymbolsAndWordCharacters)
{
    EXPECT_EQ(texts("a+b=c_d"), (Strings{"a", "+", "b", "=", "c_d"}));
    EXPECT_EQ(texts("\u20AC5 \u2192 10\u00D7 100%"),
              (Strings{"\u20AC", "5", "\u2192", "10", "\u00D7", "100", "%"}));
    EXPECT_EQ(texts("\u00BFQu\u00E9?"), (Strings{"\u00BF", "Qu\u00E9", "?"}));
    EXPECT_EQ(texts("5\u00B5s"), Strings{"5\u00B5s"});
    EXPECT_EQ(texts("ＡＢＣ１２３，ｘ！"), (Strings{"ＡＢＣ１２３", "，", "ｘ", "！"}));
}

TEST(Tokenizer, UnicodeWhitespaceSeparates)
{
    EXPECT_EQ(texts("a\u00A0b\u3000c\u200Bd\uFEFFe\u2028f\u0085g"),
              (Strings{"a", "b", "c", "d", "e", "f", "g"}));
    EXPECT_EQ(chars("\uFEFFx"), Strings{"x"});
    // Invisible format characters never make a token: controls separate, a soft hyphen attaches.
    EXPECT_EQ(texts("a\x01"
                    "b"),
              (Strings{"a", "b"}));
    EXPECT_EQ(texts("hyph\u00ADen"), Strings{"hyph\u00ADen"});
}

TEST(Tokenizer, EmptyAndWhitespaceOnlyGiveNoTokens)
{
    EXPECT_TRUE(tokenize("", TokenizerMode::Word).empty());
    EXPECT_TRUE(tokenize("", TokenizerMode::Char).empty());
    EXPECT_TRUE(tokenize(" \t\r\n\v\f\u3000\u00A0\u200B", TokenizerMode::Word).empty());
    EXPECT_TRUE(tokenize(" \t\r\n\v\f\u3000\u00A0\u200B", TokenizerMode::Char).empty());
}

TEST(Tokenizer, InvalidUtf8NamesTheByteOffset)
{
    struct Case
    {
        std::string bytes;
        const char* message;
    };
    const std::vector<Case> cases = {
        {"abc\xFF", "invalid UTF-8 at byte 3"},                 // bad lead byte
        {"ok \x80", "invalid UTF-8 at byte 3"},                 // stray continuation byte
        {"ab\xC3", "invalid UTF-8 at byte 2"},                  // truncated at the end
        {"a\xE6\xB3x", "invalid UTF-8 at byte 1"},              // truncated before an ASCII byte
        {"\xC0\xAF", "invalid UTF-8 at byte 0"},                // overlong '/'
        {"xx\xE0\x80\xAF", "invalid UTF-8 at byte 2"},          // overlong 3-byte
        {"\xF0\x82\x82\xAC", "invalid UTF-8 at byte 0"},        // overlong 4-byte
        {"hello\xED\xA0\x80", "invalid UTF-8 at byte 5"},       // surrogate U+D800
        {"\xF4\x90\x80\x80", "invalid UTF-8 at byte 0"},        // U+110000
        {"\xF5\x80\x80\x80", "invalid UTF-8 at byte 0"},        // lead byte beyond U+10FFFF
        {"\xE2\x82\xAC\xF0\x9F\x98", "invalid UTF-8 at byte 3"} // € then a truncated emoji
    };
    for (const Case& c : cases) {
        EXPECT_EQ(errorOf(c.bytes), c.message);
        EXPECT_EQ(errorOf(c.bytes, TokenizerMode::Char), c.message);
    }
    // The edges of the valid range still decode.
    EXPECT_EQ(texts("\xF4\x8F\xBF\xBF").size(), 1u);
    EXPECT_EQ(texts("\xED\x9F\xBF").size(), 1u);
}

TEST(Tokenizer, ModeNames)
{
    EXPECT_EQ(parseTokenizerMode("word"), TokenizerMode::Word);
    EXPECT_EQ(parseTokenizerMode("char"), TokenizerMode::Char);
    EXPECT_EQ(tokenizerModeName(TokenizerMode::Word), "word");
    EXPECT_EQ(tokenizerModeName(TokenizerMode::Char), "char");
    try {
        parseTokenizerMode("bpe");
        FAIL() << "expected an Error";
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(), "unknown tokenizer 'bpe' (use word or char)");
    }
    EXPECT_THROW(parseTokenizerMode("Word"), Error);
}
