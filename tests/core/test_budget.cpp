// The memory budget (issue 12, item 1): derived from available memory, checked before every
// allocation that input decides, with refusals that say what to do.

#include "attention.h"
#include "budget.h"
#include "error.h"
#include "lablimits.h"
#include "scheme.h"
#include "table.h"
#include "tokenizer.h"
#include "validate.h"

#include <unistd.h>

#include <cstdlib>

#include <gtest/gtest.h>

using namespace poslab;

namespace {

// Sets POSLAB_MEMORY_BUDGET for one test.
struct Budget
{
    explicit Budget(const char* bytes) { ::setenv("POSLAB_MEMORY_BUDGET", bytes, 1); }
    ~Budget() { ::unsetenv("POSLAB_MEMORY_BUDGET"); }
};

FieldError fieldErrorOf(const LabRequest& r, LabProduct product)
{
    try {
        validate(r, product);
    } catch (const FieldError& e) {
        return e;
    }
    return FieldError("none", "no error");
}

} // namespace

TEST(Budget, AvailableMemoryIsWhatTheSystemSays)
{
    const double physical = double(sysconf(_SC_PHYS_PAGES)) * double(sysconf(_SC_PAGESIZE));
    const double available = double(availableMemory());
    EXPECT_GT(available, 0.0);
    EXPECT_LE(available, physical);
    // Available memory changes between two reads on a busy machine: the derivation is checked on a
    // fixed value, the live budget only for its range.
    EXPECT_DOUBLE_EQ(budgetOf(4'000'000'000ull), 3e9);
    EXPECT_GT(memoryBudget(), 0.0);
    EXPECT_LE(memoryBudget(), 0.75 * physical);
    const Budget b("12345");
    EXPECT_DOUBLE_EQ(memoryBudget(), 12345.0);
}

TEST(Budget, BytesAreWrittenForPeople)
{
    EXPECT_EQ(formatBytes(512), "512 bytes");
    EXPECT_EQ(formatBytes(1536), "1.5 KiB");
    EXPECT_EQ(formatBytes(4.0 * (1ULL << 30)), "4.0 GiB");
    EXPECT_EQ(formatBytes(640.0 * (1 << 20)), "640 MiB");
}

TEST(Budget, ATableBeyondTheBudgetIsRefusedWithTheWayOut)
{
    LabRequest r;
    r.scheme = "rope";
    r.positions = kMaxSquareN;
    r.matrix = "probs";
    {
        const Budget b("3221225472"); // 3 GiB: the probabilities and the table's copy need 4 GiB
        const FieldError e = fieldErrorOf(r, LabProduct::Table);
        EXPECT_EQ(e.field(), "positions");
        EXPECT_EQ(e.render([](const std::string& f) { return "--" + f; }),
                  "n = 16384 with 4 heads: the probs table (n \u00d7 n) needs 4.0 GiB (the memory budget is "
                  "3.0 GiB, from available memory); use --pool 1024 for pooled probabilities, or a shorter "
                  "sequence");
        r.engine = EngineKind::Reference; // the oracle keeps about 8 matrices a head
        r.positions = 4096;
        const FieldError ref = fieldErrorOf(r, LabProduct::Table);
        EXPECT_NE(std::string(ref.what()).find("needs 4.1 GiB"), std::string::npos) << ref.what();
        EXPECT_NE(ref.text().find("{engine} onednn, fewer {heads}"), std::string::npos) << ref.text();
    }
    const Budget b("5368709120"); // 5 GiB
    r.engine = EngineKind::OneDnn;
    r.positions = kMaxSquareN;
    EXPECT_NO_THROW(validate(r, LabProduct::Table));
    r.pool.cells = 1024; // pooled: cells × cells
    const Budget small("1073741824");
    EXPECT_NO_THROW(validate(r, LabProduct::Table));
}

// The text of a table is an allocation too: up to 25 bytes a value in CSV or JSON, 8 in NPY. Its
// bound holds for the longest numbers, and the text beyond the budget is refused before it exists.
TEST(Budget, TableTextBeyondTheBudgetIsRefusedBeforeItIsWritten)
{
    Table t;
    t.scheme = "alibi";
    t.what = "probs";
    t.tokens = {"a\"b", "\x01", "z"};
    t.shape = {3, 3};
    t.data = {-2.2250738585072014e-308, -1.7976931348623157e308, 1.0 / 3.0, -0.1, 1e-300, 2.0 / 3.0,
              -123456.78901234567, 4.9406564584124654e-324, 0.0};
    for (TableFormat f : {TableFormat::Csv, TableFormat::Json, TableFormat::Npy}) {
        const std::string text = serialize(t, f);
        EXPECT_LE(double(text.size()), serializedBytesBound(t, f)) << int(f);
    }
    Table big = t;
    big.tokens.clear();
    big.shape = {200, 200};
    big.data.assign(200 * 200, -2.2250738585072014e-308);
    const Budget b("1000000"); // the 40,000 values are 320 KB as doubles and up to 1 MB as text
    try {
        serialize(big, TableFormat::Csv);
        ADD_FAILURE() << "CSV beyond the budget was written";
    } catch (const FieldError& e) {
        EXPECT_EQ(e.field(), "format");
        EXPECT_EQ(e.render([](const std::string& f) { return "--" + f; }),
                  "the CSV text of the 200 \u00d7 200 probs table needs 985 KiB (the memory budget is "
                  "977 KiB, from available memory); use --format npy (8 bytes a value), pooling or a "
                  "shorter sequence");
    }
    EXPECT_EQ(serialize(big, TableFormat::Npy).size(), 320128u);
}

// The oracle (the worked example's engine, and --engine reference) answers to the same budget, not to
// a fixed limit of its own: about 8 n × n doubles a head.
TEST(Budget, TheOracleAnswersToTheSameBudget)
{
    ModelConfig model; // 4 heads
    const auto scheme = makeScheme("alibi", {}, model);
    const Sequence seq = Sequence::positions(100); // 8 · 8 B · 4 heads · 100² = 2.56 MB
    {
        const Budget b("2000000");
        try {
            referenceAttention(*scheme, seq);
            ADD_FAILURE() << "the oracle went past the budget";
        } catch (const FieldError& e) {
            EXPECT_EQ(e.field(), "positions");
            EXPECT_EQ(e.render([](const std::string& f) { return "--" + f; }),
                      "n = 100 with 4 heads in the reference engine (about 8 n \u00d7 n matrices a head) needs "
                      "2.4 MiB (the memory budget is 1.9 MiB, from available memory); use --engine onednn, "
                      "fewer --heads or a shorter sequence");
        }
    }
    const Budget b("3000000");
    EXPECT_EQ(referenceAttention(*scheme, seq).heads.size(), 4u);
}

TEST(Budget, TokenMatricesBeyondTheBudgetAreRefused)
{
    LabRequest r;
    r.scheme = "alibi";
    r.positions = kMaxPositions;
    r.model.dModel = 4096;
    r.model.heads = 4;
    r.matrix = "pe";
    const Budget b("17179869184"); // 16 GiB
    const FieldError e = fieldErrorOf(r, LabProduct::Table);
    EXPECT_EQ(e.field(), "positions");
    EXPECT_NE(std::string(e.what()).find("n = 1000000 tokens with d_model 4096 needs 305 GiB"),
              std::string::npos)
        << e.what();
}

TEST(Budget, TextIsCappedInBytesAndTokensWhileTokenizing)
{
    std::string words;
    for (int k = 0; k <= kMaxPositions; ++k)
        words += "a ";
    try {
        tokenize(words, TokenizerMode::Word);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()), "the text has 1000001 tokens, more than 1000000");
    }
    EXPECT_EQ(tokenize(words.substr(2), TokenizerMode::Word).size(), std::size_t(kMaxPositions));
    const std::string novel(kMaxTextBytes + 1, 'x');
    try {
        tokenize(novel, TokenizerMode::Char);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()), "the text has 8388609 bytes, more than 8388608 (8 MiB)");
    }
}
