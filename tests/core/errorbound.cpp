// The longer bounds of errorbound.h: weighted sums, the softmax, and the check of numbers against
// their bounds.

#include "errorbound.h"

#include <algorithm>
#include <limits>
#include <ostream>

namespace poslab::test {

using Eigen::MatrixXd;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

} // namespace

MatrixXd weightedSumBound(const MatrixXd& p, const MatrixXd& w, const Bounded& v, int roundings, double u)
{
    const MatrixXd vh = v.mag + v.err;
    return w * vh + p * v.err + gamma(roundings, u) * ((p + w) * vh);
}

MatrixXd softmaxBound(const MatrixXd& logits, const MatrixXd& delta, const MatrixXd& slack,
                      const MatrixXd& pLo, const MatrixXd& pHi, bool weighted, bool causal,
                      const SoftmaxArithmetic& ar)
{
    // The exponent of e_j is fl(ℓ̂_j − m̂): off by δ_j and by u·(m̂ − ℓ̂_j); the rescaling exponents
    // of later key blocks (α = exp(m_b − m′), the pooled cells' exp(ref − m)) are rounded too, and as
    // the maxima only grow they add at most u·(m̂ − ℓ̂_j) more: a_j = δ_j + 2u·s_j, s_j ≥ m̂ − ℓ̂_j
    // from the exact logits (the oracle's, within `slack`). On its way e_j meets E ≤ B + 2 exps (its
    // own, one per later block, the pooled finish) and R ≤ n + B + 4 roundings (the n-term sum l in
    // any order, the α products, the normalisation). So with upper_j = e^{a_j}(1 + ε)^E(1 + γ_R) and
    // lower_j = e^{−a_j}(1 − ε)^E(1 − γ_R) (0 if its argument may fall below the exp's floor):
    //   p̂_j / p_j ∈ [lower_j / D⁺, upper_j / D⁻],  D± bounding l̂ / Σ_k e^{ℓ_k − m̂} = Σ_k p_k·factor_k,
    //   |p̂_j − p_j| ≤ p_j·max(upper_j / D⁻ − 1, 1 − lower_j / D⁺).
    const auto n = logits.rows();
    const auto visible = [causal](Eigen::Index i, Eigen::Index j) { return !causal || j <= i; };
    const double u = ar.u;
    const int E = ar.blocks + 2;
    const double R = static_cast<double>(n) + ar.blocks + 4;
    const double up = std::pow(1 + ar.expRel, E) * (1 + gamma(R, u));
    const double down = std::pow(1 - ar.expRel, E) * (1 - gamma(R, u));
    MatrixXd out = MatrixXd::Zero(n, n);
    std::vector<double> upper(n), lower(n), s(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        double m = -kInf, dmax = 0.0, smax = 0.0;
        for (Eigen::Index j = 0; j < n; ++j)
            if (visible(i, j)) {
                m = std::max(m, logits(i, j));
                dmax = std::max(dmax, delta(i, j));
                smax = std::max(smax, slack(i, j));
            }
        double dPlus = 0.0, dMinus = 0.0, maxUpper = 0.0, minLower = kInf, lost = 0.0;
        for (Eigen::Index j = 0; j < n; ++j) {
            if (!visible(i, j)) continue;
            s[j] = (m - logits(i, j)) + delta(i, j) + dmax + slack(i, j) + smax;
            const double a = delta(i, j) + 2 * u * s[j];
            upper[j] = std::exp(a) * up;
            const bool mayFlush = s[j] * (1 + u) > -ar.expFloor;
            lower[j] = mayFlush ? 0.0 : std::exp(-a) * down;
            if (weighted) {
                dPlus += pHi(i, j) * upper[j];
                dMinus += pLo(i, j) * lower[j];
            } else {
                maxUpper = std::max(maxUpper, upper[j]);
                if (mayFlush)
                    lost += std::min(1.0, std::exp(-(m - logits(i, j)) + a)); // its p at most
                else
                    minLower = std::min(minLower, lower[j]);
            }
        }
        if (!weighted) {
            dPlus = maxUpper;
            dMinus = minLower * std::max(0.0, 1.0 - lost);
        }
        for (Eigen::Index j = 0; j < n; ++j) {
            if (!visible(i, j)) continue;
            const double f = std::max(dMinus > 0 ? upper[j] / dMinus - 1 : kInf, 1 - lower[j] / dPlus);
            // p ≤ pHi (weighted), else p ≤ p̂ / (1 − f) from |p̂ − p| ≤ p·f
            const double p = weighted ? pHi(i, j) : (f < 1 ? pHi(i, j) / (1 - f) : 1.0);
            out(i, j) = p * f + R * ar.tiny;
        }
    }
    return out;
}

Excess excess(const MatrixXd& got, const MatrixXd& want, const MatrixXd& bound)
{
    Excess worst;
    if (got.rows() != want.rows() || got.cols() != want.cols() || bound.rows() != want.rows() ||
        bound.cols() != want.cols()) {
        worst.ratio = kInf;
        return worst;
    }
    for (Eigen::Index j = 0; j < want.cols(); ++j)
        for (Eigen::Index i = 0; i < want.rows(); ++i) {
            const double g = got(i, j), w = want(i, j), d = std::abs(g - w);
            double r = 0.0;
            if (std::isinf(w) || std::isnan(d))
                r = g == w ? 0.0 : kInf;
            else if (d > 0)
                r = bound(i, j) > 0 ? d / bound(i, j) : kInf;
            if (r > worst.ratio) worst = {r, static_cast<int>(i), static_cast<int>(j), g, w, bound(i, j)};
        }
    return worst;
}

std::ostream& operator<<(std::ostream& out, const Excess& e)
{
    if (e.i < 0) return out << "ratio " << e.ratio;
    return out << "ratio " << e.ratio << " at (" << e.i << ", " << e.j << "): got " << e.got << ", want "
               << e.want << ", bound " << e.bound;
}

} // namespace poslab::test
