// poslab-cli and the SIMD caps: isa, POSLAB_CPU_ISA, the ISAs bench names, bench --pool. The
// CLI-vs-engine agreement tests (test_cli_engine.cpp, label isa) run under every cap in .ci/run.

#include "clitest.h"

#include <algorithm>
#include <cstdlib>
#include <optional>

using namespace poslab::test;

namespace {

// Sets an environment variable for the commands run while it lives (children inherit it).
class ScopedEnv
{
  public:
    ScopedEnv(const char* name, const std::string& value) : m_name(name)
    {
        if (const char* old = std::getenv(name)) m_old = old;
        ::setenv(name, value.c_str(), 1);
    }
    ~ScopedEnv()
    {
        if (m_old)
            ::setenv(m_name, m_old->c_str(), 1);
        else
            ::unsetenv(m_name);
    }

  private:
    const char* m_name;
    std::optional<std::string> m_old;
};

void expectOneLineError(const std::vector<std::string>& args, const std::string& needle)
{
    const CliResult r = runCli(args);
    EXPECT_EQ(r.exitCode, 2) << joined(args);
    EXPECT_EQ(lines(r.err).size(), 1u) << r.err;
    EXPECT_NE(r.err.find(needle), std::string::npos) << joined(args) << "\nstderr: " << r.err;
}

TEST(CliIsa, ListsTheCapsAndBenchRunsEach)
{
    const std::vector<std::string> caps = lines(succeed({"isa"}).out);
    ASSERT_FALSE(caps.empty());
    EXPECT_EQ(caps.front(), "scalar");
    const std::vector<std::string> known = {"scalar", "sse4", "avx2", "avx512", "neon", "sve"};
    for (const std::string& cap : caps) {
        EXPECT_NE(std::find(known.begin(), known.end(), cap), known.end()) << cap;
        const ScopedEnv env("POSLAB_CPU_ISA", cap);
        const JsonValue j = parseJson(succeed({"bench", "--n", "40", "--heads", "2", "--head-dim", "8",
                                               "--repeats", "1", "--format", "json"})
                                          .out);
        EXPECT_EQ(j["kernel_isa"].text, cap);
        EXPECT_FALSE(j["onednn_isa"].text.empty());
        EXPECT_EQ(lines(succeed({"isa", "--active"}).out).front(), "kernels " + cap);
    }
    const std::string text =
        succeed({"bench", "--n", "40", "--heads", "2", "--head-dim", "8", "--repeats", "1"}).out;
    EXPECT_NE(text.find("ISA         kernels "), std::string::npos) << text;
    EXPECT_NE(text.find(", oneDNN "), std::string::npos) << text;
}

TEST(CliIsa, UnknownValueIsOneLineError)
{
    const ScopedEnv env("POSLAB_CPU_ISA", "avx3000");
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"schemes"},
          {"compute", "--scheme", "t5", "--n", "4", "--what", "probs"}}) {
        const CliResult r = runCli(args);
        EXPECT_EQ(r.exitCode, 2) << joined(args);
        ASSERT_EQ(lines(r.err).size(), 1u) << r.err;
        EXPECT_NE(r.err.find("POSLAB_CPU_ISA"), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("avx3000"), std::string::npos) << r.err;
        EXPECT_EQ(r.out, "");
    }
}

TEST(CliBench, PooledReportsTheRatioAndPeakMemory)
{
    const JsonValue j =
        parseJson(succeed({"bench", "--n", "600", "--heads", "1", "--head-dim", "16", "--pool", "8",
                           "--pool-mode", "mean", "--scheme", "alibi", "--repeats", "2", "--format", "json"})
                      .out);
    EXPECT_EQ(j["pool"].number, 8);
    EXPECT_EQ(j["pool_mode"].text, "mean");
    EXPECT_EQ(j["runs"].number, 2);
    EXPECT_EQ(j["flops"].number, 2.0 * 600 * 600 * 16); // q·k of the one head
    EXPECT_GT(j["pooled_ms"].number, 0.0);
    EXPECT_NEAR(j["ratio_to_sgemm"].number, j["sgemm_ms"].number / j["pooled_ms"].number, 1e-9);
    EXPECT_GT(j["peak_rss_mib"].number, 1.0);
    EXPECT_LT(j["peak_rss_mib"].number, 1024.0);
    const std::string text =
        succeed({"bench", "--n", "300", "--heads", "1", "--head-dim", "16", "--pool", "4", "--repeats", "1"})
            .out;
    EXPECT_NE(text.find("max-pooled into 4²"), std::string::npos) << text;
    EXPECT_NE(text.find("peak RSS"), std::string::npos) << text;
    expectOneLineError({"bench", "--n", "8", "--heads", "1", "--head-dim", "8", "--pool-mode", "max"},
                       "--pool");
    expectOneLineError(
        {"bench", "--n", "8", "--heads", "1", "--head-dim", "8", "--pool", "4", "--engine", "reference"},
        "--engine onednn");
}

} // namespace
