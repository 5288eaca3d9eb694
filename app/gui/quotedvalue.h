#pragma once

#include "error.h"

#include <QString>

namespace poslab {

// core's quoteInput() for a QString: at most kQuotedChars characters of a user's value in a message.
inline QString quotedValue(const QString& value)
{
    return QString::fromStdString(quoteInput(value.toStdString()));
}

} // namespace poslab
