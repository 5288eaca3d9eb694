// Bad input of every kind: status 2, exactly one line "poslab-cli: error: ..." on stderr, no stdout.

#include "clitest.h"

#include <cstdlib>
#include <filesystem>

using namespace poslab::test;
namespace fs = std::filesystem;

namespace {

struct BadCase
{
    const char* label;
    std::vector<std::string> args;
    const char* mentions; // a word the message must contain, so it says what went wrong
};

void expectUsageError(const std::vector<std::string>& args, const std::string& mentions)
{
    const CliResult r = runCli(args);
    EXPECT_EQ(r.exitCode, 2) << joined(args) << "\nstderr: " << r.err;
    EXPECT_EQ(r.out, "") << joined(args);
    EXPECT_EQ(r.err.rfind("poslab-cli: error: ", 0), 0u) << joined(args) << "\nstderr: " << r.err;
    ASSERT_FALSE(r.err.empty());
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "more than one line: " << r.err;
    EXPECT_GT(r.err.size(), std::string("poslab-cli: error: \n").size()) << "empty message";
    EXPECT_NE(r.err.find(mentions), std::string::npos) << joined(args) << "\nstderr: " << r.err;
}

std::vector<std::string> compute(std::vector<std::string> args)
{
    return computeArgs(std::move(args));
}

const std::vector<BadCase> kBadCases = {
    {"unknown scheme", compute({"--scheme", "no-such", "--n", "3", "--what", "probs"}), "no-such"},
    {"kerple bad form", compute({"--scheme", "kerple", "--param", "form=cubic", "--n", "3", "--what", "probs"}),
     "form"},
    {"kerple negative p", compute({"--scheme", "kerple", "--param", "p=-1", "--n", "3", "--what", "bias"}), "'p'"},
    {"unknown param key", compute({"--scheme", "t5", "--param", "buckets=3", "--n", "3", "--what", "bucket"}),
     "buckets"},
    {"param without =", compute({"--scheme", "shaw", "--param", "k", "--n", "3", "--what", "bucket"}),
     "KEY=VALUE"},
    {"param given twice",
     compute({"--scheme", "shaw", "--param", "k=1", "--param", "k=2", "--n", "3", "--what", "bucket"}), "k"},
    {"param bad value", compute({"--scheme", "shaw", "--param", "k=two", "--n", "3", "--what", "bucket"}),
     "two"},
    {"rope odd head dim",
     compute({"--scheme", "rope", "--d-model", "12", "--heads", "4", "--n", "3", "--what", "probs"}), "rope"},
    {"sinusoidal odd d-model",
     compute({"--scheme", "sinusoidal", "--d-model", "5", "--heads", "1", "--n", "3", "--what", "pe"}),
     "sinusoidal"},
    {"heads 0", compute({"--scheme", "none", "--heads", "0", "--n", "3", "--what", "probs"}), "heads"},
    {"d-model not divisible",
     compute({"--scheme", "none", "--d-model", "10", "--heads", "4", "--n", "3", "--what", "probs"}),
     "divisible"},
    {"learned n > max_len",
     compute({"--scheme", "learned", "--param", "max_len=8", "--n", "9", "--what", "probs"}), "learned"},
    {"learned n > default max_len", compute({"--scheme", "learned", "--n", "513", "--what", "pe"}),
     "learned"},
    {"sinusoidal base 0",
     compute({"--scheme", "sinusoidal", "--param", "base=0", "--n", "3", "--what", "pe"}), "base"},
    {"rope base 0", compute({"--scheme", "rope", "--param", "base=0", "--n", "3", "--what", "probs"}),
     "base"},
    {"rope longrope short list length",
     compute({"--scheme", "rope", "--param", "scaling=longrope", "--param", "short_factor=1,2", "--param",
              "long_factor=1,1,1,1,1,1,1,1", "--n", "3", "--what", "freqs"}),
     "short_factor"},
    {"rope list value",
     compute({"--scheme", "rope", "--param", "long_factor=1,x", "--n", "3", "--what", "freqs"}),
     "long_factor"},
    {"rope rotary_fraction odd dims",
     compute({"--scheme", "rope", "--param", "rotary_fraction=0.1", "--n", "3", "--what", "freqs"}),
     "rotary_fraction"},
    {"rope unknown scaling",
     compute({"--scheme", "rope", "--param", "scaling=ntk", "--n", "3", "--what", "freqs"}), "scaling"},
    {"rope llama3 high <= low",
     compute({"--scheme", "rope", "--param", "scaling=llama3", "--param", "high_freq_factor=0.5", "--n", "3",
              "--what", "freqs"}),
     "high_freq_factor"},
    {"freqs of a scheme without rotation", compute({"--scheme", "alibi", "--n", "3", "--what", "freqs"}),
     "freqs"},
    {"t5 one bucket", compute({"--scheme", "t5", "--param", "num_buckets=1", "--n", "3", "--what", "bucket"}),
     "num_buckets"},
    {"n 0", compute({"--scheme", "none", "--n", "0", "--what", "delta"}), "n"},
    {"n abc", compute({"--scheme", "none", "--n", "abc", "--what", "delta"}), "abc"},
    {"n 3x", compute({"--scheme", "none", "--n", "3x", "--what", "delta"}), "3x"},
    {"n empty", compute({"--scheme", "none", "--n=", "--what", "delta"}), "--n"},
    {"n overflow", compute({"--scheme", "none", "--n", "99999999999999999999", "--what", "delta"}), "--n"},
    {"text and n", compute({"--scheme", "none", "--n", "3", "--text", "a b", "--what", "delta"}), "--text"},
    {"neither text nor n", compute({"--scheme", "none", "--what", "delta"}), "--n"},
    {"empty text", compute({"--scheme", "none", "--text", "   ", "--what", "delta"}), "token"},
    {"invalid utf-8", compute({"--scheme", "none", "--text", "a\xff", "--what", "delta"}), "UTF-8"},
    {"tokenizer with n", compute({"--scheme", "none", "--n", "3", "--tokenizer", "char", "--what", "delta"}),
     "tokenizer"},
    {"unknown tokenizer",
     compute({"--scheme", "none", "--text", "a", "--tokenizer", "bpe", "--what", "delta"}), "bpe"},
    {"unknown what", compute({"--scheme", "none", "--n", "3", "--what", "heat"}), "heat"},
    {"missing what", compute({"--scheme", "none", "--n", "3"}), "--what"},
    {"missing scheme", compute({"--n", "3", "--what", "delta"}), "--scheme"},
    {"slopes for t5", compute({"--scheme", "t5", "--n", "3", "--what", "slopes"}), "slopes"},
    {"bucket for rope", compute({"--scheme", "rope", "--n", "3", "--what", "bucket"}), "bucket"},
    {"pe for a relative scheme", compute({"--scheme", "t5", "--n", "3", "--what", "pe"}), "t5"},
    {"bucket for alibi", compute({"--scheme", "alibi", "--n", "3", "--what", "bucket"}), "bucket"},
    {"head out of range", compute({"--scheme", "none", "--n", "3", "--what", "probs", "--head", "4"}),
     "head"},
    {"head negative", compute({"--scheme", "none", "--n", "3", "--what", "probs", "--head", "-1"}), "head"},
    {"head not a number", compute({"--scheme", "none", "--n", "3", "--what", "probs", "--head", "first"}),
     "first"},
    {"range negative", compute({"--scheme", "alibi", "--n", "3", "--what", "delta-curve", "--range", "-1"}),
     "range"},
    {"unknown format", compute({"--scheme", "none", "--n", "3", "--what", "delta", "--format", "xml"}),
     "xml"},
    {"seed negative", compute({"--scheme", "none", "--n", "3", "--what", "delta", "--seed", "-1"}), "seed"},
    {"lambda above 1", compute({"--scheme", "none", "--n", "3", "--what", "probs", "--lambda", "2"}),
     "lambda"},
    {"lambda nan", compute({"--scheme", "none", "--n", "3", "--what", "probs", "--lambda", "nan"}), "lambda"},
    {"temperature 0", compute({"--scheme", "none", "--n", "3", "--what", "probs", "--temperature", "0"}),
     "temperature"},
    {"unknown option", compute({"--scheme", "none", "--n", "3", "--what", "delta", "--colour", "red"}),
     "--colour"},
    {"typo option hints", compute({"--schem", "none", "--n", "3", "--what", "delta"}), "--scheme"},
    {"short option", compute({"-n", "3"}), "-n"},
    {"stray argument", compute({"--scheme", "none", "--n", "3", "--what", "delta", "extra"}), "extra"},
    {"option given twice", compute({"--scheme", "none", "--n", "3", "--n", "4", "--what", "delta"}), "--n"},
    {"flag with value", compute({"--scheme", "none", "--n", "3", "--what", "delta", "--causal=yes"}),
     "--causal"},
    {"missing value", compute({"--scheme", "none", "--n", "3", "--what"}), "--what"},
    {"unknown command", {"compte"}, "compute"},
    {"no command", {}, "command"},
    {"schemes unknown format", {"schemes", "--format", "yaml"}, "yaml"},
    {"schemes unknown option", {"schemes", "--all"}, "--all"},
};

} // namespace

TEST(CliErrors, EachBadInputIsOneLineAndStatusTwo)
{
    for (const auto& c : kBadCases) {
        SCOPED_TRACE(c.label);
        expectUsageError(c.args, c.mentions);
    }
}

TEST(CliErrors, UnknownCommandSuggestsTheNearestOne)
{
    const CliResult r = runCli({"schemas"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("did you mean 'schemes'"), std::string::npos) << r.err;
}

TEST(CliErrors, UnwritableOutCreatesNothing)
{
    std::string tmpl = (fs::temp_directory_path() / "poslab-cli-err-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    const fs::path dir = tmpl;
    const auto base = compute({"--scheme", "none", "--n", "3", "--what", "delta", "--out"});

    auto withOut = [&](const std::string& path) {
        auto args = base;
        args.push_back(path);
        return args;
    };
    expectUsageError(withOut((dir / "missing" / "out.csv").string()), "cannot write");
    fs::create_directory(dir / "sub");
    expectUsageError(withOut((dir / "sub").string()), "cannot write");
    expectUsageError(withOut("/proc/poslab-cli-test.csv"), "cannot write"); // refused even to root
    EXPECT_FALSE(fs::exists("/proc/poslab-cli-test.csv"));

    std::vector<std::string> left;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        left.push_back(e.path().string());
    EXPECT_EQ(left, std::vector<std::string>{(dir / "sub").string()});
    fs::remove_all(dir);
}

TEST(CliErrors, HugeRequestsFailCleanly)
{
#if defined(__SANITIZE_ADDRESS__)
    GTEST_SKIP() << "ASan aborts on huge allocations instead of throwing std::bad_alloc";
#endif
    // Far too large to hold n × n doubles: must be an error message, never a crash.
    const CliResult r = runCli(compute({"--scheme", "none", "--n", "1000000", "--what", "probs"}));
    EXPECT_EQ(r.exitCode, 2) << r.err;
    EXPECT_EQ(r.err.rfind("poslab-cli: error: ", 0), 0u) << r.err;
    EXPECT_EQ(r.out, "");
}
