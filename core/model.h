#pragma once

#include "tokenizer.h"

#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Core>

#include <memory>

namespace poslab {

struct LoadedWeights; // weights.h

// The toy model every scheme is shown in. Plain values; validate() throws poslab::FieldError.
struct ModelConfig
{
    int dModel = 64;
    int heads = 4;
    bool causal = false;          // decoder: key j is visible to query i only when j <= i
    std::uint64_t seed = 0;
    double lambda = 1.0;          // content weight: e_i = λ·c(token_i) + (1 − λ)·u, u shared by all tokens
    double temperature = 1.0;     // logits are divided by it before the softmax
    // Tensors read from a checkpoint (LabRequest::weights), which schemes use in place of their
    // seeded tables; null for the seeded toy model. Set by LabRequest::schemeModel().
    std::shared_ptr<const LoadedWeights> loaded;

    int headDim() const { return heads > 0 ? dModel / heads : 0; }
    void validate() const;
};

// What attention runs on: tokens of a text, or n bare positions (all with the neutral content u).
struct Sequence
{
    std::vector<Token> tokens;
    bool hasContent = true;
    int start = 0;   // position of the first token: shifting every position by s leaves relative schemes unchanged

    static Sequence fromText(std::string_view text, TokenizerMode mode);   // Error when it has no token
    static Sequence positions(int n);                                      // Error when n < 1
    int size() const { return static_cast<int>(tokens.size()); }
    std::vector<std::string> labels() const;   // token texts, or "0", "1", ... for bare positions
};

// Content vectors e_i (n × d_model): each token type draws c(token) ~ N(0, 1) from a stream seeded by
// a hash of its text and the seed, so repeated words share content; u is the neutral vector.
Eigen::MatrixXd contentVectors(const Sequence& seq, const ModelConfig& model);
Eigen::VectorXd tokenContent(const std::string& text, int dModel, std::uint64_t seed);
Eigen::VectorXd neutralContent(int dModel, std::uint64_t seed);

// The seeded projections W_q, W_k, W_v (d_model × d_model, entries N(0, 1/d_model)); head h uses
// columns [h·head_dim, (h+1)·head_dim).
struct Projections
{
    Eigen::MatrixXd wq, wk, wv;
    static Projections make(const ModelConfig& model);
    // The same, shared: the last few (seed, width) pairs are kept, so a recompute that does not
    // change them gets the very same matrices (no 3·d² copy, and engines compare them by address).
    static std::shared_ptr<const Projections> shared(const ModelConfig& model);
};

} // namespace poslab
