#pragma once

#include "tensorfile.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

// A model on disk as Hugging Face saves it: a folder with config.json and weights (one
// model.safetensors, or shards listed by model.safetensors.index.json), or a single weights file.
// What PosLab needs from it: the positional settings of the config and the tensors that hold
// positions, found by the names common checkpoints use. Nothing is downloaded.
namespace poslab {

// The positional settings of config.json, as the model's own code reads them.
struct ModelSettings
{
    std::string modelType;                // "gpt2", "bert", "t5", "deberta-v2", "llama", ...
    std::optional<long long> maxPositions; // max_position_embeddings, or n_positions (GPT-2)
    std::optional<long long> hiddenSize;   // hidden_size, n_embd, d_model
    std::optional<long long> heads;        // num_attention_heads, n_head, num_heads
    std::optional<long long> kvHeads;      // num_key_value_heads
    std::optional<long long> headDim;      // head_dim, when the config gives it
    std::optional<double> ropeTheta;       // rope_theta, rotary_emb_base, or rope_parameters.rope_theta
    // rope_scaling (or rope_parameters) without its type: factor, original_max_position_embeddings, ...
    std::string ropeType;                  // "" or "default" for none; "type" and "rope_type" both read
    std::map<std::string, std::string> ropeScaling; // numbers as written; lists as "a,b,c"
    std::optional<double> partialRotary;   // partial_rotary_factor, or rotary_pct (GPT-NeoX)
    std::optional<long long> t5Buckets, t5MaxDistance;         // relative_attention_num_buckets / _max_distance
    std::optional<long long> debertaBuckets, debertaMaxRelative; // position_buckets / max_relative_positions
    std::optional<bool> debertaNormRel;    // norm_rel_ebd contains "layer_norm"
    std::optional<double> layerNormEps;    // layer_norm_eps, or layer_norm_epsilon (GPT-2)
};

// config.json's text; Error naming the key whose value has the wrong kind.
ModelSettings parseModelSettings(std::string_view json);

// A tensor PosLab can use, found by its role.
struct TensorRole
{
    std::string role;   // "position_table", "t5_bias", "t5_decoder_bias", "deberta_rel", "deberta_ln_weight",
                        // "deberta_ln_bias", "q_proj", "k_proj", "c_attn_weight", "c_attn_bias",
                        // "ln_1_weight", "ln_1_bias"
    std::string tensor; // its name in the file
    std::string file;   // the file that holds it
};

class Checkpoint
{
  public:
    // A folder (config.json optional) or one .safetensors/.npy file. Error naming what is wrong.
    static Checkpoint open(const std::string& path, int layer = 0);

    const std::string& path() const { return m_path; }
    const std::optional<ModelSettings>& settings() const { return m_settings; }
    const std::vector<TensorFile>& files() const { return m_files; }
    const std::vector<TensorRole>& roles() const { return m_roles; }
    const TensorRole* role(const std::string& name) const;
    bool has(const std::string& tensor) const; // some file holds a tensor of this name
    // The tensor's file and info; Error when no file holds it.
    std::pair<const TensorFile*, const TensorInfo*> find(const std::string& tensor) const;

  private:
    std::string m_path;
    std::optional<ModelSettings> m_settings;
    std::vector<TensorFile> m_files;
    std::vector<TensorRole> m_roles;
};

// The roles found among `names` (every tensor of a checkpoint), for `layer` of q/k projections
// (LLaMA's q_proj and k_proj, or GPT-2's c_attn and ln_1).
std::vector<TensorRole> findRoles(const std::vector<std::pair<std::string, std::string>>& namesAndFiles,
                                  int layer);

} // namespace poslab
