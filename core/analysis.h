#pragma once

// What the explorer's views show, derived from an AttentionResult without recomputing attention.
// Masked entries are the non-finite ones (−inf logits) plus, when `causal`, every j > i.

#include "attention.h"
#include "scheme.h"

#include <string>
#include <vector>

#include <Eigen/Core>

namespace poslab {

// Mean of m along each diagonal Δ = j − i: entry k is Δ = k − (n − 1), k = 0 .. 2n − 2.
// Masked cells are excluded; a diagonal with no visible cell is NaN.
std::vector<double> diagonalProfile(const Eigen::MatrixXd& m, bool causal);

enum class Pooling
{
    Max,
    Mean
};
std::string poolingName(Pooling pooling);

// m reduced to at most maxRows × maxCols cells: block (r, c) covers rows [r·rowStep, ...) and
// columns [c·colStep, ...). Masked cells are left out; a block with none visible is NaN.
struct PooledMatrix
{
    Eigen::MatrixXd values;
    int rowStep = 1;
    int colStep = 1;
    bool pooled() const { return rowStep > 1 || colStep > 1; }
};
PooledMatrix downsample(const Eigen::MatrixXd& m, int maxRows, int maxCols, Pooling pooling, bool causal);

// a − b where both are visible, NaN where either is masked.
Eigen::MatrixXd difference(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, bool causal);
// max |a − b| over cells visible in both (0 for none); +inf when their masks or shapes differ.
double maxAbsDifference(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, bool causal);

// One matrix of a head by name: "probs", "logits", "bias", or the name of one of its score terms.
std::vector<std::string> headMatrixNames(const HeadResult& head);
const Eigen::MatrixXd& headMatrix(const HeadResult& head, const std::string& name); // Error if unknown

Eigen::MatrixXd deltaMatrix(int n);                        // Δ = j − i
Eigen::MatrixXd bucketMatrix(const Scheme& scheme, int n); // empty when the scheme has no buckets

// What a scheme's absolute encoding looks like at positions start .. start + n − 1 (the explorer's
// encoding view): the n × d_model matrix PE itself (the sine/cosine "barcode" of sinusoidal), each
// position's norm ‖PE_i‖, the leading principal components of the positions as curves over i (GPT-2's
// helix: tablestats.h, scikit-learn's signs), the n × n cosine similarity cos(PE_i, PE_j) of its rows
// (tablestats.h: cosine, not the raw dot product, so that a learned table's and a sinusoid's scales
// compare), and that matrix's Δ-profile, the mean along each diagonal (diagonalProfile: entry k is
// Δ = k − (n − 1)). Error when the scheme adds no absolute encoding; `withSimilarity` false leaves the
// n × n part out (too long a sequence), `withComponents` false the principal components.
inline constexpr int kEncodingComponents = 3; // principal components shown, fewer when n or d_model is
struct AbsoluteEncoding
{
    Eigen::MatrixXd pe;
    Eigen::VectorXd norms;       // ‖PE_i‖, n
    Eigen::MatrixXd components;  // n × k scores, k = min(kEncodingComponents, n, d_model); empty unless withComponents
    Eigen::VectorXd explained;   // k: the fraction of the total variance along each component
    Eigen::MatrixXd similarity;  // empty unless withSimilarity
    std::vector<double> profile; // empty unless withSimilarity
};
AbsoluteEncoding absoluteEncoding(const Scheme& scheme, int start, int n, bool withSimilarity = true,
                                  bool withComponents = true);
// The same parts of a table at hand (a checkpoint's, or one a test builds).
AbsoluteEncoding encodingOf(Eigen::MatrixXd pe, bool withSimilarity = true, bool withComponents = true);

// RoFormer's long-term decay (Su et al. 2021, "RoFormer: Enhanced Transformer with Rotary Position
// Embedding", §3.4.3, eqs. 35–37): with h_j = q_[2j:2j+1] k*_[2j:2j+1] and
// S_j = Σ_{k=0}^{j−1} e^{iΔθ_k}, |Σ_j h_j e^{iΔθ_j}| ≤ (max_j |h_{j+1} − h_j|) Σ_{j=1}^{d/2} |S_j|,
// and the paper's Figure 2 plots the relative upper bound (1/(d/2)) Σ_{j=1}^{d/2} |S_j| against the
// relative distance. Entry r is Δ = −range + r; each value is divided by the one at Δ = 0, (d/2 + 1)/2,
// so that the curve starts at 1. The paper writes m − n for query minus key, so its distance is −Δ;
// the curve is even in Δ. invFreq: θ_0 .. θ_{d/2−1}, the scheme's own (Scheme::frequencies).
std::vector<double> ropeDecayBound(const std::vector<double>& invFreq, int range);
// The inv_freq of `scheme` for one head of `headDim` dimensions (its own parameters and scaling, at
// sequence length n): the bound's θ at a head size other than the model's. Error when the scheme
// has no rotary frequencies or the head size does not suit it.
std::vector<double> rotaryFrequenciesAt(const Scheme& scheme, int headDim, int n);

// How to draw a scheme's Δ-curve: column 0 is Δ; index columns (bucket, clip_index, table_row) are
// not values but say where the value changes; with one, values are a step function. A curve with
// nothing but indices (DeBERTa) draws the indices themselves.
struct CurveLayout
{
    std::vector<int> valueColumns;
    int indexColumn = -1;
    bool steps = false;
    std::vector<double> boundaries; // Δ + ½ wherever the index changes between Δ and Δ + 1
};
CurveLayout curveLayout(const DeltaCurve& curve);

} // namespace poslab
