#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace poslab {

// A result ready to export: a 1-D or 2-D array in row-major order plus what describes it.
// Non-finite values are masked entries (causally hidden logits): JSON writes them as null,
// CSV and NPY keep them as -inf / nan.
struct Table
{
    std::string scheme;
    std::string what;
    std::vector<std::pair<std::string, std::string>> params;   // scheme parameters, canonical text
    std::vector<std::pair<std::string, std::string>> model;    // model settings, canonical text
    std::vector<std::pair<std::string, std::string>> meta; // more top-level JSON entries ("attention_factor")
    std::vector<std::pair<std::string, std::string>> text; // top-level JSON strings, never read as numbers
    std::vector<std::string> columns;                          // column names, when they mean something
    std::vector<std::string> tokens;                           // sequence labels, when they apply
    std::vector<std::size_t> shape;                            // {n} or {rows, cols}
    bool integer = false;                                      // int64 in NPY, no decimals in CSV/JSON
    std::vector<double> data;

    std::size_t rows() const { return shape.empty() ? 0 : shape[0]; }
    std::size_t cols() const { return shape.size() < 2 ? 1 : shape[1]; }
    double at(std::size_t r, std::size_t c) const { return data[r * cols() + c]; }
};

enum class TableFormat { Csv, Json, Npy };
TableFormat parseTableFormat(const std::string& name);   // "csv" | "json" | "npy", else Error

// Serialise to bytes (NPY is binary). Numbers are written with the shortest round-trip text.
std::string toCsv(const Table& t);
std::string toJson(const Table& t);
std::string toNpy(const Table& t);
// Checks the text against the memory budget first (checkSerializedMemory).
std::string serialize(const Table& t, TableFormat format);

// At least serialize(t, format).size(): every number at its longest text (24 characters and a
// separator), every label escaped at its longest.
double serializedBytesBound(const Table& t, TableFormat format);
// FieldError("format", ...) when that text could exceed the memory budget: a 16384 × 16384 table
// is 2 GiB of doubles and up to 6.5 GiB of CSV. The way out: NPY, pooling or a shorter sequence.
void checkSerializedMemory(const Table& t, TableFormat format);

} // namespace poslab
