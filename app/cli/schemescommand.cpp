// `poslab-cli schemes`: the registry's self-description, as text for people or JSON for scripts.

#include "cliargs.h"
#include "commands.h"
#include "jsontext.h"

#include "error.h"
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

// Display width in code points; every name and heading here is narrow text.
std::size_t width(const std::string& s)
{
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }));
}

std::string padded(const std::string& s, std::size_t w)
{
    const std::size_t have = width(s);
    return have >= w ? s : s + std::string(w - have, ' ');
}

// Wraps at spaces so that each line, after `indent` columns, stays within kWrapWidth.
std::string wrapped(const std::string& text, std::size_t indent)
{
    std::string out, line;
    std::size_t start = 0;
    const std::size_t limit = kWrapWidth > indent + 20 ? kWrapWidth - indent : 20;
    while (start <= text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        const std::string word = text.substr(start, end - start);
        if (!line.empty() && width(line) + 1 + width(word) > limit) {
            out += line + "\n" + std::string(indent, ' ');
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
        start = end + 1;
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

std::string schemesText()
{
    std::string out;
    std::size_t wName = 0, wKind = 0;
    for (const auto& name : schemeNames()) {
        wName = std::max(wName, width(name));
        wKind = std::max(wKind, width(schemeKindName(describeScheme(name).kind)));
    }
    for (const auto& name : schemeNames()) {
        const SchemeInfo& info = describeScheme(name);
        out +=
            padded(info.name, wName + 2) + padded(schemeKindName(info.kind), wKind + 2) + info.title + "\n";
        out += "    formula:  " + wrapped(info.formula, 14) + "\n";
        out += "    paper:    " + wrapped(info.paper, 14) + "\n";
        out += "    notes:    " + wrapped(info.notes, 14) + "\n";
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
                out += left + wrapped(p.doc, width(left)) + "\n";
            } else {
                out += left + rangeText(p) + "\n" + std::string(kDocIndent, ' ') +
                       wrapped(p.doc, kDocIndent) + "\n";
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
               ",\"title\":" + jsonString(info.title) + ",\"formula\":" + jsonString(info.formula) +
               ",\"paper\":" + jsonString(info.paper) + ",\"notes\":" + jsonString(info.notes) +
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
            out += ",\"doc\":" + jsonString(p.doc) + "}";
        }
        out += "]}";
    }
    out += "\n]}\n";
    return out;
}

} // namespace

std::string schemesUsage()
{
    return "Usage: poslab-cli schemes [--format text|json]\n"
           "\n"
           "Lists every positional-encoding scheme with its formula, paper, notes and parameters.\n"
           "\n"
           "Options:\n"
           "  --format text|json   output format (default: text)\n"
           "  -h, --help           show this help\n";
}

std::string runSchemes(const std::vector<std::string>& args)
{
    const CliArgs opts = CliArgs::parse("schemes", {{"format"}}, args);
    if (opts.helpRequested()) return schemesUsage();
    const std::string format = opts.value("format").value_or("text");
    if (format == "text") return schemesText();
    if (format == "json") return schemesJson();
    throw Error("unknown format " + quoteInput(format) + " for schemes (expected text or json)");
}

} // namespace poslab::cli
