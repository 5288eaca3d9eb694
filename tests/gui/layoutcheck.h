#pragma once

#include <QStringList>

class QCPAxis;
class QRectF;
class QString;
class QWidget;

namespace poslab::test {

// What a window shows that a user cannot read or use (issue 13, item 1), one line per problem,
// naming the widget:
// - a label, button, tab or group box title whose text does not fit its widget (elided or cut; a
//   word-wrapped label needs its height for its width);
// - a visible widget smaller than its minimum size hint, where the layout could have given it;
// - a heatmap title (painted, not a widget) wider than its plot, or an axis label longer than its axis;
// - a heatmap or head tile whose token cells are not square within a pixel (except a heatmap that
//   turned square cells off because its axes are not both tokens: the encoding view's PE);
// - a map smaller than an inch either way, and so a plot of curves (Δ-curve, the encoding view's);
// - a legend entry of such a plot cut by the plot's edge or narrower than its text;
// - a heatmap's tick label (painted) not whole inside the part of its plot on screen.
// Widgets inside a scroll area's content are measured against their own size, not the viewport's.
QStringList layoutProblems(QWidget* root);
// Where QCustomPlot paints a tick label of a bottom or left axis, in the plot's pixels.
QRectF tickLabelRect(const QCPAxis* axis, double tick, const QString& text);

} // namespace poslab::test
