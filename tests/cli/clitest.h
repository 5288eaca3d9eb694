#pragma once

#include "clirunner.h"
#include "jsonreader.h"
#include "npyreader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace poslab::test {

using Matrix = std::vector<std::vector<double>>;

inline std::string joined(const std::vector<std::string>& args)
{
    std::string s = "poslab-cli";
    for (const auto& a : args)
        s += " '" + a + "'";
    return s;
}

// Runs a command that must succeed; stderr must stay empty.
inline CliResult succeed(const std::vector<std::string>& args)
{
    CliResult r = runCli(args);
    EXPECT_EQ(r.exitCode, 0) << joined(args) << "\nstderr: " << r.err;
    EXPECT_EQ(r.err, "") << joined(args);
    return r;
}

inline Matrix csvOf(std::vector<std::string> args)
{
    args.insert(args.end(), {"--format", "csv"});
    return parseCsv(succeed(args).out);
}

inline JsonValue jsonOf(std::vector<std::string> args)
{
    args.insert(args.end(), {"--format", "json"});
    return parseJson(succeed(args).out);
}

inline std::vector<std::string> computeArgs(std::vector<std::string> args)
{
    args.insert(args.begin(), "compute");
    return args;
}

} // namespace poslab::test
