#pragma once

#include "attention.h"
#include "request.h"
#include "scheme.h"
#include "table.h"

#include <string>
#include <vector>

namespace poslab {

struct PooledProbs;

// The tables of one request's `matrix`: what poslab-cli compute writes, and a figure's data file.
enum class What
{
    Pe,
    PeComponents, // the leading principal components of the positions (analysis.h AbsoluteEncoding)
    PeNorms,      // ‖PE_i‖ per position
    Delta,
    Bucket,
    Bias,
    Slopes,
    Logits,
    Probs,
    DeltaCurve,
    Freqs,
    Context,      // rope: the context-extension view's pairs at L = n (core/contextextension.h)
    ContextCurves, // rope: its Δ-curves and attention per scaling, distances 0 .. n − 1
    Out, // the head's output z_i = Σ_j p_ij v_j (+ the scheme's value term), n × head_dim
    Positions // CoPE's counted positions of the head (n × n)
};
What parseWhat(const std::string& name); // FieldError "matrix" listing the accepted names
std::string whatName(What what);
std::vector<std::string> whatNames();
bool needsAttention(What what); // bias, logits, probs, out

// The request's table from an attention result at hand (any engine; empty when the table needs
// none). The request has been validated for LabProduct::Table.
Table tableFromResult(const Scheme& scheme, const Sequence& seq, const AttentionResult& result,
                      const LabRequest& request);
// Probabilities streamed and pooled: rows and columns are cells of tokens "first–last".
Table pooledTable(const Scheme& scheme, const PooledProbs& pooled, const LabRequest& request);

// "onednn f32", "reference": what computed a table's numbers (the "engine" of figure data).
std::string engineLabel(const LabRequest& request);

} // namespace poslab
