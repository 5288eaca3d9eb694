#include "engine/engine.h"

#include "engine/onednnengine.h"
#include "engine/referenceengine.h"

#include "error.h"
#include "validate.h"

#include <algorithm>

#include <omp.h>

namespace poslab {

EngineKind parseEngineKind(const std::string& name)
{
    if (name == "onednn") return EngineKind::OneDnn;
    if (name == "reference") return EngineKind::Reference;
    throw Error("unknown engine " + quoteInput(name) + " (use onednn or reference)");
}

std::string engineKindName(EngineKind kind)
{
    return kind == EngineKind::OneDnn ? "onednn" : "reference";
}

Precision parsePrecision(const std::string& name)
{
    if (name == "f32") return Precision::F32;
    if (name == "bf16") return Precision::BF16;
    throw Error("unknown dtype " + quoteInput(name) + " (use f32 or bf16)");
}

std::string precisionName(Precision p)
{
    return p == Precision::BF16 ? "bf16" : "f32";
}

PoolMode parsePoolMode(const std::string& name)
{
    if (name == "max") return PoolMode::Max;
    if (name == "mean") return PoolMode::Mean;
    throw Error("unknown pool mode " + quoteInput(name) + " (use max or mean)");
}

std::string poolModeName(PoolMode mode)
{
    return mode == PoolMode::Max ? "max" : "mean";
}

bool RunOptions::keeps(int head) const
{
    return allHeads || std::find(heads.begin(), heads.end(), head) != heads.end();
}

RunOptions RunOptions::forHead(int head)
{
    RunOptions o;
    o.heads = {head};
    return o;
}

void skipOtherHeads(const AttentionPlan& plan, const RunOptions& options, AttentionResult& result)
{
    checkHead(options.onlyHead, plan.model.heads);
    const int hd = plan.model.headDim();
    for (int h = 0; h < plan.model.heads; ++h) {
        if (options.runs(h)) continue;
        result.heads[std::size_t(h)] = HeadResult{};
        result.output.middleCols(h * hd, hd).setZero();
    }
}

AttentionResult AttentionEngine::run(const AttentionPlan& plan, const RunOptions& options)
{
    AttentionResult result;
    run(plan, options, result);
    return result;
}

std::unique_ptr<AttentionEngine> makeEngine(EngineKind kind)
{
    if (kind == EngineKind::Reference) return std::make_unique<ReferenceEngine>();
    return std::make_unique<OneDnnEngine>();
}

int resolveThreads(int requested)
{
    checkThreads(requested);
    return requested == 0 ? std::max(1, omp_get_num_procs()) : requested;
}

} // namespace poslab
