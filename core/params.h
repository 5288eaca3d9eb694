#pragma once

#include <map>
#include <string>
#include <variant>
#include <vector>

namespace poslab {

enum class ParamType
{
    Int,
    Real,
    Bool,
    Choice,
    RealList
};

// One documented parameter of a scheme. Front ends build their forms and help text from these,
// so a new scheme needs no GUI or CLI code.
struct ParamSpec
{
    std::string name;
    ParamType type = ParamType::Real;
    std::string defaultValue;           // as the user would type it
    double min = 0.0;                   // inclusive bounds for Int and Real (each value of a RealList)
    double max = 0.0;
    std::vector<std::string> choices;   // for Choice
    std::string doc;                    // one line
};

// RealList: comma-separated numbers typed as "1,1.5,2"; empty text is the empty list.
using ParamValue = std::variant<long long, double, bool, std::string, std::vector<double>>;

// What the user typed, key -> text, before validation.
using RawParams = std::map<std::string, std::string>;

// Validated values for every spec (defaults filled in). Built only by parse().
class ParamSet
{
public:
    // Throws poslab::Error naming the scheme, key and accepted range on any bad or unknown key.
    static ParamSet parse(const std::string& scheme, const std::vector<ParamSpec>& specs, const RawParams& raw);

    long long integer(const std::string& name) const;
    double real(const std::string& name) const;
    bool boolean(const std::string& name) const;
    const std::string& choice(const std::string& name) const;
    const std::vector<double>& reals(const std::string& name) const;

    // Canonical text of every value, in spec order (for JSON "params" and window titles).
    std::vector<std::pair<std::string, std::string>> canonical() const;
    const std::vector<ParamSpec>& specs() const { return m_specs; }

private:
    const ParamValue& at(const std::string& name) const;
    std::vector<ParamSpec> m_specs;
    std::map<std::string, ParamValue> m_values;
};

std::string paramTypeName(ParamType type);
std::string formatReal(double value);   // shortest text that reads back to the same double

} // namespace poslab
