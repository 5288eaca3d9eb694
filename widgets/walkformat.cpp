#include "walkformat.h"

#include "explain.h"

#include <QCoreApplication>

#include <cmath>
#include <cstdio>

namespace poslab::widgets {

namespace {

// Colours of the flagged box: set explicitly (text included) so it reads the same in dark themes.
constexpr const char* kFlagBackground = "#fff1e0";
constexpr const char* kFlagBorder = "#d35400";
constexpr const char* kFlagText = "#4a2500";
constexpr const char* kFlagTitle = "#a63c00";
constexpr const char* kGrid = "#b8b8b8";
// The article's own words: a quiet grey box, colours explicit for the same reason.
constexpr const char* kQuoteBackground = "#f2f2f2";
constexpr const char* kQuoteText = "#4d4d4d";
constexpr int kPerLine = 8; // values per tooltip line

QString label(const std::vector<std::string>& labels, int k)
{
    return k < static_cast<int>(labels.size()) ? QString::fromStdString(labels[k]) : QString::number(k);
}

QString rowValues(const Eigen::MatrixXd& m, int r)
{
    QStringList parts;
    for (Eigen::Index c = 0; c < m.cols(); ++c)
        parts << formatNumber(m(r, c));
    return parts.join(QStringLiteral(", "));
}

// Every value, kPerLine per line, each line prefixed with the index of its first entry.
QString fullVectorText(const Quantity& q)
{
    QStringList lines{
        QCoreApplication::translate("WalkHtml", "%1 (%2 values)")
            .arg(QString::fromStdString(q.name))
            .arg(q.value.cols())};
    for (Eigen::Index c0 = 0; c0 < q.value.cols(); c0 += kPerLine) {
        QStringList parts;
        for (Eigen::Index c = c0; c < std::min<Eigen::Index>(c0 + kPerLine, q.value.cols()); ++c)
            parts << formatNumber(q.value(0, c));
        lines << QStringLiteral("[%1] %2").arg(c0).arg(parts.join(QStringLiteral(", ")));
    }
    return lines.join(QLatin1Char('\n'));
}

QString fullMatrixText(const Quantity& q)
{
    QStringList lines{QStringLiteral("%1 (%2 × %3)")
                          .arg(QString::fromStdString(q.name))
                          .arg(q.value.rows())
                          .arg(q.value.cols())};
    for (int r = 0; r < q.value.rows(); ++r)
        lines << label(q.rowLabels, r) + QStringLiteral(": ") + rowValues(q.value, r);
    return lines.join(QLatin1Char('\n'));
}

QString link(int k, const QString& text)
{
    // Non-breaking spaces: "… 64 values" never wraps apart.
    QString escaped = text.toHtmlEscaped();
    escaped.replace(QLatin1Char(' '), QStringLiteral("&nbsp;"));
    return QStringLiteral("<a href=\"quantity:%1\">%2</a>").arg(k).arg(escaped);
}

// The "… 64 values" tail of a truncated vector becomes the tooltip link.
QString inlineHtml(const QuantityCells& c, int k)
{
    if (!c.truncated()) return c.inlineText.toHtmlEscaped();
    const qsizetype tail = c.inlineText.lastIndexOf(QStringLiteral("… "));
    const QString head = c.inlineText.left(tail), rest = c.inlineText.mid(tail);
    return head.toHtmlEscaped() + link(k, rest.chopped(1)) + QStringLiteral(")");
}

QString matrixHtml(const QuantityCells& c, int k)
{
    QString h =
        QStringLiteral("<p style=\"margin-top:6px; margin-bottom:2px\"><i>%1</i></p>"
                       "<table border=\"1\" cellspacing=\"0\" cellpadding=\"5\" style=\"border-color:%2; "
                       "border-style:solid\"><tr><th></th>")
            .arg(c.name.toHtmlEscaped(), QLatin1String(kGrid));
    for (const QString& header : c.columnHeaders)
        h += QStringLiteral("<th align=\"right\" style=\"padding-left:10px\">%1</th>")
                 .arg(header.toHtmlEscaped());
    if (c.hiddenColumns > 0)
        h += QStringLiteral("<th>%1</th>")
                 .arg(link(k, QCoreApplication::translate("WalkHtml", "… %1 more").arg(c.hiddenColumns)));
    h += QStringLiteral("</tr>");
    for (int r = 0; r < c.rows.size(); ++r) {
        h += QStringLiteral("<tr><th align=\"left\">%1</th>").arg(c.rowHeaders.value(r).toHtmlEscaped());
        for (const QString& v : c.rows[r])
            h += QStringLiteral("<td align=\"right\" style=\"padding-left:10px\">%1</td>")
                     .arg(v.toHtmlEscaped());
        if (c.hiddenColumns > 0) h += QStringLiteral("<td></td>");
        h += QStringLiteral("</tr>");
    }
    if (c.hiddenRows > 0)
        h += QStringLiteral("<tr><th align=\"left\">%1</th></tr>")
                 .arg(link(k, QCoreApplication::translate("WalkHtml", "… %1 more").arg(c.hiddenRows)));
    return h + QStringLiteral("</table>");
}

// One section ("Inputs", "Results"): scalars, vectors and texts as name | value rows, then the tables.
QString sectionHtml(const QString& title, const std::vector<Quantity>& qs, int firstIndex)
{
    if (qs.empty()) return {};
    QString lines, tables;
    for (int k = 0; k < static_cast<int>(qs.size()); ++k) {
        const QuantityCells c = quantityCells(qs[k]);
        if (c.kind == QuantityKind::Matrix) {
            tables += matrixHtml(c, firstIndex + k);
            continue;
        }
        lines += QStringLiteral("<tr><td style=\"padding-right:12px\"><i>%1</i></td><td>%2</td></tr>")
                     .arg(c.name.toHtmlEscaped(), inlineHtml(c, firstIndex + k));
    }
    QString h = QStringLiteral("<h4 style=\"margin-top:10px; margin-bottom:3px\">%1</h4>").arg(title);
    if (!lines.isEmpty())
        h += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\">") + lines +
             QStringLiteral("</table>");
    return h + tables;
}

} // namespace

QString formatNumber(double value)
{
    if (std::isnan(value)) return QStringLiteral("NaN");
    if (std::isinf(value)) return value < 0 ? QStringLiteral("−∞") : QStringLiteral("∞");
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", value);
    const QString s = QString::fromLatin1(buf);
    return s == QLatin1String("-0") ? QStringLiteral("0") : s;
}

QString vectorText(const double* values, int count, int maxShown)
{
    if (count == 1) return formatNumber(values[0]);
    QStringList parts;
    for (int c = 0; c < std::min(count, maxShown); ++c)
        parts << formatNumber(values[c]);
    if (count > maxShown) parts << QCoreApplication::translate("WalkHtml", "… %1 values").arg(count);
    return QLatin1Char('(') + parts.join(QStringLiteral(", ")) + QLatin1Char(')');
}

QuantityCells quantityCells(const Quantity& q, int maxShown, int maxRows)
{
    QuantityCells c;
    c.name = QString::fromStdString(q.name);
    if (!q.text.empty() || q.value.size() == 0) {
        c.inlineText = QString::fromStdString(q.text);
        return c;
    }
    const int rows = static_cast<int>(q.value.rows()), cols = static_cast<int>(q.value.cols());
    if (rows == 1 && q.rowLabels.empty() && q.colLabels.empty()) {
        c.kind = cols == 1 ? QuantityKind::Scalar : QuantityKind::Vector;
        const Eigen::RowVectorXd row = q.value.row(0);
        c.inlineText = vectorText(row.data(), cols, maxShown);
        if (cols > maxShown) c.fullText = fullVectorText(q);
        return c;
    }
    c.kind = QuantityKind::Matrix;
    const int shownCols = std::min(cols, maxShown), shownRows = std::min(rows, maxRows);
    for (int col = 0; col < shownCols; ++col)
        c.columnHeaders << label(q.colLabels, col);
    for (int r = 0; r < shownRows; ++r) {
        c.rowHeaders << label(q.rowLabels, r);
        QStringList cells;
        for (int col = 0; col < shownCols; ++col)
            cells << formatNumber(q.value(r, col));
        c.rows << cells;
    }
    c.hiddenRows = rows - shownRows;
    c.hiddenColumns = cols - shownCols;
    if (c.hiddenRows > 0 || c.hiddenColumns > 0) c.fullText = fullMatrixText(q);
    return c;
}

QString stepListLabel(const Step& step, int index)
{
    QString s = QStringLiteral("%1. %2").arg(index + 1).arg(QString::fromStdString(step.title));
    return step.flagged ? s + QStringLiteral("  ⚠") : s;
}

QString quoteHtml(const Step& step)
{
    if (step.quote.empty()) return {};
    const QStringList lines = QString::fromStdString(step.quote).split(QLatin1Char('\n'));
    QStringList escaped;
    for (const QString& line : lines)
        escaped << line.toHtmlEscaped();
    return QStringLiteral("<table width=\"100%\" border=\"0\" cellspacing=\"0\" cellpadding=\"6\" "
                          "style=\"background-color:%1; margin-bottom:8px\"><tr><td style=\"color:%2\">"
                          "<span style=\"font-size:small\">%3</span> <i>%4</i></td></tr></table>")
        .arg(QLatin1String(kQuoteBackground), QLatin1String(kQuoteText),
             QCoreApplication::translate("WalkHtml", "Article:").toHtmlEscaped(),
             escaped.join(QStringLiteral("<br/>")));
}

QString stepHtml(const Step& step)
{
    QString h = quoteHtml(step);
    h += QStringLiteral("<p style=\"font-size:15pt; margin-bottom:8px\">%1</p>")
             .arg(QString::fromStdString(step.formula).toHtmlEscaped());
    if (!step.text.empty())
        h += QStringLiteral("<p>%1</p>").arg(QString::fromStdString(step.text).toHtmlEscaped());
    if (step.flagged) {
        h += QStringLiteral(
                 "<table width=\"100%\" border=\"2\" cellspacing=\"0\" cellpadding=\"8\" "
                 "style=\"border-color:%1; border-style:solid; background-color:%2; margin-top:6px\">"
                 "<tr><td style=\"color:%3\"><p style=\"color:%4; font-weight:bold\">⚠ %5</p>")
                 .arg(QLatin1String(kFlagBorder), QLatin1String(kFlagBackground), QLatin1String(kFlagText),
                      QLatin1String(kFlagTitle),
                      QCoreApplication::translate("WalkHtml", "Does not add up").toHtmlEscaped());
        if (!step.correction.empty())
            h += QStringLiteral("<p><b>%1</b> %2</p>")
                     .arg(QCoreApplication::translate("WalkHtml", "What adds up:").toHtmlEscaped(),
                          QString::fromStdString(step.correction).toHtmlEscaped());
        h += QStringLiteral("</td></tr></table>");
    }
    h += sectionHtml(QCoreApplication::translate("WalkHtml", "Inputs"), step.inputs, 0);
    h += sectionHtml(QCoreApplication::translate("WalkHtml", "Results"), step.results,
                     static_cast<int>(step.inputs.size()));
    return h;
}

QString quantityToolTip(const Step& step, int k)
{
    const int inputs = static_cast<int>(step.inputs.size());
    if (k < 0 || k >= inputs + static_cast<int>(step.results.size())) return {};
    return quantityCells(k < inputs ? step.inputs[k] : step.results[k - inputs]).fullText;
}

QList<QPoint> stepCells(const Step& step)
{
    QList<QPoint> points;
    for (const auto& [i, j] : step.cells)
        points << QPoint(j, i);
    return points;
}

QList<int> stepDeltas(const Step& step)
{
    return QList<int>(step.deltas.begin(), step.deltas.end());
}

} // namespace poslab::widgets
