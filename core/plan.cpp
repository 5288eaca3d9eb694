#include "plan.h"

#include "scheme.h"

namespace poslab {

AttentionPlan makePlan(const Scheme& scheme, const Sequence& seq)
{
    AttentionPlan plan;
    plan.model = scheme.model();
    plan.content = contentVectors(seq, plan.model);
    plan.pe = scheme.absoluteAt(seq.start, seq.size());
    plan.proj = Projections::make(plan.model);
    plan.scale = scheme.scoreScale();
    plan.rotary = scheme.rotary();
    plan.rotary.start = seq.start;
    const int hd = plan.model.headDim();
    for (int h = 0; h < plan.model.heads; ++h) {
        const HeadContext ctx{plan.model, h, seq.start, plan.content, plan.pe, plan.proj.wq.middleCols(h * hd, hd),
                              plan.proj.wk.middleCols(h * hd, hd), plan.proj.wv.middleCols(h * hd, hd)};
        plan.heads.push_back(scheme.headPlan(ctx));
    }
    return plan;
}

} // namespace poslab
