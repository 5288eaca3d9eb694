// poslab-iconrender SVG SIZE OUT.png: renders the icon at SIZE x SIZE pixels with Qt's own SVG
// renderer (the one the app uses for its window icon). Run at build time for the hicolor PNG sizes.
// No QGuiApplication: painting shapes into a QImage needs none (only text would, and the icon has
// none), so the build step needs no platform plugin and no display.
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgRenderer>

#include <cstdio>

int main(int argc, char** argv)
{
    if (argc != 4) {
        std::fputs("usage: poslab-iconrender SVG SIZE OUT.png\n", stderr);
        return 2;
    }
    const QString svgPath = QString::fromLocal8Bit(argv[1]);
    const QString outPath = QString::fromLocal8Bit(argv[3]);
    bool ok = false;
    const int size = QString::fromLocal8Bit(argv[2]).toInt(&ok);
    if (!ok || size < 1 || size > 4096) {
        std::fprintf(stderr, "poslab-iconrender: SIZE must be 1..4096, got '%s'\n", argv[2]);
        return 2;
    }
    QSvgRenderer svg(svgPath);
    if (!svg.isValid()) {
        std::fprintf(stderr, "poslab-iconrender: %s: not a valid SVG\n", qPrintable(svgPath));
        return 1;
    }
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        svg.render(&painter, QRectF(0, 0, size, size));
    }
    QSaveFile file(outPath); // a failed build step leaves no half-written PNG behind
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit()) {
        std::fprintf(stderr, "poslab-iconrender: %s: %s\n", qPrintable(outPath), qPrintable(file.errorString()));
        return 1;
    }
    return 0;
}
