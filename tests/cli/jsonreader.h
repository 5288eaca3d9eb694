#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace poslab::test {

// A strict JSON reader, just enough to check poslab-cli's output. Objects keep key order.
struct JsonValue
{
    enum class Type
    {
        Null,
        Bool,
        Number,
        String,
        Array,
        Object
    };
    Type type = Type::Null;
    bool boolean = false;
    double number = 0.0;
    std::string text; // String value, or the literal text of a Number
    std::vector<JsonValue> items;
    std::vector<std::pair<std::string, JsonValue>> members;

    bool isNull() const { return type == Type::Null; }
    bool has(const std::string& key) const;
    const JsonValue& operator[](const std::string& key) const; // throws if absent
    const JsonValue& operator[](std::size_t index) const;      // throws if out of range
    std::size_t size() const { return type == Type::Object ? members.size() : items.size(); }
    std::vector<std::string> keys() const;
};

// Throws std::runtime_error with the byte offset on malformed input or trailing garbage.
JsonValue parseJson(const std::string& text);

} // namespace poslab::test
