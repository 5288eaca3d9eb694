// `poslab-cli schemes`: the registry's self-description, as text for people or JSON for scripts.

#include "cliargs.h"
#include "commands.h"
#include "jsontext.h"

#include "error.h"
#include "i18n.h"
#include "params.h"
#include "scheme.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace poslab::cli {

namespace {

constexpr std::size_t kWrapWidth = 100;
// A parameter's doc beside its columns when at least this much room is left; otherwise (rope's
// many long columns) every doc of the scheme goes on its own lines under its parameter.
constexpr std::size_t kMinDocWidth = 40;
constexpr std::size_t kDocIndent = 10;

// The code point of the UTF-8 sequence at s[k] and its length.
char32_t codePoint(const std::string& s, std::size_t k, std::size_t* length)
{
    const auto b = static_cast<unsigned char>(s[k]);
    const std::size_t n = b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
    char32_t cp = n == 1 ? b : n == 2 ? b & 0x1f : n == 3 ? b & 0x0f : b & 0x07;
    for (std::size_t i = 1; i < n && k + i < s.size(); ++i)
        cp = (cp << 6) | (static_cast<unsigned char>(s[k + i]) & 0x3f);
    *length = std::min(n, s.size() - k);
    return cp;
}

// East Asian wide and full-width characters take two columns of a terminal (--lang zh_CN).
bool isWide(char32_t cp)
{
    return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
           (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
           (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6);
}

// Full-width punctuation that may not begin a line: it stays with the character before it.
bool closesLine(char32_t cp)
{
    return cp == U'\uff0c' || cp == U'\u3002' || cp == U'\uff1a' || cp == U'\uff1b' || cp == U'\uff09' ||
           cp == U'\u3001' || cp == U'\uff01' || cp == U'\uff1f' || cp == U'\u300d' || cp == U'\u300f';
}

// Full-width punctuation that may not end a line: it stays with the character after it.
bool opensLine(char32_t cp)
{
    return cp == U'\uff08' || cp == U'\u300c' || cp == U'\u300e' || cp == U'\u201c';
}

// Display width in terminal columns.
std::size_t width(const std::string& s)
{
    std::size_t columns = 0;
    for (std::size_t k = 0, n = 0; k < s.size(); k += n)
        columns += isWide(codePoint(s, k, &n)) ? 2 : 1;
    return columns;
}

std::string padded(const std::string& s, std::size_t w)
{
    const std::size_t have = width(s);
    return have >= w ? s : s + std::string(w - have, ' ');
}

// Wraps so that each line, after `indent` columns, stays within kWrapWidth: at spaces, and between
// two wide characters (Chinese has no spaces between words). A full-width comma or full stop stays
// with the character before it, an opening bracket with the one after it.
std::string wrapped(const std::string& text, std::size_t indent)
{
    struct Piece
    {
        std::string text;
        bool spaced = false; // a space before it when it does not begin a line
    };
    std::vector<Piece> pieces;
    bool space = false;       // a space since the last character
    bool afterNarrow = false; // the last character was narrow text: more narrow text joins it
    bool afterOpen = false;   // the last character was an opening bracket: anything joins it
    for (std::size_t k = 0, n = 0; k < text.size(); k += n) {
        const char32_t cp = codePoint(text, k, &n);
        const std::string ch = text.substr(k, n);
        if (cp == U' ') {
            space = true;
            continue;
        }
        const bool wide = isWide(cp);
        if (!pieces.empty() && !space && (afterOpen || (wide ? closesLine(cp) : afterNarrow)))
            pieces.back().text += ch;
        else
            pieces.push_back({ch, space && !pieces.empty()});
        space = false;
        afterNarrow = !wide;
        afterOpen = wide && opensLine(cp);
    }
    std::string out, line;
    const std::size_t limit = kWrapWidth > indent + 20 ? kWrapWidth - indent : 20;
    for (const Piece& p : pieces) {
        if (!line.empty() && width(line) + (p.spaced ? 1 : 0) + width(p.text) > limit) {
            out += line + "\n" + std::string(indent, ' ');
            line.clear();
        }
        line += (line.empty() || !p.spaced ? "" : " ") + p.text;
    }
    return out + line;
}

std::string boundText(const ParamSpec& p, double v)
{
    if (p.type == ParamType::Int && std::isfinite(v) && std::abs(v) < 9.0e15)
        return std::to_string(static_cast<long long>(v));
    return formatReal(v);
}

std::string rangeText(const ParamSpec& p)
{
    switch (p.type) {
    case ParamType::Int:
    case ParamType::Real:
        return "in [" + boundText(p, p.min) + ", " + boundText(p, p.max) + "]";
    case ParamType::RealList:
        return "list, each in [" + boundText(p, p.min) + ", " + boundText(p, p.max) + "]";
    case ParamType::Bool:
        return "true|false";
    case ParamType::Choice: {
        std::string s;
        for (const auto& c : p.choices)
            s += (s.empty() ? "" : "|") + c;
        return s;
    }
    }
    return {};
}

// The scheme's words in the language of --lang (core marks them with POSLAB_TR_NOOP; without a
// translator they are the English source). Names, kinds in JSON, formulas and papers stay.
std::string kindText(const SchemeInfo& info)
{
    return trCore("SchemeKind", schemeKindName(info.kind).c_str());
}
std::string titleText(const SchemeInfo& info)
{
    return trCore("Scheme", info.title.c_str());
}
std::string notesText(const SchemeInfo& info)
{
    return trCore("SchemeNotes", info.notes.c_str());
}
std::string docText(const ParamSpec& p)
{
    return trCore("SchemeParam", p.doc.c_str());
}

std::string schemesText()
{
    std::string out;
    std::size_t wName = 0, wKind = 0;
    for (const auto& name : schemeNames()) {
        wName = std::max(wName, width(name));
        wKind = std::max(wKind, width(kindText(describeScheme(name))));
    }
    for (const auto& name : schemeNames()) {
        const SchemeInfo& info = describeScheme(name);
        out += padded(info.name, wName + 2) + padded(kindText(info), wKind + 2) + titleText(info) + "\n";
        out += "    formula:  " + wrapped(info.formula, 14) + "\n";
        out += "    paper:    " + wrapped(info.paper, 14) + "\n";
        out += "    notes:    " + wrapped(notesText(info), 14) + "\n";
        if (info.params.empty()) {
            out += "    parameters: none\n\n";
            continue;
        }
        out += "    parameters:\n";
        std::size_t wName = 0, wType = 0, wDefault = 0, wRange = 0;
        for (const auto& p : info.params) {
            wName = std::max(wName, width(p.name));
            wType = std::max(wType, width(paramTypeName(p.type)));
            wDefault = std::max(wDefault, width(p.defaultValue));
            wRange = std::max(wRange, width(rangeText(p)));
        }
        const std::size_t wLeft = 6 + wName + 2 + wType + 2 + wDefault + 4 + wRange + 2;
        const bool beside = wLeft + kMinDocWidth <= kWrapWidth;
        for (const auto& p : info.params) {
            std::string left = "      " + padded(p.name, wName + 2) +
                               padded(paramTypeName(p.type), wType + 2) +
                               padded("= " + p.defaultValue, wDefault + 4);
            if (beside) {
                left += padded(rangeText(p), wRange + 2);
                out += left + wrapped(docText(p), width(left)) + "\n";
            } else {
                out += left + rangeText(p) + "\n" + std::string(kDocIndent, ' ') +
                       wrapped(docText(p), kDocIndent) + "\n";
            }
        }
        out += "\n";
    }
    return out;
}

// A default as the JSON value of its type; text that does not read as its type stays a string.
std::string defaultJson(const ParamSpec& p)
{
    const std::string& t = p.defaultValue;
    const char* end = t.data() + t.size();
    if (p.type == ParamType::Int) {
        long long v = 0;
        auto [ptr, ec] = std::from_chars(t.data(), end, v);
        if (ec == std::errc() && ptr == end && !t.empty()) return std::to_string(v);
    } else if (p.type == ParamType::Real) {
        double v = 0.0;
        auto [ptr, ec] = std::from_chars(t.data(), end, v);
        if (ec == std::errc() && ptr == end && !t.empty() && std::isfinite(v)) return jsonNumber(v);
    } else if (p.type == ParamType::Bool && (t == "true" || t == "false")) {
        return t;
    }
    return jsonString(t);
}

std::string boundJson(const ParamSpec& p, double v)
{
    return std::isfinite(v) ? boundText(p, v) : "null";
}

std::string schemesJson()
{
    std::string out = "{\"schemes\":[";
    bool firstScheme = true;
    for (const auto& name : schemeNames()) {
        const SchemeInfo& info = describeScheme(name);
        out += firstScheme ? "\n" : ",\n";
        firstScheme = false;
        out += "{\"name\":" + jsonString(info.name) + ",\"kind\":" + jsonString(schemeKindName(info.kind)) +
               ",\"title\":" + jsonString(titleText(info)) + ",\"formula\":" + jsonString(info.formula) +
               ",\"paper\":" + jsonString(info.paper) + ",\"notes\":" + jsonString(notesText(info)) +
               ",\"params\":[";
        for (std::size_t k = 0; k < info.params.size(); ++k) {
            const ParamSpec& p = info.params[k];
            out += k ? "," : "";
            out += "{\"name\":" + jsonString(p.name) + ",\"type\":" + jsonString(paramTypeName(p.type)) +
                   ",\"default\":" + defaultJson(p);
            if (p.type == ParamType::Int || p.type == ParamType::Real || p.type == ParamType::RealList)
                out += ",\"min\":" + boundJson(p, p.min) + ",\"max\":" + boundJson(p, p.max);
            if (p.type == ParamType::Choice) {
                out += ",\"choices\":[";
                for (std::size_t c = 0; c < p.choices.size(); ++c) {
                    if (c) out += ',';
                    out += jsonString(p.choices[c]);
                }
                out += "]";
            }
            out += ",\"doc\":" + jsonString(docText(p)) + "}";
        }
        out += "]}";
    }
    out += "\n]}\n";
    return out;
}

} // namespace

std::string schemesUsage()
{
    return "Usage: poslab-cli schemes [--format text|json] [--lang en|zh_CN]\n"
           "\n"
           "Lists every positional-encoding scheme with its formula, paper, notes and parameters.\n"
           "\n"
           "Options:\n"
           "  --format text|json   output format (default: text)\n"
           "  --lang CODE          titles, notes and parameter help in en (default) or zh_CN; names,\n"
           "                       kinds in JSON, types, defaults, formulas and papers stay as they are\n"
           "  -h, --help           show this help\n";
}

std::string runSchemes(const std::vector<std::string>& args)
{
    const CliArgs opts = CliArgs::parse("schemes", {{"format"}, {"lang"}}, args);
    if (opts.helpRequested()) return schemesUsage();
    const std::string format = opts.value("format").value_or("text");
    if (auto lang = opts.value("lang")) setLanguage(*lang);
    if (format == "text") return schemesText();
    if (format == "json") return schemesJson();
    throw Error("unknown format " + quoteInput(format) + " for schemes (expected text or json)");
}

} // namespace poslab::cli
