// The error bounds must still catch wrong results. Each case changes a correct plan the way a real
// bug would change the computation, runs the real engine (f32) on it, and compares with the oracle
// of the correct scheme within the correct plan's bound (attentionbound.h): the unmutated run must
// stay inside the bound and the mutated one fall outside it, under every ISA and thread count.
// Then the bound model itself: it holds for any summation order and follows each term's operands.

#include "boundcheck.h"
#include "engine/onednnengine.h"
#include "engine/referenceengine.h"
#include "engine/terms.h"
#include "plan.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

#include <gtest/gtest.h>

using namespace poslab;

namespace {

constexpr int kN = 64;

struct Mutation
{
    const char* name;
    const char* scheme;
    RawParams params;
    bool causal;
    std::function<void(AttentionPlan&, const Scheme&)> apply;
};

// Each head's cell term (FIRE, CoPE) as `other` would build it on the plan's inputs.
void swapCells(AttentionPlan& plan, const Scheme& other)
{
    const int hd = plan.model.headDim();
    for (int h = 0; h < plan.model.heads; ++h) {
        const HeadContext ctx{plan.model, h, 0, plan.content, plan.pe, plan.proj->wq.middleCols(h * hd, hd),
                              plan.proj->wk.middleCols(h * hd, hd), plan.proj->wv.middleCols(h * hd, hd)};
        plan.heads[h].cell = other.headPlan(ctx).cell;
    }
}

// Δ of offset index o.
int deltaOf(int o, int n)
{
    return o - (n - 1);
}

// The worst ratio |engine − oracle| / bound over every head's logits, probabilities and outputs.
double worstRatio(const AttentionResult& got, const AttentionResult& ref, const AttentionPlan& plan,
                  const std::vector<test::HeadBound>& bounds)
{
    double worst = 0.0;
    const int hd = plan.model.headDim();
    for (int h = 0; h < plan.model.heads; ++h) {
        const test::HeadBound& b = bounds[h];
        for (const test::Excess& e :
             {test::excess(got.heads[h].logits, ref.heads[h].logits, b.logits),
              test::excess(got.heads[h].probs, ref.heads[h].probs, b.probs),
              test::excess(got.output.middleCols(h * hd, hd), ref.output.middleCols(h * hd, hd), b.output)})
            worst = std::max(worst, e.ratio);
    }
    return worst;
}

const std::vector<Mutation>& mutations()
{
    static const std::vector<Mutation> list = {
        // Δ = j − i + 1: a 1-based key position against a 0-based query.
        {"AlibiOffsetOffByOne",
         "alibi",
         {},
         true,
         [](AttentionPlan& plan, const Scheme&) {
             for (HeadPlan& hp : plan.heads) {
                 std::rotate(hp.offsetBias.begin(), hp.offsetBias.begin() + 1, hp.offsetBias.end());
                 hp.offsetBias.back() = hp.offsetBias[hp.offsetBias.size() - 2];
             }
         }},
        // ALiBi's causal linear form m·(j − i) written with i − j: distant keys gain instead of lose.
        {"AlibiSignOfDelta",
         "alibi",
         {},
         true,
         [](AttentionPlan& plan, const Scheme& scheme) {
             const std::vector<double> slopes = scheme.slopes();
             const int n = plan.n();
             for (int h = 0; h < plan.model.heads; ++h)
                 for (int o = 0; o < 2 * n - 1; ++o)
                     plan.heads[h].offsetBias[o] = slopes[h] * -deltaOf(o, n); // m·(i − j)
         }},
        // T5 bucket ids taken as 1-based rows of the 0-based bias table.
        {"T5BucketOffByOne",
         "t5",
         {},
         false,
         [](AttentionPlan& plan, const Scheme& scheme) {
             const DeltaCurve curve = scheme.deltaCurve(4 * 128); // every bucket, column 1, biases from 2
             std::map<long long, int> rowOfBucket;
             for (int r = 0; r < curve.rows.rows(); ++r)
                 rowOfBucket[static_cast<long long>(curve.rows(r, 1))] = r;
             const int n = plan.n();
             for (int h = 0; h < plan.model.heads; ++h)
                 for (int o = 0; o < 2 * n - 1; ++o) {
                     const long long b = scheme.bucket(0, deltaOf(o, n));
                     const auto next = rowOfBucket.count(b + 1) ? rowOfBucket.at(b + 1) : rowOfBucket.at(b);
                     plan.heads[h].offsetBias[o] = curve.rows(next, h + 2);
                 }
         }},
        // relative_position = query − memory (i − j), the usual sign slip in ports of T5.
        {"T5SignOfDelta",
         "t5",
         {},
         false,
         [](AttentionPlan& plan, const Scheme&) {
             for (HeadPlan& hp : plan.heads)
                 std::reverse(hp.offsetBias.begin(), hp.offsetBias.end());
         }},
        // The offset bias added after the division by the temperature (T = 1.25 here).
        {"T5BiasNotDividedByTemperature",
         "t5",
         {},
         true,
         [](AttentionPlan& plan, const Scheme&) {
             for (HeadPlan& hp : plan.heads)
                 for (double& b : hp.offsetBias)
                     b *= plan.model.temperature;
         }},
        // Transformer-XL without term (c), the global content bias u·k_j.
        {"TransformerXlMissingTermC",
         "transformer-xl",
         {},
         true,
         [](AttentionPlan& plan, const Scheme&) {
             for (HeadPlan& hp : plan.heads)
                 hp.keyBias.resize(0);
         }},
        // DeBERTa's c2p term with its own scale 1/√(3d) off by 0.1% (a constant rounded to 3 digits).
        {"DebertaC2pScaledByOnePermille",
         "deberta",
         {},
         false,
         [](AttentionPlan& plan, const Scheme&) {
             for (HeadPlan& hp : plan.heads)
                 hp.keyTable.rows *= 1.0 + 1e-3;
         }},
        // DeBERTa without p2c.
        {"DebertaMissingP2c",
         "deberta",
         {},
         true,
         [](AttentionPlan& plan, const Scheme&) {
             for (HeadPlan& hp : plan.heads)
                 hp.queryTable = {};
         }},
        // Every score scaled by 1/√d off by 0.1% (a hard-coded, rounded constant).
        {"ScoreScaleOffByOnePermille",
         "none",
         {},
         false,
         [](AttentionPlan& plan, const Scheme&) { plan.scale *= 1.0 + 1e-3; }},
        // Shaw's clip at ±(k − 1) instead of ±k, for a^K and a^V alike.
        {"ShawClipOffByOne",
         "shaw",
         {{"k", "8"}},
         false,
         [](AttentionPlan& plan, const Scheme&) {
             const int n = plan.n(), k = 8;
             for (HeadPlan& hp : plan.heads)
                 for (int o = 0; o < 2 * n - 1; ++o)
                     hp.keyTable.rowOfOffset[o] = hp.valueTable.rowOfOffset[o] =
                         std::clamp(deltaOf(o, n), -(k - 1), k - 1) + k;
         }},
        // Shaw without the value term a^V: only the outputs change.
        {"ShawMissingValueTerm",
         "shaw",
         {},
         true,
         [](AttentionPlan& plan, const Scheme&) {
             for (HeadPlan& hp : plan.heads)
                 hp.valueTable = {};
         }},
        // RoPE's pairs taken interleaved (GPT-J) on weights meant for the half layout (NeoX).
        {"RopeLayoutMismatch",
         "rope",
         {},
         true,
         [](AttentionPlan& plan, const Scheme&) { plan.rotary.interleaved = !plan.rotary.interleaved; }},
        // YaRN's attention factor applied once (to q only, or as a rather than a² on the logit).
        {"RopeAttentionFactorOnce",
         "rope",
         {{"scaling", "yarn"}, {"factor", "4"}, {"original_max_position", "8"}},
         false,
         [](AttentionPlan& plan, const Scheme&) { plan.rotary.scale = std::sqrt(plan.rotary.scale); }},
        // YaRN's ramp from the extended length (older HF: max_position_embeddings = factor·L0).
        {"RopeYarnRampFromExtendedLength",
         "rope",
         {{"scaling", "yarn"}, {"factor", "4"}, {"original_max_position", "8"}},
         false,
         [](AttentionPlan& plan, const Scheme& scheme) {
             RawParams older = {{"scaling", "yarn"},
                                {"factor", "4"},
                                {"original_max_position", "32"},
                                {"attention_factor", formatReal(plan.rotary.scale)}};
             plan.rotary.theta = makeScheme("rope", older, scheme.model())->rotary(plan.n()).theta;
         }},
        // Partial rotary turning every dim (rotary_fraction ignored): theta for the whole head.
        {"RopePartialRotaryIgnored",
         "rope",
         {{"rotary_fraction", "0.5"}},
         false,
         [](AttentionPlan& plan, const Scheme& scheme) {
             plan.rotary.theta = makeScheme("rope", {}, scheme.model())->rotary(plan.n()).theta;
         }},
        // FIRE's normaliser ψ(i) without the threshold L: max(i, L) dropped (L = 1 does that).
        {"FireNormaliserWithoutThreshold",
         "fire",
         {},
         true,
         [](AttentionPlan& plan, const Scheme& scheme) {
             swapCells(plan, *makeScheme("fire", {{"L", "1"}}, scheme.model()));
         }},
        // FIRE with ψ's c off by 1% (a constant rounded to 0.101).
        {"FireLogScaleOffByOnePercent",
         "fire",
         {{"L", "16"}},
         false,
         [](AttentionPlan& plan, const Scheme& scheme) {
             swapCells(plan, *makeScheme("fire", {{"L", "16"}, {"c", "0.101"}}, scheme.model()));
         }},
        // CoPE's gates not multiplied by the mask in a decoder: later keys are counted too.
        {"CopeCountsHiddenKeys",
         "cope",
         {},
         true,
         [](AttentionPlan& plan, const Scheme& scheme) {
             ModelConfig open = scheme.model();
             open.causal = false;
             swapCells(plan, *makeScheme("cope", {}, open));
         }},
        // CoPE's positions clamped one lower (npos − 2: an off-by-one in the table size).
        {"CopeClampOffByOne",
         "cope",
         {{"npos", "4"}},
         true,
         [](AttentionPlan& plan, const Scheme& scheme) {
             swapCells(plan, *makeScheme("cope", {{"npos", "3"}}, scheme.model()));
         }},
        // Learned absolute positions read one row further (positions counted from 1).
        {"LearnedPositionOffByOne",
         "learned",
         {},
         true,
         [](AttentionPlan& plan, const Scheme& scheme) { plan.pe = scheme.absoluteAt(1, plan.n()); }},
    };
    return list;
}

class EngineMutation : public ::testing::TestWithParam<Mutation>
{
};

TEST_P(EngineMutation, FallsOutsideTheBound)
{
    const Mutation& mutation = GetParam();
    ModelConfig m;
    m.causal = mutation.causal;
    m.temperature = 1.25;
    m.seed = 4242;
    const auto scheme = makeScheme(mutation.scheme, mutation.params, m);
    // tokens with content, so that every term varies along a row (bare positions share one content)
    std::string text;
    for (int t = 0; t < kN; ++t)
        text += "w" + std::to_string(t * 7 % 41) + " ";
    const Sequence seq = Sequence::fromText(text, TokenizerMode::Word);
    const AttentionResult ref = referenceAttention(*scheme, seq);
    const AttentionPlan plan = makePlan(*scheme, seq);
    std::vector<test::HeadBound> bounds;
    for (int h = 0; h < m.heads; ++h)
        bounds.push_back(test::agreementBound(plan, h, ref.heads[h], {}));
    OneDnnEngine engine;
    RunOptions opts;
    opts.allHeads = true;
    opts.logits = true;
    const double correct = worstRatio(engine.run(plan, opts), ref, plan, bounds);
    test::recordRatio(correct);
    EXPECT_LE(correct, 1.0) << "the correct plan";

    AttentionPlan mutated = plan;
    mutation.apply(mutated, *scheme);
    const double wrong = worstRatio(engine.run(mutated, opts), ref, plan, bounds);
    RecordProperty("mutated_ratio", std::to_string(wrong));
    EXPECT_GT(wrong, 1.0) << "the bound does not see: " << mutation.name;
}

INSTANTIATE_TEST_SUITE_P(Bugs, EngineMutation, ::testing::ValuesIn(mutations()),
                         [](const auto& info) { return std::string(info.param.name); });

// The bound of a float dot product holds whatever the order of summation (Higham (3.5)): the
// orders a SIMD kernel or a blocked gemm may use, on data with heavy cancellation.
TEST(ErrorBound, ProductHoldsForEveryOrder)
{
    const int d = 1000;
    Eigen::MatrixXd a(1, d), b(d, 1);
    for (int k = 0; k < d; ++k) {
        // alternating signs and magnitudes over six decades: the exact sum is small
        a(0, k) = (k % 2 ? -1.0 : 1.0) * std::pow(10.0, (k * 7 % 13) / 2.0 - 3) * (1 + 0.37 * std::sin(k));
        b(k, 0) = std::pow(10.0, (k * 5 % 11) / 2.0 - 3) * (1 + 0.21 * std::cos(3.0 * k));
    }
    const Eigen::MatrixXf af = a.cast<float>(), bf = b.cast<float>();
    const test::Bounded inputsA{a.cwiseAbs(), test::kUnitF32 * a.cwiseAbs()};
    const test::Bounded inputsB{b.cwiseAbs(), test::kUnitF32 * b.cwiseAbs()};
    const double bound = test::product(inputsA, inputsB, test::kUnitF32).err(0, 0);
    const double exact = (a * b)(0, 0);
    auto dot = [&](int lanes, bool backward) { // `lanes` partial sums, then added up
        std::vector<float> part(lanes, 0.f);
        for (int t = 0; t < d; ++t) {
            const int k = backward ? d - 1 - t : t;
            part[k % lanes] += af(0, k) * bf(k, 0);
        }
        float sum = 0.f;
        for (float p : part)
            sum += p;
        return static_cast<double>(sum);
    };
    for (int lanes : {1, 4, 8, 16, 1000})
        for (bool backward : {false, true})
            test::expectWithin(Eigen::MatrixXd::Constant(1, 1, dot(lanes, backward)),
                               Eigen::MatrixXd::Constant(1, 1, exact), Eigen::MatrixXd::Constant(1, 1, bound),
                               std::to_string(lanes) + " lanes" + (backward ? ", backward" : ""));
}

// The bound follows each table term's own token: a query table term (DeBERTa's p2c, k_j·Q[r])
// with the key's error, a key table term (c2p, q_i·K[r]) with the query's. One token with a
// hundred times the content makes its column, respectively its row, stand out (the other tokens
// differ by tens of percent).
TEST(ErrorBound, TableTermsFollowTheirToken)
{
    ModelConfig m;
    m.heads = 2;
    m.seed = 77;
    const auto scheme = makeScheme("deberta", {}, m);
    AttentionPlan plan = makePlan(*scheme, Sequence::positions(8));
    plan.content.row(5) *= 100.0;
    ReferenceEngine reference;
    const AttentionResult exact = reference.run(plan, RunOptions::forHead(0));
    HeadResult oracle = exact.heads[0];
    RunOptions logits = RunOptions::forHead(0);
    logits.logits = true;
    oracle.logits = reference.run(plan, logits).heads[0].logits;
    test::BoundOptions options;
    options.terms = true;
    const test::HeadBound b = test::headBound(plan, 0, oracle, options);
    const auto list = planComponentList(plan, 0);
    const auto at = [&](Component c) {
        return b.terms[std::find(list.begin(), list.end(), c) - list.begin()];
    };
    EXPECT_GT(at(Component::KeyTable)(5, 0), 30 * at(Component::KeyTable)(0, 5)) << "c2p: the query's row";
    EXPECT_GT(at(Component::QueryTable)(0, 5), 30 * at(Component::QueryTable)(5, 0))
        << "p2c: the key's column";
}

} // namespace
