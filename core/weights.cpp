#include "weights.h"

#include "budget.h"
#include "error.h"
#include "model.h"
#include "params.h"
#include "sha256.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <mutex>
#include <tuple>

namespace poslab {

namespace fs = std::filesystem;

namespace {

FieldError weightsError(const std::string& text)
{
    return FieldError("weights", FieldError::literal(text));
}

std::string shapeText(const std::vector<std::uint64_t>& shape)
{
    std::string s = "[";
    for (std::size_t k = 0; k < shape.size(); ++k)
        s += (k ? ", " : "") + std::to_string(shape[k]);
    return s + "]";
}

// What a role's tensor must look like, for its error.
std::string roleShape(const std::string& role)
{
    if (role == "position_table") return "[positions, d_model]";
    if (role == "t5_bias" || role == "t5_decoder_bias") return "[buckets, heads]";
    if (role == "deberta_rel") return "[2 · position_buckets, d_model]";
    if (role == "q_proj" || role == "k_proj") return "[out, in]";
    if (role == "deberta_ln_weight" || role == "deberta_ln_bias") return "[d_model] (a vector)";
    return "2-D";
}

// One loaded set, and what it was loaded from: the files' sizes and modification times (the
// tensors' files, and a folder's config.json and shard index).
struct CacheEntry
{
    WeightSpec spec;
    std::vector<std::string> roles;
    std::vector<std::tuple<std::string, std::uintmax_t, fs::file_time_type>> files;
    std::shared_ptr<const LoadedWeights> weights;
};

std::vector<std::tuple<std::string, std::uintmax_t, fs::file_time_type>> identity(const Checkpoint& c)
{
    std::vector<std::tuple<std::string, std::uintmax_t, fs::file_time_type>> out;
    for (const TensorFile& f : c.files()) {
        std::error_code ec;
        const auto time = fs::last_write_time(f.path(), ec);
        out.emplace_back(f.path(), f.size(), ec ? fs::file_time_type{} : time);
    }
    // The folder's config and shard index decide settings and roles too.
    for (const char* name : {"config.json", "model.safetensors.index.json"}) {
        std::error_code ec;
        const fs::path p = fs::path(c.path()) / name;
        if (!fs::is_directory(c.path(), ec) || !fs::exists(p, ec)) continue;
        const auto size = fs::file_size(p, ec);
        const auto time = fs::last_write_time(p, ec);
        out.emplace_back(p.string(), ec ? 0 : size, ec ? fs::file_time_type{} : time);
    }
    return out;
}

std::string shortHash(const std::string& h)
{
    return h.substr(0, 12) + "…";
}

} // namespace

const std::vector<std::pair<std::string, std::string>>& weightRoles()
{
    static const std::vector<std::pair<std::string, std::string>> roles = {
        {"position_table",
         "learned absolute positions [positions, d_model] (GPT-2 wpe, BERT position_embeddings)"},
        {"t5_bias", "T5 relative attention bias [buckets, heads] (encoder, bidirectional)"},
        {"t5_decoder_bias", "T5 decoder relative attention bias [buckets, heads] (one-directional)"},
        {"deberta_rel", "DeBERTa relative embeddings [2 · position_buckets, d_model]"},
        {"deberta_ln_weight", "DeBERTa encoder LayerNorm weight (for rel_embeddings)"},
        {"deberta_ln_bias", "DeBERTa encoder LayerNorm bias"},
        {"q_proj", "a layer's query projection [out, in] (LLaMA q_proj)"},
        {"k_proj", "a layer's key projection [out, in] (LLaMA k_proj)"}};
    return roles;
}

const LoadedTensor* LoadedWeights::find(std::string_view role) const
{
    for (const LoadedTensor& t : tensors)
        if (t.print.role == role) return &t;
    return nullptr;
}

std::vector<TensorPrint> LoadedWeights::prints() const
{
    std::vector<TensorPrint> out;
    for (const LoadedTensor& t : tensors)
        out.push_back(t.print);
    return out;
}

const std::vector<std::string>& inputRoles()
{
    static const std::vector<std::string> roles = {"x", "w_q", "w_k", "w_v"};
    return roles;
}

void checkLoaded(const LoadedWeights& weights, int n, const ModelConfig& model)
{
    const int dModel = model.dModel;
    const auto sizeError = [&](const LoadedTensor& t, const std::string& want) {
        return weightsError(quoteInput(t.print.tensor, kQuotedNameChars) + " in " +
                            quoteInput(t.print.file, kQuotedNameChars) + " is " +
                            std::to_string(t.values.rows()) + " \u00d7 " + std::to_string(t.values.cols()) +
                            " but must be " + want);
    };
    const std::string d = std::to_string(dModel);
    if (const LoadedTensor* q = weights.find("q_proj")) {
        const LoadedTensor* k = weights.find("k_proj");
        if (!k)
            throw weightsError(quoteInput(weights.spec.path, kQuotedNameChars) +
                               " has q_proj but no k_proj for layer " + std::to_string(weights.spec.layer));
        const int hd = model.headDim();
        if (q->values.rows() != dModel || q->values.cols() != dModel)
            throw sizeError(*q,
                            d + " \u00d7 " + d +
                                " (heads \u00b7 head_dim \u00d7 d_model, heads \u00b7 head_dim = d_model)");
        const auto kvRows = k->values.rows();
        if (k->values.cols() != dModel || hd <= 0 || kvRows % hd != 0 || kvRows == 0 ||
            model.heads % (kvRows / hd) != 0)
            throw sizeError(*k, "kv_heads \u00b7 " + std::to_string(hd) + " \u00d7 " + d +
                                    " with kv_heads dividing the " + std::to_string(model.heads) + " heads");
    }
    if (!weights.spec.inputs) return;
    const LoadedTensor* x = weights.find("x");
    if (x->values.rows() != n || x->values.cols() != dModel)
        throw sizeError(*x, std::to_string(n) + " \u00d7 " + d + " (n tokens \u00d7 d_model)");
    for (const char* role : {"w_q", "w_k", "w_v"}) {
        const LoadedTensor* w = weights.find(role);
        if (w->values.rows() != dModel || w->values.cols() != dModel)
            throw sizeError(*w, d + " \u00d7 " + d + " (d_model \u00d7 d_model)");
    }
}

std::vector<std::string> schemeWeightRoles(const std::string& scheme)
{
    if (scheme == "learned") return {"position_table"};
    if (scheme == "t5") return {"t5_bias", "t5_decoder_bias"};
    if (scheme == "rope") return {"q_proj", "k_proj"};
    if (scheme == "deberta") return {"deberta_rel", "deberta_ln_weight", "deberta_ln_bias"};
    return {};
}

std::shared_ptr<const LoadedWeights> loadWeights(const WeightSpec& spec,
                                                 const std::vector<std::string>& roles)
{
    if (spec.seeded()) return nullptr;
    for (const auto& [role, tensor] : spec.tensors) {
        bool known = false;
        for (const auto& k : weightRoles())
            known = known || k.first == role;
        if (!known) {
            std::string list;
            for (const auto& k : weightRoles())
                list += (list.empty() ? "" : ", ") + k.first;
            throw weightsError("unknown tensor role " + quoteInput(role) + " (known: " + list + ")");
        }
        if (tensor.empty()) throw weightsError("the tensor role " + quoteInput(role) + " names no tensor");
    }
    if (spec.layer < 0 || spec.layer > 100000)
        throw FieldError("layer", "{layer} must be between 0 and 100000, got " + std::to_string(spec.layer));

    Checkpoint checkpoint = [&] {
        try {
            return Checkpoint::open(spec.path, spec.layer);
        } catch (const FieldError&) {
            throw;
        } catch (const Error& e) {
            throw weightsError(std::string(e.what()) +
                               (spec.expect.empty() ? "" : " (the session's weights)"));
        }
    }();

    static std::mutex mutex;
    static std::vector<CacheEntry> cache; // the last few, newest last
    const auto files = identity(checkpoint);
    {
        const std::lock_guard lock(mutex);
        for (const CacheEntry& e : cache)
            if (e.spec == spec && e.roles == roles && e.files == files) return e.weights;
    }

    auto weights = std::make_shared<LoadedWeights>();
    weights->spec = spec;
    weights->settings = checkpoint.settings();
    std::vector<std::string> wanted = roles;
    if (spec.inputs) wanted.insert(wanted.begin(), inputRoles().begin(), inputRoles().end());
    for (const std::string& role : wanted) {
        std::string name;
        for (const auto& [r, tensor] : spec.tensors)
            if (r == role) name = tensor;
        if (name.empty()) {
            // The common names, else a tensor named as the role itself ("x", "t5_bias", ...).
            if (const TensorRole* guess = checkpoint.role(role))
                name = guess->tensor;
            else if (checkpoint.has(role))
                name = role;
            else if (spec.inputs &&
                     std::find(inputRoles().begin(), inputRoles().end(), role) != inputRoles().end())
                throw weightsError(quoteInput(spec.path, kQuotedNameChars) + " has no tensor " +
                                   quoteInput(role) + " (an inputs file holds x, w_q, w_k and w_v)");
            else
                continue; // the scheme says whether it needs it
        }
        std::pair<const TensorFile*, const TensorInfo*> found;
        try {
            found = checkpoint.find(name);
        } catch (const Error& e) {
            throw weightsError(std::string(e.what()) + " (for " + role + ")");
        }
        const TensorFile* file = found.first;
        const TensorInfo* info = found.second;
        // A LayerNorm's weight and bias are vectors: one column.
        const bool vector = role == "deberta_ln_weight" || role == "deberta_ln_bias";
        if (vector ? info->shape.size() != 1 : info->shape.size() != 2)
            throw weightsError(quoteInput(name, kQuotedNameChars) + " in " +
                               quoteInput(file->path(), kQuotedNameChars) + " is " + shapeText(info->shape) +
                               ": " + role + " must be " + roleShape(role));
        checkMemory("weights", 8.0 * double(info->elements()),
                    quoteInput(name, kQuotedNameChars) + " " + shapeText(info->shape) + " as double",
                    "use a smaller tensor");
        LoadedTensor t;
        t.shape = info->shape;
        const std::vector<double> values = [&] {
            try {
                return file->values(name);
            } catch (const FieldError&) {
                throw;
            } catch (const Error& e) {
                throw weightsError(e.what());
            }
        }();
        const auto rows = Eigen::Index(info->shape[0]), cols = vector ? Eigen::Index(1) : Eigen::Index(info->shape[1]);
        t.values = Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
            values.data(), rows, cols);
        t.print = {role, name, file->path(), file->size(), Sha256::hex(file->bytes(name))};
        weights->tensors.push_back(std::move(t));
    }

    if (spec.inputs) {
        const auto matrix = [&](const char* role) { return weights->find(role)->values; };
        weights->x = std::make_shared<const Eigen::MatrixXd>(matrix("x"));
        auto proj = std::make_shared<Projections>();
        proj->wq = matrix("w_q");
        proj->wk = matrix("w_k");
        proj->wv = matrix("w_v");
        weights->projections = std::move(proj);
    }

    // A session's record: the same tensors, byte for byte.
    for (const TensorPrint& want : spec.expect) {
        const LoadedTensor* got = weights->find(want.role);
        if (!got && std::find(wanted.begin(), wanted.end(), want.role) == wanted.end()) continue;
        if (!got)
            throw weightsError(quoteInput(spec.path, kQuotedNameChars) + " no longer has the tensor " +
                               quoteInput(want.tensor, kQuotedNameChars) + " the session used for " +
                               want.role);
        if (got->print.sha256 != want.sha256)
            throw weightsError(quoteInput(got->print.tensor, kQuotedNameChars) + " in " +
                               quoteInput(got->print.file, kQuotedNameChars) +
                               " has changed since the session was saved (SHA-256 " +
                               shortHash(got->print.sha256) + ", the session recorded " +
                               shortHash(want.sha256) + ")");
    }

    const std::lock_guard lock(mutex);
    cache.push_back({spec, roles, files, weights});
    if (cache.size() > 4) cache.erase(cache.begin());
    return weights;
}

std::shared_ptr<const Projections> layerProjections(const ModelConfig& model)
{
    if (!model.loaded) return nullptr;
    const LoadedTensor* q = model.loaded->find("q_proj");
    const LoadedTensor* k = model.loaded->find("k_proj");
    if (!q || !k) return nullptr;
    static std::mutex mutex;
    // The weights are kept alive with their projections, so an address is never reused under an entry.
    static std::vector<std::tuple<std::shared_ptr<const LoadedWeights>, std::uint64_t, int,
                                  std::shared_ptr<const Projections>>>
        cache;
    const std::lock_guard lock(mutex);
    for (const auto& [w, seed, heads, p] : cache)
        if (w == model.loaded && seed == model.seed && heads == model.heads) return p;
    ModelConfig seeded = model;
    seeded.loaded = nullptr;
    auto p = std::make_shared<Projections>(*Projections::shared(seeded)); // W_v
    const int hd = model.headDim();
    const int groups = model.heads / int(k->values.rows() / hd); // query heads per key head
    p->wq = q->values.transpose();
    for (int h = 0; h < model.heads; ++h)
        p->wk.middleCols(h * hd, hd) = k->values.middleRows((h / groups) * hd, hd).transpose();
    cache.emplace_back(model.loaded, model.seed, model.heads, p);
    if (cache.size() > 2) cache.erase(cache.begin());
    return p;
}

WeightDefaults weightDefaults(const LoadedWeights& weights, const std::string& scheme)
{
    WeightDefaults d;
    const auto& s = weights.settings;
    const auto fitsInt = [](long long v) { return v > 0 && v <= 1'000'000; };
    if (weights.x) {
        d.dModel = int(weights.x->cols());
        d.positions = int(weights.x->rows());
    }
    if (s && s->heads && fitsInt(*s->heads)) d.heads = int(*s->heads);
    if (s && s->hiddenSize && fitsInt(*s->hiddenSize)) d.dModel = int(*s->hiddenSize);
    if (scheme == "learned") {
        if (const LoadedTensor* t = weights.find("position_table")) {
            d.dModel = int(t->values.cols());
            d.params.emplace_back("max_len", std::to_string(t->values.rows()));
        }
    } else if (scheme == "t5") {
        const LoadedTensor* t = weights.find("t5_bias");
        if (!t) t = weights.find("t5_decoder_bias");
        if (t) {
            d.heads = int(t->values.cols());
            d.params.emplace_back("num_buckets", std::to_string(t->values.rows()));
        }
        if (s && s->t5MaxDistance && fitsInt(*s->t5MaxDistance))
            d.params.emplace_back("max_distance", std::to_string(*s->t5MaxDistance));
    } else if (scheme == "deberta") {
        if (const LoadedTensor* t = weights.find("deberta_rel")) d.dModel = int(t->values.cols());
        // DebertaV2Config: position_buckets, max_relative_positions (< 1: max_position_embeddings).
        if (s && s->debertaBuckets && *s->debertaBuckets > 0 && fitsInt(*s->debertaBuckets))
            d.params.emplace_back("bucket_size", std::to_string(*s->debertaBuckets));
        const std::optional<long long> most =
            s && s->debertaMaxRelative && *s->debertaMaxRelative > 0 ? s->debertaMaxRelative : s ? s->maxPositions : std::nullopt;
        if (most && fitsInt(*most)) d.params.emplace_back("max_position", std::to_string(*most));
    } else if (scheme == "rope") {
        if (const LoadedTensor* q = weights.find("q_proj")) {
            d.dModel = int(q->values.cols());
            // Meta's original checkpoints pair dims (2c, 2c+1); Hugging Face's conversion permuted
            // q and k so that rotate_half's pairs (c, c + r/2) are the same rotations.
            const bool meta = q->print.tensor.find(".attention.wq.") != std::string::npos;
            d.params.emplace_back("layout", meta ? "interleaved" : "half");
        }
        if (s && s->ropeTheta) d.params.emplace_back("base", formatReal(*s->ropeTheta));
        if (s && s->partialRotary) d.params.emplace_back("rotary_fraction", formatReal(*s->partialRotary));
        if (s && !s->ropeType.empty() && s->ropeType != "default") {
            d.params.emplace_back("scaling", s->ropeType);
            // HF's rope_scaling keys, as the rope scheme names them (modeling_rope_utils.py reads
            // L0 from original_max_position_embeddings, else max_position_embeddings).
            static const std::pair<const char*, const char*> keys[] = {
                {"factor", "factor"},
                {"beta_fast", "beta_fast"},
                {"beta_slow", "beta_slow"},
                {"mscale", "mscale"},
                {"mscale_all_dim", "mscale_all_dim"},
                {"low_freq_factor", "low_freq_factor"},
                {"high_freq_factor", "high_freq_factor"},
                {"attention_factor", "attention_factor"},
                {"short_factor", "short_factor"},
                {"long_factor", "long_factor"},
                {"truncate", "truncate"}};
            for (const auto& [hf, ours] : keys)
                if (const auto it = s->ropeScaling.find(hf); it != s->ropeScaling.end())
                    d.params.emplace_back(ours, it->second);
            if (const auto it = s->ropeScaling.find("original_max_position_embeddings");
                it != s->ropeScaling.end())
                d.params.emplace_back("original_max_position", it->second);
            else if (s->maxPositions)
                d.params.emplace_back("original_max_position", std::to_string(*s->maxPositions));
        }
    }
    return d;
}

} // namespace poslab
