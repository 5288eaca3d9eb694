// `poslab-cli explain`: the worked example for one pair (i, j), as text, Markdown or JSON.

#include "cliargs.h"
#include "commands.h"
#include "modeloptions.h"

#include "atomicfile.h"
#include "error.h"
#include "explain.h"
#include "lab.h"
#include "table.h"

#include <climits>

namespace poslab::cli {

namespace {

const std::vector<OptionSpec>& explainOptions()
{
    static const std::vector<OptionSpec> specs = [] {
        std::vector<OptionSpec> v = modelOptionSpecs();
        v.insert(v.end(), {{"i"}, {"j"}, {"head"}, {"format"}, {"out"}, {"lang"}, {"seed-article", false}});
        return v;
    }();
    return specs;
}

} // namespace

std::string explainUsage()
{
    return "Usage: poslab-cli explain --scheme NAME --i I --j J [--head K] [--param KEY=VALUE]...\n"
           "                          (--text \"...\" [--tokenizer word|char] | --n N)\n"
           "                          [--d-model D] [--heads H] [--causal] [--seed S]\n"
           "                          [--lambda L] [--temperature T]\n"
           "                          [--format text|markdown|json] [--out FILE] [--lang en|zh_CN]\n"
           "       poslab-cli explain --seed-article [--format text|markdown|json] [--out FILE]\n"
           "                          [--lang en|zh_CN]\n"
           "\n"
           "Walks from the tokens to the attention weight p_ij of query i and key j, step by step,\n"
           "with the real numbers of the same computation `compute` uses. --seed-article walks the\n"
           "seed article's example (n = 6, i = 1, j = 4) and marks where it does not add up.\n"
           "\n"
           "Options:\n" +
           modelOptionsHelp() +
           "  --i I                  query position (row)\n"
           "  --j J                  key position (column)\n"
           "  --head K               head (default: 0)\n"
           "  --format FORMAT        text, markdown or json (default: text)\n"
           "  --out FILE             write FILE atomically instead of stdout (- is stdout)\n"
           "  --seed-article         the seed article's §4.3 example\n"
           "  --lang CODE            the walk's words in en (default) or zh_CN; numbers, formulas and\n"
           "                         symbols stay as they are\n"
           "  -h, --help             show this help\n";
}

std::string runExplain(const std::vector<std::string>& args)
{
    const CliArgs opts = CliArgs::parse("explain", explainOptions(), args);
    if (opts.helpRequested()) return explainUsage();
    const WalkFormat format = parseWalkFormat(opts.value("format").value_or("text"));
    const auto out = opts.value("out");
    if (out && out->empty()) throw Error("--out needs a file name");
    if (auto lang = opts.value("lang")) setLanguage(*lang);

    Walk walk;
    if (opts.has("seed-article")) {
        for (const char* other : {"scheme", "text", "n", "i", "j", "head", "param"})
            if (opts.has(other))
                throw Error(std::string("--seed-article takes no --").append(other) + " (its example is fixed)");
        walk = seedArticleWalk();
    } else {
        LabRequest request;
        required(opts, "explain", "scheme");
        request.cellI = parseIntOption("i", required(opts, "explain", "i"), INT_MIN, INT_MAX);
        request.cellJ = parseIntOption("j", required(opts, "explain", "j"), INT_MIN, INT_MAX);
        if (auto v = opts.value("head")) request.head = parseIntOption("head", *v, INT_MIN, INT_MAX);
        fillModelOptions(opts, "explain", request);
        Lab lab;
        walk = lab.walk(request).walk;
    }
    std::string bytes = formatWalk(walk, format);
    if (out && *out != "-") { // "-": standard output, as without --out
        writeFileAtomically(*out, bytes);
        return {};
    }
    return bytes;
}

} // namespace poslab::cli
