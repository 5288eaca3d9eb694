// The streaming mode: pooled probabilities equal the oracle's probabilities pooled the same way,
// each cell within the bound pooled from the elements' bounds (attentionbound.h).

#include "boundcheck.h"
#include "engine/onednnengine.h"
#include "error.h"
#include "plan.h"

#include <gtest/gtest.h>

using namespace poslab;

namespace {

Eigen::MatrixXd poolOracle(const Eigen::MatrixXd& p, const std::vector<int>& edges, PoolMode mode)
{
    const int cells = static_cast<int>(edges.size()) - 1;
    Eigen::MatrixXd g(cells, cells);
    for (int a = 0; a < cells; ++a)
        for (int b = 0; b < cells; ++b) {
            const auto block = p.block(edges[a], edges[b], edges[a + 1] - edges[a], edges[b + 1] - edges[b]);
            g(a, b) = mode == PoolMode::Max ? block.maxCoeff() : block.mean();
        }
    return g;
}

TEST(EnginePooled, MatchesPooledOracle)
{
    struct Case
    {
        const char* scheme;
        int n, cells;
    };
    OneDnnEngine engine;
    std::uint64_t seed = 900;
    for (const Case& c : {Case{"alibi", 333, 50}, Case{"rope", 64, 64}, Case{"transformer-xl", 600, 37},
                          Case{"deberta", 100, 1000}, Case{"shaw", 257, 16}, Case{"fire", 300, 45},
                          Case{"cope", 160, 33}})
        for (bool causal : {false, true})
            for (PoolMode mode : {PoolMode::Max, PoolMode::Mean}) {
                ModelConfig m;
                m.heads = 2;
                m.causal = causal;
                m.seed = ++seed;
                const auto scheme = makeScheme(c.scheme, {}, m);
                const Sequence seq = Sequence::positions(c.n);
                const AttentionResult ref = referenceAttention(*scheme, seq);
                const AttentionPlan plan = makePlan(*scheme, seq);
                const PooledProbs got = engine.pooled(plan, 1, c.cells, mode, RunOptions{});
                const int cells = std::min(c.cells, c.n);
                ASSERT_EQ(got.grid.rows(), cells);
                ASSERT_EQ(got.edges.front(), 0);
                ASSERT_EQ(got.edges.back(), c.n);
                const Eigen::MatrixXd want = poolOracle(ref.heads[1].probs, got.edges, mode);
                const Eigen::MatrixXd bound =
                    test::pooledBound(test::agreementBound(plan, 1, ref.heads[1], {}).probs,
                                      ref.heads[1].probs, got.edges, mode);
                test::expectWithin(got.grid, want, bound,
                                   std::string(c.scheme) + " n=" + std::to_string(c.n) +
                                       (causal ? " causal " : " ") + poolModeName(mode));
            }
}

// Key blocks smaller than the sequence: cells straddle blocks, and the value a cell carries from one
// block is rescaled when the next block raises the row's max (max and mean pooling).
TEST(EnginePooled, AcrossKeyBlocks)
{
    OneDnnEngine engine;
    for (const char* name : {"alibi", "rope"})
        for (bool causal : {false, true})
            for (int block : {16, 100})
                for (PoolMode mode : {PoolMode::Max, PoolMode::Mean}) {
                    ModelConfig m;
                    m.heads = 1;
                    m.causal = causal;
                    m.seed = 70 + block;
                    const auto scheme = makeScheme(name, {}, m);
                    const Sequence seq = Sequence::positions(333);
                    const AttentionResult ref = referenceAttention(*scheme, seq);
                    RunOptions opts;
                    opts.keyBlock = block;
                    opts.tileRows = 48;
                    const PooledProbs got = engine.pooled(makePlan(*scheme, seq), 0, 40, mode, opts);
                    const Eigen::MatrixXd want = poolOracle(ref.heads[0].probs, got.edges, mode);
                    EXPECT_LE((got.grid - want).norm() / want.norm(), 1e-5)
                        << name << " causal=" << causal << " block=" << block << " " << poolModeName(mode);
                }
}

TEST(EnginePooled, CellEdgesAndErrors)
{
    ModelConfig m;
    const auto scheme = makeScheme("t5", {}, m);
    const Sequence seq = Sequence::positions(10);
    const AttentionPlan plan = makePlan(*scheme, seq);
    OneDnnEngine engine;
    const PooledProbs p = engine.pooled(plan, 0, 4, PoolMode::Mean, RunOptions{});
    EXPECT_EQ(p.edges, (std::vector<int>{0, 2, 5, 7, 10})); // floor(a·n / cells)
    // mean pooling keeps the total: each row sums to 1, so Σ_ab mean·area = n exactly; computed, within
    // the cells' bounds times their areas, plus this double sum of 16 products
    const HeadResult ref = referenceAttention(*scheme, seq).heads[0];
    const Eigen::MatrixXd bound =
        test::pooledBound(test::headBound(plan, 0, ref, {}).probs, ref.probs, p.edges, PoolMode::Mean);
    double total = 0, tolerance = 0;
    for (int a = 0; a < 4; ++a)
        for (int b = 0; b < 4; ++b) {
            const double area = (p.edges[a + 1] - p.edges[a]) * (p.edges[b + 1] - p.edges[b]);
            total += p.grid(a, b) * area;
            tolerance += bound(a, b) * area;
        }
    tolerance += test::gamma(17, test::kUnitF64) * (10.0 + tolerance);
    test::expectNear(total, 10.0, tolerance, "Σ mean·area");
    EXPECT_THROW(engine.pooled(plan, 4, 4, PoolMode::Max, RunOptions{}), Error);
    EXPECT_THROW(engine.pooled(plan, 0, 0, PoolMode::Max, RunOptions{}), Error);
}

} // namespace
