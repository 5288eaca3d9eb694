#include "modeloptions.h"

#include "error.h"
#include "tokenizer.h"

#include <climits>

namespace poslab::cli {

std::vector<OptionSpec> modelOptionSpecs()
{
    return {{"scheme"}, {"param", true, true}, {"text"}, {"tokenizer"}, {"n"},           {"d-model"},
            {"heads"},  {"causal", false},     {"seed"}, {"lambda"},    {"temperature"}, {"weights"},
            {"tensor", true, true}, {"layer"}, {"inputs"}};
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

WeightSpec weightSpec(const CliArgs& opts)
{
    WeightSpec spec;
    if (opts.has("weights") && opts.has("inputs"))
        throw Error("give --weights or --inputs, not both (an inputs file may hold the scheme's table too)");
    const auto path = opts.has("inputs") ? opts.value("inputs") : opts.value("weights");
    if (!path) {
        if (!opts.values("tensor").empty()) throw Error("--tensor applies only with --weights PATH");
        if (opts.has("layer")) throw Error("--layer applies only with --weights PATH");
        return spec;
    }
    if (opts.has("inputs")) {
        if (path->empty()) throw Error("--inputs needs a path (a .safetensors or .npz file with x, w_q, w_k, w_v)");
        if (opts.has("layer")) throw Error("--layer applies only with --weights PATH");
        spec.inputs = true;
    }
    if (path->empty()) throw Error("--weights needs a path (a model folder or a .safetensors/.npy/.npz file)");
    spec.path = *path;
    for (const std::string& item : opts.values("tensor")) {
        const std::size_t eq = item.find('=');
        if (eq == std::string::npos || eq == 0)
            throw Error("--tensor expects ROLE=NAME (e.g. position_table=wpe.weight), got " + quoteInput(item));
        const std::string role = item.substr(0, eq);
        for (const auto& [r, name] : spec.tensors)
            if (r == role) throw Error("--tensor names the role " + quoteInput(role) + " more than once");
        spec.tensors.emplace_back(role, item.substr(eq + 1));
    }
    if (auto v = opts.value("layer")) spec.layer = parseIntOption("layer", *v, 0, 100000);
    return spec;
}

void applyWeightOptions(const CliArgs& opts, LabRequest& request)
{
    request.weights = weightSpec(opts);
    if (request.weights.seeded()) return;
    // The checkpoint's width, heads and table sizes, unless the command line says otherwise.
    const auto loaded = loadWeights(request.weights, schemeWeightRoles(request.scheme));
    const WeightDefaults d = weightDefaults(*loaded, request.scheme);
    if (d.dModel && !opts.has("d-model")) request.model.dModel = *d.dModel;
    if (d.heads && !opts.has("heads")) request.model.heads = *d.heads;
    for (const auto& [key, value] : d.params)
        request.params.emplace(key, value); // a --param of the same key wins
    // An inputs file's x is the sequence, unless --n or --text says (and checks) its length.
    if (d.positions && !opts.has("n") && !opts.has("text")) {
        request.text.clear();
        request.positions = *d.positions;
    }
}

bool inputsGiveSequence(const CliArgs& opts)
{
    return opts.has("inputs") && !opts.has("n") && !opts.has("text");
}

void fillModelOptions(const CliArgs& opts, const std::string& command, LabRequest& request)
{
    request.scheme = required(opts, command, "scheme");
    request.params = rawParams(opts.values("param"));
    request.model = modelConfig(opts);
    if (!inputsGiveSequence(opts)) {
        const Sequence seq = sequence(opts, command);
        if (seq.hasContent) {
            request.text = *opts.value("text");
            request.tokenizer = parseTokenizerMode(opts.value("tokenizer").value_or("word"));
        } else {
            request.positions = seq.size();
        }
    }
    applyWeightOptions(opts, request);
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
           "  --temperature T        logits are divided by T (default: 1)\n"
           "  --weights PATH         a checkpoint's tables instead of the seeded ones: a model folder\n"
           "                         (config.json + safetensors) or a .safetensors/.npy file\n"
           "  --tensor ROLE=NAME     the tensor for a role when its name is not a common one; may repeat\n"
           "                         (roles: see 'poslab-cli inspect PATH')\n"
           "  --layer L              the layer whose attention is read: LLaMA q_proj/k_proj (rope),\n"
           "                         GPT-2 c_attn after ln_1 (learned) (default: 0)\n"
           "  --inputs FILE          one layer's own numbers (.safetensors or .npz): x [n × d_model],\n"
           "                         w_q, w_k, w_v [d_model × d_model] (Q = x·w_q) replace the toy\n"
           "                         content and projections; a table (position_table, t5_bias) too.\n"
           "                         The sequence is x's rows unless --n or --text is given\n";
}

} // namespace poslab::cli
