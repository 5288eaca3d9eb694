// Output formats, files, help and the scheme listing.

#include "clitest.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace poslab::test;
namespace fs = std::filesystem;

namespace {

std::string whatOf(const std::vector<std::string>& cmd)
{
    for (std::size_t k = 0; k + 1 < cmd.size(); ++k)
        if (cmd[k] == "--what") return cmd[k + 1];
    return {};
}

bool sameDouble(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || std::memcmp(&a, &b, sizeof a) == 0 || a == b;
}

std::string readFile(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

class CliFiles : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        std::string tmpl = (fs::temp_directory_path() / "poslab-cli-test-XXXXXX").string();
        ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
        m_dir = tmpl;
    }
    void TearDown() override
    {
        std::error_code ec;
        fs::remove_all(m_dir, ec);
    }
    std::vector<std::string> entries() const
    {
        std::vector<std::string> names;
        for (const auto& e : fs::directory_iterator(m_dir))
            names.push_back(e.path().filename().string());
        return names;
    }
    fs::path m_dir;
};

const std::vector<std::vector<std::string>> kSameNumberCommands = {
    {"--scheme", "t5", "--n", "9", "--what", "bucket"},
    {"--scheme", "shaw", "--n", "7", "--what", "probs", "--head", "2"},
    {"--scheme", "sinusoidal", "--n", "5", "--d-model", "8", "--heads", "2", "--what", "pe"},
    {"--scheme", "alibi", "--heads", "8", "--n", "3", "--what", "slopes"},
    {"--scheme", "rope", "--n", "6", "--what", "logits", "--causal"},
    {"--scheme", "deberta", "--text", "a b a", "--what", "bias"},
    {"--scheme", "transformer-xl", "--n", "4", "--what", "delta-curve", "--range", "5"},
};

} // namespace

TEST(CliOutput, NpyHoldsTheSameNumbersAsCsv)
{
    for (const auto& cmd : kSameNumberCommands) {
        SCOPED_TRACE(joined(cmd));
        const Matrix csv = csvOf(computeArgs(cmd));
        std::vector<std::string> npyArgs = computeArgs(cmd);
        npyArgs.insert(npyArgs.end(), {"--format", "npy"});
        const NpyArray npy = parseNpy(succeed(npyArgs).out);
        EXPECT_EQ((10 + npy.headerLength) % 64, 0u);
        const bool oneD = whatOf(cmd) == "slopes";
        if (oneD) {
            ASSERT_EQ(npy.shape.size(), 1u);
            EXPECT_EQ(npy.shape[0], csv.size());
        } else {
            ASSERT_EQ(npy.shape.size(), 2u);
            EXPECT_EQ(npy.shape[0], csv.size());
            EXPECT_EQ(npy.shape[1], csv[0].size());
        }
        EXPECT_EQ(npy.descr, whatOf(cmd) == "bucket" ? "<i8" : "<f8");
        std::size_t k = 0;
        for (const auto& row : csv)
            for (double v : row) {
                ASSERT_LT(k, npy.values.size());
                EXPECT_TRUE(sameDouble(npy.values[k], v)) << k << ": " << npy.values[k] << " vs " << v;
                ++k;
            }
        EXPECT_EQ(k, npy.values.size());
    }
}

TEST(CliOutput, JsonHoldsTheSameNumbersAsCsv)
{
    for (const auto& cmd : kSameNumberCommands) {
        SCOPED_TRACE(joined(cmd));
        const Matrix csv = csvOf(computeArgs(cmd));
        const JsonValue j = jsonOf(computeArgs(cmd));
        const JsonValue& data = j["data"];
        ASSERT_EQ(data.size(), csv.size());
        for (std::size_t r = 0; r < csv.size(); ++r) {
            if (whatOf(cmd) == "slopes") {
                EXPECT_EQ(data[r].number, csv[r][0]);
                continue;
            }
            ASSERT_EQ(data[r].size(), csv[r].size());
            for (std::size_t c = 0; c < csv[r].size(); ++c) {
                if (std::isfinite(csv[r][c]))
                    EXPECT_TRUE(sameDouble(data[r][c].number, csv[r][c])) << r << "," << c;
                else
                    EXPECT_TRUE(data[r][c].isNull()) << r << "," << c;
            }
        }
    }
}

TEST(CliOutput, JsonLayout)
{
    const JsonValue j = jsonOf(computeArgs({"--scheme", "t5", "--n", "3", "--what", "bucket"}));
    const std::vector<std::string> keys = j.keys();
    ASSERT_GE(keys.size(), 5u);
    EXPECT_EQ(std::vector<std::string>(keys.begin(), keys.begin() + 5),
              (std::vector<std::string>{"scheme", "what", "params", "shape", "data"}));
    EXPECT_EQ(j["scheme"].text, "t5");
    EXPECT_EQ(j["what"].text, "bucket");
    EXPECT_EQ(j["params"]["num_buckets"].type, JsonValue::Type::Number);
    EXPECT_EQ(j["params"]["num_buckets"].text, "32");
    EXPECT_EQ(j["params"]["max_distance"].number, 128);
    EXPECT_EQ(j["params"]["bidirectional"].type, JsonValue::Type::Bool);
    EXPECT_TRUE(j["params"]["bidirectional"].boolean);
    EXPECT_EQ(j["shape"].size(), 2u);
    EXPECT_EQ(j["data"][0][1].text, "17"); // integers without decimals
    ASSERT_TRUE(j.has("model"));
    EXPECT_EQ(j["model"].type, JsonValue::Type::Object);

    const JsonValue rope = jsonOf(computeArgs({"--scheme", "rope", "--n", "2", "--what", "probs"}));
    EXPECT_EQ(rope["params"]["layout"].type, JsonValue::Type::String);
    EXPECT_EQ(rope["params"]["base"].type, JsonValue::Type::Number);

    const JsonValue slopes = jsonOf(computeArgs({"--scheme", "alibi", "--n", "2", "--what", "slopes"}));
    ASSERT_EQ(slopes["shape"].size(), 1u);
    EXPECT_EQ(slopes["shape"][0].number, 4);                    // default heads
    EXPECT_EQ(slopes["data"][0].type, JsonValue::Type::Number); // 1-D: a flat array
}

TEST(CliOutput, DefaultsAreCsvWithSixtyFourDims)
{
    const CliResult r = succeed(computeArgs({"--scheme", "sinusoidal", "--n", "2", "--what", "pe"}));
    const Matrix m = parseCsv(r.out);
    ASSERT_EQ(m.size(), 2u);
    EXPECT_EQ(m[0].size(), 64u);
}

TEST(CliOutput, EqualsFormOfOptionsIsAccepted)
{
    const CliResult spaced = succeed(computeArgs(
        {"--scheme", "shaw", "--param", "k=3", "--n", "5", "--what", "bias", "--head", "1", "--seed", "9"}));
    const CliResult equals = succeed(
        computeArgs({"--scheme=shaw", "--param=k=3", "--n=5", "--what=bias", "--head=1", "--seed=9"}));
    EXPECT_EQ(spaced.out, equals.out);
    EXPECT_FALSE(spaced.out.empty());
}

TEST(CliOutput, NegativeNumbersAreValuesNotOptions)
{
    // A value that starts with '-' still belongs to its option; here it is out of range.
    const CliResult r = runCli(computeArgs({"--scheme", "none", "--n", "-3", "--what", "delta"}));
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("-3"), std::string::npos) << r.err;
}

TEST_F(CliFiles, OutWritesTheFileAndNothingOnStdout)
{
    for (const std::string format : {"csv", "json", "npy"}) {
        const std::vector<std::string> cmd = {"compute", "--scheme", "t5",       "--n",      "6",
                                              "--what",  "logits",   "--causal", "--format", format};
        const std::string expected = succeed(cmd).out;
        const fs::path target = m_dir / ("out." + format);
        std::vector<std::string> withOut = cmd;
        withOut.insert(withOut.end(), {"--out", target.string()});
        const CliResult r = succeed(withOut);
        EXPECT_EQ(r.out, "") << format;
        EXPECT_EQ(readFile(target), expected) << format;
    }
    EXPECT_EQ(entries().size(), 3u); // no temporary files left behind
}

TEST_F(CliFiles, OutReplacesAnExistingFileAndAcceptsRelativePaths)
{
    std::ofstream(m_dir / "table.csv") << "old contents that are longer than the new ones\n";
    const CliResult r =
        runCli(computeArgs({"--scheme", "none", "--n", "2", "--what", "delta", "--out", "table.csv"}),
               m_dir.string());
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(readFile(m_dir / "table.csv"), "0,1\n-1,0\n");
    EXPECT_EQ(entries(), std::vector<std::string>{"table.csv"});
}

TEST_F(CliFiles, FailedComputationLeavesTheOldFileAlone)
{
    std::ofstream(m_dir / "keep.csv") << "keep\n";
    const CliResult r = runCli(computeArgs(
        {"--scheme", "rope", "--n", "3", "--what", "bucket", "--out", (m_dir / "keep.csv").string()}));
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_EQ(readFile(m_dir / "keep.csv"), "keep\n");
    EXPECT_EQ(entries(), std::vector<std::string>{"keep.csv"});
}

TEST(CliHelp, HelpGoesToStdoutWithStatusZero)
{
    for (const auto& args : std::vector<std::vector<std::string>>{{"--help"},
                                                                  {"-h"},
                                                                  {"help"},
                                                                  {"help", "compute"},
                                                                  {"compute", "--help"},
                                                                  {"compute", "-h"},
                                                                  {"schemes", "--help"},
                                                                  {"compute", "--scheme", "t5", "--help"}}) {
        const CliResult r = runCli(args);
        EXPECT_EQ(r.exitCode, 0) << joined(args);
        EXPECT_EQ(r.out.rfind("Usage: poslab-cli", 0), 0u) << joined(args);
        EXPECT_EQ(r.err, "") << joined(args);
    }
    EXPECT_NE(runCli({"compute", "--help"}).out.find("--what"), std::string::npos);
}

TEST(CliHelp, Version)
{
    const CliResult r = succeed({"--version"});
    EXPECT_EQ(r.out.rfind("poslab-cli ", 0), 0u);
}

TEST(CliSchemes, JsonListsEverySchemeWithTheirParameters)
{
    const JsonValue j = parseJson(succeed({"schemes", "--format", "json"}).out);
    const JsonValue& schemes = j["schemes"];
    const std::vector<std::string> names = {"none", "sinusoidal", "learned", "shaw",    "transformer-xl",
                                            "t5",   "alibi",      "rope",    "deberta", "seed-linear",
                                            "kerple", "nope", "xpos", "fire", "cope"};
    ASSERT_EQ(schemes.size(), names.size());
    for (std::size_t k = 0; k < names.size(); ++k) {
        const JsonValue& s = schemes[k];
        EXPECT_EQ(s["name"].text, names[k]);
        for (const char* key : {"kind", "title", "formula", "paper", "notes"})
            EXPECT_EQ(s[key].type, JsonValue::Type::String) << names[k] << " " << key;
        EXPECT_TRUE(s["kind"].text == "none" || s["kind"].text == "absolute" || s["kind"].text == "relative");
        EXPECT_FALSE(s["title"].text.empty());
        for (const auto& p : s["params"].items) {
            EXPECT_FALSE(p["name"].text.empty());
            EXPECT_FALSE(p["doc"].text.empty());
            EXPECT_TRUE(p.has("default"));
            const std::string type = p["type"].text;
            if (type == "int" || type == "real" || type == "reals") { // reals: bounds of each value
                EXPECT_EQ(p["min"].type, JsonValue::Type::Number) << p["name"].text;
                EXPECT_EQ(p["max"].type, JsonValue::Type::Number) << p["name"].text;
                EXPECT_LE(p["min"].number, p["max"].number);
            } else if (type == "choice") {
                EXPECT_GE(p["choices"].size(), 2u) << p["name"].text;
            } else {
                EXPECT_EQ(type, "bool");
            }
        }
    }
    EXPECT_EQ(schemes[0]["kind"].text, "none");
    EXPECT_EQ(schemes[1]["kind"].text, "absolute");
    EXPECT_EQ(schemes[5]["kind"].text, "relative");
    const JsonValue& t5 = schemes[5]["params"];
    ASSERT_GE(t5.size(), 1u);
    EXPECT_EQ(t5[0]["name"].text, "num_buckets");
    EXPECT_EQ(t5[0]["type"].text, "int");
    EXPECT_EQ(t5[0]["default"].number, 32);
    EXPECT_EQ(schemes[3]["params"][0]["name"].text, "k");
}

TEST(CliSchemes, TextListsEverySchemeAndParameter)
{
    const CliResult r = succeed({"schemes"});
    EXPECT_EQ(r.out, succeed({"schemes", "--format", "text"}).out);
    std::vector<std::string> starts;
    for (const auto& line : lines(r.out))
        if (line[0] != ' ') starts.push_back(line.substr(0, line.find(' ')));
    EXPECT_EQ(starts, (std::vector<std::string>{"none", "sinusoidal", "learned", "shaw", "transformer-xl",
                                                "t5", "alibi", "rope", "deberta", "seed-linear",
                                                "kerple", "nope", "xpos", "fire", "cope"}));
    for (const char* word : {"num_buckets", "max_distance", "max_len", "layout", "base", "Vaswani"})
        EXPECT_NE(r.out.find(word), std::string::npos) << word;
}

#ifdef POSLAB_CLI_TRANSLATED
// Issue 16: `schemes --lang zh_CN` gives the titles, notes and parameter docs in Chinese, wrapped
// between Chinese characters within 100 terminal columns (a Chinese character takes two); names,
// types, defaults, formulas and papers stay, and the JSON's keys and kinds stay English.
TEST(CliSchemes, LangZhCnTranslatesTheProseOnly)
{
    const std::string en = succeed({"schemes"}).out;
    const std::string zh = succeed({"schemes", "--lang", "zh_CN"}).out;
    EXPECT_EQ(succeed({"schemes", "--lang", "en"}).out, en);
    const auto columns = [](const std::string& line) {
        std::size_t n = 0;
        for (std::size_t k = 0; k < line.size(); ++k) {
            const auto c = static_cast<unsigned char>(line[k]);
            if ((c & 0xc0) == 0x80) continue;
            // three-byte sequences from U+2E80 (E2 BA 80) up are CJK here: two columns
            n += c >= 0xe3 ||
                         (c == 0xe2 && k + 1 < line.size() && static_cast<unsigned char>(line[k + 1]) >= 0xba)
                     ? 2
                     : 1;
        }
        return n;
    };
    for (const auto& line : lines(zh))
        EXPECT_LE(columns(line), 100u) << line;
    for (const char* chinese :
         {"注意力是置换等变的", "波长基数（必须 > 0）", "截断距离", "旋转位置编码（RoPE）", "相对编码"})
        EXPECT_NE(zh.find(chinese), std::string::npos) << chinese;
    for (const char* english : {"Attention is permutation-equivariant", "wavelength base (must be > 0)",
                                "clipping distance", "Rotary position embedding"})
        EXPECT_EQ(zh.find(english), std::string::npos) << english;
    for (const char* kept :
         {"\nrope ", "num_buckets", "= 10000", "Vaswani et al. 2017, Attention Is All You Need",
          "score = q_i·k_j + b[bucket(j − i), h]", "interleaved|concat"})
        EXPECT_NE(zh.find(kept), std::string::npos) << kept;

    const JsonValue j = parseJson(succeed({"schemes", "--format", "json", "--lang", "zh_CN"}).out);
    const JsonValue e = parseJson(succeed({"schemes", "--format", "json"}).out);
    ASSERT_EQ(j["schemes"].size(), e["schemes"].size());
    for (std::size_t k = 0; k < e["schemes"].size(); ++k) {
        const JsonValue& a = e["schemes"][k];
        const JsonValue& b = j["schemes"][k];
        EXPECT_EQ(a.keys(), b.keys());
        for (const char* key : {"name", "kind", "formula", "paper"})
            EXPECT_EQ(a[key].text, b[key].text) << key;
        EXPECT_NE(a["title"].text, b["title"].text);
        EXPECT_NE(a["notes"].text, b["notes"].text);
        for (std::size_t p = 0; p < a["params"].size(); ++p) {
            EXPECT_EQ(a["params"][p]["name"].text, b["params"][p]["name"].text);
            EXPECT_NE(a["params"][p]["doc"].text, b["params"][p]["doc"].text) << a["params"][p]["name"].text;
        }
    }
}
#endif

// rope has 16 parameters with long columns: each doc goes on its own line under its parameter (a
// line at most 100 columns) instead of a 16-column strip beside them; short tables keep it beside.
TEST(CliSchemes, TextStaysReadableForManyParameters)
{
    const std::string out = succeed({"schemes"}).out;
    for (const auto& line : lines(out)) {
        std::size_t columns = 0;
        for (char c : line)
            columns += (static_cast<unsigned char>(c) & 0xc0) != 0x80;
        EXPECT_LE(columns, 100u) << line;
    }
    const auto at = [&](const std::string& text) {
        const std::size_t k = out.find(text);
        EXPECT_NE(k, std::string::npos) << text;
        return k;
    };
    // Whole docs on one line, under their parameter's line.
    const std::size_t scaling = at("\n      scaling ");
    const std::size_t doc =
        at("\n          context extension, as HF modeling_rope_utils.py computes (inv_freq, attention_factor)\n");
    EXPECT_LT(scaling, doc);
    EXPECT_EQ(out.find('\n', scaling + 1), doc);
    at("\n          L0, the pretrained context (HF original_max_position_embeddings)\n");
    // T5's fit beside their parameters.
    const std::size_t t5 = at("\nt5 "), buckets = out.find("\n      num_buckets ", t5) + 1;
    ASSERT_GT(buckets, t5);
    const std::size_t eol = out.find('\n', buckets);
    EXPECT_NE(out.substr(buckets, eol - buckets).find("number of buckets"), std::string::npos)
        << out.substr(buckets, eol - buckets); // the doc on the parameter's line
}

TEST(CliGolden, NpyIsByteIdenticalToNumpysOwnFiles)
{
    const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
        {"delta_n4.npy", {"--scheme", "none", "--n", "4", "--what", "delta"}},
        {"t5_bucket_n40.npy", {"--scheme", "t5", "--n", "40", "--what", "bucket"}},
    };
    for (const auto& [file, cmd] : cases) {
        const std::string golden = readFile(fs::path(POSLAB_CLI_DATA) / file);
        ASSERT_FALSE(golden.empty()) << file;
        std::vector<std::string> args = computeArgs(cmd);
        args.insert(args.end(), {"--format", "npy"});
        EXPECT_EQ(succeed(args).out, golden) << file;
    }
}

// --out - is standard output (no file named "-"); --out through a symlink writes the link's target
// and keeps the link.
TEST_F(CliFiles, OutDashIsStdoutAndSymlinksAreWrittenThrough)
{
    const std::vector<std::string> cmd = {"compute", "--scheme", "t5", "--n", "5", "--what", "bucket"};
    const CliResult plain = runCli(cmd, m_dir.string());
    ASSERT_EQ(plain.exitCode, 0) << plain.err;
    std::vector<std::string> dash = cmd;
    dash.insert(dash.end(), {"--out", "-"});
    const CliResult viaDash = runCli(dash, m_dir.string());
    EXPECT_EQ(viaDash.exitCode, 0) << viaDash.err;
    EXPECT_EQ(viaDash.out, plain.out);
    EXPECT_TRUE(entries().empty()) << "no file named '-'";

    fs::create_directory(m_dir / "real");
    fs::create_symlink("real/buckets.csv", m_dir / "link.csv");
    std::vector<std::string> link = cmd;
    link.insert(link.end(), {"--out", (m_dir / "link.csv").string()});
    const CliResult viaLink = runCli(link, m_dir.string());
    EXPECT_EQ(viaLink.exitCode, 0) << viaLink.err;
    EXPECT_TRUE(fs::is_symlink(m_dir / "link.csv"));
    EXPECT_EQ(readFile(m_dir / "real" / "buckets.csv"), plain.out);
}
