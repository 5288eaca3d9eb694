#pragma once

// Rounding-error bounds from the operands (Higham, Accuracy and Stability of Numerical Algorithms,
// 2nd ed., §2.2, §3.1, §4.2). A computed matrix is carried as a Bounded: elementwise, the exact value
// is at most `mag` in magnitude and the computed one differs from it by at most `err`. The bounds
// hold for any order of summation, with or without FMA, so for every ISA and thread count. As in
// Higham's model, products are assumed not to underflow (operands of order 1 here); the softmax,
// whose exponentials do underflow, accounts for it (softmaxBound).

#include <Eigen/Core>

#include <cassert>
#include <cmath>
#include <iosfwd>
#include <vector>

namespace poslab::test {

inline constexpr double kUnitF32 = 0x1p-24; // unit roundoff u = 2^−p, binary32 (p = 24)
inline constexpr double kUnitBf16 = 0x1p-8; // bfloat16 (p = 8)
inline constexpr double kUnitF64 = 0x1p-53; // binary64 (p = 53)

// γ_k = k·u / (1 − k·u): |Π_{i≤k} (1 + θ_i)^{±1} − 1| ≤ γ_k for |θ_i| ≤ u (Higham Lemma 3.1).
inline double gamma(double k, double u)
{
    assert(k * u < 0.5);
    return k * u / (1.0 - k * u);
}

struct Bounded
{
    Eigen::MatrixXd mag; // |exact| ≤ mag
    Eigen::MatrixXd err; // |computed − exact| ≤ err
};

inline Bounded exactly(const Eigen::MatrixXd& value)
{
    return {value.cwiseAbs(), Eigen::MatrixXd::Zero(value.rows(), value.cols())};
}

// x̂ stored again (a cast, or the rounding of one operation on it), unit roundoff u:
// |fl(x̂) − x| ≤ |x̂ − x| + u·|x̂| ≤ err + u·(mag + err).
inline Bounded rounded(const Bounded& x, double u)
{
    return {x.mag, x.err + u * (x.mag + x.err)};
}

inline Bounded transposed(const Bounded& x)
{
    return {x.mag.transpose(), x.err.transpose()};
}

// fl(Â·B̂) for A (n × d), B (d × m), accumulated with unit roundoff u. Higham (3.5) gives
// |fl(Â B̂) − Â B̂| ≤ γ_d |Â||B̂| for any order and FMA or not; with |Â − A| ≤ E_A, |B̂ − B| ≤ E_B:
//   |Ĉ − AB| ≤ γ_d (|A| + E_A)(|B| + E_B) + |A| E_B + E_A |B| + E_A E_B.
inline Bounded product(const Bounded& a, const Bounded& b, double u)
{
    const double g = gamma(static_cast<double>(a.mag.cols()), u);
    const Eigen::MatrixXd ah = a.mag + a.err, bh = b.mag + b.err;
    return {a.mag * b.mag, g * (ah * bh) + a.mag * b.err + a.err * bh};
}

// c·x̂ rounded, with c itself stored rounded: `roundings` relative roundings of the product
// (c's storage, the multiplication, a cast): |fl(ĉ x̂) − c x| ≤ |c|·((1 + γ_r)·err + γ_r·mag).
inline Bounded scaled(const Bounded& x, double c, int roundings, double u)
{
    const double g = gamma(roundings, u), ac = std::abs(c);
    return {ac * x.mag, ac * ((1.0 + g) * x.err + g * x.mag)};
}

// Σ_k t̂_k in any order (Higham (4.4)): |fl(Σ t̂_k) − Σ t_k| ≤ Σ E_k + γ_{K−1} Σ (|t_k| + E_k).
// `extra` further roundings of the sum (a scaling, a cast) are counted in the same γ.
inline Bounded sum(const std::vector<const Bounded*>& terms, double u, int extra = 0)
{
    assert(!terms.empty());
    Bounded s{Eigen::MatrixXd::Zero(terms[0]->mag.rows(), terms[0]->mag.cols()),
              Eigen::MatrixXd::Zero(terms[0]->mag.rows(), terms[0]->mag.cols())};
    for (const Bounded* t : terms) {
        s.mag += t->mag;
        s.err += t->err;
    }
    const double g = gamma(static_cast<double>(terms.size()) - 1 + extra, u);
    s.err += g * (s.mag + s.err);
    return s;
}

// a − b computed with unit roundoff u: the exact difference is bounded by `mag` (given, as a
// difference of magnitudes says nothing), |fl(â − b̂) − (a − b)| ≤ E_a + E_b + u·(mag + E_a + E_b).
inline Bounded difference(const Bounded& a, const Bounded& b, const Eigen::MatrixXd& mag, double u)
{
    const Eigen::MatrixXd e = a.err + b.err;
    return {mag, e + u * (mag + e)};
}

// z = Σ_j p_j v_j from weights ŵ with |ŵ − p| ≤ W, P ≥ p, and values v̂ (Bounded), with R roundings
// on each product's way (the sum in any order, rescalings, a division), Higham (3.5) again:
//   |ẑ − z| ≤ W(|v| + E_v) + P E_v + γ_R (P + W)(|v| + E_v).
Eigen::MatrixXd weightedSumBound(const Eigen::MatrixXd& p, const Eigen::MatrixXd& w, const Bounded& v,
                                 int roundings, double u);

// What the softmax's arithmetic is made of: the unit roundoff, exp's relative error where it is
// accurate and the argument below which it may return 0, the smallest normal (the most a flushed
// subnormal loses), and the key blocks of an online softmax (each rescales once more).
struct SoftmaxArithmetic
{
    double u = kUnitF32;
    double expRel = 0x1p-21;
    double expFloor = -87.0;
    double tiny = 0x1p-126;
    int blocks = 1;
};

// |p̂ − p| for the rows of softmax(ℓ) computed from logits within δ of ℓ (visible cells: all, or
// j ≤ i when causal; masked ones get 0). `logits` are the exact ones to within `slack`. With
// weighted, pLo ≤ p ≤ pHi bound the exact probabilities; without, pHi holds the evaluation's own p̂
// and only each row's largest and smallest factor is used. Derivation in errorbound.cpp.
Eigen::MatrixXd softmaxBound(const Eigen::MatrixXd& logits, const Eigen::MatrixXd& delta,
                             const Eigen::MatrixXd& slack, const Eigen::MatrixXd& pLo,
                             const Eigen::MatrixXd& pHi, bool weighted, bool causal,
                             const SoftmaxArithmetic& ar);

// The largest |got − want| / bound and where. An entry equal to ±∞ in `want` must be equal in
// `got`; NaN, a wrong shape or a difference where the bound is 0 give an infinite ratio.
struct Excess
{
    double ratio = 0.0;
    int i = -1, j = -1;
    double got = 0.0, want = 0.0, bound = 0.0;
};
Excess excess(const Eigen::MatrixXd& got, const Eigen::MatrixXd& want, const Eigen::MatrixXd& bound);
std::ostream& operator<<(std::ostream& out, const Excess& e);

} // namespace poslab::test
