#include "labrequest.h"

#include <scheme.h>

#include <chrono>
#include <memory>

namespace poslab::gui {

namespace {

QStringList toLabels(const std::vector<std::string>& texts)
{
    QStringList labels;
    labels.reserve(static_cast<qsizetype>(texts.size()));
    for (const auto& text : texts)
        labels.push_back(QString::fromStdString(text));
    return labels;
}

QStringList indexLabels(int count)
{
    QStringList labels;
    for (int k = 0; k < count; ++k)
        labels.push_back(QString::number(k));
    return labels;
}

bool isAttentionMatrix(What what)
{
    return what == What::Probs || what == What::Logits || what == What::Bias;
}

} // namespace

bool isSignedWhat(What what)
{
    switch (what) {
    case What::Probs:
    case What::Bucket:
    case What::Slopes:
        return false;
    case What::Pe:
    case What::Delta:
    case What::Bias:
    case What::Logits:
    case What::DeltaCurve:
        return true;
    }
    return true;
}

QString valueLabel(What what)
{
    switch (what) {
    case What::Probs:
        return QStringLiteral("attention probability");
    case What::Logits:
        return QStringLiteral("logit (score / T)");
    case What::Bias:
        return QStringLiteral("positional part of the logit");
    case What::Delta:
        return QStringLiteral("\u0394 = j \u2212 i");
    case What::Bucket:
        return QStringLiteral("bucket index");
    case What::Pe:
        return QStringLiteral("encoding value");
    case What::Slopes:
        return QStringLiteral("slope");
    case What::DeltaCurve:
        return QStringLiteral("value");
    }
    return {};
}

LabResult computeLab(const LabRequest& request)
{
    const auto start = std::chrono::steady_clock::now();
    request.model.validate();
    const Sequence seq = Sequence::fromText(request.text, request.tokenizer);
    const std::unique_ptr<Scheme> scheme = makeScheme(request.scheme, request.params, request.model);

    LabResult result;
    result.request = request;
    result.table = computeTable(*scheme, seq, request.compute);
    result.n = seq.size();
    result.heatmap = heatmapFromTable(result.table, request);
    result.heatmap.title = QStringLiteral("%1 \u00b7 %2")
                               .arg(QString::fromStdString(scheme->info().title), result.heatmap.title);
    const std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - start;
    result.elapsedMs = elapsed.count();
    return result;
}

widgets::HeatmapData heatmapFromTable(const Table& table, const LabRequest& request)
{
    widgets::HeatmapData data;
    const What what = request.compute.what;
    const bool twoD = table.shape.size() == 2;
    data.rows = twoD ? static_cast<int>(table.rows()) : 1;
    data.cols = twoD ? static_cast<int>(table.cols()) : static_cast<int>(table.rows());
    data.values = table.data;

    const int tokens = static_cast<int>(table.tokens.size());
    data.rowLabels = twoD && tokens == data.rows ? toLabels(table.tokens) : indexLabels(data.rows);
    if (static_cast<int>(table.columns.size()) == data.cols)
        data.colLabels = toLabels(table.columns);
    else if (tokens == data.cols)
        data.colLabels = toLabels(table.tokens);
    else
        data.colLabels = indexLabels(data.cols);

    data.isSigned = isSignedWhat(what);
    data.valueLabel = valueLabel(what);
    if (what == What::Pe) {
        data.rowAxisLabel = QStringLiteral("token i");
        data.colAxisLabel = QStringLiteral("dimension");
    }
    const bool perHead = isAttentionMatrix(what);
    data.title =
        perHead
            ? QStringLiteral("%1, head %2").arg(QString::fromStdString(table.what)).arg(request.compute.head)
            : QString::fromStdString(table.what);

    // Under a causal mask, key j > i is hidden from query i: probabilities are 0 there, but drawing
    // them as masked says why.
    if (request.model.causal && perHead && data.rows == data.cols && !data.isEmpty()) {
        data.masked.assign(data.values.size(), false);
        for (int i = 0; i < data.rows; ++i) {
            for (int j = i + 1; j < data.cols; ++j)
                data.masked[std::size_t(i) * data.cols + j] = true;
        }
    }
    return data;
}

} // namespace poslab::gui
