// `poslab-cli inspect PATH`: the tensors of a safetensors or NPY file (name, dtype, shape, bytes),
// read from the header alone, as text or JSON.

#include "cliargs.h"
#include "commands.h"

#include "error.h"
#include "jsontext.h"
#include "checkpoint.h"
#include "tensorfile.h"

#include <filesystem>

namespace poslab::cli {

namespace {

std::string shapeText(const TensorInfo& t, const char* open, const char* sep, const char* close)
{
    std::string s = open;
    for (std::size_t k = 0; k < t.shape.size(); ++k)
        s += (k ? sep : "") + std::to_string(t.shape[k]);
    return s + close;
}

std::string fileText(const TensorFile& f)
{
    const TensorIndex& index = f.index();
    std::string out = f.path() + ": " + index.format + ", " + std::to_string(index.tensors.size()) + " tensor" +
                      (index.tensors.size() == 1 ? "" : "s") + ", " + std::to_string(f.size()) + " bytes\n";
    for (const auto& [k, v] : index.metadata)
        out += "  metadata " + k + " = " + v + "\n";
    std::size_t width = 4;
    for (const TensorInfo& t : index.tensors)
        width = std::max(width, t.name.size());
    out += "  " + std::string("name") + std::string(width - 4, ' ') + "  dtype  shape           bytes\n";
    for (const TensorInfo& t : index.tensors) {
        std::string dtype = t.dtype + (t.readable() ? "" : "*");
        std::string shape = shapeText(t, "[", ", ", "]");
        out += "  " + t.name + std::string(width - t.name.size(), ' ') + "  " + dtype +
               std::string(dtype.size() < 5 ? 5 - dtype.size() : 0, ' ') + "  " + shape +
               std::string(shape.size() < 14 ? 14 - shape.size() : 0, ' ') + "  " + std::to_string(t.bytes) + "\n";
    }
    bool other = false;
    for (const TensorInfo& t : index.tensors)
        other = other || !t.readable();
    if (other) out += "  * not a floating-point type PosLab reads (F16, BF16, F32, F64)\n";
    return out;
}

std::string settingsText(const ModelSettings& s)
{
    std::string out = "config.json: model_type " + (s.modelType.empty() ? std::string("(none)") : s.modelType);
    auto add = [&](const char* key, const auto& v) {
        if (v) out += std::string(", ") + key + " " + std::to_string(*v);
    };
    add("max_positions", s.maxPositions);
    add("hidden_size", s.hiddenSize);
    add("heads", s.heads);
    add("kv_heads", s.kvHeads);
    add("head_dim", s.headDim);
    if (s.ropeTheta) out += ", rope_theta " + jsonNumber(*s.ropeTheta);
    if (!s.ropeType.empty()) out += ", rope_type " + s.ropeType;
    for (const auto& [k, v] : s.ropeScaling)
        out += ", " + k + " " + v;
    if (s.partialRotary) out += ", partial_rotary " + jsonNumber(*s.partialRotary);
    add("relative_attention_num_buckets", s.t5Buckets);
    add("relative_attention_max_distance", s.t5MaxDistance);
    add("position_buckets", s.debertaBuckets);
    add("max_relative_positions", s.debertaMaxRelative);
    if (s.layerNormEps) out += ", layer_norm_eps " + jsonNumber(*s.layerNormEps);
    return out + "\n";
}

std::string asText(const Checkpoint& c)
{
    std::string out;
    if (c.settings()) out += settingsText(*c.settings());
    for (const TensorFile& f : c.files())
        out += fileText(f);
    if (!c.roles().empty()) {
        out += "positions found:\n";
        for (const TensorRole& r : c.roles())
            out += "  " + r.role + " = " + r.tensor +
                   (c.files().size() > 1 ? " (" + std::filesystem::path(r.file).filename().string() + ")" : "") + "\n";
    }
    return out;
}

std::string asJson(const TensorFile& f)
{
    const TensorIndex& index = f.index();
    std::string out = "{\"path\":" + jsonString(f.path()) + ",\"format\":" + jsonString(index.format) +
                      ",\"bytes\":" + std::to_string(f.size()) + ",\"metadata\":{";
    for (std::size_t k = 0; k < index.metadata.size(); ++k)
        out += (k ? "," : "") + jsonString(index.metadata[k].first) + ":" + jsonString(index.metadata[k].second);
    out += "},\"tensors\":[";
    for (std::size_t k = 0; k < index.tensors.size(); ++k) {
        const TensorInfo& t = index.tensors[k];
        out += std::string(k ? "," : "") + "{\"name\":" + jsonString(t.name) + ",\"dtype\":" + jsonString(t.dtype) +
               ",\"shape\":" + shapeText(t, "[", ",", "]") + ",\"offset\":" + std::to_string(t.offset) +
               ",\"bytes\":" + std::to_string(t.bytes) + ",\"readable\":" + (t.readable() ? "true" : "false") + "}";
    }
    return out + "]}";
}

std::string asJson(const Checkpoint& c, int layer)
{
    std::string out =
        "{\"path\":" + jsonString(c.path()) + ",\"layer\":" + std::to_string(layer) + ",\"files\":[";
    for (std::size_t k = 0; k < c.files().size(); ++k)
        out += (k ? "," : "") + asJson(c.files()[k]);
    out += "],\"roles\":{";
    for (std::size_t k = 0; k < c.roles().size(); ++k)
        out += (k ? "," : "") + jsonString(c.roles()[k].role) + ":{\"tensor\":" + jsonString(c.roles()[k].tensor) +
               ",\"file\":" + jsonString(c.roles()[k].file) + "}";
    out += "}";
    if (c.settings()) {
        const ModelSettings& s = *c.settings();
        out += ",\"config\":{\"model_type\":" + jsonString(s.modelType);
        auto add = [&](const char* key, const auto& v) {
            if (v) out += std::string(",\"") + key + "\":" + jsonNumber(double(*v));
        };
        add("max_positions", s.maxPositions);
        add("hidden_size", s.hiddenSize);
        add("heads", s.heads);
        add("kv_heads", s.kvHeads);
        add("head_dim", s.headDim);
        add("rope_theta", s.ropeTheta);
        if (!s.ropeType.empty()) out += ",\"rope_type\":" + jsonString(s.ropeType);
        out += ",\"rope_scaling\":{";
        bool first = true;
        for (const auto& [k, v] : s.ropeScaling) {
            out += (first ? "" : ",") + jsonString(k) + ":" + jsonString(v);
            first = false;
        }
        out += "}";
        add("partial_rotary", s.partialRotary);
        add("relative_attention_num_buckets", s.t5Buckets);
        add("relative_attention_max_distance", s.t5MaxDistance);
        add("position_buckets", s.debertaBuckets);
        add("max_relative_positions", s.debertaMaxRelative);
        add("layer_norm_eps", s.layerNormEps);
        out += "}";
    }
    return out + "}\n";
}

} // namespace

std::string inspectUsage()
{
    return "Usage: poslab-cli inspect PATH [--layer L] [--format text|json]\n"
           "\n"
           "Lists the tensors of a .safetensors or .npy file, or of a model folder (config.json with\n"
           "model.safetensors, or the shards of model.safetensors.index.json): name, dtype, shape and\n"
           "bytes, the safetensors __metadata__, the positional settings of config.json and the tensors\n"
           "found that hold positions (GPT-2 wpe, BERT position_embeddings, T5 relative_attention_bias,\n"
           "DeBERTa rel_embeddings, and a layer's attention: LLaMA q_proj/k_proj, GPT-2 c_attn and\n"
           "ln_1). Only the header is read; the file is checked against every rule of its format\n"
           "(offsets that tile the data exactly, sizes that match dtype and shape, no duplicate names)\n"
           "and refused with one line naming the rule it breaks.\n"
           "\n"
           "Options:\n"
           "  --layer L    the layer whose attention tensors are mapped (default: 0)\n"
           "  --format F   text (default) or json\n"
           "  -h, --help   show this help\n";
}

std::string runInspect(const std::vector<std::string>& args)
{
    std::vector<std::string> options;
    std::optional<std::string> path;
    for (const std::string& a : args) {
        if (!path && !a.empty() && a[0] != '-' &&
            (options.empty() || (options.back() != "--format" && options.back() != "--layer")))
            path = a;
        else
            options.push_back(a);
    }
    const CliArgs opts = CliArgs::parse("inspect", {{"format"}, {"layer"}}, options);
    if (opts.helpRequested()) return inspectUsage();
    if (!path) throw Error("inspect needs the path of a .safetensors or .npy file");
    const std::string format = opts.value("format").value_or("text");
    if (format != "text" && format != "json")
        throw Error("--format must be text or json, got " + quoteInput(format));
    const int layer = opts.value("layer") ? parseIntOption("layer", *opts.value("layer"), 0, 100000) : 0;
    const Checkpoint checkpoint = Checkpoint::open(*path, layer);
    return format == "json" ? asJson(checkpoint, layer) : asText(checkpoint);
}

} // namespace poslab::cli
