// poslab-cli and the attention engines: --engine, --dtype, --threads, --pool, and bench.

#include "clitest.h"

#include <cmath>

using namespace poslab::test;

namespace {

double relDiff(const Matrix& a, const Matrix& b)
{
    double num = 0, den = 0;
    for (std::size_t i = 0; i < b.size(); ++i)
        for (std::size_t j = 0; j < b[i].size(); ++j) {
            num += (a[i][j] - b[i][j]) * (a[i][j] - b[i][j]);
            den += b[i][j] * b[i][j];
        }
    return std::sqrt(num / den);
}

void expectOneLineError(const std::vector<std::string>& args, const std::string& needle)
{
    const CliResult r = runCli(args);
    EXPECT_EQ(r.exitCode, 2) << joined(args);
    EXPECT_EQ(lines(r.err).size(), 1u) << r.err;
    EXPECT_NE(r.err.find(needle), std::string::npos) << joined(args) << "\nstderr: " << r.err;
}

TEST(CliEngine, OneDnnAgreesWithReference)
{
    for (const char* scheme : {"t5", "rope", "transformer-xl"})
        for (const char* what : {"probs", "bias"}) {
            const std::vector<std::string> base = {"compute",  "--scheme", scheme, "--n",    "50",
                                                   "--causal", "--what",   what,   "--head", "2"};
            std::vector<std::string> fast = base, ref = base, one = base;
            ref.insert(ref.end(), {"--engine", "reference"});
            one.insert(one.end(), {"--engine", "onednn", "--threads", "1"});
            EXPECT_LE(relDiff(csvOf(fast), csvOf(ref)), 1e-5) << scheme << " " << what;
            EXPECT_LE(relDiff(csvOf(one), csvOf(ref)), 1e-5) << scheme << " " << what;
        }
}

TEST(CliEngine, Bf16WhenTheCpuHasIt)
{
    const std::vector<std::string> args = {"compute", "--scheme", "alibi",   "--n", "40",
                                           "--what",  "probs",    "--dtype", "bf16"};
    const CliResult r = runCli(args);
    if (r.exitCode != 0) {
        EXPECT_NE(r.err.find("bf16 needs a CPU"), std::string::npos) << r.err;
        GTEST_SKIP() << "no bf16 here";
    }
    const Matrix bf = parseCsv(r.out);
    const Matrix f32 =
        csvOf({"compute", "--scheme", "alibi", "--n", "40", "--what", "probs", "--engine", "reference"});
    EXPECT_LE(relDiff(bf, f32), 2e-2);
    const JsonValue j = jsonOf(std::vector<std::string>(args));
    ASSERT_TRUE(j["model"].has("dtype")) << "the JSON says bf16 was used";
    EXPECT_EQ(j["model"]["dtype"].text, "bf16");
}

TEST(CliEngine, PooledProbabilities)
{
    // 40 tokens into 8 cells of 5: mean pooling keeps Σ mean·area = n (each row sums to 1)
    const Matrix m = csvOf(
        {"compute", "--scheme", "t5", "--n", "40", "--what", "probs", "--pool", "8", "--pool-mode", "mean"});
    ASSERT_EQ(m.size(), 8u);
    double total = 0;
    for (const auto& row : m) {
        ASSERT_EQ(row.size(), 8u);
        for (double v : row)
            total += v * 25.0;
    }
    EXPECT_NEAR(total, 40.0, 1e-4);
    const JsonValue j = jsonOf({"compute", "--scheme", "t5", "--n", "40", "--what", "probs", "--pool", "8"});
    EXPECT_EQ(j["tokens"][0].text, "0–4");
    EXPECT_EQ(j["tokens"][7].text, "35–39");
    // longer than any n × n table allows, fine when pooled
    const Matrix big = csvOf({"compute", "--scheme", "alibi", "--n", "20000", "--heads", "1", "--d-model",
                              "16", "--causal", "--what", "probs", "--pool", "16"});
    ASSERT_EQ(big.size(), 16u);
    EXPECT_GT(big[0][0], 0.0);
    EXPECT_EQ(big[0][15], 0.0); // causal: the first rows see none of the last keys
}

TEST(CliEngine, BadEngineOptionsAreOneLine)
{
    expectOneLineError({"compute", "--scheme", "t5", "--n", "4", "--what", "probs", "--engine", "eigen"},
                       "unknown engine");
    expectOneLineError({"compute", "--scheme", "t5", "--n", "4", "--what", "probs", "--dtype", "f16"},
                       "unknown dtype");
    expectOneLineError({"compute", "--scheme", "t5", "--n", "4", "--what", "probs", "--threads", "-1"},
                       "--threads");
    expectOneLineError({"compute", "--scheme", "t5", "--n", "4", "--what", "logits", "--pool", "2"},
                       "--what probs");
    expectOneLineError({"compute", "--scheme", "t5", "--n", "4", "--what", "probs", "--pool-mode", "max"},
                       "only with --pool");
    expectOneLineError(
        {"compute", "--scheme", "t5", "--n", "4", "--what", "probs", "--pool", "2", "--pool-mode", "median"},
        "pool mode");
    expectOneLineError(
        {"compute", "--scheme", "t5", "--n", "4", "--what", "probs", "--pool", "2", "--engine", "reference"},
        "--engine onednn");
    expectOneLineError({"compute", "--scheme", "t5", "--n", "20000", "--what", "probs"}, "--pool");
    expectOneLineError({"bench", "--heads", "2", "--head-dim", "8"}, "--n");
    expectOneLineError({"bench", "--n", "8", "--heads", "2", "--head-dim", "8", "--format", "csv"},
                       "--format");
}

TEST(CliEngine, BenchReportsRatesInTextAndJson)
{
    const std::string text =
        succeed({"bench", "--n", "64", "--heads", "2", "--head-dim", "16", "--repeats", "2"}).out;
    EXPECT_NE(text.find("GFLOP/s"), std::string::npos) << text;
    EXPECT_NE(text.find("% of sgemm"), std::string::npos) << text;
    const JsonValue j =
        parseJson(succeed({"bench", "--n", "64", "--heads", "2", "--head-dim", "16", "--repeats", "2",
                           "--scheme", "rope", "--threads", "1", "--format", "json"})
                      .out);
    EXPECT_EQ(j["n"].number, 64);
    EXPECT_EQ(j["threads"].number, 1);
    EXPECT_EQ(j["runs"].number, 2);
    EXPECT_EQ(j["flops"].number, 4.0 * 64 * 64 * 16 * 2);
    EXPECT_GT(j["attention_ms"].number, 0.0);
    EXPECT_GT(j["ratio_to_sgemm"].number, 0.0);
    EXPECT_GT(j["sgemm_gflops"].number, 0.0);
    const JsonValue r = parseJson(succeed({"bench", "--n", "32", "--heads", "2", "--head-dim", "8",
                                           "--repeats", "1", "--engine", "reference", "--format", "json"})
                                      .out);
    EXPECT_NE(r["engine"].text.find("reference"), std::string::npos);
}

} // namespace
