#include "screenshot.h"

#include <error.h>
#include <outputfiles.h>

#include <QBuffer>
#include <QImage>
#include <QImageWriter>
#include <QWidget>

namespace poslab::gui {

QString saveScreenshot(QWidget& widget, QSize size, const QString& path)
{
    widget.resize(size);
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(1.0); // exactly the requested pixels, whatever the screen
    image.fill(Qt::white);
    widget.render(&image);

    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "png");
    if (!writer.write(image.convertToFormat(QImage::Format_RGB32)))
        return QStringLiteral("cannot write %1: %2").arg(path, writer.errorString());
    try {
        figure::writeAllOrNothing({{path, png}});
    } catch (const Error& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

} // namespace poslab::gui
