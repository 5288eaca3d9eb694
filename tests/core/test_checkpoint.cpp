// Model folders (core/checkpoint.h): config.json's positional settings in every spelling the
// transformers configurations use, the tensors that hold positions found by their common names,
// and sharded checkpoints resolved through model.safetensors.index.json, in folders the test writes.

#include "checkpoint.h"
#include "error.h"
#include "tensorfixtures.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

using namespace poslab;
namespace fs = std::filesystem;

namespace {

std::string safetensorsOf(const std::vector<std::pair<std::string, int>>& f32Tensors)
{
    std::string header = "{";
    std::string data;
    for (const auto& [name, count] : f32Tensors) {
        if (header.size() > 1) header += ",";
        header += "\"" + name + "\":{\"dtype\":\"F32\",\"shape\":[" + std::to_string(count) +
                  "],\"data_offsets\":[" + std::to_string(data.size()) + "," + std::to_string(data.size() + 4 * count) + "]}";
        data += std::string(std::size_t(4 * count), '\0');
    }
    header += "}";
    return poslab::test::safetensorsFile(header, data);
}

using Folder = poslab::test::TempFolder;

std::string errorOf(const std::string& path)
{
    try {
        Checkpoint::open(path);
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST(Checkpoint, ConfigSettingsInEverySpelling)
{
    // LLaMA 3.1 (meta-llama/Llama-3.1-8B config.json): rope_type llama3 under rope_scaling.
    const ModelSettings llama = parseModelSettings(R"({"model_type": "llama", "hidden_size": 4096,
        "num_attention_heads": 32, "num_key_value_heads": 8, "max_position_embeddings": 131072,
        "rope_theta": 500000.0, "rope_scaling": {"factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
        "original_max_position_embeddings": 8192, "rope_type": "llama3"}})");
    EXPECT_EQ(llama.modelType, "llama");
    EXPECT_EQ(llama.maxPositions, 131072);
    EXPECT_EQ(llama.kvHeads, 8);
    EXPECT_EQ(llama.ropeTheta, 500000.0);
    EXPECT_EQ(llama.ropeType, "llama3");
    EXPECT_EQ(llama.ropeScaling.at("factor"), "8.0");
    EXPECT_EQ(llama.ropeScaling.at("original_max_position_embeddings"), "8192");
    // The older spelling "type", a LongRoPE list, and GPT-2's n_positions / n_embd / n_head.
    const ModelSettings older = parseModelSettings(
        R"({"model_type": "phi3", "rope_scaling": {"type": "longrope", "short_factor": [1.0, 1.5], "long_factor": [2, 3]},
            "partial_rotary_factor": 0.5})");
    EXPECT_EQ(older.ropeType, "longrope");
    EXPECT_EQ(older.ropeScaling.at("short_factor"), "1.0,1.5");
    EXPECT_EQ(older.partialRotary, 0.5);
    const ModelSettings gpt2 = parseModelSettings(R"({"model_type": "gpt2", "n_positions": 1024, "n_embd": 768, "n_head": 12})");
    EXPECT_EQ(gpt2.maxPositions, 1024);
    EXPECT_EQ(gpt2.hiddenSize, 768);
    EXPECT_EQ(gpt2.heads, 12);
    // The newer rope_parameters block carries rope_theta itself; GPT-NeoX's rotary_pct and base.
    const ModelSettings newer = parseModelSettings(
        R"({"rope_parameters": {"rope_type": "yarn", "rope_theta": 10000.0, "factor": 4.0, "original_max_position_embeddings": 4096}})");
    EXPECT_EQ(newer.ropeType, "yarn");
    EXPECT_EQ(newer.ropeTheta, 10000.0);
    EXPECT_FALSE(newer.ropeScaling.count("rope_theta"));
    const ModelSettings neox = parseModelSettings(R"({"model_type": "gpt_neox", "rotary_pct": 0.25, "rotary_emb_base": 10000})");
    EXPECT_EQ(neox.partialRotary, 0.25);
    EXPECT_EQ(neox.ropeTheta, 10000.0);
    // T5 and DeBERTa-v3.
    const ModelSettings t5 = parseModelSettings(R"({"model_type": "t5", "relative_attention_num_buckets": 32,
        "relative_attention_max_distance": 128, "d_model": 512, "num_heads": 8})");
    EXPECT_EQ(t5.t5Buckets, 32);
    EXPECT_EQ(t5.t5MaxDistance, 128);
    EXPECT_EQ(t5.hiddenSize, 512);
    const ModelSettings deberta = parseModelSettings(R"({"model_type": "deberta-v2", "position_buckets": 256,
        "max_relative_positions": -1, "norm_rel_ebd": "layer_norm", "relative_attention": true})");
    EXPECT_EQ(deberta.debertaBuckets, 256);
    EXPECT_EQ(deberta.debertaMaxRelative, -1);
    EXPECT_EQ(deberta.debertaNormRel, true);
    // Wrong kinds name the key.
    try {
        parseModelSettings(R"({"max_position_embeddings": "512"})");
        ADD_FAILURE();
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()), "config.json: max_position_embeddings must be an integer, not a string");
    }
}

TEST(Checkpoint, RolesByTheNamesCommonCheckpointsUse)
{
    auto rolesOf = [](std::vector<std::string> names, int layer = 0) {
        std::vector<std::pair<std::string, std::string>> nf;
        for (auto& n : names)
            nf.emplace_back(n, "f");
        std::string out;
        for (const TensorRole& r : findRoles(nf, layer))
            out += r.role + "=" + r.tensor + ";";
        return out;
    };
    // GPT-2: wpe, and block 0's c_attn (its Conv1D [in, out]; the bias and ln_1 would be found too).
    EXPECT_EQ(rolesOf({"h.0.attn.c_attn.weight", "wpe.weight", "wte.weight"}),
              "position_table=wpe.weight;c_attn_weight=h.0.attn.c_attn.weight;");
    EXPECT_EQ(rolesOf({"transformer.wpe.weight"}), "position_table=transformer.wpe.weight;");
    EXPECT_EQ(rolesOf({"bert.embeddings.position_embeddings.weight", "bert.encoder.layer.0.output.LayerNorm.weight",
                       "bert.embeddings.LayerNorm.weight"}),
              "position_table=bert.embeddings.position_embeddings.weight;");
    EXPECT_EQ(rolesOf({"encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight",
                       "decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight"}),
              "t5_bias=encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight;"
              "t5_decoder_bias=decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight;");
    EXPECT_EQ(rolesOf({"deberta.encoder.rel_embeddings.weight", "deberta.encoder.LayerNorm.weight",
                       "deberta.encoder.LayerNorm.bias"}),
              "deberta_rel=deberta.encoder.rel_embeddings.weight;deberta_ln_weight=deberta.encoder.LayerNorm.weight;"
              "deberta_ln_bias=deberta.encoder.LayerNorm.bias;");
    EXPECT_EQ(rolesOf({"model.layers.0.self_attn.q_proj.weight", "model.layers.1.self_attn.q_proj.weight",
                       "model.layers.1.self_attn.k_proj.weight", "model.layers.11.self_attn.k_proj.weight"},
                      1),
              "q_proj=model.layers.1.self_attn.q_proj.weight;k_proj=model.layers.1.self_attn.k_proj.weight;");
    EXPECT_EQ(rolesOf({"layers.0.attention.wq.weight", "layers.0.attention.wk.weight"}),
              "q_proj=layers.0.attention.wq.weight;k_proj=layers.0.attention.wk.weight;");
    EXPECT_EQ(rolesOf({"xwpe.weight", "model.layers.10.self_attn.q_proj.weight"}, 0), ""); // no partial names
}

TEST(Checkpoint, FoldersSingleFilesAndShards)
{
    {
        Folder f;
        f.write("config.json", R"({"model_type": "gpt2", "n_positions": 8})");
        f.write("model.safetensors", safetensorsOf({{"wpe.weight", 16}, {"wte.weight", 4}}));
        const Checkpoint c = Checkpoint::open(f.path());
        ASSERT_TRUE(c.settings());
        EXPECT_EQ(c.settings()->maxPositions, 8);
        ASSERT_EQ(c.files().size(), 1u);
        ASSERT_TRUE(c.role("position_table"));
        EXPECT_EQ(c.role("position_table")->tensor, "wpe.weight");
        EXPECT_EQ(c.find("wte.weight").second->shape, std::vector<std::uint64_t>{4});
        // The weights file alone opens too, without the config.
        EXPECT_FALSE(Checkpoint::open(f.path() + "/model.safetensors").settings());
    }
    {
        Folder f; // two shards and their index
        f.write("model-00001-of-00002.safetensors", safetensorsOf({{"model.layers.0.self_attn.q_proj.weight", 4}}));
        f.write("model-00002-of-00002.safetensors", safetensorsOf({{"model.layers.0.self_attn.k_proj.weight", 4}}));
        f.write("model.safetensors.index.json",
                R"({"metadata": {"total_size": 32}, "weight_map": {
                    "model.layers.0.self_attn.q_proj.weight": "model-00001-of-00002.safetensors",
                    "model.layers.0.self_attn.k_proj.weight": "model-00002-of-00002.safetensors"}})");
        const Checkpoint c = Checkpoint::open(f.path());
        EXPECT_EQ(c.files().size(), 2u);
        ASSERT_TRUE(c.role("k_proj"));
        EXPECT_EQ(fs::path(c.role("k_proj")->file).filename(), "model-00002-of-00002.safetensors");
        // An index naming a tensor its shard lacks, or a shard outside the folder, is refused.
        f.write("model.safetensors.index.json",
                R"({"weight_map": {"lm_head.weight": "model-00001-of-00002.safetensors"}})");
        EXPECT_NE(errorOf(f.path()).find("names 'lm_head.weight' in 'model-00001-of-00002.safetensors', which has "
                                         "no such tensor"),
                  std::string::npos)
            << errorOf(f.path());
        f.write("model.safetensors.index.json", R"({"weight_map": {"a": "../../etc/passwd"}})");
        EXPECT_NE(errorOf(f.path()).find("shard '../../etc/passwd' is not a file name in this folder"), std::string::npos);
        f.write("model.safetensors.index.json", R"({"weight_map": {"a": "x", "a": "y"}})");
        EXPECT_NE(errorOf(f.path()).find("duplicate key 'a'"), std::string::npos) << errorOf(f.path());
    }
    {
        Folder f; // only a pickle
        f.write("config.json", "{}");
        f.write("pytorch_model.bin", "PK");
        EXPECT_NE(errorOf(f.path()).find("pytorch_model.bin is a Python pickle, which PosLab does not run"),
                  std::string::npos);
        f.write("config.json", "{\"n_positions\": 1.5}");
        EXPECT_NE(errorOf(f.path()).find("config.json': config.json: n_positions must be an integer"), std::string::npos)
            << errorOf(f.path());
    }
    EXPECT_NE(errorOf("/nonexistent/model").find("no such file or folder"), std::string::npos);
}
