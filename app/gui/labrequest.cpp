#include "labrequest.h"

#include <analysis.h>
#include <engine/onednnengine.h>
#include <engine/terms.h>
#include <error.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <mutex>

namespace poslab::gui {

namespace {

void checkCancel(const std::atomic<bool>* cancel)
{
    if (cancel && cancel->load(std::memory_order_relaxed)) throw Cancelled();
}

// The one long-lived oneDNN engine: it keeps its primitives and buffers between recomputations. The
// driver runs one request at a time; the mutex only guards against a second caller (tests).
class SharedEngine
{
  public:
    SharedEngine() : m_lock(mutex()) {}
    OneDnnEngine& operator*() { return engine(); }
    OneDnnEngine* operator->() { return &engine(); }

  private:
    static std::mutex& mutex()
    {
        static std::mutex m;
        return m;
    }
    static OneDnnEngine& engine()
    {
        static OneDnnEngine e;
        return e;
    }
    std::lock_guard<std::mutex> m_lock;
};

// Which n × n matrices one run keeps.
struct Keep
{
    bool bias = false;
    bool allTerms = false; // every head's score terms (the head grid of a term)
    int termsHead = -1;    // otherwise only this head's (the worked example)
};

// `n`: above kMaxTermsN no score terms are kept (the engine computes none there).
Keep keepFor(const LabRequest& r, bool main, int n)
{
    Keep k;
    if (!main) { // compare runs: what the compare view's matrices and max |change| read
        k.bias = true;
        return k;
    }
    k.bias = r.matrix == "bias" || r.compare; // compare: the shift's change of the bias too
    if (n > kMaxTermsN) return k;
    k.allTerms = isTermMatrix(r.matrix);
    k.termsHead = r.head;
    return k;
}

double runBytes(const Keep& keep, int heads, int terms, int n)
{
    double matrices = 2.0 * heads; // probs and logits
    if (keep.bias) matrices += heads;
    matrices += keep.allTerms ? double(terms) * heads : keep.termsHead >= 0 ? terms : 0;
    return matrices * 8.0 * double(n) * n;
}

// The oracle's names for the engine's terms ("content-content", "(b) content-position", ...).
void renameTerms(const std::vector<std::string>& names, AttentionResult& result, const std::string& scheme)
{
    for (HeadResult& h : result.heads) {
        if (h.terms.empty()) continue;
        if (h.terms.size() != names.size())
            throw Error("internal: the engine split " + scheme + " into " + std::to_string(h.terms.size()) +
                        " terms, the scheme into " + std::to_string(names.size()));
        for (std::size_t t = 0; t < names.size(); ++t)
            h.terms[t].name = names[t];
    }
}

// `names`: oracleTermNames(*scheme), asked once per scheme (it builds a model's projections).
SchemeRun runScheme(std::shared_ptr<const Scheme> scheme, const std::vector<std::string>& names,
                    const Sequence& seq, const Keep& keep, const std::atomic<bool>* cancel, ResultPool* pool)
{
    checkCancel(cancel);
    SchemeRun run;
    run.scheme = std::move(scheme);
    run.termNames = names;
    run.plan = std::make_shared<const AttentionPlan>(makePlan(*run.scheme, seq));
    const double bytes = runBytes(keep, run.plan->model.heads, int(run.termNames.size()), seq.size());
    std::shared_ptr<AttentionResult> result =
        pool ? pool->take(seq.size(), bytes) : std::make_shared<AttentionResult>();
    RunOptions options;
    options.allHeads = true;
    options.probs = options.logits = true;
    options.bias = keep.bias;
    options.terms = keep.allTerms;
    options.cancel = cancel;
    {
        SharedEngine engine;
        engine->run(*run.plan, options, *result);
        // The worked example reads the score terms of the head shown; the other heads' stay empty.
        if (!keep.allTerms && keep.termsHead >= 0) {
            const int head = std::clamp(keep.termsHead, 0, run.plan->model.heads - 1);
            checkCancel(cancel);
            result->heads[std::size_t(head)].terms = engine->terms(*run.plan, head, options);
        }
    }
    renameTerms(run.termNames, *result, run.scheme->info().name);
    run.attention = std::move(result);
    run.buckets = std::make_shared<const Eigen::MatrixXd>(bucketMatrix(*run.scheme, seq.size()));
    return run;
}

std::string mib(double bytes)
{
    return std::to_string(static_cast<long long>(std::ceil(bytes / (1 << 20)))) + " MiB";
}

} // namespace

bool isTermMatrix(const std::string& matrix)
{
    return matrix != "probs" && matrix != "logits" && matrix != "bias" && matrix != "delta" &&
           matrix != "bucket";
}

ModelConfig LabRequest::effectiveModel() const
{
    ModelConfig m = model;
    if (!lambdaApplies()) m.lambda = 0.0;
    return m;
}

bool LabRequest::covers(const LabRequest& other, bool streamed, bool withTerms) const
{
    LabRequest a = *this, b = other;
    a.matrix = b.matrix;
    a.head = b.head;
    a.pool = b.pool;
    const bool sameInputs = a.text == b.text && a.positions == b.positions && a.tokenizer == b.tokenizer &&
                            a.positionsOnly == b.positionsOnly && a.scheme == b.scheme &&
                            a.params == b.params && a.model.dModel == b.model.dModel &&
                            a.model.heads == b.model.heads && a.model.causal == b.model.causal &&
                            a.model.seed == b.model.seed && a.model.lambda == b.model.lambda &&
                            a.model.temperature == b.model.temperature && a.compare == b.compare &&
                            a.compareScheme == b.compareScheme && a.shift == b.shift;
    if (!sameInputs) return false;
    if (streamed) return head == other.head && pool == other.pool;
    const bool allTerms = isTermMatrix(matrix);
    if (!withTerms) return other.matrix != "bias" || matrix == "bias" || compare; // no terms to wait for
    if (isTermMatrix(other.matrix) && other.matrix != matrix && !allTerms) return false;
    if (other.matrix == "bias" && matrix != "bias" && !compare) return false;
    return allTerms || head == other.head;
}

bool LabResult::has(const std::string& matrix, int head) const
{
    if (!isValid()) return false;
    if (matrix == "delta") return true;
    if (matrix == "bucket") return run.buckets && run.buckets->size() > 0;
    const auto& heads = run.attention->heads;
    if (head < 0 || head >= static_cast<int>(heads.size())) return false;
    const HeadResult& h = heads[std::size_t(head)];
    if (matrix == "probs") return h.probs.size() > 0;
    if (matrix == "logits") return h.logits.size() > 0;
    if (matrix == "bias") return h.bias.size() > 0;
    return std::any_of(h.terms.begin(), h.terms.end(), [&](const ScoreTerm& t) { return t.name == matrix; });
}

bool LabResult::canExplain(int head) const
{
    if (!isValid() || !sequence || !plan) return false;
    const auto& heads = run.attention->heads;
    if (head < 0 || head >= static_cast<int>(heads.size())) return false;
    const HeadResult& h = heads[std::size_t(head)];
    return h.probs.size() > 0 && h.logits.size() > 0 && h.terms.size() == run.termNames.size();
}

std::string pooledSummary(const PooledProbs& pooled)
{
    const int cells = static_cast<int>(pooled.grid.rows());
    int lo = 0, hi = 0;
    for (std::size_t a = 0; a + 1 < pooled.edges.size(); ++a) {
        const int width = pooled.edges[a + 1] - pooled.edges[a];
        lo = a == 0 ? width : std::min(lo, width);
        hi = std::max(hi, width);
    }
    const std::string side =
        lo == hi ? std::to_string(lo) : std::to_string(lo) + "\u2013" + std::to_string(hi);
    return "probabilities streamed and " + poolModeName(pooled.mode) + "-pooled into " +
           std::to_string(cells) + " \u00d7 " + std::to_string(cells) + " cells of " + side + " \u00d7 " +
           side + " tokens";
}

std::shared_ptr<AttentionResult> ResultPool::take(int n, double bytes)
{
    // Kept for reuse only while that is worth it: at large n, idle memory matters more than speed.
    if (bytes > kMaxPooledBytes) return std::make_shared<AttentionResult>();
    auto isFree = [](const std::shared_ptr<AttentionResult>& r) { return r.use_count() == 1; };
    // A free result of the same size first: its matrices are reused without touching fresh pages.
    for (const auto& r : m_results)
        if (isFree(r) && r->n() == n) {
            std::atomic_thread_fence(std::memory_order_acquire); // the views' last reads came before
            return r;
        }
    // Free results of another size only hold memory.
    std::erase_if(m_results, [&](const auto& r) { return isFree(r) && r->n() != n; });
    auto fresh = std::make_shared<AttentionResult>();
    if (m_results.size() < kMaxResults) m_results.push_back(fresh);
    return fresh;
}

void ResultPool::trim(std::size_t keepFree)
{
    std::size_t free = 0;
    std::erase_if(m_results, [&](const auto& r) { return r.use_count() == 1 && ++free > keepFree; });
}

Sequence sequenceOf(const LabRequest& request)
{
    return request.positions > 0 ? Sequence::positions(request.positions)
                                 : Sequence::fromText(request.text, request.tokenizer);
}

LabResult computeAll(const LabRequest& request, const std::atomic<bool>* cancel, ResultPool* pool)
{
    const auto start = std::chrono::steady_clock::now();
    const ModelConfig model = request.effectiveModel();
    model.validate();
    Sequence seq = sequenceOf(request);
    const int n = seq.size();

    LabResult result;
    result.request = request;
    result.request.head = std::clamp(request.head, 0, model.heads - 1);
    result.labels = seq.labels();
    result.n = n;

    const std::shared_ptr<const Scheme> scheme = makeScheme(request.scheme, request.params, model);
    const std::vector<std::string> termNames = oracleTermNames(*scheme);
    const int terms = static_cast<int>(termNames.size());
    const Keep main = keepFor(result.request, true, n);
    const double mainBytes = runBytes(main, model.heads, terms, n);
    if (mainBytes > kExplorerMemoryLimit) {
        // Too long for n × n matrices: stream the probabilities of the head shown into a pooled grid,
        // cells of a whole number of tokens where n allows it.
        const int step = (n + kPooledCells - 1) / kPooledCells;
        const int cells = (n + step - 1) / step;
        SchemeRun run;
        run.scheme = scheme;
        run.termNames = termNames;
        run.plan = std::make_shared<const AttentionPlan>(makePlan(*scheme, seq));
        RunOptions options;
        options.cancel = cancel;
        auto pooled = std::make_shared<PooledProbs>();
        {
            SharedEngine engine;
            *pooled = engine->pooled(*run.plan, result.request.head, cells, request.pool, options);
        }
        result.run = std::move(run);
        result.pooled = std::move(pooled);
        result.notice = "n = " + std::to_string(n) + ": " + pooledSummary(*result.pooled) +
                        " (the n \u00d7 n matrices would need " + mib(mainBytes) +
                        ", more than the explorer's " + mib(kExplorerMemoryLimit) + ")";
    } else {
        result.run = runScheme(scheme, termNames, seq, main, cancel, pool);
        result.sequence = std::make_shared<const Sequence>(seq);
        result.plan = result.run.plan;
        if (!result.termsFit())
            result.notice = "n = " + std::to_string(n) + ": score terms are computed for n \u2264 " +
                            std::to_string(kMaxTermsN) + " only (no worked example, no term matrices)";
        if (request.compare) {
            const Keep other = keepFor(result.request, false, n);
            const double compareBytes = mainBytes + 3 * runBytes(other, model.heads, terms, n);
            if (compareBytes > kExplorerMemoryLimit) {
                if (!result.notice.empty()) result.notice += "; ";
                result.notice += "n = " + std::to_string(n) + ": compare mode needs " + mib(compareBytes) +
                                 " of matrices, more than the explorer's " + mib(kExplorerMemoryLimit);
            } else {
                auto compare = std::make_shared<CompareRun>();
                compare->a = result.run;
                const std::shared_ptr<const Scheme> schemeB = makeScheme(request.compareScheme, {}, model);
                const std::vector<std::string> namesB = oracleTermNames(*schemeB);
                compare->b = runScheme(schemeB, namesB, seq, other, cancel, pool);
                seq.start = request.shift;
                compare->aShifted = runScheme(scheme, termNames, seq, other, cancel, pool);
                compare->bShifted = runScheme(schemeB, namesB, seq, other, cancel, pool);
                result.compare = std::move(compare);
            }
        }
    }
    if (pool) pool->trim(result.compare ? 4 : 1);
    const std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - start;
    result.elapsedMs = elapsed.count();
    return result;
}

} // namespace poslab::gui
