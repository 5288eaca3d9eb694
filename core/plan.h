#pragma once

#include "model.h"

#include <memory>
#include <vector>

#include <Eigen/Core>

namespace poslab {

// A scheme's action on one head in a form a fast engine can fuse. Everything position-dependent is
// either a rotation of q and k or a table indexed by the offset: for an n-token sequence, offset
// index o = Δ + n − 1 = j − i + n − 1 runs over 0 .. 2n − 2.
//
//   score_ij = scale · (q̃_i·k̃_j + q_i·keyTable[r(o)] + k_j·queryTable[r(o)] + keyBias·k_j) + offsetBias[o]
//              + cell(i, j)
//   z_i      = Σ_j p_ij (v_j + valueTable[r(o)])
//
// with q = x W_q, k = x W_k, v = x W_v for x = e + pe, q̃, k̃ rotated when `rotary` is on, and
// p = softmax over j of score / temperature (masked when causal). The oracle in attention.cpp
// computes the same numbers scheme by scheme; tests hold the two together.
struct OffsetTable
{
    Eigen::MatrixXd rows;          // m × head_dim
    std::vector<int> rowOfOffset;  // 2n − 1 entries, each in [0, m)
    bool empty() const { return rows.size() == 0; }
};

// A part of the score that depends on the cell (i, j) itself, not on the offset alone: FIRE's bias
// (the query's position normalises the distance), CoPE's (the row's content counts the positions).
// Engines ask for it row by row, so no n × n matrix is ever held. Immutable: shared by threads.
class CellTerm
{
  public:
    virtual ~CellTerm() = default;
    // out[c] = the term of query row i and key j0 + c for c < len, final (already scaled, not
    // divided by the temperature), in double. Rows and keys are 0-based indices of the sequence.
    virtual void row(int i, int j0, int len, double* out) const = 0;
    // True when a row is far cheaper in one call over all its keys (CoPE's suffix sums): the engines
    // then visit such a head's rows in a single key block.
    virtual bool wholeRow() const { return false; }
    // For error bounds: Σ |parts| whose roundings make the value of (i, j), and how many roundings
    // a part goes through at most (the value is within γ_roundings·magnitude of the exact one).
    virtual double magnitude(int i, int j) const = 0;
    virtual int roundings() const = 0;
};

// Every cell of the term for an n-token sequence (n × n), row by row.
Eigen::MatrixXd cellMatrix(const CellTerm& term, int n);

struct HeadPlan
{
    std::vector<double> offsetBias;   // 2n − 1 entries (already final: not multiplied by scale), or empty
    Eigen::VectorXd keyBias;          // head_dim, or empty: Transformer-XL's u
    OffsetTable keyTable;             // Shaw a^K, Transformer-XL W_R R, DeBERTa K^r, seed-linear W_k E(Δ)
    OffsetTable queryTable;           // DeBERTa Q^r (p2c)
    OffsetTable valueTable;           // Shaw a^V
    // The key and query table terms are multiplied by Mask_ij (1 where query i may see key j): the
    // seed article's RPE = PE + Mask ⊙ E. Only the bias of hidden cells shows it; their logits are −∞.
    bool maskTables = false;
    // score_ij += cell(i, j) (FIRE, CoPE): added like offsetBias, final; null for most schemes.
    std::shared_ptr<const CellTerm> cell;
};

// The rotation covers the first r = 2·theta.size() dims of a head (r < head_dim: partial rotary,
// GPT-NeoX rotary_pct); the others pass through unchanged.
struct RotaryPlan
{
    bool enabled = false;
    bool interleaved = false;         // pairs (2c, 2c+1); otherwise (c, c + r/2)
    std::vector<double> theta;        // r / 2 angles per position step (inv_freq)
    int start = 0;                    // row p is at position start + p: angle (start + p)·θ_c
    double scale = 1.0;               // attention factor: multiplies cos and sin of q and k alike
    // xPos (Sun et al. 2023): pair c of q is also multiplied by ζ_c^(m/scaleBase) and of k by
    // ζ_c^(−m/scaleBase), m = position + scaleOrigin (torchscale centres m on the sequence).
    std::vector<double> zeta = {};    // one scale per pair, or empty (no scale: RoPE)
    double scaleBase = 512.0;
    int scaleOrigin = 0;
    int pairs() const { return static_cast<int>(theta.size()); }
};

enum class RotarySide { Query, Key };

// torchscale's centring for `n` tokens from `start`: min_pos = −(start + n) // 2 (Python's floor).
int xposScaleOrigin(int start, int n);
// The xPos factor of pair c at `position` for q or k: ζ_c^(±(position + scaleOrigin)/scaleBase); 1 without zeta.
double rotaryScale(const RotaryPlan& rotary, int position, int c, RotarySide side);

// x rotated as at `position`: pair c turned by position·θ_c and scaled by the attention factor,
// (x1, x2) -> scale·(x1 cos − x2 sin, x1 sin + x2 cos); dims beyond the rotary ones unchanged.
// The rotation alone (no xPos scale).
Eigen::VectorXd rotateAt(const Eigen::VectorXd& x, int position, const RotaryPlan& rotary);
// The same, then each pair multiplied by rotaryScale(rotary, position, c, side).
Eigen::VectorXd rotateAt(const Eigen::VectorXd& x, int position, const RotaryPlan& rotary, RotarySide side);
// Every row p of x rotated (and scaled for `side`) as at position rotary.start + p.
Eigen::MatrixXd rotateRows(const Eigen::MatrixXd& x, const RotaryPlan& rotary, RotarySide side);

struct AttentionPlan
{
    ModelConfig model;
    Eigen::MatrixXd content;          // n × d_model
    Eigen::MatrixXd pe;               // n × d_model (zeros when the scheme has none)
    std::shared_ptr<const Projections> proj; // shared with Projections::shared's cache
    double scale = 1.0;
    RotaryPlan rotary;
    std::vector<HeadPlan> heads;
    int n() const { return static_cast<int>(content.rows()); }
};

class Scheme;
struct Sequence;

// Builds the plan of `scheme` for `seq` (content, pe, projections, and each head's tables).
AttentionPlan makePlan(const Scheme& scheme, const Sequence& seq);

} // namespace poslab
