// The score decomposition computed by the oneDNN engine: the oracle's names, the oracle's values,
// and a sum equal to the logits.

#include "engine/onednnengine.h"
#include "engine/terms.h"
#include "plan.h"

#include <cmath>

#include <gtest/gtest.h>

using namespace poslab;

namespace {

// ‖a − b‖ / max(‖b‖, floor) over the entries a query may see.
double relVisible(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, bool causal, double floor = 1e-30)
{
    double num = 0.0, den = 0.0;
    for (Eigen::Index i = 0; i < b.rows(); ++i)
        for (Eigen::Index j = 0; j < (causal ? i + 1 : b.cols()); ++j) {
            const double d = a(i, j) - b(i, j);
            num += std::isnan(d) ? 1e300 : d * d;
            den += b(i, j) * b(i, j);
        }
    return std::sqrt(num / std::max(den, floor * floor));
}

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
                Eigen::MatrixXd sum = Eigen::MatrixXd::Zero(n, n);
                for (std::size_t t = 0; t < r.terms.size(); ++t) {
                    EXPECT_EQ(g.terms[t].name, r.terms[t].name) << what;
                    EXPECT_LE(relVisible(g.terms[t].value, r.terms[t].value, causal), 1e-5)
                        << what << " " << r.terms[t].name;
                    ASSERT_EQ(alone.heads[1].terms.size(), r.terms.size()) << what;
                    EXPECT_LE(relVisible(alone.heads[1].terms[t].value, r.terms[t].value, causal), 1e-5)
                        << what << " " << r.terms[t].name << " (terms without bias)";
                    sum += g.terms[t].value;
                }
                // Σ terms / T = logits (where visible); the bias is everything but content-content
                EXPECT_LE(relVisible(sum / m.temperature, g.logits, causal), 1e-5) << what;
                // the bias is 0 for 'none': measure it against the logits' size
                EXPECT_LE(relVisible(g.bias, r.bias, causal, relVisible(r.logits, 0 * r.logits, causal, 1.0)),
                          1e-5)
                    << what;
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
