#include "labrequest.h"

#include <analysis.h>

#include <chrono>

namespace poslab::gui {

namespace {

SchemeRun runScheme(const std::string& name, const RawParams& params, const ModelConfig& model,
                    const Sequence& seq)
{
    SchemeRun run;
    run.scheme = makeScheme(name, params, model);
    run.attention = computeAttention(*run.scheme, seq);
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

std::shared_ptr<const AttentionResult> computeAttention(const Scheme& scheme, const Sequence& seq)
{
    return std::make_shared<const AttentionResult>(referenceAttention(scheme, seq));
}

LabResult computeAll(const LabRequest& request)
{
    const auto start = std::chrono::steady_clock::now();
    const ModelConfig model = request.effectiveModel();
    model.validate();
    Sequence seq = Sequence::fromText(request.text, request.tokenizer);

    LabResult result;
    result.request = request;
    result.labels = seq.labels();
    result.n = seq.size();
    result.run = runScheme(request.scheme, request.params, model, seq);
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
