// `poslab-cli explain`: the walk ends on the numbers `compute` prints for the same settings.

#include "clitest.h"

#include "boundcheck.h"

#include <cmath>

using namespace poslab::test;

namespace {

const std::vector<std::string> kModel = {"--text", "the cat sat on the mat", "--d-model", "16", "--heads", "2",
                                         "--seed", "5"};

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more)
{
    args.insert(args.end(), more.begin(), more.end());
    return args;
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
