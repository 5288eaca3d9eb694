#include "error.h"

#include "i18n.h"

namespace poslab {

namespace {

std::string substitute(const std::string& text, const FieldError::Namer& name)
{
    std::string out;
    std::size_t at = 0;
    for (;;) {
        const std::size_t open = text.find('{', at);
        if (open != std::string::npos && open + 1 < text.size() && text[open + 1] == '{') {
            out.append(text, at, open + 1 - at);
            at = open + 2;
            continue;
        }
        const std::size_t close = open == std::string::npos ? open : text.find('}', open);
        if (close == std::string::npos) break;
        out.append(text, at, open - at).append(name(text.substr(open + 1, close - open - 1)));
        at = close + 1;
    }
    return out.append(text, at);
}

} // namespace

FieldError::FieldError(std::string field, std::string text, std::optional<Bounds> bounds)
    : Error(substitute(text, coreFieldName)), m_field(std::move(field)), m_text(std::move(text)),
      m_bounds(bounds)
{
}

std::string FieldError::render(const Namer& name) const
{
    return substitute(m_text, name);
}

std::string FieldError::renderRange(const Namer& name) const
{
    if (!m_bounds) return render(name);
    return fill(trCore("Errors", "%1 must be between %2 and %3, got %4"),
                {name(m_field), std::to_string(m_bounds->lo), std::to_string(m_bounds->hi),
                 std::to_string(m_bounds->value)});
}

std::string FieldError::literal(const std::string& text)
{
    std::string out;
    for (char c : text) {
        if (c == '{') out += '{';
        out += c;
    }
    return out;
}

std::string quoteInput(std::string_view value, std::size_t most)
{
    auto continuation = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; };
    std::size_t chars = 0;
    for (char c : value)
        chars += continuation(c) ? 0 : 1;
    std::string out = "'";
    std::size_t shown = 0, k = 0;
    for (; k < value.size(); ++k) {
        const char c = value[k];
        if (!continuation(c) && shown++ == most) break;
        const auto u = static_cast<unsigned char>(c);
        if (c == '\n')
            out += "\\n";
        else if (c == '\t')
            out += "\\t";
        else if (c == '\r')
            out += "\\r";
        else if (u < 0x20 || u == 0x7F) {
            static const char hex[] = "0123456789abcdef";
            out += "\\x";
            out += hex[u >> 4];
            out += hex[u & 15];
        } else {
            out += c;
        }
    }
    if (k == value.size()) return out + "'";
    return out + "\u2026' (" + std::to_string(chars) + " characters)";
}

std::string coreFieldName(const std::string& field)
{
    if (field == "compare.scheme") return "compare scheme";
    if (field == "compare.shift") return "shift";
    if (field == "cell.i") return "i";
    if (field == "cell.j") return "j";
    if (field == "pool.mode") return "pool mode";
    if (field == "region.rows") return "region rows";
    if (field == "region.keys") return "region keys";
    if (field == "positions_only") return "positions only";
    return field;
}

FieldError outOfRange(const std::string& field, long long value, long long lo, long long hi,
                      const std::string& note)
{
    const std::string name = "{" + field + "}", low = std::to_string(lo), high = std::to_string(hi),
                      got = std::to_string(value);
    const std::string text =
        note.empty() ? fill(trCore("Errors", "%1 must be between %2 and %3, got %4"), {name, low, high, got})
                     : fill(trCore("Errors", "%1 must be between %2 and %3 (%4), got %5"),
                            {name, low, high, note, got});
    return FieldError(field, text, FieldError::Bounds{lo, hi, value});
}

} // namespace poslab
