#include "cliargs.h"

#include "error.h"

#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>
#include <map>
#include <system_error>

namespace poslab::cli {

namespace {

std::size_t editDistance(const std::string& a, const std::string& b)
{
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

} // namespace

std::string flagFor(const std::string& field, const std::string& command)
{
    if (field == "cell.i" || field == "cell.j")
        return command == "explain" ? (field == "cell.i" ? "--i" : "--j") : "--cell";
    static const std::map<std::string, std::string> flags = {{"positions", "--n"},
                                                             {"text", "--text"},
                                                             {"tokenizer", "--tokenizer"},
                                                             {"start", "--start"},
                                                             {"scheme", "--scheme"},
                                                             {"params", "--param"},
                                                             {"d_model", "--d-model"},
                                                             {"heads", "--heads"},
                                                             {"causal", "--causal"},
                                                             {"seed", "--seed"},
                                                             {"lambda", "--lambda"},
                                                             {"temperature", "--temperature"},
                                                             {"engine", "--engine"},
                                                             {"dtype", "--dtype"},
                                                             {"threads", "--threads"},
                                                             {"matrix", "--what"},
                                                             {"head", "--head"},
                                                             {"range", "--range"},
                                                             {"compare.scheme", "--compare-scheme"},
                                                             {"compare.shift", "--shift"},
                                                             {"pool", "--pool"},
                                                             {"pool.mode", "--pool-mode"},
                                                             {"region.rows", "--rows"},
                                                             {"region.keys", "--keys"},
                                                             {"head_dim", "--head-dim"},
                                                             {"repeats", "--repeats"}};
    const auto it = flags.find(field);
    return it != flags.end() ? it->second : "--" + field;
}

std::string describe(const FieldError& error, const std::string& command)
{
    return error.renderRange([&](const std::string& field) { return flagFor(field, command); });
}

std::string didYouMean(const std::string& given, const std::vector<std::string>& candidates)
{
    const std::string* best = nullptr;
    std::size_t bestDistance = 3; // more than two edits away is no longer a typo
    for (const auto& c : candidates) {
        // The distance is at least the difference in length: a long value is no typo, and this keeps
        // the quadratic distance off it.
        if (std::max(given.size(), c.size()) - std::min(given.size(), c.size()) >= bestDistance) continue;
        const std::size_t d = editDistance(given, c);
        if (d < bestDistance) {
            bestDistance = d;
            best = &c;
        }
    }
    return best ? " (did you mean " + quoteInput(*best) + "?)" : std::string();
}

CliArgs CliArgs::parse(const std::string& command, const std::vector<OptionSpec>& specs,
                       const std::vector<std::string>& args)
{
    CliArgs out;
    const std::string seeHelp = " (see 'poslab-cli " + command + " --help')";
    for (std::size_t k = 0; k < args.size(); ++k) {
        const std::string& arg = args[k];
        if (arg == "-h" || arg == "--help") {
            out.m_help = true;
            return out;
        }
        if (arg.size() < 3 || arg.compare(0, 2, "--") != 0) {
            if (arg.size() > 1 && arg[0] == '-')
                throw Error("unknown option " + quoteInput(arg) + " for " + command + seeHelp);
            throw Error("unexpected argument " + quoteInput(arg) + " for " + command + seeHelp);
        }
        const std::size_t eq = arg.find('=');
        const std::string name = arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
        const auto spec =
            std::find_if(specs.begin(), specs.end(), [&](const auto& s) { return s.name == name; });
        if (spec == specs.end()) {
            std::vector<std::string> known;
            for (const auto& s : specs)
                known.push_back("--" + s.name);
            const std::string hint = didYouMean("--" + name, known);
            throw Error("unknown option " + quoteInput("--" + name) + " for " + command +
                        (hint.empty() ? seeHelp : hint));
        }
        std::string value;
        if (!spec->takesValue) {
            if (eq != std::string::npos) throw Error("option " + quoteInput("--" + name) + " takes no value");
        } else if (eq != std::string::npos) {
            value = arg.substr(eq + 1);
        } else if (k + 1 < args.size()) {
            value = args[++k];
        } else {
            throw Error("option " + quoteInput("--" + name) + " needs a value" + seeHelp);
        }
        auto& slot = out.m_values[name];
        if (!slot.empty() && !spec->repeatable)
            throw Error("option " + quoteInput("--" + name) + " is given more than once");
        slot.push_back(value);
    }
    return out;
}

std::optional<std::string> CliArgs::value(const std::string& name) const
{
    auto it = m_values.find(name);
    if (it == m_values.end() || it->second.empty()) return std::nullopt;
    return it->second.back();
}

std::vector<std::string> CliArgs::values(const std::string& name) const
{
    auto it = m_values.find(name);
    return it == m_values.end() ? std::vector<std::string>() : it->second;
}

int parseIntOption(const std::string& option, const std::string& text, int min, int max)
{
    long long v = 0;
    const char* end = text.data() + text.size();
    auto [p, ec] = std::from_chars(text.data(), end, v);
    if (text.empty() || p != end || (ec != std::errc() && ec != std::errc::result_out_of_range))
        throw Error("--" + option + " expects an integer, got " + quoteInput(text));
    if (ec == std::errc::result_out_of_range || v < INT_MIN || v > INT_MAX)
        throw Error("--" + option + " is out of range, got " + quoteInput(text));
    if (v < min || v > max)
        throw Error("--" + option + " must be between " + std::to_string(min) + " and " +
                    std::to_string(max) + ", got " + std::to_string(v));
    return static_cast<int>(v);
}

std::uint64_t parseUnsignedOption(const std::string& option, const std::string& text)
{
    std::uint64_t v = 0;
    const char* end = text.data() + text.size();
    auto [p, ec] = std::from_chars(text.data(), end, v);
    if (text.empty() || p != end || (ec != std::errc() && ec != std::errc::result_out_of_range))
        throw Error("--" + option + " expects a non-negative integer, got " + quoteInput(text));
    if (ec == std::errc::result_out_of_range)
        throw Error("--" + option + " must be at most 18446744073709551615, got " + quoteInput(text));
    return v;
}

double parseRealOption(const std::string& option, const std::string& text)
{
    double v = 0.0;
    const char* end = text.data() + text.size();
    auto [p, ec] = std::from_chars(text.data(), end, v);
    if (text.empty() || p != end || ec != std::errc() || !std::isfinite(v))
        throw Error("--" + option + " expects a finite number, got " + quoteInput(text));
    return v;
}

} // namespace poslab::cli
