// Model folders: config.json's positional settings and the tensors that hold positions.
// Keys read as transformers' configuration classes name them (configuration_gpt2.py, _bert.py,
// _t5.py, _deberta_v2.py, _llama.py, _gpt_neox.py, and modeling_rope_utils.py for rope_scaling and
// the newer rope_parameters block, where "type" is the older spelling of "rope_type").

#include "checkpoint.h"

#include "error.h"
#include "i18n.h"
#include "jsonparse.h"
#include "params.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

namespace poslab {

namespace {

namespace fs = std::filesystem;

constexpr std::uintmax_t kMaxJsonFile = 16u << 20; // config.json and the shard index

std::string readSmallFile(const fs::path& p)
{
    std::error_code ec;
    const auto size = fs::file_size(p, ec);
    if (ec) throw Error(quoteInput(p.string()) + ": " + ec.message());
    if (size > kMaxJsonFile)
        throw Error(fill(trCore("Errors", "%1: %2 bytes is too large for %3 (at most 16 MiB)"),
                         {quoteInput(p.string()), std::to_string(size), p.filename().string()}));
    std::ifstream in(p, std::ios::binary);
    std::string text(static_cast<std::size_t>(size), '\0');
    if (!in.read(text.data(), std::streamsize(size)))
        throw Error(fill(trCore("Errors", "%1: cannot read it"), {quoteInput(p.string())}));
    return text;
}

bool endsWith(std::string_view s, std::string_view tail)
{
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// `name` is `tail`, or ends with "." + tail (a prefix such as "transformer." or "bert.").
bool named(std::string_view name, std::string_view tail)
{
    return name == tail || (endsWith(name, tail) && name[name.size() - tail.size() - 1] == '.');
}

std::optional<long long> integer(const json::Value& root, std::initializer_list<const char*> keys)
{
    for (const char* key : keys) {
        const json::Value* v = root.find(key);
        if (!v || v->kind == json::Value::Kind::Null) continue;
        const auto d = v->asDouble();
        if (!d || *d != static_cast<double>(static_cast<long long>(*d)))
            throw Error(fill(trCore("Errors", "config.json: %1 must be an integer, not %2"), {key, v->kindName()}));
        return static_cast<long long>(*d);
    }
    return std::nullopt;
}

std::optional<double> real(const json::Value& root, std::initializer_list<const char*> keys)
{
    for (const char* key : keys) {
        const json::Value* v = root.find(key);
        if (!v || v->kind == json::Value::Kind::Null) continue;
        const auto d = v->asDouble();
        if (!d) throw Error(fill(trCore("Errors", "config.json: %1 must be a number, not %2"), {key, v->kindName()}));
        return d;
    }
    return std::nullopt;
}

void readRope(const json::Value& block, const std::string& key, ModelSettings& s)
{
    if (!block.isObject())
        throw Error(fill(trCore("Errors", "config.json: %1 must be an object, not %2"), {key, block.kindName()}));
    for (const auto& [k, v] : block.members) {
        if (k == "rope_type" || k == "type") {
            if (v.kind != json::Value::Kind::String)
                throw Error(fill(trCore("Errors", "config.json: %1.%2 must be a string"), {key, k}));
            if (s.ropeType.empty() || k == "rope_type") s.ropeType = v.text; // rope_type wins
        } else if (k == "rope_theta") {
            if (!v.asDouble())
                throw Error(fill(trCore("Errors", "config.json: %1.rope_theta must be a number"), {key}));
            s.ropeTheta = v.asDouble();
        } else if (v.kind == json::Value::Kind::Number) {
            s.ropeScaling[k] = v.text;
        } else if (v.kind == json::Value::Kind::Bool) {
            s.ropeScaling[k] = v.boolean ? "true" : "false";
        } else if (v.kind == json::Value::Kind::Array) {
            std::string list;
            for (const json::Value& item : v.items) {
                if (item.kind != json::Value::Kind::Number)
                    throw Error(fill(trCore("Errors", "config.json: %1.%2 must be a list of numbers"), {key, k}));
                list += (list.empty() ? "" : ",") + item.text;
            }
            s.ropeScaling[k] = list;
        }
    }
}

} // namespace

ModelSettings parseModelSettings(std::string_view text)
{
    const json::Value root = json::parse(text, "config.json");
    if (!root.isObject()) throw Error(trCore("Errors", "config.json is not a JSON object"));
    ModelSettings s;
    if (const json::Value* t = root.find("model_type"); t && t->kind == json::Value::Kind::String) s.modelType = t->text;
    s.maxPositions = integer(root, {"max_position_embeddings", "n_positions"});
    s.hiddenSize = integer(root, {"hidden_size", "n_embd", "d_model"});
    s.heads = integer(root, {"num_attention_heads", "n_head", "num_heads"});
    s.kvHeads = integer(root, {"num_key_value_heads"});
    s.headDim = integer(root, {"head_dim"});
    s.ropeTheta = real(root, {"rope_theta", "rotary_emb_base"});
    if (const json::Value* b = root.find("rope_scaling"); b && b->kind != json::Value::Kind::Null)
        readRope(*b, "rope_scaling", s);
    if (const json::Value* b = root.find("rope_parameters"); b && b->kind != json::Value::Kind::Null)
        readRope(*b, "rope_parameters", s);
    s.partialRotary = real(root, {"partial_rotary_factor", "rotary_pct"});
    s.t5Buckets = integer(root, {"relative_attention_num_buckets"});
    s.t5MaxDistance = integer(root, {"relative_attention_max_distance"});
    s.debertaBuckets = integer(root, {"position_buckets"});
    s.debertaMaxRelative = integer(root, {"max_relative_positions"});
    if (const json::Value* n = root.find("norm_rel_ebd"); n && n->kind == json::Value::Kind::String)
        s.debertaNormRel = n->text.find("layer_norm") != std::string::npos;
    s.layerNormEps = real(root, {"layer_norm_eps", "layer_norm_epsilon"});
    if (s.layerNormEps && !(*s.layerNormEps > 0.0 && *s.layerNormEps < 1.0))
        throw Error(fill(trCore("Errors", "config.json: layer_norm_eps must be between 0 and 1, got %1"),
                         {formatReal(*s.layerNormEps)}));
    return s;
}

std::vector<TensorRole> findRoles(const std::vector<std::pair<std::string, std::string>>& namesAndFiles, int layer)
{
    const std::string l = std::to_string(layer);
    // role, then the name tails that hold it (HF first, then Meta's original LLaMA names).
    const std::vector<std::pair<std::string, std::vector<std::string>>> table = {
        {"position_table", {"wpe.weight", "embeddings.position_embeddings.weight"}},
        {"t5_bias", {"encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight"}},
        {"t5_decoder_bias", {"decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight"}},
        {"deberta_rel", {"encoder.rel_embeddings.weight"}},
        {"deberta_ln_weight", {"encoder.LayerNorm.weight"}},
        {"deberta_ln_bias", {"encoder.LayerNorm.bias"}},
        {"q_proj", {"layers." + l + ".self_attn.q_proj.weight", "layers." + l + ".attention.wq.weight"}},
        {"k_proj", {"layers." + l + ".self_attn.k_proj.weight", "layers." + l + ".attention.wk.weight"}},
        // GPT-2's block L (GPT2Block: ln_1, then GPT2Attention's Conv1D c_attn), "transformer." or not.
        {"c_attn_weight", {"h." + l + ".attn.c_attn.weight"}},
        {"c_attn_bias", {"h." + l + ".attn.c_attn.bias"}},
        {"ln_1_weight", {"h." + l + ".ln_1.weight"}},
        {"ln_1_bias", {"h." + l + ".ln_1.bias"}},
    };
    std::vector<TensorRole> roles;
    for (const auto& [role, tails] : table) {
        bool found = false;
        for (const std::string& tail : tails) {
            for (const auto& [name, file] : namesAndFiles)
                if (!found && named(name, tail)) {
                    roles.push_back({role, name, file});
                    found = true;
                }
            if (found) break;
        }
    }
    // The encoder's LayerNorm is DeBERTa's only beside its relative table.
    const bool deberta = std::any_of(roles.begin(), roles.end(), [](const TensorRole& r) { return r.role == "deberta_rel"; });
    if (!deberta)
        std::erase_if(roles, [](const TensorRole& r) { return r.role.rfind("deberta_ln", 0) == 0; });
    return roles;
}

bool Checkpoint::has(const std::string& tensor) const
{
    return std::any_of(m_files.begin(), m_files.end(), [&](const TensorFile& f) { return f.index().find(tensor) != nullptr; });
}

const TensorRole* Checkpoint::role(const std::string& name) const
{
    for (const TensorRole& r : m_roles)
        if (r.role == name) return &r;
    return nullptr;
}

std::pair<const TensorFile*, const TensorInfo*> Checkpoint::find(const std::string& tensor) const
{
    for (const TensorFile& f : m_files)
        if (const TensorInfo* t = f.index().find(tensor)) return {&f, t};
    throw Error(fill(trCore("Errors", "%1: no tensor %2"), {quoteInput(m_path), quoteInput(tensor)}));
}

Checkpoint Checkpoint::open(const std::string& path, int layer)
{
    Checkpoint c;
    c.m_path = path;
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) throw Error(fill(trCore("Errors", "%1: no such file or folder"), {quoteInput(path)}));
    if (!fs::is_directory(st)) {
        c.m_files.push_back(TensorFile::open(path));
    } else {
        const fs::path dir(path);
        if (fs::exists(dir / "config.json")) {
            try {
                c.m_settings = parseModelSettings(readSmallFile(dir / "config.json"));
            } catch (const Error& e) {
                throw Error(quoteInput((dir / "config.json").string()) + ": " + e.what());
            }
        }
        const fs::path index = dir / "model.safetensors.index.json";
        if (fs::exists(index)) {
            const std::string where = quoteInput(index.string()) + ": ";
            json::Value root;
            try {
                root = json::parse(readSmallFile(index), "the shard index");
            } catch (const Error& e) {
                throw Error(where + e.what());
            }
            const json::Value* map = root.isObject() ? root.find("weight_map") : nullptr;
            if (!map || !map->isObject()) throw Error(where + trCore("Errors", "no weight_map object"));
            std::vector<std::string> shards;
            for (const auto& [name, file] : map->members) {
                if (file.kind != json::Value::Kind::String)
                    throw Error(where + trCore("Errors", "weight_map values must be file names"));
                // A shard is a file of this folder: no path, no way out of it.
                if (file.text.empty() || file.text.find('/') != std::string::npos || file.text == "." || file.text == "..")
                    throw Error(where + fill(trCore("Errors", "shard %1 is not a file name in this folder"),
                                             {quoteInput(file.text)}));
                if (std::find(shards.begin(), shards.end(), file.text) == shards.end()) shards.push_back(file.text);
            }
            for (const std::string& shard : shards)
                c.m_files.push_back(TensorFile::open((dir / shard).string()));
            for (const json::Value::Member& member : map->members) {
                const std::string& shard = member.value.text; // (clang 14 cannot capture a structured binding)
                const auto it = std::find_if(c.m_files.begin(), c.m_files.end(), [&shard](const TensorFile& f) {
                    return fs::path(f.path()).filename() == shard;
                });
                if (!it->index().find(member.key))
                    throw Error(where + fill(trCore("Errors", "names %1 in %2, which has no such tensor"),
                                             {quoteInput(member.key), quoteInput(shard)}));
            }
        } else if (fs::exists(dir / "model.safetensors")) {
            c.m_files.push_back(TensorFile::open((dir / "model.safetensors").string()));
        } else {
            std::vector<std::string> found;
            for (const auto& entry : fs::directory_iterator(dir, ec))
                if (entry.is_regular_file() && (entry.path().extension() == ".safetensors" || entry.path().extension() == ".npy"))
                    found.push_back(entry.path().string());
            std::sort(found.begin(), found.end());
            if (found.empty()) {
                const bool pickle = fs::exists(dir / "pytorch_model.bin");
                throw Error(pickle ? fill(trCore("Errors", "%1: no .safetensors or .npy weights (pytorch_model.bin is a "
                                                           "Python pickle, which PosLab does not run; convert it to "
                                                           "safetensors)"),
                                          {quoteInput(path)})
                                   : fill(trCore("Errors", "%1: no .safetensors or .npy weights"), {quoteInput(path)}));
            }
            for (const std::string& f : found)
                c.m_files.push_back(TensorFile::open(f));
        }
    }
    std::vector<std::pair<std::string, std::string>> names;
    for (const TensorFile& f : c.m_files)
        for (const TensorInfo& t : f.index().tensors)
            names.emplace_back(t.name, f.path());
    c.m_roles = findRoles(names, layer);
    return c;
}

} // namespace poslab
