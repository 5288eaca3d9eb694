#pragma once

#include "engine/engine.h"

namespace poslab {

// The plan evaluated in double with Eigen, straight from the formula in plan.h: slow, simple, and
// held equal to referenceAttention by the tests. Keeps whatever RunOptions asks for.
class ReferenceEngine final : public AttentionEngine
{
  public:
    EngineKind kind() const override { return EngineKind::Reference; }
    using AttentionEngine::run;
    void run(const AttentionPlan& plan, const RunOptions& options, AttentionResult& result) override;
    std::string describe() const override { return "reference (Eigen, double)"; }
};

// Per-head plan components in double, each n × n and already scaled (not divided by the
// temperature), in the canonical order of engine/terms.h. Shared by the reference engine and tests.
std::vector<ScoreTerm> planComponents(const AttentionPlan& plan, int head);

} // namespace poslab
