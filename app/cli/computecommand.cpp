// `poslab-cli compute`: one table (pe, bucket, probs, ...) for one scheme and sequence.

#include "cliargs.h"
#include "commands.h"
#include "modeloptions.h"
#include "progressline.h"

#include "atomicfile.h"
#include "error.h"
#include "lab.h"
#include "table.h"

#include <climits>
#include <cstdio>

namespace poslab::cli {

namespace {

const std::vector<OptionSpec>& computeOptions()
{
    static const std::vector<OptionSpec> specs = [] {
        std::vector<OptionSpec> v = modelOptionSpecs();
        v.insert(v.end(), {{"what"}, {"head"}, {"range"}, {"format"}, {"out"}, {"engine"}, {"dtype"}, {"threads"},
                           {"pool"}, {"pool-mode"}, {"rows"}, {"keys"}, {"quiet", false}});
        return v;
    }();
    return specs;
}

std::string whatList()
{
    std::string names;
    for (const auto& w : whatNames()) {
        if (!names.empty()) names += '|';
        names += w;
    }
    return names;
}

} // namespace

std::string computeUsage()
{
    return "Usage: poslab-cli compute --scheme NAME [--param KEY=VALUE]...\n"
           "                          (--text \"...\" [--tokenizer word|char] | --n N)\n"
           "                          [--d-model D] [--heads H] [--causal] [--seed S]\n"
           "                          [--lambda L] [--temperature T]\n"
           "                          --what WHAT [--head K] [--range R]\n"
           "                          [--engine onednn|reference] [--dtype f32|bf16] [--threads T]\n"
           "                          [--pool P [--pool-mode max|mean]] [--rows A:B] [--keys C:D]\n"
           "                          [--format csv|json|npy] [--out FILE]\n"
           "\n"
           "Computes one table for a scheme on a sequence and writes it to stdout or FILE.\n"
           "\n"
           "Options:\n" +
           modelOptionsHelp() + "  --what WHAT            " + whatList() +
           "\n"
           "                         (freqs: rope's inv_freq per rotary pair for this n, scaled and\n"
           "                         unscaled; the JSON adds attention_factor and dtype;\n"
           "                         pe-components: the absolute encoding's first 3 principal\n"
           "                         components over position, n × k, k = min(3, n, d_model), signs as\n"
           "                         scikit-learn's PCA, the JSON adds explained_pc1.. (the fraction of\n"
           "                         variance); pe-norms: ‖PE_i‖ per position)\n"
           "  --head K               head for bias, logits and probs (default: 0)\n"
           "  --range R              delta-curve covers Δ in [-R, R] (default: 16)\n"
           "  --engine onednn|reference  attention engine for bias, logits, probs (default: onednn;\n"
           "                         reference is the Eigen oracle in double)\n"
           "  --dtype f32|bf16       oneDNN precision (default: f32; bf16 needs AVX-512 bf16)\n"
           "  --threads T            oneDNN threads (default: 0 = all cores)\n"
           "  --pool P               probs only: stream them into a P × P grid of cells (any n);\n"
           "                         cell (a, b) covers tokens [floor(a·n/P), floor((a+1)·n/P))\n"
           "                         of rows a and columns b (P = n when n < P)\n"
           "  --pool-mode max|mean   how a cell combines its probabilities (default: max)\n"
           "  --rows A:B, --keys C:D probs only: just query rows [A, B) and keys [C, D) (default: all),\n"
           "                         streamed in square cells of ceil(longest side / P) tokens\n"
           "                         (P from --pool, default 1024): one token a cell when it fits;\n"
           "                         each row is still normalised over every key\n"
           "  --format csv|json|npy  output format (default: csv)\n"
           "  --out FILE             write FILE atomically instead of stdout (- is stdout)\n"
           "  --quiet                no progress line on stderr (printed for work over 2 s)\n"
           "  -h, --help             show this help\n"
           "\n"
           "Options also take the form --name=value.\n";
}

std::string runCompute(const std::vector<std::string>& args)
{
    const CliArgs opts = CliArgs::parse("compute", computeOptions(), args);
    if (opts.helpRequested()) return computeUsage();

    // Cheap checks first, so a typo fails before any computation; core validates the rest.
    required(opts, "compute", "scheme");
    const std::string what = required(opts, "compute", "what");
    parseWhat(what);
    const auto integer = [&](const char* name) {
        return parseIntOption(name, *opts.value(name), INT_MIN, INT_MAX);
    };
    LabRequest request;
    request.matrix = what;
    if (opts.has("head")) request.head = integer("head");
    if (opts.has("range")) request.range = integer("range");
    request.engine = parseEngineKind(opts.value("engine").value_or("onednn"));
    request.precision = parsePrecision(opts.value("dtype").value_or("f32"));
    if (opts.has("threads")) request.threads = integer("threads");
    if (opts.has("pool")) request.pool.cells = integer("pool");
    if (auto v = opts.value("pool-mode")) {
        if (!opts.has("pool")) throw Error("--pool-mode applies only with --pool");
        request.pool.mode = parsePoolMode(*v);
    }
    if (opts.has("rows") || opts.has("keys")) {
        int n = 0; // the sequence's length, when it is valid (validate() reports it otherwise)
        try {
            fillModelOptions(opts, "compute", request);
            n = request.sequence().size();
        } catch (const Error&) {
        }
        TokenRegion region{0, n, 0, n};
        const auto range = [&](const char* name, int& begin, int& end) {
            if (!opts.has(name)) return;
            const std::string v = *opts.value(name);
            const auto colon = v.find(':');
            if (colon == std::string::npos)
                throw Error(std::string("--") + name + " takes A:B (tokens A to B − 1), got '" + v + "'");
            begin = parseIntOption(name, v.substr(0, colon), INT_MIN, INT_MAX);
            end = parseIntOption(name, v.substr(colon + 1), INT_MIN, INT_MAX);
        };
        range("rows", region.rowBegin, region.rowEnd);
        range("keys", region.keyBegin, region.keyEnd);
        request.region = region;
    }
    const TableFormat format = parseTableFormat(opts.value("format").value_or("csv"));
    const auto out = opts.value("out");
    if (out && out->empty()) throw Error("--out needs a file name");
    fillModelOptions(opts, "compute", request);
    validate(request, LabProduct::Table);

    RunControl control;
    if (!opts.has("quiet")) control.work = ProgressLine(stderr);
    Lab lab;
    const Table table = lab.table(request, control);
    std::string bytes = serialize(table, format);
    if (out && *out != "-") { // "-": standard output, as without --out
        writeFileAtomically(*out, bytes);
        return {};
    }
    return bytes;
}

} // namespace poslab::cli
