// The oracle's mechanics: softmax, scaling, masking, temperature, terms, outputs. Expected values
// are assembled here from the model's pieces by plain formulas, not by the code under test.
// Tolerances: both sides in double, the same formula in another order (a few dozen roundings of
// u = 1.1e-16 on numbers below ~100): 1e-12 relative or absolute holds that with room, and is far
// below what a wrong formula changes (the fp32 engine's bounds are derived in attentionbound.h).

#include "attention.h"
#include "error.h"
#include "lab.h"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

using namespace poslab;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

ModelConfig config(int d, int heads, bool causal = false, double lambda = 1.0, double temperature = 1.0)
{
    ModelConfig m;
    m.dModel = d;
    m.heads = heads;
    m.causal = causal;
    m.seed = 7;
    m.lambda = lambda;
    m.temperature = temperature;
    return m;
}

Sequence text(const char* s) { return Sequence::fromText(s, TokenizerMode::Word); }

} // namespace

TEST(Softmax, KnownValues)
{
    Eigen::MatrixXd l(3, 3);
    l << 0, std::log(2.0), -kInf,   //
        1000, 1000, 1000,           // no overflow
        -kInf, 5, -kInf;
    const Eigen::MatrixXd p = softmaxRows(l);
    EXPECT_NEAR(p(0, 0), 1.0 / 3, 1e-15);
    EXPECT_NEAR(p(0, 1), 2.0 / 3, 1e-15);
    EXPECT_EQ(p(0, 2), 0.0);
    for (int j = 0; j < 3; ++j)
        EXPECT_NEAR(p(1, j), 1.0 / 3, 1e-15);
    EXPECT_EQ(p(2, 0), 0.0);
    EXPECT_EQ(p(2, 1), 1.0);
}

TEST(ReferenceAttention, NoneMatchesScaledDotProductByHand)
{
    const ModelConfig m = config(12, 3);
    const auto scheme = makeScheme("none", {}, m);
    const Sequence seq = text("the cat sat on the mat");
    const AttentionResult r = referenceAttention(*scheme, seq);

    const Eigen::MatrixXd x = contentVectors(seq, m);
    const Projections p = Projections::make(m);
    const int hd = 4;
    for (int h = 0; h < 3; ++h) {
        const Eigen::MatrixXd q = x * p.wq.middleCols(h * hd, hd);
        const Eigen::MatrixXd k = x * p.wk.middleCols(h * hd, hd);
        const Eigen::MatrixXd v = x * p.wv.middleCols(h * hd, hd);
        const Eigen::MatrixXd logits = q * k.transpose() / 2.0;   // √4
        ASSERT_TRUE(r.heads[h].logits.isApprox(logits, 1e-13));
        for (int i = 0; i < seq.size(); ++i) {
            double z = 0;
            for (int j = 0; j < seq.size(); ++j)
                z += std::exp(logits(i, j));
            for (int j = 0; j < seq.size(); ++j)
                EXPECT_NEAR(r.heads[h].probs(i, j), std::exp(logits(i, j)) / z, 1e-14);
        }
        EXPECT_TRUE(r.heads[h].output.isApprox(r.heads[h].probs * v, 1e-13));
        EXPECT_TRUE(r.output.middleCols(h * hd, hd).isApprox(r.heads[h].output, 0.0));
        EXPECT_EQ(r.heads[h].bias.cwiseAbs().maxCoeff(), 0.0);
    }
    // "the" appears twice: identical content rows, so identical q rows and identical logit rows.
    EXPECT_TRUE(r.heads[0].logits.row(0).isApprox(r.heads[0].logits.row(4), 1e-13));
}

TEST(ReferenceAttention, SinusoidalTermsExpandTheProduct)
{
    const ModelConfig m = config(16, 2);
    const auto scheme = makeScheme("sinusoidal", {}, m);
    const Sequence seq = text("a b c d e");
    const AttentionResult r = referenceAttention(*scheme, seq);
    const Projections p = Projections::make(m);
    const Eigen::MatrixXd x = r.content + r.pe;
    for (int h = 0; h < 2; ++h) {
        const Eigen::MatrixXd q = x * p.wq.middleCols(h * 8, 8);
        const Eigen::MatrixXd k = x * p.wk.middleCols(h * 8, 8);
        const Eigen::MatrixXd expected = q * k.transpose() / std::sqrt(8.0);
        ASSERT_EQ(r.heads[h].terms.size(), 4u);
        Eigen::MatrixXd sum = Eigen::MatrixXd::Zero(5, 5);
        for (const auto& t : r.heads[h].terms)
            sum += t.value;
        EXPECT_TRUE(sum.isApprox(expected, 1e-12));
        EXPECT_TRUE(r.heads[h].logits.isApprox(expected, 1e-12));
        EXPECT_EQ(r.heads[h].terms[0].name, "content-content");
        EXPECT_TRUE(r.heads[h].bias.isApprox(expected - r.heads[h].terms[0].value, 1e-12));
    }
    // The absolute encoding is the paper's: PE(p, 2k) = sin(p / 10000^(2k/d)).
    EXPECT_NEAR(r.pe(3, 2), std::sin(3.0 / std::pow(10000.0, 2.0 / 16)), 1e-15);
    EXPECT_NEAR(r.pe(3, 3), std::cos(3.0 / std::pow(10000.0, 2.0 / 16)), 1e-15);
}

TEST(ReferenceAttention, CausalMaskHidesTheFuture)
{
    for (const char* name : {"none", "sinusoidal", "alibi", "rope", "t5", "shaw", "deberta", "transformer-xl"}) {
        const auto scheme = makeScheme(name, {}, config(16, 2, true));
        const AttentionResult r = referenceAttention(*scheme, text("one two three four five six seven"));
        for (const auto& h : r.heads)
            for (int i = 0; i < 7; ++i) {
                EXPECT_NEAR(h.probs.row(i).sum(), 1.0, 1e-12) << name;
                for (int j = 0; j < 7; ++j) {
                    if (j > i) {
                        EXPECT_EQ(h.logits(i, j), -kInf) << name;
                        EXPECT_EQ(h.probs(i, j), 0.0) << name;
                    } else {
                        EXPECT_TRUE(std::isfinite(h.logits(i, j))) << name;
                        EXPECT_GT(h.probs(i, j), 0.0) << name;
                    }
                }
            }
        EXPECT_EQ(r.heads[0].probs(0, 0), 1.0) << name;
    }
}

TEST(ReferenceAttention, TemperatureDividesTheLogits)
{
    const Sequence seq = text("x y z w");
    const auto cold = referenceAttention(*makeScheme("alibi", {}, config(8, 2, false, 1.0, 1.0)), seq);
    const auto hot = referenceAttention(*makeScheme("alibi", {}, config(8, 2, false, 1.0, 4.0)), seq);
    EXPECT_TRUE(hot.heads[1].logits.isApprox(cold.heads[1].logits / 4.0, 1e-14));
    EXPECT_TRUE(hot.heads[1].bias.isApprox(cold.heads[1].bias / 4.0, 1e-14));
    // A hotter softmax is flatter: its largest probability per row is smaller.
    EXPECT_LT(hot.heads[1].probs.row(0).maxCoeff(), cold.heads[1].probs.row(0).maxCoeff());
}

TEST(ReferenceAttention, PositionsOnlyWithoutPositionIsUniform)
{
    const auto r = referenceAttention(*makeScheme("none", {}, config(8, 2, false, 0.0)), text("to be or not to be"));
    for (const auto& h : r.heads)
        EXPECT_TRUE(h.probs.isApprox(Eigen::MatrixXd::Constant(6, 6, 1.0 / 6), 1e-14));
}

TEST(ReferenceAttention, CausalAlibiWithEqualContentDecaysGeometrically)
{
    // Equal content: q_i·k_j is one constant c, so p_ij ∝ exp(c − m·(i − j)) and neighbours differ
    // by the factor exp(m).
    const auto scheme = makeScheme("alibi", {}, config(16, 4, true));
    const auto r = referenceAttention(*scheme, Sequence::positions(9));
    const std::vector<double> m = {0.25, 0.0625, 0.015625, 0.00390625};   // 2^(−8(h+1)/4)
    for (int h = 0; h < 4; ++h)
        for (int i = 1; i < 9; ++i)
            for (int j = 1; j <= i; ++j)
                EXPECT_NEAR(r.heads[h].probs(i, j) / r.heads[h].probs(i, j - 1), std::exp(m[h]), 1e-12);
}

TEST(ReferenceAttention, ShawValueTermWithZeroClipIsOneSharedRow)
{
    // k = 0: every pair uses a^V[0], so Σ_j α_ij a^V_ij = a^V[0] for every query i.
    const auto scheme = makeScheme("shaw", {{"k", "0"}}, config(8, 2));
    const Sequence seq = text("alpha beta gamma delta");
    const auto r = referenceAttention(*scheme, seq);
    const Projections p = Projections::make(scheme->model());
    const Eigen::MatrixXd x = contentVectors(seq, scheme->model());
    for (int h = 0; h < 2; ++h) {
        const Eigen::MatrixXd extra = r.heads[h].output - r.heads[h].probs * (x * p.wv.middleCols(h * 4, 4));
        EXPECT_GT(extra.row(0).norm(), 0.1);
        for (int i = 1; i < 4; ++i)
            EXPECT_TRUE(extra.row(i).isApprox(extra.row(0), 1e-12));
    }
}

TEST(ReferenceAttention, LearnedTableTooShortIsAnError)
{
    const auto scheme = makeScheme("learned", {{"max_len", "4"}}, config(8, 2));
    EXPECT_NO_THROW(referenceAttention(*scheme, Sequence::positions(4)));
    EXPECT_THROW(referenceAttention(*scheme, Sequence::positions(5)), Error);
}

TEST(ComputeTable, ShapesAndKinds)
{
    LabRequest request; // poslab-cli compute --engine reference on 5 bare positions
    request.scheme = "t5";
    request.model = config(8, 2);
    request.positions = 5;
    request.engine = EngineKind::Reference;
    Lab lab;
    const auto computeTable = [&](const std::string& matrix, int head, int range) {
        LabRequest r = request;
        r.matrix = matrix;
        r.head = head;
        r.range = range;
        return lab.table(r);
    };
    const Table delta = computeTable("delta", 0, 16);
    EXPECT_TRUE(delta.integer);
    EXPECT_EQ(delta.at(1, 4), 3.0);
    EXPECT_EQ(delta.at(4, 1), -3.0);
    const Table curve = computeTable("delta-curve", 0, 3);
    ASSERT_EQ(curve.shape, (std::vector<std::size_t>{7, 4}));   // delta, bucket, 2 heads
    EXPECT_EQ(curve.columns[1], "bucket");
    EXPECT_EQ(curve.at(0, 0), -3.0);
    // T5: n = −(j − i); keys before the query (Δ < 0) use the first half of the buckets.
    EXPECT_EQ(curve.at(0, 1), 3.0);    // Δ = −3
    EXPECT_EQ(curve.at(6, 1), 19.0);   // Δ = +3: 16 + 3
    EXPECT_THROW(computeTable("slopes", 0, 16), Error);
    EXPECT_THROW(computeTable("probs", 2, 16), Error);
    EXPECT_THROW(computeTable("delta-curve", 0, -1), Error);
    const Table probs = computeTable("probs", 1, 16);
    EXPECT_EQ(probs.shape, (std::vector<std::size_t>{5, 5}));
    EXPECT_EQ(probs.tokens, (std::vector<std::string>{"0", "1", "2", "3", "4"}));
}

TEST(ReferenceAttention, ShiftLeavesRelativeSchemesUnchanged)
{
    // Shifting every position by s changes absolute encodings but not offsets.
    const Sequence seq = text("the quick brown fox jumps over the lazy dog");
    Sequence shifted = seq;
    shifted.start = 37;
    for (const char* name : {"none", "alibi", "t5", "rope", "shaw", "deberta", "transformer-xl", "sinusoidal", "learned"}) {
        const auto scheme = makeScheme(name, {}, config(16, 2));
        const auto a = referenceAttention(*scheme, seq);
        const auto b = referenceAttention(*scheme, shifted);
        const double change = (a.heads[1].probs - b.heads[1].probs).cwiseAbs().maxCoeff();
        const bool absolute = scheme->hasAbsolute();
        if (absolute)
            EXPECT_GT(change, 1e-3) << name;
        else
            EXPECT_LT(change, 1e-12) << name;
    }
    // The shifted absolute encoding is the unshifted one read further down the table.
    const auto learned = makeScheme("learned", {{"max_len", "50"}}, config(16, 2));
    EXPECT_TRUE(learned->absoluteAt(37, 9).isApprox(learned->absolute(46).bottomRows(9), 0.0));
    EXPECT_THROW(learned->absoluteAt(42, 9), Error);
    const auto sinus = makeScheme("sinusoidal", {}, config(16, 2));
    EXPECT_NEAR(sinus->absoluteAt(37, 9)(2, 0), std::sin(39.0), 1e-12);
}
