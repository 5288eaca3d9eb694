#include "layoutcheck.h"

#include "deltacurveview.h"
#include "headgridview.h"
#include "heatmapview.h"

#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QMenuBar>
#include <QScrollBar>
#include <QStyle>
#include <QStyleOptionTab>
#include <QTabBar>
#include <QTextDocument>
#include <QTransform>

#include "qcp.h"

#include <cmath>

namespace poslab::test {

namespace {

constexpr int kMinMap = 96; // pixels (an inch): below this a map is a sliver, its labels thinned to nothing

QString shortText(const QString& text)
{
    QString t = text;
    t.replace(u'\n', u' ');
    return t.size() > 60 ? t.left(57) + QStringLiteral("...") : t;
}

// "QLabel 'Matrix:' in HeadsPanel": enough to find the widget.
QString describe(const QWidget* w, const QString& text = {})
{
    QString d = QString::fromLatin1(w->metaObject()->className());
    if (!w->objectName().isEmpty()) d += QStringLiteral(" #") + w->objectName();
    if (!text.isEmpty()) d += QStringLiteral(" '%1'").arg(shortText(text));
    for (const QWidget* p = w->parentWidget(); p; p = p->parentWidget()) {
        const QString name = QString::fromLatin1(p->metaObject()->className());
        if (name.endsWith(QLatin1String("Panel")) || name.endsWith(QLatin1String("Dialog")) ||
            name == QLatin1String("QDockWidget") || name == QLatin1String("QStatusBar")) {
            d += QStringLiteral(" in ") + name;
            break;
        }
    }
    return d;
}

QString sizeText(QSize s)
{
    return QStringLiteral("%1×%2").arg(s.width()).arg(s.height());
}

// The width a label's text needs on one line, and the height it needs at its width when it wraps.
void checkLabel(const QLabel* label, QStringList& problems)
{
    if (label->text().isEmpty() || !label->pixmap().isNull()) return;
    if (label->wordWrap()) {
        const int needed = label->heightForWidth(label->width());
        // A sentence squeezed into a column a few words wide (a hint beside a row of controls).
        const int lines = needed / std::max(1, label->fontMetrics().lineSpacing());
        if (lines > 2 && label->width() < 20 * label->fontMetrics().averageCharWidth())
            problems << QStringLiteral("%1: wraps into %2 lines %3 px wide")
                            .arg(describe(label, label->text()))
                            .arg(lines)
                            .arg(label->width());
        if (needed > label->height())
            problems << QStringLiteral("%1: needs %2 px of height at width %3, has %4")
                            .arg(describe(label, label->text()))
                            .arg(needed)
                            .arg(label->width())
                            .arg(label->height());
        return;
    }
    const QSize needed = label->sizeHint();
    // Shortened on screen, whole on hover: allowed for one-line summaries (the status bar's).
    const bool wholeOnHover = label->toolTip().contains(label->text());
    if ((needed.width() > label->width() && !wholeOnHover) || needed.height() > label->height())
        problems << QStringLiteral("%1: text needs %2, has %3")
                        .arg(describe(label, label->text()), sizeText(needed), sizeText(label->size()));
}

void checkButton(const QAbstractButton* button, QStringList& problems)
{
    if (button->text().isEmpty()) return;
    const QSize needed = button->sizeHint();
    if (needed.width() > button->width())
        problems << QStringLiteral("%1: text needs %2 px, has %3")
                        .arg(describe(button, button->text()))
                        .arg(needed.width())
                        .arg(button->width());
}

void checkTabBar(const QTabBar* bar, QStringList& problems)
{
    for (int k = 0; k < bar->count(); ++k) {
        QString text = bar->tabText(k);
        text.remove(u'&');
        const int padding = 2 * bar->style()->pixelMetric(QStyle::PM_TabBarTabHSpace, nullptr, bar) / 2;
        const int needed = bar->fontMetrics().horizontalAdvance(text) + padding;
        const QRect tab = bar->tabRect(k);
        if (tab.width() < needed || tab.right() > bar->width() || tab.left() < 0)
            problems << QStringLiteral("%1: tab needs %2 px, has %3 at %4")
                            .arg(describe(bar, text))
                            .arg(needed)
                            .arg(tab.width())
                            .arg(tab.left());
    }
}

void checkGroupBox(const QGroupBox* box, QStringList& problems)
{
    if (box->title().isEmpty()) return;
    QString text = box->title();
    text.remove(u'&');
    const int needed = box->fontMetrics().horizontalAdvance(text) + 16;
    if (needed > box->width())
        problems << QStringLiteral("%1: title needs %2 px, has %3")
                        .arg(describe(box, text))
                        .arg(needed)
                        .arg(box->width());
}

// A layout gives a widget at least its minimum size (its minimumSize when set, else its minimum size
// hint, or its size hint when it may not shrink): smaller means the window could not fit it.
int minimumExtent(int set, QSizePolicy::Policy policy, int hint, int minimumHint)
{
    if (set > 0) return set;
    if (policy == QSizePolicy::Ignored) return 0;
    return policy & QSizePolicy::ShrinkFlag ? minimumHint : hint; // Fixed, Minimum: the size hint
}

void checkMinimumSize(const QWidget* w, QStringList& problems)
{
    const QSizePolicy policy = w->sizePolicy();
    const QSize hint = w->sizeHint(), minimumHint = w->minimumSizeHint();
    const QSize minimum(
        minimumExtent(w->minimumWidth(), policy.horizontalPolicy(), hint.width(), minimumHint.width()),
        minimumExtent(w->minimumHeight(), policy.verticalPolicy(), hint.height(), minimumHint.height()));
    if (w->width() < minimum.width() || w->height() < minimum.height())
        problems << QStringLiteral("%1: %2, below its minimum %3")
                        .arg(describe(w), sizeText(w->size()), sizeText(minimum));
}

// Titles a plot paints: never wider than the plot (a centred title cut at both ends).
void checkPlotTexts(const QCustomPlot* plot, QStringList& problems)
{
    for (QCPLayoutElement* element : plot->plotLayout()->elements(true)) {
        auto* text = qobject_cast<QCPTextElement*>(element);
        if (!text || text->text().trimmed().isEmpty()) continue;
        const QFontMetrics metrics(text->font());
        const QRect needed =
            metrics.boundingRect(QRect(0, 0, 100'000, 100'000), Qt::AlignCenter, text->text());
        const QRect has = text->outerRect();
        if (needed.width() > plot->width() - 2 || needed.height() > has.height() + 2)
            problems << QStringLiteral("%1: title '%2' needs %3, the plot is %4 wide with %5 px for it")
                            .arg(describe(plot), shortText(text->text()), sizeText(needed.size()))
                            .arg(plot->width())
                            .arg(has.height());
    }
}

// Axis labels: centred on their axis, a label longer than the plot leaves on both sides of that centre
// is cut at the plot's edges (a vertical one above and below).
void checkAxisLabels(const QCustomPlot* plot, QStringList& problems)
{
    for (QCPAxisRect* rect : plot->axisRects())
        for (QCPAxis* axis : rect->axes()) {
            if (!axis->visible() || axis->label().trimmed().isEmpty()) continue;
            const QFontMetrics metrics(axis->labelFont());
            int needed = 0;
            for (const QString& line : axis->label().split(u'\n'))
                needed = std::max(needed, metrics.horizontalAdvance(line));
            const bool vertical = axis->orientation() == Qt::Vertical;
            const QPoint centre = rect->rect().center();
            const int has = vertical ? 2 * std::min(centre.y(), plot->height() - centre.y())
                                     : 2 * std::min(centre.x(), plot->width() - centre.x());
            if (needed > has + 2)
                problems << QStringLiteral("%1: axis label '%2' needs %3 px, its axis has %4")
                                .arg(describe(plot), shortText(axis->label()))
                                .arg(needed)
                                .arg(has);
        }
}

// Square token cells: an axis rect showing spanX × spanY tokens is spanX : spanY in pixels (within
// a pixel a cell, two over the rect for rounding).
void checkSquare(const QWidget* owner, const QRect& rect, double spanX, double spanY, QStringList& problems)
{
    if (spanX <= 0 || spanY <= 0) return;
    const double expectedWidth = rect.height() * spanX / spanY;
    const double cellW = rect.width() / spanX, cellH = rect.height() / spanY;
    if (std::abs(rect.width() - expectedWidth) > 2.0 &&
        std::abs(cellW - cellH) > 0.05 * std::max(cellW, cellH))
        problems << QStringLiteral("%1: %2 map of %3 × %4 tokens has cells %5 × %6 px")
                        .arg(describe(owner), sizeText(rect.size()))
                        .arg(spanX)
                        .arg(spanY)
                        .arg(cellW, 0, 'f', 2)
                        .arg(cellH, 0, 'f', 2);
    if (rect.width() < kMinMap || rect.height() < kMinMap)
        problems << QStringLiteral("%1: map is %2 px").arg(describe(owner), sizeText(rect.size()));
}

} // namespace

// Where QCustomPlot 2.1 paints a tick label (QCPAxisPainterPrivate::placeTickLabel and
// getTickLabelDrawOffset): the text box moved off the tick, then rotated about its corner.
QRectF tickLabelRect(const QCPAxis* axis, double tick, const QString& text)
{
    const QFontMetricsF metrics(axis->tickLabelFont());
    const QRectF box = metrics.boundingRect(QRectF(0, 0, 0, 0), Qt::TextDontClip | Qt::AlignCenter, text);
    const double w = box.width(), h = box.height();
    const double p = axis->coordToPixel(tick);
    const double distance = axis->offset() + axis->tickLabelPadding() +
                            (axis->tickLabelSide() == QCPAxis::lsOutside
                                 ? std::max(axis->tickLengthOut(), axis->subTickLengthOut())
                                 : 0);
    const double rotation = axis->tickLabelRotation(), radians = rotation / 180.0 * M_PI;
    const QRect rect = axis->axisRect()->rect();
    QPointF anchor, offset;
    switch (axis->axisType()) {
    case QCPAxis::atBottom:
        anchor = {p, rect.bottom() + 1 + distance};
        if (rotation > 0)
            offset = {std::sin(radians) * h / 2, 0};
        else if (rotation < 0)
            offset = {-std::cos(-radians) * w - std::sin(-radians) * h / 2, std::sin(-radians) * w};
        else
            offset = {-w / 2, 0};
        break;
    case QCPAxis::atLeft:
        anchor = {rect.left() - distance, p};
        if (rotation > 0)
            offset = {-std::cos(radians) * w, -std::sin(radians) * w - std::cos(radians) * h / 2};
        else if (rotation < 0)
            offset = {-std::cos(-radians) * w, std::sin(-radians) * w - std::cos(-radians) * h / 2};
        else
            offset = {-w, -h / 2};
        break;
    default:
        return {};
    }
    QTransform t;
    t.translate(anchor.x() + offset.x(), anchor.y() + offset.y());
    t.rotate(rotation);
    return t.mapRect(QRectF(0, 0, w, h));
}

namespace {

// Token labels on a heatmap's axes: each whole inside the part of the plot that is on screen (a
// parent cuts "because" to "becau" as surely as the plot's own edge does).
void checkTickLabels(const widgets::HeatmapView* view, QStringList& problems)
{
    const QCustomPlot* plot = view->plot();
    const QRect visible = plot->visibleRegion().boundingRect();
    for (const QCPAxis* axis : {plot->xAxis, plot->yAxis}) {
        if (!axis->visible() || !axis->tickLabels()) continue;
        const QVector<double> ticks = axis->tickVector();
        const QVector<QString> labels = axis->tickVectorLabels();
        for (int k = 0; k < std::min(ticks.size(), labels.size()); ++k) {
            if (!axis->range().contains(ticks[k]) || labels[k].isEmpty()) continue;
            const QRectF r = tickLabelRect(axis, ticks[k], labels[k]);
            if (r.left() < visible.left() - 1 || r.right() > visible.right() + 2 ||
                r.top() < visible.top() - 1 || r.bottom() > visible.bottom() + 2)
                problems << QStringLiteral(
                                "%1: tick label '%2' needs (%3, %4)–(%5, %6), shown is (%7, %8)–(%9, %10)")
                                .arg(describe(view), labels[k])
                                .arg(r.left(), 0, 'f', 0)
                                .arg(r.top(), 0, 'f', 0)
                                .arg(r.right(), 0, 'f', 0)
                                .arg(r.bottom(), 0, 'f', 0)
                                .arg(visible.left())
                                .arg(visible.top())
                                .arg(visible.right() + 1)
                                .arg(visible.bottom() + 1);
        }
    }
}

void checkHeatmap(const widgets::HeatmapView* view, QStringList& problems)
{
    const widgets::HeatmapData& d = view->data();
    if (d.isEmpty()) return;
    checkTickLabels(view, problems);
    const QCustomPlot* plot = view->plot();
    if (!view->squareCells()) {
        // Exempt from square cells: a matrix whose axes are not both tokens (the encoding view's
        // n × d_model PE) fills its room; it must still be more than a sliver.
        const QRect rect = plot->axisRect()->rect();
        if (rect.width() < kMinMap || rect.height() < kMinMap)
            problems << QStringLiteral("%1: map is %2 px").arg(describe(view), sizeText(rect.size()));
        return;
    }
    const double tokensPerCol = double(d.totalCols()) / d.cols, tokensPerRow = double(d.totalRows()) / d.rows;
    checkSquare(view, plot->axisRect()->rect(), plot->xAxis->range().size() * tokensPerCol,
                plot->yAxis->range().size() * tokensPerRow, problems);
}

// Curves over Δ or position (the Δ-curve, the encoding view's profile and components): a plot of
// more than a sliver, and every legend entry whole inside the plot with the room its text needs.
void checkCurves(const widgets::DeltaCurveView* view, QStringList& problems)
{
    const widgets::CurvePlotData& d = view->data();
    if (d.series.empty() && d.profileY.empty()) return;
    const QCustomPlot* plot = view->plot();
    const QRect rect = plot->axisRect()->rect();
    if (rect.width() < kMinMap || rect.height() < kMinMap)
        problems << QStringLiteral("%1: curves are %2 px").arg(describe(view), sizeText(rect.size()));
    const QCPLegend* legend = plot->legend;
    if (!legend->visible()) return;
    const QRect inside = plot->rect();
    for (int k = 0; k < legend->itemCount(); ++k) {
        QCPAbstractLegendItem* item = legend->item(k);
        if (!item) continue; // an empty cell of the wrapped grid
        auto* entry = qobject_cast<QCPPlottableLegendItem*>(item);
        const QString name = entry ? entry->plottable()->name() : QString();
        const QRect has = item->outerRect();
        const QSize needs = item->minimumOuterSizeHint();
        if (!inside.contains(has) || has.width() + 1 < needs.width() || has.height() + 1 < needs.height())
            problems << QStringLiteral("%1: legend entry '%2' needs %3, has %4 at (%5, %6) in a %7 plot")
                            .arg(describe(view), shortText(name), sizeText(needs), sizeText(has.size()))
                            .arg(has.left())
                            .arg(has.top())
                            .arg(sizeText(inside.size()));
    }
}

void checkHeadGrid(const widgets::HeadGridView* view, QStringList& problems)
{
    if (view->plotCount() == 0) return;
    const widgets::HeatmapData& d = view->head(0);
    for (QCPAxisRect* rect : view->plot()->axisRects())
        checkSquare(view, rect->rect(), d.totalCols(), d.totalRows(), problems);
}

// Scroll bars come and go with the content; the viewport's content may be any size.
bool sizedByOwner(const QWidget* w)
{
    // Qt's own parts (a spin box's line edit, a dock's title buttons) are sized by their owner.
    // An editable combo box's line edit likewise.
    if (w->objectName().startsWith(QLatin1String("qt_")) || qobject_cast<const QComboBox*>(w->parentWidget()))
        return true;
    return qobject_cast<const QScrollBar*>(w) || qobject_cast<const QMenuBar*>(w) ||
           (w->parentWidget() && qobject_cast<const QAbstractScrollArea*>(w->parentWidget()));
}

} // namespace

QStringList layoutProblems(QWidget* root)
{
    QStringList problems;
    QList<QWidget*> widgets = root->findChildren<QWidget*>();
    widgets.prepend(root);
    for (QWidget* w : widgets) {
        if (!w->isVisible() || w->isWindow() != (w == root)) continue;
        if (auto* label = qobject_cast<QLabel*>(w)) checkLabel(label, problems);
        if (auto* button = qobject_cast<QAbstractButton*>(w)) checkButton(button, problems);
        if (auto* bar = qobject_cast<QTabBar*>(w)) checkTabBar(bar, problems);
        if (auto* box = qobject_cast<QGroupBox*>(w)) checkGroupBox(box, problems);
        if (auto* plot = qobject_cast<QCustomPlot*>(w)) {
            checkPlotTexts(plot, problems);
            checkAxisLabels(plot, problems);
        }
        if (auto* view = qobject_cast<widgets::HeatmapView*>(w)) checkHeatmap(view, problems);
        if (auto* grid = qobject_cast<widgets::HeadGridView*>(w)) checkHeadGrid(grid, problems);
        if (auto* curves = qobject_cast<widgets::DeltaCurveView*>(w)) checkCurves(curves, problems);
        if (!sizedByOwner(w)) checkMinimumSize(w, problems);
        // Text wraps and maps shrink: nothing in a view should scroll sideways.
        if (auto* bar = qobject_cast<QScrollBar*>(w);
            bar && bar->orientation() == Qt::Horizontal && bar->maximum() > bar->minimum())
            problems
                << QStringLiteral("%1: scrolls sideways by %2 px").arg(describe(bar)).arg(bar->maximum());
    }
    return problems;
}

} // namespace poslab::test
