#include "screenshot.h"

#include <QImage>
#include <QImageWriter>
#include <QSaveFile>
#include <QWidget>

namespace poslab::gui {

QString saveScreenshot(QWidget& widget, QSize size, const QString& path)
{
    widget.resize(size);
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(1.0); // exactly the requested pixels, whatever the screen
    image.fill(Qt::white);
    widget.render(&image);

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    QImageWriter writer(&file, "png");
    if (!writer.write(image.convertToFormat(QImage::Format_RGB32))) {
        file.cancelWriting();
        return QStringLiteral("cannot write %1: %2").arg(path, writer.errorString());
    }
    if (!file.commit()) return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    return {};
}

} // namespace poslab::gui
