#include "tablestats.h"

#include "error.h"

#include <cmath>
#include <limits>

#include <Eigen/SVD>

namespace poslab {

Eigen::MatrixXd cosineSimilarity(const Eigen::MatrixXd& p)
{
    const Eigen::VectorXd norms = rowNorms(p);
    Eigen::MatrixXd s = p * p.transpose();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (Eigen::Index i = 0; i < s.rows(); ++i)
        for (Eigen::Index j = 0; j < s.cols(); ++j)
            s(i, j) = norms(i) > 0 && norms(j) > 0 ? s(i, j) / (norms(i) * norms(j)) : nan;
    return s;
}

Eigen::VectorXd rowNorms(const Eigen::MatrixXd& p)
{
    return p.rowwise().norm();
}

PrincipalComponents principalComponents(const Eigen::MatrixXd& p, int k)
{
    const Eigen::Index rank = std::min(p.rows(), p.cols());
    if (k < 1 || k > rank)
        throw Error("principal components: k must be between 1 and " + std::to_string(rank) + ", got " +
                    std::to_string(k));
    const Eigen::MatrixXd x = p.rowwise() - p.colwise().mean();
    const Eigen::BDCSVD<Eigen::MatrixXd> svd(x, Eigen::ComputeThinU | Eigen::ComputeThinV);
    const Eigen::VectorXd sv = svd.singularValues();
    const double total = sv.squaredNorm();
    PrincipalComponents pc;
    pc.directions = svd.matrixV().leftCols(k);
    pc.scores = svd.matrixU().leftCols(k) * sv.head(k).asDiagonal();
    pc.explained = total > 0 ? Eigen::VectorXd(sv.head(k).array().square() / total) : Eigen::VectorXd::Zero(k);
    for (int c = 0; c < k; ++c) {
        Eigen::Index at = 0;
        pc.directions.col(c).cwiseAbs().maxCoeff(&at);
        if (pc.directions(at, c) < 0) {
            pc.directions.col(c) *= -1;
            pc.scores.col(c) *= -1;
        }
    }
    return pc;
}

} // namespace poslab
