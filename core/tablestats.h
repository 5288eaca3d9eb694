#pragma once

#include <Eigen/Core>

// What an absolute position table P (n positions × d, a learned table or a sinusoid) says about
// position, for the views of a loaded checkpoint: which positions look alike, how that depends on
// the offset, the few directions along which positions spread (GPT-2's helix), and each row's size.
namespace poslab {

// cos(P_i, P_j), n × n; a row of norm 0 gives NaN in its row and column.
Eigen::MatrixXd cosineSimilarity(const Eigen::MatrixXd& p);

// ‖P_i‖ per position.
Eigen::VectorXd rowNorms(const Eigen::MatrixXd& p);

// The leading principal components of the positions: the rows of P, centred, projected on the k
// directions of largest variance. Signs as scikit-learn's PCA fixes them (svd_flip on the
// components): the largest |loading| of each direction is positive.
struct PrincipalComponents
{
    Eigen::MatrixXd scores;     // n × k: position i's coordinate along direction c
    Eigen::MatrixXd directions; // d × k, unit columns
    Eigen::VectorXd explained;  // k: the fraction of the total variance along each direction
};
PrincipalComponents principalComponents(const Eigen::MatrixXd& p, int k);

} // namespace poslab
