// poslab-cli and the attention engines: --engine, --dtype, --threads, --pool, and bench.

#include "clitest.h"

#include "boundcheck.h"

#include <cmath>

using namespace poslab::test;

namespace {

Eigen::MatrixXd eigenOf(const Matrix& m)
{
    Eigen::MatrixXd out(static_cast<Eigen::Index>(m.size()),
                        m.empty() ? 0 : static_cast<Eigen::Index>(m[0].size()));
    for (std::size_t i = 0; i < m.size(); ++i) {
        if (static_cast<Eigen::Index>(m[i].size()) != out.cols()) return Eigen::MatrixXd(0, 0);
        for (std::size_t j = 0; j < m[i].size(); ++j)
            out(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = m[i][j];
    }
    return out;
}

// The same computation in process (the defaults poslab-cli documents: d_model 64, 4 heads, seed 0,
// λ 1, T 1, --n N bare positions): its plan and oracle give the operands of the error bounds.
struct InProcess
{
    poslab::AttentionPlan plan;
    poslab::AttentionResult oracle;
};

InProcess inProcess(const std::string& scheme, int n, bool causal)
{
    poslab::ModelConfig model;
    model.causal = causal;
    const auto s = poslab::makeScheme(scheme, {}, model);
    const poslab::Sequence seq = poslab::Sequence::positions(n);
    return {poslab::makePlan(*s, seq), poslab::referenceAttention(*s, seq)};
}

void expectWithin(const Matrix& got, const Matrix& want, const Eigen::MatrixXd& bound,
                  const std::string& what)
{
    poslab::test::expectWithin(eigenOf(got), eigenOf(want), bound, what);
}

void expectOneLineError(const std::vector<std::string>& args, const std::string& needle)
{
    const CliResult r = runCli(args);
    EXPECT_EQ(r.exitCode, 2) << joined(args);
    EXPECT_EQ(lines(r.err).size(), 1u) << r.err;
    EXPECT_NE(r.err.find(needle), std::string::npos) << joined(args) << "\nstderr: " << r.err;
}

// Each probability and bias within the bound of |oneDNN f32 − exact| + |reference − exact|.
TEST(CliEngine, OneDnnAgreesWithReference)
{
    for (const char* scheme : {"t5", "rope", "transformer-xl"}) {
        const InProcess same = inProcess(scheme, 50, true);
        const poslab::HeadResult& oracle = same.oracle.heads[2];
        BoundOptions f64;
        f64.arith = Arith::F64;
        const HeadBound engine = agreementBound(same.plan, 2, oracle, {});
        const HeadBound reference = agreementBound(same.plan, 2, oracle, f64);
        for (const char* what : {"probs", "bias"}) {
            const std::vector<std::string> base = {"compute",  "--scheme", scheme, "--n",    "50",
                                                   "--causal", "--what",   what,   "--head", "2"};
            std::vector<std::string> fast = base, ref = base, one = base;
            ref.insert(ref.end(), {"--engine", "reference"});
            one.insert(one.end(), {"--engine", "onednn", "--threads", "1"});
            const bool probs = std::string(what) == "probs";
            const Matrix r = csvOf(ref);
            // the CLI computes what the in-process plan describes: the bounds are about these numbers
            poslab::test::expectWithin(
                eigenOf(r), probs ? oracle.probs : oracle.bias, probs ? reference.probs : reference.bias,
                std::string(scheme) + " " + what + ": reference engine against the oracle");
            const Eigen::MatrixXd& bound = probs ? engine.probs : engine.bias;
            expectWithin(csvOf(fast), r, bound, std::string(scheme) + " " + what);
            expectWithin(csvOf(one), r, bound, std::string(scheme) + " " + what + " (1 thread)");
        }
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
    const Matrix ref =
        csvOf({"compute", "--scheme", "alibi", "--n", "40", "--what", "probs", "--engine", "reference"});
    const InProcess same = inProcess("alibi", 40, false);
    BoundOptions bf16, f64;
    bf16.arith = Arith::BF16;
    f64.arith = Arith::F64;
    poslab::test::expectWithin(eigenOf(ref), same.oracle.heads[0].probs,
                               agreementBound(same.plan, 0, same.oracle.heads[0], f64).probs,
                               "reference engine against the oracle");
    expectWithin(bf, ref, agreementBound(same.plan, 0, same.oracle.heads[0], bf16).probs, "bf16 probs");
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
    // computed: within the cells' bounds times their areas, plus this double sum of 64 products
    const InProcess same = inProcess("t5", 40, false);
    std::vector<int> edges;
    for (int a = 0; a <= 8; ++a)
        edges.push_back(5 * a);
    const Eigen::MatrixXd bound = pooledBound(headBound(same.plan, 0, same.oracle.heads[0], {}).probs,
                                              same.oracle.heads[0].probs, edges, poslab::PoolMode::Mean);
    double total = 0, tolerance = 0;
    for (std::size_t a = 0; a < m.size(); ++a) {
        ASSERT_EQ(m[a].size(), 8u);
        for (std::size_t b = 0; b < 8; ++b) {
            total += m[a][b] * 25.0;
            tolerance += bound(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b)) * 25.0;
        }
    }
    tolerance += gamma(65, kUnitF64) * (40.0 + tolerance);
    expectNear(total, 40.0, tolerance, "Σ mean·area");
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

// Deep zoom's region (issue 13): rows of one token a cell are the full table's rows (each row still
// normalised over all keys); a pooled region is cut into square cells of whole tokens.
TEST(CliEngine, RegionOfProbabilities)
{
    const std::vector<std::string> base = {"compute", "--scheme", "t5",     "--n",
                                           "40",      "--causal", "--what", "probs"};
    const auto with = [&](std::vector<std::string> more) {
        std::vector<std::string> args = base;
        args.insert(args.end(), more.begin(), more.end());
        return args;
    };
    const Matrix full = csvOf(base);
    const Matrix rows = csvOf(with({"--rows", "10:13"}));
    ASSERT_EQ(rows.size(), 3u);
    for (std::size_t a = 0; a < 3; ++a) {
        ASSERT_EQ(rows[a].size(), 40u);
        for (std::size_t b = 0; b < 40; ++b)
            EXPECT_NEAR(rows[a][b], full[10 + a][b], 2e-6) << a << ", " << b; // fp32 resolution
    }
    const Matrix corner = csvOf(with({"--rows", "30:40", "--keys", "25:35"}));
    ASSERT_EQ(corner.size(), 10u);
    for (std::size_t a = 0; a < 10; ++a)
        for (std::size_t b = 0; b < 10; ++b)
            EXPECT_NEAR(corner[a][b], full[30 + a][25 + b], 2e-6) << a << ", " << b;
    const JsonValue j = jsonOf(with({"--keys", "20:40", "--pool", "4", "--pool-mode", "mean"}));
    EXPECT_EQ(j["tokens"][0].text, "0–9"); // ceil(40 / 4) = 10 tokens a side
    EXPECT_EQ(j["tokens"][3].text, "30–39");
    EXPECT_EQ(j["columns"][0].text, "20–29");
    EXPECT_EQ(j["columns"][1].text, "30–39");
    EXPECT_EQ(j["model"]["keys"].text, "20:40");
    EXPECT_EQ(j["model"]["tokens_per_cell"].text, "10");
    const Matrix mean = csvOf(with({"--keys", "20:40", "--pool", "4", "--pool-mode", "mean"}));
    ASSERT_EQ(mean.size(), 4u);
    ASSERT_EQ(mean[0].size(), 2u);
    double want = 0;
    for (std::size_t a = 30; a < 40; ++a)
        for (std::size_t b = 30; b < 40; ++b)
            want += full[a][b] / 100;
    EXPECT_NEAR(mean[3][1], want, 2e-6);
    EXPECT_EQ(mean[0][1], 0.0); // causal: rows 0..9 see no key from 30 on
    expectOneLineError(with({"--rows", "5"}), "--rows takes A:B");
    expectOneLineError(with({"--rows", "0:41"}), "--rows 0:41");
    expectOneLineError(with({"--keys", "9:3"}), "--keys 9:3");
    expectOneLineError({"compute", "--scheme", "t5", "--n", "40", "--what", "logits", "--rows", "0:2"},
                       "--what probs");
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
