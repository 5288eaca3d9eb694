// `poslab-cli explain`: the walk ends on the numbers `compute` prints for the same settings.

#include "clitest.h"

#include "boundcheck.h"

#include <explain.h>

#include <cmath>
#include <sstream>

using namespace poslab::test;

namespace {

const std::vector<std::string> kModel = {"--text", "the cat sat on the mat", "--d-model", "16", "--heads", "2",
                                         "--seed", "5"};

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more)
{
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

// Every number of a text, in order ("−2" and "-2" alike: the sign is not part of it): digits, then
// ".digits" and "e±digits" when they follow whole. (A scanner, not std::regex, whose inlined code
// gcc 12 at -O1 under ASan flags as maybe-uninitialized.)
std::vector<std::string> numbers(const std::string& text)
{
    const auto digit = [&](std::size_t k) { return k < text.size() && text[k] >= '0' && text[k] <= '9'; };
    const auto digitsFrom = [&](std::size_t k) {
        while (digit(k))
            ++k;
        return k;
    };
    std::vector<std::string> found;
    std::size_t k = 0;
    while (k < text.size()) {
        if (!digit(k)) {
            ++k;
            continue;
        }
        std::size_t end = digitsFrom(k);
        if (end < text.size() && text[end] == '.' && digit(end + 1)) end = digitsFrom(end + 1);
        if (end + 1 < text.size() && text[end] == 'e' && (text[end + 1] == '+' || text[end + 1] == '-') &&
            digit(end + 2))
            end = digitsFrom(end + 2);
        found.push_back(text.substr(k, end - k));
        k = end;
    }
    return found;
}

bool hasHan(const std::string& text)
{
    for (std::size_t k = 0; k + 2 < text.size(); ++k) {
        const auto b = static_cast<unsigned char>(text[k]);
        if (b >= 0xE4 && b <= 0xE9) return true; // U+4E00 … U+9FFF in UTF-8
    }
    return false;
}

// The "## k. title" headings of a Markdown walk.
std::vector<std::string> stepTitles(const std::string& md)
{
    std::vector<std::string> titles;
    std::istringstream in(md);
    for (std::string line; std::getline(in, line);)
        if (line.rfind("## ", 0) == 0) titles.push_back(line.substr(line.find(". ") + 2));
    return titles;
}

// The same walk in two languages: the same tree, the same numbers, keys in English; only words differ.
void expectSameNumbers(const JsonValue& en, const JsonValue& zh, const std::string& where)
{
    ASSERT_EQ(en.type, zh.type) << where;
    switch (en.type) {
    case JsonValue::Type::Number: EXPECT_EQ(en.text, zh.text) << where; break;
    case JsonValue::Type::Bool: EXPECT_EQ(en.boolean, zh.boolean) << where; break;
    case JsonValue::Type::Array:
        ASSERT_EQ(en.items.size(), zh.items.size()) << where;
        for (std::size_t k = 0; k < en.items.size(); ++k)
            expectSameNumbers(en.items[k], zh.items[k], where + "[" + std::to_string(k) + "]");
        break;
    case JsonValue::Type::Object:
        ASSERT_EQ(en.keys(), zh.keys()) << where;
        for (std::size_t k = 0; k < en.members.size(); ++k)
            expectSameNumbers(en.members[k].second, zh.members[k].second, where + "." + en.members[k].first);
        break;
    default: break;
    }
}

} // namespace

TEST(CliExplain, JsonEndsOnComputeProbsAndLogits)
{
    for (const char* scheme : {"t5", "rope", "deberta", "shaw", "alibi", "sinusoidal", "seed-linear", "transformer-xl", "kerple", "xpos"}) {
        // explain walks the oracle's numbers: compare with the reference engine, both in double,
        // within the double bound of each (attentionbound.h, the same model in process)
        const auto probs = csvOf(
            with({"compute", "--scheme", scheme, "--what", "probs", "--head", "1", "--engine", "reference"}, kModel));
        const auto logits = csvOf(
            with({"compute", "--scheme", scheme, "--what", "logits", "--head", "1", "--engine", "reference"}, kModel));
        const JsonValue walk = parseJson(
            succeed(with({"explain", "--scheme", scheme, "--i", "4", "--j", "1", "--head", "1", "--format", "json"}, kModel))
                .out);
        EXPECT_EQ(walk["scheme"].text, scheme);
        poslab::ModelConfig model;
        model.dModel = 16;
        model.heads = 2;
        model.seed = 5;
        const auto s = poslab::makeScheme(scheme, {}, model);
        const poslab::Sequence seq =
            poslab::Sequence::fromText("the cat sat on the mat", poslab::TokenizerMode::Word);
        const poslab::AttentionResult oracle = poslab::referenceAttention(*s, seq);
        BoundOptions f64;
        f64.arith = Arith::F64;
        const HeadBound bound = agreementBound(poslab::makePlan(*s, seq), 1, oracle.heads[1], f64);
        expectWithin(Eigen::MatrixXd::Constant(1, 1, walk["prob"].number),
                     Eigen::MatrixXd::Constant(1, 1, probs[4][1]), bound.probs.block(4, 1, 1, 1),
                     std::string(scheme) + " p_41");
        expectWithin(Eigen::MatrixXd::Constant(1, 1, walk["logit"].number),
                     Eigen::MatrixXd::Constant(1, 1, logits[4][1]), bound.logits.block(4, 1, 1, 1),
                     std::string(scheme) + " logit_41");
        EXPECT_GE(walk["steps"].size(), 5u);
    }
}

TEST(CliExplain, SeedArticleMarkdown)
{
    const std::string md = succeed({"explain", "--seed-article", "--format", "markdown"}).out;
    EXPECT_EQ(md.rfind("# Seed article", 0), 0u);
    EXPECT_NE(md.find("| Δ | 3 |"), std::string::npos);
    EXPECT_NE(md.find("**Does not add up.**"), std::string::npos);
}

#ifdef POSLAB_CLI_TRANSLATED
// Issue 16: the seed walk in Chinese for lecture notes: Chinese titles, the article's own lines quoted
// verbatim in both languages, and not one number changed.
TEST(CliExplain, SeedArticleInChineseKeepsEveryNumber)
{
    const std::string en = succeed({"explain", "--seed-article", "--format", "markdown", "--lang", "en"}).out;
    const std::string zh = succeed({"explain", "--seed-article", "--format", "markdown", "--lang", "zh_CN"}).out;
    EXPECT_EQ(en, succeed({"explain", "--seed-article", "--format", "markdown"}).out); // English by default
    EXPECT_NE(zh, en);
    const auto zhTitles = stepTitles(zh), enTitles = stepTitles(en);
    ASSERT_EQ(zhTitles.size(), 7u);
    ASSERT_EQ(enTitles.size(), zhTitles.size());
    EXPECT_EQ(zhTitles[0], "偏移");
    EXPECT_EQ(zhTitles[2], "相对位置编码");
    for (std::size_t k = 0; k < zhTitles.size(); ++k) {
        EXPECT_TRUE(hasHan(zhTitles[k])) << zhTitles[k];
        EXPECT_NE(zhTitles[k], enTitles[k]);
    }
    EXPECT_NE(zh.find("> **此处对不上。**"), std::string::npos);
    // The article's lines, verbatim in both, under a translated label.
    EXPECT_NE(zh.find("> 原文：对于位置1和位置4，计算相对位置差异："), std::string::npos);
    EXPECT_NE(en.find("> Article: 对于位置1和位置4，计算相对位置差异："), std::string::npos);
    for (const poslab::Step& step : poslab::seedArticleWalk().steps) {
        ASSERT_FALSE(step.quote.empty()) << step.title;
        std::istringstream lines(step.quote);
        for (std::string line; std::getline(lines, line);) {
            EXPECT_NE(zh.find(line), std::string::npos) << line;
            EXPECT_NE(en.find(line), std::string::npos) << line;
        }
    }
    // Exactly the same numbers, in the same order (prose, formulas, tables and quotes).
    const auto enNumbers = numbers(en), zhNumbers = numbers(zh);
    EXPECT_GT(enNumbers.size(), 150u);
    EXPECT_EQ(zhNumbers, enNumbers);
}

TEST(CliExplain, JsonInChineseKeepsKeysAndNumbers)
{
    for (const std::vector<std::string>& walk :
         std::vector<std::vector<std::string>>{{"explain", "--seed-article"},
                                               with({"explain", "--scheme", "t5", "--i", "4", "--j", "1"}, kModel),
                                               with({"explain", "--scheme", "rope", "--i", "2", "--j", "5"}, kModel),
                                               with({"explain", "--scheme", "fire", "--i", "4", "--j", "1"}, kModel)}) {
        const JsonValue en = parseJson(succeed(with(walk, {"--format", "json", "--lang", "en"})).out);
        const JsonValue zh = parseJson(succeed(with(walk, {"--format", "json", "--lang", "zh_CN"})).out);
        expectSameNumbers(en, zh, joined(walk));
        EXPECT_EQ(zh.keys(), (std::vector<std::string>{"title", "scheme", "head", "i", "j", "logit", "prob", "steps"}));
        EXPECT_EQ(zh["scheme"].text, en["scheme"].text);
        EXPECT_TRUE(hasHan(zh["steps"][0]["title"].text)) << zh["steps"][0]["title"].text;
        EXPECT_TRUE(hasHan(zh["title"].text)) << zh["title"].text;
    }
    const JsonValue seed = parseJson(succeed({"explain", "--seed-article", "--format", "json", "--lang", "zh_CN"}).out);
    EXPECT_EQ(seed["steps"][0]["quote"].text, poslab::seedArticleWalk().steps[0].quote);
}
#endif

TEST(CliExplain, BadInputIsOneLine)
{
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"explain", "--scheme", "alibi", "--n", "3", "--i", "3", "--j", "0"},
             {"explain", "--scheme", "alibi", "--n", "3", "--i", "0"},
             {"explain", "--scheme", "alibi", "--n", "3", "--i", "0", "--j", "0", "--format", "html"},
             {"explain", "--seed-article", "--scheme", "t5"}}) {
        const CliResult r = runCli(args);
        EXPECT_EQ(r.exitCode, 2) << joined(args);
        EXPECT_EQ(lines(r.err).size(), 1u) << r.err;
        EXPECT_EQ(r.err.rfind("poslab-cli: error:", 0), 0u) << r.err;
    }
}
