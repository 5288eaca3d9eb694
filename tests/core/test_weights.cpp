// Weights from a checkpoint in place of the seeded ones (core/weights.h): SHA-256 against the
// FIPS 180-4 examples, a sinusoidal table saved as a "learned" one reproducing the sinusoidal
// scheme, T5's bias read back cell by cell, the fingerprints a session checks, and one clear line
// for each way a checkpoint can fail a scheme. Every file is written by the test.

#include "error.h"
#include "errorbound.h"
#include "lab.h"
#include "model.h"
#include "scheme.h"
#include "schemes/schemes.h"
#include "sha256.h"
#include "tensorfixtures.h"
#include "weights.h"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

using namespace poslab;
using poslab::test::f32Tensor;
using poslab::test::f64Tensor;
using poslab::test::safetensorsOf;
using poslab::test::TempFolder;

namespace {

std::vector<double> rowMajor(const Eigen::MatrixXd& m)
{
    std::vector<double> v;
    for (Eigen::Index r = 0; r < m.rows(); ++r)
        for (Eigen::Index c = 0; c < m.cols(); ++c)
            v.push_back(m(r, c));
    return v;
}

std::string errorOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

LabRequest request(const std::string& scheme, int n)
{
    LabRequest r;
    r.scheme = scheme;
    r.positions = n;
    r.model.dModel = 16;
    r.model.heads = 2;
    r.matrix = "probs";
    return r;
}

} // namespace

TEST(Sha256, MatchesTheFips180Examples)
{
    EXPECT_EQ(Sha256::hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(Sha256::hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(Sha256::hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(Sha256::hex(std::string(1000000, 'a')),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, PiecesGiveTheSameDigestAsTheWhole)
{
    std::string text;
    for (int k = 0; k < 300; ++k)
        text += char('a' + k % 26);
    const std::string whole = Sha256::hex(text);
    // Pieces that cross the 64-byte blocks at every offset, and messages of 55, 56 and 64 bytes
    // (the padding's edge cases).
    for (const std::size_t piece : {1u, 7u, 63u, 64u, 65u, 200u}) {
        Sha256 h;
        for (std::size_t at = 0; at < text.size(); at += piece)
            h.update(std::string_view(text).substr(at, piece));
        const auto d = h.digest();
        std::string hex;
        for (const auto b : d)
            hex += "0123456789abcdef"[b >> 4], hex += "0123456789abcdef"[b & 15];
        EXPECT_EQ(hex, whole) << "pieces of " << piece;
    }
    EXPECT_NE(Sha256::hex(std::string(55, 'x')), Sha256::hex(std::string(56, 'x')));
    EXPECT_EQ(Sha256::hex(std::string(64, 'a')),
              "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

// The sinusoidal table written as GPT-2's wpe and loaded as "learned": the same x = e + PE, so the
// same attention, bit for bit (F64 keeps every value).
TEST(LoadedWeights, ASinusoidalTableLoadedAsLearnedReproducesTheSinusoidalScheme)
{
    const int rows = 40, d = 16, n = 24;
    const Eigen::MatrixXd pe =
        schemes::sinusoid(schemes::positionRange(0, rows), d, 10000.0, schemes::SinusoidLayout::Interleaved);
    TempFolder dir;
    dir.write("model.safetensors",
              safetensorsOf({f64Tensor("transformer.wpe.weight", {rows, d}, rowMajor(pe))}));

    Lab lab;
    LabRequest sin = request("sinusoidal", n);
    LabRequest learned = request("learned", n);
    learned.weights.path = dir.path();
    const Table a = lab.table(sin);
    const Table b = lab.table(learned);
    ASSERT_EQ(a.data.size(), std::size_t(n * n));
    ASSERT_EQ(b.data.size(), a.data.size());
    for (std::size_t k = 0; k < a.data.size(); ++k)
        ASSERT_EQ(a.data[k], b.data[k]) << "cell " << k;

    // And the table is the checkpoint's: max_len is its rows, so position 40 has none.
    learned.positions = rows + 1;
    EXPECT_NE(errorOf([&] { lab.table(learned); }).find("max_len 40"), std::string::npos)
        << errorOf([&] { lab.table(learned); });

    // The seeded table gives other numbers: the loaded one is really used.
    LabRequest seeded = request("learned", n);
    const Table c = lab.table(seeded);
    EXPECT_NE(c.data, b.data);
}

// F32 storage: PE is the float-rounded sinusoid, row for row.
TEST(LoadedWeights, AnF32TableIsReadAsItsFloatValues)
{
    const int rows = 8, d = 6;
    const Eigen::MatrixXd pe =
        schemes::sinusoid(schemes::positionRange(0, rows), d, 10000.0, schemes::SinusoidLayout::Interleaved);
    TempFolder dir;
    dir.write("wpe.safetensors", safetensorsOf({f32Tensor("wpe.weight", {rows, d}, rowMajor(pe))}));
    ModelConfig model;
    model.dModel = d;
    model.heads = 2;
    WeightSpec spec;
    spec.path = dir.file("wpe.safetensors");
    model.loaded = loadWeights(spec, {"position_table"});
    const auto scheme = makeScheme("learned", {}, model);
    const Eigen::MatrixXd got = scheme->absoluteAt(2, 5);
    for (int r = 0; r < 5; ++r)
        for (int c = 0; c < d; ++c)
            EXPECT_EQ(got(r, c), double(float(pe(r + 2, c)))) << r << "," << c;
}

// T5's encoder bias [buckets, heads]: the bias of (i, j) in head h is table[bucket(i, j), h].
TEST(LoadedWeights, T5BiasIsTheTablesEntryOfEachCellsBucket)
{
    const int buckets = 32, heads = 3, n = 20;
    Eigen::MatrixXd table(buckets, heads);
    for (int b = 0; b < buckets; ++b)
        for (int h = 0; h < heads; ++h)
            table(b, h) = 0.25 * b - 1.5 * h + 0.125; // exact in F32
    Eigen::MatrixXd decoder = -table;
    TempFolder dir;
    dir.write("config.json", R"({"model_type": "t5", "d_model": 24, "num_heads": 3,
                                  "relative_attention_num_buckets": 32, "relative_attention_max_distance": 128})");
    dir.write("model.safetensors",
              safetensorsOf({f32Tensor("encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight",
                                       {buckets, heads}, rowMajor(table)),
                             f32Tensor("decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight",
                                       {buckets, heads}, rowMajor(decoder))}));
    Lab lab;
    for (const bool bidirectional : {true, false}) {
        LabRequest r = request("t5", n);
        r.model.dModel = 24;
        r.model.heads = heads;
        r.model.causal = !bidirectional;
        r.params["bidirectional"] = bidirectional ? "true" : "false";
        r.weights.path = dir.path();
        r.matrix = "bias";
        const ModelConfig model = r.schemeModel();
        const auto scheme = makeScheme("t5", r.params, model);
        for (int h = 0; h < heads; ++h) {
            r.head = h;
            const Table t = lab.table(r);
            ASSERT_EQ(t.rows(), std::size_t(n));
            for (int i = 0; i < n; ++i)
                for (int j = 0; j < n; ++j) {
                    if (!bidirectional && j > i) continue; // hidden by the mask
                    const double want = (bidirectional ? table : decoder)(scheme->bucket(i, j), h);
                    ASSERT_EQ(t.at(std::size_t(i), std::size_t(j)), want) << h << " " << i << "," << j;
                }
        }
    }
}

TEST(LoadedWeights, DefaultsComeFromTheConfigAndTheTable)
{
    TempFolder dir;
    dir.write("config.json", R"({"model_type": "gpt2", "n_embd": 8, "n_head": 2, "n_positions": 12})");
    dir.write("model.safetensors",
              safetensorsOf({f32Tensor("wpe.weight", {12, 8}, std::vector<double>(96, 0.5))}));
    WeightSpec spec;
    spec.path = dir.path();
    const auto w = loadWeights(spec, schemeWeightRoles("learned"));
    const WeightDefaults d = weightDefaults(*w, "learned");
    EXPECT_EQ(d.dModel, 8);
    EXPECT_EQ(d.heads, 2);
    ASSERT_EQ(d.params.size(), 1u);
    EXPECT_EQ(d.params[0], (std::pair<std::string, std::string>("max_len", "12")));
    ASSERT_EQ(w->tensors.size(), 1u);
    const TensorPrint& p = w->tensors[0].print;
    EXPECT_EQ(p.role, "position_table");
    EXPECT_EQ(p.tensor, "wpe.weight");
    EXPECT_EQ(p.sha256, Sha256::hex(poslab::test::rawBytes<float>(std::vector<double>(96, 0.5))));
}

TEST(LoadedWeights, TheSameUnchangedFilesAreLoadedOnceAndAChangedFileAgain)
{
    TempFolder dir;
    dir.write("m.safetensors", safetensorsOf({f32Tensor("wpe.weight", {4, 2}, {1, 2, 3, 4, 5, 6, 7, 8})}));
    WeightSpec spec;
    spec.path = dir.file("m.safetensors");
    const auto a = loadWeights(spec, {"position_table"});
    const auto b = loadWeights(spec, {"position_table"});
    EXPECT_EQ(a.get(), b.get());
    // Same size, other bytes, later time: read again.
    std::filesystem::last_write_time(spec.path,
                                     std::filesystem::last_write_time(spec.path) - std::chrono::hours(1));
    dir.write("m.safetensors", safetensorsOf({f32Tensor("wpe.weight", {4, 2}, {8, 7, 6, 5, 4, 3, 2, 1})}));
    const auto c = loadWeights(spec, {"position_table"});
    EXPECT_NE(c->tensors[0].print.sha256, a->tensors[0].print.sha256);
    EXPECT_EQ(c->tensors[0].values(0, 0), 8.0);
}

// A session records the fingerprints; the same file loads, a changed or missing one is one line.
TEST(LoadedWeights, ASessionsFingerprintsMustStillMatch)
{
    TempFolder dir;
    dir.write("m.safetensors", safetensorsOf({f32Tensor("wpe.weight", {4, 2}, {1, 2, 3, 4, 5, 6, 7, 8})}));
    WeightSpec spec;
    spec.path = dir.file("m.safetensors");
    spec.expect = loadWeights(spec, {"position_table"})->prints();
    EXPECT_NO_THROW(loadWeights(spec, {"position_table"}));

    dir.write("m.safetensors", safetensorsOf({f32Tensor("wpe.weight", {4, 2}, {1, 2, 3, 4, 5, 6, 7, 9})}));
    const std::string changed = errorOf([&] { loadWeights(spec, {"position_table"}); });
    EXPECT_NE(changed.find("'wpe.weight'"), std::string::npos) << changed;
    EXPECT_NE(changed.find("has changed since the session was saved"), std::string::npos) << changed;
    EXPECT_EQ(changed.find('\n'), std::string::npos);

    dir.write("m.safetensors", safetensorsOf({f32Tensor("other", {4, 2}, {1, 2, 3, 4, 5, 6, 7, 8})}));
    const std::string gone = errorOf([&] { loadWeights(spec, {"position_table"}); });
    EXPECT_NE(gone.find("no longer has the tensor 'wpe.weight'"), std::string::npos) << gone;

    std::filesystem::remove(spec.path);
    const std::string missing = errorOf([&] { loadWeights(spec, {"position_table"}); });
    EXPECT_NE(missing.find("no such file"), std::string::npos) << missing;
    EXPECT_NE(missing.find("(the session's weights)"), std::string::npos) << missing;
}

TEST(LoadedWeights, EachMismatchIsOneLineNamingTheTensor)
{
    TempFolder dir;
    dir.write("m.safetensors",
              safetensorsOf({f32Tensor("wpe.weight", {10, 8}, std::vector<double>(80, 0.0)),
                             f32Tensor("cube", {2, 2, 2}, std::vector<double>(8, 0.0)),
                             f32Tensor("encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight",
                                       {32, 3}, std::vector<double>(96, 0.0))}));
    const auto fails = [&](const std::string& scheme, int dModel, int heads, RawParams params,
                           std::vector<std::pair<std::string, std::string>> tensors = {}) {
        LabRequest r = request(scheme, 6);
        r.model.dModel = dModel;
        r.model.heads = heads;
        r.params = std::move(params);
        r.weights.path = dir.file("m.safetensors");
        r.weights.tensors = std::move(tensors);
        return errorOf([&] { validate(r, LabProduct::Table); });
    };
    EXPECT_EQ(fails("learned", 16, 2, {}),
              "learned: the table 'wpe.weight' (10 \u00d7 8) has 8 columns, so d_model must be 8, not 16");
    EXPECT_EQ(fails("learned", 8, 2, {{"max_len", "512"}}),
              "learned: max_len 512 differs from the 10 rows of the table 'wpe.weight' (10 \u00d7 8) (leave "
              "max_len out)");
    EXPECT_NE(fails("learned", 8, 2, {}, {{"position_table", "cube"}}).find("'cube' in"), std::string::npos);
    EXPECT_NE(fails("learned", 8, 2, {}, {{"position_table", "cube"}})
                  .find("is [2, 2, 2]: position_table must be [positions, d_model]"),
              std::string::npos);
    EXPECT_NE(fails("learned", 8, 2, {}, {{"position_table", "nope"}}).find("no tensor 'nope'"),
              std::string::npos);
    EXPECT_NE(fails("learned", 8, 2, {}, {{"wpe", "wpe.weight"}}).find("unknown tensor role 'wpe'"),
              std::string::npos);
    EXPECT_EQ(fails("t5", 16, 2, {}),
              "t5: the table 'encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight' (32 "
              "\u00d7 3) has one "
              "column per head: heads must be 3, not 2");
    EXPECT_NE(fails("t5", 24, 3, {{"bidirectional", "false"}})
                  .find("has no decoder relative attention bias (t5_decoder_bias"),
              std::string::npos);
    EXPECT_NE(fails("t5", 24, 3, {{"num_buckets", "16"}}).find("num_buckets is 16 but the table"),
              std::string::npos);

    TempFolder empty;
    empty.write("x.safetensors", safetensorsOf({f32Tensor("something", {2, 2}, {1, 2, 3, 4})}));
    LabRequest r = request("learned", 4);
    r.weights.path = empty.file("x.safetensors");
    const std::string none = errorOf([&] { validate(r, LabProduct::Table); });
    EXPECT_NE(
        none.find("has no position table under a common name (say which tensor is the role position_table)"),
        std::string::npos)
        << none;
}

// --inputs: one layer's own numbers. With the seeded model's own x and W written out in F64, the
// Lab gives the very same outputs (the inputs replace the content and projections, nothing else).
TEST(LoadedInputs, TheSeededModelsOwnNumbersGiveTheSameOutputs)
{
    LabRequest seeded = request("alibi", 7);
    seeded.text = "the cat sat on the mat again";
    seeded.positions = 0;
    seeded.matrix = "out";
    const Sequence seq = seeded.sequence();
    const ModelConfig model = seeded.effectiveModel();
    const Eigen::MatrixXd x = contentVectors(seq, model);
    const Projections p = Projections::make(model);
    TempFolder dir;
    dir.write("in.safetensors",
              safetensorsOf({f64Tensor("x", {7, 16}, rowMajor(x)), f64Tensor("w_q", {16, 16}, rowMajor(p.wq)),
                             f64Tensor("w_k", {16, 16}, rowMajor(p.wk)),
                             f64Tensor("w_v", {16, 16}, rowMajor(p.wv))}));
    LabRequest given = request("alibi", 7);
    given.matrix = "out";
    given.model.seed = 99; // the seed no longer matters for content or projections
    given.weights.path = dir.file("in.safetensors");
    given.weights.inputs = true;
    Lab lab;
    for (const int head : {0, 1}) {
        seeded.head = given.head = head;
        const Table a = lab.table(seeded), b = lab.table(given);
        ASSERT_EQ(a.shape, (std::vector<std::size_t>{7, 8}));
        EXPECT_EQ(a.data, b.data) << "head " << head;
    }
}

// A case small enough to do by hand (tensorfixtures.h, handLayerInputs): z = p·W_v.
TEST(LoadedInputs, AHandComputedLayer)
{
    const double a = std::sqrt(2.0) * std::log(3.0); // W_k = a·I, for the file without w_v below
    TempFolder dir;
    dir.write("in.safetensors", poslab::test::handLayerInputs());
    LabRequest r = request("none", 2);
    r.model.dModel = 2;
    r.model.heads = 1;
    r.matrix = "out";
    r.engine = EngineKind::Reference;
    r.weights.path = dir.file("in.safetensors");
    r.weights.inputs = true;
    const Table t = Lab().table(r);
    const auto& want = poslab::test::kHandLayerOutput;
    // Double arithmetic on a handful of terms of magnitude ≤ 4: exp, a 2-term sum and a division
    // per probability (≤ 4 roundings), then a 2-term dot product with |v| ≤ 4: well under 64·ε·4.
    const double bound = 64 * std::numeric_limits<double>::epsilon() * 4;
    for (int i = 0; i < 2; ++i)
        for (int c = 0; c < 2; ++c)
            EXPECT_NEAR(t.at(std::size_t(i), std::size_t(c)), want[i][c], bound) << i << "," << c;
    EXPECT_EQ(t.columns, (std::vector<std::string>{"z0", "z1"}));

    // n and d_model must be x's: one line naming x and both sizes.
    r.positions = 3;
    EXPECT_EQ(errorOf([&] { Lab().table(r); }),
              "'x' in '" + dir.file("in.safetensors") +
                  "' is 2 \u00d7 2 but must be 3 \u00d7 2 (n tokens \u00d7 d_model)");
    // A file without w_v.
    dir.write("some.safetensors",
              safetensorsOf({f64Tensor("x", {2, 2}, {1, 0, 0, 1}), f64Tensor("w_q", {2, 2}, {1, 0, 0, 1}),
                             f64Tensor("w_k", {2, 2}, {a, 0, 0, a})}));
    r.positions = 2;
    r.weights.path = dir.file("some.safetensors");
    EXPECT_EQ(errorOf([&] { Lab().table(r); }),
              "'" + dir.file("some.safetensors") +
                  "' has no tensor 'w_v' (an inputs file holds x, w_q, w_k and w_v)");
}

// A LLaMA-family layer: q_proj and k_proj of layer L as stored ([out, in], y = x·Wᵀ), grouped-query
// attention (2 query heads share 1 key head), and the config's RoPE settings as the rope scheme's
// parameters (transformers' LlamaConfig keys; Llama 3.1's rope_scaling).
TEST(LoadedWeights, ALlamaLayersProjectionsAndRopeSettings)
{
    const int d = 8, hd = 4;
    Eigen::MatrixXd q(d, d), k(hd, d); // k: one key head
    for (int r = 0; r < d; ++r)
        for (int c = 0; c < d; ++c)
            q(r, c) = 0.125 * (r - c) + 0.5 * (r == c);
    for (int r = 0; r < hd; ++r)
        for (int c = 0; c < d; ++c)
            k(r, c) = 0.25 * ((r * 3 + c) % 5) - 0.5;
    TempFolder dir;
    dir.write("config.json", R"({"model_type": "llama", "hidden_size": 8, "num_attention_heads": 2,
        "num_key_value_heads": 1, "max_position_embeddings": 131072, "rope_theta": 500000.0,
        "rope_scaling": {"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                         "original_max_position_embeddings": 8192}})");
    dir.write(
        "model.safetensors",
        safetensorsOf(
            {f32Tensor("model.layers.1.self_attn.q_proj.weight", {8, 8}, rowMajor(q)),
             f32Tensor("model.layers.1.self_attn.k_proj.weight", {4, 8}, rowMajor(k)),
             f32Tensor("model.layers.0.self_attn.q_proj.weight", {8, 8}, std::vector<double>(64, 0.0)),
             f32Tensor("model.layers.0.self_attn.k_proj.weight", {4, 8}, std::vector<double>(32, 0.0))}));
    WeightSpec spec;
    spec.path = dir.path();
    spec.layer = 1;
    const auto w = loadWeights(spec, schemeWeightRoles("rope"));
    ASSERT_NE(w->find("q_proj"), nullptr);
    EXPECT_EQ(w->find("q_proj")->print.tensor, "model.layers.1.self_attn.q_proj.weight");
    const WeightDefaults defaults = weightDefaults(*w, "rope");
    EXPECT_EQ(defaults.dModel, 8);
    EXPECT_EQ(defaults.heads, 2);
    const auto param = [&](const std::string& key) {
        for (const auto& [k2, v] : defaults.params)
            if (k2 == key) return v;
        return std::string("(none)");
    };
    EXPECT_EQ(param("layout"), "half");
    EXPECT_EQ(std::stod(param("base")), 500000.0);
    EXPECT_EQ(param("scaling"), "llama3");
    EXPECT_EQ(param("factor"), "8.0");
    EXPECT_EQ(param("original_max_position"), "8192");
    EXPECT_EQ(param("high_freq_factor"), "4.0");

    LabRequest r = request("rope", 6);
    r.model.dModel = 8;
    r.model.heads = 2;
    r.weights = spec;
    for (const auto& [key, value] : defaults.params)
        r.params[key] = value;
    const ModelConfig model = r.schemeModel();
    const auto p = Projections::shared(model);
    // W_q = q_projᵀ; both query heads read the one key head: W_k's head blocks are k_projᵀ.
    EXPECT_EQ(p->wq, Eigen::MatrixXd(q.cast<float>().cast<double>().transpose()));
    const Eigen::MatrixXd kt = k.cast<float>().cast<double>().transpose();
    EXPECT_EQ(Eigen::MatrixXd(p->wk.middleCols(0, hd)), kt);
    EXPECT_EQ(Eigen::MatrixXd(p->wk.middleCols(hd, hd)), kt);
    EXPECT_NO_THROW(validate(r, LabProduct::Views));
    EXPECT_NO_THROW(Lab().table(r));

    // k_proj must hold whole key heads, and their number must divide the query heads.
    r.model.heads = 4; // head_dim 2: k_proj's 4 rows are 2 key heads, 4 % 2 == 0: fine
    EXPECT_NO_THROW(validate(r, LabProduct::Table));
    r.model.heads = 1; // head_dim 8: k_proj's 4 rows are not a whole key head
    EXPECT_NE(
        errorOf([&] { validate(r, LabProduct::Table); }).find("'model.layers.1.self_attn.k_proj.weight' in"),
        std::string::npos);

    // Meta's original names: pairs interleaved.
    TempFolder meta;
    meta.write("consolidated.safetensors",
               safetensorsOf({f32Tensor("layers.0.attention.wq.weight", {8, 8}, rowMajor(q)),
                              f32Tensor("layers.0.attention.wk.weight", {4, 8}, rowMajor(k))}));
    WeightSpec metaSpec;
    metaSpec.path = meta.path();
    const WeightDefaults md = weightDefaults(*loadWeights(metaSpec, schemeWeightRoles("rope")), "rope");
    ASSERT_FALSE(md.params.empty());
    EXPECT_EQ(md.params[0], (std::pair<std::string, std::string>("layout", "interleaved")));
}

// DeBERTa-v2/v3: encoder.rel_embeddings [2·position_buckets, d] layer-normed with the encoder's
// LayerNorm when norm_rel_ebd says so (transformers' DebertaV2Encoder.get_rel_embedding, eps 1e-7);
// K^r = LN(P)·W_k of each head is what the engines use (HeadPlan::keyTable).
TEST(LoadedWeights, DebertaRelativeEmbeddingsAreLayerNormed)
{
    const int d = 8, buckets = 4;
    Eigen::MatrixXd rel(2 * buckets, d);
    for (int r = 0; r < 2 * buckets; ++r)
        for (int c = 0; c < d; ++c)
            rel(r, c) = 0.5 * r - 0.25 * c + 0.125 * ((r * c) % 3);
    std::vector<double> gamma, beta;
    for (int c = 0; c < d; ++c) {
        gamma.push_back(1.0 + 0.125 * c);
        beta.push_back(0.25 - 0.0625 * c);
    }
    TempFolder dir;
    dir.write("config.json", R"({"model_type": "deberta-v2", "hidden_size": 8, "num_attention_heads": 2,
        "position_buckets": 4, "max_relative_positions": -1, "max_position_embeddings": 64,
        "relative_attention": true, "norm_rel_ebd": "layer_norm"})");
    dir.write("model.safetensors",
              safetensorsOf({f32Tensor("deberta.encoder.rel_embeddings.weight", {8, 8}, rowMajor(rel)),
                             f32Tensor("deberta.encoder.LayerNorm.weight", {8}, gamma),
                             f32Tensor("deberta.encoder.LayerNorm.bias", {8}, beta)}));
    WeightSpec spec;
    spec.path = dir.path();
    const auto w = loadWeights(spec, schemeWeightRoles("deberta"));
    const WeightDefaults defaults = weightDefaults(*w, "deberta");
    EXPECT_EQ(defaults.dModel, 8);
    EXPECT_EQ(defaults.heads, 2);
    EXPECT_EQ(defaults.params, (std::vector<std::pair<std::string, std::string>>{{"bucket_size", "4"},
                                                                                 {"max_position", "64"}}));

    LabRequest r = request("deberta", 10);
    r.model.dModel = d;
    r.model.heads = 2;
    r.weights = spec;
    for (const auto& [key, value] : defaults.params)
        r.params[key] = value;
    const ModelConfig model = r.schemeModel();
    const auto scheme = makeScheme("deberta", r.params, model);
    // LayerNorm by hand, row by row (values as stored: F32).
    const auto layerNorm = [&](double eps) {
        Eigen::MatrixXd ln(2 * buckets, d);
        for (int row = 0; row < 2 * buckets; ++row) {
            double mean = 0, var = 0;
            for (int c = 0; c < d; ++c)
                mean += double(float(rel(row, c))) / d;
            for (int c = 0; c < d; ++c)
                var += (double(float(rel(row, c))) - mean) * (double(float(rel(row, c))) - mean) / d;
            for (int c = 0; c < d; ++c)
                ln(row, c) = (double(float(rel(row, c))) - mean) / std::sqrt(var + eps) *
                                 double(float(gamma[std::size_t(c)])) +
                             double(float(beta[std::size_t(c)]));
        }
        return ln;
    };
    const Eigen::MatrixXd ln = layerNorm(1e-7); // no layer_norm_eps in the config: DebertaV2Config's default
    const Sequence seq = r.sequence();
    const Eigen::MatrixXd content = contentVectors(seq, model);
    const Eigen::MatrixXd pe = Eigen::MatrixXd::Zero(seq.size(), d);
    const Projections p = Projections::make(model);
    const int hd = model.headDim();
    for (int h = 0; h < 2; ++h) {
        const HeadContext ctx{model,
                              h,
                              0,
                              content,
                              pe,
                              p.wq.middleCols(h * hd, hd),
                              p.wk.middleCols(h * hd, hd),
                              p.wv.middleCols(h * hd, hd)};
        const Eigen::MatrixXd want = ln * p.wk.middleCols(h * hd, hd);
        const Eigen::MatrixXd got = scheme->headPlan(ctx).keyTable.rows;
        ASSERT_EQ(got.rows(), want.rows());
        // Two double evaluations of the same sums in other orders: each entry within d rounding
        // errors of its terms' magnitudes (|LN| ≤ √d·max γ + max |β| ≈ 5.2, |W| < 3 for N(0, 1/d)).
        const double bound = 4.0 * d * std::numeric_limits<double>::epsilon() * 6.0 * 3.0 * d;
        EXPECT_LE((got - want).cwiseAbs().maxCoeff(), bound) << "head " << h;
    }
    // The config's layer_norm_eps is the LayerNorm's ε (a large one, so that it shows: the rows'
    // variances here are 0.3 to 0.5).
    dir.write("config.json", R"({"model_type": "deberta-v2", "hidden_size": 8, "num_attention_heads": 2,
        "position_buckets": 4, "max_relative_positions": -1, "max_position_embeddings": 64,
        "relative_attention": true, "norm_rel_ebd": "layer_norm", "layer_norm_eps": 0.25})");
    {
        const ModelConfig m = r.schemeModel();
        const auto wide = makeScheme("deberta", r.params, m);
        const HeadContext ctx{
            m, 0, 0, content, pe, p.wq.middleCols(0, hd), p.wk.middleCols(0, hd), p.wv.middleCols(0, hd)};
        const Eigen::MatrixXd got = wide->headPlan(ctx).keyTable.rows;
        const double bound = 4.0 * d * std::numeric_limits<double>::epsilon() * 6.0 * 3.0 * d;
        EXPECT_LE((got - layerNorm(0.25) * p.wk.middleCols(0, hd)).cwiseAbs().maxCoeff(), bound);
        EXPECT_GT((got - ln * p.wk.middleCols(0, hd)).cwiseAbs().maxCoeff(), 1000 * bound);
    }
    dir.write("config.json", R"({"model_type": "deberta-v2", "hidden_size": 8, "num_attention_heads": 2,
        "norm_rel_ebd": "layer_norm", "layer_norm_eps": 0})");
    EXPECT_NE(errorOf([&] {
                  validate(r, LabProduct::Table);
              }).find("layer_norm_eps must be between 0 and 1, got 0"),
              std::string::npos);
    // Without the LayerNorm (norm_rel_ebd "none"): the table as stored.
    dir.write("config.json", R"({"model_type": "deberta-v2", "hidden_size": 8, "num_attention_heads": 2,
        "position_buckets": 4, "max_relative_positions": -1, "max_position_embeddings": 64, "norm_rel_ebd": "none"})");
    const auto plain = makeScheme("deberta", r.params, r.schemeModel());
    const HeadContext ctx{
        model, 0, 0, content, pe, p.wq.middleCols(0, hd), p.wk.middleCols(0, hd), p.wv.middleCols(0, hd)};
    const Eigen::MatrixXd stored = rel.cast<float>().cast<double>() * p.wk.middleCols(0, hd);
    EXPECT_LE((plain->headPlan(ctx).keyTable.rows - stored).cwiseAbs().maxCoeff(),
              4.0 * d * std::numeric_limits<double>::epsilon() * 4.0 * 3.0 * d);
    // The table must hold 2·span rows.
    r.params["bucket_size"] = "8";
    EXPECT_NE(errorOf([&] { validate(r, LabProduct::Table); }).find("has 8 rows but 2 \u00b7 span = 16"),
              std::string::npos);
}

// A GPT-2 layer (transformers' modeling_gpt2.py, GPT2Block.forward and GPT2Attention.forward;
// pytorch_utils.py Conv1D): a = ln_1(x) for x = content + wpe rows, then query, key, value =
// (a·W + b).split(d_model) with W = c_attn.weight stored [in, out] = [d_model, 3·d_model], and head h
// is columns h·head_dim .. of each (_split_heads); logits = q·kᵀ/√head_dim. Computed here by hand,
// straight from those definitions, and held against the Lab's, which folds ln_1's β and the bias
// into the projections (weights.cpp, LayerAttention). The bound is the rounding of both evaluations
// (errorbound.h) from their operands; each way of misreading the layer misses it by far.
namespace {

struct Gpt2Layer
{
    int d = 8, heads = 2, positions = 6;
    Eigen::MatrixXd wpe, w;        // [positions, d], c_attn [d, 3d]
    Eigen::RowVectorXd b, g, beta; // c_attn.bias [3d], ln_1 weight and bias [d]
    double eps = 1e-5;
};

Gpt2Layer gpt2Layer()
{
    Gpt2Layer l;
    const int d = l.d;
    l.wpe.resize(l.positions, d);
    l.w.resize(d, 3 * d);
    l.b.resize(3 * d);
    l.g.resize(d);
    l.beta.resize(d);
    // Values of either sign and no symmetry: W's query slice is not its transpose, the q, k and v
    // slices differ, γ ≠ 1 and β, b ≠ 0. Stored as F32, so read back exactly as float.
    for (int r = 0; r < l.positions; ++r)
        for (int c = 0; c < d; ++c)
            l.wpe(r, c) = float(0.6 * std::sin(1.3 * r + 0.7 * c) + 0.1 * r);
    for (int r = 0; r < d; ++r)
        for (int c = 0; c < 3 * d; ++c)
            l.w(r, c) = float(0.4 * std::cos(0.9 * r * r + 1.7 * c + 0.3) - 0.05 * (c % 5));
    for (int c = 0; c < 3 * d; ++c)
        l.b(c) = float(0.3 * std::sin(2.1 * c + 1.0));
    for (int c = 0; c < d; ++c) {
        l.g(c) = float(0.8 + 0.15 * c - 0.02 * c * c);
        l.beta(c) = float(0.25 * std::cos(1.1 * c) - 0.1);
    }
    return l;
}

std::vector<double> values(const Eigen::RowVectorXd& v)
{
    return std::vector<double>(v.data(), v.data() + v.size());
}

// The folder as Hugging Face saves GPT-2: config.json (GPT2Config's keys) and the tensors of blocks
// 0 and 1 ("transformer." as older checkpoints name them); block 0 holds other numbers.
void writeGpt2(const TempFolder& dir, const Gpt2Layer& l, const std::string& extra = {})
{
    dir.write("config.json", R"({"model_type": "gpt2", "n_embd": 8, "n_head": 2, "n_positions": 6,
        "layer_norm_epsilon": 1e-05)" +
                                 extra + "}");
    const auto d = std::uint64_t(l.d);
    dir.write("model.safetensors",
              safetensorsOf(
                  {f32Tensor("transformer.wpe.weight", {6, d}, rowMajor(l.wpe)),
                   f32Tensor("transformer.h.0.attn.c_attn.weight", {d, 3 * d},
                             rowMajor(Eigen::MatrixXd(0.5 * l.w))),
                   f32Tensor("transformer.h.0.attn.c_attn.bias", {3 * d}, std::vector<double>(3 * d, 0.0)),
                   f32Tensor("transformer.h.0.ln_1.weight", {d}, std::vector<double>(d, 1.0)),
                   f32Tensor("transformer.h.0.ln_1.bias", {d}, std::vector<double>(d, 0.0)),
                   f32Tensor("transformer.h.1.attn.c_attn.weight", {d, 3 * d}, rowMajor(l.w)),
                   f32Tensor("transformer.h.1.attn.c_attn.bias", {3 * d}, values(l.b)),
                   f32Tensor("transformer.h.1.ln_1.weight", {d}, values(l.g)),
                   f32Tensor("transformer.h.1.ln_1.bias", {d}, values(l.beta))}));
}

// How the layer could be misread; None is GPT-2's own.
enum class Misread
{
    None,
    OutIn,
    SplitOrder,
    NoLn,
    NoBias,
    NoLnBias
};

// A value computed in double beside the bound of its rounding (errorbound.h: mag ≥ |exact|, err).
struct Evaluated
{
    Eigen::MatrixXd value;
    poslab::test::Bounded bound;
};

// GPT-2's logits of head h for inputs x (n × d), straight from the definitions: LayerNorm entries
// within γ_{4d} of s·(|x| + |μ|)·|γ| + |β| (two d-term sums, a square root and a handful of
// operations each), then the products and sums of errorbound.h.
Evaluated gpt2Logits(const Gpt2Layer& l, const Eigen::MatrixXd& x, int h, Misread m = Misread::None)
{
    using namespace poslab::test;
    const int d = l.d, n = int(x.rows()), hd = d / l.heads;
    const double u = kUnitF64;
    Eigen::MatrixXd a(n, d), aMag(n, d);
    for (int i = 0; i < n; ++i) {
        const double mu = x.row(i).mean();
        const double var = (x.row(i).array() - mu).square().sum() / d; // nn.LayerNorm: biased
        const double s = 1.0 / std::sqrt(var + l.eps);
        for (int c = 0; c < d; ++c) {
            a(i, c) = (x(i, c) - mu) * s * l.g(c) + (m == Misread::NoLnBias ? 0.0 : l.beta(c));
            aMag(i, c) = s * (std::abs(x(i, c)) + std::abs(mu)) * std::abs(l.g(c)) + std::abs(l.beta(c));
        }
    }
    if (m == Misread::NoLn) a = x, aMag = x.cwiseAbs();
    Eigen::MatrixXd w = l.w;
    if (m == Misread::OutIn) { // the same bytes read as [3d, d], y = x·Wᵀ
        const std::vector<double> stored = rowMajor(l.w);
        w = Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
                stored.data(), 3 * d, d)
                .transpose();
    }
    const Eigen::RowVectorXd b = m == Misread::NoBias ? Eigen::RowVectorXd::Zero(3 * d) : l.b;
    const int qAt = m == Misread::SplitOrder ? d : 0, kAt = m == Misread::SplitOrder ? 0 : d;
    const Bounded ab{aMag, gamma(4 * d, u) * aMag};
    const auto project = [&](int at) -> Evaluated {
        const Eigen::MatrixXd ws = w.middleCols(at + h * hd, hd);
        const Eigen::MatrixXd bs = b.segment(at + h * hd, hd).replicate(n, 1);
        const Bounded p = product(ab, exactly(ws), u), bias = exactly(bs);
        return {a * ws + bs, sum({&p, &bias}, u)};
    };
    const Evaluated q = project(qAt), k = project(kAt);
    return {q.value * k.value.transpose() / std::sqrt(double(hd)),
            scaled(product(q.bound, transposed(k.bound), u), 1.0 / std::sqrt(double(hd)), 3, u)};
}

// The bound of the Lab's own evaluation (weights.cpp): x̂ = content' + pe' (LayerNorm's parts, and
// the bias carrier ν, |ν_k| ≤ 1) within γ_{4d} of s·(|e| + |μ_e| + |p| + |μ_p|)·|γ| + 1, in double;
// W' = W + νᵀ(β·W + b − ν·W) within γ_{2d+4} of |W| + 1ᵀ(|β||W| + |b| + 1ᵀ|W|); both stored in the
// engine's precision u, then q = x̂·W'_q, k = x̂·W'_k and q·kᵀ/√head_dim in it.
poslab::test::Bounded labLogitsBound(const Gpt2Layer& l, const Eigen::MatrixXd& e, const Eigen::MatrixXd& p,
                                     int h, double u)
{
    using namespace poslab::test;
    const int d = l.d, n = int(e.rows()), hd = d / l.heads;
    const double u64 = kUnitF64;
    Eigen::MatrixXd xMag(n, d);
    for (int i = 0; i < n; ++i) {
        const Eigen::RowVectorXd x = e.row(i) + p.row(i);
        const double mu = x.mean(), s = 1.0 / std::sqrt((x.array() - mu).square().sum() / d + l.eps);
        const double me = std::abs(e.row(i).mean()), mp = std::abs(p.row(i).mean());
        for (int c = 0; c < d; ++c)
            xMag(i, c) = s * (std::abs(e(i, c)) + me + std::abs(p(i, c)) + mp) * std::abs(l.g(c)) + 1.0;
    }
    const Eigen::MatrixXd aw = l.w.cwiseAbs();
    const Eigen::RowVectorXd ones = Eigen::RowVectorXd::Ones(d);
    const auto folded = [&](int at) {
        const Eigen::MatrixXd ws = aw.middleCols(at + h * hd, hd);
        const Eigen::RowVectorXd c =
            l.beta.cwiseAbs() * ws + l.b.segment(at + h * hd, hd).cwiseAbs() + ones * ws;
        const Eigen::MatrixXd mag = ws + ones.transpose() * c;
        return rounded(Bounded{mag, gamma(2 * d + 4, u64) * mag}, u);
    };
    const Bounded x = rounded(Bounded{xMag, gamma(4 * d, u64) * xMag}, u);
    const Bounded q = product(x, folded(0), u), k = product(x, folded(d), u);
    return scaled(product(q, transposed(k), u), 1.0 / std::sqrt(double(hd)), 3, u);
}

} // namespace

TEST(LoadedWeights, AGpt2LayersLogitsAreLn1ThenConv1DThenSplit)
{
    const Gpt2Layer l = gpt2Layer();
    TempFolder dir;
    writeGpt2(dir, l);
    WeightSpec spec;
    spec.path = dir.path();
    spec.layer = 1;
    const auto w = loadWeights(spec, schemeWeightRoles("learned"));
    ASSERT_NE(w->find("c_attn_weight"), nullptr);
    EXPECT_EQ(w->find("c_attn_weight")->print.tensor, "transformer.h.1.attn.c_attn.weight");
    EXPECT_EQ(w->find("ln_1_bias")->print.tensor, "transformer.h.1.ln_1.bias");
    const WeightDefaults defaults = weightDefaults(*w, "learned");
    EXPECT_EQ(defaults.dModel, 8);
    EXPECT_EQ(defaults.heads, 2); // n_head

    LabRequest r = request("learned", 0);
    r.text = "the cat sat on the mat";
    r.model.dModel = l.d;
    r.model.heads = l.heads;
    r.model.lambda = 0.7;
    r.matrix = "logits";
    r.weights = spec;
    const Sequence seq = r.sequence();
    ASSERT_EQ(seq.size(), 6);
    const Eigen::MatrixXd e = contentVectors(seq, r.effectiveModel()); // the toy content
    const Eigen::MatrixXd p = l.wpe.topRows(seq.size());               // the real wpe rows
    const Eigen::MatrixXd x = e + p;
    Lab lab;
    for (const EngineKind engine : {EngineKind::Reference, EngineKind::OneDnn})
        for (int h = 0; h < l.heads; ++h) {
            r.engine = engine;
            r.head = h;
            const Table t = lab.table(r);
            ASSERT_EQ(t.shape, (std::vector<std::size_t>{6, 6}));
            const Eigen::MatrixXd got =
                Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
                    t.data.data(), 6, 6);
            const Evaluated want = gpt2Logits(l, x, h);
            const double u =
                engine == EngineKind::Reference ? poslab::test::kUnitF64 : poslab::test::kUnitF32;
            const Eigen::MatrixXd bound = want.bound.err + labLogitsBound(l, e, p, h, u).err;
            const auto ok = poslab::test::excess(got, want.value, bound);
            EXPECT_LE(ok.ratio, 1.0) << "head " << h << ": " << ok;
            // Each misreading is far outside the bound: [in, out] read as [out, in], q and k
            // swapped, ln_1 or its β or the bias dropped.
            for (const Misread m :
                 {Misread::OutIn, Misread::SplitOrder, Misread::NoLn, Misread::NoBias, Misread::NoLnBias}) {
                const auto off = poslab::test::excess(got, gpt2Logits(l, x, h, m).value, bound);
                EXPECT_GT(off.ratio, 10.0) << "misreading " << int(m) << ", head " << h << ": " << off;
            }
        }

    // W_v is the layer's own: the output z of a one-token sequence is ln_1(x_0)·W_v + b_v.
    r.text = "cat";
    r.matrix = "out";
    r.engine = EngineKind::Reference;
    r.head = 0;
    const Table z = lab.table(r);
    const Eigen::RowVectorXd x0 = contentVectors(r.sequence(), r.effectiveModel()).row(0) + l.wpe.row(0);
    const double mu = x0.mean(), s = 1.0 / std::sqrt((x0.array() - mu).square().sum() / l.d + l.eps);
    const Eigen::RowVectorXd a0 = ((x0.array() - mu) * s * l.g.array()).matrix() + l.beta;
    const Eigen::RowVectorXd v = a0 * l.w.middleCols(2 * l.d, l.d) + l.b.segment(2 * l.d, l.d);
    ASSERT_EQ(z.shape, (std::vector<std::size_t>{1, 4}));
    for (int c = 0; c < 4; ++c) // head 0: columns 0..3 of v; terms of magnitude < 8, 2d + 8 roundings
        EXPECT_NEAR(z.at(0, std::size_t(c)), v(c),
                    poslab::test::gamma(4 * l.d + 8, poslab::test::kUnitF64) * 64.0)
            << c;
}

// The roles by GPT-2's names with or without "transformer.", and h.1 is not h.11.
TEST(LoadedWeights, Gpt2LayerRolesByName)
{
    const std::vector<std::pair<std::string, std::string>> names = {{"wpe.weight", "a"},
                                                                    {"h.11.attn.c_attn.weight", "a"},
                                                                    {"h.1.attn.c_attn.weight", "a"},
                                                                    {"h.1.attn.c_attn.bias", "a"},
                                                                    {"h.1.ln_1.weight", "a"},
                                                                    {"h.1.ln_1.bias", "a"},
                                                                    {"h.1.ln_2.weight", "a"},
                                                                    {"h.1.attn.bias", "a"}};
    std::vector<std::pair<std::string, std::string>> found;
    for (const TensorRole& role : findRoles(names, 1))
        found.emplace_back(role.role, role.tensor);
    EXPECT_EQ(found,
              (std::vector<std::pair<std::string, std::string>>{{"position_table", "wpe.weight"},
                                                                {"c_attn_weight", "h.1.attn.c_attn.weight"},
                                                                {"c_attn_bias", "h.1.attn.c_attn.bias"},
                                                                {"ln_1_weight", "h.1.ln_1.weight"},
                                                                {"ln_1_bias", "h.1.ln_1.bias"}}));
    EXPECT_EQ(findRoles(names, 11).size(), 2u); // wpe and h.11's c_attn
}

// Shapes a GPT-2 layer must have, each refused in one line naming the tensor.
TEST(LoadedWeights, AMalformedGpt2LayerIsOneLine)
{
    const Gpt2Layer l = gpt2Layer();
    LabRequest r = request("learned", 4);
    r.model.dModel = 8;
    r.model.heads = 2;
    const auto attempt = [&](const std::vector<poslab::test::FixtureTensor>& tensors) {
        TempFolder dir;
        dir.write("config.json", R"({"model_type": "gpt2", "n_embd": 8, "n_head": 2})");
        std::vector<poslab::test::FixtureTensor> all = {f32Tensor("wpe.weight", {6, 8}, rowMajor(l.wpe))};
        all.insert(all.end(), tensors.begin(), tensors.end());
        dir.write("model.safetensors", safetensorsOf(all));
        r.weights.path = dir.path();
        std::string e = errorOf([&] { validate(r, LabProduct::Table); });
        const std::string path = dir.path();
        for (std::size_t at; (at = e.find(path)) != std::string::npos;)
            e.replace(at, path.size(), "DIR");
        return e;
    };
    const auto c = f32Tensor("h.0.attn.c_attn.weight", {8, 24}, rowMajor(l.w));
    const auto b = f32Tensor("h.0.attn.c_attn.bias", {24}, values(l.b));
    const auto g = f32Tensor("h.0.ln_1.weight", {8}, values(l.g));
    const auto beta = f32Tensor("h.0.ln_1.bias", {8}, values(l.beta));
    EXPECT_EQ(attempt({c, b, g, beta}), "(no error)");
    // Stored [out, in] as a Linear would be: [3·d_model, d_model].
    EXPECT_EQ(
        attempt({f32Tensor("h.0.attn.c_attn.weight", {24, 8}, rowMajor(l.w)), b, g, beta}),
        "'h.0.attn.c_attn.weight' in 'DIR/model.safetensors' is [24, 8] but must be [8, 24] for d_model 8 "
        "(c_attn_weight [d_model, 3 \u00b7 d_model] ([in, out]))");
    EXPECT_EQ(attempt({c, f32Tensor("h.0.attn.c_attn.bias", {16}, std::vector<double>(16, 0.0)), g, beta}),
              "'h.0.attn.c_attn.bias' in 'DIR/model.safetensors' is [16] but must be [24] for d_model 8 "
              "(c_attn_bias [3 \u00b7 d_model] (a vector))");
    EXPECT_EQ(
        attempt({c, b, f32Tensor("h.0.ln_1.weight", {1, 8}, values(l.g)), beta}),
        "'h.0.ln_1.weight' in 'DIR/model.safetensors' is [1, 8]: ln_1_weight must be [d_model] (a vector)");
    EXPECT_EQ(attempt({c, b, g}), "'DIR' has c_attn_weight but no ln_1_bias for layer 0");
    // The heads are config.json's n_head.
    r.model.heads = 4;
    EXPECT_EQ(attempt({c, b, g, beta}),
              "heads must be 2, the n_head of config.json that the layer's c_attn is split into, got 4");
}
