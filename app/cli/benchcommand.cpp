// `poslab-cli bench`: the attention engine's speed against the same run's sgemm.

#include "cliargs.h"
#include "commands.h"

#include "error.h"
#include "jsontext.h"
#include "lab.h"

#include <climits>
#include <cstdio>

namespace poslab::cli {

namespace {

const std::vector<OptionSpec>& benchOptions()
{
    static const std::vector<OptionSpec> specs = {
        {"n"},
        {"heads"},
        {"head-dim"},
        {"scheme"},
        {"param", true, true},
        {"causal", false},
        {"engine"},
        {"threads"},
        {"dtype"},
        {"repeats"},
        {"pool"},
        {"pool-mode"},
        {"format"},
    };
    return specs;
}

std::string fixed(double v, int decimals)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

} // namespace

std::string benchUsage()
{
    return "Usage: poslab-cli bench --n N --heads H --head-dim D [--scheme S] [--param KEY=VALUE]...\n"
           "                        [--causal] [--engine onednn|reference] [--threads T]\n"
           "                        [--dtype f32|bf16] [--repeats R] [--pool P [--pool-mode max|mean]]\n"
           "                        [--format text|json]\n"
           "\n"
           "Times multi-head attention on N bare positions and, in the same run, a oneDNN sgemm with\n"
           "the same flop count (4·N²·D per head), and prints medians. With --pool, times the\n"
           "streaming mode instead (head 0's probabilities pooled into P × P cells, as compute --pool)\n"
           "against the sgemm time of its 2·N²·D q·k flops, and reports the peak resident memory.\n"
           "\n"
           "Options:\n"
           "  --n N                  sequence length\n"
           "  --heads H              heads (d_model = H·D)\n"
           "  --head-dim D           head dimension\n"
           "  --scheme S             positional scheme (default: none)\n"
           "  --param KEY=VALUE      scheme parameter; may repeat\n"
           "  --causal               decoder mask (flops still counted for the full square)\n"
           "  --engine onednn|reference  engine to time (default: onednn; reference = Eigen oracle)\n"
           "  --threads T            threads (default: 0 = all cores)\n"
           "  --dtype f32|bf16       oneDNN precision (default: f32)\n"
           "  --repeats R            timed runs (default: 0 = at least 5, pooled 3, up to about 1.5 s)\n"
           "  --pool P               time the streaming mode, pooled into P × P cells (1–8192)\n"
           "  --pool-mode max|mean   pooling of --pool (default: max)\n"
           "  --format text|json     output format (default: text)\n"
           "  -h, --help             show this help\n"
           "\n"
           "Reported: attention from q, k, v (nothing n × n kept; the projections are cached while the\n"
           "plan's inputs do not change), the same with the projections redone, all steps (scheme +\n"
           "plan + attention keeping head 0's probabilities: one heatmap recompute after a parameter\n"
           "change), plan alone, and the sgemm; the SIMD targets of PosLab's kernels (capped by\n"
           "POSLAB_CPU_ISA) and of oneDNN (capped by ONEDNN_MAX_CPU_ISA).\n";
}

std::string runBench(const std::vector<std::string>& args)
{
    const CliArgs opts = CliArgs::parse("bench", benchOptions(), args);
    if (opts.helpRequested()) return benchUsage();
    BenchRequest req;
    auto need = [&](const std::string& name) {
        if (auto v = opts.value(name))
            return parseIntOption(name, *v, INT_MIN, INT_MAX); // core checks the range
        throw Error("bench needs --" + name + " (see 'poslab-cli bench --help')");
    };
    req.n = need("n");
    req.heads = need("heads");
    req.headDim = need("head-dim");
    req.scheme = opts.value("scheme").value_or("none");
    for (const auto& item : opts.values("param")) {
        const std::size_t eq = item.find('=');
        if (eq == std::string::npos || eq == 0)
            throw Error("--param expects KEY=VALUE, got " + quoteInput(item));
        req.params[item.substr(0, eq)] = item.substr(eq + 1);
    }
    req.causal = opts.has("causal");
    req.engine = parseEngineKind(opts.value("engine").value_or("onednn"));
    req.precision = parsePrecision(opts.value("dtype").value_or("f32"));
    if (auto v = opts.value("threads")) req.threads = parseIntOption("threads", *v, INT_MIN, INT_MAX);
    if (auto v = opts.value("repeats")) req.repeats = parseIntOption("repeats", *v, INT_MIN, INT_MAX);
    if (auto v = opts.value("pool")) {
        req.pool = parseIntOption("pool", *v, INT_MIN, INT_MAX);
        if (req.pool == 0) throw Error("--pool must be in [1, " + std::to_string(kMaxPoolCells) + "], got 0");
    }
    if (auto v = opts.value("pool-mode")) {
        if (req.pool == 0) throw Error("--pool-mode applies only with --pool");
        req.poolMode = parsePoolMode(*v);
    }
    const std::string format = opts.value("format").value_or("text");
    if (format != "text" && format != "json")
        throw Error("unknown --format " + quoteInput(format) + " for bench (use text or json)");

    Lab lab;
    const BenchReport r = lab.bench(req);
    const bool pooled = req.pool > 0;
    if (format == "json") {
        std::string j = "{";
        auto field = [&](const std::string& k, const std::string& v) {
            if (j.size() > 1) j += ", ";
            j.append(jsonString(k)).append(": ").append(v);
        };
        field("scheme", jsonString(req.scheme));
        field("n", std::to_string(req.n));
        field("heads", std::to_string(req.heads));
        field("head_dim", std::to_string(req.headDim));
        field("causal", req.causal ? "true" : "false");
        field("engine", jsonString(r.engine));
        field("dtype", jsonString(precisionName(req.precision)));
        field("kernel_isa", jsonString(r.kernelIsa));
        field("onednn_isa", jsonString(r.onednnIsa));
        field("threads", std::to_string(r.threads));
        field("runs", std::to_string(r.runs));
        field("flops", jsonNumber(r.flops));
        if (pooled) {
            field("pool", std::to_string(req.pool));
            field("pool_mode", jsonString(poolModeName(req.poolMode)));
            field("pooled_ms", jsonNumber(r.attentionMs));
        } else {
            field("attention_ms", jsonNumber(r.attentionMs));
        }
        field("gflops", jsonNumber(r.gflops()));
        field("sgemm_ms", jsonNumber(r.sgemmMs));
        field("sgemm_gflops", jsonNumber(r.sgemmGflops()));
        field("sgemm_shape", jsonString(r.sgemmShape));
        field("ratio_to_sgemm", jsonNumber(r.ratio()));
        if (pooled) {
            field("peak_rss_mib", jsonNumber(r.peakRssMiB));
        } else {
            field("with_projection_ms", jsonNumber(r.coldMs));
            field("all_steps_ms", jsonNumber(r.allStepsMs));
            field("plan_ms", jsonNumber(r.planMs));
        }
        return j + "}\n";
    }
    std::string t;
    t.append("scheme ").append(req.scheme).append(", n ").append(std::to_string(req.n)).append(", ");
    t.append(std::to_string(req.heads)).append(req.heads == 1 ? " head × " : " heads × ");
    t.append(std::to_string(req.headDim)).append(req.causal ? ", causal" : "");
    if (pooled)
        t.append(", head 0 ")
            .append(poolModeName(req.poolMode))
            .append("-pooled into ")
            .append(std::to_string(req.pool))
            .append("²");
    t.append("; ").append(r.engine).append("; ");
    t.append(std::to_string(r.runs)).append(" runs, medians\n");
    t.append("ISA         kernels ").append(r.kernelIsa).append(", oneDNN ").append(r.onednnIsa).append("\n");
    t.append(pooled ? "pooled      " : "attention   ").append(fixed(r.attentionMs, 3)).append(" ms  ");
    t.append(fixed(r.gflops(), 1)).append(pooled ? " GFLOP/s of q·k  " : " GFLOP/s  ");
    t.append(fixed(100.0 * r.ratio(), 1)).append("% of sgemm\n");
    t.append("sgemm       ").append(fixed(r.sgemmMs, 3)).append(" ms  ").append(fixed(r.sgemmGflops(), 1));
    t.append(" GFLOP/s  (").append(r.sgemmShape).append(", same flop count)\n");
    if (pooled) {
        t.append("peak RSS    ").append(fixed(r.peakRssMiB, 0)).append(" MiB\n");
        return t;
    }
    t.append("+projection ")
        .append(fixed(r.coldMs, 3))
        .append(" ms  (q, k, v projected again: x · [W_q W_k W_v])\n");
    t.append("all steps   ")
        .append(fixed(r.allStepsMs, 3))
        .append(" ms  (scheme + plan + attention + head 0 probs)\n");
    t.append("plan        ").append(fixed(r.planMs, 3)).append(" ms  (scheme + plan)\n");
    return t;
}

} // namespace poslab::cli
