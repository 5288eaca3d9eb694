#pragma once

#include "attention.h"
#include "plan.h"

#include <string>
#include <vector>

namespace poslab {

// The score of a head as the engines split it, in this order (absent parts left out):
// content-content, content-position, position-content, position-position (when pe is not zero),
// rotation (rotated − unrotated), key table (scale · q_i·keyTable[r(o)]), query table
// (scale · k_j·queryTable[r(o)]), key bias (scale · keyBias·k_j), offset bias, cell term (FIRE, CoPE).
enum class Component
{
    CC,
    CP,
    PC,
    PP,
    Rotation,
    KeyTable,
    QueryTable,
    KeyBias,
    OffsetBias,
    Cell
};
std::vector<Component> planComponentList(const AttentionPlan& plan, int head);
std::string componentName(Component c);

// The names the oracle gives the same terms (referenceAttention's HeadResult::terms), in order;
// found by asking the scheme for the terms of a one-token sequence. Error if the counts differ.
std::vector<std::string> oracleTermNames(const Scheme& scheme);

// Renames the terms of every head in `result` to the oracle's names of `scheme`.
void nameTerms(const Scheme& scheme, AttentionResult& result);

} // namespace poslab
