// The plan (tables a fused engine uses) must describe exactly what the oracle computes. This test
// evaluates a plan with plain loops, straight from the formula in plan.h, and compares: two double
// evaluations, each within the double bound of the exact values (attentionbound.h, u = 2^−53).

#include "attention.h"
#include "boundcheck.h"
#include "plan.h"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

using namespace poslab;

namespace {

Eigen::MatrixXd rotate(const Eigen::MatrixXd& x, const RotaryPlan& r)
{
    Eigen::MatrixXd out = x;
    const int half = static_cast<int>(r.theta.size()); // rotary pairs; the other dims pass unchanged
    for (Eigen::Index p = 0; p < x.rows(); ++p)
        for (int c = 0; c < half; ++c) {
            const int a = r.interleaved ? 2 * c : c;
            const int b = r.interleaved ? 2 * c + 1 : c + half;
            const double angle = (r.start + p) * r.theta[c];
            const double cs = r.scale * std::cos(angle), sn = r.scale * std::sin(angle);
            out(p, a) = x(p, a) * cs - x(p, b) * sn;
            out(p, b) = x(p, a) * sn + x(p, b) * cs;
        }
    return out;
}

// Returns {logits, output} of one head, from the plan alone.
std::pair<Eigen::MatrixXd, Eigen::MatrixXd> evaluate(const AttentionPlan& plan, int h)
{
    const int n = plan.n(), hd = plan.model.headDim();
    const Eigen::MatrixXd x = plan.content + plan.pe;
    const Eigen::MatrixXd q = x * plan.proj->wq.middleCols(h * hd, hd);
    const Eigen::MatrixXd k = x * plan.proj->wk.middleCols(h * hd, hd);
    const Eigen::MatrixXd v = x * plan.proj->wv.middleCols(h * hd, hd);
    const Eigen::MatrixXd qr = plan.rotary.enabled ? rotate(q, plan.rotary) : q;
    const Eigen::MatrixXd kr = plan.rotary.enabled ? rotate(k, plan.rotary) : k;
    const HeadPlan& hp = plan.heads[h];
    Eigen::MatrixXd logits(n, n);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            const int o = j - i + n - 1;
            double s = qr.row(i).dot(kr.row(j));
            if (!hp.keyTable.empty())
                s += q.row(i).dot(hp.keyTable.rows.row(hp.keyTable.rowOfOffset[o]));
            if (!hp.queryTable.empty())
                s += k.row(j).dot(hp.queryTable.rows.row(hp.queryTable.rowOfOffset[o]));
            if (hp.keyBias.size())
                s += hp.keyBias.dot(k.row(j));
            s *= plan.scale;
            if (!hp.offsetBias.empty())
                s += hp.offsetBias[o];
            s /= plan.model.temperature;
            logits(i, j) = plan.model.causal && j > i ? -std::numeric_limits<double>::infinity() : s;
        }
    const Eigen::MatrixXd p = softmaxRows(logits);
    Eigen::MatrixXd out = p * v;
    if (!hp.valueTable.empty())
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j)
                out.row(i) += p(i, j) * hp.valueTable.rows.row(hp.valueTable.rowOfOffset[j - i + n - 1]);
    return {logits, out};
}

struct Case
{
    const char* scheme;
    RawParams params;
};

class PlanMatchesOracle : public ::testing::TestWithParam<Case>
{
};

TEST_P(PlanMatchesOracle, LogitsAndOutputs)
{
    for (bool causal : {false, true})
        for (int n : {1, 2, 7, 20}) {
            ModelConfig m;
            m.dModel = 24;
            m.heads = 3;
            m.causal = causal;
            m.seed = 11;
            m.temperature = 1.5;
            const auto scheme = makeScheme(GetParam().scheme, GetParam().params, m);
            Sequence seq = n == 7 ? Sequence::fromText("a b a c d b a", TokenizerMode::Word)
                                  : Sequence::positions(n);
            seq.start = n == 2 ? 3 : 0;   // a shifted sequence too
            const AttentionResult ref = referenceAttention(*scheme, seq);
            const AttentionPlan plan = makePlan(*scheme, seq);
            test::BoundOptions f64;
            f64.arith = test::Arith::F64;
            for (int h = 0; h < m.heads; ++h) {
                const auto [logits, out] = evaluate(plan, h);
                const test::HeadBound bound = test::agreementBound(plan, h, ref.heads[h], f64);
                const std::string what =
                    std::string(GetParam().scheme) + " n=" + std::to_string(n) + " h=" + std::to_string(h);
                test::expectWithin(logits, ref.heads[h].logits, bound.logits, what + " logits"); // −∞ equal
                test::expectWithin(out, ref.heads[h].output, bound.output, what + " output");
            }
        }
}

INSTANTIATE_TEST_SUITE_P(
    All, PlanMatchesOracle,
    ::testing::Values(
        Case{"none", {}}, Case{"sinusoidal", {}}, Case{"sinusoidal", {{"layout", "concat"}}},
        Case{"learned", {}}, Case{"shaw", {{"k", "2"}}}, Case{"transformer-xl", {}}, Case{"t5", {}},
        Case{"t5", {{"bidirectional", "false"}, {"num_buckets", "8"}, {"max_distance", "10"}}},
        Case{"alibi", {}}, Case{"rope", {}}, Case{"rope", {{"layout", "interleaved"}}},
        Case{"rope", {{"scaling", "yarn"}, {"factor", "4"}, {"original_max_position", "4"}}},
        Case{"rope",
             {{"scaling", "linear"}, {"factor", "2"}, {"rotary_fraction", "0.5"}, {"layout", "interleaved"}}},
        Case{"deberta", {{"bucket_size", "8"}, {"max_position", "12"}}}, Case{"deberta", {}},
        Case{"seed-linear", {}}, Case{"seed-linear", {{"activation", "gelu"}, {"pe", "sinusoidal"}}}),
    [](const auto& info) {
        std::string name = info.param.scheme;
        for (const auto& [k, v] : info.param.params)
            name += "_" + k + "_" + v;
        for (char& c : name)
            if (!std::isalnum(static_cast<unsigned char>(c)))
                c = '_';
        return name;
    });

} // namespace
