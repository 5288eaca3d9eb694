// --param KEY=VALUE as poslab-cli reads it: the command line of `compute` (CliArgs), the items into
// raw parameters (rawParams), then the request's one validation, which parses them against the
// scheme's specs (ParamSet::parse). Input: the first byte picks the scheme, then one --param item
// per line. Every input gets either one Error or a scheme whose values are in their specs' ranges
// and whose canonical text reads back to the same values.
#include "fuzzcheck.h"

#include <cliargs.h>
#include <error.h>
#include <modeloptions.h>
#include <params.h>
#include <request.h>
#include <scheme.h>
#include <validate.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace {

void checkValues(const poslab::Scheme& scheme)
{
    const poslab::ParamSet& set = scheme.params();
    for (const poslab::ParamSpec& spec : set.specs()) {
        switch (spec.type) {
        case poslab::ParamType::Int: {
            const auto v = static_cast<double>(set.integer(spec.name));
            FUZZ_CHECK(v >= spec.min && v <= spec.max);
            break;
        }
        case poslab::ParamType::Real: {
            const double v = set.real(spec.name);
            FUZZ_CHECK(std::isfinite(v) && v >= spec.min && v <= spec.max);
            break;
        }
        case poslab::ParamType::Bool:
            set.boolean(spec.name);
            break;
        case poslab::ParamType::Choice: {
            bool listed = false;
            for (const auto& c : spec.choices)
                listed = listed || c == set.choice(spec.name);
            FUZZ_CHECK(listed);
            break;
        }
        case poslab::ParamType::RealList:
            for (double v : set.reals(spec.name))
                FUZZ_CHECK(std::isfinite(v) && v >= spec.min && v <= spec.max);
            break;
        }
    }
    // Canonical text (JSON "params", titles, sessions) reads back to the same values.
    poslab::RawParams again;
    for (const auto& [key, text] : set.canonical())
        again[key] = text;
    const poslab::ParamSet reread = poslab::ParamSet::parse(scheme.info().name, set.specs(), again);
    FUZZ_CHECK(reread.canonical() == set.canonical());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0) return 0;
    static const std::vector<std::string> names = poslab::schemeNames();
    const std::string scheme = names[data[0] % names.size()];
    std::vector<std::string> args = {"--scheme", scheme, "--n", "6"};
    const std::string rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    std::size_t from = 0;
    while (from <= rest.size()) {
        const std::size_t eol = std::min(rest.find('\n', from), rest.size());
        args.push_back("--param");
        args.push_back(rest.substr(from, eol - from));
        from = eol + 1;
    }

    poslab::LabRequest request;
    try {
        const auto opts = poslab::cli::CliArgs::parse("compute", poslab::cli::modelOptionSpecs(), args);
        poslab::cli::fillModelOptions(opts, "compute", request);
        FUZZ_CHECK(request.scheme == scheme);
    } catch (const poslab::Error&) {
        return 0; // a malformed item: refused before any scheme sees it
    }
    bool accepted = false;
    try {
        poslab::validate(request, poslab::LabProduct::Table);
        accepted = true;
    } catch (const poslab::Error&) {
    }
    // The scheme itself agrees with the validation, and what it holds is in range.
    try {
        const auto made = poslab::makeScheme(request.scheme, request.params, request.model);
        FUZZ_CHECK(accepted);
        checkValues(*made);
    } catch (const poslab::Error&) {
        FUZZ_CHECK(!accepted);
    }
    return 0;
}
