#include "labrequest.h"

#include <analysis.h>
#include <error.h>
#include <engine/engine.h>
#include <engine/terms.h>

#include <chrono>
#include <mutex>

namespace poslab::gui {

namespace {

SchemeRun runScheme(const std::string& name, const RawParams& params, const ModelConfig& model,
                    const Sequence& seq)
{
    SchemeRun run;
    run.scheme = makeScheme(name, params, model);
    run.plan = std::make_shared<const AttentionPlan>(makePlan(*run.scheme, seq));
    run.attention = computeAttention(*run.scheme, *run.plan);
    run.buckets = std::make_shared<const Eigen::MatrixXd>(bucketMatrix(*run.scheme, seq.size()));
    return run;
}

} // namespace

ModelConfig LabRequest::effectiveModel() const
{
    ModelConfig m = model;
    if (positionsOnly) m.lambda = 0.0;
    return m;
}

std::shared_ptr<const AttentionResult> computeAttention(const Scheme& scheme, const AttentionPlan& plan)
{
    // One long-lived oneDNN engine keeps its primitives and buffers between recomputations; the
    // driver runs one request at a time, the mutex only guards against a second caller (tests).
    static std::mutex mutex;
    static const std::unique_ptr<AttentionEngine> engine = makeEngine(EngineKind::OneDnn);
    RunOptions options;
    options.allHeads = true;
    options.probs = options.logits = options.bias = options.terms = true;
    auto result = std::make_shared<AttentionResult>();
    {
        std::lock_guard lock(mutex);
        engine->run(plan, options, *result);
    }
    nameTerms(scheme, *result);   // the oracle's names: "content-content", "(b) content-position", ...
    return result;
}

LabResult computeAll(const LabRequest& request)
{
    const auto start = std::chrono::steady_clock::now();
    const ModelConfig model = request.effectiveModel();
    model.validate();
    Sequence seq = request.positions > 0 ? Sequence::positions(request.positions)
                                         : Sequence::fromText(request.text, request.tokenizer);
    // The explorer keeps every head's probabilities, logits, bias and terms in double: about
    // 6 · heads · n² · 8 bytes (5 GiB for 8 heads at n = 4096). Past that, refuse with a way out
    // instead of letting the allocator decide.
    const double runs = request.compare ? 4.0 : 1.0;   // compare: A, B, and both shifted
    const double bytes = runs * 6.0 * model.heads * 8.0 * static_cast<double>(seq.size()) * seq.size();
    if (bytes > kExplorerMemoryLimit)
        throw Error("n = " + std::to_string(seq.size()) + " with " + std::to_string(model.heads) +
                    " heads needs about " + std::to_string(static_cast<long long>(bytes / (1 << 20))) +
                    " MiB of matrices, more than the explorer's " +
                    std::to_string(static_cast<long long>(kExplorerMemoryLimit / (1 << 20))) +
                    " MiB: use fewer heads or tokens, or poslab-cli compute --what probs --pool 1024");

    LabResult result;
    result.request = request;
    result.labels = seq.labels();
    result.n = seq.size();
    result.run = runScheme(request.scheme, request.params, model, seq);
    result.sequence = std::make_shared<const Sequence>(seq);
    result.plan = result.run.plan;
    if (request.compare) {
        auto compare = std::make_shared<CompareRun>();
        compare->a = result.run;
        compare->b = runScheme(request.compareScheme, {}, model, seq);
        seq.start = request.shift;
        compare->aShifted = runScheme(request.scheme, request.params, model, seq);
        compare->bShifted = runScheme(request.compareScheme, {}, model, seq);
        result.compare = std::move(compare);
    }
    const std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - start;
    result.elapsedMs = elapsed.count();
    return result;
}

} // namespace poslab::gui
