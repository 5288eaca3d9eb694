#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// A strict JSON reader (RFC 8259) for files PosLab reads from other programs: a safetensors header,
// a model's config.json, a sharded model's index. Strict where lenient readers have shipped bugs:
// only UTF-8 text (no lone surrogates, no overlong forms), a key given twice in one object is an
// error, numbers keep their text so that offsets up to 2⁶⁴ − 1 stay exact, nesting is bounded, and
// nothing follows the value but whitespace. Errors: poslab::Error "<what> at byte N".
namespace poslab::json {

struct Value
{
    struct Member; // {key, value}: defined below, where Value is complete
    enum class Kind { Null, Bool, Number, String, Array, Object };
    Kind kind = Kind::Null;
    bool boolean = false;
    std::string text;                                   // a string's value, or a number's digits as written
    std::vector<Value> items;                           // an array's
    std::vector<Member> members;                        // an object's, in file order, keys unique

    bool isObject() const { return kind == Kind::Object; }
    const Value* find(std::string_view key) const;      // an object's member, or nullptr
    // A number that is a non-negative integer below 2⁶⁴ ("12", not "12.0", "1e3" or "-0"), or nullopt.
    std::optional<std::uint64_t> asUnsigned() const;
    std::optional<double> asDouble() const;             // any number (finite), or nullopt
    std::string kindName() const; // "an object", "a string", ... in the interface language
};

struct Value::Member
{
    std::string key;
    Value value;
};

inline constexpr int kMaxJsonDepth = 64;

// `what` names the text in errors ("the header"): "the header: duplicate key 'a' at byte 40".
Value parse(std::string_view text, const std::string& what);

} // namespace poslab::json
