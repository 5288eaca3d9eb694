#pragma once

#include "attention.h"
#include "engine/options.h"
#include "plan.h"

#include <memory>
#include <string>
#include <vector>

namespace poslab {

// Runs attention on a plan. Engines keep buffers and primitives between calls: reuse one engine
// (and, where possible, one result) across recomputations.
class AttentionEngine
{
  public:
    virtual ~AttentionEngine() = default;
    virtual EngineKind kind() const = 0;
    // Fills `result`, reusing its storage when the shapes match. Throws poslab::Error.
    virtual void run(const AttentionPlan& plan, const RunOptions& options, AttentionResult& result) = 0;
    AttentionResult run(const AttentionPlan& plan, const RunOptions& options);
    // One line for the user: "oneDNN f32, 2 threads (avx512_core_bf16)".
    virtual std::string describe() const = 0;
};

std::unique_ptr<AttentionEngine> makeEngine(EngineKind kind);

// For RunOptions::onlyHead, before an engine's head loop: checks the head and empties the others
// (no matrices, no output, zero columns in result.output), so every engine skips them alike.
void skipOtherHeads(const AttentionPlan& plan, const RunOptions& options, AttentionResult& result);

} // namespace poslab
