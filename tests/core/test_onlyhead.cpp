// The explorer's first picture of a slow request (issue 13): one head computed alone. Its matrices and
// output are exactly those of a run of every head (each head's tiles do the same arithmetic whichever
// other heads run), the other heads are empty, in both engines and through the Lab.

#include "engine/onednnengine.h"
#include "engine/referenceengine.h"
#include "error.h"
#include "lab.h"
#include "plan.h"

#include <gtest/gtest.h>

using namespace poslab;

namespace {

bool same(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b)
{
    return a.rows() == b.rows() && a.cols() == b.cols() && (a.array() == b.array()).all();
}

void expectOnlyHead(const AttentionResult& full, const AttentionResult& one, int head, int hd)
{
    ASSERT_EQ(one.heads.size(), full.heads.size());
    for (int h = 0; h < int(full.heads.size()); ++h) {
        const HeadResult& a = full.heads[std::size_t(h)];
        const HeadResult& b = one.heads[std::size_t(h)];
        if (h == head) {
            EXPECT_GT(b.probs.size(), 0);
            EXPECT_TRUE(same(a.probs, b.probs)) << "probs of head " << h;
            EXPECT_TRUE(same(a.logits, b.logits)) << "logits of head " << h;
            EXPECT_TRUE(same(a.bias, b.bias)) << "bias of head " << h;
            EXPECT_TRUE(same(a.output, b.output)) << "output of head " << h;
            EXPECT_TRUE(same(full.output.middleCols(h * hd, hd), one.output.middleCols(h * hd, hd)));
            ASSERT_EQ(a.terms.size(), b.terms.size());
            for (std::size_t t = 0; t < a.terms.size(); ++t)
                EXPECT_TRUE(same(a.terms[t].value, b.terms[t].value)) << a.terms[t].name;
        } else {
            EXPECT_EQ(b.probs.size(), 0) << "head " << h << " was not asked for";
            EXPECT_EQ(b.logits.size(), 0);
            EXPECT_EQ(b.output.size(), 0);
            EXPECT_TRUE(b.terms.empty());
            EXPECT_TRUE((one.output.middleCols(h * hd, hd).array() == 0).all());
        }
    }
}

} // namespace

TEST(OnlyHead, EqualsThatHeadOfEveryHead)
{
    std::uint64_t seed = 70;
    for (const char* name : {"alibi", "rope", "shaw", "t5"})
        for (bool causal : {false, true})
            for (EngineKind kind : {EngineKind::OneDnn, EngineKind::Reference}) {
                SCOPED_TRACE(std::string(name) + (causal ? " causal " : " ") + engineKindName(kind));
                ModelConfig m;
                m.heads = 4;
                m.causal = causal;
                m.seed = ++seed;
                const auto scheme = makeScheme(name, {}, m);
                const AttentionPlan plan =
                    makePlan(*scheme, Sequence::positions(kind == EngineKind::OneDnn ? 150 : 40));
                const auto engine = makeEngine(kind);
                RunOptions options;
                options.allHeads = true;
                options.logits = options.bias = options.terms = true;
                const AttentionResult full = engine->run(plan, options);
                for (int head : {0, 2}) {
                    RunOptions only = options;
                    only.onlyHead = head;
                    // into a result that held every head: the others are emptied, not left over
                    AttentionResult reused = full;
                    engine->run(plan, only, reused);
                    expectOnlyHead(full, reused, head, m.headDim());
                }
            }
}

TEST(OnlyHead, HeadOutOfRangeIsAFieldError)
{
    ModelConfig m;
    m.heads = 2;
    const auto scheme = makeScheme("alibi", {}, m);
    const AttentionPlan plan = makePlan(*scheme, Sequence::positions(8));
    RunOptions options;
    options.onlyHead = 2;
    for (EngineKind kind : {EngineKind::OneDnn, EngineKind::Reference})
        EXPECT_THROW(makeEngine(kind)->run(plan, options), FieldError);
}

TEST(OnlyHead, LabComputesTheHeadShownOnly)
{
    Lab lab;
    LabRequest r;
    r.positions = 120;
    r.scheme = "rope";
    r.model.heads = 4;
    r.model.causal = true;
    r.everyHead = true;
    r.terms = true;
    r.head = 3;
    const LabResult full = lab.compute(r);
    LabRequest one = r;
    one.onlyHead = true;
    const LabResult first = lab.compute(one);
    EXPECT_TRUE(first.has("probs", 3));
    EXPECT_TRUE(first.canExplain(3));
    for (int h = 0; h < 3; ++h)
        EXPECT_FALSE(first.has("probs", h)) << h;
    expectOnlyHead(*full.run.attention, *first.run.attention, 3, r.model.headDim());
    // A first picture does not stand for the whole request.
    EXPECT_FALSE(covers(one, r, false, true));
    EXPECT_FALSE(covers(r, one, false, true));
}
