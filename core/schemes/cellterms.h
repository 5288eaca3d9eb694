#pragma once

// Internal to core: the cell terms of FIRE and CoPE (plan.h's CellTerm), shared by their schemes,
// the engines (through HeadPlan::cell) and the worked examples (explain.cpp reads their parts).

#include "plan.h"

#include <memory>
#include <vector>

#include <Eigen/Core>

namespace poslab::schemes {

// FIRE's MLP 1 → hidden → heads with ReLU: f_h(x) = Σ_k w2(h, k)·max(0, w1_k·x + b1_k) + b2_h.
struct FireMlp
{
    Eigen::VectorXd w1, b1; // hidden
    Eigen::MatrixXd w2;     // heads × hidden
    Eigen::VectorXd b2;     // heads
    // As written, a sum over the hidden units (the oracle's form).
    double eval(int head, double x) const;
    // Σ_k |w2(h, k)|·(|w1_k|·|x| + |b1_k|) + |b2_h|: what the roundings of f_h(x) scale with.
    double magnitude(int head, double x) const;
    Eigen::VectorXd hidden(double x) const; // max(0, w1·x + b1)
};

// FIRE's bias of one head: b(i, j) = f_h(ψ(i − j) / (ψ(max(i, L)) + ε)), ψ(x) = log(c·|x| + 1), with
// i, j absolute positions (start + index). The engines' form: f_h is piecewise linear in x (ReLU
// units switch at x = −b1_k / w1_k), so a row is one segment lookup and one multiply-add per key.
class FireBias final : public CellTerm
{
  public:
    static constexpr double kEps = 1e-6; // the official normaliser's + eps
    FireBias(std::shared_ptr<const FireMlp> mlp, int head, double c, double threshold, int start, int n);
    void row(int i, int j0, int len, double* out) const override;
    double magnitude(int i, int j) const override;
    int roundings() const override;

    double psi(double x) const;       // log(c·|x| + 1)
    double normaliser(int i) const;   // ψ(max(start + i, L)) + ε
    double input(int i, int j) const; // ψ(i − j) / normaliser(i)
    const FireMlp& mlp() const { return *m_mlp; }
    int head() const { return m_head; }

  private:
    std::shared_ptr<const FireMlp> m_mlp;
    int m_head, m_start;
    double m_c, m_threshold;
    std::vector<double> m_psi;             // ψ(d) for d = 0 .. n − 1
    std::vector<double> m_breaks;          // sorted switch points of the head's units
    std::vector<double> m_slope, m_offset; // f_h = slope·x + offset on each segment
};

// CoPE's term of one head (Golovneva et al. 2024; facebookresearch/RAM, projects/cope/src/cope/
// context_position.py, ContextPosSelfAttn.forward): gates g_it = σ(q_i·k_t/√d) (0 where masked),
// p_ij = min(Σ_{t ≥ j} g_it, npos − 1), and the term (q_i·e_⌈p⌉·w + q_i·e_⌊p⌋·(1 − w))/√d, w = p − ⌊p⌋.
class CopeTerm final : public CellTerm
{
  public:
    CopeTerm(Eigen::MatrixXd q, Eigen::MatrixXd k, std::shared_ptr<const Eigen::MatrixXd> emb, double scale,
             bool causal);
    void row(int i, int j0, int len, double* out) const override;
    bool wholeRow() const override { return true; }
    double magnitude(int i, int j) const override;
    int roundings() const override;

    // The counted positions of row i for keys j0 .. j0 + len − 1 (0 beyond the last visible key).
    void positions(int i, int j0, int len, double* out) const;
    Eigen::VectorXd gates(int i) const; // σ(q_i·k_t/√d) for every t (masked ones too)
    int npos() const { return static_cast<int>(m_emb->rows()); }
    int lastKey(int i) const { return m_causal ? i : static_cast<int>(m_q.rows()) - 1; }
    const Eigen::MatrixXd& q() const { return m_q; }
    const Eigen::MatrixXd& embedding() const { return *m_emb; } // npos × head_dim, row p is e_p
    double scale() const { return m_scale; }

  private:
    Eigen::MatrixXd m_q;  // n × head_dim
    Eigen::MatrixXd m_kT; // head_dim × n: column t is k_t
    std::shared_ptr<const Eigen::MatrixXd> m_emb;
    double m_scale;
    bool m_causal;
};

} // namespace poslab::schemes
