#include "modeloptions.h"

#include "error.h"
#include "tokenizer.h"

#include <climits>

namespace poslab::cli {

std::vector<OptionSpec> modelOptionSpecs()
{
    return {{"scheme"}, {"param", true, true}, {"text"}, {"tokenizer"}, {"n"},           {"d-model"},
            {"heads"},  {"causal", false},     {"seed"}, {"lambda"},    {"temperature"}};
}

RawParams rawParams(const std::vector<std::string>& items)
{
    RawParams raw;
    for (const auto& item : items) {
        const std::size_t eq = item.find('=');
        if (eq == std::string::npos) throw Error("--param expects KEY=VALUE, got " + quoteInput(item));
        const std::string key = item.substr(0, eq);
        if (key.empty()) throw Error("--param has an empty key in " + quoteInput(item));
        if (!raw.emplace(key, item.substr(eq + 1)).second)
            throw Error("parameter " + quoteInput(key) + " is given more than once");
    }
    return raw;
}

std::string required(const CliArgs& opts, const std::string& command, const std::string& name)
{
    if (auto v = opts.value(name)) return *v;
    throw Error(command + " needs --" + name + " (see 'poslab-cli " + command + " --help')");
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

Sequence sequence(const CliArgs& opts, const std::string& command)
{
    const auto text = opts.value("text");
    const auto n = opts.value("n");
    if (text && n) throw Error("give either --text or --n, not both");
    if (!text && !n)
        throw Error(command + " needs --text \"...\" or --n N (see 'poslab-cli " + command + " --help')");
    if (n) {
        if (opts.has("tokenizer")) throw Error("--tokenizer applies only to --text");
        return Sequence::positions(parseIntOption("n", *n, INT_MIN, INT_MAX));
    }
    const TokenizerMode mode = parseTokenizerMode(opts.value("tokenizer").value_or("word"));
    return Sequence::fromText(*text, mode);
}

void fillModelOptions(const CliArgs& opts, const std::string& command, LabRequest& request)
{
    request.scheme = required(opts, command, "scheme");
    request.params = rawParams(opts.values("param"));
    request.model = modelConfig(opts);
    const Sequence seq = sequence(opts, command);
    if (seq.hasContent) {
        request.text = *opts.value("text");
        request.tokenizer = parseTokenizerMode(opts.value("tokenizer").value_or("word"));
    } else {
        request.positions = seq.size();
    }
}

std::string modelOptionsHelp()
{
    return "  --scheme NAME          positional scheme (see 'poslab-cli schemes')\n"
           "  --param KEY=VALUE      scheme parameter; may repeat\n"
           "  --text \"...\"           sequence: the tokens of this text\n"
           "  --tokenizer word|char  how --text is split (default: word)\n"
           "  --n N                  sequence: N bare positions\n"
           "  --d-model D            model width (default: 64)\n"
           "  --heads H              attention heads (default: 4)\n"
           "  --causal               decoder mask: query i sees keys j <= i\n"
           "  --seed S               seed of every random table (default: 0)\n"
           "  --lambda L             content weight in [0, 1] (default: 1)\n"
           "  --temperature T        logits are divided by T (default: 1)\n";
}

} // namespace poslab::cli
