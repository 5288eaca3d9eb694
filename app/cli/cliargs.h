#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace poslab {
class FieldError;
}

namespace poslab::cli {

struct OptionSpec
{
    std::string name;        // without the leading "--"
    bool takesValue = true;  // false for flags such as --causal
    bool repeatable = false; // --param KEY=VALUE may repeat
};

// The parsed command line of one command: `--name value`, `--name=value` and flags.
// Any unknown, repeated or value-less option is a poslab::Error with a hint.
class CliArgs
{
  public:
    static CliArgs parse(const std::string& command, const std::vector<OptionSpec>& specs,
                         const std::vector<std::string>& args);

    bool helpRequested() const { return m_help; }
    bool has(const std::string& name) const { return m_values.count(name) != 0; }
    std::optional<std::string> value(const std::string& name) const;
    std::vector<std::string> values(const std::string& name) const;

  private:
    bool m_help = false;
    std::map<std::string, std::vector<std::string>> m_values;
};

// Strict conversions: the whole text must be a number in range, else Error naming the option.
int parseIntOption(const std::string& option, const std::string& text, int min, int max);
std::uint64_t parseUnsignedOption(const std::string& option, const std::string& text);
double parseRealOption(const std::string& option, const std::string& text);

// A request field in the words of `command`'s options: "pool" -> "--pool", "matrix" -> "--what",
// "cell.i" -> "--i" (explain) or "--cell" (figure).
std::string flagFor(const std::string& field, const std::string& command);
// A core FieldError as poslab-cli says it: ranges as "--head must be between 0 and 3, got 5".
std::string describe(const FieldError& error, const std::string& command);

// " (did you mean 'x'?)" for the nearest candidate within a small edit distance, else "".
std::string didYouMean(const std::string& given, const std::vector<std::string>& candidates);

} // namespace poslab::cli
