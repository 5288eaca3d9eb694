#pragma once

// A position table whose principal components and norms are known in closed form, for the tests of
// the encoding view's curves (core/analysis.h AbsoluteEncoding, poslab-cli compute --what
// pe-components / pe-norms): n positions evenly spaced on a full turn, θ_i = 2πi/n, placed on a
// flattened helix in d = 6 dimensions,
//   P_i = a·cos θ_i·u + b·sin θ_i·v + e·cos 2θ_i·w + c,
// u, v, w orthonormal, c orthogonal to all three. Over a full turn (n > 4) cos θ, sin θ and cos 2θ sum
// to 0 and are pairwise orthogonal with Σ cos² θ = Σ sin² θ = Σ cos² 2θ = n/2, so the centred table
// has exactly three components, along u, v, w, with variances a²n/2 > b²n/2 > e²n/2 and scores
// ±a cos θ_i, ±b sin θ_i, ±e cos 2θ_i, and ‖P_i‖² = ‖c‖² + a² cos² θ_i + b² sin² θ_i + e² cos² 2θ_i.
// Signs (scikit-learn's PCA, sklearn/decomposition/_pca.py PCA._fit_full: svd_flip(U, Vt,
// u_based_decision=False), scikit-learn ≥ 1.5): each direction's largest |loading| is positive. u's
// is −0.8, so PC1 = −a cos θ; v's is 0.8, PC2 = +b sin θ; w = −e₅, PC3 = −e cos 2θ. A rule deciding
// by the scores instead (u_based_decision=True, older scikit-learn) makes PC1 and PC3 positive at
// θ = 0, and fails.

#include "errorbound.h"

#include <cmath>
#include <numbers>
#include <vector>

#include <Eigen/Core>

namespace poslab::test {

struct HelixTable
{
    static constexpr int d = 6;
    static constexpr double a = 5, b = 3, e = 1, offset = 2; // offset: c = 2·e₆
    int n = 24;

    double angle(int i) const { return 2 * std::numbers::pi * i / n; }
    Eigen::MatrixXd table() const
    {
        Eigen::VectorXd u(d), v(d), w(d), c(d);
        u << 0.6, -0.8, 0, 0, 0, 0;
        v << 0, 0, 0.8, 0.6, 0, 0;
        w << 0, 0, 0, 0, -1, 0;
        c << 0, 0, 0, 0, 0, offset;
        Eigen::MatrixXd p(n, d);
        for (int i = 0; i < n; ++i)
            p.row(i) = (a * std::cos(angle(i)) * u + b * std::sin(angle(i)) * v + e * std::cos(2 * angle(i)) * w + c)
                           .transpose();
        return p;
    }
    std::vector<double> rowMajor() const
    {
        const Eigen::MatrixXd p = table();
        std::vector<double> out;
        for (int i = 0; i < n; ++i)
            for (int k = 0; k < d; ++k)
                out.push_back(p(i, k));
        return out;
    }
    // Exact scores, with scikit-learn's signs (above).
    double score(int i, int component) const
    {
        const double t = angle(i);
        return component == 0 ? -a * std::cos(t) : component == 1 ? b * std::sin(t) : -e * std::cos(2 * t);
    }
    double sigma(int component) const // singular values of the centred table
    {
        return (component == 0 ? a : component == 1 ? b : e) * std::sqrt(n / 2.0);
    }
    double explained(int component) const
    {
        const double s = sigma(component);
        return s * s / (sigma(0) * sigma(0) + sigma(1) * sigma(1) + sigma(2) * sigma(2));
    }
    double norm(int i) const
    {
        const double t = angle(i);
        return std::sqrt(offset * offset + a * a * std::cos(t) * std::cos(t) + b * b * std::sin(t) * std::sin(t) +
                         e * e * std::cos(2 * t) * std::cos(2 * t));
    }
    double frobenius() const // ‖P‖_F
    {
        double s = 0;
        for (int i = 0; i < n; ++i)
            s += norm(i) * norm(i);
        return std::sqrt(s);
    }

    // Error bounds, from u (binary64) and the table's size and magnitudes. θ_i is taken as computed
    // (the table and the expected values use the same angle(i)). The table the code sees is P̂ = P + E₀
    // with |E₀| ≤ γ₄|P| elementwise (the cosine within an ulp, a product of three factors, a sum of
    // at most two nonzero terms), so ‖E₀‖_F ≤ γ₄‖P‖_F. Centring: each column mean is within γ_n of the
    // mean of |P_·k|, itself at most ‖P_·k‖/√n, and the subtraction rounds once more, so
    // ‖E₁‖_F ≤ γ_{n+2}‖P‖_F. A backward-stable SVD (Golub & Van Loan, Matrix Computations, 4th ed.,
    // §8.6.3) is the exact SVD of X + E₂ with ‖E₂‖_F ≤ p(n, d)·u·‖X‖_F for a modest polynomial p;
    // p = n·d is taken here. δ bounds ‖E₀ + E₁ + E₂‖₂ ≤ ‖·‖_F.
    double delta() const
    {
        const double f = frobenius();
        return (gamma(4, kUnitF64) + gamma(n + 2, kUnitF64) + gamma(double(n) * d, kUnitF64)) * f;
    }
    // A score: the computed Û·σ̂ equals (X + E)·v̂ up to one rounding, and v̂ is within √2·sin ϑ of v,
    // sin ϑ ≤ δ/(gap − 2δ) (Wedin's theorem; gap: from σ_c to every other singular value, 0 included
    // since d > 3), so |ŝ_ic − s_ic| ≤ ‖x_i‖·√2·δ/(gap − 2δ) + δ, plus a rounding of the score and two
    // of the expected value (a·cos θ) it is compared with.
    double scoreBound(int i, int component) const
    {
        double gap = sigma(component); // to the zero singular values
        for (int o = 0; o < 3; ++o)
            if (o != component) gap = std::min(gap, std::abs(sigma(component) - sigma(o)));
        const double x = norm(i) + offset; // ‖x_i‖ ≤ ‖P_i‖ + ‖mean‖, the mean being c
        const double err = x * std::sqrt(2.0) * delta() / (gap - 2 * delta()) + delta();
        return err + gamma(4, kUnitF64) * (std::abs(score(i, component)) + err);
    }
    // A fraction σ_c² / Σσ²: Weyl's theorem puts each σ̂ within δ of σ, so |σ̂_c² − σ_c²| ≤ 2σ_cδ + δ²
    // and the total, of min(n, d) = d values, within Σ(2σ_jδ + δ²); the sums and the division round
    // within γ_{d+2}, the expected value's own dozen operations within γ₁₂.
    double explainedBound(int component) const
    {
        const double dl = delta(), s = sigma(component);
        double total = 0, totalErr = d * dl * dl;
        for (int o = 0; o < 3; ++o) {
            total += sigma(o) * sigma(o);
            totalErr += 2 * sigma(o) * dl;
        }
        const double f = explained(component);
        return (2 * s * dl + dl * dl + f * totalErr) / (total - totalErr) +
               (gamma(d + 2, kUnitF64) + gamma(12, kUnitF64)) * f;
    }
    // A norm: P̂_i within γ₄‖P_i‖ of P_i, its norm (d products, d − 1 sums, a square root) within
    // γ_{d+1} of ‖P̂_i‖ ≤ (1 + γ₄)‖P_i‖, and the expected value's own dozen operations within γ₁₂.
    double normBound(int i) const
    {
        const double g4 = gamma(4, kUnitF64);
        return (g4 + gamma(d + 1, kUnitF64) * (1 + g4) + gamma(12, kUnitF64)) * norm(i);
    }
};

} // namespace poslab::test
