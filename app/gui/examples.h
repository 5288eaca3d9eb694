#pragma once

#include <QString>

#include <vector>

namespace poslab::gui {

// The examples library: session files built into the binary (resources/examples/*.poslab), in the
// order File > Examples lists them.
struct Example
{
    QString id;    // the file's base name
    QString title; // the menu entry
    QString tip;   // the status tip
    QString path() const { return QStringLiteral(":/examples/") + id + QStringLiteral(".poslab"); }
};

std::vector<Example> builtinExamples(); // in the current language

} // namespace poslab::gui
