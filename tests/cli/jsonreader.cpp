#include "jsonreader.h"

#include <charconv>
#include <stdexcept>

namespace poslab::test {

namespace {

class Parser
{
  public:
    explicit Parser(const std::string& text) : m_s(text) {}

    JsonValue document()
    {
        JsonValue v = value();
        skipSpace();
        if (m_pos != m_s.size()) fail("trailing characters");
        return v;
    }

  private:
    [[noreturn]] void fail(const std::string& why) const
    {
        throw std::runtime_error("JSON: " + why + " at byte " + std::to_string(m_pos));
    }

    void skipSpace()
    {
        while (m_pos < m_s.size() &&
               (m_s[m_pos] == ' ' || m_s[m_pos] == '\n' || m_s[m_pos] == '\r' || m_s[m_pos] == '\t'))
            ++m_pos;
    }

    bool consume(char c)
    {
        skipSpace();
        if (m_pos < m_s.size() && m_s[m_pos] == c) {
            ++m_pos;
            return true;
        }
        return false;
    }

    void expect(char c)
    {
        if (!consume(c)) fail(std::string("expected '") + c + "'");
    }

    void literal(const char* word)
    {
        const std::string w(word);
        if (m_s.compare(m_pos, w.size(), w) != 0) fail("bad literal");
        m_pos += w.size();
    }

    JsonValue value()
    {
        skipSpace();
        if (m_pos >= m_s.size()) fail("unexpected end");
        JsonValue v;
        const char c = m_s[m_pos];
        if (c == '{') {
            v.type = JsonValue::Type::Object;
            ++m_pos;
            if (consume('}')) return v;
            do {
                skipSpace();
                if (m_pos >= m_s.size() || m_s[m_pos] != '"') fail("expected a key");
                std::string key = string();
                expect(':');
                v.members.emplace_back(std::move(key), value());
            } while (consume(','));
            expect('}');
        } else if (c == '[') {
            v.type = JsonValue::Type::Array;
            ++m_pos;
            if (consume(']')) return v;
            do
                v.items.push_back(value());
            while (consume(','));
            expect(']');
        } else if (c == '"') {
            v.type = JsonValue::Type::String;
            v.text = string();
        } else if (c == 't') {
            literal("true");
            v.type = JsonValue::Type::Bool;
            v.boolean = true;
        } else if (c == 'f') {
            literal("false");
            v.type = JsonValue::Type::Bool;
        } else if (c == 'n') {
            literal("null");
        } else {
            v.type = JsonValue::Type::Number;
            v.text = numberText();
            auto [p, ec] = std::from_chars(v.text.data(), v.text.data() + v.text.size(), v.number);
            if (ec != std::errc() || p != v.text.data() + v.text.size()) fail("bad number");
        }
        return v;
    }

    // JSON's grammar exactly: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    std::string numberText()
    {
        const std::size_t start = m_pos;
        auto digits = [&] {
            const std::size_t from = m_pos;
            while (m_pos < m_s.size() && m_s[m_pos] >= '0' && m_s[m_pos] <= '9')
                ++m_pos;
            if (m_pos == from) fail("expected a digit");
        };
        if (m_s[m_pos] == '-') ++m_pos;
        if (m_pos < m_s.size() && m_s[m_pos] == '0')
            ++m_pos;
        else
            digits();
        if (m_pos < m_s.size() && m_s[m_pos] == '.') {
            ++m_pos;
            digits();
        }
        if (m_pos < m_s.size() && (m_s[m_pos] == 'e' || m_s[m_pos] == 'E')) {
            ++m_pos;
            if (m_pos < m_s.size() && (m_s[m_pos] == '+' || m_s[m_pos] == '-')) ++m_pos;
            digits();
        }
        return m_s.substr(start, m_pos - start);
    }

    unsigned hex4()
    {
        if (m_pos + 4 > m_s.size()) fail("short \\u escape");
        unsigned v = 0;
        auto [p, ec] = std::from_chars(m_s.data() + m_pos, m_s.data() + m_pos + 4, v, 16);
        if (ec != std::errc() || p != m_s.data() + m_pos + 4) fail("bad \\u escape");
        m_pos += 4;
        return v;
    }

    static void appendUtf8(std::string& out, unsigned cp)
    {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xc0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3f));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xe0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
            out += static_cast<char>(0x80 | (cp & 0x3f));
        } else {
            out += static_cast<char>(0xf0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
            out += static_cast<char>(0x80 | (cp & 0x3f));
        }
    }

    std::string string()
    {
        ++m_pos; // opening quote
        std::string out;
        while (true) {
            if (m_pos >= m_s.size()) fail("unterminated string");
            const auto c = static_cast<unsigned char>(m_s[m_pos++]);
            if (c == '"') return out;
            if (c < 0x20) fail("raw control character in string");
            if (c != '\\') {
                out += static_cast<char>(c);
                continue;
            }
            if (m_pos >= m_s.size()) fail("unterminated escape");
            const char e = m_s[m_pos++];
            switch (e) {
            case '"':
                out += '"';
                break;
            case '\\':
                out += '\\';
                break;
            case '/':
                out += '/';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'u': {
                unsigned cp = hex4();
                if (cp >= 0xd800 && cp < 0xdc00) {
                    if (m_s.compare(m_pos, 2, "\\u") != 0) fail("lone surrogate");
                    m_pos += 2;
                    const unsigned low = hex4();
                    if (low < 0xdc00 || low >= 0xe000) fail("bad surrogate pair");
                    cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
                }
                appendUtf8(out, cp);
                break;
            }
            default:
                fail("bad escape");
            }
        }
    }

    const std::string& m_s;
    std::size_t m_pos = 0;
};

} // namespace

bool JsonValue::has(const std::string& key) const
{
    for (const auto& [k, v] : members)
        if (k == key) return true;
    return false;
}

const JsonValue& JsonValue::operator[](const std::string& key) const
{
    for (const auto& [k, v] : members)
        if (k == key) return v;
    throw std::runtime_error("JSON: no key '" + key + "'");
}

const JsonValue& JsonValue::operator[](std::size_t index) const
{
    if (index >= items.size())
        throw std::runtime_error("JSON: index " + std::to_string(index) + " out of range");
    return items[index];
}

std::vector<std::string> JsonValue::keys() const
{
    std::vector<std::string> out;
    for (const auto& [k, v] : members)
        out.push_back(k);
    return out;
}

JsonValue parseJson(const std::string& text)
{
    return Parser(text).document();
}

} // namespace poslab::test
