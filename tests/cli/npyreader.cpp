#include "npyreader.h"

#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace poslab::test {

namespace {

std::uint64_t littleEndian64(const std::string& bytes, std::size_t at)
{
    std::uint64_t w = 0;
    for (int b = 7; b >= 0; --b)
        w = (w << 8) | static_cast<unsigned char>(bytes[at + static_cast<std::size_t>(b)]);
    return w;
}

std::string between(const std::string& s, const std::string& open, char close)
{
    const auto at = s.find(open);
    if (at == std::string::npos) throw std::runtime_error("NPY: header lacks " + open);
    const auto from = at + open.size();
    const auto to = s.find(close, from);
    if (to == std::string::npos) throw std::runtime_error("NPY: header field " + open + " is not closed");
    return s.substr(from, to - from);
}

std::vector<std::size_t> parseShape(const std::string& inner) // "2, 3" or "5," or ""
{
    std::vector<std::size_t> shape;
    std::size_t pos = 0;
    while (pos < inner.size()) {
        while (pos < inner.size() && inner[pos] == ' ')
            ++pos;
        if (pos >= inner.size()) break;
        std::size_t end = inner.find(',', pos);
        if (end == std::string::npos) end = inner.size();
        shape.push_back(std::stoull(inner.substr(pos, end - pos)));
        pos = end + 1;
    }
    return shape;
}

} // namespace

NpyArray parseNpy(const std::string& bytes)
{
    if (bytes.size() < 10 || bytes.compare(0, 6, std::string("\x93NUMPY", 6)) != 0)
        throw std::runtime_error("NPY: bad magic");
    if (bytes[6] != '\x01' || bytes[7] != '\x00') throw std::runtime_error("NPY: not version 1.0");
    NpyArray a;
    a.headerLength = static_cast<unsigned char>(bytes[8]) |
                     (static_cast<std::size_t>(static_cast<unsigned char>(bytes[9])) << 8);
    if (bytes.size() < 10 + a.headerLength) throw std::runtime_error("NPY: truncated header");
    const std::string header = bytes.substr(10, a.headerLength);
    if (header.empty() || header.back() != '\n' || header.front() != '{')
        throw std::runtime_error("NPY: header is not a dict ending in a newline");
    a.descr = between(header, "'descr': '", '\'');
    if (between(header, "'fortran_order': ", ',') != "False") throw std::runtime_error("NPY: fortran order");
    a.shape = parseShape(between(header, "'shape': (", ')'));
    if (a.descr != "<f8" && a.descr != "<i8") throw std::runtime_error("NPY: unexpected dtype " + a.descr);

    std::size_t count = 1;
    for (auto s : a.shape)
        count *= s;
    const std::size_t start = 10 + a.headerLength;
    if (bytes.size() != start + 8 * count)
        throw std::runtime_error("NPY: data size does not match the shape");
    a.values.reserve(count);
    for (std::size_t k = 0; k < count; ++k) {
        const std::uint64_t w = littleEndian64(bytes, start + 8 * k);
        if (a.descr == "<i8") {
            a.values.push_back(static_cast<double>(static_cast<std::int64_t>(w)));
        } else {
            double d;
            std::memcpy(&d, &w, sizeof d);
            a.values.push_back(d);
        }
    }
    return a;
}

} // namespace poslab::test
