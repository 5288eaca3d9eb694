#include "cellmap.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace poslab::figure {

void CellMap::draw(QCPPainter* painter)
{
    if (!vector) return QCPColorMap::draw(painter);
    const QPointF a(keyAxis()->coordToPixel(-0.5), valueAxis()->coordToPixel(-0.5));
    const QPointF b(keyAxis()->coordToPixel(cols - 0.5), valueAxis()->coordToPixel(rows - 0.5));
    const QRectF target = QRectF(a, b).normalized();
    QImage cells(cols, rows, QImage::Format_ARGB32_Premultiplied);
    QCPColorGradient g = gradient();
    std::vector<double> line(static_cast<std::size_t>(cols));
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c)
            line[std::size_t(c)] = data()->cell(c, r);
        g.colorize(line.data(), dataRange(), reinterpret_cast<QRgb*>(cells.scanLine(r)), cols, 1,
                   dataScaleType() == QCPAxis::stLogarithmic);
    }
    if (drawsRectangles()) {
        // Row r is drawn where the value axis puts coordinate r (reversed or not). Each cell reaches
        // a little into its right and lower neighbours, so that viewers that antialias every shape
        // show no hairline seams; the outer edge stays exact.
        const double w = target.width() / cols, h = target.height() / rows;
        const double overlap = std::min(w, h) * 0.02;
        const bool upward = valueAxis()->coordToPixel(0) > valueAxis()->coordToPixel(rows - 1);
        painter->setRenderHint(QPainter::Antialiasing, false);
        painter->setPen(Qt::NoPen);
        for (int r = 0; r < rows; ++r) {
            const int y = upward ? rows - 1 - r : r;
            for (int c = 0; c < cols; ++c) {
                const QRgb rgb = cells.pixel(c, r);
                if (qAlpha(rgb) == 0) continue; // masked: the axis rect's background shows
                const QRectF cell(target.left() + c * w, target.top() + y * h,
                                  w + (c + 1 < cols ? overlap : 0), h + (y + 1 < rows ? overlap : 0));
                painter->fillRect(cell, QColor::fromRgba(rgb));
            }
        }
        return;
    }
    const double scale = dpi / logicalDpi;
    const int pw = std::clamp(int(std::lround(target.width() * scale)), cols, std::max(cols, 8192));
    const int ph = std::clamp(int(std::lround(target.height() * scale)), rows, std::max(rows, 8192));
    painter->setRenderHint(QPainter::SmoothPixmapTransform, false);
    // Qt's PDF engine stores images as JPEG unless told otherwise: cells must keep their colours.
    painter->setRenderHint(QPainter::LosslessImageRendering, true);
    painter->drawImage(target, cells.scaled(pw, ph, Qt::IgnoreAspectRatio, Qt::FastTransformation));
}

} // namespace poslab::figure
