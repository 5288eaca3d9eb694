#include "weights.h"

#include "budget.h"
#include "error.h"
#include "i18n.h"
#include "model.h"
#include "params.h"
#include "sha256.h"

#include <algorithm>
#include <cmath>
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

// GPT-2's block L: the LayerNorm before attention and the Conv1D that makes q, k and v.
constexpr const char* kGpt2LayerRoles[] = {"c_attn_weight", "c_attn_bias", "ln_1_weight", "ln_1_bias"};

// A LayerNorm's weight and bias and a Conv1D's bias are vectors: one column.
bool vectorRole(std::string_view role)
{
    return role == "deberta_ln_weight" || role == "deberta_ln_bias" || role == "c_attn_bias" ||
           role == "ln_1_weight" || role == "ln_1_bias";
}

// What a role's tensor must look like, for its error.
std::string roleShape(const std::string& role)
{
    if (role == "position_table") return "[positions, d_model]";
    if (role == "t5_bias" || role == "t5_decoder_bias") return "[buckets, heads]";
    if (role == "deberta_rel") return "[2 · position_buckets, d_model]";
    if (role == "q_proj" || role == "k_proj") return "[out, in]";
    if (role == "c_attn_weight") return "[d_model, 3 \u00b7 d_model] ([in, out])";
    if (role == "c_attn_bias") return trCore("Weights", "[3 \u00b7 d_model] (a vector)");
    if (vectorRole(role)) return trCore("Weights", "[d_model] (a vector)");
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
        {"k_proj", "a layer's key projection [out, in] (LLaMA k_proj)"},
        {"c_attn_weight",
         "a GPT-2 layer's q, k, v projection [d_model, 3 \u00b7 d_model], stored [in, out] (Conv1D c_attn)"},
        {"c_attn_bias", "a GPT-2 layer's q, k, v bias [3 \u00b7 d_model] (c_attn.bias)"},
        {"ln_1_weight", "a GPT-2 layer's LayerNorm weight before attention [d_model] (ln_1)"},
        {"ln_1_bias", "a GPT-2 layer's LayerNorm bias before attention [d_model] (ln_1)"}};
    return roles;
}

bool roleFits(const std::string& role, const std::vector<std::uint64_t>& shape,
              std::optional<long long> dModel)
{
    const auto d = [&](std::uint64_t n, std::uint64_t times = 1) {
        return !dModel || n == times * std::uint64_t(*dModel);
    };
    if (role == "c_attn_bias")
        return shape.size() == 1 && shape[0] > 0 && shape[0] % 3 == 0 && d(shape[0], 3);
    if (vectorRole(role)) return shape.size() == 1 && shape[0] > 0 && d(shape[0]);
    if (shape.size() != 2 || shape[0] == 0 || shape[1] == 0) return false;
    if (role == "c_attn_weight") return shape[1] == 3 * shape[0] && d(shape[0]);
    if (role == "position_table" || role == "deberta_rel" || role == "q_proj" || role == "k_proj")
        return d(shape[1]);
    return true; // T5's [buckets, heads]
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

namespace {

// GPT-2's layer: all four tensors, c_attn [d_model, 3·d_model] ([in, out]), c_attn.bias
// [3·d_model], ln_1 [d_model], and the config's n_head heads (GPT2Attention splits c_attn's output
// into n_head heads, _split_heads).
void checkGpt2Layer(const LoadedWeights& weights, const ModelConfig& model)
{
    const LoadedTensor* present = nullptr;
    for (const char* role : kGpt2LayerRoles)
        if (!present) present = weights.find(role);
    if (!present) return;
    for (const char* role : kGpt2LayerRoles)
        if (!weights.find(role))
            throw weightsError(fill(trCore("Weights", "%1 has %2 but no %3 for layer %4"),
                                    {quoteInput(weights.spec.path, kQuotedNameChars), present->print.role,
                                     role, std::to_string(weights.spec.layer)}));
    const auto d = std::uint64_t(model.dModel);
    const std::pair<const char*, std::vector<std::uint64_t>> shapes[] = {
        {"c_attn_weight", {d, 3 * d}}, {"c_attn_bias", {3 * d}}, {"ln_1_weight", {d}}, {"ln_1_bias", {d}}};
    for (const auto& [role, want] : shapes) {
        const LoadedTensor* t = weights.find(role);
        if (t->shape != want)
            throw weightsError(fill(trCore("Weights", "%1 in %2 is %3 but must be %4 for d_model %5 (%6 %7)"),
                                    {quoteInput(t->print.tensor, kQuotedNameChars),
                                     quoteInput(t->print.file, kQuotedNameChars), shapeText(t->shape),
                                     shapeText(want), std::to_string(d), role, roleShape(role)}));
    }
    const auto& s = weights.settings;
    if (s && s->heads && *s->heads != model.heads)
        throw FieldError("heads", fill(trCore("Weights", "{heads} must be %1, the n_head of config.json that "
                                                         "the layer's c_attn is split into, got %2"),
                                       {std::to_string(*s->heads), std::to_string(model.heads)}));
}

} // namespace

void checkLoaded(const LoadedWeights& weights, int n, const ModelConfig& model)
{
    const int dModel = model.dModel;
    const auto sizeError = [&](const LoadedTensor& t, const std::string& want) {
        return weightsError(fill(trCore("Weights", "%1 in %2 is %3 \u00d7 %4 but must be %5"),
                                 {quoteInput(t.print.tensor, kQuotedNameChars),
                                  quoteInput(t.print.file, kQuotedNameChars), std::to_string(t.values.rows()),
                                  std::to_string(t.values.cols()), want}));
    };
    const std::string d = std::to_string(dModel);
    if (const LoadedTensor* q = weights.find("q_proj")) {
        const LoadedTensor* k = weights.find("k_proj");
        if (!k)
            throw weightsError(fill(trCore("Weights", "%1 has q_proj but no k_proj for layer %2"),
                                    {quoteInput(weights.spec.path, kQuotedNameChars),
                                     std::to_string(weights.spec.layer)}));
        const int hd = model.headDim();
        if (q->values.rows() != dModel || q->values.cols() != dModel)
            throw sizeError(*q,
                            d + " \u00d7 " + d +
                                " (heads \u00b7 head_dim \u00d7 d_model, heads \u00b7 head_dim = d_model)");
        const auto kvRows = k->values.rows();
        if (k->values.cols() != dModel || hd <= 0 || kvRows % hd != 0 || kvRows == 0 ||
            model.heads % (kvRows / hd) != 0)
            throw sizeError(*k, fill(trCore("Weights", "kv_heads \u00b7 %1 \u00d7 %2 with kv_heads dividing the %3 heads"),
                                     {std::to_string(hd), d, std::to_string(model.heads)}));
    }
    checkGpt2Layer(weights, model);
    if (!weights.spec.inputs) return;
    const LoadedTensor* x = weights.find("x");
    if (x->values.rows() != n || x->values.cols() != dModel)
        throw sizeError(*x, fill(trCore("Weights", "%1 \u00d7 %2 (n tokens \u00d7 d_model)"), {std::to_string(n), d}));
    for (const char* role : {"w_q", "w_k", "w_v"}) {
        const LoadedTensor* w = weights.find(role);
        if (w->values.rows() != dModel || w->values.cols() != dModel)
            throw sizeError(*w, d + " \u00d7 " + d + " (d_model \u00d7 d_model)");
    }
}

std::vector<std::string> schemeWeightRoles(const std::string& scheme)
{
    if (scheme == "learned")
        return {"position_table", "c_attn_weight", "c_attn_bias", "ln_1_weight", "ln_1_bias"};
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
            throw weightsError(fill(trCore("Weights", "unknown tensor role %1 (known: %2)"), {quoteInput(role), list}));
        }
        if (tensor.empty())
            throw weightsError(fill(trCore("Weights", "the tensor role %1 names no tensor"), {quoteInput(role)}));
    }
    if (spec.layer < 0 || spec.layer > 100000)
        throw outOfRange("layer", spec.layer, 0, 100000);

    Checkpoint checkpoint = [&] {
        try {
            return Checkpoint::open(spec.path, spec.layer);
        } catch (const FieldError&) {
            throw;
        } catch (const Error& e) {
            throw weightsError(spec.expect.empty()
                                   ? std::string(e.what())
                                   : fill(trCore("Weights", "%1 (the session's weights)"), {e.what()}));
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
                throw weightsError(
                    fill(trCore("Weights", "%1 has no tensor %2 (an inputs file holds x, w_q, w_k and w_v)"),
                         {quoteInput(spec.path, kQuotedNameChars), quoteInput(role)}));
            else
                continue; // the scheme says whether it needs it
        }
        std::pair<const TensorFile*, const TensorInfo*> found;
        try {
            found = checkpoint.find(name);
        } catch (const Error& e) {
            throw weightsError(fill(trCore("Weights", "%1 (for %2)"), {e.what(), role}));
        }
        const TensorFile* file = found.first;
        const TensorInfo* info = found.second;
        const bool vector = vectorRole(role);
        if (vector ? info->shape.size() != 1 : info->shape.size() != 2)
            throw weightsError(fill(trCore("Weights", "%1 in %2 is %3: %4 must be %5"),
                                    {quoteInput(name, kQuotedNameChars), quoteInput(file->path(), kQuotedNameChars),
                                     shapeText(info->shape), role, roleShape(role)}));
        checkMemory("weights", 8.0 * double(info->elements()),
                    fill(trCore("Weights", "%1 %2 as double"), {quoteInput(name, kQuotedNameChars), shapeText(info->shape)}),
                    trCore("Weights", "use a smaller tensor"));
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
            throw weightsError(fill(trCore("Weights", "%1 no longer has the tensor %2 the session used for %3"),
                                    {quoteInput(spec.path, kQuotedNameChars), quoteInput(want.tensor, kQuotedNameChars),
                                     want.role}));
        if (got->print.sha256 != want.sha256)
            throw weightsError(fill(trCore("Weights", "%1 in %2 has changed since the session was saved (SHA-256 "
                                                      "%3, the session recorded %4)"),
                                    {quoteInput(got->print.tensor, kQuotedNameChars),
                                     quoteInput(got->print.file, kQuotedNameChars), shortHash(got->print.sha256),
                                     shortHash(want.sha256)}));
    }

    const std::lock_guard lock(mutex);
    cache.push_back({spec, roles, files, weights});
    if (cache.size() > 4) cache.erase(cache.begin());
    return weights;
}

namespace {

// A checkpoint layer's attention in the form every engine computes, q = x·W_q with x = content + pe.
// LLaMA's q_proj and k_proj are linear maps of x: W_q = q_projᵀ, W_k = k_projᵀ (each key head
// repeated for the query heads that share it, transformers' repeat_kv), W_v the seeded one (the
// layer's v_proj is not read: the views need q and k).
//
// GPT-2's block normalises first and its Conv1D adds a bias: q, k, v = LN(x)·W + b
// (modeling_gpt2.py GPT2Block.forward: ln_1, then GPT2Attention.forward: query, key, value =
// c_attn(hidden_states).split(split_size, dim=2); pytorch_utils.py Conv1D.forward: addmm(bias, x,
// weight), weight [in, out]). W_v is the layer's real one: it is the third slice of the same
// c_attn tensor, read and fingerprinted anyway, and a seeded W_v on the layer's normalised input
// would give the output of no model. With LN(x) = s·(x − μ)⊙γ + β, s = 1/√(var(x) + ε):
//   LN(x)·W + b = a'·W + c,   a' = s·(x − μ)⊙γ,   c = β·W + b.
// a' lies in the hyperplane orthogonal to ν = (1/γ)/‖1/γ‖ (Σ (x − μ) = 0), so with W' = W + νᵀ(c − ν·W),
// a'·W' = a'·W and ν·W' = c: q = (a' + ν)·W' exactly. The engines get content' = s·(e − μ_e)⊙γ + ν
// and pe' = s·(p − μ_p)⊙γ (layerInputs; content' + pe' = a' + ν) and W' as W_q, W_k, W_v, so every
// engine, oracle and worked example runs GPT-2's layer with no code of its own; the biases ride on
// the content side, so a scheme without pe (pe' = 0) gets them too.
struct LayerAttention
{
    std::shared_ptr<const Projections> proj;
    bool norm = false;        // GPT-2's ln_1 before the projections
    Eigen::RowVectorXd gamma; // ln_1.weight
    double eps = 1e-5;
    Eigen::RowVectorXd carrier; // ν
};

// ν: a unit vector orthogonal to every s·(x − μ)⊙γ. 1/γ normalised, or e_k where γ_k = 0.
Eigen::RowVectorXd biasCarrier(const Eigen::RowVectorXd& gamma)
{
    Eigen::RowVectorXd nu = Eigen::RowVectorXd::Zero(gamma.size());
    for (Eigen::Index k = 0; k < gamma.size(); ++k)
        if (gamma[k] == 0.0) {
            nu[k] = 1.0;
            return nu;
        }
    nu = gamma.cwiseInverse();
    return nu / nu.norm();
}

std::shared_ptr<const LayerAttention> makeLayer(const ModelConfig& model)
{
    const LoadedWeights& w = *model.loaded;
    const LoadedTensor* attn = w.find("c_attn_weight");
    const LoadedTensor* q = w.find("q_proj");
    const LoadedTensor* k = w.find("k_proj");
    if (!attn && !(q && k)) return nullptr;
    ModelConfig seeded = model;
    seeded.loaded = nullptr;
    auto layer = std::make_shared<LayerAttention>();
    auto p = std::make_shared<Projections>(*Projections::shared(seeded)); // W_v, when the layer has none
    const int d = model.dModel, hd = model.headDim();
    if (attn) {
        checkGpt2Layer(w, model); // before any slice: the shapes this reads
        // [in, out] = [d, 3d]: columns [0, d) are the query, [d, 2d) the key, [2d, 3d) the value, and
        // head h is columns h·head_dim .. of each (_split_heads), as PosLab's W_q, W_k, W_v.
        const Eigen::MatrixXd& c = attn->values;
        const Eigen::VectorXd& b = w.find("c_attn_bias")->values.col(0);
        layer->norm = true;
        layer->gamma = w.find("ln_1_weight")->values.col(0).transpose();
        const Eigen::RowVectorXd beta = w.find("ln_1_bias")->values.col(0).transpose();
        if (w.settings && w.settings->layerNormEps)
            layer->eps = *w.settings->layerNormEps; // GPT2Config: 1e-5
        layer->carrier = biasCarrier(layer->gamma);
        const Eigen::RowVectorXd& nu = layer->carrier;
        Eigen::MatrixXd* parts[3] = {&p->wq, &p->wk, &p->wv};
        for (int part = 0; part < 3; ++part) {
            const Eigen::MatrixXd wp = c.middleCols(part * d, d);
            const Eigen::RowVectorXd cp = beta * wp + b.segment(part * d, d).transpose();
            *parts[part] = wp + nu.transpose() * (cp - nu * wp);
        }
    } else {
        const int groups = model.heads / int(k->values.rows() / hd); // query heads per key head
        p->wq = q->values.transpose();
        for (int h = 0; h < model.heads; ++h)
            p->wk.middleCols(h * hd, hd) = k->values.middleRows((h / groups) * hd, hd).transpose();
    }
    layer->proj = std::move(p);
    return layer;
}

// Cached per weights, seed and heads. The weights are kept alive with their layer, so an address is
// never reused under an entry.
std::shared_ptr<const LayerAttention> layerAttention(const ModelConfig& model)
{
    if (!model.loaded || model.loaded->projections) return nullptr; // none, or an inputs file's own
    static std::mutex mutex;
    static std::vector<std::tuple<std::shared_ptr<const LoadedWeights>, std::uint64_t, int,
                                  std::shared_ptr<const LayerAttention>>>
        cache;
    const std::lock_guard lock(mutex);
    for (const auto& [w, seed, heads, l] : cache)
        if (w == model.loaded && seed == model.seed && heads == model.heads) return l;
    auto layer = makeLayer(model);
    if (!layer) return nullptr;
    cache.emplace_back(model.loaded, model.seed, model.heads, layer);
    if (cache.size() > 2) cache.erase(cache.begin());
    return layer;
}

} // namespace

std::shared_ptr<const Projections> layerProjections(const ModelConfig& model)
{
    const auto layer = layerAttention(model);
    return layer ? layer->proj : nullptr;
}

void layerInputs(const ModelConfig& model, Eigen::MatrixXd& content, Eigen::MatrixXd& pe)
{
    const auto layer = layerAttention(model);
    if (!layer || !layer->norm) return;
    const auto d = double(content.cols());
    for (Eigen::Index i = 0; i < content.rows(); ++i) {
        // nn.LayerNorm: biased variance, ε inside the square root.
        const double me = content.row(i).mean(), mp = pe.row(i).mean();
        const double var = ((content.row(i) + pe.row(i)).array() - (me + mp)).square().sum() / d;
        const double s = 1.0 / std::sqrt(var + layer->eps);
        content.row(i) = (s * (content.row(i).array() - me) * layer->gamma.array()).matrix() + layer->carrier;
        pe.row(i) = (s * (pe.row(i).array() - mp) * layer->gamma.array()).matrix();
    }
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
