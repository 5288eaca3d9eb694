#pragma once

#include <string>

namespace poslab::cli {

// Minimal JSON text helpers for the `schemes` listing (tables have their own writer in core).
std::string jsonString(const std::string& text); // quoted, escaped; UTF-8 passes through
std::string jsonNumber(double value);            // shortest round-trip text; null if not finite

} // namespace poslab::cli
