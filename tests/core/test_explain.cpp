// Worked examples: every number a walk shows must agree with the attention result it explains, and
// the walk's own arithmetic (terms → logit → softmax) must hold on the numbers it prints. A walk reads
// the oracle's own logit and probability, so those agree exactly; its arithmetic redone here in double
// (a handful of roundings, u = 1.1e-16, on numbers below ~100) agrees to 1e-12.

#include "error.h"
#include "explain.h"
#include "jsontext.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

using namespace poslab;

namespace {

ModelConfig config(bool causal = false)
{
    ModelConfig m;
    m.dModel = 16;
    m.heads = 2;
    m.causal = causal;
    m.seed = 3;
    return m;
}

const Quantity& find(const Walk& w, const std::string& name)
{
    for (const Step& s : w.steps)
        for (const auto* g : {&s.inputs, &s.results})
            for (const Quantity& q : *g)
                if (q.name == name)
                    return q;
    throw std::runtime_error("no quantity " + name);
}

double value(const Walk& w, const std::string& name) { return find(w, name).value(0, 0); }

const Step& step(const Walk& w, const std::string& title)
{
    for (const Step& s : w.steps)
        if (s.title == title)
            return s;
    throw std::runtime_error("no step " + title);
}

} // namespace

class EveryWalk : public ::testing::TestWithParam<const char*>
{
};

TEST_P(EveryWalk, EndsOnTheEngineNumbers)
{
    for (bool causal : {false, true}) {
        const auto scheme = makeScheme(GetParam(), {}, config(causal));
        const Sequence seq = Sequence::fromText("the cat sat on the warm mat today", TokenizerMode::Word);
        const AttentionResult r = referenceAttention(*scheme, seq);
        for (auto [i, j] : {std::pair{5, 1}, std::pair{2, 2}, std::pair{0, 7}, std::pair{7, 0}}) {
            const Walk w = explain(*scheme, seq, 1, i, j);
            EXPECT_EQ(w.logit, r.heads[1].logits(i, j)); // the same oracle, the same inputs
            EXPECT_EQ(w.prob, r.heads[1].probs(i, j));
            EXPECT_EQ(value(w, "Δ"), j - i);
            // The score step's own numbers: the listed terms add up to Σ terms, Σ / T is the logit.
            const Quantity& terms = find(w, "score terms");
            EXPECT_NEAR(terms.value.sum(), value(w, "Σ terms"), 1e-12);
            if (!(causal && j > i)) {
                EXPECT_NEAR(value(w, "Σ terms") / value(w, "T"), w.logit, 1e-12);
            }
            // The softmax step's own numbers give p_ij.
            const double expected =
                std::isinf(w.logit) ? 0.0 : std::exp(w.logit - value(w, "max_c logit_ic")) / value(w, "Σ_c exp(logit_ic − max)");
            EXPECT_NEAR(value(w, "p_ij"), expected, 1e-12);
            EXPECT_EQ(w.steps.front().cells.front(), (std::pair<int, int>{i, j}));
        }
    }
}

INSTANTIATE_TEST_SUITE_P(All, EveryWalk,
                         ::testing::Values("none", "sinusoidal", "learned", "shaw", "transformer-xl", "t5", "alibi",
                                           "rope", "deberta", "seed-linear", "kerple", "nope", "xpos"),
                         [](const auto& info) {
                             std::string s = info.param;
                             for (char& c : s)
                                 if (c == '-')
                                     c = '_';
                             return s;
                         });

TEST(Walks, T5ShowsTheBranchAndTheBucket)
{
    const auto scheme = makeScheme("t5", {}, config());
    const Sequence seq = Sequence::positions(40);
    // Δ = 20 (key after the query): upper half, logarithmic branch: 8 + ⌊log(20/8)/log(16)·8⌋ = 8 + 2 = 10 → 26.
    const Walk w = explain(*scheme, seq, 0, 3, 23);
    EXPECT_EQ(value(w, "bucket"), 26.0);
    EXPECT_EQ(value(w, "bucket"), static_cast<double>(scheme->bucket(3, 23)));
    EXPECT_NEAR(value(w, "log(n/max_exact)/log(max_distance/max_exact)·(buckets−max_exact)"),
                std::log(20.0 / 8) / std::log(16.0) * 8, 1e-12);
    EXPECT_NE(find(w, "direction").text.find("after the query"), std::string::npos);
    // Δ = −3: exact branch, bucket 3.
    const Walk near = explain(*scheme, seq, 0, 10, 7);
    EXPECT_EQ(value(near, "bucket"), 3.0);
    EXPECT_NE(find(near, "branch").text.find("exact"), std::string::npos);
    EXPECT_NEAR(value(near, "b[bucket, h]"), referenceAttention(*scheme, seq).heads[0].bias(10, 7), 1e-12);
}

TEST(Walks, RopeAngleOfTheOffsetAloneGivesTheScore)
{
    for (const char* layout : {"half", "interleaved"}) {
        const auto scheme = makeScheme("rope", {{"layout", layout}}, config());
        const Sequence seq = Sequence::fromText("a b c d e f g h i j", TokenizerMode::Word);
        const Walk w = explain(*scheme, seq, 1, 8, 3);
        EXPECT_NEAR(value(w, "q̃_i·k̃_j / √d"), value(w, "q_i·R(Δθ)k_j / √d (angle Δθ alone)"), 1e-12);
        EXPECT_NEAR(value(w, "q̃_i·k̃_j / √d"), w.logit, 1e-12);
        const Quantity& angles = find(w, "angles per pair");
        EXPECT_EQ(angles.value.rows(), 4);                                 // head_dim 8 → 4 pairs
        EXPECT_NEAR(angles.value(1, 0), std::pow(10000.0, -2.0 / 8), 1e-15);   // θ_1
        EXPECT_NEAR(angles.value(1, 3), -5 * angles.value(1, 0), 1e-12);     // Δ·θ_1, Δ = −5
    }
}

TEST(Walks, SchemeTermsMatchTheirNamedScoreTerms)
{
    const Sequence seq = Sequence::fromText("one two three four five six", TokenizerMode::Word);
    {
        const auto s = makeScheme("alibi", {}, config());
        const Walk w = explain(*s, seq, 1, 5, 1);
        EXPECT_EQ(value(w, "m_h"), 0.00390625);   // 2 heads: m_h = 2^(−8(h+1)/2), h = 1
        EXPECT_EQ(value(w, "bias"), -0.00390625 * 4);
    }
    {
        const auto s = makeScheme("shaw", {{"k", "2"}}, config());
        const Walk w = explain(*s, seq, 0, 5, 0);
        EXPECT_EQ(value(w, "clip(Δ, −k, k)"), -2.0);
        EXPECT_EQ(value(w, "index"), 0.0);
        EXPECT_NEAR(value(w, "q_i·a^K·(1/√d)"), find(w, "score terms").value(1, 0), 1e-12);
    }
    {
        const auto s = makeScheme("transformer-xl", {}, config());
        const Walk w = explain(*s, seq, 1, 2, 4);
        EXPECT_NEAR(value(w, "(a)") + value(w, "(b)") + value(w, "(c)") + value(w, "(d)"), w.logit, 1e-12);
    }
    {
        const auto s = makeScheme("deberta", {{"bucket_size", "4"}, {"max_position", "8"}}, config());
        const Walk w = explain(*s, seq, 1, 0, 5);
        EXPECT_EQ(value(w, "bucket(Δ) (PosLab's sign)"), static_cast<double>(s->bucket(0, 5)));
        EXPECT_EQ(value(w, "δ"), -value(w, "bucket(Δ) (PosLab's sign)"));
        const Quantity& terms = find(w, "score terms");
        EXPECT_NEAR(value(w, "c2p"), terms.value(1, 0), 1e-12);
        EXPECT_NEAR(value(w, "p2c"), terms.value(2, 0), 1e-12);
    }
}

TEST(Walks, OutOfRangeIsAnError)
{
    const auto s = makeScheme("alibi", {}, config());
    const Sequence seq = Sequence::positions(4);
    EXPECT_THROW(explain(*s, seq, 0, 4, 0), Error);
    EXPECT_THROW(explain(*s, seq, 0, 0, -1), Error);
    EXPECT_THROW(explain(*s, seq, 2, 0, 0), Error);
}

TEST(SeedWalk, ReproducesTheArticleAndFlagsWhereItBreaks)
{
    const Walk w = seedArticleWalk();
    EXPECT_EQ(w.i, 1);
    EXPECT_EQ(w.j, 4);
    EXPECT_EQ(value(w, "Δ"), 3.0);
    const Quantity& emb = find(w, "Linear(3) + Bias (as stated)");
    EXPECT_EQ(emb.value.cols(), 3);
    EXPECT_DOUBLE_EQ(emb.value(0, 2), 0.6);
    // Each inconsistency of the issue is a flagged step with a correction beside it.
    for (const char* title : {"Δ-embedding", "Relative positional encoding", "The code's offsets", "The code's Linear",
                              "The code's sum"}) {
        EXPECT_TRUE(step(w, title).flagged) << title;
        EXPECT_FALSE(step(w, title).correction.empty()) << title;
    }
    EXPECT_FALSE(step(w, "Offset").flagged);
    // The stated sum vs what zero-padding gives: they differ in entries 3 and 4.
    const Quantity& stated = find(w, "RPE (as stated)");
    const Quantity& padded = find(w, "RPE with the embedding zero-padded to 6");
    EXPECT_DOUBLE_EQ(padded.value(0, 1), 1.4);
    EXPECT_DOUBLE_EQ(padded.value(0, 3), 3.0);
    EXPECT_DOUBLE_EQ(stated.value(0, 3), 3.6);
    // The code's offset at (1, 4) is (1 + 1) − 4 = −2, not 3.
    EXPECT_EQ(value(w, "code at (1, 4)"), -2.0);
    EXPECT_EQ(value(w, "text at (1, 4)"), 3.0);
}

// The article as the test reads it: tests/core/data/seed-article.txt, a byte-for-byte copy (data/README.md).
std::string seedArticle()
{
    std::ifstream in(POSLAB_TEST_DATA "/seed-article.txt", std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::string> quoteLines(const std::string& quote)
{
    std::vector<std::string> lines;
    std::stringstream in(quote);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

TEST(SeedWalk, QuotesAreTheArticlesOwnLines)
{
    const std::string article = seedArticle();
    ASSERT_GT(article.size(), 20000u) << "tests/core/data/seed-article.txt is missing or cut short";
    const Walk w = seedArticleWalk();
    bool han = false;
    for (const Step& s : w.steps) {
        ASSERT_FALSE(s.quote.empty()) << s.title << " quotes nothing";
        for (const std::string& line : quoteLines(s.quote)) {
            EXPECT_GE(line.size(), 12u) << s.title << ": \"" << line << "\" is too short to pin a place";
            EXPECT_NE(article.find(line), std::string::npos) << s.title << ": not in the article: " << line;
            han = han || line.find("相对位置") != std::string::npos;
        }
    }
    EXPECT_TRUE(han) << "the quotes include the article's Chinese sentences, not only its formulas";
    // The step that reproduces Δ_1 = 4 − 1 = 3 quotes that line; the code's offsets quote the code's line.
    EXPECT_NE(step(w, "Offset").quote.find("\\Delta_1 = 4 - 1 = 3"), std::string::npos);
    EXPECT_NE(step(w, "The code's offsets").quote.find("torch.arange(1, max_len+1)"), std::string::npos);
    EXPECT_NE(step(w, "The code's sum").quote.find("attn_mask[self.max_len-self.max_len:] = 1"), std::string::npos);
}

TEST(SeedWalk, EveryFormatShowsTheQuotes)
{
    const Walk w = seedArticleWalk();
    const std::string md = formatWalk(w, WalkFormat::Markdown);
    const std::string text = formatWalk(w, WalkFormat::Text);
    const std::string json = formatWalk(w, WalkFormat::Json);
    for (const Step& s : w.steps) {
        const auto lines = quoteLines(s.quote);
        // Markdown: a blockquote; a formula or code line (ASCII only) is set as code.
        const auto markdown = [](const std::string& line) {
            const bool ascii = std::all_of(line.begin(), line.end(), [](char c) { return (c & 0x80) == 0; });
            return ascii ? "`" + line + "`" : line;
        };
        EXPECT_NE(md.find("> Article: " + markdown(lines[0]) + "\n"), std::string::npos) << lines[0];
        for (std::size_t k = 1; k < lines.size(); ++k)
            EXPECT_NE(md.find(">\n> " + markdown(lines[k]) + "\n"), std::string::npos) << lines[k];
        EXPECT_NE(text.find("> Article: " + lines[0] + "\n"), std::string::npos) << lines[0];
        for (std::size_t k = 1; k < lines.size(); ++k)
            EXPECT_NE(text.find("   > " + lines[k] + "\n"), std::string::npos) << lines[k];
        EXPECT_NE(json.find(jsonString(s.quote)), std::string::npos) << s.title;
    }
    // Only the seed walk quotes: an ordinary walk has no quote key.
    const auto alibi = makeScheme("alibi", {}, config());
    const Walk plain = explain(*alibi, Sequence::positions(4), 0, 2, 1);
    for (const Step& s : plain.steps)
        EXPECT_TRUE(s.quote.empty()) << s.title;
    EXPECT_EQ(formatWalk(plain, WalkFormat::Json).find("\"quote\""), std::string::npos);
    EXPECT_EQ(formatWalk(plain, WalkFormat::Markdown).find("> Article:"), std::string::npos);
}

TEST(WalkFormat, MarkdownMatchesTheGoldenFile)
{
    ModelConfig m;
    m.dModel = 8;
    m.heads = 2;
    m.seed = 1;
    const auto s = makeScheme("alibi", {}, m);
    const Walk w = explain(*s, Sequence::fromText("the cat sat", TokenizerMode::Word), 1, 2, 0);
    const std::string md = formatWalk(w, WalkFormat::Markdown);
    const char* path = POSLAB_TEST_DATA "/explain_alibi.md";
    if (std::getenv("POSLAB_UPDATE_GOLDEN"))
        std::ofstream(path, std::ios::binary) << md;
    std::ifstream in(path, std::ios::binary);
    ASSERT_TRUE(in) << "missing golden file";
    std::stringstream golden;
    golden << in.rdbuf();
    EXPECT_EQ(md, golden.str()) << "to refresh: poslab-cli explain --scheme alibi --text \"the cat sat\" --d-model 8 "
                                   "--heads 2 --seed 1 --head 1 --i 2 --j 0 --format markdown";
}

TEST(WalkFormat, JsonAndTextCarryTheNumbers)
{
    const Walk w = seedArticleWalk();
    const std::string json = formatWalk(w, WalkFormat::Json);
    EXPECT_NE(json.find("\"flagged\":true"), std::string::npos);
    EXPECT_NE(json.find("[0.2,0.4,0.6]"), std::string::npos);
    EXPECT_EQ(json.back(), '\n');
    const std::string text = formatWalk(w, WalkFormat::Text);
    EXPECT_NE(text.find("[does not add up]"), std::string::npos);
    EXPECT_NE(text.find("(0.2, 1.4, 2.6, 3.6, 4.6, 5)"), std::string::npos);
    EXPECT_THROW(parseWalkFormat("html"), Error);
}
