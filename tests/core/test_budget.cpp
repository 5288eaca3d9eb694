// The memory budget (issue 12, item 1): derived from available memory, checked before every
// allocation that input decides, with refusals that say what to do.

#include "budget.h"
#include "error.h"
#include "lablimits.h"
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
    EXPECT_DOUBLE_EQ(memoryBudget(), 0.75 * double(availableMemory()));
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
