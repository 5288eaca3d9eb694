// The score decomposition computed by the oneDNN engine: the oracle's names, the oracle's values,
// and a sum equal to the logits, each within its rounding-error bound (attentionbound.h).

#include "boundcheck.h"
#include "engine/onednnengine.h"
#include "engine/terms.h"
#include "plan.h"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

using namespace poslab;

namespace {

struct Case
{
    const char* scheme;
    RawParams params;
};

TEST(EngineTerms, MatchOracleAndSumToLogits)
{
    const std::vector<Case> cases = {{"none", {}},
                                     {"sinusoidal", {}},
                                     {"learned", {}},
                                     {"shaw", {{"k", "3"}}},
                                     {"transformer-xl", {}},
                                     {"t5", {}},
                                     {"alibi", {}},
                                     {"rope", {}},
                                     {"deberta", {{"bucket_size", "8"}, {"max_position", "12"}}},
                                     {"deberta", {}},
                                     {"seed-linear", {}},
                                     {"seed-linear", {{"pe", "sinusoidal"}}}};
    OneDnnEngine engine;
    std::uint64_t seed = 500;
    for (const Case& c : cases)
        for (bool causal : {false, true})
            for (int n : {5, 150}) {
                ModelConfig m;
                m.heads = 2;
                m.causal = causal;
                m.seed = ++seed;
                m.temperature = 0.8;
                const auto scheme = makeScheme(c.scheme, c.params, m);
                Sequence seq = Sequence::positions(n);
                seq.start = n == 150 ? 37 : 0;   // shifted: the absolute terms read further down their tables
                const AttentionResult ref = referenceAttention(*scheme, seq);
                const AttentionPlan plan = makePlan(*scheme, seq);
                RunOptions opts = RunOptions::forHead(1);
                opts.terms = opts.logits = opts.bias = true;
                AttentionResult got = engine.run(plan, opts);
                // terms alone (no bias): the run must still prepare the content-only projections
                RunOptions termsOnly = RunOptions::forHead(1);
                termsOnly.terms = true;
                const AttentionResult alone = engine.run(plan, termsOnly);
                nameTerms(*scheme, got);
                const std::string what = std::string(c.scheme)
                                             .append(" n=")
                                             .append(std::to_string(n))
                                             .append(causal ? " causal" : "");
                const HeadResult& g = got.heads[1];
                const HeadResult& r = ref.heads[1];
                ASSERT_EQ(g.terms.size(), r.terms.size()) << what;
                ASSERT_EQ(alone.heads[1].terms.size(), r.terms.size()) << what;
                test::BoundOptions options;
                options.terms = true;
                const test::HeadBound agree = test::agreementBound(plan, 1, r, options);
                const test::HeadBound own = test::headBound(plan, 1, r, options); // the engine's alone
                Eigen::MatrixXd sum = Eigen::MatrixXd::Zero(n, n), sumBound = own.logits;
                Eigen::MatrixXd magnitude = Eigen::MatrixXd::Zero(n, n);
                for (std::size_t t = 0; t < r.terms.size(); ++t) {
                    EXPECT_EQ(g.terms[t].name, r.terms[t].name) << what;
                    test::expectWithin(g.terms[t].value, r.terms[t].value, agree.terms[t],
                                       what + " " + r.terms[t].name);
                    test::expectWithin(alone.heads[1].terms[t].value, r.terms[t].value, agree.terms[t],
                                       what + " " + r.terms[t].name + " (terms without bias)");
                    sum += g.terms[t].value;
                    sumBound += own.terms[t] / m.temperature;
                    magnitude += (r.terms[t].value.cwiseAbs() + agree.terms[t]) / m.temperature;
                }
                // Σ terms / T = logits where visible: both the engine's, each within its bound of the
                // exact values, plus the double sum here (K − 1 additions and the division)
                sumBound += test::gamma(static_cast<double>(r.terms.size()), test::kUnitF64) * magnitude;
                Eigen::MatrixXd visibleSum = sum / m.temperature;
                for (int i = 0; i < n; ++i)
                    for (int j = i + 1; causal && j < n; ++j)
                        visibleSum(i, j) = -std::numeric_limits<double>::infinity();
                test::expectWithin(visibleSum, g.logits, sumBound, what + " Σ terms / T against the logits");
                // the bias is everything but content-content
                test::expectWithin(g.bias, r.bias, agree.bias, what + " bias");
                EXPECT_EQ(g.terms.front().name, "content-content");
            }
}

TEST(EngineTerms, ComponentNamesWithoutAScheme)
{
    ModelConfig m;
    const auto scheme = makeScheme("transformer-xl", {}, m);
    const AttentionPlan plan = makePlan(*scheme, Sequence::positions(3));
    const auto list = planComponentList(plan, 0);
    ASSERT_EQ(list.size(), 4u);
    EXPECT_EQ(componentName(list[1]), "key table");
    EXPECT_EQ(oracleTermNames(*scheme).at(1), "(b) content-position");
}

} // namespace
