#include "viewdata.h"

#include <figureviews.h>
#include <language.h>

#include <engine/onednnengine.h>
#include <error.h>

#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <limits>

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

// "bias_head3" -> "bias", "cos_pair12" -> "cos(θΔ)", "E7" -> "E", "bias_i512_head0" -> "bias": what
// the left axis shows.
QString family(const std::string& column)
{
    static const QRegularExpression suffix(QStringLiteral("(_i\\d+)?(_head|_pair)?\\d+$"));
    const QString name = QString::fromStdString(column).remove(suffix);
    if (name == QLatin1String("cos")) return QStringLiteral("cos(\u03b8\u0394)");
    if (name == QLatin1String("sum_cos")) return QStringLiteral("\u03a3 cos(\u03b8\u0394)");
    if (name == QLatin1String("scaled_cos"))
        return QStringLiteral("\u03b6^(\u2212\u0394/B)\u00b7cos(\u03b8\u0394)");
    if (name == QLatin1String("sum_scaled_cos"))
        return QStringLiteral("\u03a3 \u03b6^(\u2212\u0394/B)\u00b7cos(\u03b8\u0394)");
    if (name == QLatin1String("d")) return QObject::tr("term (d)");
    return curveSeriesName(name.toStdString());
}

QString subscript(int k)
{
    QString digits = QString::number(k);
    for (QChar& c : digits)
        c = QChar(0x2080 + c.digitValue());
    return digits;
}

} // namespace

QStringList matrixChoices(const SchemeRun& run)
{
    QStringList names{QStringLiteral("probs"), QStringLiteral("logits"), QStringLiteral("bias"),
                      QStringLiteral("delta")};
    if (run.buckets && run.buckets->size() > 0) names << QStringLiteral("bucket");
    if (run.positions) names << QStringLiteral("positions");
    for (const auto& t : run.termNames)
        names << QString::fromStdString(t);
    return names;
}

QString unavailableText(const LabResult& result, const QString& what)
{
    if (result.isPooled())
        return QObject::tr("%1 needs n \u00d7 n matrices: unavailable at n = %2\n(only the probabilities "
                           "of the head shown are streamed and pooled)")
            .arg(what)
            .arg(result.n);
    if (!result.notice.empty()) return QString::fromStdString(result.notice);
    return QObject::tr("computing %1\u2026").arg(what);
}

QString missingText(const LabResult& result, const QString& matrix, const QString& what)
{
    if (result.isPooled() && matrix != QLatin1String("probs")) return unavailableText(result, what);
    if ((matrix.isEmpty() || isTermMatrix(matrix.toStdString())) && !result.termsFit())
        return QObject::tr("%1: unavailable at n = %2 (score terms are computed for n \u2264 %3 only)")
            .arg(what)
            .arg(result.n)
            .arg(kMaxTermsN);
    return {};
}

bool isSignedMatrix(const QString& matrix)
{
    return matrix != QLatin1String("probs") && matrix != QLatin1String("bucket") &&
           matrix != QLatin1String("positions");
}

bool maskApplies(const QString& matrix)
{
    return matrix != QLatin1String("delta") && matrix != QLatin1String("bucket");
}

QString matrixValueLabel(const QString& matrix)
{
    if (matrix == QLatin1String("probs")) return QObject::tr("attention probability");
    if (matrix == QLatin1String("logits")) return QObject::tr("logit (score / T)");
    if (matrix == QLatin1String("bias")) return QObject::tr("positional part of the logit");
    if (matrix == QLatin1String("delta")) return QStringLiteral("\u0394 = j \u2212 i");
    if (matrix == QLatin1String("bucket")) return QObject::tr("bucket index");
    if (matrix == QLatin1String("positions")) return QObject::tr("counted position p_ij (CoPE)");
    return QObject::tr("score term: %1").arg(matrixTitle(matrix));
}

QString matrixTitle(const QString& matrix)
{
    if (!isTermMatrix(matrix.toStdString())) return matrix;
    return figure::scoreTermIn(figure::language(), matrix.toStdString());
}

QString poolingLabel(Pooling pooling, bool isSigned)
{
    if (pooling == Pooling::Max && isSigned) return QStringLiteral("max |\u00b7|");
    return QString::fromStdString(poolingName(pooling));
}

PooledMatrix poolMatrix(const Eigen::MatrixXd& m, QSize capacity, Pooling pooling, bool isSigned, bool causal)
{
    PooledMatrix top = downsample(m, capacity.height(), capacity.width(), pooling, causal);
    if (!isSigned || pooling != Pooling::Max || !top.pooled()) return top;
    // max(−m) = −min(m): where the most negative value outweighs the largest, it is the one shown.
    const PooledMatrix bottom = downsample(-m, capacity.height(), capacity.width(), Pooling::Max, causal);
    for (Eigen::Index r = 0; r < top.values.rows(); ++r)
        for (Eigen::Index c = 0; c < top.values.cols(); ++c)
            if (bottom.values(r, c) > std::abs(top.values(r, c))) top.values(r, c) = -bottom.values(r, c);
    return top;
}

QString curveSeriesName(const std::string& column)
{
    static const QRegularExpression perQuery(QStringLiteral("^bias_i(\\d+)_head(\\d+)$")); // FIRE
    static const QRegularExpression indexed(QStringLiteral("^(.*?)(_head|_pair)?(\\d+)$"));
    const QString name = QString::fromStdString(column);
    if (const auto q = perQuery.match(name); q.hasMatch())
        return QObject::tr("i = %1, head %2").arg(q.captured(1), q.captured(2));
    const auto match = indexed.match(name);
    if (match.hasMatch() && !match.captured(1).isEmpty()) {
        const QString stem = match.captured(1);
        const int k = match.captured(3).toInt();
        if (match.captured(2) == QLatin1String("_head"))
            return stem == QLatin1String("bias") ? QObject::tr("head %1").arg(k)
                   : stem == QLatin1String("d")  ? QObject::tr("(d) head %1").arg(k)
                                                 : QObject::tr("%1, head %2").arg(stem).arg(k);
        if (match.captured(2) == QLatin1String("_pair") && stem == QLatin1String("cos"))
            return QObject::tr("cos(\u03b8%1\u0394) pair %2").arg(subscript(k)).arg(k);
        // xPos; in UTF-8 because lupdate reads "\u00b7c" as one escape
        if (match.captured(2) == QLatin1String("_pair") && stem == QLatin1String("scaled_cos"))
            return QObject::tr("ζ%1^(−Δ/B)·cos(θ%1Δ) pair %2").arg(subscript(k)).arg(k);
        if (stem == QLatin1String("E")) return QStringLiteral("E[%1]").arg(k); // seed-linear's columns
    }
    if (name == QLatin1String("sum_cos")) return QObject::tr("\u03a3 cos(\u03b8\u0394), all pairs");
    if (name == QLatin1String("sum_scaled_cos")) return QObject::tr("Σ ζ^(−Δ/B)·cos(θΔ), all pairs");
    if (name == QLatin1String("bias")) return QObject::tr("bias");   // nope: 0 everywhere
    if (name == QLatin1String("value")) return QObject::tr("value"); // none: 0 everywhere
    if (name == QLatin1String("bucket")) return QObject::tr("bucket");
    if (name == QLatin1String("aK_norm")) return QStringLiteral("\u2016a^K\u2016");
    if (name == QLatin1String("aV_norm")) return QStringLiteral("\u2016a^V\u2016");
    if (name == QLatin1String("pe_dot")) return QStringLiteral("PE_i\u00b7PE_{i+\u0394}");
    if (name == QLatin1String("mean_pe_dot")) return QObject::tr("mean PE_i\u00b7PE_{i+\u0394}");
    if (name == QLatin1String("table_row")) return QObject::tr("table row");
    if (name == QLatin1String("clip_index")) return QObject::tr("clip index");
    return name;
}

Eigen::MatrixXd fullMatrix(const SchemeRun& run, int head, const QString& matrix)
{
    const int n = run.attention->n();
    if (matrix == QLatin1String("delta")) return deltaMatrix(n);
    if (matrix == QLatin1String("bucket")) {
        if (!run.buckets || run.buckets->size() == 0) return deltaMatrix(n) * std::nan("");
        return *run.buckets;
    }
    const auto& heads = run.attention->heads;
    head = std::clamp(head, 0, static_cast<int>(heads.size()) - 1);
    if (matrix == QLatin1String("positions")) {
        if (!run.positions) return deltaMatrix(n) * std::nan("");
        return (*run.positions)[std::size_t(head)];
    }
    return headMatrix(heads[std::size_t(head)], matrix.toStdString());
}

widgets::HeatmapData heatmapOf(const Eigen::MatrixXd& m, const QString& matrix, const LabResult& result,
                               const HeatmapOptions& options, const Eigen::MatrixXd* buckets)
{
    widgets::HeatmapData d;
    const bool causal = result.request.model.causal && maskApplies(matrix);
    const PooledMatrix p = poolMatrix(m, options.capacity, options.pooling, isSignedMatrix(matrix), causal);
    d.rows = static_cast<int>(p.values.rows());
    d.cols = static_cast<int>(p.values.cols());
    d.values.resize(std::size_t(d.rows) * d.cols);
    for (int r = 0; r < d.rows; ++r)
        for (int c = 0; c < d.cols; ++c)
            d.values[std::size_t(r) * d.cols + c] = p.values(r, c);
    d.rowStep = p.rowStep;
    d.colStep = p.colStep;
    d.fullRows = static_cast<int>(m.rows());
    d.fullCols = static_cast<int>(m.cols());
    d.rowLabels = d.colLabels = toLabels(result.labels);
    d.isSigned = isSignedMatrix(matrix);
    d.valueLabel = matrixValueLabel(matrix);
    d.title = options.title;
    if (p.pooled()) {
        d.pooling = poolingLabel(options.pooling, d.isSigned);
        d.title += QObject::tr("\n%1\u00d7%2 shown as %3\u00d7%4 (%5 of %6\u00d7%7 cells)")
                       .arg(d.fullRows)
                       .arg(d.fullCols)
                       .arg(d.rows)
                       .arg(d.cols)
                       .arg(d.pooling)
                       .arg(p.rowStep)
                       .arg(p.colStep);
    } else if (buckets && buckets->rows() == m.rows() && buckets->cols() == m.cols()) {
        d.buckets.resize(std::size_t(buckets->size()));
        for (Eigen::Index i = 0; i < m.rows(); ++i)
            for (Eigen::Index j = 0; j < m.cols(); ++j)
                d.buckets[std::size_t(i * m.cols() + j)] = (*buckets)(i, j);
    }
    return d;
}

widgets::HeatmapData pooledHeatmap(const LabResult& result, const HeatmapOptions& options)
{
    const PooledProbs& p = *result.pooled;
    const int rows = static_cast<int>(p.grid.rows()), cols = static_cast<int>(p.grid.cols());
    Eigen::MatrixXd grid = p.grid;
    if (result.request.model.causal) // cells wholly above the diagonal hold only masked entries
        for (int a = 0; a < rows; ++a)
            for (int b = 0; b < cols; ++b)
                if (p.keyEdges[std::size_t(b)] > p.edges[std::size_t(a) + 1] - 1)
                    grid(a, b) = std::numeric_limits<double>::quiet_NaN();
    // Fewer pixels than cells: whole cells are pooled again the same way (max of maxima is the max).
    const Pooling again = p.mode == PoolMode::Mean ? Pooling::Mean : Pooling::Max;
    const PooledMatrix m =
        downsample(grid, options.capacity.height(), options.capacity.width(), again, false);
    widgets::HeatmapData d;
    d.rows = static_cast<int>(m.values.rows());
    d.cols = static_cast<int>(m.values.cols());
    d.values.resize(std::size_t(d.rows) * d.cols);
    for (int r = 0; r < d.rows; ++r)
        for (int c = 0; c < d.cols; ++c)
            d.values[std::size_t(r) * d.cols + c] = m.values(r, c);
    for (int r = 0; r <= d.rows; ++r)
        d.rowEdges.push_back(p.edges[std::size_t(std::min(r * m.rowStep, rows))]);
    for (int c = 0; c <= d.cols; ++c)
        d.colEdges.push_back(p.keyEdges[std::size_t(std::min(c * m.colStep, cols))]);
    d.fullRows = d.fullCols = result.n;
    d.rowLabels = d.colLabels = toLabels(result.labels);
    d.valueLabel = matrixValueLabel(QStringLiteral("probs"));
    d.pooling = QString::fromStdString(poolModeName(p.mode));
    if (p.isRegion()) {
        // Says exactly what is shown: the region, and the tokens a drawn cell stands for.
        PooledProbs shown;
        shown.edges = {d.rowEdges.front(), d.rowEdges.back()};
        shown.keyEdges = {d.colEdges.front(), d.colEdges.back()};
        shown.step = p.step * std::max(m.rowStep, m.colStep);
        d.title = options.title + QStringLiteral("\nn = %1: %2")
                                      .arg(QString::fromStdString(groupedNumber(result.n)),
                                           QString::fromStdString(regionSummary(shown)));
        return d;
    }
    d.title = options.title +
              QStringLiteral("\nn = %1: %2").arg(result.n).arg(QString::fromStdString(pooledSummary(p)));
    if (m.pooled()) d.title += QObject::tr(", shown as %1 \u00d7 %2").arg(d.rows).arg(d.cols);
    return d;
}

widgets::HeatmapData heatmapFor(const LabResult& result, const SchemeRun& run, int head,
                                const QString& matrix, const HeatmapOptions& options)
{
    return heatmapOf(fullMatrix(run, head, matrix), matrix, result, options,
                     run.buckets && run.buckets->size() > 0 ? run.buckets.get() : nullptr);
}

namespace {

// The measured profile of the head's probabilities along Δ (the second half of a curve plot).
void addProfile(widgets::CurvePlotData& data, const LabResult& result, int head, int range)
{
    if (!result.has("probs", head)) {
        data.profileLabel = result.isPooled()
                                ? QObject::tr("measured profile: unavailable at n = %1").arg(result.n)
                                : QObject::tr("measured profile: computing\u2026");
        return;
    }
    const std::vector<double> profile =
        diagonalProfile(result.run.attention->heads[std::size_t(head)].probs, result.request.model.causal);
    const int n = result.n;
    for (int k = 0; k < static_cast<int>(profile.size()); ++k) {
        const int delta = k - (n - 1);
        if (std::abs(delta) > range || !std::isfinite(profile[std::size_t(k)])) continue;
        data.profileX.push_back(delta);
        data.profileY.push_back(profile[std::size_t(k)]);
    }
    data.profileLabel = QObject::tr("mean attention along \u0394 (head %1)").arg(head);
}

} // namespace

widgets::CurvePlotData curveFor(const LabResult& result, int head, int range, double selectedDelta)
{
    widgets::CurvePlotData data;
    head = std::clamp(head, 0, std::max(0, result.request.model.heads - 1));
    const Scheme& scheme = *result.run.scheme;
    data.marker = selectedDelta;
    if (!scheme.hasDeltaCurve()) {
        // CoPE: positions are counted from the content, so only this input's measured profile exists
        data.title = QObject::tr("%1 \u00b7 no \u0394-curve without an input: mean attention of head %2")
                         .arg(figure::schemeTitleIn(figure::language(), scheme.info().title))
                         .arg(head);
        data.valueLabel = QObject::tr("(the scheme has no curve of \u0394 alone)");
        addProfile(data, result, head, range);
        return data;
    }
    const DeltaCurve curve = scheme.deltaCurve(range);
    const CurveLayout layout = curveLayout(curve);
    const std::string headSuffix = "head" + std::to_string(head);
    QStringList families;
    // Hundreds of lines (seed-linear at a large d_model) neither paint fast nor read: keep an even sample.
    constexpr std::size_t kMaxSeries = 64;
    std::vector<int> columns = layout.valueColumns;
    if (columns.size() > kMaxSeries) {
        std::vector<int> sample;
        for (std::size_t k = 0; k < kMaxSeries; ++k)
            sample.push_back(columns[k * columns.size() / kMaxSeries]);
        columns = std::move(sample);
    }
    for (int c : columns) {
        widgets::CurveSeries s;
        const std::string& name = curve.columns[std::size_t(c)];
        s.name = curveSeriesName(name);
        s.steps = layout.steps;
        s.emphasis = name == "sum_cos" || name == "sum_scaled_cos" ||
                     (name.size() > headSuffix.size() && name.ends_with(headSuffix) &&
                      !std::isdigit(static_cast<unsigned char>(name[name.size() - headSuffix.size() - 1])));
        for (Eigen::Index r = 0; r < curve.rows.rows(); ++r) {
            s.x.push_back(curve.rows(r, 0));
            s.y.push_back(curve.rows(r, c));
        }
        if (!families.contains(family(name))) families << family(name);
        data.series.push_back(std::move(s));
    }
    // Edges between buckets say where the value is flat; when the index changes at nearly every Δ
    // (DeBERTa's plain clipping zone) they are only noise.
    if (layout.boundaries.size() * 2 <= static_cast<std::size_t>(curve.rows.rows()))
        data.boundaries = layout.boundaries;
    data.valueLabel = QObject::tr("%1 (scheme)").arg(families.join(QStringLiteral(", ")));
    if (columns.size() < layout.valueColumns.size())
        data.valueLabel +=
            QObject::tr(", %1 of %2 shown").arg(columns.size()).arg(layout.valueColumns.size());
    data.title = QObject::tr("%1 \u00b7 \u0394-curve and mean attention of head %2")
                     .arg(figure::schemeTitleIn(figure::language(), scheme.info().title))
                     .arg(head);

    addProfile(data, result, head, range);
    return data;
}

QString componentName(int c, double explained)
{
    return figure::componentLabelIn(figure::language(), c, explained);
}

namespace {

// The principal components over position (left axis) and each position's norm (right axis).
void fillComponents(widgets::CurvePlotData& d, const AbsoluteEncoding& e, int start, const QString& name)
{
    const int n = int(e.pe.rows());
    d.title = QObject::tr("%1 \u00b7 principal components and norm over position").arg(name);
    d.xLabel = QObject::tr("position i");
    d.valueLabel = QObject::tr("component score");
    d.profileLabel = QObject::tr("norm \u2016PE\u1d62\u2016");
    for (int i = 0; i < n; ++i) {
        d.profileX.push_back(start + i);
        d.profileY.push_back(e.norms(i));
    }
    if (e.components.size() == 0) {
        d.title = QObject::tr("%1 \u00b7 norm over position; principal components unavailable at n = %2 (at most "
                              "%3 positions)")
                      .arg(name)
                      .arg(n)
                      .arg(kMaxTermsN);
        return;
    }
    for (int c = 0; c < int(e.components.cols()); ++c) {
        widgets::CurveSeries s;
        s.name = componentName(c, e.explained(c));
        for (int i = 0; i < n; ++i) {
            s.x.push_back(start + i);
            s.y.push_back(e.components(i, c));
        }
        d.series.push_back(std::move(s));
    }
}

} // namespace

AbsoluteEncoding resultEncoding(const LabResult& result)
{
    // n × n, and an SVD of n × d_model: as many positions as score terms allow
    const bool withSimilarity = result.n <= kMaxTermsN;
    return absoluteEncoding(*result.run.scheme, result.request.start, result.n, withSimilarity, withSimilarity);
}

EncodingPictures encodingPictures(const LabResult& result, const AbsoluteEncoding& e, QSize peCapacity,
                                  QSize similarityCapacity, Pooling pooling)
{
    const Scheme& scheme = *result.run.scheme;
    const int n = result.n, start = result.request.start;
    const bool withSimilarity = e.similarity.size() > 0;
    const QString name = figure::schemeTitleIn(figure::language(), scheme.info().title);
    QStringList positions;
    for (int i = 0; i < n; ++i)
        positions << QString::number(start + i);
    const auto fill = [&](widgets::HeatmapData& d, const Eigen::MatrixXd& m, QSize capacity) {
        const PooledMatrix p = poolMatrix(m, capacity, pooling, true, false);
        d.rows = int(p.values.rows());
        d.cols = int(p.values.cols());
        d.values.resize(std::size_t(d.rows) * d.cols); // row-major (Eigen's is column-major)
        for (int r = 0; r < d.rows; ++r)
            for (int c = 0; c < d.cols; ++c)
                d.values[std::size_t(r) * d.cols + c] = p.values(r, c);
        d.rowStep = p.rowStep;
        d.colStep = p.colStep;
        d.fullRows = int(m.rows());
        d.fullCols = int(m.cols());
        d.isSigned = true;
        d.tokenAxes = false;
        d.rowLabels = positions;
        if (p.pooled()) d.pooling = poolingLabel(pooling, true);
    };
    EncodingPictures pics;
    fill(pics.pe, e.pe, peCapacity);
    for (int c = 0; c < e.pe.cols(); ++c)
        pics.pe.colLabels << QString::number(c);
    pics.pe.rowAxisLabel = QObject::tr("position");
    pics.pe.colAxisLabel = QObject::tr("dimension k");
    pics.pe.valueLabel = QObject::tr("PE value");
    pics.pe.title =
        QObject::tr("%1 \u00b7 PE: %2 positions \u00d7 %3 dimensions").arg(name).arg(n).arg(e.pe.cols());

    fillComponents(pics.components, e, start, name);

    pics.profile.title = QObject::tr("%1 \u00b7 \u0394-profile of the similarity").arg(name);
    pics.profile.valueLabel = QObject::tr("mean cos(PE\u1d62, PE\u1d62\u208a\u0394)");
    if (!withSimilarity) {
        pics.similarity.title =
            QObject::tr("cos(PE\u1d62, PE\u2c7c): n \u00d7 n, unavailable at n = %1 (at most %2 positions)")
                .arg(n)
                .arg(kMaxTermsN);
        return pics;
    }
    fill(pics.similarity, e.similarity, similarityCapacity);
    pics.similarity.colLabels = positions;
    pics.similarity.rowAxisLabel = QObject::tr("position i");
    pics.similarity.colAxisLabel = QObject::tr("position j");
    pics.similarity.valueLabel = QObject::tr("cos(PE\u1d62, PE\u2c7c)");
    pics.similarity.title = QObject::tr("%1 \u00b7 cosine similarity of positions").arg(name);
    widgets::CurveSeries s;
    s.name = QObject::tr("mean along each diagonal");
    s.emphasis = true;
    for (int k = 0; k < int(e.profile.size()); ++k) {
        if (!std::isfinite(e.profile[std::size_t(k)])) continue;
        s.x.push_back(k - (n - 1));
        s.y.push_back(e.profile[std::size_t(k)]);
    }
    pics.profile.series.push_back(std::move(s));
    return pics;
}

widgets::CurveSeries decayBoundSeries(const LabResult& result, int headDim, int range)
{
    const Scheme& scheme = *result.run.scheme;
    const std::vector<double> bound =
        ropeDecayBound(rotaryFrequenciesAt(scheme, headDim, std::max(1, result.n)), range);
    widgets::CurveSeries s;
    s.name = QObject::tr("RoFormer bound, head dim %1 (\u00f7 its value at \u0394 = 0)").arg(headDim);
    s.dashed = true;
    for (int k = 0; k < static_cast<int>(bound.size()); ++k) {
        s.x.push_back(k - range);
        s.y.push_back(bound[std::size_t(k)]);
    }
    return s;
}

bool hasRotaryFrequencies(const Scheme& scheme)
{
    try {
        scheme.frequencies(1);
        return true;
    } catch (const Error&) {
        return false;
    }
}

} // namespace poslab::gui
