#pragma once

#include <QList>
#include <QPoint>
#include <QString>
#include <QStringList>

namespace poslab {
struct Quantity;
struct Step;
} // namespace poslab

// How a worked example's numbers are set as text, kept out of WalkView so it is tested without widgets.
namespace poslab::widgets {

// 4 significant digits, as poslab-cli explain prints them: "0.09556", "-5", "1.2e+04", "−∞"; no "-0".
QString formatNumber(double value);

// "(0.2, 0.4, 0.6)"; beyond maxShown entries "(a, …, h, … 64 values)". A single value has no parentheses.
QString vectorText(const double* values, int count, int maxShown = 8);

enum class QuantityKind
{
    Text,
    Scalar,
    Vector,
    Matrix
};

// A Quantity as cells of text. Vectors and scalars are one line (inlineText); a matrix, or anything
// with row/column labels, is a table of at most maxRows × maxColumns cells. fullText holds every
// value (for a tooltip) when something is hidden, else it is empty.
struct QuantityCells
{
    QuantityKind kind = QuantityKind::Text;
    QString name;
    QString inlineText;
    QStringList columnHeaders; // Matrix: one per shown column
    QStringList rowHeaders;    // Matrix: one per shown row
    QList<QStringList> rows;   // Matrix: shown rows × shown columns
    int hiddenRows = 0;
    int hiddenColumns = 0;
    QString fullText;
    bool truncated() const { return !fullText.isEmpty(); }
};
QuantityCells quantityCells(const Quantity& q, int maxShown = 8, int maxRows = 16);

// "3. Relative positional encoding"; flagged steps end with " ⚠".
QString stepListLabel(const Step& step, int index);

// The step's quote (the seed article's own lines, verbatim in every language) as a quiet grey box with
// the lines in italics; empty when the step has none.
QString quoteHtml(const Step& step);

// The body of a step as HTML for a QTextBrowser: the quote, formula (large), explanation, inputs, results and,
// for a flagged step, the "Does not add up" box with the correction. Truncated quantities link to
// "quantity:<k>" (k counts inputs then results) so the view can show fullText as a tooltip.
QString stepHtml(const Step& step);
QString quantityToolTip(const Step& step, int k); // fullText of quantity k, or empty

// Step::cells as points: x = j (key, column), y = i (query, row), as in the heatmap.
QList<QPoint> stepCells(const Step& step);
QList<int> stepDeltas(const Step& step);

} // namespace poslab::widgets
