#include "figure.h"

#include "embed.h"
#include "figureplot.h"
#include "figureviews.h"
#include "figurewords.h"
#include "outputfiles.h"

#include <analysis.h>
#include <attention.h>
#include <budget.h>
#include <error.h>
#include <lab.h>
#include <scheme.h>

#include <QBuffer>
#include <QFileInfo>
#include <QImageWriter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSvgGenerator>

#include <algorithm>

#include <cmath>
#include <limits>
#include <tuple>

namespace poslab::figure {

namespace {

constexpr int kMaxLegendLines = 6; // more lines of one family share one colour and one legend entry

// A Δ-curve column as a reader names it: "bias_head2" → "head 2", "cos_pair3" → "pair 3".
struct SeriesName
{
    QString text;
    QString family = {}; // plural, for a legend entry that stands for many: "heads"
    QString index = {};
};

SeriesName seriesName(const std::string& column, const Words& w)
{
    static const QRegularExpression numbered(
        QStringLiteral("^(?:bias|d)_head(\\d+)$|^(?:scaled_)?cos_pair(\\d+)$|^E(\\d+)$"));
    const QString c = QString::fromStdString(column);
    const auto m = numbered.match(c);
    if (m.hasMatch()) {
        if (!m.captured(1).isEmpty())
            return {w.translate("Figure", "head %1").arg(m.captured(1)), w.translate("Figure", "heads"),
                    m.captured(1)};
        if (!m.captured(2).isEmpty())
            return {w.translate("Figure", "pair %1").arg(m.captured(2)), w.translate("Figure", "pairs"),
                    m.captured(2)};
        return {QStringLiteral("E[%1]").arg(m.captured(3)), QStringLiteral("E"), m.captured(3)};
    }
    // FIRE: one curve per query position i and head (its bias depends on i as well as Δ).
    static const QRegularExpression perQuery(QStringLiteral("^bias_i(\\d+)_head\\d+$"));
    if (const auto q = perQuery.match(c); q.hasMatch())
        return {w.translate("Figure", "query i = %1").arg(q.captured(1))};
    if (column == "sum_cos" || column == "sum_scaled_cos") return {w.translate("Figure", "sum over pairs")};
    if (column == "pe_dot") return {QStringLiteral("PE(i)\u00b7PE(j)")};
    if (column == "mean_pe_dot") return {w.translate("Figure", "mean PE(i)\u00b7PE(j)")};
    if (column == "aK_norm") return {w.translate("Figure", "‖a_K‖ (keys)")};
    if (column == "aV_norm") return {w.translate("Figure", "‖a_V‖ (values)")};
    // The single columns of none, nope, T5's and DeBERTa's index curves, Shaw's clip index.
    if (column == "value") return {w.translate("Figure", "value")};
    if (column == "bias") return {w.translate("Figure", "bias")};
    if (column == "bucket") return {w.translate("Figure", "bucket")};
    if (column == "table_row") return {w.translate("Figure", "table row")};
    if (column == "clip_index") return {w.translate("Figure", "clip index")};
    return {QString(c).replace(u'_', u' ')};
}

widgets::CurvePlotData curveOf(const Scheme& scheme, const DeltaCurve& curve,
                               const std::vector<double>& profile, int n, const Session& s, bool* grouped)
{
    widgets::CurvePlotData d;
    const Words w(s.style.language);
    const CurveLayout layout = curveLayout(curve);
    const QString ownHead = w.translate("Figure", "head %1").arg(s.head);
    std::vector<std::size_t> plain; // series drawn in the palette, not emphasised
    QString family, emphasisFamily, firstIndex, lastIndex;
    // Curves per query position and head (FIRE): the figure is about one head, so only its curves,
    // each in its own colour (every head's would be 3 × heads lines and a legend taller than the plot).
    std::vector<int> columns = layout.valueColumns;
    static const QRegularExpression perQuery(QStringLiteral("^bias_i\\d+_head(\\d+)$"));
    if (std::any_of(columns.begin(), columns.end(), [&](int c) {
            return perQuery.match(QString::fromStdString(curve.columns[std::size_t(c)])).hasMatch();
        }))
        std::erase_if(columns, [&](int c) {
            const auto m = perQuery.match(QString::fromStdString(curve.columns[std::size_t(c)]));
            return !m.hasMatch() || m.captured(1).toInt() != s.head;
        });
    for (int c : columns) {
        const std::string& column = curve.columns[std::size_t(c)];
        const SeriesName name = seriesName(column, w);
        widgets::CurveSeries series;
        series.name = name.text;
        series.steps = layout.steps;
        // RoPE's sum, and the head the figure is about among the heads' curves.
        series.emphasis = column == "sum_cos" || column == "sum_scaled_cos" ||
                          (layout.valueColumns.size() > 1 && name.text == ownHead);
        for (Eigen::Index r = 0; r < curve.rows.rows(); ++r) {
            series.x.push_back(curve.rows(r, 0));
            series.y.push_back(curve.rows(r, c));
        }
        if (!series.emphasis) {
            plain.push_back(d.series.size());
            family = name.family;
            if (firstIndex.isEmpty()) firstIndex = name.index;
            lastIndex = name.index;
        } else {
            emphasisFamily = name.family;
        }
        d.series.push_back(std::move(series));
    }
    // Many lines: one legend entry for them all (unnamed series stay out of the legend).
    *grouped = int(plain.size()) > kMaxLegendLines && !family.isEmpty();
    if (*grouped) {
        const bool others = emphasisFamily == family; // "other heads" beside the head shown
        const QString span = QStringLiteral("%1\u2013%2").arg(firstIndex, lastIndex);
        d.series[plain.front()].name =
            others           ? w.translate("Figure", "other %1").arg(family)
            : family == u'E' ? QStringLiteral("E[%1]").arg(span)
                             : w.translate("Figure", "%1 %2", "a family of curves and their span: heads 0–7")
                                   .arg(family, span);
        for (std::size_t k = 1; k < plain.size(); ++k)
            d.series[plain[k]].name.clear();
    }
    if (layout.boundaries.size() * 2 <= std::size_t(curve.rows.rows())) d.boundaries = layout.boundaries;
    d.valueLabel = w.translate("Figure", "%1 (scheme)").arg(QString::fromStdString(scheme.info().name));
    for (int k = 0; k < int(profile.size()); ++k) {
        const int delta = k - (n - 1);
        if (std::abs(delta) > s.range || !std::isfinite(profile[std::size_t(k)])) continue;
        d.profileX.push_back(delta);
        d.profileY.push_back(profile[std::size_t(k)]);
    }
    d.profileLabel = w.translate("Figure", "mean attention, head %1").arg(s.head);
    if (s.cellI >= 0) d.marker = s.cellJ - s.cellI;
    return d;
}

} // namespace

namespace detail {

QStringList toLabels(const std::vector<std::string>& texts)
{
    QStringList labels;
    for (const auto& t : texts)
        labels << QString::fromStdString(t);
    return labels;
}

QString matrixTitle(const std::string& m, const Words& w)
{
    if (m == "probs") return w.translate("Figure", "attention probabilities");
    if (m == "logits") return w.translate("Figure", "logits");
    if (m == "bias") return w.translate("Figure", "positional bias");
    if (m == "delta") return QStringLiteral("\u0394 = j \u2212 i");
    if (m == "bucket") return w.translate("Figure", "bucket index");
    return w.translate("Figure", "absolute encoding");
}

namespace {

QString valueLabel(const std::string& m, const Words& w)
{
    if (m == "probs") return w.translate("Figure", "attention probability");
    if (m == "logits") return w.translate("Figure", "logit (score / T)");
    if (m == "bias") return w.translate("Figure", "positional part of the logit");
    if (m == "delta") return QStringLiteral("\u0394 = j \u2212 i");
    if (m == "bucket") return w.translate("Figure", "bucket index");
    return w.translate("Figure", "encoding value");
}

} // namespace

bool isAttentionMatrix(const std::string& m)
{
    return m == "probs" || m == "logits" || m == "bias";
}

widgets::HeatmapData heatmapOf(const Table& t, std::size_t firstRow, const Session& s,
                               const QStringList& labels)
{
    widgets::HeatmapData d;
    const Words w(s.style.language);
    const int cols = int(t.cols());
    d.rows = int(labels.size());
    d.cols = cols;
    d.values.assign(t.data.begin() + std::ptrdiff_t(firstRow * t.cols()),
                    t.data.begin() + std::ptrdiff_t((firstRow + d.rows) * t.cols()));
    const bool causal = s.model.causal && isAttentionMatrix(s.matrix);
    d.masked.resize(d.values.size());
    for (int i = 0; i < d.rows; ++i)
        for (int j = 0; j < d.cols; ++j)
            d.masked[std::size_t(i) * cols + j] = causal && j > i;
    d.rowLabels = labels;
    if (s.matrix == "pe") {
        for (int c = 0; c < cols; ++c)
            d.colLabels << QString::number(c);
        d.rowAxisLabel = w.translate("Figure", "position");
        d.colAxisLabel = w.translate("Figure", "dimension");
        d.tokenAxes = false;
    } else {
        d.colLabels = labels;
        d.rowAxisLabel = w.translate("Figure", "query i");
        d.colAxisLabel = w.translate("Figure", "key j");
    }
    d.isSigned = s.matrix != "probs" && s.matrix != "bucket";
    d.valueLabel = valueLabel(s.matrix, w);
    return d;
}

} // namespace detail

FigureFormat parseFigureFormat(const std::string& name)
{
    if (name == "png") return FigureFormat::Png;
    if (name == "pdf") return FigureFormat::Pdf;
    if (name == "svg") return FigureFormat::Svg;
    throw Error("unknown figure format " + quoteInput(name) + " (expected png|pdf|svg)");
}

std::optional<FigureFormat> formatFromFileName(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png")) return FigureFormat::Png;
    if (suffix == QLatin1String("pdf")) return FigureFormat::Pdf;
    if (suffix == QLatin1String("svg")) return FigureFormat::Svg;
    return std::nullopt;
}

std::string figureFormatName(FigureFormat format)
{
    switch (format) {
    case FigureFormat::Pdf:
        return "pdf";
    case FigureFormat::Svg:
        return "svg";
    case FigureFormat::Png:
        break;
    }
    return "png";
}

FigureContent computeFigure(Lab& lab, const Session& s)
{
    using namespace detail;
    validateSession(s);
    LabRequest request = figureRequest(s);
    const Sequence seq = request.sequence();
    if (s.view == FigureView::Context || s.view == FigureView::Freqs) return detail::contextFigure(lab, s, request);
    if (seq.size() > kMaxFigureTokens)
        throw Error("a figure shows at most " + std::to_string(kMaxFigureTokens) +
                    " tokens, this sequence has " + std::to_string(seq.size()) +
                    " (pooled probabilities of longer ones: poslab-cli compute --pool)");
    const auto scheme = makeScheme(s.scheme, s.params, s.model);
    const QStringList labels = toLabels(seq.labels());
    const QString schemeTitle = schemeTitleIn(QString::fromStdString(s.style.language), scheme->info().title);
    const Words w(s.style.language);
    const QString headTitle = w.translate("Figure", "%1, head %2", "scheme, head shown");
    const QString matrixOf = w.translate("Figure", "%1: %2", "scheme: matrix shown");
    FigureContent content;
    switch (s.view) {
    case FigureView::Heatmap: {
        content.table = lab.table(request);
        content.maps.push_back(heatmapOf(content.table, 0, s, labels));
        content.title = isAttentionMatrix(s.matrix) ? headTitle.arg(schemeTitle, QString::number(s.head))
                                                    : matrixOf.arg(schemeTitle, matrixTitle(s.matrix, w));
        if (isAttentionMatrix(s.matrix)) content.table.model.emplace_back("engine", engineLabel(request));
        break;
    }
    case FigureView::Heads: {
        if (!isAttentionMatrix(s.matrix))
            throw Error("the heads view shows probs, logits or bias, not " + s.matrix);
        request.everyHead = true;
        const LabResult result = lab.compute(request);
        for (int h = 0; h < s.model.heads; ++h) {
            request.head = h;
            const Table t = tableFromResult(*result.run.scheme, seq, *result.run.attention, request);
            if (h == 0) {
                content.table = t;
                for (auto& [key, value] : content.table.model)
                    if (key == "head")
                        std::tie(key, value) = std::pair("heads", "stacked: row = head * n + i");
                content.table.model.emplace_back("engine", engineLabel(request));
            } else {
                content.table.data.insert(content.table.data.end(), t.data.begin(), t.data.end());
            }
            content.table.shape = {std::size_t(h + 1) * t.rows(), t.cols()};
            content.maps.push_back(heatmapOf(t, 0, s, labels));
            content.maps.back().title = w.translate("Figure", "head %1").arg(h);
        }
        content.title = matrixOf.arg(schemeTitle, matrixTitle(s.matrix, w));
        break;
    }
    case FigureView::DeltaCurve: {
        LabRequest curveTable = request;
        curveTable.matrix = whatName(What::DeltaCurve);
        content.table = lab.table(curveTable);
        const LabResult result = lab.compute(request);
        const std::vector<double> profile =
            diagonalProfile(result.run.attention->heads[std::size_t(s.head)].probs, s.model.causal);
        const DeltaCurve curve = scheme->deltaCurve(s.range);
        content.curve = curveOf(*scheme, curve, profile, seq.size(), s, &content.curveGrouped);
        content.isCurve = true;
        // The measured profile beside the scheme's columns, NaN where Δ is beyond the sequence.
        Table& t = content.table;
        const std::size_t rows = t.rows(), cols = t.cols();
        std::vector<double> data;
        for (std::size_t r = 0; r < rows; ++r) {
            data.insert(data.end(), t.data.begin() + std::ptrdiff_t(r * cols),
                        t.data.begin() + std::ptrdiff_t((r + 1) * cols));
            const long k = long(std::lround(t.at(r, 0))) + seq.size() - 1;
            data.push_back(k >= 0 && k < long(profile.size()) ? profile[std::size_t(k)]
                                                              : std::numeric_limits<double>::quiet_NaN());
        }
        t.data = std::move(data);
        t.shape = {rows, cols + 1};
        t.columns.push_back("mean_attention_head" + std::to_string(s.head));
        t.model.emplace_back("engine", engineLabel(request));
        content.title = headTitle.arg(schemeTitle, QString::number(s.head));
        break;
    }
    case FigureView::Compare:
        return detail::compareFigure(lab, s, request);
    case FigureView::Explain:
        return detail::explainFigure(lab, s, request);
    case FigureView::PeComponents:
        return detail::componentsFigure(lab, s, request);
    case FigureView::Context:
    case FigureView::Freqs:
        break; // above: they draw no n × n matrix
    }
    return content;
}

RenderedFigure renderFigure(Lab& lab, const Session& session, FigureFormat format)
{
    return renderFigure(session, computeFigure(lab, session), format);
}

RenderedFigure renderFigure(const Session& s, const FigureContent& content, FigureFormat format)
{
    FigurePlot plot(content, s);
    const QByteArray json = sessionToJson(s, true);
    const QString title = s.style.title ? QString::fromStdString(*s.style.title) : content.title;
    const QString creator = QStringLiteral("PosLab " POSLAB_VERSION);
    RenderedFigure out;
    out.sizeMm = plot.sizeMm();
    QBuffer buffer(&out.bytes);
    buffer.open(QIODevice::WriteOnly);
    switch (format) {
    case FigureFormat::Png: {
        out.pixels = QSize(qRound(out.sizeMm.width() * s.style.dpi / 25.4),
                           qRound(out.sizeMm.height() * s.style.dpi / 25.4));
        // The canvas, and up to as much again while it is encoded: checked before either exists.
        const double pixels = double(out.pixels.width()) * out.pixels.height();
        checkMemory("dpi", 8.0 * pixels,
                    "a " + QString::number(out.sizeMm.width(), 'f', 0).toStdString() + " \u00d7 " +
                        QString::number(out.sizeMm.height(), 'f', 0).toStdString() + " mm figure at " +
                        std::to_string(s.style.dpi) + " dpi (" + std::to_string(out.pixels.width()) +
                        " \u00d7 " + std::to_string(out.pixels.height()) + " pixels)",
                    "lower {dpi} or the size, or write a PDF or SVG");
        QImage image(out.pixels, QImage::Format_RGB32);
        if (image.isNull())
            throw Error("cannot make a " + std::to_string(out.pixels.width()) + " \u00d7 " +
                        std::to_string(out.pixels.height()) +
                        " pixel image (Qt refused it): lower the dpi or the size");
        image.fill(Qt::white);
        // Paint at the layout's DPI (fonts resolve against the device), then record the real one.
        const int logicalDpm = qRound(FigurePlot::logicalDpi() / 0.0254);
        image.setDotsPerMeterX(logicalDpm);
        image.setDotsPerMeterY(logicalDpm);
        plot.paint(image, QSizeF(image.size()), false, s.style.dpi);
        image.setDotsPerMeterX(qRound(s.style.dpi / 0.0254));
        image.setDotsPerMeterY(qRound(s.style.dpi / 0.0254));
        image.setText(QString::fromLatin1(kPngSessionKey), QString::fromUtf8(json));
        QImageWriter writer(&buffer, "png");
        if (!writer.write(image)) throw Error("cannot encode the PNG: " + writer.errorString().toStdString());
        break;
    }
    case FigureFormat::Pdf: {
        QPdfWriter writer(&buffer);
        writer.setResolution(FigurePlot::logicalDpi());
        writer.setPageLayout(
            QPageLayout(QPageSize(out.sizeMm, QPageSize::Millimeter, QString(), QPageSize::ExactMatch),
                        QPageLayout::Portrait, QMarginsF(), QPageLayout::Millimeter));
        writer.setCreator(creator);
        writer.setTitle(title);
        writer.setDocumentXmpMetadata(xmpPacket(json, title, creator));
        plot.paint(writer, QSizeF(writer.width(), writer.height()), true, s.style.dpi);
        break;
    }
    case FigureFormat::Svg: {
        QSvgGenerator generator;
        generator.setOutputDevice(&buffer);
        generator.setResolution(FigurePlot::logicalDpi());
        generator.setSize(plot.logicalSize());
        generator.setViewBox(QRect(QPoint(0, 0), plot.logicalSize()));
        // Qt 6.4 writes both as they are: escape them here.
        generator.setTitle(title.toHtmlEscaped());
        generator.setDescription(Words(s.style.language)
                                     .translate("Figure", "Made with %1; its session is in the metadata.")
                                     .arg(creator)
                                     .toHtmlEscaped());
        plot.paint(generator, QSizeF(plot.logicalSize()), true, s.style.dpi);
        buffer.close();
        // The exact size in mm (the generator rounds to whole logical units), crisp cells, the session.
        QString svg = QString::fromUtf8(out.bytes);
        static const QRegularExpression size(QStringLiteral("<svg width=\"[^\"]*\" height=\"[^\"]*\""));
        svg.replace(size, QStringLiteral("<svg width=\"%1mm\" height=\"%2mm\"")
                              .arg(out.sizeMm.width(), 0, 'f', 2)
                              .arg(out.sizeMm.height(), 0, 'f', 2));
        svg.replace(QStringLiteral("<image "), QStringLiteral("<image style=\"image-rendering:pixelated\" "));
        out.bytes = embedInSvg(svg.toUtf8(), json);
        break;
    }
    }
    return out;
}

QImage renderImage(Lab& lab, const Session& session)
{
    const RenderedFigure png = renderFigure(lab, session, FigureFormat::Png);
    return QImage::fromData(png.bytes, "png");
}

void writeBytesAtomically(const QString& path, const QByteArray& bytes)
{
    writeAllOrNothing({{path, bytes}});
}

void exportFigure(Lab& lab, const Session& session, FigureFormat format, const QString& path)
{
    writeBytesAtomically(path, renderFigure(lab, session, format).bytes);
}

void checkDataFileName(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("csv") && suffix != QLatin1String("npy") && suffix != QLatin1String("json"))
        throw Error("--data-out needs a .csv, .npy or .json file name, got " +
                    quoteInput(path.toStdString()));
}

QByteArray figureData(const FigureContent& content, const QString& path)
{
    checkDataFileName(path);
    const std::string bytes =
        serialize(content.table, parseTableFormat(QFileInfo(path).suffix().toLower().toStdString()));
    return QByteArray(bytes.data(), qsizetype(bytes.size()));
}

void writeFigureData(const FigureContent& content, const QString& path)
{
    writeAllOrNothing({{path, figureData(content, path)}});
}

} // namespace poslab::figure
