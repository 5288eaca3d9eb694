#include "params.h"

#include "error.h"
#include "i18n.h"
#include "lablimits.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <system_error>

namespace poslab {

namespace {

std::string choiceList(const ParamSpec& spec)
{
    std::string s;
    for (std::size_t i = 0; i < spec.choices.size(); ++i)
        s += (i ? "|" : "") + spec.choices[i];
    return s;
}

// "rope: parameter 'base' must be a number in [1, 1e+12], got 'x'": one sentence a type, so that a
// translation words each whole.
Error badValue(const std::string& scheme, const ParamSpec& spec, const std::string& text)
{
    const std::string name = quoteInput(spec.name), got = quoteInput(text);
    switch (spec.type) {
    case ParamType::Int:
        return Error(fill(trCore("Errors", "%1: parameter %2 must be an integer in [%3, %4], got %5"),
                          {scheme, name, std::to_string(static_cast<long long>(spec.min)),
                           std::to_string(static_cast<long long>(spec.max)), got}));
    case ParamType::Real:
        return Error(fill(trCore("Errors", "%1: parameter %2 must be a number in [%3, %4], got %5"),
                          {scheme, name, formatReal(spec.min), formatReal(spec.max), got}));
    case ParamType::Bool:
        return Error(
            fill(trCore("Errors", "%1: parameter %2 must be true or false, got %3"), {scheme, name, got}));
    case ParamType::RealList:
        return Error(fill(
            trCore("Errors", "%1: parameter %2 must be comma-separated numbers, each in [%3, %4], got %5"),
            {scheme, name, formatReal(spec.min), formatReal(spec.max), got}));
    case ParamType::Choice:
        return Error(fill(trCore("Errors", "%1: parameter %2 must be one of %3, got %4"),
                          {scheme, name, choiceList(spec), got}));
    }
    return Error("internal: parameter type");
}

ParamValue parseValue(const std::string& scheme, const ParamSpec& spec, const std::string& text)
{
    auto fail = [&] { return badValue(scheme, spec, text); };
    switch (spec.type) {
    case ParamType::Int: {
        long long v = 0;
        const char* end = text.data() + text.size();
        auto [p, ec] = std::from_chars(text.data(), end, v);
        if (ec != std::errc() || p != end || text.empty())
            throw fail();
        if (static_cast<double>(v) < spec.min || static_cast<double>(v) > spec.max)
            throw fail();
        return v;
    }
    case ParamType::Real: {
        double v = 0.0;
        const char* end = text.data() + text.size();
        auto [p, ec] = std::from_chars(text.data(), end, v);
        if (ec != std::errc() || p != end || text.empty() || !std::isfinite(v))
            throw fail();
        if (v < spec.min || v > spec.max)
            throw fail();
        return v;
    }
    case ParamType::Bool:
        if (text == "true" || text == "1" || text == "yes" || text == "on")
            return true;
        if (text == "false" || text == "0" || text == "no" || text == "off")
            return false;
        throw fail();
    case ParamType::Choice:
        for (const auto& c : spec.choices)
            if (c == text)
                return text;
        throw fail();
    case ParamType::RealList: {
        std::vector<double> values;
        if (text.empty()) return values;
        std::size_t start = 0;
        while (true) {
            const std::size_t comma = std::min(text.find(',', start), text.size());
            std::size_t a = start, b = comma;
            while (a < b && text[a] == ' ')
                ++a;
            while (b > a && text[b - 1] == ' ')
                --b;
            double v = 0.0;
            auto [p, ec] = std::from_chars(text.data() + a, text.data() + b, v);
            if (a == b || ec != std::errc() || p != text.data() + b || !std::isfinite(v) || v < spec.min ||
                v > spec.max)
                throw Error(fill(trCore("Errors", "%1: parameter %2 must be comma-separated numbers, each in "
                                                  "[%3, %4], value %5 is %6"),
                                 {scheme, quoteInput(spec.name), formatReal(spec.min), formatReal(spec.max),
                                  std::to_string(values.size() + 1), quoteInput(text.substr(a, b - a))}));
            values.push_back(v);
            if (comma == text.size()) break;
            start = comma + 1;
        }
        return values;
    }
    }
    throw fail();
}

} // namespace

ParamSet ParamSet::parse(const std::string& scheme, const std::vector<ParamSpec>& specs, const RawParams& raw)
{
    ParamSet set;
    set.m_specs = specs;
    for (const auto& [key, text] : raw) {
        // No name or value is this long: refused before any parsing or lookup.
        const std::string most = std::to_string(kMaxParamChars);
        if (key.size() > kMaxParamChars)
            throw Error(fill(trCore("Errors", "%1: parameter %2 is longer than %3 characters"),
                             {scheme, quoteInput(key), most}));
        bool known = false, list = false;
        for (const auto& s : specs)
            if (s.name == key) {
                known = true;
                list = s.type == ParamType::RealList;
            }
        const std::size_t longest = list ? kMaxParamListChars : kMaxParamChars;
        if (text.size() > longest)
            throw Error(fill(trCore("Errors", "%1: parameter %2 has a value longer than %3 characters: %4"),
                             {scheme, quoteInput(key), std::to_string(longest), quoteInput(text)}));
        if (!known) {
            std::string names;
            for (const auto& s : specs)
                names += (names.empty() ? "" : ", ") + s.name;
            throw Error(names.empty() ? fill(trCore("Errors", "%1 has no parameter %2 (it takes none)"),
                                             {scheme, quoteInput(key)})
                                      : fill(trCore("Errors", "%1 has no parameter %2 (it takes: %3)"),
                                             {scheme, quoteInput(key), names}));
        }
    }
    for (const auto& s : specs) {
        auto it = raw.find(s.name);
        set.m_values[s.name] = parseValue(scheme, s, it == raw.end() ? s.defaultValue : it->second);
    }
    return set;
}

const ParamValue& ParamSet::at(const std::string& name) const
{
    auto it = m_values.find(name);
    if (it == m_values.end()) throw Error("internal: no parameter " + quoteInput(name));
    return it->second;
}

long long ParamSet::integer(const std::string& name) const { return std::get<long long>(at(name)); }
double ParamSet::real(const std::string& name) const { return std::get<double>(at(name)); }
bool ParamSet::boolean(const std::string& name) const { return std::get<bool>(at(name)); }
const std::string& ParamSet::choice(const std::string& name) const { return std::get<std::string>(at(name)); }
const std::vector<double>& ParamSet::reals(const std::string& name) const
{
    return std::get<std::vector<double>>(at(name));
}

std::vector<std::pair<std::string, std::string>> ParamSet::canonical() const
{
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& s : m_specs) {
        const ParamValue& v = at(s.name);
        std::string text;
        if (auto i = std::get_if<long long>(&v))
            text = std::to_string(*i);
        else if (auto d = std::get_if<double>(&v))
            text = formatReal(*d);
        else if (auto b = std::get_if<bool>(&v))
            text = *b ? "true" : "false";
        else if (auto list = std::get_if<std::vector<double>>(&v))
            for (std::size_t k = 0; k < list->size(); ++k)
                text += (k ? "," : "") + formatReal((*list)[k]);
        else
            text = std::get<std::string>(v);
        out.emplace_back(s.name, text);
    }
    return out;
}

std::string paramTypeName(ParamType type)
{
    switch (type) {
    case ParamType::Int: return "int";
    case ParamType::Real: return "real";
    case ParamType::Bool: return "bool";
    case ParamType::Choice: return "choice";
    case ParamType::RealList:
        return "reals";
    }
    return "?";
}

std::string formatReal(double value)
{
    char buf[64];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, value);
    return ec == std::errc() ? std::string(buf, p) : std::string("nan");
}

} // namespace poslab
