// `poslab-cli compute`: one table (pe, bucket, probs, ...) for one scheme and sequence.

#include "cliargs.h"
#include "commands.h"

#include "error.h"
#include "lab.h"
#include "model.h"
#include "scheme.h"
#include "table.h"
#include "tokenizer.h"

#include <climits>

namespace poslab::cli {

namespace {

const std::vector<OptionSpec>& computeOptions()
{
    static const std::vector<OptionSpec> specs = {
        {"scheme"},      {"param", true, true},
        {"text"},        {"tokenizer"},
        {"n"},           {"d-model"},
        {"heads"},       {"causal", false},
        {"seed"},        {"lambda"},
        {"temperature"}, {"what"},
        {"head"},        {"range"},
        {"format"},      {"out"},
    };
    return specs;
}

RawParams rawParams(const std::vector<std::string>& items)
{
    RawParams raw;
    for (const auto& item : items) {
        const std::size_t eq = item.find('=');
        if (eq == std::string::npos) throw Error("--param expects KEY=VALUE, got '" + item + "'");
        const std::string key = item.substr(0, eq);
        if (key.empty()) throw Error("--param has an empty key in '" + item + "'");
        if (!raw.emplace(key, item.substr(eq + 1)).second)
            throw Error("parameter '" + key + "' is given more than once");
    }
    return raw;
}

std::string required(const CliArgs& opts, const std::string& name)
{
    if (auto v = opts.value(name)) return *v;
    throw Error("compute needs --" + name + " (see 'poslab-cli compute --help')");
}

ModelConfig modelConfig(const CliArgs& opts)
{
    ModelConfig model;
    // Bounds here only keep the text inside an int; validate() owns the real limits.
    if (auto v = opts.value("d-model")) model.dModel = parseIntOption("d-model", *v, INT_MIN, INT_MAX);
    if (auto v = opts.value("heads")) model.heads = parseIntOption("heads", *v, INT_MIN, INT_MAX);
    model.causal = opts.has("causal");
    if (auto v = opts.value("seed")) model.seed = parseUnsignedOption("seed", *v);
    if (auto v = opts.value("lambda")) model.lambda = parseRealOption("lambda", *v);
    if (auto v = opts.value("temperature")) model.temperature = parseRealOption("temperature", *v);
    model.validate();
    return model;
}

Sequence sequence(const CliArgs& opts)
{
    const auto text = opts.value("text");
    const auto n = opts.value("n");
    if (text && n) throw Error("give either --text or --n, not both");
    if (!text && !n) throw Error("compute needs --text \"...\" or --n N (see 'poslab-cli compute --help')");
    if (n) {
        if (opts.has("tokenizer")) throw Error("--tokenizer applies only to --text");
        return Sequence::positions(parseIntOption("n", *n, INT_MIN, INT_MAX));
    }
    const TokenizerMode mode = parseTokenizerMode(opts.value("tokenizer").value_or("word"));
    return Sequence::fromText(*text, mode);
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
           "                          [--format csv|json|npy] [--out FILE]\n"
           "\n"
           "Computes one table for a scheme on a sequence and writes it to stdout or FILE.\n"
           "\n"
           "Options:\n"
           "  --scheme NAME          positional scheme (see 'poslab-cli schemes')\n"
           "  --param KEY=VALUE      scheme parameter; may repeat\n"
           "  --text \"...\"           sequence: the tokens of this text\n"
           "  --tokenizer word|char  how --text is split (default: word)\n"
           "  --n N                  sequence: N bare positions\n"
           "  --d-model D            model width (default: 64)\n"
           "  --heads H              attention heads (default: 4)\n"
           "  --causal               decoder mask: query i sees keys j <= i\n"
           "  --seed S               seed of every random table (default: 0)\n"
           "  --lambda L             content weight in [0, 1] (default: 1)\n"
           "  --temperature T        logits are divided by T (default: 1)\n"
           "  --what WHAT            " +
           whatList() +
           "\n"
           "  --head K               head for bias, logits and probs (default: 0)\n"
           "  --range R              delta-curve covers Δ in [-R, R] (default: 16)\n"
           "  --format csv|json|npy  output format (default: csv)\n"
           "  --out FILE             write FILE atomically instead of stdout\n"
           "  -h, --help             show this help\n"
           "\n"
           "Options also take the form --name=value.\n";
}

std::string runCompute(const std::vector<std::string>& args)
{
    const CliArgs opts = CliArgs::parse("compute", computeOptions(), args);
    if (opts.helpRequested()) return computeUsage();

    // Cheap checks first, so a typo fails before any computation.
    const std::string schemeName = required(opts, "scheme");
    const std::string whatText = required(opts, "what");
    ComputeRequest request;
    request.what = parseWhat(whatText);
    if (auto v = opts.value("head")) request.head = parseIntOption("head", *v, INT_MIN, INT_MAX);
    if (auto v = opts.value("range")) request.range = parseIntOption("range", *v, INT_MIN, INT_MAX);
    const TableFormat format = parseTableFormat(opts.value("format").value_or("csv"));
    const auto out = opts.value("out");
    if (out && out->empty()) throw Error("--out needs a file name");
    const RawParams raw = rawParams(opts.values("param"));
    const ModelConfig model = modelConfig(opts);
    const Sequence seq = sequence(opts);

    const auto scheme = makeScheme(schemeName, raw, model);
    const Table table = computeTable(*scheme, seq, request);
    std::string bytes = serialize(table, format);
    if (out) {
        writeFileAtomically(*out, bytes);
        return {};
    }
    return bytes;
}

} // namespace poslab::cli
