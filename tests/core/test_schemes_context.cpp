// Acceptance tests for the schemes of issue 14 whose score depends on more than Δ: FIRE (Li et al.
// 2023: the query's position normalises the distance) and CoPE (Golovneva et al. 2024: the content
// counts the positions).
//
// Expected numbers are literals transcribed from the official code and evaluated outside the code
// under test (plain Python `math`, double); each test names the file and function. Engine-versus-
// oracle checks use the derived bounds of attentionbound.h.
//
// Conventions: positions are 0-based, i = query (row), j = key (column), Δ = j − i.

#include "boundcheck.h"
#include "engine/onednnengine.h"
#include "engine/referenceengine.h"
#include "error.h"
#include "explain.h"
#include "lab.h"
#include "plan.h"
#include "scheme.h"
#include "schemes/cellterms.h"
#include "schemetest.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

using namespace poslab;
using Eigen::MatrixXd;
using poslab::test::makeModel;
using poslab::test::matNear;

namespace {

const schemes::FireBias& fireOf(const AttentionPlan& plan, int h)
{
    return dynamic_cast<const schemes::FireBias&>(*plan.heads[h].cell);
}

std::string wordsText(int n)
{
    std::string text;
    for (int t = 0; t < n; ++t)
        text += "w" + std::to_string(t * 7 % 41) + " ";
    return text;
}

} // namespace

// ───────────────────────────── FIRE ─────────────────────────────

// Transcribed from the FIRE paper's pseudo-code (arXiv 2310.04418, appendix, class FIRE.forward):
//   rel = log(|c·(i − j)| + 1);  norm = log(|c·max(i, L)| + 1) + eps;  bias = mlp(rel / norm)
// with c = 0.1, L = 512, eps = 1e-6 and an MLP Linear(1, 2), ReLU, Linear(2, 1) set by hand:
// w1 = (1, −2), b1 = (0.5, 0.25), w2 = (0.75, −1.5), b2 = 0.1. Evaluated with Python's math:
//   (5, 2): x = 0.06633596099970106, bias 0.34875985374887897
//   (3, 3): x = 0, bias 0.1
//   (600, 100): x = 0.9564449813324609, bias 1.1923337359993458   (i > L: normaliser ψ(600))
//   (1000, 999): x = 0.02065171620216803, bias 0.17744393575813008
//   (2, 7): x = 0.10251745851438353, bias 0.48444046942893826      (a later key: |i − j|)
TEST(Fire, BiasMatchesThePapersForward)
{
    auto mlp = std::make_shared<schemes::FireMlp>();
    mlp->w1 = Eigen::Vector2d(1.0, -2.0);
    mlp->b1 = Eigen::Vector2d(0.5, 0.25);
    mlp->w2 = Eigen::RowVector2d(0.75, -1.5);
    mlp->b2 = Eigen::VectorXd::Constant(1, 0.1);
    const schemes::FireBias fire(mlp, 0, 0.1, 512.0, 0, 1001);
    struct Case
    {
        int i, j;
        double x, bias;
    };
    for (const Case& c : {Case{5, 2, 0.06633596099970106, 0.34875985374887897}, Case{3, 3, 0.0, 0.1},
                          Case{600, 100, 0.9564449813324609, 1.1923337359993458},
                          Case{1000, 999, 0.02065171620216803, 0.17744393575813008},
                          Case{2, 7, 0.10251745851438353, 0.48444046942893826}}) {
        EXPECT_NEAR(fire.input(c.i, c.j), c.x, 1e-15) << c.i << ", " << c.j;
        EXPECT_NEAR(mlp->eval(0, fire.input(c.i, c.j)), c.bias, 1e-14) << c.i << ", " << c.j;
        double row = 0.0; // the engines' piecewise-linear form
        fire.row(c.i, c.j, 1, &row);
        EXPECT_NEAR(row, c.bias, 1e-14) << c.i << ", " << c.j;
    }
}

// The seeded scheme: the oracle's bias (the MLP as written) and the plan's cell term (the segments)
// agree everywhere, at and beyond L, causal or not.
TEST(Fire, OracleAndPlanAgreeAtEveryCell)
{
    for (bool causal : {false, true}) {
        const auto s = makeScheme("fire", {{"L", "6"}, {"hidden", "16"}}, makeModel(16, 2, causal, 5));
        Sequence seq = Sequence::positions(20);
        seq.start = 3;
        const AttentionResult ref = referenceAttention(*s, seq);
        const AttentionPlan plan = makePlan(*s, seq);
        for (int h = 0; h < 2; ++h) {
            const MatrixXd cell = cellMatrix(*plan.heads[h].cell, 20);
            EXPECT_TRUE(matNear(cell, ref.heads[h].terms.back().value, 1e-13)) << "head " << h;
            EXPECT_TRUE(matNear(ref.heads[h].bias, cell, 1e-13)) << "the bias is the FIRE term";
        }
    }
}

// The seeded MLP follows PyTorch's nn.Linear init: first layer U(±1), second U(±1/√hidden).
TEST(Fire, SeededMlpFollowsTheLinearInit)
{
    const auto s = makeScheme("fire", {{"hidden", "32"}}, makeModel(16, 4, true, 11));
    const AttentionPlan plan = makePlan(*s, Sequence::positions(4));
    const schemes::FireMlp& mlp = fireOf(plan, 0).mlp();
    ASSERT_EQ(mlp.w1.size(), 32);
    ASSERT_EQ(mlp.w2.rows(), 4);
    EXPECT_LE(mlp.w1.cwiseAbs().maxCoeff(), 1.0);
    EXPECT_GT(mlp.w1.cwiseAbs().maxCoeff(), 0.5); // 32 draws of U(±1): not all below 0.5
    EXPECT_LE(mlp.w2.cwiseAbs().maxCoeff(), 1.0 / std::sqrt(32.0));
    EXPECT_LE(mlp.b2.cwiseAbs().maxCoeff(), 1.0 / std::sqrt(32.0));
    // the same seed draws the same MLP; another seed another
    const auto again = makeScheme("fire", {{"hidden", "32"}}, makeModel(16, 4, true, 11));
    const auto other = makeScheme("fire", {{"hidden", "32"}}, makeModel(16, 4, true, 12));
    EXPECT_EQ(fireOf(makePlan(*again, Sequence::positions(4)), 0).mlp().w1, mlp.w1);
    EXPECT_NE(fireOf(makePlan(*other, Sequence::positions(4)), 0).mlp().w1, mlp.w1);
}

// FIRE's lesson: queries at or below L share one curve of Δ (the normaliser is ψ(L)), so a shift that
// stays below L changes nothing; past L the normaliser grows with i and the same shift changes the
// bias. The compare view's shift analysis (Lab, CompareRun) reports it.
TEST(Fire, FailsTheShiftTestPastL)
{
    Lab lab;
    LabRequest r;
    r.scheme = "fire";
    r.positions = 12;
    r.model = makeModel(16, 2, true, 7);
    r.compare = true;
    r.compareScheme = "alibi";
    r.shift = 8;
    r.start = 0; // positions 0..19 with the shift: all below L = 512
    const LabResult below = lab.compute(r);
    EXPECT_LE(below.compare->shiftChangeA("bias", true), 1e-12);
    EXPECT_LE(below.compare->shiftChangeB("bias", true), 1e-12) << "ALiBi: shift-invariant";
    r.start = 600; // past L: ψ(max(i, L)) = ψ(i) moves with the shift
    const LabResult past = lab.compute(r);
    EXPECT_GT(past.compare->shiftChangeA("bias", true), 1e-4);
    EXPECT_GT(past.compare->shiftChangeA("probs", true), 1e-6);
    EXPECT_LE(past.compare->shiftChangeB("bias", true), 1e-12);
}

// The Δ-curve has one column per head at i = L, 4L, 16L; its values are the oracle's bias of a query
// at that position.
TEST(Fire, DeltaCurveColumnsAreQueriesAtL4L16L)
{
    const auto s = makeScheme("fire", {{"L", "8"}}, makeModel(16, 2, true, 3));
    const DeltaCurve c = s->deltaCurve(5);
    ASSERT_EQ(c.columns.size(), 7u);
    EXPECT_EQ(c.columns[1], "bias_i8_head0");
    EXPECT_EQ(c.columns[4], "bias_i32_head1");
    EXPECT_EQ(c.columns[6], "bias_i128_head1");
    // a query at 32 = 4L: row 5 of a sequence starting at 27
    Sequence seq = Sequence::positions(6);
    seq.start = 27;
    const AttentionResult ref = referenceAttention(*s, seq);
    for (int h = 0; h < 2; ++h)
        for (int delta = -5; delta <= 0; ++delta)
            EXPECT_NEAR(c.rows(delta + 5, 3 + h), ref.heads[h].bias(5, 5 + delta), 1e-13);
    // the curve at L is not the curve at 16L: position matters
    EXPECT_GT(std::abs(c.rows(0, 1) - c.rows(0, 5)), 1e-6);
}

TEST(Fire, WalkShowsPsiAndTheMlp)
{
    const auto s = makeScheme("fire", {{"L", "4"}}, makeModel(16, 2, true, 9));
    const Sequence seq = Sequence::positions(8);
    const AttentionResult ref = referenceAttention(*s, seq);
    const Walk w = explain(*s, seq, 1, 6, 2);
    double x = -1, bias = 0;
    for (const Step& st : w.steps)
        for (const Quantity& q : st.results) {
            if (q.name == "x_ij") x = q.value(0, 0);
            if (q.name == "bias") bias = q.value(0, 0);
        }
    EXPECT_NEAR(x, std::log1p(0.1 * 4) / (std::log1p(0.1 * 6) + 1e-6), 1e-14);
    EXPECT_NEAR(bias, ref.heads[1].bias(6, 2), 1e-13);
}

TEST(Fire, BadParametersAreOneLineErrors)
{
    for (const RawParams& bad :
         {RawParams{{"c", "0"}}, RawParams{{"c", "-0.1"}}, RawParams{{"L", "0"}}, RawParams{{"L", "nan"}},
          RawParams{{"hidden", "0"}}, RawParams{{"hidden", "1e9"}}, RawParams{{"slope", "1"}}}) {
        try {
            makeScheme("fire", bad, makeModel(16, 2));
            ADD_FAILURE() << "accepted " << bad.begin()->first << " = " << bad.begin()->second;
        } catch (const Error& e) {
            const std::string what = e.what();
            EXPECT_EQ(what.find('\n'), std::string::npos) << what;
            EXPECT_EQ(what.rfind("fire", 0), 0u) << what;
        }
    }
}

// ───────────────────────────── CoPE ─────────────────────────────

namespace {

// A hand-checked head: d_model = head_dim = 4 (√d = 2), W_q = I, and W_k chosen so that
//   q_0 = (2, 0, 0, 0), q_1 = (0, 2, 0, 0), q_2 = (1, 1, 1, 0)
//   k_0 = (0, 0, 0, 0), k_1 = (2, 0, 0, 0), k_2 = (0, −2, 0, 0)
// q·k/√d:  row 0: 0, 2, 0;  row 1: 0, 0, −2;  row 2: 0, 1, −1.
struct HandCase
{
    ModelConfig model = makeModel(4, 1, true);
    MatrixXd content, pe, wq, wk, wv;
    HandCase()
    {
        content = MatrixXd::Zero(3, 4);
        content.row(0) << 2, 0, 0, 0;
        content.row(1) << 0, 2, 0, 0;
        content.row(2) << 1, 1, 1, 0;
        pe = MatrixXd::Zero(3, 4);
        wq = wv = MatrixXd::Identity(4, 4);
        wk = MatrixXd::Zero(4, 4);
        wk.row(1) << 1, 0, 0, 0;
        wk.row(2) << -1, -2, 0, 0;
    }
    HeadContext ctx() const { return {model, 0, 0, content, pe, wq, wk, wv}; }
};

} // namespace

// Counted positions as facebookresearch/RAM projects/cope/src/cope/context_position.py,
// ContextPosSelfAttn.forward computes them: gates = sigmoid(q·kᵀ/√d)·mask, positions =
// gates.flip(-1).cumsum(-1).flip(-1), clamp(max = npos − 1). By hand (σ(0) = 0.5, and with Python's
// math σ(−1) = 0.2689414213699951, σ(1) + σ(−1) = 1.0, σ(2) + 0.5 = 1.3807970779778822):
//   causal:  p(0,0) = 0.5;  p(1,0) = 1, p(1,1) = 0.5;  p(2,0) = 1.5, p(2,1) = 1, p(2,2) = σ(−1);
//            hidden keys 0.
//   no mask: p(0,1) = σ(2) + 0.5 = 1.3807970779778822, p(0,2) = 0.5.
TEST(Cope, CountedPositionsOfAHandCheckedCase)
{
    HandCase hc;
    const auto s = makeScheme("cope", {}, hc.model);
    const MatrixXd p = s->countedPositions(hc.ctx());
    MatrixXd want(3, 3);
    want << 0.5, 0, 0, 1.0, 0.5, 0, 1.5, 1.0, 0.2689414213699951;
    EXPECT_TRUE(matNear(p, want, 1e-15));
    // the plan's row form
    const auto cell = s->headPlan(hc.ctx()).cell;
    const auto& cope = dynamic_cast<const schemes::CopeTerm&>(*cell);
    for (int i = 0; i < 3; ++i) {
        double row[3];
        cope.positions(i, 0, 3, row);
        for (int j = 0; j < 3; ++j)
            EXPECT_NEAR(row[j], want(i, j), 1e-15) << i << ", " << j;
    }
    // npos = 2: positions clamp at 1
    EXPECT_NEAR(makeScheme("cope", {{"npos", "2"}}, hc.model)->countedPositions(hc.ctx())(2, 0), 1.0, 0);
    // no mask: the count runs to the end of the row
    hc.model.causal = false;
    const MatrixXd open = makeScheme("cope", {}, hc.model)->countedPositions(hc.ctx());
    EXPECT_NEAR(open(0, 1), 1.3807970779778822, 1e-15);
    EXPECT_NEAR(open(0, 2), 0.5, 1e-15);
}

// The interpolated term, context_position.py: pos_logits = fixed[ceil]·w + fixed[floor]·(1 − w),
// fixed = q·pos_emb, then (q·k + pos_logits)/√d. With e_0 = (1,0,0,0), e_1 = (0,3,0,0),
// e_2 = (1,1,−1,0), e_3 = (0,0,0,1):  q_0·e = (2, 0, 2, 0), q_1·e = (0, 6, 2, 0), q_2·e = (1, 3, 1, 0).
//   (0,0): p 0.5  → (0·0.5 + 2·0.5)/2 = 0.5
//   (1,0): p 1    → 6/2 = 3;          (1,1): p 0.5 → (6·0.5 + 0·0.5)/2 = 1.5
//   (2,0): p 1.5  → (1·0.5 + 3·0.5)/2 = 1;   (2,1): p 1 → 3/2 = 1.5
//   (2,2): p σ(−1) = 0.2689414213699951 → (3·p + 1·(1 − p))/2 = 0.5 + p = 0.7689414213699951
//   hidden (p = 0): q_i·e_0/2 = 1 for row 0, 0 for (1, 2).
TEST(Cope, InterpolatedTermOfTheHandCheckedCase)
{
    HandCase hc;
    auto emb = std::make_shared<MatrixXd>(4, 4);
    *emb << 1, 0, 0, 0, 0, 3, 0, 0, 1, 1, -1, 0, 0, 0, 0, 1;
    const schemes::CopeTerm cope(hc.content * hc.wq, hc.content * hc.wk, emb, 0.5, true);
    MatrixXd want(3, 3);
    want << 0.5, 1, 1, 3, 1.5, 0, 1, 1.5, 0.7689414213699951;
    EXPECT_TRUE(matNear(cellMatrix(cope, 3), want, 1e-15));
    // a row asked from a later key j0 counts the same keys
    double tail[2];
    cope.row(2, 1, 2, tail);
    EXPECT_NEAR(tail[0], 1.5, 1e-15);
    EXPECT_NEAR(tail[1], 0.7689414213699951, 1e-15);
}

// The scheme's oracle (dense, as written) and its plan's cell term (row by row) agree on a seeded
// model, with a clamp (npos = 6) that the longer rows reach.
TEST(Cope, OracleAndPlanAgree)
{
    for (bool causal : {true, false}) {
        const auto s = makeScheme("cope", {{"npos", "6"}}, makeModel(16, 2, causal, 21));
        const Sequence seq = Sequence::fromText(wordsText(12), TokenizerMode::Word);
        const AttentionResult ref = referenceAttention(*s, seq);
        const AttentionPlan plan = makePlan(*s, seq);
        for (int h = 0; h < 2; ++h)
            EXPECT_TRUE(matNear(cellMatrix(*plan.heads[h].cell, 12), ref.heads[h].terms.back().value, 1e-13));
        const MatrixXd p = s->countedPositions(
            HeadContext{plan.model, 0, 0, plan.content, plan.pe, plan.proj->wq.leftCols(8),
                        plan.proj->wk.leftCols(8), plan.proj->wv.leftCols(8)});
        EXPECT_EQ(p.maxCoeff(), 5.0) << "clamped at npos − 1";
    }
}

TEST(Cope, DeltaCurveSaysItNeedsAnInput)
{
    const auto s = makeScheme("cope", {}, makeModel(16, 2, true));
    try {
        s->deltaCurve(8);
        ADD_FAILURE() << "a Δ-curve without an input";
    } catch (const Error& e) {
        const std::string what = e.what();
        EXPECT_EQ(what.find('\n'), std::string::npos);
        EXPECT_NE(what.find("depend on the tokens"), std::string::npos) << what;
    }
    for (const RawParams& bad :
         {RawParams{{"npos", "-1"}}, RawParams{{"npos", "70000"}}, RawParams{{"x", "1"}}})
        EXPECT_THROW(makeScheme("cope", bad, makeModel(16, 2)), Error);
}

TEST(Cope, WalkShowsGatesPositionAndInterpolation)
{
    const auto s = makeScheme("cope", {}, makeModel(16, 2, true, 4));
    const Sequence seq = Sequence::fromText("the cat sat on the mat", TokenizerMode::Word);
    const AttentionResult ref = referenceAttention(*s, seq);
    const AttentionPlan plan = makePlan(*s, seq);
    const Walk w = explain(*s, seq, 0, 5, 2);
    const auto& cope = dynamic_cast<const schemes::CopeTerm&>(*plan.heads[0].cell);
    double counted = -1, term = 0;
    int gates = 0;
    for (const Step& st : w.steps) {
        for (const Quantity& q : st.results) {
            if (q.name == "counted position p_ij") counted = q.value(0, 0);
            if (q.name == "term") term = q.value(0, 0);
        }
        for (const Quantity& q : st.inputs)
            if (q.name.rfind("g_it", 0) == 0) gates = static_cast<int>(q.value.cols());
    }
    EXPECT_EQ(gates, 4); // keys 2..5
    const Eigen::VectorXd g = cope.gates(5);
    EXPECT_NEAR(counted, g.segment(2, 4).sum(), 1e-14);
    EXPECT_NEAR(term, ref.heads[0].terms.back().value(5, 2), 1e-13);
}

// ─────────────────────── both, engine against oracle ───────────────────────

// The oneDNN engine (f32, fused tiles) and the reference engine agree with the oracle within the
// derived bounds: logits, probabilities, bias, outputs and the score terms; and the outputs of a run
// that keeps no matrix, in key blocks of 16 (FIRE's rows then come block by block; CoPE's whole).
TEST(ContextSchemes, EnginesAgreeWithTheOracle)
{
    OneDnnEngine onednn;
    ReferenceEngine reference;
    for (const char* name : {"fire", "cope"})
        for (bool causal : {true, false}) {
            ModelConfig m = makeModel(32, 2, causal, 77, 1.25);
            const RawParams params = std::string(name) == "fire" ? RawParams{{"L", "20"}} : RawParams{};
            const auto s = makeScheme(name, params, m);
            Sequence seq = Sequence::fromText(wordsText(48), TokenizerMode::Word);
            seq.start = 5;
            const AttentionResult ref = referenceAttention(*s, seq);
            const AttentionPlan plan = makePlan(*s, seq);
            RunOptions o;
            o.allHeads = true;
            o.logits = o.bias = o.terms = true;
            const AttentionResult got = onednn.run(plan, o);
            const AttentionResult dbl = reference.run(plan, o);
            RunOptions blocks;
            blocks.probs = false;
            blocks.keyBlock = 16;
            const AttentionResult streamed = onednn.run(plan, blocks);
            for (int h = 0; h < 2; ++h) {
                test::BoundOptions bo;
                bo.terms = true;
                const test::HeadBound b = test::agreementBound(plan, h, ref.heads[h], bo);
                const std::string what =
                    std::string(name) + (causal ? " causal" : "") + " head " + std::to_string(h);
                {
                    test::expectWithin(got.heads[h].logits, ref.heads[h].logits, b.logits, what + " logits");
                    test::expectWithin(got.heads[h].probs, ref.heads[h].probs, b.probs, what + " probs");
                    test::expectWithin(got.heads[h].bias, ref.heads[h].bias, b.bias, what + " bias");
                    test::expectWithin(got.heads[h].output, ref.heads[h].output, b.output, what + " output");
                    ASSERT_EQ(got.heads[h].terms.size(), ref.heads[h].terms.size()) << what;
                    for (std::size_t t = 0; t < ref.heads[h].terms.size(); ++t)
                        test::expectWithin(got.heads[h].terms[t].value, ref.heads[h].terms[t].value,
                                           b.terms[t], what + " term " + ref.heads[h].terms[t].name);
                    const test::HeadBound own =
                        test::agreementBound(plan, h, ref.heads[h], {.arith = test::Arith::F64});
                    test::expectWithin(dbl.heads[h].probs, ref.heads[h].probs, own.probs,
                                       what + " reference");
                }
                test::BoundOptions bb;
                bb.keyBlock = 16;
                test::expectWithin(streamed.heads[h].output, ref.heads[h].output,
                                   test::agreementBound(plan, h, ref.heads[h], bb).output,
                                   what + " blocks of 16");
            }
        }
}
