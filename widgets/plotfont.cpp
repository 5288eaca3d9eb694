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

} // namespace poslab::widgets
