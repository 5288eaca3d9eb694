#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace poslab::test {

// An NPY 1.0 file as numpy would read it: little-endian '<f8' or '<i8', C order.
struct NpyArray
{
    std::string descr;
    std::vector<std::size_t> shape;
    std::size_t headerLength = 0; // HEADER_LEN field: bytes after the 10-byte preamble
    std::vector<double> values;   // int64 converted
};

// Throws std::runtime_error on anything numpy would reject or this reader does not know.
NpyArray parseNpy(const std::string& bytes);

} // namespace poslab::test
