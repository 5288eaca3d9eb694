// Deep zoom (issue 13): a region of one head's probabilities streamed alone. Its rows are still
// normalised over every key (and the causal mask), so a region of one token a cell holds the same
// probabilities as the full n × n computation in that rectangle, and a pooled region the full
// matrix pooled by the region's edges; each within the oracle's rounding bound.

#include "attentionbound.h"
#include "boundcheck.h"
#include "engine/onednnengine.h"
#include "error.h"
#include "lab.h"
#include "plan.h"

#include <gtest/gtest.h>

using namespace poslab;

namespace {

Eigen::MatrixXd poolOracle(const Eigen::MatrixXd& p, const std::vector<int>& rows,
                           const std::vector<int>& keys, PoolMode mode)
{
    Eigen::MatrixXd g(rows.size() - 1, keys.size() - 1);
    for (int a = 0; a + 1 < int(rows.size()); ++a)
        for (int b = 0; b + 1 < int(keys.size()); ++b) {
            const auto block = p.block(rows[a], keys[b], rows[a + 1] - rows[a], keys[b + 1] - keys[b]);
            g(a, b) = mode == PoolMode::Max ? block.maxCoeff() : block.mean();
        }
    return g;
}

struct Case
{
    const char* scheme;
    int n;
    TokenRegion region;
};

const Case kCases[] = {{"alibi", 300, {37, 101, 150, 260}},
                       {"rope", 257, {0, 40, 200, 257}},
                       {"shaw", 200, {120, 200, 0, 90}},  // table terms
                       {"t5", 333, {300, 333, 290, 333}}, // the corner, across the diagonal
                       {"transformer-xl", 150, {10, 11, 0, 150}}};

TEST(Region, OneTokenCellsEqualTheFullMatrix)
{
    OneDnnEngine engine;
    std::uint64_t seed = 40;
    for (const Case& c : kCases)
        for (bool causal : {false, true})
            for (int keyBlock : {0, 64}) { // 64: rows span several key blocks of the online softmax
                ModelConfig m;
                m.heads = 2;
                m.causal = causal;
                m.seed = ++seed;
                const auto scheme = makeScheme(c.scheme, {}, m);
                const Sequence seq = Sequence::positions(c.n);
                const AttentionPlan plan = makePlan(*scheme, seq);
                const AttentionResult ref = referenceAttention(*scheme, seq);
                RunOptions opts;
                opts.keyBlock = keyBlock;
                opts.tileRows = 32;
                const PooledProbs got = engine.pooled(plan, 1, c.region, 4096, PoolMode::Max, opts);
                const std::string what = std::string(c.scheme) + (causal ? " causal" : "") +
                                         " keyBlock=" + std::to_string(keyBlock);
                ASSERT_EQ(got.step, 1) << what;
                ASSERT_EQ(got.grid.rows(), c.region.rows()) << what;
                ASSERT_EQ(got.grid.cols(), c.region.keys()) << what;
                const auto cells = [&](const Eigen::MatrixXd& full) {
                    return Eigen::MatrixXd(
                        full.block(c.region.rowBegin, c.region.keyBegin, c.region.rows(), c.region.keys()));
                };
                // against the oracle, within the engine's bound
                const Eigen::MatrixXd bound = test::agreementBound(plan, 1, ref.heads[1], {}).probs;
                test::expectWithin(got.grid, cells(ref.heads[1].probs), cells(bound), what);
                // against the engine's own full computation: the same cells, to float resolution
                AttentionResult full;
                engine.run(plan, RunOptions::forHead(1), full);
                test::expectWithin(got.grid, cells(full.heads[1].probs), 2 * cells(bound), what + " vs full");
                // masked cells are exactly 0
                if (causal) {
                    for (int a = 0; a < c.region.rows(); ++a)
                        for (int b = 0; b < c.region.keys(); ++b) {
                            if (c.region.keyBegin + b > c.region.rowBegin + a) {
                                ASSERT_EQ(got.grid(a, b), 0.0) << what;
                            }
                        }
                }
            }
}

TEST(Region, PooledRegionEqualsThePooledFullMatrix)
{
    OneDnnEngine engine;
    std::uint64_t seed = 80;
    for (const Case& c : kCases)
        for (bool causal : {false, true})
            for (PoolMode mode : {PoolMode::Max, PoolMode::Mean}) {
                ModelConfig m;
                m.heads = 2;
                m.causal = causal;
                m.seed = ++seed;
                const auto scheme = makeScheme(c.scheme, {}, m);
                const Sequence seq = Sequence::positions(c.n);
                const AttentionPlan plan = makePlan(*scheme, seq);
                const AttentionResult ref = referenceAttention(*scheme, seq);
                const int cells = 7;
                const PooledProbs got = engine.pooled(plan, 0, c.region, cells, mode, RunOptions{});
                const std::string what =
                    std::string(c.scheme) + (causal ? " causal " : " ") + poolModeName(mode);
                const int step = regionStep(c.region, cells);
                ASSERT_EQ(got.step, step) << what;
                EXPECT_EQ(got.edges, regionEdges(c.region.rowBegin, c.region.rowEnd, step)) << what;
                EXPECT_EQ(got.keyEdges, regionEdges(c.region.keyBegin, c.region.keyEnd, step)) << what;
                EXPECT_LE(std::max(got.grid.rows(), got.grid.cols()), cells) << what;
                const Eigen::MatrixXd want = poolOracle(ref.heads[0].probs, got.edges, got.keyEdges, mode);
                const Eigen::MatrixXd bound =
                    test::pooledBound(test::agreementBound(plan, 0, ref.heads[0], {}).probs,
                                      ref.heads[0].probs, got.edges, got.keyEdges, mode);
                test::expectWithin(got.grid, want, bound, what);
            }
}

TEST(Region, EdgesAndSteps)
{
    EXPECT_EQ(regionStep({61440, 65536, 61440, 65536}, 600), 7);
    EXPECT_EQ(regionStep({0, 65536, 0, 100}, 1024), 64);
    EXPECT_EQ(regionStep({5, 6, 7, 8}, 1), 1);
    EXPECT_EQ(regionEdges(10, 20, 4), (std::vector<int>{10, 14, 18, 20}));
    EXPECT_EQ(regionEdges(3, 4, 1), (std::vector<int>{3, 4}));
}

LabRequest regionRequest(int n, TokenRegion region)
{
    LabRequest r;
    r.positions = n;
    r.scheme = "alibi";
    r.model.heads = 2;
    r.model.dModel = 32;
    r.model.causal = true;
    r.region = region;
    return r;
}

TEST(Region, LabComputesTheRegionAndSaysWhatItIs)
{
    Lab lab;
    LabRequest r = regionRequest(65536, {61440, 65536, 61440, 65536});
    r.head = 1;
    r.pool.cells = 256;
    const LabResult got = lab.compute(r);
    ASSERT_TRUE(got.isPooled());
    EXPECT_EQ(got.n, 65536);
    EXPECT_EQ(got.pooled->head, 1);
    EXPECT_EQ(got.pooled->step, 16);
    EXPECT_EQ(got.pooled->grid.rows(), 256);
    EXPECT_EQ(got.pooled->grid.cols(), 256);
    EXPECT_EQ(regionSummary(*got.pooled), "tokens 61,440\u201365,535 \u00d7 61,440\u201365,535, 16 \u00d7 16 "
                                          "tokens per cell");
    EXPECT_EQ(pooledSummary(*got.pooled), regionSummary(*got.pooled));
    // A small region at the end: real probabilities, one token a cell (the causal diagonal is one
    // key of 65,536 allowed... each row's largest cell is far below 1 but none is masked on it).
    r.region = TokenRegion{65500, 65536, 65500, 65536};
    const LabResult tokens = lab.compute(r);
    EXPECT_EQ(tokens.pooled->step, 1);
    EXPECT_EQ(regionSummary(*tokens.pooled),
              "tokens 65,500\u201365,535 \u00d7 65,500\u201365,535, 1 token per cell");
    for (int a = 0; a < 36; ++a)
        for (int b = a + 1; b < 36; ++b)
            ASSERT_EQ(tokens.pooled->grid(a, b), 0.0); // masked
    EXPECT_GT(tokens.pooled->grid(35, 35), 0.0);
    EXPECT_LE(tokens.pooled->grid.maxCoeff(), 1.0);
}

TEST(Region, TableOfARegion)
{
    Lab lab;
    LabRequest r = regionRequest(300, {10, 13, 0, 300});
    r.model.causal = false;
    r.pool.cells = 1000;
    const Table t = lab.table(r);
    ASSERT_EQ(t.rows(), 3u);
    ASSERT_EQ(t.cols(), 300u);
    // each row of one token a cell is the whole row: it sums to 1
    for (std::size_t a = 0; a < 3; ++a) {
        double sum = 0;
        for (std::size_t b = 0; b < 300; ++b)
            sum += t.at(a, b);
        EXPECT_NEAR(sum, 1.0, 1e-5);
    }
    EXPECT_EQ(t.tokens, (std::vector<std::string>{"10", "11", "12"}));
    EXPECT_EQ(t.columns.size(), 300u);
}

TEST(Region, ValidationNamesTheField)
{
    const auto fieldOf = [](const LabRequest& r, LabProduct product) {
        try {
            validate(r, product);
        } catch (const FieldError& e) {
            return e.field();
        }
        return std::string("none");
    };
    for (LabProduct product : {LabProduct::Views, LabProduct::Table}) {
        EXPECT_EQ(fieldOf(regionRequest(100, {0, 100, 0, 100}), product), "none");
        EXPECT_EQ(fieldOf(regionRequest(100, {0, 101, 0, 100}), product), "region.rows");
        EXPECT_EQ(fieldOf(regionRequest(100, {-1, 10, 0, 100}), product), "region.rows");
        EXPECT_EQ(fieldOf(regionRequest(100, {10, 10, 0, 100}), product), "region.rows");
        EXPECT_EQ(fieldOf(regionRequest(100, {0, 10, 50, 40}), product), "region.keys");
        EXPECT_EQ(fieldOf(regionRequest(100, {0, 10, 0, 1000}), product), "region.keys");
        LabRequest reference = regionRequest(100, {0, 10, 0, 10});
        reference.engine = EngineKind::Reference;
        EXPECT_EQ(fieldOf(reference, product), "region.rows");
        LabRequest logits = regionRequest(100, {0, 10, 0, 10});
        logits.matrix = "logits";
        EXPECT_EQ(fieldOf(logits, product), "region.rows");
    }
    // a region past the full table's limit is fine: it is streamed
    EXPECT_EQ(fieldOf(regionRequest(20000, {0, 10, 0, 20000}), LabProduct::Table), "none");
    try {
        validate(regionRequest(100, {0, 101, 0, 100}), LabProduct::Views);
        FAIL();
    } catch (const FieldError& e) {
        EXPECT_STREQ(e.what(),
                     "region rows 0:101 is not a range of tokens in the 100-token sequence (a:b with "
                     "0 <= a < b <= 100)");
    }
}

} // namespace
