#include "lab.h"

#include "engine/onednnengine.h"
#include "error.h"
#include "plan.h"

#include <array>
#include <mutex>

namespace poslab {

namespace {

constexpr std::array kWhat = {std::pair{What::Pe, "pe"},         std::pair{What::Delta, "delta"},
                              std::pair{What::Bucket, "bucket"}, std::pair{What::Bias, "bias"},
                              std::pair{What::Slopes, "slopes"}, std::pair{What::Logits, "logits"},
                              std::pair{What::Probs, "probs"},   std::pair{What::DeltaCurve, "delta-curve"}};

Table baseTable(const Scheme& scheme, What what)
{
    Table t;
    t.scheme = scheme.info().name;
    t.what = whatName(what);
    t.params = scheme.params().canonical();
    const ModelConfig& m = scheme.model();
    t.model = {{"d_model", std::to_string(m.dModel)},
               {"heads", std::to_string(m.heads)},
               {"causal", m.causal ? "true" : "false"},
               {"seed", std::to_string(m.seed)},
               {"lambda", formatReal(m.lambda)},
               {"temperature", formatReal(m.temperature)}};
    return t;
}

void fillMatrix(Table& t, const Eigen::MatrixXd& m)
{
    t.shape = {static_cast<std::size_t>(m.rows()), static_cast<std::size_t>(m.cols())};
    t.data.resize(m.size());
    for (Eigen::Index r = 0; r < m.rows(); ++r)
        for (Eigen::Index c = 0; c < m.cols(); ++c)
            t.data[r * m.cols() + c] = m(r, c) + 0.0;   // + 0.0 turns −0 into 0
}

void checkHead(const Scheme& scheme, int head)
{
    if (head < 0 || head >= scheme.model().heads)
        throw Error("head " + std::to_string(head) + " is out of range (the model has " +
                    std::to_string(scheme.model().heads) + " heads: 0.." + std::to_string(scheme.model().heads - 1) +
                    ")");
}

} // namespace

What parseWhat(const std::string& name)
{
    for (const auto& [w, n] : kWhat)
        if (name == n)
            return w;
    std::string all;
    for (const auto& [w, n] : kWhat)
        all += (all.empty() ? "" : ", ") + std::string(n);
    throw Error("unknown --what '" + name + "' (use one of: " + all + ")");
}

std::string whatName(What what)
{
    for (const auto& [w, n] : kWhat)
        if (w == what)
            return n;
    return "?";
}

std::vector<std::string> whatNames()
{
    std::vector<std::string> v;
    for (const auto& [w, n] : kWhat)
        v.emplace_back(n);
    return v;
}

namespace {

// One oneDNN engine for the process: its primitives and buffers outlive a single table.
OneDnnEngine& sharedEngine(std::unique_lock<std::mutex>& lock)
{
    static std::mutex mutex;
    static OneDnnEngine engine;
    lock = std::unique_lock(mutex);
    return engine;
}

// Probabilities of one head streamed into a pool × pool grid; rows and columns are cells of
// tokens [edges[a], edges[a+1]), labelled "first–last".
Table pooledTable(const Scheme& scheme, const Sequence& seq, const ComputeRequest& request)
{
    if (request.what != What::Probs)
        throw Error("--pool applies to --what probs only");
    if (request.engine != EngineKind::OneDnn)
        throw Error("--pool needs --engine onednn (the reference engine holds n × n)");
    RunOptions options;
    options.threads = request.threads;
    options.precision = request.precision;
    std::unique_lock<std::mutex> lock;
    const PooledProbs p = sharedEngine(lock).pooled(makePlan(scheme, seq), request.head, request.pool,
                                                     request.poolMode, options);
    Table t = baseTable(scheme, request.what);
    fillMatrix(t, p.grid);
    for (std::size_t a = 0; a + 1 < p.edges.size(); ++a)
        t.tokens.push_back(std::to_string(p.edges[a]).append("–").append(std::to_string(p.edges[a + 1] - 1)));
    t.model.emplace_back("head", std::to_string(request.head));
    t.model.emplace_back("pool", std::to_string(p.grid.rows()));
    t.model.emplace_back("pool_mode", poolModeName(request.poolMode));
    if (request.precision == Precision::BF16)
        t.model.emplace_back("dtype", "bf16");
    return t;
}

} // namespace

Table computeTable(const Scheme& scheme, const Sequence& seq, const ComputeRequest& request)
{
    const bool needsAttention =
        request.what == What::Bias || request.what == What::Logits || request.what == What::Probs;
    if (request.pool != 0) {
        if (request.pool < 0)
            throw Error("--pool must be positive, got " + std::to_string(request.pool));
        checkHead(scheme, request.head);
        return pooledTable(scheme, seq, request);
    }
    if (!needsAttention)
        return tableFromResult(scheme, seq, AttentionResult{}, request);
    checkHead(scheme, request.head);
    if (request.engine == EngineKind::Reference) {
        resolveThreads(request.threads);
        if (request.precision != Precision::F32)
            throw Error("the reference engine computes in double: --dtype applies to --engine onednn");
        return tableFromResult(scheme, seq, referenceAttention(scheme, seq), request);
    }
    constexpr int kMaxSquare = 16384;   // as tableFromResult: refuse before computing
    if (seq.size() > kMaxSquare)
        throw Error("n = " + std::to_string(seq.size()) + " is too long for a full n × n table (at most " +
                    std::to_string(kMaxSquare) + "): add --pool 1024 for a pooled heatmap");
    RunOptions options = RunOptions::forHead(request.head);
    options.probs = request.what == What::Probs;
    options.logits = request.what == What::Logits;
    options.bias = request.what == What::Bias;
    options.threads = request.threads;
    options.precision = request.precision;
    AttentionResult result;
    {
        std::unique_lock<std::mutex> lock;
        sharedEngine(lock).run(makePlan(scheme, seq), options, result);
    }
    Table t = tableFromResult(scheme, seq, result, request);
    if (request.precision == Precision::BF16)
        t.model.emplace_back("dtype", "bf16");
    return t;
}


Table tableFromResult(const Scheme& scheme, const Sequence& seq, const AttentionResult& result,
                      const ComputeRequest& request)
{
    const int n = seq.size();
    Table t = baseTable(scheme, request.what);
    const bool square = request.what != What::Slopes && request.what != What::DeltaCurve;
    constexpr int kMaxSquare = 16384;   // an n × n table of doubles stays under 2 GiB
    if (square && request.what != What::Pe && n > kMaxSquare)
        throw Error("n = " + std::to_string(n) + " is too long for a full n × n table (at most " +
                    std::to_string(kMaxSquare) + ")");
    if (square)
        t.tokens = seq.labels();
    switch (request.what) {
    case What::Pe:
        if (scheme.info().kind == SchemeKind::Relative && !scheme.hasAbsolute())
            throw Error(scheme.info().name + " is relative: it adds no absolute encoding (try --what bias or delta-curve)");
        fillMatrix(t, scheme.absoluteAt(seq.start, n));
        break;
    case What::Delta:
    case What::Bucket: {
        const bool delta = request.what == What::Delta;
        t.integer = true;
        t.shape = {static_cast<std::size_t>(n), static_cast<std::size_t>(n)};
        t.data.resize(static_cast<std::size_t>(n) * n);
        if (!delta && !scheme.hasBucket())
            scheme.bucket(0, 0);   // throws the scheme's own message
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j)
                t.data[static_cast<std::size_t>(i) * n + j] =
                    static_cast<double>(delta ? j - i : scheme.bucket(i, j));
        break;
    }
    case What::Slopes: {
        const std::vector<double> s = scheme.slopes();
        t.shape = {s.size()};
        t.data = s;
        t.columns = {"slope"};
        break;
    }
    case What::Bias:
    case What::Logits:
    case What::Probs: {
        checkHead(scheme, request.head);
        if (result.heads.size() != static_cast<std::size_t>(scheme.model().heads) || result.n() != n)
            throw Error("internal: attention result does not match the request");
        const HeadResult& h = result.heads[request.head];
        fillMatrix(t, request.what == What::Bias ? h.bias : request.what == What::Logits ? h.logits : h.probs);
        t.model.emplace_back("head", std::to_string(request.head));
        break;
    }
    case What::DeltaCurve: {
        if (request.range < 0 || request.range > 1'000'000)
            throw Error("--range must be in [0, 1000000], got " + std::to_string(request.range));
        const DeltaCurve c = scheme.deltaCurve(request.range);
        fillMatrix(t, c.rows);
        t.columns = c.columns;
        t.model.emplace_back("range", std::to_string(request.range));
        break;
    }
    }
    return t;
}

} // namespace poslab
