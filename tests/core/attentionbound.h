#pragma once

// Error bounds of PosLab's attention computations, derived from the plan's own operands with the
// primitives of errorbound.h: the oneDNN engine in f32 or bf16 (its fused tile pass, its score
// terms, its pooled probabilities) and a double evaluation (the oracle, the reference engine, the
// plan's formula). attentionbound.cpp writes each step's derivation beside its code.

#include "errorbound.h"

#include "attention.h"
#include "engine/options.h"
#include "plan.h"

#include <vector>

namespace poslab::test {

enum class Arith
{
    F32,  // OneDnnEngine, Precision::F32
    BF16, // OneDnnEngine, Precision::BF16
    F64   // referenceAttention, ReferenceEngine, the plan's formula in double
};

// How the engine computes a key-table term: a float product, or (large terms, headprep.cpp) in
// double relative to each row's largest visible term. Either: valid whichever the engine picks.
enum class KeyTablePath
{
    Float,
    Precise,
    Either
};

struct BoundOptions
{
    Arith arith = Arith::F32;
    int keyBlock = 0; // RunOptions::keyBlock (0: the engine's own choice)
    KeyTablePath keyTable = KeyTablePath::Either;
    bool terms = false; // also bound the score terms
};

// |computed − exact| per element. Logits and probabilities are bounded on visible cells (masked
// ones are exact: −∞ and 0, bound 0); bias and terms everywhere.
struct HeadBound
{
    Eigen::MatrixXd logits, probs, bias, output; // n × n, n × n, n × n, n × head_dim
    std::vector<Eigen::MatrixXd> terms;          // planComponentList order, scaled, not divided by T
};

// One evaluation of head h of `plan`. The exact probabilities and logits it needs as magnitudes are
// the oracle's (referenceAttention's head h), widened by the oracle's own bound.
HeadBound headBound(const AttentionPlan& plan, int h, const HeadResult& oracle, const BoundOptions& options);

// |evaluation − oracle|: the evaluation's bound plus the oracle's own (F64).
HeadBound agreementBound(const AttentionPlan& plan, int h, const HeadResult& oracle,
                         const BoundOptions& options);

// |Σ_j p̂_ij − 1| for a row of the f32 engine's probabilities normalised by the sum of its own e_ij
// (pooled, and the outputs' weights): the e_ij's own errors cancel between the two, whatever the
// logits; the rescaling exps and the roundings remain, `extra` roundings more on each p̂_ij.
double rowSumBound(int n, int keyBlock, int extra = 0);

// OneDnnEngine::pooled's grid: the cell's max or mean of the element bounds `probs` of the
// probabilities `p`, plus the pooling's own float sums.
Eigen::MatrixXd pooledBound(const Eigen::MatrixXd& probs, const Eigen::MatrixXd& p,
                            const std::vector<int>& edges, PoolMode mode);
// The same for a region's grid: rows by rowEdges, keys by keyEdges.
Eigen::MatrixXd pooledBound(const Eigen::MatrixXd& probs, const Eigen::MatrixXd& p,
                            const std::vector<int>& rowEdges, const std::vector<int>& keyEdges,
                            PoolMode mode);

} // namespace poslab::test
