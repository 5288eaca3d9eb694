#include "atomicfile.h"
#include "error.h"
#include "table.h"

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <thread>

#include <sys/stat.h>
#include <unistd.h>

using namespace poslab;
namespace fs = std::filesystem;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

Table matrix(std::size_t rows, std::size_t cols, std::vector<double> data, bool integer = false)
{
    Table t;
    t.scheme = "t5";
    t.what = "bucket";
    t.shape = {rows, cols};
    t.integer = integer;
    t.data = std::move(data);
    return t;
}

Table vector1d(std::vector<double> data)
{
    Table t;
    t.scheme = "alibi";
    t.what = "slopes";
    t.shape = {data.size()};
    t.data = std::move(data);
    return t;
}

struct Npy
{
    std::string descr;
    std::string shape;
    std::size_t headerLen = 0;
    std::vector<std::uint64_t> words;
};

// A reader for exactly what toNpy writes, independent of it: fixed offsets, little-endian words.
Npy parseNpy(const std::string& bytes)
{
    Npy npy;
    EXPECT_GE(bytes.size(), 10u);
    EXPECT_EQ(bytes.substr(0, 6), std::string("\x93NUMPY", 6));
    EXPECT_EQ(bytes[6], '\x01');
    EXPECT_EQ(bytes[7], '\x00');
    npy.headerLen = static_cast<unsigned char>(bytes[8]) | (static_cast<unsigned char>(bytes[9]) << 8);
    const std::string header = bytes.substr(10, npy.headerLen);
    EXPECT_EQ(header.back(), '\n');
    auto field = [&](const std::string& key, char close) {
        auto at = header.find(key);
        EXPECT_NE(at, std::string::npos) << key;
        at += key.size();
        return header.substr(at, header.find(close, at) - at + (close == ')' ? 1 : 0));
    };
    npy.descr = field("'descr': '", '\'');
    npy.shape = field("'shape': ", ')');
    EXPECT_NE(header.find("'fortran_order': False"), std::string::npos);
    const std::size_t start = 10 + npy.headerLen;
    EXPECT_EQ((bytes.size() - start) % 8, 0u);
    for (std::size_t k = start; k + 8 <= bytes.size(); k += 8) {
        std::uint64_t w = 0;
        for (int b = 7; b >= 0; --b)
            w = (w << 8) | static_cast<unsigned char>(bytes[k + b]);
        npy.words.push_back(w);
    }
    return npy;
}

double asDouble(std::uint64_t w)
{
    double d;
    std::memcpy(&d, &w, sizeof d);
    return d;
}

std::string readFile(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

class TempDir : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        std::string tmpl = (fs::temp_directory_path() / "poslab-table-XXXXXX").string();
        ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
        m_dir = tmpl;
    }
    void TearDown() override
    {
        std::error_code ec;
        fs::permissions(m_dir, fs::perms::owner_all, fs::perm_options::add, ec);
        fs::remove_all(m_dir, ec);
    }
    std::size_t entries() const
    {
        return static_cast<std::size_t>(
            std::distance(fs::directory_iterator(m_dir), fs::directory_iterator()));
    }
    fs::path m_dir;
};

} // namespace

TEST(TableFormat, ParsesTheThreeNames)
{
    EXPECT_EQ(parseTableFormat("csv"), TableFormat::Csv);
    EXPECT_EQ(parseTableFormat("json"), TableFormat::Json);
    EXPECT_EQ(parseTableFormat("npy"), TableFormat::Npy);
    EXPECT_THROW(parseTableFormat("CSV"), Error);
    EXPECT_THROW(parseTableFormat(""), Error);
    EXPECT_THROW(parseTableFormat("xml"), Error);
}

TEST(TableCsv, IntegerMatrixExactBytes)
{
    Table t = matrix(2, 3, {0, 1, -2, 3, 40, 500}, true);
    EXPECT_EQ(toCsv(t), "0,1,-2\n3,40,500\n");
}

TEST(TableCsv, DoublesUseShortestRoundTripText)
{
    Table t = matrix(1, 4, {0.1, 0.5, 1.0, -2.25});
    EXPECT_EQ(toCsv(t), "0.1,0.5,1,-2.25\n");

    const std::vector<double> hard = {1.0 / 3.0,     std::exp(1.0), 1e-300,
                                      6.02214076e23, -0.0,          0.30000000000000004};
    std::string csv = toCsv(matrix(hard.size(), 1, hard));
    std::istringstream lines(csv);
    std::string line;
    for (double expected : hard) {
        ASSERT_TRUE(std::getline(lines, line));
        double back = 0.0;
        auto [p, ec] = std::from_chars(line.data(), line.data() + line.size(), back);
        ASSERT_EQ(ec, std::errc());
        ASSERT_EQ(p, line.data() + line.size()) << line;
        EXPECT_EQ(std::memcmp(&back, &expected, sizeof back), 0) << line;
    }
}

TEST(TableCsv, NonFiniteValues)
{
    Table t = matrix(1, 3, {-kInf, kInf, kNan});
    EXPECT_EQ(toCsv(t), "-inf,inf,nan\n");
}

TEST(TableCsv, OneDimensionalWritesOneValuePerLine)
{
    EXPECT_EQ(toCsv(vector1d({0.5, 0.25, 0.125})), "0.5\n0.25\n0.125\n");
}

TEST(TableCsv, IntegerTableWithFractionFallsBackToDoubleText)
{
    EXPECT_EQ(toCsv(matrix(1, 2, {1, 2.5}, true)), "1,2.5\n");
}

TEST(TableCsv, ShapeMismatchIsAnError)
{
    EXPECT_THROW(toCsv(matrix(2, 2, {1, 2, 3})), Error);
    Table none;
    EXPECT_THROW(toCsv(none), Error);
}

TEST(TableJson, SmallMatrixExactBytes)
{
    Table t = matrix(2, 2, {0, 17, 1, 0}, true);
    t.params = {{"num_buckets", "32"}, {"max_distance", "128"}, {"bidirectional", "true"}};
    t.model = {{"d_model", "64"}, {"causal", "false"}};
    EXPECT_EQ(toJson(t), "{\"scheme\":\"t5\",\"what\":\"bucket\","
                         "\"params\":{\"num_buckets\":32,\"max_distance\":128,\"bidirectional\":true},"
                         "\"shape\":[2,2],\"data\":[[0,17],[1,0]],"
                         "\"model\":{\"d_model\":64,\"causal\":false}}\n");
}

TEST(TableJson, TokensAndColumnsComeLastWhenPresent)
{
    Table t = vector1d({0.5, -kInf, kNan});
    t.tokens = {"a", "b", "c"};
    t.columns = {"slope"};
    EXPECT_EQ(toJson(t), "{\"scheme\":\"alibi\",\"what\":\"slopes\",\"params\":{},\"shape\":[3],"
                         "\"data\":[0.5,null,null],\"model\":{},\"tokens\":[\"a\",\"b\",\"c\"],"
                         "\"columns\":[\"slope\"]}\n");
}

TEST(TableJson, ParamValuesAreNumbersOnlyWhenJsonAcceptsThem)
{
    Table t = vector1d({1});
    t.params = {{"a", "1e-05"}, {"b", "-0.5"}, {"c", "interleaved"}, {"d", "inf"}, {"e", "nan"},
                {"f", ".5"},    {"g", "01"},   {"h", "1e999"},       {"i", "3."},  {"j", "True"}};
    const std::string json = toJson(t);
    EXPECT_NE(
        json.find("\"params\":{\"a\":1e-05,\"b\":-0.5,\"c\":\"interleaved\",\"d\":\"inf\",\"e\":\"nan\","
                  "\"f\":\".5\",\"g\":\"01\",\"h\":\"1e999\",\"i\":\"3.\",\"j\":\"True\"}"),
        std::string::npos)
        << json;
}

TEST(TableJson, StringsAreEscaped)
{
    Table t = vector1d({1});
    t.scheme = "q\"b\\s/";
    t.tokens = {"tab\there", std::string("nul\0x", 5), "\x1f", "\xe6\xb3\xa8\xe6\x84\x8f", "line\n"};
    const std::string json = toJson(t);
    EXPECT_NE(json.find("\"scheme\":\"q\\\"b\\\\s/\""), std::string::npos) << json;
    EXPECT_NE(
        json.find("\"tokens\":[\"tab\\u0009here\",\"nul\\u0000x\",\"\\u001f\",\"\xe6\xb3\xa8\xe6\x84\x8f\","
                  "\"line\\u000a\"]"),
        std::string::npos)
        << json;
    // The only raw newline is the final one.
    EXPECT_EQ(json.find('\n'), json.size() - 1);
}

TEST(TableJson, DoublesRoundTrip)
{
    Table t = matrix(1, 2, {0.1, 1.0 / 3.0});
    EXPECT_NE(toJson(t).find("\"data\":[[0.1,0.3333333333333333]]"), std::string::npos);
}

TEST(TableNpy, DoubleMatrixHeaderAndValues)
{
    const std::vector<double> values = {0.1, -2.5, 1e-300, -kInf, kNan, 7};
    const std::string bytes = toNpy(matrix(2, 3, values));
    Npy npy = parseNpy(bytes);
    EXPECT_EQ(npy.descr, "<f8");
    EXPECT_EQ(npy.shape, "(2, 3)");
    EXPECT_EQ((10 + npy.headerLen) % 64, 0u);
    EXPECT_EQ(bytes.substr(10, npy.headerLen)
                  .rfind("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", 0),
              0u);
    EXPECT_EQ(bytes.size(), 10 + npy.headerLen + 8 * values.size());
    ASSERT_EQ(npy.words.size(), values.size());
    for (std::size_t k = 0; k < values.size(); ++k) {
        double back = asDouble(npy.words[k]);
        if (std::isnan(values[k]))
            EXPECT_TRUE(std::isnan(back));
        else
            EXPECT_EQ(back, values[k]) << k;
    }
}

TEST(TableNpy, HeaderIsPaddedWithSpacesThenNewline)
{
    const std::string bytes = toNpy(matrix(1, 1, {1}));
    Npy npy = parseNpy(bytes);
    const std::string header = bytes.substr(10, npy.headerLen);
    const std::string dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1), }";
    EXPECT_EQ(header, dict + std::string(npy.headerLen - dict.size() - 1, ' ') + "\n");
    EXPECT_EQ(npy.headerLen, 118u); // 10 + 118 = 128: the dict is 59 bytes, too long for one 64-byte block
}

TEST(TableNpy, IntegerMatrixIsInt64)
{
    Npy npy = parseNpy(toNpy(matrix(2, 2, {0, -1, 31, 1LL << 40}, true)));
    EXPECT_EQ(npy.descr, "<i8");
    EXPECT_EQ(npy.shape, "(2, 2)");
    EXPECT_EQ((10 + npy.headerLen) % 64, 0u);
    ASSERT_EQ(npy.words.size(), 4u);
    EXPECT_EQ(static_cast<std::int64_t>(npy.words[0]), 0);
    EXPECT_EQ(static_cast<std::int64_t>(npy.words[1]), -1);
    EXPECT_EQ(static_cast<std::int64_t>(npy.words[2]), 31);
    EXPECT_EQ(static_cast<std::int64_t>(npy.words[3]), 1LL << 40);
}

TEST(TableNpy, OneDimensionalShape)
{
    Npy npy = parseNpy(toNpy(vector1d({0.5, 0.25, 0.125})));
    EXPECT_EQ(npy.descr, "<f8");
    EXPECT_EQ(npy.shape, "(3,)");
    ASSERT_EQ(npy.words.size(), 3u);
    EXPECT_EQ(asDouble(npy.words[2]), 0.125);
}

TEST(TableNpy, AlignmentHoldsForManyShapes)
{
    for (std::size_t r : {1u, 9u, 10u, 99u, 1000u, 12345u})
        for (std::size_t c : {1u, 10u, 100u}) {
            Table t = matrix(r, c, std::vector<double>(r * c, 0.0));
            Npy npy = parseNpy(toNpy(t));
            EXPECT_EQ((10 + npy.headerLen) % 64, 0u) << r << "x" << c;
            EXPECT_EQ(npy.shape,
                      std::string("(").append(std::to_string(r)).append(", ").append(std::to_string(c)) +
                          ")");
        }
}

TEST(TableSerialize, DispatchesOnFormat)
{
    Table t = matrix(1, 2, {1, 2}, true);
    EXPECT_EQ(serialize(t, TableFormat::Csv), toCsv(t));
    EXPECT_EQ(serialize(t, TableFormat::Json), toJson(t));
    EXPECT_EQ(serialize(t, TableFormat::Npy), toNpy(t));
}

TEST_F(TempDir, WritesAndReplacesAtomically)
{
    const fs::path target = m_dir / "out.csv";
    writeFileAtomically(target.string(), "first\n");
    EXPECT_EQ(readFile(target), "first\n");
    const std::string binary("\x93NUMPY\0\n\r\n", 11);
    writeFileAtomically(target.string(), binary);
    EXPECT_EQ(readFile(target), binary);
    EXPECT_EQ(entries(), 1u); // no temporary file left beside it
}

TEST_F(TempDir, NewFileGetsUsualPermissions)
{
    const fs::path target = m_dir / "perm.txt";
    writeFileAtomically(target.string(), "x");
    struct stat st
    {
    };
    ASSERT_EQ(::stat(target.c_str(), &st), 0);
    const mode_t mask = ::umask(0);
    ::umask(mask);
    EXPECT_EQ(st.st_mode & 0777, 0666 & ~mask);
}

TEST_F(TempDir, MissingDirectoryFailsWithMessage)
{
    const fs::path target = m_dir / "no" / "such" / "out.csv";
    try {
        writeFileAtomically(target.string(), "x");
        FAIL() << "expected an error";
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()), "cannot write '" + target.string() + "': No such file or directory");
    }
    EXPECT_EQ(entries(), 0u);
}

TEST_F(TempDir, TargetIsADirectoryLeavesNothingBehind)
{
    fs::create_directory(m_dir / "sub");
    EXPECT_THROW(writeFileAtomically((m_dir / "sub").string(), "x"), Error);
    EXPECT_EQ(entries(), 1u);
    EXPECT_TRUE(fs::is_empty(m_dir / "sub"));
}

TEST_F(TempDir, UnwritableDirectoryLeavesNothing)
{
    if (::geteuid() == 0) {
        // Root ignores permission bits; /proc refuses new files even to root.
        EXPECT_THROW(writeFileAtomically("/proc/poslab-test-out.csv", "x"), Error);
        EXPECT_FALSE(fs::exists("/proc/poslab-test-out.csv"));
        return;
    }
    fs::permissions(m_dir, fs::perms::owner_read | fs::perms::owner_exec);
    EXPECT_THROW(writeFileAtomically((m_dir / "out.csv").string(), "x"), Error);
    fs::permissions(m_dir, fs::perms::owner_all);
    EXPECT_EQ(entries(), 0u);
}

TEST_F(TempDir, FailedWriteKeepsTheOldFile)
{
    const fs::path target = m_dir / "keep.csv";
    writeFileAtomically(target.string(), "old\n");
    // A path through a regular file cannot be created; the original stays untouched.
    EXPECT_THROW(writeFileAtomically((target / "child").string(), "new\n"), Error);
    EXPECT_EQ(readFile(target), "old\n");
    EXPECT_EQ(entries(), 1u);
}

// A symlink is written through: its target gets the bytes (atomically), the link stays a link.
// Relative link targets are taken from the link's directory; a dangling link creates its target.
TEST_F(TempDir, WritesThroughSymlinks)
{
    fs::create_directory(m_dir / "data");
    const fs::path real = m_dir / "data" / "real.csv";
    writeFileAtomically(real.string(), "old\n");
    const fs::path link = m_dir / "link.csv";
    fs::create_symlink("data/real.csv", link);
    writeFileAtomically(link.string(), "new\n");
    EXPECT_TRUE(fs::is_symlink(link));
    EXPECT_EQ(readFile(real), "new\n");
    EXPECT_EQ(fs::read_symlink(link), fs::path("data/real.csv"));

    const fs::path dangling = m_dir / "dangling.csv";
    fs::create_symlink(m_dir / "data" / "created.csv", dangling);
    writeFileAtomically(dangling.string(), "made\n");
    EXPECT_TRUE(fs::is_symlink(dangling));
    EXPECT_EQ(readFile(m_dir / "data" / "created.csv"), "made\n");
    EXPECT_EQ(std::distance(fs::directory_iterator(m_dir / "data"), fs::directory_iterator()), 2);
}

// A FIFO cannot be replaced by a file: it is written in place and stays a FIFO.
TEST_F(TempDir, WritesIntoAFifoInPlace)
{
    const fs::path fifo = m_dir / "pipe";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    std::string received;
    std::thread reader([&] { received = readFile(fifo); });
    writeFileAtomically(fifo.string(), "through the pipe\n");
    reader.join();
    EXPECT_EQ(received, "through the pipe\n");
    EXPECT_TRUE(fs::is_fifo(fifo));
    EXPECT_EQ(entries(), 1u);
}

// A device is written in place too, and its write errors are reported (/dev/full: ENOSPC). Only
// run without root: as root a regression would replace the machine's /dev/full with a file.
TEST(TableWrite, DevicesAreWrittenInPlaceWithTheirErrors)
{
    struct stat st
    {
    };
    if (::geteuid() == 0 || ::stat("/dev/full", &st) != 0 || !S_ISCHR(st.st_mode))
        GTEST_SKIP() << "needs a non-root user and /dev/full (the FIFO test covers the same path)";
    try {
        writeFileAtomically("/dev/full", "x");
        FAIL() << "expected ENOSPC";
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()), "cannot write '/dev/full': No space left on device");
    }
    ASSERT_EQ(::stat("/dev/full", &st), 0);
    EXPECT_TRUE(S_ISCHR(st.st_mode)) << "/dev/full must stay a device";
}
