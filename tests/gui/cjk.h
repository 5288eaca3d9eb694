#pragma once

#include <QString>

#include <algorithm>

namespace poslab::test {

// Whether `text` has a CJK ideograph (U+3400 … U+9FFF: Extension A and the Unified block), the mark
// of a Chinese translation.
inline bool hasCjk(const QString& text)
{
    return std::any_of(text.begin(), text.end(),
                       [](QChar c) { return c.unicode() >= 0x3400 && c.unicode() <= 0x9fff; });
}

} // namespace poslab::test
