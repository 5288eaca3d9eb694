#pragma once

#include "attention.h"
#include "engine/options.h"
#include "scheme.h"
#include "table.h"

#include <string>

namespace poslab {

// What `poslab-cli compute --what` asks for.
enum class What { Pe, Delta, Bucket, Bias, Slopes, Logits, Probs, DeltaCurve };
What parseWhat(const std::string& name);   // Error lists the accepted names
std::string whatName(What what);
std::vector<std::string> whatNames();

struct ComputeRequest
{
    What what = What::Probs;
    int head = 0;      // for bias, logits, probs
    int range = 16;    // for delta-curve: Δ in [−range, range]
    // How bias, logits and probs are computed (see core/engine/).
    EngineKind engine = EngineKind::Reference;   // poslab-cli defaults to onednn
    Precision precision = Precision::F32;
    int threads = 0;   // 0: all cores
    int pool = 0;      // probs only: > 0 streams them into a pool × pool grid (any n, never n × n)
    PoolMode poolMode = PoolMode::Max;
};

// The one place that turns (scheme, sequence, request) into a table, for the CLI and the GUI alike.
// Throws poslab::Error for requests that do not apply (bucket of alibi, head out of range, ...).
Table computeTable(const Scheme& scheme, const Sequence& seq, const ComputeRequest& request);

// Same, when the attention result is already at hand (the GUI keeps it between views).
Table tableFromResult(const Scheme& scheme, const Sequence& seq, const AttentionResult& result,
                      const ComputeRequest& request);

} // namespace poslab
