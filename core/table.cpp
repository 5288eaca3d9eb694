#include "table.h"

#include "budget.h"
#include "error.h"
#include "i18n.h"
#include "jsontext.h"

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>

namespace poslab {

namespace {

void checkShape(const Table& t)
{
    if (t.shape.empty() || t.shape.size() > 2)
        throw Error("internal: a table must be 1-D or 2-D, got " + std::to_string(t.shape.size()) +
                    " dimensions");
    std::size_t count = 1;
    for (std::size_t s : t.shape)
        count *= s;
    if (count != t.data.size())
        throw Error("internal: table shape does not match its " + std::to_string(t.data.size()) + " values");
}

// Integer tables hold whole numbers that fit an int64; anything else is written as a double.
bool asInt64(double v, long long& out)
{
    // 2^63 is exact in double; the open upper bound keeps the cast defined.
    if (!std::isfinite(v) || v != std::trunc(v) || v < -9223372036854775808.0 || v >= 9223372036854775808.0)
        return false;
    out = static_cast<long long>(v);
    return true;
}

void appendNumber(std::string& out, double v, bool integer)
{
    char buf[64];
    long long i = 0;
    if (integer && asInt64(v, i)) {
        auto [p, ec] = std::to_chars(buf, buf + sizeof buf, i);
        out.append(buf, p);
        return;
    }
    if (std::isnan(v)) {
        out += "nan";
    } else if (std::isinf(v)) {
        out += v < 0 ? "-inf" : "inf";
    } else {
        auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
        out.append(buf, p);
    }
}

void appendJsonString(std::string& out, const std::string& s) { out += jsonString(s); }

// JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool isJsonNumber(const std::string& s)
{
    std::size_t i = 0, n = s.size();
    auto digits = [&] {
        std::size_t start = i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            ++i;
        return i > start;
    };
    if (i < n && s[i] == '-') ++i;
    if (i < n && s[i] == '0')
        ++i;
    else if (!digits())
        return false;
    if (i < n && s[i] == '.') {
        ++i;
        if (!digits()) return false;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
        if (!digits()) return false;
    }
    if (i != n) return false;
    double v = 0.0; // reject overflow ("1e999"), which readers would turn into inf
    auto [p, ec] = std::from_chars(s.data(), s.data() + n, v);
    return ec == std::errc() && p == s.data() + n && std::isfinite(v);
}

void appendJsonValue(std::string& out, const std::string& text)
{
    if (text == "true" || text == "false" || isJsonNumber(text))
        out += text;
    else
        appendJsonString(out, text);
}

void appendJsonObject(std::string& out, const std::vector<std::pair<std::string, std::string>>& kv)
{
    out += '{';
    for (std::size_t k = 0; k < kv.size(); ++k) {
        if (k) out += ',';
        appendJsonString(out, kv[k].first);
        out += ':';
        appendJsonValue(out, kv[k].second);
    }
    out += '}';
}

void appendJsonStrings(std::string& out, const std::vector<std::string>& items)
{
    out += '[';
    for (std::size_t k = 0; k < items.size(); ++k) {
        if (k) out += ',';
        appendJsonString(out, items[k]);
    }
    out += ']';
}

void appendJsonData(std::string& out, double v, bool integer)
{
    if (std::isfinite(v))
        appendNumber(out, v, integer);
    else
        out += "null"; // masked entries
}

void appendLittleEndian(std::string& out, std::uint64_t bits)
{
    for (int b = 0; b < 8; ++b)
        out += static_cast<char>((bits >> (8 * b)) & 0xff);
}

} // namespace

TableFormat parseTableFormat(const std::string& name)
{
    if (name == "csv") return TableFormat::Csv;
    if (name == "json") return TableFormat::Json;
    if (name == "npy") return TableFormat::Npy;
    throw Error(fill(trCore("Errors", "unknown format %1 (expected csv, json or npy)"), {quoteInput(name)}));
}

std::string toCsv(const Table& t)
{
    checkShape(t);
    std::string out;
    out.reserve(t.data.size() * 12);
    const std::size_t cols = t.cols();
    for (std::size_t r = 0; r < t.rows(); ++r) {
        for (std::size_t c = 0; c < cols; ++c) {
            if (c) out += ',';
            appendNumber(out, t.at(r, c), t.integer);
        }
        out += '\n';
    }
    return out;
}

std::string toJson(const Table& t)
{
    checkShape(t);
    std::string out;
    out.reserve(t.data.size() * 12 + 256);
    out += "{\"scheme\":";
    appendJsonString(out, t.scheme);
    out += ",\"what\":";
    appendJsonString(out, t.what);
    out += ",\"params\":";
    appendJsonObject(out, t.params);
    out += ",\"shape\":[";
    for (std::size_t k = 0; k < t.shape.size(); ++k) {
        if (k) out += ',';
        out += std::to_string(t.shape[k]);
    }
    out += "],\"data\":[";
    if (t.shape.size() == 1) {
        for (std::size_t k = 0; k < t.data.size(); ++k) {
            if (k) out += ',';
            appendJsonData(out, t.data[k], t.integer);
        }
    } else {
        for (std::size_t r = 0; r < t.rows(); ++r) {
            out += r ? ",[" : "[";
            for (std::size_t c = 0; c < t.cols(); ++c) {
                if (c) out += ',';
                appendJsonData(out, t.at(r, c), t.integer);
            }
            out += ']';
        }
    }
    out += "],\"model\":";
    appendJsonObject(out, t.model);
    for (const auto& [key, value] : t.meta) {
        out += ',';
        appendJsonString(out, key);
        out += ':';
        appendJsonValue(out, value);
    }
    for (const auto& [key, value] : t.text) {
        out += ',';
        appendJsonString(out, key);
        out += ':';
        appendJsonString(out, value);
    }
    if (!t.tokens.empty()) {
        out += ",\"tokens\":";
        appendJsonStrings(out, t.tokens);
    }
    if (!t.columns.empty()) {
        out += ",\"columns\":";
        appendJsonStrings(out, t.columns);
    }
    out += "}\n";
    return out;
}

std::string toNpy(const Table& t)
{
    checkShape(t);
    bool integer = t.integer;
    long long dummy = 0;
    for (double v : t.data)
        integer = integer && asInt64(v, dummy);

    // Appending piecewise sidesteps a g++ 12 -Wrestrict false positive on "literal" + std::string.
    std::string shape = "(";
    shape += std::to_string(t.shape[0]);
    if (t.shape.size() == 1) {
        shape += ",)";
    } else {
        shape += ", ";
        shape += std::to_string(t.shape[1]);
        shape += ')';
    }
    std::string header = std::string("{'descr': '") + (integer ? "<i8" : "<f8") +
                         "', 'fortran_order': False, 'shape': " + shape + ", }";
    // Magic (6) + version (2) + header length (2) + header + '\n' is padded to 64 bytes, as numpy does.
    const std::size_t unpadded = 10 + header.size() + 1;
    header.append((64 - unpadded % 64) % 64, ' ');
    header += '\n';
    if (header.size() > 0xffff) throw Error("internal: NPY header too long");

    std::string out("\x93NUMPY\x01\x00", 8);
    out += static_cast<char>(header.size() & 0xff);
    out += static_cast<char>(header.size() >> 8);
    out += header;
    out.reserve(out.size() + 8 * t.data.size());
    for (double v : t.data) {
        if (integer) {
            long long i = 0;
            asInt64(v, i);
            appendLittleEndian(out, static_cast<std::uint64_t>(i));
        } else {
            appendLittleEndian(out, std::bit_cast<std::uint64_t>(v));
        }
    }
    return out;
}

double serializedBytesBound(const Table& t, TableFormat format)
{
    const double cells = double(t.data.size());
    // Labels and metadata: every byte escaped at most as \u00XX (6 bytes), plus quotes and commas.
    double labels = 4096;
    auto text = [&](const std::string& s) { labels += 6.0 * double(s.size()) + 4; };
    for (const auto& [k, v] : t.params) text(k), text(v);
    for (const auto& [k, v] : t.model) text(k), text(v);
    for (const auto& c : t.columns) text(c);
    for (const auto& tok : t.tokens) text(tok);
    text(t.scheme), text(t.what);
    if (format == TableFormat::Npy) return 8.0 * cells + labels;
    // "-2.2250738585072014e-308" is the longest shortest-round-trip double (24), "nan"/"inf" shorter;
    // one separator a value. CSV repeats a row's label, twice the token labels covers that.
    return 25.0 * cells + 2.0 * labels;
}

void checkSerializedMemory(const Table& t, TableFormat format)
{
    const char* name = format == TableFormat::Csv ? "CSV" : format == TableFormat::Json ? "JSON" : "NPY";
    std::string shape;
    for (std::size_t k = 0; k < t.shape.size(); ++k)
        shape += (k ? " \u00d7 " : "") + std::to_string(t.shape[k]);
    checkMemory("format", serializedBytesBound(t, format),
                std::string("the ") + name + (format == TableFormat::Npy ? " file" : " text") + " of the " + shape + " " + t.what + " table",
                format == TableFormat::Npy ? "use pooling or a shorter sequence"
                                           : "use {format} npy (8 bytes a value), pooling or a shorter sequence");
}

std::string serialize(const Table& t, TableFormat format)
{
    checkSerializedMemory(t, format);
    switch (format) {
    case TableFormat::Csv:
        return toCsv(t);
    case TableFormat::Json:
        return toJson(t);
    case TableFormat::Npy:
        return toNpy(t);
    }
    throw Error("internal: unknown table format");
}

} // namespace poslab
