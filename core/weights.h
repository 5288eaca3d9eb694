#pragma once

#include "checkpoint.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <Eigen/Core>

// Weights from a checkpoint on disk in place of the seeded toy model's: a learned position table
// (GPT-2's wpe, BERT's position_embeddings), T5's relative attention bias. A request names the file
// (WeightSpec); the Lab loads the tensors its scheme takes (loadWeights, cached) and hands them to
// the scheme through ModelConfig::loaded, so every view, worked example and figure uses them.
namespace poslab {

// The fingerprint of one tensor as a session records it.
struct TensorPrint
{
    std::string role;   // "position_table", "t5_bias", ...
    std::string tensor; // its name in the file
    std::string file;   // the file that holds it
    std::uint64_t fileSize = 0;
    std::string sha256; // of the tensor's bytes as stored (dtype and byte order of the file)
    bool operator==(const TensorPrint&) const = default;
};

// Where a request's weights come from: the seeded toy model (no path), or a checkpoint.
struct WeightSpec
{
    std::string path;                                         // a folder or a .safetensors/.npy file
    std::vector<std::pair<std::string, std::string>> tensors; // role = tensor name, over the names found
    int layer = 0; // the layer of q/k projections (or GPT-2's c_attn)
    // One layer's own numbers (--inputs): the file holds x [n × d_model] and W_q, W_k, W_v
    // [d_model × d_model] (Q = x·W_q) as "x", "w_q", "w_k", "w_v", which replace the toy content
    // and projections, and may hold a scheme's table too.
    bool inputs = false;
    // A session's record of what it used: loading fails when a tensor no longer matches.
    std::vector<TensorPrint> expect;
    bool seeded() const { return path.empty(); }
    bool operator==(const WeightSpec&) const = default;
};

// The roles PosLab can use, each with a line of what it is.
const std::vector<std::pair<std::string, std::string>>& weightRoles();

// Whether a tensor of `shape` can play `role` (a tensor picked by hand): a 2-D table, a vector for
// a LayerNorm or a bias, GPT-2's c_attn [d, 3·d] and its bias [3·d]; with the model width d_model
// (config.json's), also the sizes that must equal it.
bool roleFits(const std::string& role, const std::vector<std::uint64_t>& shape,
              std::optional<long long> dModel = std::nullopt);

struct LoadedTensor
{
    TensorPrint print;
    std::vector<std::uint64_t> shape;
    Eigen::MatrixXd values; // a 2-D tensor as stored, [rows, cols]
};

struct Projections; // model.h
struct ModelConfig;

struct LoadedWeights
{
    WeightSpec spec;
    // x and the projections of an inputs file (spec.inputs), shared so engines see one object.
    std::shared_ptr<const Eigen::MatrixXd> x;
    std::shared_ptr<const Projections> projections;
    std::optional<ModelSettings> settings; // config.json, when the folder has one
    std::vector<LoadedTensor> tensors;     // the roles the scheme takes that the checkpoint has
    const LoadedTensor* find(std::string_view role) const; // nullptr when not loaded
    std::vector<TensorPrint> prints() const;
};

// The roles `scheme` takes from a checkpoint (learned: position_table and a GPT-2 layer's c_attn and
// ln_1; t5: t5_bias and t5_decoder_bias; rope: q_proj and k_proj; deberta: deberta_rel and its
// LayerNorm); empty for schemes that take nothing yet.
std::vector<std::string> schemeWeightRoles(const std::string& scheme);

// The tensors of `roles` that `spec`'s checkpoint has (those named by spec.tensors first, then the
// names found), read and fingerprinted. Cached: loading the same unchanged files again is free.
// FieldError("weights", ...) naming the file and the tensor when something is wrong, when a role
// named by hand is unknown or its tensor is missing, or when spec.expect no longer matches.
std::shared_ptr<const LoadedWeights> loadWeights(const WeightSpec& spec,
                                                 const std::vector<std::string>& roles);

// The roles of an inputs file (WeightSpec::inputs): x, w_q, w_k, w_v.
const std::vector<std::string>& inputRoles();

// The loaded numbers against the request: an inputs file's x has n rows and d_model columns and
// each W is d_model × d_model; a layer's q_proj is [heads·head_dim, d_model] and k_proj
// [kv_heads·head_dim, d_model] with kv_heads dividing heads; GPT-2's c_attn is [d_model, 3·d_model]
// with its bias [3·d_model] and ln_1 [d_model], split into config.json's n_head heads. FieldError("weights",
// ...) naming the tensor and both sizes.
void checkLoaded(const LoadedWeights& weights, int n, const ModelConfig& model);

// A checkpoint layer's projections. LLaMA's q_proj, k_proj (stored [out, in], y = x·Wᵀ): W_q = q_projᵀ,
// W_k = k_projᵀ with each key/value head repeated for the query heads that share it (grouped-query
// attention, transformers' repeat_kv), W_v the seeded one. GPT-2's c_attn (stored [in, out],
// q, k, v = ln_1(x)·W + b): its three slices with ln_1's β and the bias folded in (weights.cpp,
// LayerAttention), W_v the layer's own; layerInputs gives the inputs they act on. Null without
// such a layer, or for an inputs file. Cached per weights, seed and heads.
std::shared_ptr<const Projections> layerProjections(const ModelConfig& model);

// The content and pe as the layer's projections take them: unchanged, or for GPT-2's ln_1
// content' = s·(e − mean e)⊙γ + ν and pe' = s·(p − mean p)⊙γ per row, s = 1/√(var(e + p) + ε), so
// that (content' + pe')·W' = ln_1(e + p)·W + b. Every place that pairs a plan's content with its pe
// calls it (makePlan, the oracle).
void layerInputs(const ModelConfig& model, Eigen::MatrixXd& content, Eigen::MatrixXd& pe);

// What a checkpoint implies for a request that does not say otherwise: the model width and heads
// (config.json, the table's width) and scheme parameters (T5's buckets and max distance).
struct WeightDefaults
{
    std::optional<int> dModel, heads;
    std::optional<int> positions; // an inputs file: the rows of x
    std::vector<std::pair<std::string, std::string>> params;
};
WeightDefaults weightDefaults(const LoadedWeights& weights, const std::string& scheme);

} // namespace poslab
