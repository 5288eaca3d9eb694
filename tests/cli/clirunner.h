#pragma once

#include <string>
#include <vector>

namespace poslab::test {

struct CliResult
{
    int exitCode = -1; // -1 when the process did not exit normally (signal, timeout)
    std::string out;   // stdout, bytes as written
    std::string err;   // stderr
};

// Runs poslab-cli with these arguments (no shell involved), in `workdir` when given.
CliResult runCli(const std::vector<std::string>& args, const std::string& workdir = {});

// Non-empty lines of text.
std::vector<std::string> lines(const std::string& text);

// A table written as CSV: rows of numbers (inf, -inf and nan included). Throws on malformed text.
std::vector<std::vector<double>> parseCsv(const std::string& text);

} // namespace poslab::test
