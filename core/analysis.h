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
