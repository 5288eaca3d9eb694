#include "model.h"

#include "weights.h"

#include "error.h"
#include "i18n.h"
#include "lablimits.h"
#include "rng.h"

#include <charconv>
#include <cmath>
#include <deque>
#include <mutex>
#include <unordered_map>

namespace poslab {

namespace {

// Shortest round-trip form ("0.5", "1e-09", "nan", "inf"): the user sees the value they typed.
std::string formatDouble(double v)
{
    char buf[32];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, res.ptr);
}

} // namespace

void ModelConfig::validate() const
{
    if (dModel < 1 || dModel > kMaxDModel) throw outOfRange("d_model", dModel, 1, kMaxDModel);
    if (heads < 1 || heads > kMaxHeads) throw outOfRange("heads", heads, 1, kMaxHeads);
    if (dModel % heads != 0)
        throw FieldError("d_model", fill(trCore("Errors", "{d_model} %1 is not divisible by {heads} %2"),
                                         {std::to_string(dModel), std::to_string(heads)}));
    // Written so that NaN fails too.
    if (!(lambda >= 0.0 && lambda <= 1.0))
        throw FieldError("lambda", fill(trCore("Errors", "%1 must be between %2 and %3, got %4"),
                                        {"{lambda}", "0", "1", formatDouble(lambda)}));
    if (!(std::isfinite(temperature) && temperature >= kMinTemperature && temperature <= kMaxTemperature))
        throw FieldError("temperature", fill(trCore("Errors", "%1 must be between %2 and %3, got %4"),
                                             {"{temperature}", formatDouble(kMinTemperature),
                                              formatDouble(kMaxTemperature), formatDouble(temperature)}));
}

Sequence Sequence::fromText(std::string_view text, TokenizerMode mode)
{
    Sequence seq;
    seq.tokens = tokenize(text, mode);
    if (seq.tokens.empty()) throw Error(trCore("Errors", "the text has no tokens"));
    seq.hasContent = true;
    return seq;
}

Sequence Sequence::positions(int n)
{
    if (n < 1) throw Error(fill(trCore("Errors", "n must be at least 1, got %1"), {std::to_string(n)}));
    if (n > kMaxPositions)
        throw Error(fill(trCore("Errors", "n must be at most %1, got %2"),
                         {std::to_string(kMaxPositions), std::to_string(n)}));
    Sequence seq;
    seq.tokens.resize(static_cast<std::size_t>(n));
    seq.hasContent = false;
    return seq;
}

std::vector<std::string> Sequence::labels() const
{
    std::vector<std::string> out;
    out.reserve(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i)
        out.push_back(hasContent ? tokens[i].text : std::to_string(i));
    return out;
}

Eigen::VectorXd tokenContent(const std::string& text, int dModel, std::uint64_t seed)
{
    Rng rng = Rng::stream(seed, "token:" + text);
    Eigen::VectorXd c(dModel);
    for (int k = 0; k < dModel; ++k)
        c(k) = rng.normal();
    return c;
}

Eigen::VectorXd neutralContent(int dModel, std::uint64_t seed)
{
    Rng rng = Rng::stream(seed, "neutral-content");
    Eigen::VectorXd u(dModel);
    for (int k = 0; k < dModel; ++k)
        u(k) = rng.normal();
    return u;
}

Eigen::MatrixXd contentVectors(const Sequence& seq, const ModelConfig& model)
{
    // An inputs file's x is the content itself, exactly as given (checkLoaded: n × d_model).
    if (model.loaded && model.loaded->x) return *model.loaded->x;
    const Eigen::VectorXd u = neutralContent(model.dModel, model.seed);
    Eigen::MatrixXd e(seq.size(), model.dModel);
    if (!seq.hasContent) {
        e.rowwise() = u.transpose();
        return e;
    }
    // e_i = λ·c(token_i) + (1 − λ)·u, one row per distinct text.
    std::unordered_map<std::string, Eigen::VectorXd> rows;
    for (int i = 0; i < seq.size(); ++i) {
        const std::string& text = seq.tokens[static_cast<std::size_t>(i)].text;
        auto it = rows.find(text);
        if (it == rows.end()) {
            const Eigen::VectorXd c = tokenContent(text, model.dModel, model.seed);
            it = rows.emplace(text, model.lambda * c + (1.0 - model.lambda) * u).first;
        }
        e.row(i) = it->second.transpose();
    }
    return e;
}

Projections Projections::make(const ModelConfig& model)
{
    return *shared(model);
}

std::shared_ptr<const Projections> Projections::shared(const ModelConfig& model)
{
    if (model.loaded && model.loaded->projections) return model.loaded->projections; // an inputs file's
    if (auto layer = layerProjections(model)) return layer;                         // a checkpoint layer's q, k
    // Drawing 3·d² normals costs ~19 ms at d = 512, more than the attention itself at n = 256, and
    // a slider that moves anything but the seed or the width redraws the same ones: keep the last few.
    struct Entry
    {
        std::uint64_t seed;
        int dModel;
        std::shared_ptr<const Projections> proj;
    };
    static std::mutex mutex;
    static std::deque<Entry> cache;
    {
        std::lock_guard lock(mutex);
        for (const Entry& e : cache)
            if (e.seed == model.seed && e.dModel == model.dModel)
                return e.proj;
    }
    const Eigen::Index d = model.dModel;
    const double stddev = 1.0 / std::sqrt(static_cast<double>(model.dModel));
    auto p = std::make_shared<Projections>();
    p->wq = Rng::stream(model.seed, "W_q").normalMatrix(d, d, stddev);
    p->wk = Rng::stream(model.seed, "W_k").normalMatrix(d, d, stddev);
    p->wv = Rng::stream(model.seed, "W_v").normalMatrix(d, d, stddev);
    std::lock_guard lock(mutex);
    cache.push_front({model.seed, model.dModel, p});
    if (cache.size() > 4)
        cache.pop_back();
    return p;
}

} // namespace poslab
