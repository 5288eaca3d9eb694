#pragma once

// Writing safetensors files in tests, from the format's definition (8-byte little-endian header
// length, the JSON header, the data), independently of the reader in core/safetensors.cpp.

#include <cstddef>
#include <cstdint>
#include <string>

namespace poslab::test {

inline std::string le64(std::uint64_t n)
{
    std::string s(8, '\0');
    for (int k = 0; k < 8; ++k)
        s[std::size_t(k)] = char((n >> (8 * k)) & 0xFF);
    return s;
}

inline std::string safetensorsFile(const std::string& header, const std::string& data)
{
    return le64(header.size()) + header + data;
}

} // namespace poslab::test
