// Weights from a checkpoint in place of the seeded ones (core/weights.h): SHA-256 against the
// FIPS 180-4 examples, a sinusoidal table saved as a "learned" one reproducing the sinusoidal
// scheme, T5's bias read back cell by cell, the fingerprints a session checks, and one clear line
// for each way a checkpoint can fail a scheme. Every file is written by the test.

#include "error.h"
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
