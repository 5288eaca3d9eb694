#pragma once

#include "scheme.h"

#include <vector>

#include <Eigen/Core>

namespace poslab {

struct HeadResult
{
    Eigen::MatrixXd logits;    // n × n, (Σ terms) / temperature, −inf where masked
    Eigen::MatrixXd probs;     // n × n, rows sum to 1, 0 where masked
    Eigen::MatrixXd bias;      // n × n, positional part of the logits: (Σ terms except content-content) / T
    std::vector<ScoreTerm> terms;
    Eigen::MatrixXd output;    // n × head_dim, probs · V (+ the scheme's value term)
};

struct AttentionResult
{
    ModelConfig model;
    Eigen::MatrixXd content;   // n × d_model
    Eigen::MatrixXd pe;        // n × d_model
    std::vector<HeadResult> heads;
    Eigen::MatrixXd output;    // n × d_model, heads concatenated
    int n() const { return static_cast<int>(content.rows()); }
};

// The oracle: plain Eigen in double precision, one head at a time, written to be read.
AttentionResult referenceAttention(const Scheme& scheme, const Sequence& seq);

// Row-wise softmax with max subtraction; entries equal to −inf get probability 0.
Eigen::MatrixXd softmaxRows(const Eigen::MatrixXd& logits);

} // namespace poslab
