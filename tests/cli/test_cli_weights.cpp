// `--weights PATH [--tensor ROLE=NAME]... [--layer L]` on compute, explain and figure: a checkpoint's
// table in place of the seeded one, the model's width and heads from it, its fingerprint in the
// output and in a figure's session, and one line for each mistake. The checkpoints are written here.

#include "clitest.h"
#include "tensorfixtures.h"

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

using namespace poslab::test;

namespace {

// A GPT-2-like folder: config.json and wpe.weight [rows, d] holding sin/cos of the positions
// (PE(p, 2k) = sin(p·ω_k), PE(p, 2k+1) = cos(p·ω_k), ω_k = 10000^(−2k/d), Vaswani et al.).
std::vector<double> sinusoidTable(int rows, int d)
{
    std::vector<double> v;
    for (int p = 0; p < rows; ++p)
        for (int c = 0; c < d; ++c) {
            const double w = std::pow(10000.0, -2.0 * (c / 2) / d);
            v.push_back(c % 2 == 0 ? std::sin(p * w) : std::cos(p * w));
        }
    return v;
}

void writeGpt2(const TempFolder& dir, const std::string& dtype)
{
    dir.write("config.json", R"({"model_type": "gpt2", "n_embd": 8, "n_head": 2, "n_positions": 16})");
    const std::vector<double> table = sinusoidTable(16, 8);
    dir.write("model.safetensors",
              safetensorsOf({dtype == "F64" ? f64Tensor("transformer.wpe.weight", {16, 8}, table)
                                            : f32Tensor("transformer.wpe.weight", {16, 8}, table)}));
}

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

TEST(CliWeights, ComputeReadsTheTableAndTakesTheModelsWidthAndHeads)
{
    TempFolder dir;
    writeGpt2(dir, "F32");
    const JsonValue pe =
        jsonOf(computeArgs({"--scheme", "learned", "--weights", dir.path(), "--n", "5", "--what", "pe"}));
    EXPECT_EQ(pe["model"]["d_model"].number, 8);
    EXPECT_EQ(pe["model"]["heads"].number, 2);
    EXPECT_EQ(pe["params"]["max_len"].number, 16);
    EXPECT_EQ(pe["weights"].text, dir.path());
    EXPECT_EQ(pe["tensor.position_table"].text, "transformer.wpe.weight");
    EXPECT_EQ(pe["sha256.position_table"].text.size(), 64u);
    const std::vector<double> table = sinusoidTable(16, 8);
    ASSERT_EQ(pe["data"].size(), 5u);
    for (std::size_t p = 0; p < 5; ++p)
        for (std::size_t c = 0; c < 8; ++c)
            EXPECT_EQ(pe["data"][p][c].number, double(float(table[p * 8 + c]))) << p << "," << c;
}

// Saved in F64, the sinusoid loaded as "learned" is the sinusoidal scheme: the same probabilities.
TEST(CliWeights, ASinusoidalCheckpointGivesTheSinusoidalSchemesAttention)
{
    TempFolder dir;
    writeGpt2(dir, "F64");
    const Matrix learned = csvOf(computeArgs({"--scheme", "learned", "--weights", dir.path(), "--text",
                                              "the cat sat on the mat", "--what", "probs"}));
    const Matrix sinusoidal = csvOf(computeArgs({"--scheme", "sinusoidal", "--d-model", "8", "--heads", "2",
                                                 "--text", "the cat sat on the mat", "--what", "probs"}));
    const Matrix seeded = csvOf(computeArgs({"--scheme", "learned", "--d-model", "8", "--heads", "2",
                                             "--text", "the cat sat on the mat", "--what", "probs"}));
    ASSERT_EQ(learned.size(), 6u);
    EXPECT_EQ(learned, sinusoidal);
    EXPECT_NE(learned, seeded);
}

TEST(CliWeights, ExplainAndFigureUseTheCheckpointAndTheFigureRemembersIt)
{
    TempFolder dir;
    writeGpt2(dir, "F32");
    const CliResult walk = succeed(
        {"explain", "--scheme", "learned", "--weights", dir.path(), "--n", "4", "--i", "2", "--j", "1"});
    const CliResult seededWalk = succeed({"explain", "--scheme", "learned", "--d-model", "8", "--heads", "2",
                                          "--n", "4", "--i", "2", "--j", "1"});
    EXPECT_NE(walk.out, seededWalk.out);
    // PE(2, 1) = cos(2) as F32, printed in the worked example's PE row.
    EXPECT_NE(walk.out.find("-0.4161"), std::string::npos) << walk.out;

    const std::string svg = dir.file("fig.svg");
    succeed({"figure", "--scheme", "learned", "--weights", dir.path(), "--n", "6", "--view", "heatmap",
             "--out", svg});
    const std::string text = readFile(svg);
    EXPECT_NE(text.find("sha256"), std::string::npos);
    EXPECT_NE(text.find("transformer.wpe.weight"), std::string::npos);
    // Reopened: the same picture from the same weights.
    const std::string again = dir.file("again.svg");
    succeed({"figure", "--session", svg, "--out", again});
    // Changed weights: one line saying so, nothing written.
    dir.write("model.safetensors",
              safetensorsOf({f32Tensor("transformer.wpe.weight", {16, 8}, std::vector<double>(128, 0.5))}));
    const std::string third = dir.file("third.svg");
    const CliResult changed = runCli({"figure", "--session", svg, "--out", third});
    EXPECT_EQ(changed.exitCode, 2);
    EXPECT_NE(changed.err.find("'transformer.wpe.weight' in '" + dir.file("model.safetensors") +
                               "' has changed since the session was saved"),
              std::string::npos)
        << changed.err;
    EXPECT_EQ(std::count(changed.err.begin(), changed.err.end(), '\n'), 1);
    EXPECT_FALSE(std::ifstream(third).good());
}

TEST(CliWeights, MistakesAreOneLine)
{
    TempFolder dir;
    writeGpt2(dir, "F32");
    const auto err = [](std::vector<std::string> args) {
        args.insert(args.end(), {"--what", "probs"});
        const CliResult r = runCli(args);
        EXPECT_EQ(r.exitCode, 2) << joined(args);
        EXPECT_EQ(r.out, "");
        return r.err;
    };
    EXPECT_EQ(err({"compute", "--scheme", "learned", "--n", "4", "--tensor", "position_table=wpe"}),
              "poslab-cli: error: --tensor applies only with --weights PATH\n");
    EXPECT_EQ(err({"compute", "--scheme", "learned", "--n", "4", "--layer", "2"}),
              "poslab-cli: error: --layer applies only with --weights PATH\n");
    EXPECT_EQ(err({"compute", "--scheme", "learned", "--n", "4", "--weights", dir.path(), "--tensor", "wpe"}),
              "poslab-cli: error: --tensor expects ROLE=NAME (e.g. position_table=wpe.weight), got 'wpe'\n");
    EXPECT_NE(err({"compute", "--scheme", "learned", "--n", "4", "--weights", dir.file("none")})
                  .find("no such file or folder"),
              std::string::npos);
    EXPECT_NE(
        err({"compute", "--scheme", "learned", "--n", "4", "--weights", dir.path(), "--tensor", "bias=x"})
            .find("unknown tensor role 'bias'"),
        std::string::npos);
    EXPECT_NE(err({"compute", "--scheme", "learned", "--n", "4", "--weights", dir.path(), "--d-model", "16"})
                  .find("so d_model must be 8, not 16"),
              std::string::npos);
    EXPECT_NE(
        err({"compute", "--scheme", "learned", "--n", "17", "--weights", dir.path()}).find("max_len 16"),
        std::string::npos);
}

// --inputs FILE: x, w_q, w_k, w_v replace the toy content and projections; x gives the sequence.
// The hand-computed layer of test_weights.cpp (LoadedInputs.AHandComputedLayer), through the CLI.
TEST(CliWeights, InputsFeedOneLayersOwnNumbers)
{
    TempFolder dir;
    dir.write("in.safetensors", handLayerInputs());
    const JsonValue z = jsonOf(computeArgs({"--scheme", "none", "--inputs", dir.file("in.safetensors"),
                                            "--heads", "1", "--what", "out", "--engine", "reference"}));
    EXPECT_EQ(z["model"]["d_model"].number, 2);
    ASSERT_EQ(z["data"].size(), 2u);
    const auto& want = kHandLayerOutput;
    const double bound = 64 * std::numeric_limits<double>::epsilon() * 4; // as in the core test
    for (std::size_t i = 0; i < 2; ++i)
        for (std::size_t c = 0; c < 2; ++c)
            EXPECT_NEAR(z["data"][i][c].number, want[i][c], bound);
    const CliResult both = runCli({"compute", "--scheme", "none", "--inputs", dir.file("in.safetensors"),
                                   "--weights", dir.path(), "--what", "out"});
    EXPECT_EQ(both.err,
              "poslab-cli: error: give --weights or --inputs, not both (an inputs file may hold the "
              "scheme's table too)\n");
    const CliResult longer = runCli({"compute", "--scheme", "none", "--inputs", dir.file("in.safetensors"),
                                     "--heads", "1", "--n", "3", "--what", "out"});
    EXPECT_EQ(longer.exitCode, 2);
    EXPECT_NE(longer.err.find("is 2 \u00d7 2 but must be 3 \u00d7 2 (n tokens \u00d7 d_model)"),
              std::string::npos)
        << longer.err;
}

// A GPT-2 block's attention (modeling_gpt2.py GPT2Block.forward: ln_1, then GPT2Attention's Conv1D
// c_attn stored [in, out]): --layer picks the block, inspect lists its tensors, and the same tensors
// under other names, given by --tensor, give the very same logits (one path). The numbers
// themselves are checked by hand in test_weights.cpp (AGpt2LayersLogitsAreLn1ThenConv1DThenSplit).
TEST(CliWeights, AGpt2LayerByNameOrByHand)
{
    const auto filled = [](std::size_t count, double a, double b) {
        std::vector<double> v;
        for (std::size_t k = 0; k < count; ++k)
            v.push_back(0.5 * std::sin(a * double(k) + b));
        return v;
    };
    const auto layer = [&](const std::string& prefix, int l) {
        return std::vector<FixtureTensor>{
            f32Tensor(prefix + ".attn.c_attn.weight", {8, 24}, filled(192, 0.37 + l, 0.1)),
            f32Tensor(prefix + ".attn.c_attn.bias", {24}, filled(24, 1.3, l)),
            f32Tensor(prefix + ".ln_1.weight", {8}, filled(8, 0.2, 2.0 + l)),
            f32Tensor(prefix + ".ln_1.bias", {8}, filled(8, 0.9, l))};
    };
    TempFolder gpt2, renamed;
    for (const TempFolder* dir : {&gpt2, &renamed})
        dir->write("config.json", R"({"model_type": "gpt2", "n_embd": 8, "n_head": 2, "n_positions": 16,
            "layer_norm_epsilon": 1e-05})");
    std::vector<FixtureTensor> tensors = {f32Tensor("wpe.weight", {16, 8}, sinusoidTable(16, 8))};
    for (int l : {0, 1}) {
        const auto block = layer("h." + std::to_string(l), l);
        tensors.insert(tensors.end(), block.begin(), block.end());
    }
    gpt2.write("model.safetensors", safetensorsOf(tensors));
    std::vector<FixtureTensor> other = {f32Tensor("pos", {16, 8}, sinusoidTable(16, 8))};
    for (FixtureTensor t : layer("h.1", 1)) {
        t.name = "blk1/" + t.name.substr(4); // blk1/attn.c_attn.weight, ...: no common name
        other.push_back(t);
    }
    renamed.write("model.safetensors", safetensorsOf(other));

    const CliResult listed = succeed({"inspect", gpt2.path(), "--layer", "1"});
    EXPECT_NE(listed.out.find("positions found:\n"
                              "  position_table = wpe.weight\n"
                              "  c_attn_weight = h.1.attn.c_attn.weight\n"
                              "  c_attn_bias = h.1.attn.c_attn.bias\n"
                              "  ln_1_weight = h.1.ln_1.weight\n"
                              "  ln_1_bias = h.1.ln_1.bias\n"),
              std::string::npos)
        << listed.out;
    EXPECT_NE(listed.out.find("layer_norm_eps 1e-05"), std::string::npos) << listed.out;
    const JsonValue json = jsonOf({"inspect", gpt2.path(), "--layer", "1"});
    EXPECT_EQ(json["layer"].number, 1);
    EXPECT_EQ(json["roles"]["c_attn_weight"]["tensor"].text, "h.1.attn.c_attn.weight");

    const std::vector<std::string> base = {"--scheme", "learned", "--text", "the cat sat on the mat",
                                           "--what",   "logits",  "--head", "1"};
    const auto logits = [&](std::vector<std::string> args) {
        args.insert(args.end(), base.begin(), base.end());
        return csvOf(computeArgs(args));
    };
    const Matrix one = logits({"--weights", gpt2.path(), "--layer", "1"});
    const Matrix zero = logits({"--weights", gpt2.path()});
    const Matrix byHand =
        logits({"--weights", renamed.path(), "--tensor", "position_table=pos", "--tensor",
                "c_attn_weight=blk1/attn.c_attn.weight", "--tensor", "c_attn_bias=blk1/attn.c_attn.bias",
                "--tensor", "ln_1_weight=blk1/ln_1.weight", "--tensor", "ln_1_bias=blk1/ln_1.bias"});
    ASSERT_EQ(one.size(), 6u);
    EXPECT_EQ(one, byHand);
    EXPECT_NE(one, zero);
    std::vector<std::string> args = {"--weights", gpt2.path(), "--layer", "1"};
    args.insert(args.end(), base.begin(), base.end());
    args.back() = "0";
    const JsonValue out = jsonOf(computeArgs(args));
    EXPECT_EQ(out["tensor.c_attn_weight"].text, "h.1.attn.c_attn.weight");
    EXPECT_EQ(out["tensor.ln_1_bias"].text, "h.1.ln_1.bias");

    // Named by hand but incomplete: one line naming what is missing.
    const CliResult missing = runCli(computeArgs(
        {"--scheme", "learned", "--n", "4", "--weights", renamed.path(), "--tensor", "position_table=pos",
         "--tensor", "c_attn_weight=blk1/attn.c_attn.weight", "--what", "probs"}));
    EXPECT_EQ(missing.exitCode, 2);
    EXPECT_EQ(missing.err, "poslab-cli: error: '" + renamed.path() +
                               "' has c_attn_weight but no c_attn_bias for layer 0\n");
}
