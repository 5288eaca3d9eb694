#pragma once

#include <string>

namespace poslab {

// JSON text helpers shared by every writer (tables, schemes listing, worked examples).
std::string jsonString(const std::string& text); // quoted, escaped; UTF-8 passes through
std::string jsonNumber(double value);            // shortest round-trip text; null if not finite

} // namespace poslab
