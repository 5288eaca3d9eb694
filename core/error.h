#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace poslab {

// The one error type that leaves core. Its message is a single line meant for the user
// ("rope needs an even head dimension, got 7"); front ends print it as is.
class Error : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// A bad value of one field of a request ("pool", "head", "d_model", "cell.i", ...). The text names
// fields as {field} ("{pool} must be between 1 and 8192, got 9000"), so that each front end can name
// them in its own words: a flag, a widget, a session key ("{{" is a literal brace). what() names
// them as core does.
class FieldError : public Error
{
  public:
    struct Bounds // an integer field outside [lo, hi]: front ends may phrase the range their way
    {
        long long lo = 0, hi = 0, value = 0;
    };
    using Namer = std::function<std::string(const std::string& field)>;

    FieldError(std::string field, std::string text, std::optional<Bounds> bounds = std::nullopt);
    const std::string& field() const { return m_field; }
    const std::string& text() const { return m_text; }
    const std::optional<Bounds>& bounds() const { return m_bounds; }
    std::string render(const Namer& name) const;         // the text with every {field} named by `name`
    // The same, but a range error as "<name> must be between lo and hi, got value" (command lines).
    std::string renderRange(const Namer& name) const;
    static std::string literal(const std::string& text); // text that names no field ("{" kept)

  private:
    std::string m_field, m_text;
    std::optional<Bounds> m_bounds;
};

// A user's value as an error quotes it: in single quotes, control characters escaped (\n, \xNN) so
// the message stays one line, and at most kQuotedChars characters (UTF-8 code points) of it, then
// "… (N characters)" ("'aaaa…' (10000000 characters)"). Every error that echoes input uses it.
inline constexpr std::size_t kQuotedChars = 60;
// Names a file gives (tensor names, paths of checkpoints) are quoted whole up to this length:
// "encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight" is 68 characters.
inline constexpr std::size_t kQuotedNameChars = 240;
std::string quoteInput(std::string_view value, std::size_t most = kQuotedChars);

std::string coreFieldName(const std::string& field); // "d_model", "compare scheme", "cell i", ...

// "{field} must be between lo and hi, got value", with its bounds; a note goes in parentheses after
// the range ("0: all cores"), in the interface language.
FieldError outOfRange(const std::string& field, long long value, long long lo, long long hi,
                      const std::string& note = {});

// Thrown when a run was cancelled through RunOptions::cancel (a newer request superseded it).
// Not a user error: front ends drop it silently.
class Cancelled : public Error
{
public:
    Cancelled() : Error("cancelled") {}
};

} // namespace poslab
