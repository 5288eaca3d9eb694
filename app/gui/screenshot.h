#pragma once

#include <QSize>
#include <QString>

class QWidget;

namespace poslab::gui {

// Renders `widget` at exactly `size` device pixels and writes a PNG atomically (core/atomicfile.h).
// Returns an empty string on success, otherwise why it failed.
QString saveScreenshot(QWidget& widget, QSize size, const QString& path);

} // namespace poslab::gui
