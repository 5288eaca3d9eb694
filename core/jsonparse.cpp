#include "jsonparse.h"

#include "error.h"
#include "i18n.h"

#include <charconv>
#include <cmath>
#include <unordered_set>

namespace poslab::json {

namespace {

class Parser
{
  public:
    Parser(std::string_view text, const std::string& what) : m_s(text), m_what(what) {}

    Value document()
    {
        skipSpace();
        Value v = value(0);
        skipSpace();
        if (m_at != m_s.size()) fail(trCore("Errors", "%1: unexpected text after the JSON value at byte %2"));
        return v;
    }

  private:
    // `pattern`: "%1: … at byte %2", %3 for `detail` (one sentence each, in the interface language).
    [[noreturn]] void fail(const std::string& pattern, std::string_view detail = {}) const
    {
        throw Error(fill(pattern, {m_what, std::to_string(m_at), detail}));
    }

    bool atEnd() const { return m_at >= m_s.size(); }
    char peek() const { return atEnd() ? '\0' : m_s[m_at]; }

    void skipSpace()
    {
        while (!atEnd() && (m_s[m_at] == ' ' || m_s[m_at] == '\t' || m_s[m_at] == '\n' || m_s[m_at] == '\r'))
            ++m_at;
    }

    void expect(char c)
    {
        if (peek() != c) fail(trCore("Errors", "%1: expected '%3' at byte %2"), std::string_view(&c, 1));
        ++m_at;
    }

    Value value(int depth)
    {
        if (depth >= kMaxJsonDepth)
            fail(trCore("Errors", "%1: nested deeper than %3 levels at byte %2"),
                 std::to_string(kMaxJsonDepth));
        if (atEnd()) fail(trCore("Errors", "%1: the text ends where a value should be at byte %2"));
        Value v;
        switch (peek()) {
        case '{':
            return object(depth);
        case '[':
            return array(depth);
        case '"':
            v.kind = Value::Kind::String;
            v.text = string();
            return v;
        case 't':
            literal("true");
            v.kind = Value::Kind::Bool;
            v.boolean = true;
            return v;
        case 'f':
            literal("false");
            v.kind = Value::Kind::Bool;
            return v;
        case 'n':
            literal("null");
            return v;
        default:
            v.kind = Value::Kind::Number;
            v.text = number();
            return v;
        }
    }

    void literal(std::string_view word)
    {
        if (m_s.substr(m_at, word.size()) != word) fail(trCore("Errors", "%1: not a JSON value at byte %2"));
        m_at += word.size();
    }

    Value object(int depth)
    {
        Value v;
        v.kind = Value::Kind::Object;
        std::unordered_set<std::string> seen;
        expect('{');
        skipSpace();
        if (peek() == '}') {
            ++m_at;
            return v;
        }
        for (;;) {
            skipSpace();
            const std::size_t keyAt = m_at;
            if (peek() != '"') fail(trCore("Errors", "%1: expected a key in quotes at byte %2"));
            std::string key = string();
            if (!seen.insert(key).second) {
                m_at = keyAt;
                fail(trCore("Errors", "%1: duplicate key %3 at byte %2"), quoteInput(key));
            }
            skipSpace();
            expect(':');
            skipSpace();
            Value member = value(depth + 1);
            v.members.push_back({std::move(key), std::move(member)});
            skipSpace();
            if (peek() == ',') {
                ++m_at;
                continue;
            }
            expect('}');
            return v;
        }
    }

    Value array(int depth)
    {
        Value v;
        v.kind = Value::Kind::Array;
        expect('[');
        skipSpace();
        if (peek() == ']') {
            ++m_at;
            return v;
        }
        for (;;) {
            skipSpace();
            v.items.push_back(value(depth + 1));
            skipSpace();
            if (peek() == ',') {
                ++m_at;
                continue;
            }
            expect(']');
            return v;
        }
    }

    unsigned hex4()
    {
        if (m_s.size() - m_at < 4)
            fail(trCore("Errors", "%1: a \\u escape needs four hex digits at byte %2"));
        unsigned u = 0;
        for (int k = 0; k < 4; ++k) {
            const char c = m_s[m_at++];
            u <<= 4;
            if (c >= '0' && c <= '9') u |= unsigned(c - '0');
            else if (c >= 'a' && c <= 'f') u |= unsigned(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') u |= unsigned(c - 'A' + 10);
            else
                fail(trCore("Errors", "%1: a \\u escape needs four hex digits at byte %2"));
        }
        return u;
    }

    static void appendUtf8(std::string& out, char32_t cp)
    {
        if (cp < 0x80) {
            out += char(cp);
        } else if (cp < 0x800) {
            out += char(0xC0 | (cp >> 6));
            out += char(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += char(0xE0 | (cp >> 12));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        } else {
            out += char(0xF0 | (cp >> 18));
            out += char(0x80 | ((cp >> 12) & 0x3F));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        }
    }

    // One UTF-8 sequence starting at m_at, strictly (RFC 3629): its length, or a failure.
    std::size_t utf8Length()
    {
        const auto b = [&](std::size_t k) { return static_cast<unsigned char>(m_s[m_at + k]); };
        const unsigned char c = b(0);
        std::size_t len = 0;
        char32_t cp = 0, min = 0;
        if (c < 0x80) return 1;
        if ((c & 0xE0) == 0xC0) len = 2, cp = c & 0x1F, min = 0x80;
        else if ((c & 0xF0) == 0xE0) len = 3, cp = c & 0x0F, min = 0x800;
        else if ((c & 0xF8) == 0xF0) len = 4, cp = c & 0x07, min = 0x10000;
        else
            fail(trCore("Errors", "%1: invalid UTF-8 at byte %2"));
        if (m_s.size() - m_at < len) fail(trCore("Errors", "%1: invalid UTF-8 (cut short) at byte %2"));
        for (std::size_t k = 1; k < len; ++k) {
            if ((b(k) & 0xC0) != 0x80) fail(trCore("Errors", "%1: invalid UTF-8 at byte %2"));
            cp = (cp << 6) | (b(k) & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            fail(trCore("Errors", "%1: invalid UTF-8 at byte %2"));
        return len;
    }

    std::string string()
    {
        expect('"');
        std::string out;
        for (;;) {
            if (atEnd()) fail(trCore("Errors", "%1: a string is not closed at byte %2"));
            const unsigned char c = static_cast<unsigned char>(m_s[m_at]);
            if (c == '"') {
                ++m_at;
                return out;
            }
            if (c < 0x20) fail(trCore("Errors", "%1: a control character inside a string at byte %2"));
            if (c == '\\') {
                ++m_at;
                if (atEnd()) fail(trCore("Errors", "%1: a string is not closed at byte %2"));
                const char e = m_s[m_at++];
                switch (e) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    char32_t cp = hex4();
                    if (cp >= 0xDC00 && cp <= 0xDFFF)
                        fail(trCore("Errors", "%1: a lone low surrogate at byte %2"));
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        if (m_s.substr(m_at, 2) != "\\u")
                            fail(trCore("Errors", "%1: a lone high surrogate at byte %2"));
                        m_at += 2;
                        const char32_t low = hex4();
                        if (low < 0xDC00 || low > 0xDFFF)
                            fail(trCore("Errors", "%1: a lone high surrogate at byte %2"));
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    }
                    appendUtf8(out, cp);
                    break;
                }
                default:
                    --m_at;
                    fail(trCore("Errors", "%1: an unknown escape at byte %2"));
                }
                continue;
            }
            const std::size_t len = utf8Length();
            out.append(m_s.substr(m_at, len));
            m_at += len;
        }
    }

    // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    std::string number()
    {
        const std::size_t begin = m_at;
        auto digits = [&] {
            const std::size_t start = m_at;
            while (!atEnd() && m_s[m_at] >= '0' && m_s[m_at] <= '9')
                ++m_at;
            return m_at > start;
        };
        if (peek() == '-') ++m_at;
        if (peek() == '0') ++m_at;
        else if (!digits())
            fail(trCore("Errors", "%1: not a JSON value at byte %2"));
        if (peek() == '.') {
            ++m_at;
            if (!digits()) fail(trCore("Errors", "%1: a number needs digits after its point at byte %2"));
        }
        if (peek() == 'e' || peek() == 'E') {
            ++m_at;
            if (peek() == '+' || peek() == '-') ++m_at;
            if (!digits()) fail(trCore("Errors", "%1: a number needs digits in its exponent at byte %2"));
        }
        return std::string(m_s.substr(begin, m_at - begin));
    }

    std::string_view m_s;
    const std::string& m_what;
    std::size_t m_at = 0;
};

} // namespace

const Value* Value::find(std::string_view key) const
{
    for (const auto& [k, v] : members)
        if (k == key) return &v;
    return nullptr;
}

std::optional<std::uint64_t> Value::asUnsigned() const
{
    if (kind != Kind::Number || text.empty() || text[0] == '-') return std::nullopt;
    std::uint64_t u = 0;
    const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), u);
    if (ec != std::errc() || p != text.data() + text.size()) return std::nullopt; // fraction, exponent, > 2⁶⁴
    return u;
}

std::optional<double> Value::asDouble() const
{
    if (kind != Kind::Number) return std::nullopt;
    double d = 0;
    const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
    if (ec != std::errc() || p != text.data() + text.size() || !std::isfinite(d)) return std::nullopt;
    return d;
}

std::string Value::kindName() const
{
    switch (kind) {
    case Kind::Null:
        return trCore("Errors", "null", "JSON kind");
    case Kind::Bool:
        return trCore("Errors", "a boolean", "JSON kind");
    case Kind::Number:
        return trCore("Errors", "a number", "JSON kind");
    case Kind::String:
        return trCore("Errors", "a string", "JSON kind");
    case Kind::Array:
        return trCore("Errors", "an array", "JSON kind");
    case Kind::Object:
        return trCore("Errors", "an object", "JSON kind");
    }
    return trCore("Errors", "a value", "JSON kind");
}

Value parse(std::string_view text, const std::string& what)
{
    return Parser(text, what).document();
}

} // namespace poslab::json
