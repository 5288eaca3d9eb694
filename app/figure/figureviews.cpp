#include "figureviews.h"
#include "language.h"

#include <analysis.h>
#include <attention.h>
#include <error.h>
#include <explain.h>
#include <lab.h>
#include <labtable.h>
#include <scheme.h>
#include <walkformat.h>

#include <algorithm>
#include <charconv>
#include <limits>
#include <set>

namespace poslab::figure::detail {

namespace {

// Shortest text that reads back to the same double, as the tables write numbers.
std::string exactText(double v)
{
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

QString shortNumber(double v)
{
    return QString::number(v, 'g', 2);
}

// "seed-linear" over "(absolute + relative)": the kind of this instance, its parameters included.
QString schemeLabel(const Scheme& scheme, const std::string& language)
{
    return QStringLiteral("%1\n(%2)")
        .arg(QString::fromStdString(scheme.info().name),
             schemeKindIn(QString::fromStdString(language), schemeKindLabel(scheme)));
}

// "name = value" for scalars, vectors and text; "name: row = v; row = (v, …)" for labelled matrices.
// No-break spaces around "=": a line never ends between a name and its value.
QString quantityText(const Quantity& q, const Words& w)
{
    const QString equals = QStringLiteral("\u00a0=\u00a0");
    const widgets::QuantityCells c = widgets::quantityCells(q, 4, 8);
    if (c.kind != widgets::QuantityKind::Matrix) return c.name + equals + c.inlineText;
    QStringList rows;
    for (int r = 0; r < int(c.rows.size()); ++r) {
        const QStringList& cells = c.rows[r];
        QString values = cells.size() == 1 && c.hiddenColumns == 0
                             ? cells.front()
                             : QLatin1Char('(') + cells.join(QStringLiteral(", ")) +
                                   (c.hiddenColumns > 0 ? QStringLiteral(", …)") : QStringLiteral(")"));
        rows << c.rowHeaders.value(r) + equals + values;
    }
    if (c.hiddenRows > 0) rows << w.translate("Figure", "\u2026 %1 more rows").arg(c.hiddenRows);
    return c.name + QStringLiteral(": ") + rows.join(QStringLiteral("; "));
}

std::vector<TextBlock> walkText(const Walk& walk, const Words& w)
{
    std::vector<TextBlock> blocks;
    for (std::size_t k = 0; k < walk.steps.size(); ++k) {
        const Step& step = walk.steps[k];
        blocks.push_back({widgets::stepListLabel(step, int(k)) + QStringLiteral(":"),
                          QString::fromStdString(step.formula), false});
        QStringList parts;
        for (const auto* list : {&step.inputs, &step.results})
            for (const Quantity& q : *list)
                parts << quantityText(q, w);
        if (!parts.isEmpty()) blocks.push_back({QString(), parts.join(QStringLiteral("; ")), true});
        if (step.flagged && !step.correction.empty())
            blocks.push_back(
                {w.translate("Figure", "What adds up:"), QString::fromStdString(step.correction), true});
    }
    return blocks;
}

} // namespace

FigureContent compareFigure(Lab& lab, const Session& s, LabRequest request)
{
    if (!isAttentionMatrix(s.matrix))
        throw Error("the compare view shows probs, logits or bias, not " + s.matrix);
    // The same engine and runs as the explorer's Compare tab: a shift change of 1e-7 there is f32
    // rounding, and the figure should show the number the reader sees in the app.
    request.compare = true;
    request.everyHead = true;
    const LabResult result = lab.compute(request);
    const CompareRun& runs = *result.compare;
    const Scheme& a = *runs.a.scheme;
    const Scheme& b = *runs.b.scheme;
    Sequence shifted = *result.sequence;
    shifted.start += s.shift;
    const AttentionResult& aShifted = *runs.aShifted.attention;
    const AttentionResult& bShifted = *runs.bShifted.attention;
    const bool causal = s.model.causal;

    FigureContent content;
    const Words w(s.style.language);
    CompareNumbers& numbers = content.compare;
    numbers.shiftChangeA = runs.shiftChangeA(s.matrix, causal);
    numbers.shiftChangeB = runs.shiftChangeB(s.matrix, causal);
    const Eigen::MatrixXd& ma = headMatrix(aShifted.heads[std::size_t(s.head)], s.matrix);
    const Eigen::MatrixXd& mb = headMatrix(bShifted.heads[std::size_t(s.head)], s.matrix);
    numbers.maxDifference = maxAbsDifference(ma, mb, causal);
    const Eigen::MatrixXd diff = difference(ma, mb, causal);

    const Table ta = tableFromResult(a, shifted, aShifted, request);
    const Table tb = tableFromResult(b, shifted, bShifted, request);
    Table td = ta;
    for (Eigen::Index i = 0; i < diff.rows(); ++i)
        for (Eigen::Index j = 0; j < diff.cols(); ++j)
            td.data[std::size_t(i * diff.cols() + j)] = diff(i, j);

    const QStringList labels = toLabels(result.labels);
    const QString nameA = QString::fromStdString(a.info().name),
                  nameB = QString::fromStdString(b.info().name);
    content.maps = {heatmapOf(ta, 0, s, labels), heatmapOf(tb, 0, s, labels), heatmapOf(td, 0, s, labels)};
    content.maps[0].title = schemeLabel(a, s.style.language);
    content.maps[1].title = schemeLabel(b, s.style.language);
    content.maps[2].title = nameA + QStringLiteral(" \u2212 ") + nameB;
    content.maps[2].isSigned = true;
    content.maps[2].valueLabel = w.translate("Figure", "difference A \u2212 B");
    content.scaleGroups = {0, 0, 1};
    // On one line, or, under a narrow map, the words over the number (no-break spaces keep them).
    const QString change = w.translate("Figure", "\u0394\u00a0under\u00a0shift: %1");
    content.notes = {
        change.arg(shortNumber(numbers.shiftChangeA)), change.arg(shortNumber(numbers.shiftChangeB)),
        QStringLiteral("max\u00a0|A\u00a0\u2212\u00a0B|: %1").arg(shortNumber(numbers.maxDifference))};
    content.title = w.translate("Figure", "%1 vs %2, head %3, positions shifted by s = %4")
                        .arg(nameA, nameB, QString::number(s.head), QString::number(s.shift));

    Table& t = content.table;
    t = ta;
    t.data.insert(t.data.end(), tb.data.begin(), tb.data.end());
    t.data.insert(t.data.end(), td.data.begin(), td.data.end());
    t.shape = {3 * ta.rows(), ta.cols()};
    const std::size_t n = ta.rows();
    const auto rows = [n](std::size_t k) {
        return "rows " + std::to_string(k * n) + ".." + std::to_string((k + 1) * n - 1) + ": ";
    };
    t.model.emplace_back("stacked", rows(0) + a.info().name + "; " + rows(1) + b.info().name + "; " +
                                        rows(2) + a.info().name + " - " + b.info().name);
    t.model.emplace_back("engine", engineLabel(request));
    t.model.emplace_back("compare_scheme", b.info().name);
    t.model.emplace_back("start", std::to_string(request.start));
    t.model.emplace_back("shift", std::to_string(s.shift));
    t.model.emplace_back("max_shift_change", exactText(numbers.shiftChangeA));
    t.model.emplace_back("max_shift_change_compare", exactText(numbers.shiftChangeB));
    t.model.emplace_back("max_abs_difference", exactText(numbers.maxDifference));
    return content;
}

FigureContent explainFigure(Lab& lab, const Session& s, LabRequest request)
{
    if (s.cellI < 0 || s.cellJ < 0)
        throw Error("the explain view walks one cell (i, j): give one with --cell I,J or in the session");
    if (!isAttentionMatrix(s.matrix))
        throw Error("the explain view shows probs, logits or bias, not " + s.matrix);
    request.engine = EngineKind::Reference; // the walk's numbers
    const WalkResult w = lab.walk(request);
    const Walk& walk = w.walk;
    const Sequence& seq = w.sequence;

    FigureContent content;
    content.table = tableFromResult(*w.scheme, seq, w.attention, request);
    content.table.model.emplace_back("engine", engineLabel(request));
    content.maps.push_back(heatmapOf(content.table, 0, s, toLabels(seq.labels())));
    std::set<std::pair<int, int>> cells;
    for (const Step& step : walk.steps)
        cells.insert(step.cells.begin(), step.cells.end());
    for (const auto& [i, j] : cells)
        content.outlined.push_back({i, j});
    content.text = walkText(walk, Words(s.style.language));
    content.title = QString::fromStdString(walk.title);
    return content;
}

FigureContent componentsFigure(Lab& lab, const Session& s, LabRequest request)
{
    request.matrix = whatName(What::PeComponents);
    const Table pcs = lab.table(request);
    request.matrix = whatName(What::PeNorms);
    const Table norms = lab.table(request);
    const Words w(s.style.language);
    const QString language = QString::fromStdString(s.style.language);
    const int start = request.start;
    const std::size_t n = pcs.rows(), k = pcs.cols();

    FigureContent content;
    content.isCurve = true;
    widgets::CurvePlotData& d = content.curve;
    for (std::size_t c = 0; c < k; ++c) {
        double explained = std::numeric_limits<double>::quiet_NaN();
        for (const auto& [key, value] : pcs.meta)
            if (key == "explained_" + pcs.columns[c]) explained = std::stod(value);
        widgets::CurveSeries series;
        series.name = componentLabelIn(language, int(c), explained);
        for (std::size_t i = 0; i < n; ++i) {
            series.x.push_back(double(start) + double(i));
            series.y.push_back(pcs.at(i, c));
        }
        d.series.push_back(std::move(series));
    }
    for (std::size_t i = 0; i < n; ++i) {
        d.profileX.push_back(double(start) + double(i));
        d.profileY.push_back(norms.data[i]);
    }
    d.xLabel = w.translate("Figure", "position i");
    d.valueLabel = w.translate("Figure", "component score");
    d.profileLabel = w.translate("Figure", "norm \u2016PE\u1d62\u2016");
    content.title = w.translate("Figure", "%1: principal components and norm over position")
                        .arg(schemeTitleIn(language, describeScheme(s.scheme).title));

    // What is drawn, side by side: position, the components, the norm.
    Table& t = content.table;
    t = pcs;
    t.columns.insert(t.columns.begin(), "position");
    t.columns.push_back("norm");
    t.data.clear();
    for (std::size_t i = 0; i < n; ++i) {
        t.data.push_back(double(start) + double(i));
        for (std::size_t c = 0; c < k; ++c)
            t.data.push_back(pcs.at(i, c));
        t.data.push_back(norms.data[i]);
    }
    t.shape = {n, k + 2};
    return content;
}

} // namespace poslab::figure::detail

namespace poslab::figure {

QString componentLabelIn(const QString& language, int c, double explained)
{
    const double percent = 100 * explained;
    const int decimals = percent >= 9.95 ? 0 : percent >= 0.995 ? 1 : 2;
    return Words(language.toStdString())
        .translate("Figure", "PC%1 (%2 % of variance)")
        .arg(c + 1)
        .arg(QString::number(percent, 'f', decimals));
}

} // namespace poslab::figure
