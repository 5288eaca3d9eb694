#include "plotfont.h"

#include "qcp.h"

#include <algorithm>

namespace poslab::widgets {

namespace {

void setAxisFont(QCPAxis* axis, const QFont& font)
{
    // A bold label (the head grid's focused head) stays bold.
    QFont label = font;
    label.setBold(axis->labelFont().bold());
    axis->setLabelFont(label);
    axis->setTickLabelFont(font);
}

} // namespace

void setPlotFont(QCustomPlot* plot, const QFont& font)
{
    plot->setFont(font);
    const double size = font.pointSizeF() > 0 ? font.pointSizeF() : 9.0;
    for (QCPLayoutElement* element : plot->plotLayout()->elements(true)) {
        if (auto* rect = qobject_cast<QCPAxisRect*>(element)) {
            for (QCPAxis* axis : rect->axes())
                setAxisFont(axis, font);
        } else if (auto* scale = qobject_cast<QCPColorScale*>(element)) {
            setAxisFont(scale->axis(), font);
        } else if (auto* text = qobject_cast<QCPTextElement*>(element)) {
            QFont title = font;
            title.setPointSizeF(size + 2);
            title.setBold(true);
            text->setFont(title);
        } else if (auto* legend = qobject_cast<QCPLegend*>(element)) {
            QFont small = font;
            small.setPointSizeF(std::max(7.0, size - 1));
            legend->setFont(small);
            for (int k = 0; k < legend->itemCount(); ++k)
                legend->item(k)->setFont(small);
        }
    }
    if (plot->legend) { // in an axis rect's inset layout
        QFont small = font;
        small.setPointSizeF(std::max(7.0, size - 1));
        plot->legend->setFont(small);
        for (int k = 0; k < plot->legend->itemCount(); ++k)
            plot->legend->item(k)->setFont(small);
    }
}

void wrapLegendToWidth(QCustomPlot* plot)
{
    QCPLegend* legend = plot->legend;
    const QFontMetrics metrics(legend->font());
    int widest = 0;
    for (int k = 0; k < legend->itemCount(); ++k)
        if (auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(k)))
            widest = std::max(widest, metrics.horizontalAdvance(item->plottable()->name()));
    const int entry = widest + legend->iconSize().width() + legend->iconTextPadding() + 16;
    legend->setWrap(std::clamp((plot->width() - 40) / std::max(1, entry), 1, 6));
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true); // rearranges the items present
}

} // namespace poslab::widgets
