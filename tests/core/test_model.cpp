#include "error.h"
#include "model.h"
#include "rng.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>

using namespace poslab;

namespace {

std::string validationError(const std::function<void(ModelConfig&)>& change)
{
    ModelConfig m;
    change(m);
    try {
        m.validate();
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

} // namespace

TEST(ModelConfig, DefaultsAndLimitsAreValid)
{
    EXPECT_NO_THROW(ModelConfig{}.validate());
    EXPECT_EQ(ModelConfig{}.headDim(), 16);
    EXPECT_EQ(validationError([](ModelConfig& m) { m.dModel = 1, m.heads = 1; }), "");
    EXPECT_EQ(validationError([](ModelConfig& m) { m.dModel = 4096, m.heads = 256; }), "");
    EXPECT_EQ(validationError([](ModelConfig& m) { m.lambda = 0.0; }), "");
    EXPECT_EQ(validationError([](ModelConfig& m) { m.lambda = 1.0; }), "");
    EXPECT_EQ(validationError([](ModelConfig& m) { m.temperature = 1000.0; }), "");
    EXPECT_EQ(validationError([](ModelConfig& m) { m.temperature = 1e-6; }), "");
}

TEST(ModelConfig, RejectsBadSizes)
{
    EXPECT_EQ(validationError([](ModelConfig& m) { m.dModel = 0; }),
              "d_model must be between 1 and 4096, got 0");
    EXPECT_EQ(validationError([](ModelConfig& m) { m.dModel = 8192; }),
              "d_model must be between 1 and 4096, got 8192");
    EXPECT_EQ(validationError([](ModelConfig& m) { m.heads = 0; }), "heads must be between 1 and 256, got 0");
    EXPECT_EQ(validationError([](ModelConfig& m) { m.heads = -2; }),
              "heads must be between 1 and 256, got -2");
    EXPECT_EQ(validationError([](ModelConfig& m) { m.dModel = 512, m.heads = 257; }),
              "heads must be between 1 and 256, got 257");
    EXPECT_EQ(validationError([](ModelConfig& m) { m.dModel = 10, m.heads = 4; }),
              "d_model 10 is not divisible by heads 4");
}

TEST(ModelConfig, RejectsBadLambdaAndTemperature)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    EXPECT_EQ(validationError([](ModelConfig& m) { m.lambda = -0.1; }),
              "lambda must be between 0 and 1, got -0.1");
    EXPECT_EQ(validationError([](ModelConfig& m) { m.lambda = 1.5; }),
              "lambda must be between 0 and 1, got 1.5");
    EXPECT_EQ(validationError([&](ModelConfig& m) { m.lambda = nan; }),
              "lambda must be between 0 and 1, got nan");
    const std::string t = "temperature must be between 1e-100 and 1000, got ";
    EXPECT_EQ(validationError([](ModelConfig& m) { m.temperature = 0.0; }), t + "0");
    EXPECT_EQ(validationError([](ModelConfig& m) { m.temperature = -2.0; }), t + "-2");
    EXPECT_EQ(validationError([](ModelConfig& m) { m.temperature = 1000.5; }), t + "1000.5");
    EXPECT_EQ(validationError([&](ModelConfig& m) { m.temperature = inf; }), t + "inf");
    EXPECT_EQ(validationError([&](ModelConfig& m) { m.temperature = nan; }), t + "nan");
}

TEST(Sequence, FromText)
{
    const Sequence seq = Sequence::fromText("the cat, the 猫", TokenizerMode::Word);
    EXPECT_TRUE(seq.hasContent);
    EXPECT_EQ(seq.size(), 5);
    EXPECT_EQ(seq.labels(), (std::vector<std::string>{"the", "cat", ",", "the", "猫"}));
    EXPECT_EQ(Sequence::fromText("ab c", TokenizerMode::Char).size(), 3);
}

TEST(Sequence, FromTextWithoutTokensThrows)
{
    for (const char* text : {"", "   ", "\t\n\u3000"}) {
        try {
            Sequence::fromText(text, TokenizerMode::Word);
            FAIL() << "expected an Error for '" << text << "'";
        } catch (const Error& e) {
            EXPECT_STREQ(e.what(), "the text has no tokens");
        }
    }
    EXPECT_THROW(Sequence::fromText("ok\xFF", TokenizerMode::Word), Error);
}

TEST(Sequence, Positions)
{
    const Sequence seq = Sequence::positions(3);
    EXPECT_FALSE(seq.hasContent);
    ASSERT_EQ(seq.size(), 3);
    for (const Token& t : seq.tokens) {
        EXPECT_TRUE(t.text.empty());
        EXPECT_EQ(t.begin, 0u);
        EXPECT_EQ(t.end, 0u);
    }
    EXPECT_EQ(seq.labels(), (std::vector<std::string>{"0", "1", "2"}));
    EXPECT_EQ(Sequence::positions(1).size(), 1);
    EXPECT_EQ(Sequence::positions(1'000'000).size(), 1'000'000);
}

TEST(Sequence, PositionsOutOfRangeThrows)
{
    auto message = [](int n) -> std::string {
        try {
            Sequence::positions(n);
        } catch (const Error& e) {
            return e.what();
        }
        return {};
    };
    EXPECT_EQ(message(0), "n must be at least 1, got 0");
    EXPECT_EQ(message(-5), "n must be at least 1, got -5");
    EXPECT_EQ(message(1'000'001), "n must be at most 1000000, got 1000001");
}

TEST(Content, TokenContentIsSeededAndPinned)
{
    const Eigen::VectorXd a = tokenContent("cat", 4, 0);
    ASSERT_EQ(a.size(), 4);
    EXPECT_EQ(a, tokenContent("cat", 4, 0));
    EXPECT_NE(a, tokenContent("cat", 4, 1));
    EXPECT_NE(a, tokenContent("dog", 4, 0));
    // The documented stream: N(0, 1) draws from stream(seed, "token:" + text).
    Rng rng = Rng::stream(0, "token:cat");
    for (int k = 0; k < 4; ++k)
        EXPECT_EQ(a(k), rng.normal()) << k;
    // Pinned so that saved sessions keep their numbers; a change here is a breaking change.
    const double pinned[] = {-2.7872955103690953, -0.52841185667901769, 0.38497892712014575,
                             -0.88564154057611677};
    for (int k = 0; k < 4; ++k)
        EXPECT_NEAR(a(k), pinned[k], 1e-12) << k;
    // A longer vector starts with the shorter one.
    EXPECT_EQ(tokenContent("cat", 8, 0).head(4), a);
}

TEST(Content, NeutralContentUsesItsOwnStream)
{
    const Eigen::VectorXd u = neutralContent(6, 3);
    Rng rng = Rng::stream(3, "neutral-content");
    for (int k = 0; k < 6; ++k)
        EXPECT_EQ(u(k), rng.normal());
    EXPECT_NE(u, neutralContent(6, 4));
}

TEST(Content, RepeatedWordsShareRows)
{
    ModelConfig model;
    model.dModel = 8;
    model.heads = 2;
    model.seed = 7;
    const Sequence seq = Sequence::fromText("the cat saw the dog", TokenizerMode::Word);
    const Eigen::MatrixXd e = contentVectors(seq, model);
    ASSERT_EQ(e.rows(), 5);
    ASSERT_EQ(e.cols(), 8);
    EXPECT_EQ(e.row(0), e.row(3));
    EXPECT_NE(e.row(1), e.row(2));
    EXPECT_NE(e.row(0), e.row(4));
    // λ = 1 by default: the rows are the token contents themselves.
    EXPECT_EQ(Eigen::VectorXd(e.row(1).transpose()), tokenContent("cat", 8, 7));
}

TEST(Content, LambdaMixesTokenAndNeutralContent)
{
    ModelConfig model;
    model.dModel = 4;
    model.heads = 1;
    model.seed = 11;
    const Sequence seq = Sequence::fromText("a b a", TokenizerMode::Word);
    const Eigen::VectorXd u = neutralContent(4, 11);

    model.lambda = 0.0;
    const Eigen::MatrixXd zero = contentVectors(seq, model);
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(Eigen::VectorXd(zero.row(i).transpose()), u) << i;

    model.lambda = 0.5;
    const Eigen::MatrixXd half = contentVectors(seq, model);
    const Eigen::VectorXd expectedA = 0.5 * tokenContent("a", 4, 11) + 0.5 * u;
    const Eigen::VectorXd expectedB = 0.5 * tokenContent("b", 4, 11) + 0.5 * u;
    EXPECT_EQ(Eigen::VectorXd(half.row(0).transpose()), expectedA);
    EXPECT_EQ(Eigen::VectorXd(half.row(1).transpose()), expectedB);
    EXPECT_EQ(Eigen::VectorXd(half.row(2).transpose()), expectedA);
}

TEST(Content, BarePositionsAllGetTheNeutralVector)
{
    ModelConfig model;
    model.dModel = 4;
    model.heads = 2;
    model.lambda = 0.8; // irrelevant without content
    const Eigen::MatrixXd e = contentVectors(Sequence::positions(3), model);
    ASSERT_EQ(e.rows(), 3);
    ASSERT_EQ(e.cols(), 4);
    const Eigen::VectorXd u = neutralContent(4, model.seed);
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(Eigen::VectorXd(e.row(i).transpose()), u) << i;
}

TEST(Projections, ShapesStreamsAndScale)
{
    ModelConfig model;
    model.dModel = 64;
    model.heads = 4;
    model.seed = 5;
    const Projections p = Projections::make(model);
    for (const Eigen::MatrixXd* w : {&p.wq, &p.wk, &p.wv}) {
        EXPECT_EQ(w->rows(), 64);
        EXPECT_EQ(w->cols(), 64);
        // Entries ~ N(0, 1/64): the sample standard deviation of 4096 draws is within 5% of 1/8.
        const double mean = w->mean();
        const double sd = std::sqrt((w->array() - mean).square().sum() / (w->size() - 1));
        EXPECT_NEAR(sd, 0.125, 0.125 * 0.05);
        EXPECT_NEAR(mean, 0.0, 0.01);
    }
    EXPECT_NE(p.wq, p.wk);
    EXPECT_NE(p.wq, p.wv);
    EXPECT_NE(p.wk, p.wv);
    EXPECT_EQ(p.wq, Rng::stream(5, "W_q").normalMatrix(64, 64, 0.125));
    EXPECT_EQ(p.wv, Rng::stream(5, "W_v").normalMatrix(64, 64, 0.125));
    EXPECT_EQ(Projections::make(model).wk, p.wk);
    model.seed = 6;
    EXPECT_NE(Projections::make(model).wq, p.wq);
}
