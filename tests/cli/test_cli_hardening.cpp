// Hostile input on the command line (issue 12): every refusal is one short line.

#include "clitest.h"

#include <cstdlib>

#include <unistd.h>

using namespace poslab::test;

namespace {

// The longest single argument Linux passes (MAX_ARG_STRLEN is 128 KiB) is far more than a message
// should repeat.
const std::string kLong(100'000, 'z');

void expectShortError(const std::vector<std::string>& args, const std::string& label)
{
    SCOPED_TRACE(label);
    const CliResult r = runCli(args);
    EXPECT_EQ(r.exitCode, 2) << r.err.substr(0, 300);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err.rfind("poslab-cli: error: ", 0), 0u) << r.err.substr(0, 300);
    EXPECT_LT(r.err.size(), 300u) << r.err.substr(0, 300);
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err.substr(0, 300);
    // 60 characters, then how many there were (100,000, or 100,002 with the option's "--")
    EXPECT_NE(r.err.find("\u2026' (10000"), std::string::npos) << r.err.substr(0, 300);
}

} // namespace

TEST(CliHardening, ErrorsQuoteAtMostSixtyCharactersOfAValue)
{
    expectShortError(computeArgs({"--scheme", kLong, "--n", "3", "--what", "probs"}), "scheme");
    expectShortError(
        computeArgs({"--scheme", "t5", "--param", "num_buckets=" + kLong, "--n", "3", "--what", "bucket"}),
        "param value");
    expectShortError(computeArgs({"--scheme", "t5", "--param", kLong + "=1", "--n", "3", "--what", "bucket"}),
                     "param key");
    expectShortError(computeArgs({"--scheme", "t5", "--param", kLong, "--n", "3", "--what", "bucket"}),
                     "param without =");
    expectShortError(computeArgs({"--scheme", "t5", "--n", "3", "--what", kLong}), "what");
    expectShortError(computeArgs({"--scheme", "t5", "--n", kLong, "--what", "probs"}), "n");
    expectShortError(computeArgs({"--scheme", "t5", "--n", "3", "--what", "probs", "--format", kLong}),
                     "format");
    expectShortError({"--" + kLong}, "unknown command");
    expectShortError({"schemes", "--" + kLong}, "unknown option");
    expectShortError({"compute", kLong}, "unexpected argument");
}

// The documented maximum n with a budget below what it needs: refused before anything is allocated,
// saying what to do. (Without the budget check it went past 4 GiB.)
TEST(CliHardening, AProbsTableBeyondTheMemoryBudgetIsRefusedWithTheWayOut)
{
    ::setenv("POSLAB_MEMORY_BUDGET", "3221225472", 1);
    const CliResult r = runCli(computeArgs({"--scheme", "rope", "--what", "probs", "--n", "16384"}));
    ::unsetenv("POSLAB_MEMORY_BUDGET");
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err,
              "poslab-cli: error: n = 16384 with 4 heads: the probs table (n \u00d7 n) needs 4.0 GiB (the "
              "memory budget is 3.0 GiB, from available memory); use --pool 1024 for pooled "
              "probabilities, or a shorter sequence\n");
}

// The text is an allocation the input decides too: a table whose CSV or JSON would pass the budget is
// refused before it is written, with NPY (8 bytes a value) as the way out, and nothing is left behind.
TEST(CliHardening, TableTextBeyondTheBudgetIsRefusedAndNpyIsTheWayOut)
{
    // n = 250: the tokens' matrices (1.3 MB), the probabilities and their copy (1.0 MB) and the NPY
    // file (0.5 MB) fit 1.4 MB; the CSV or JSON text, up to 25 bytes a value (1.6 MB), does not.
    ::setenv("POSLAB_MEMORY_BUDGET", "1400000", 1);
    const std::string dir = ::testing::TempDir();
    CliResult csv = runCli(computeArgs({"--scheme", "alibi", "--n", "250", "--what", "probs", "--out", dir + "/t.csv"}));
    const CliResult json = runCli(computeArgs({"--scheme", "alibi", "--n", "250", "--what", "probs", "--format", "json"}));
    const CliResult npy = runCli(computeArgs({"--scheme", "alibi", "--n", "250", "--what", "probs", "--format", "npy"}));
    ::unsetenv("POSLAB_MEMORY_BUDGET");
    EXPECT_EQ(csv.exitCode, 2);
    EXPECT_EQ(csv.err, "poslab-cli: error: the CSV text of the 250 \u00d7 250 probs table needs 1.5 MiB (the memory "
                       "budget is 1.3 MiB, from available memory); use --format npy (8 bytes a value), pooling or "
                       "a shorter sequence\n");
    EXPECT_NE(::access((dir + "/t.csv").c_str(), F_OK), 0);
    EXPECT_EQ(json.exitCode, 2);
    EXPECT_EQ(json.out, "");
    EXPECT_EQ(json.err.rfind("poslab-cli: error: the JSON text of the 250 \u00d7 250 probs table needs ", 0), 0u)
        << json.err;
    ASSERT_EQ(npy.exitCode, 0) << npy.err;
    EXPECT_EQ(npy.out.size(), 128u + 8u * 250u * 250u);
}

// T → 0: softmax is the argmax (ties shared), never NaN, and JSON null means masked only.
TEST(CliHardening, TinyTemperaturesGiveTheArgmaxAndNoNull)
{
    for (const char* engine : {"onednn", "reference"}) {
        SCOPED_TRACE(engine);
        const CliResult r =
            runCli(computeArgs({"--scheme", "alibi", "--text", "x x x", "--what", "probs", "--temperature",
                                "1e-45", "--engine", engine, "--format", "csv"}));
        ASSERT_EQ(r.exitCode, 0) << r.err;
        const auto rows = parseCsv(r.out);
        ASSERT_EQ(rows.size(), 3u);
        for (std::size_t i = 0; i < 3; ++i)
            for (std::size_t j = 0; j < 3; ++j)
                EXPECT_NEAR(rows[i][j], i == j ? 1.0 : 0.0, 0x1p-50) << i << ", " << j; // exp contract
        const CliResult json =
            runCli(computeArgs({"--scheme", "alibi", "--text", "x x x", "--what", "logits", "--temperature",
                                "1e-45", "--engine", engine, "--format", "json"}));
        ASSERT_EQ(json.exitCode, 0) << json.err;
        EXPECT_EQ(json.out.find("null"), std::string::npos) << json.out;
    }
    const CliResult low =
        runCli(computeArgs({"--scheme", "alibi", "--n", "3", "--what", "probs", "--temperature", "1e-101"}));
    EXPECT_EQ(low.exitCode, 2);
    EXPECT_EQ(low.err, "poslab-cli: error: --temperature must be between 1e-100 and 1000, got 1e-101\n");
}

// A long computation prints its progress on stderr, measured from its tiles; --quiet silences it.
// POSLAB_PROGRESS_AFTER=0 makes any computation long enough (and a line a second), so the test needs
// no slow run and no terminal.
TEST(CliHardening, ProgressLinesForLongWorkAndQuietSilencesThem)
{
    const auto args = computeArgs({"--scheme", "alibi", "--n", "3000", "--what", "probs", "--pool", "8"});
    ::setenv("POSLAB_PROGRESS_AFTER", "0", 1);
    const CliResult r = runCli(args);
    auto quiet = args;
    quiet.push_back("--quiet");
    const CliResult q = runCli(quiet);
    ::setenv("POSLAB_PROGRESS_AFTER", "1e9", 1); // as clirunner.cpp leaves it for the other tests
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto printed = lines(r.err);
    ASSERT_FALSE(printed.empty());
    for (const std::string& line : printed) {
        EXPECT_EQ(line.rfind("poslab-cli: ", 0), 0u) << line;
        EXPECT_NE(line.find("% of 9e+06 scores, "), std::string::npos) << line;
        EXPECT_NE(line.find(" s elapsed"), std::string::npos) << line;
    }
    EXPECT_EQ(printed.back().rfind("poslab-cli: 100% of 9e+06 scores, ", 0), 0u) << printed.back();
    EXPECT_NE(printed.back().find("about 0.0 s left"), std::string::npos) << printed.back();
    ASSERT_EQ(q.exitCode, 0);
    EXPECT_EQ(q.err, "");
    EXPECT_EQ(q.out, r.out);
}

// Output paths whose errno used to mislead: /proc's files said "No such file or directory".
TEST(CliHardening, KernelFilesAndFullDisksSayWhatTheyAre)
{
    const CliResult proc =
        runCli(computeArgs({"--scheme", "none", "--n", "3", "--what", "delta", "--out", "/proc/version"}));
    EXPECT_EQ(proc.exitCode, 2);
    EXPECT_EQ(proc.err,
              "poslab-cli: error: cannot write '/proc/version': it is a kernel file (/proc or /sys), "
              "not a file to replace\n");
    const CliResult full =
        runCli({"figure", "--scheme", "alibi", "--n", "4", "--format", "png", "--out", "/dev/full"});
    EXPECT_EQ(full.exitCode, 2);
    EXPECT_EQ(full.err, "poslab-cli: error: cannot write '/dev/full': No space left on device\n");
}
