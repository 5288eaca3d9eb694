#include "lab.h"

#include "analysis.h"
#include "budget.h"
#include "engine/onednnengine.h"
#include "engine/referenceengine.h"
#include "engine/terms.h"
#include "error.h"
#include "i18n.h"
#include "resultpool.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <mutex>
#include <utility>

namespace poslab {

struct Lab::Impl
{
    std::mutex mutex; // one computation at a time: the engines are not shared between threads
    OneDnnEngine onednn;
    ReferenceEngine reference;
    ResultPool results;

    AttentionEngine& engine(EngineKind kind)
    {
        return kind == EngineKind::Reference ? static_cast<AttentionEngine&>(reference) : onednn;
    }
};

namespace {

void checkCancel(const RunControl& control)
{
    if (control.cancel && control.cancel->load(std::memory_order_relaxed)) throw Cancelled();
}

// Which n × n matrices one run keeps.
struct Keep
{
    bool everyHead = true;
    int head = 0;
    bool bias = false;
    bool allTerms = false; // every kept head's score terms (the head grid of a term)
    int termsHead = -1;    // otherwise only this head's (the worked example)
};

// `main`: the request's own scheme at its positions; the compare runs keep what the compare view's
// matrices and max |change| read. Above kMaxTermsN no score terms are kept (the engine computes none).
Keep keepFor(const LabRequest& r, bool main, int n)
{
    Keep k;
    k.everyHead = r.everyHead && !r.onlyHead;
    k.head = r.head;
    k.bias = !main || r.matrix == "bias" || r.compare; // compare: the shift's change of the bias too
    if (!main || n > kMaxTermsN) return k;
    k.allTerms = isTermMatrix(r.matrix);
    k.termsHead = r.terms ? r.head : -1;
    return k;
}

double runBytes(const Keep& keep, int heads, int terms, int n)
{
    const double kept = keep.everyHead ? heads : 1;
    double matrices = 2.0 * kept; // probs and logits
    if (keep.bias) matrices += kept;
    matrices += keep.allTerms ? double(terms) * kept : keep.termsHead >= 0 ? terms : 0;
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

std::string mib(double bytes)
{
    return std::to_string(static_cast<long long>(std::ceil(bytes / (1 << 20)))) + " MiB";
}

// Up to this n a request that leaves the thread count to the Lab (threads 0) runs on one thread: its
// engine runs last milliseconds, and an OpenMP team on a busy machine waits for its descheduled
// thread at every barrier. Measured (docs/performance.md, poslab_bench_gui, 2 cores at load 9): a
// parameter change at n = 256 took 120–170 ms of core time on two threads, 11–13 ms on one; at
// n = 2000 two threads stay faster (0.8 s against 1.7 s).
constexpr int kOneThreadMaxN = 512;

RunOptions optionsFor(const LabRequest& r, const RunControl& control, int n)
{
    RunOptions options;
    options.threads = r.threads == 0 && n <= kOneThreadMaxN ? 1 : r.threads;
    options.precision = r.precision;
    options.cancel = control.cancel;
    if (control.work)
        // The time left is measured from the tiles alone: from the first report on, so that the
        // preparation before the first tile (projections, packing) does not count as their speed.
        options.progress = [work = control.work, clock = ProgressClock(),
                            first = std::make_shared<std::pair<double, double>>(-1.0, 0.0)](double done,
                                                                                            double total) {
            WorkProgress p = clock.update(done, total);
            auto& [t0, d0] = *first;
            if (t0 < 0) {
                t0 = p.elapsed;
                d0 = done;
            }
            p.remaining = done >= total                 ? 0.0
                          : done > d0 && p.elapsed > t0 ? (p.elapsed - t0) * (total - done) / (done - d0)
                                                        : -1.0;
            work(p);
        };
    return options;
}

// Counts the engine runs of one request for RunControl::progress.
class Steps
{
  public:
    Steps(const RunControl& control, int total) : m_control(control), m_total(total) {}
    void done()
    {
        ++m_done;
        if (m_control.progress) m_control.progress(m_done, m_total);
    }

  private:
    const RunControl& m_control;
    int m_total;
    int m_done = 0;
};

} // namespace

Lab::Lab() : m_impl(std::make_unique<Impl>()) {}
Lab::~Lab() = default;

namespace {

// One scheme on one sequence. `names`: oracleTermNames(*scheme), asked once per scheme (it builds a
// model's projections). Runs under the Lab's lock.
SchemeRun runScheme(AttentionEngine& engine, ResultPool& results, std::shared_ptr<const Scheme> scheme,
                    const std::vector<std::string>& names, const Sequence& seq, const Keep& keep,
                    const LabRequest& r, const RunControl& control)
{
    checkCancel(control);
    SchemeRun run;
    run.scheme = std::move(scheme);
    run.termNames = names;
    run.plan = std::make_shared<const AttentionPlan>(makePlan(*run.scheme, seq));
    const double bytes = runBytes(keep, run.plan->model.heads, int(run.termNames.size()), seq.size());
    std::shared_ptr<AttentionResult> result = results.take(seq.size(), bytes);
    RunOptions options = optionsFor(r, control, seq.size());
    options.allHeads = keep.everyHead;
    if (!keep.everyHead) options.heads = {keep.head};
    if (r.onlyHead) options.onlyHead = keep.head;
    options.probs = options.logits = true;
    options.bias = keep.bias;
    options.terms = keep.allTerms;
    engine.run(*run.plan, options, *result);
    // The worked example reads the score terms of the head shown; the other heads' stay empty.
    if (!keep.allTerms && keep.termsHead >= 0) {
        const int head = keep.termsHead;
        checkCancel(control);
        auto* onednn = dynamic_cast<OneDnnEngine*>(&engine);
        result->heads[std::size_t(head)].terms =
            onednn ? onednn->terms(*run.plan, head, options) : planComponents(*run.plan, head);
    }
    renameTerms(run.termNames, *result, run.scheme->info().name);
    run.attention = std::move(result);
    run.buckets = std::make_shared<const Eigen::MatrixXd>(bucketMatrix(*run.scheme, seq.size()));
    if (run.scheme->countsPositions()) { // CoPE: the counted positions shown beside attention
        const AttentionPlan& p = *run.plan;
        const int hd = p.model.headDim();
        auto positions = std::make_shared<std::vector<Eigen::MatrixXd>>();
        for (int h = 0; h < p.model.heads; ++h)
            positions->push_back(run.scheme->countedPositions(
                {p.model, h, seq.start, p.content, p.pe, p.proj->wq.middleCols(h * hd, hd),
                 p.proj->wk.middleCols(h * hd, hd), p.proj->wv.middleCols(h * hd, hd)}));
        run.positions = std::move(positions);
    }
    return run;
}

} // namespace

LabResult Lab::compute(const LabRequest& request, const RunControl& control)
{
    const auto start = std::chrono::steady_clock::now();
    validate(request, LabProduct::Views);
    const std::lock_guard lock(m_impl->mutex);
    const ModelConfig model = request.schemeModel();
    Sequence seq = request.sequence();
    const int n = seq.size();

    LabResult result;
    result.request = request;
    result.labels = seq.labels();
    result.n = n;

    const std::shared_ptr<const Scheme> scheme = makeScheme(request.scheme, request.params, model);
    const std::vector<std::string> termNames = oracleTermNames(*scheme);
    const int terms = static_cast<int>(termNames.size());
    const Keep main = keepFor(request, true, n);
    const double mainBytes = runBytes(main, model.heads, terms, n);
    // Streamed above the explorer's budget, or less when the machine has less available.
    const double streamAbove = std::min(kExplorerMemoryBudget, memoryBudget());
    const bool overBudget = request.pool.fallback && mainBytes > streamAbove;
    if (request.region) {
        // Deep zoom: only the region of the head shown, at the grid asked for.
        Steps steps(control, 1);
        SchemeRun run;
        run.scheme = scheme;
        run.termNames = termNames;
        run.plan = std::make_shared<const AttentionPlan>(makePlan(*scheme, seq));
        result.pooled = std::make_shared<PooledProbs>(m_impl->onednn.pooled(
            *run.plan, request.head, *request.region, request.pool.cells.value_or(kFallbackPoolCells),
            request.pool.mode, optionsFor(request, control, n)));
        steps.done();
        result.run = std::move(run);
    } else if (request.pool.cells || overBudget) {
        if (request.engine != EngineKind::OneDnn)
            throw FieldError("engine", fill(trCore("Errors", "n = %1 is streamed, which {engine} onednn does"),
                                            {std::to_string(n)}));
        // Cells of a whole number of tokens where n allows it.
        const int step = (n + kFallbackPoolCells - 1) / kFallbackPoolCells;
        const int cells = request.pool.cells ? *request.pool.cells : (n + step - 1) / step;
        Steps steps(control, 1);
        SchemeRun run;
        run.scheme = scheme;
        run.termNames = termNames;
        run.plan = std::make_shared<const AttentionPlan>(makePlan(*scheme, seq));
        auto pooled = std::make_shared<PooledProbs>(m_impl->onednn.pooled(
            *run.plan, request.head, cells, request.pool.mode, optionsFor(request, control, n)));
        steps.done();
        result.run = std::move(run);
        result.pooled = std::move(pooled);
        // Notices are sentences for the interface (its language at the time of the request: the
        // explorer asks again when the language changes), not data.
        if (overBudget)
            result.notice =
                fill(trCore("Lab", "n = %1: %2 (the n \u00d7 n matrices would need %3, more than the "
                                   "explorer's %4)"),
                     {std::to_string(n), pooledSummary(*result.pooled), mib(mainBytes), mib(streamAbove)});
    } else {
        AttentionEngine& engine = m_impl->engine(request.engine);
        const Keep other = keepFor(request, false, n);
        const double compareBytes = mainBytes + 3 * runBytes(other, model.heads, terms, n);
        const bool compareFits = !request.pool.fallback || compareBytes <= streamAbove;
        checkMemory(request.positions != 0 ? "positions" : "text",
                    compareFits && request.compare ? compareBytes : mainBytes,
                    "n = " + std::to_string(n) + " with " + std::to_string(model.heads) +
                        " heads: the n \u00d7 n matrices of the views",
                    "use a shorter sequence or fewer {heads}");
        Steps steps(control, request.compare && compareFits ? 4 : 1);
        result.run = runScheme(engine, m_impl->results, scheme, termNames, seq, main, request, control);
        steps.done();
        result.sequence = std::make_shared<const Sequence>(seq);
        result.plan = result.run.plan;
        if (!result.termsFit() && (request.terms || isTermMatrix(request.matrix)))
            result.notice =
                fill(trCore("Lab", "n = %1: score terms are computed for n \u2264 %2 only (no worked "
                                   "example, no term matrices)"),
                     {std::to_string(n), std::to_string(kMaxTermsN)});
        if (request.compare && !compareFits) {
            const std::string compareNotice =
                fill(trCore("Lab", "n = %1: compare mode needs %2 of matrices, more than the explorer's %3"),
                     {std::to_string(n), mib(compareBytes), mib(streamAbove)});
            result.notice = result.notice.empty() ? compareNotice
                                                  : fill(trCore("Lab", "%1; %2", "two notices in one line"),
                                                         {result.notice, compareNotice});
        } else if (request.compare) {
            auto compare = std::make_shared<CompareRun>();
            compare->a = result.run;
            const std::shared_ptr<const Scheme> schemeB = makeScheme(request.compareScheme, {}, model);
            const std::vector<std::string> namesB = oracleTermNames(*schemeB);
            auto& pool = m_impl->results;
            compare->b = runScheme(engine, pool, schemeB, namesB, seq, other, request, control);
            steps.done();
            seq.start = request.start + request.shift;
            compare->aShifted = runScheme(engine, pool, scheme, termNames, seq, other, request, control);
            steps.done();
            compare->bShifted = runScheme(engine, pool, schemeB, namesB, seq, other, request, control);
            steps.done();
            result.compare = std::move(compare);
        }
    }
    m_impl->results.trim(result.compare ? 4 : 1);
    const std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - start;
    result.elapsedMs = elapsed.count();
    return result;
}

Table Lab::table(const LabRequest& request, const RunControl& control)
{
    validate(request, LabProduct::Table);
    const What what = parseWhat(request.matrix);
    const auto scheme = makeScheme(request.scheme, request.params, request.schemeModel());
    const Sequence seq = request.sequence();
    const int n = seq.size();
    if (request.region) {
        const std::lock_guard lock(m_impl->mutex);
        const PooledProbs p = m_impl->onednn.pooled(makePlan(*scheme, seq), request.head, *request.region,
                                                    request.pool.cells.value_or(kFallbackPoolCells),
                                                    request.pool.mode, optionsFor(request, control, n));
        return pooledTable(*scheme, p, request);
    }
    if (request.pool.cells) {
        const std::lock_guard lock(m_impl->mutex);
        const PooledProbs p = m_impl->onednn.pooled(makePlan(*scheme, seq), request.head, *request.pool.cells,
                                                    request.pool.mode, optionsFor(request, control, n));
        return pooledTable(*scheme, p, request);
    }
    if (!needsAttention(what)) return tableFromResult(*scheme, seq, AttentionResult{}, request);
    if (request.engine == EngineKind::Reference) // the oracle itself, in double
        return tableFromResult(*scheme, seq, referenceAttention(*scheme, seq), request);
    RunOptions options = optionsFor(request, control, n);
    options.heads = {request.head};
    options.probs = what == What::Probs;
    options.logits = what == What::Logits;
    options.bias = what == What::Bias;
    AttentionResult result;
    {
        const std::lock_guard lock(m_impl->mutex);
        m_impl->onednn.run(makePlan(*scheme, seq), options, result);
    }
    return tableFromResult(*scheme, seq, result, request);
}

WalkResult Lab::walk(const LabRequest& request)
{
    validate(request, LabProduct::Walk);
    WalkResult w;
    w.scheme = makeScheme(request.scheme, request.params, request.schemeModel());
    w.sequence = request.sequence();
    w.attention = referenceAttention(*w.scheme, w.sequence);
    w.walk = explain(*w.scheme, w.sequence, w.attention, makePlan(*w.scheme, w.sequence), request.head,
                     request.cellI, request.cellJ);
    return w;
}

BenchReport Lab::bench(const BenchRequest& request)
{
    const std::lock_guard lock(m_impl->mutex);
    return runBench(request, m_impl->onednn);
}

} // namespace poslab
