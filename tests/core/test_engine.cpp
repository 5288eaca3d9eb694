// The oneDNN engine against the oracle (referenceAttention): every logit, probability and output
// within its rounding-error bound (attentionbound.h: derived from the operands, for f32 and bf16),
// for every scheme, causal or not, n from 1 to 1024. Each check draws fresh inputs (its own model
// seed) and poisons the result with NaN before the run, so an element the engine forgets to write
// fails the check.

#include "allocator.h"
#include "boundcheck.h"
#include "engine/onednnengine.h"
#include "engine/referenceengine.h"
#include "error.h"
#include "plan.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

#include <gtest/gtest.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

using namespace poslab;
using test::agreementBound;
using test::Arith;
using test::BoundOptions;
using test::expectWithin;
using test::HeadBound;

namespace {

struct Case
{
    const char* scheme;
    RawParams params;
};

const std::vector<Case>& allCases()
{
    static const std::vector<Case> cases = {
        {"none", {}},
        {"sinusoidal", {}},
        {"sinusoidal", {{"layout", "concat"}}},
        {"learned", {}},
        {"shaw", {{"k", "2"}}},
        {"shaw", {}},
        {"transformer-xl", {}},
        {"t5", {}},
        {"t5", {{"bidirectional", "false"}, {"num_buckets", "8"}, {"max_distance", "10"}}},
        {"alibi", {}},
        {"rope", {}},
        {"rope", {{"layout", "interleaved"}}},
        // RoPE scaling (HF modeling_rope_utils.py): attention factor in cos and sin, partial rotary,
        // and the n-dependent dynamic (L0 = 32 lies between the n checked; longrope: EngineScaledRope)
        {"rope", {{"scaling", "yarn"}, {"factor", "4"}, {"original_max_position", "32"}}},
        {"rope",
         {{"scaling", "dynamic"},
          {"factor", "2"},
          {"original_max_position", "32"},
          {"layout", "interleaved"}}},
        {"rope",
         {{"scaling", "llama3"},
          {"factor", "8"},
          {"original_max_position", "64"},
          {"rotary_fraction", "0.5"}}},
        {"deberta", {{"bucket_size", "8"}, {"max_position", "12"}}},
        {"deberta", {}},
        {"seed-linear", {}},
        {"seed-linear", {{"activation", "gelu"}, {"pe", "sinusoidal"}}},
        {"kerple", {}},
        {"kerple", {{"form", "power"}}},
        {"nope", {}},
        {"xpos", {}},
        {"xpos", {{"scale_base", "64"}}},
        // a cell term (plan.h): FIRE's normaliser past L = 16, CoPE's counted positions clamped
        {"fire", {{"L", "16"}}},
        {"cope", {}},
        {"cope", {{"npos", "8"}}}};
    return cases;
}

std::string caseName(const Case& c)
{
    std::string name = c.scheme;
    for (const auto& [k, v] : c.params)
        name.append(" ").append(k).append("=").append(v);
    return name;
}

std::uint64_t freshSeed()
{
    static std::uint64_t seed = 1000;
    return ++seed;
}

void poison(AttentionResult& r, const AttentionPlan& plan)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const int n = plan.n(), hd = plan.model.headDim();
    r.output = Eigen::MatrixXd::Constant(n, plan.model.dModel, nan);
    r.heads.resize(plan.model.heads);
    for (auto& h : r.heads) {
        h.probs = Eigen::MatrixXd::Constant(n, n, nan);
        h.logits = Eigen::MatrixXd::Constant(n, n, nan);
        h.output = Eigen::MatrixXd::Constant(n, hd, nan);
    }
}

struct Check
{
    int n;
    bool causal;
    int heads = 4;
    int dModel = 64;
};

Arith arithOf(Precision p)
{
    return p == Precision::BF16 ? Arith::BF16 : Arith::F32;
}

// Every head's outputs (its own and its columns of the concatenated output) and the matrices `run`
// kept within the bound of |engine − oracle|; the heads it did not keep have none.
void expectAgreement(const AttentionResult& got, const AttentionResult& ref, const AttentionPlan& plan,
                     const RunOptions& run, const BoundOptions& options, const std::string& what)
{
    const int hd = plan.model.headDim();
    for (int h = 0; h < plan.model.heads; ++h) {
        const HeadBound b = agreementBound(plan, h, ref.heads[h], options);
        const std::string head = what + " head " + std::to_string(h);
        for (auto [name, kept, a, r, bound] :
             {std::tuple{" probs", run.probs, &got.heads[h].probs, &ref.heads[h].probs, &b.probs},
              std::tuple{" logits", run.logits, &got.heads[h].logits, &ref.heads[h].logits, &b.logits},
              std::tuple{" bias", run.bias, &got.heads[h].bias, &ref.heads[h].bias, &b.bias}}) {
            if (kept && run.keeps(h))
                expectWithin(*a, *r, *bound, head + name);
            else
                EXPECT_EQ(a->size(), 0) << head << name << " was not asked for";
        }
        expectWithin(got.heads[h].output, ref.heads[h].output, b.output, head + " output");
        expectWithin(got.output.middleCols(h * hd, hd), ref.output.middleCols(h * hd, hd), b.output,
                     head + " columns of the output");
    }
}

// Runs one check: every head kept, with its logits.
void checkRun(OneDnnEngine& engine, const Case& c, const Check& k, Precision precision)
{
    ModelConfig m;
    m.dModel = k.dModel;
    m.heads = k.heads;
    m.causal = k.causal;
    m.seed = freshSeed();
    m.temperature = 1.25;
    const auto scheme = makeScheme(c.scheme, c.params, m);
    const Sequence seq = k.n == 7 ? Sequence::fromText("the cat saw the dog saw it", TokenizerMode::Word)
                                  : Sequence::positions(k.n);
    const AttentionResult ref = referenceAttention(*scheme, seq);
    const AttentionPlan plan = makePlan(*scheme, seq);
    RunOptions opts;
    opts.allHeads = true;
    opts.logits = true;
    opts.precision = precision;
    AttentionResult got;
    poison(got, plan);
    engine.run(plan, opts, got);
    BoundOptions bounds;
    bounds.arith = arithOf(precision);
    expectAgreement(got, ref, plan, opts, bounds,
                    caseName(c) + " n=" + std::to_string(k.n) + (k.causal ? " causal" : "") + " (seed " +
                        std::to_string(m.seed) + ")");
}

class EngineMatchesOracle : public ::testing::TestWithParam<Case>
{
  protected:
    static OneDnnEngine& engine()
    {
        static OneDnnEngine e;
        return e;
    }
};

TEST_P(EngineMatchesOracle, Fp32)
{
    for (bool causal : {false, true})
        for (int n : {1, 7, 64, 333})
            checkRun(engine(), GetParam(), {n, causal}, Precision::F32);
}

TEST_P(EngineMatchesOracle, Bf16)
{
    if (!OneDnnEngine::bf16Supported()) GTEST_SKIP() << "no bf16 on this CPU";
    for (bool causal : {false, true})
        for (int n : {7, 333})
            checkRun(engine(), GetParam(), {n, causal}, Precision::BF16);
}

INSTANTIATE_TEST_SUITE_P(All, EngineMatchesOracle, ::testing::ValuesIn(allCases()), [](const auto& info) {
    std::string name = caseName(info.param);
    for (char& ch : name)
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
    return name;
});

// LongRoPE's lists have rotary_dims/2 values, so it needs its own model: head_dim 16, rotary dims 8;
// the short list below L0 = 32 (n = 7), the long one above (n = 64, 333).
TEST(EngineScaledRope, LongRopeAcrossL0)
{
    OneDnnEngine engine;
    const Case c{"rope",
                 {{"scaling", "longrope"},
                  {"factor", "4"},
                  {"original_max_position", "32"},
                  {"rotary_fraction", "0.5"},
                  {"short_factor", "1,1.5,2,3"},
                  {"long_factor", "1,2,4,8"}}};
    for (bool causal : {false, true})
        for (int n : {7, 64, 333})
            checkRun(engine, c, {n, causal}, Precision::F32);
}

// n = 1024 for a few schemes (one per kind of table), with two heads to keep the oracle quick.
// One ctest entry per scheme (each about 3 s), so that they run in parallel and a slow one is named.
class EngineLong : public ::testing::TestWithParam<const char*>
{
};

TEST_P(EngineLong, Fp32At1024)
{
    OneDnnEngine engine;
    for (bool causal : {false, true})
        checkRun(engine, {GetParam(), {}}, {1024, causal, 2, 64}, Precision::F32);
}
INSTANTIATE_TEST_SUITE_P(Schemes, EngineLong,
                         ::testing::Values("sinusoidal", "transformer-xl", "t5", "rope", "deberta", "shaw"),
                         [](const auto& info) {
                             std::string name = info.param;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

TEST(EngineLongBf16, Bf16At1024)
{
    if (!OneDnnEngine::bf16Supported()) GTEST_SKIP() << "no bf16 on this CPU";
    OneDnnEngine engine;
    for (bool causal : {false, true})
        checkRun(engine, {"alibi", {}}, {1024, causal, 2, 64}, Precision::BF16);
}

TEST(Engine, OneThreadMatchesTwo)
{
    ModelConfig m;
    m.causal = true;
    m.seed = freshSeed();
    const auto scheme = makeScheme("alibi", {}, m);
    const AttentionPlan plan = makePlan(*scheme, Sequence::positions(300));
    OneDnnEngine engine;
    RunOptions one = RunOptions::forHead(1);
    one.threads = 1;
    RunOptions two = RunOptions::forHead(1);
    two.threads = 2;
    const AttentionResult a = engine.run(plan, one), b = engine.run(plan, two);
    // Both within the engine's bound of the exact values, so within twice that of each other.
    const AttentionResult ref = referenceAttention(*scheme, Sequence::positions(300));
    const int hd = m.headDim();
    for (int h = 0; h < m.heads; ++h) {
        const HeadBound bound = test::headBound(plan, h, ref.heads[h], {});
        expectWithin(a.output.middleCols(h * hd, hd), b.output.middleCols(h * hd, hd), 2 * bound.output,
                     "output of head " + std::to_string(h));
        if (h == 1) expectWithin(a.heads[1].probs, b.heads[1].probs, 2 * bound.probs, "probs");
    }
    EXPECT_EQ(a.heads[0].probs.size(), 0) << "only the selected head keeps its n × n matrices";
}

TEST(Engine, ReusedResultIsRewritten)
{
    ModelConfig m;
    m.seed = freshSeed();
    OneDnnEngine engine;
    AttentionResult result;
    for (const char* name : {"t5", "rope", "t5"}) {
        const auto scheme = makeScheme(name, {}, m);
        const Sequence seq = Sequence::positions(100);
        const AttentionPlan plan = makePlan(*scheme, seq);
        poison(result, plan);
        engine.run(plan, RunOptions::forHead(2), result);
        const AttentionResult ref = referenceAttention(*scheme, seq);
        expectAgreement(result, ref, plan, RunOptions::forHead(2), {}, name);
    }
}

// Two double evaluations: both within the double bound (u = 2^−53) of the exact values. Also the
// bias above the diagonal: hidden cells have −∞ logits but their bias is still reported
// (seed-linear's Mask ⊙ E(Δ) makes its Δ term 0 there, the other schemes keep theirs).
TEST(Engine, ReferenceEngineMatchesOracle)
{
    ReferenceEngine engine;
    OneDnnEngine onednn;
    for (const Case& c : allCases()) {
        ModelConfig m;
        m.dModel = 24;
        m.heads = 3;
        m.causal = true;
        m.seed = freshSeed();
        const auto scheme = makeScheme(c.scheme, c.params, m);
        Sequence seq = Sequence::positions(20);
        seq.start = 5;   // absolute encodings and RoPE angles start at 5
        const AttentionResult ref = referenceAttention(*scheme, seq);
        RunOptions opts;
        opts.allHeads = true;
        opts.logits = opts.bias = true;
        const AttentionPlan plan = makePlan(*scheme, seq);
        const AttentionResult got = engine.run(plan, opts);
        const AttentionResult fast = onednn.run(plan, opts);
        BoundOptions f64;
        f64.arith = Arith::F64;
        expectAgreement(got, ref, plan, opts, f64, caseName(c) + " reference engine");
        for (int h = 0; h < m.heads; ++h)
            expectWithin(fast.heads[h].bias, ref.heads[h].bias,
                         agreementBound(plan, h, ref.heads[h], {}).bias,
                         caseName(c) + " oneDNN bias of head " + std::to_string(h));
    }
}

TEST(EngineErrors, BadThreadCounts)
{
    ModelConfig m;
    const auto scheme = makeScheme("none", {}, m);
    const AttentionPlan plan = makePlan(*scheme, Sequence::positions(4));
    OneDnnEngine engine;
    for (int t : {-1, 1025, 1 << 30}) {
        RunOptions o;
        o.threads = t;
        EXPECT_THROW(engine.run(plan, o), Error) << t;
    }
    EXPECT_THROW(resolveThreads(-3), Error);
    EXPECT_EQ(resolveThreads(3), 3);
    EXPECT_GE(resolveThreads(0), 1);
}

TEST(EngineErrors, Bf16WithoutCpuSupport)
{
    if (OneDnnEngine::bf16Supported()) GTEST_SKIP() << "this CPU has bf16; the refusal path cannot run here";
    ModelConfig m;
    const auto scheme = makeScheme("none", {}, m);
    RunOptions o;
    o.precision = Precision::BF16;
    OneDnnEngine engine;
    EXPECT_THROW(engine.run(makePlan(*scheme, Sequence::positions(4)), o), Error);
}

TEST(EngineErrors, Names)
{
    EXPECT_EQ(parseEngineKind("onednn"), EngineKind::OneDnn);
    EXPECT_EQ(parseEngineKind("reference"), EngineKind::Reference);
    EXPECT_THROW(parseEngineKind("eigen"), Error);
    EXPECT_EQ(parsePrecision("bf16"), Precision::BF16);
    EXPECT_THROW(parsePrecision("f16"), Error);
    EXPECT_THROW(parsePoolMode("median"), Error);
}

} // namespace

namespace {

// Sequences longer than one key block take the online-softmax path; small blocks reach it at small n.
TEST(EngineBlocks, OnlineSoftmaxAcrossKeyBlocks)
{
    OneDnnEngine engine;
    for (const char* name : {"alibi", "transformer-xl", "deberta", "shaw", "rope"})
        for (bool causal : {false, true})
            for (int block : {16, 100}) {
                ModelConfig m;
                m.heads = 2;
                m.causal = causal;
                m.seed = freshSeed();
                const auto scheme = makeScheme(name, {}, m);
                const Sequence seq = Sequence::positions(333);
                const AttentionResult ref = referenceAttention(*scheme, seq);
                const AttentionPlan plan = makePlan(*scheme, seq);
                RunOptions opts; // no head kept: every head streams its keys in blocks
                opts.probs = false;
                opts.keyBlock = block;
                opts.tileRows = 48;
                AttentionResult got;
                poison(got, plan);
                engine.run(plan, opts, got);
                const std::string what =
                    std::string(name) + (causal ? " causal" : "") + " block=" + std::to_string(block);
                BoundOptions bounds;
                bounds.keyBlock = block;
                expectAgreement(got, ref, plan, opts, bounds, what);
                const PooledProbs p = engine.pooled(plan, 1, 50, PoolMode::Mean, opts);
                Eigen::MatrixXd want(50, 50);
                for (int a = 0; a < 50; ++a)
                    for (int b = 0; b < 50; ++b)
                        want(a, b) = ref.heads[1]
                                         .probs
                                         .block(p.edges[a], p.edges[b], p.edges[a + 1] - p.edges[a],
                                                p.edges[b + 1] - p.edges[b])
                                         .mean();
                expectWithin(p.grid, want,
                             test::pooledBound(agreementBound(plan, 1, ref.heads[1], bounds).probs,
                                               ref.heads[1].probs, p.edges, PoolMode::Mean),
                             what + " pooled");
                if (OneDnnEngine::bf16Supported()) {
                    opts.precision = Precision::BF16;
                    poison(got, plan);
                    engine.run(plan, opts, got);
                    bounds.arith = Arith::BF16;
                    expectAgreement(got, ref, plan, opts, bounds, what + " bf16");
                }
            }
}

} // namespace

// A run whose cancel flag is set stops with Cancelled (both engines, full and pooled runs), and the
// engine is usable afterwards: the next run without the flag matches the oracle.
TEST(Engine, CancelledRunThrowsAndEngineRecovers)
{
    ModelConfig m;
    m.seed = freshSeed();
    const auto scheme = makeScheme("t5", {}, m);
    const Sequence seq = Sequence::positions(257);
    const AttentionPlan plan = makePlan(*scheme, seq);
    std::atomic<bool> stop{true};
    RunOptions cancelled = RunOptions::forHead(0);
    cancelled.cancel = &stop;
    OneDnnEngine onednn;
    ReferenceEngine reference;
    EXPECT_THROW(onednn.run(plan, cancelled), Cancelled);
    EXPECT_THROW(reference.run(plan, cancelled), Cancelled);
    EXPECT_THROW(onednn.pooled(plan, 0, 16, PoolMode::Max, cancelled), Cancelled);
    stop = false; // the same flag, cleared: the run completes
    const AttentionResult got = onednn.run(plan, cancelled);
    const AttentionResult ref = referenceAttention(*scheme, seq);
    expectAgreement(got, ref, plan, cancelled, {}, "after the cancelled runs");
}

// Seed-linear's Δ enters unnormalised: at n = 300 its key-table term reaches ~1000, where a float
// logit is off by up to 6e-5; in float the probabilities were off by 2e-6 to 8e-6 relative (up to
// 5.7e-5 in one cell). The engine computes such terms in double relative to each row's anchor (its
// largest visible term), so the float error scales with |term − anchor|, near 0 for the keys that
// carry the probability: the bound here is that of this precise path (KeyTablePath::Precise) alone.
TEST(Engine, LargeTableTermsKeepFp32Agreement)
{
    OneDnnEngine engine;
    for (bool causal : {false, true})
        for (double temperature : {1.0, 0.25}) {
            ModelConfig m; // the CLI's defaults: d_model 64, 4 heads
            m.causal = causal;
            m.temperature = temperature;
            m.seed = freshSeed();
            const auto scheme = makeScheme("seed-linear", {}, m);
            const Sequence seq = Sequence::positions(300);
            const AttentionResult ref = referenceAttention(*scheme, seq);
            RunOptions opts;
            opts.allHeads = true;
            opts.logits = opts.bias = true;
            const AttentionPlan plan = makePlan(*scheme, seq);
            const AttentionResult got = engine.run(plan, opts);
            BoundOptions precise;
            precise.keyTable = test::KeyTablePath::Precise;
            expectAgreement(got, ref, plan, opts, precise,
                            std::string(causal ? "causal" : "") + " T=" + std::to_string(temperature));
        }
}

// retainFreedMemory must really reach glibc: a 4 MiB block then comes from the heap, not from a
// fresh mmap (whose pages fault in again on every recompute). It once compiled to nothing because
// __GLIBC__ was tested before any libc header had defined it.
TEST(Allocator, LargeBlocksComeFromTheHeapAfterRetainFreedMemory)
{
#if defined(__GLIBC__)
    retainFreedMemory();
    const std::size_t mappedBefore = mallinfo2().hblkhd;
    void* block = std::malloc(4 << 20);
    ASSERT_NE(block, nullptr);
    EXPECT_EQ(mallinfo2().hblkhd, mappedBefore) << "the 4 MiB block was mmapped";
    std::free(block);
#else
    GTEST_SKIP() << "not glibc";
#endif
}

// Runs on unchanged inputs reuse each head's q, k, v and packed K (HeadData::Source): they must still
// follow what they are made with (the rotation's angles and pairs, the key block, the precision),
// so the probabilities equal, bit for bit, those of a fresh engine.
TEST(EngineReuse, HeadsFollowRotationBlocksAndPrecision)
{
    ModelConfig m;
    m.heads = 2;
    m.seed = 4242;
    OneDnnEngine engine;
    const Sequence seq = Sequence::positions(300);
    struct Step
    {
        const char* base;
        const char* layout;
        int keyBlock;
        bool bf16;
    };
    for (const Step& s : {Step{"10000", "half", 0, false}, Step{"500", "half", 0, false},
                          Step{"500", "interleaved", 0, false}, Step{"500", "interleaved", 64, false},
                          Step{"500", "interleaved", 0, true}, Step{"10000", "half", 0, false}}) {
        if (s.bf16 && !OneDnnEngine::bf16Supported()) continue;
        const auto scheme = makeScheme("rope", {{"base", s.base}, {"layout", s.layout}}, m);
        const AttentionPlan plan = makePlan(*scheme, seq);
        RunOptions opts = RunOptions::forHead(1); // bare positions: only the probabilities tell
        opts.keyBlock = s.keyBlock;
        opts.precision = s.bf16 ? Precision::BF16 : Precision::F32;
        AttentionResult reused, fresh;
        engine.run(plan, opts, reused);
        OneDnnEngine().run(plan, opts, fresh);
        EXPECT_TRUE(reused.heads[1].probs == fresh.heads[1].probs)
            << "base " << s.base << " " << s.layout << " block " << s.keyBlock << (s.bf16 ? " bf16" : "");
        EXPECT_TRUE(reused.output == fresh.output) << "base " << s.base;
    }
}
