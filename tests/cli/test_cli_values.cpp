// The numbers poslab-cli prints, checked against the papers' formulas written out here,
// independently of core's code (core only bounds the engine's rounding, attentionbound.h).

#include "clitest.h"

#include "boundcheck.h"
#include "helixtable.h"
#include "tensorfixtures.h"

#include <algorithm>
#include <cmath>

using namespace poslab::test;

namespace {

// T5's _relative_position_bucket (mesh_tensorflow / HF transformers), relative_position = j − i.
long long t5Bucket(long long relativePosition, int numBuckets, int maxDistance, bool bidirectional)
{
    long long ret = 0;
    long long n = -relativePosition;
    if (bidirectional) {
        numBuckets /= 2;
        ret += n < 0 ? numBuckets : 0;
        n = std::llabs(n);
    } else {
        n = std::max(n, 0LL);
    }
    const int maxExact = numBuckets / 2;
    if (n < maxExact) return ret + n;
    const double large = maxExact + std::floor(std::log(static_cast<double>(n) / maxExact) /
                                               std::log(static_cast<double>(maxDistance) / maxExact) *
                                               (numBuckets - maxExact));
    return ret + std::min<long long>(static_cast<long long>(large), numBuckets - 1);
}

// ALiBi's get_slopes from the paper's repository (ofirpress/attention_with_linear_biases).
std::vector<double> alibiSlopes(int n)
{
    auto powerOfTwo = [](int m) {
        const double start = std::pow(2.0, -std::pow(2.0, -(std::log2(m) - 3)));
        std::vector<double> s;
        for (int i = 0; i < m; ++i)
            s.push_back(start * std::pow(start, i));
        return s;
    };
    const double lg = std::log2(n);
    if (lg == std::floor(lg)) return powerOfTwo(n);
    const int closest = 1 << static_cast<int>(std::floor(lg));
    std::vector<double> s = powerOfTwo(closest);
    const std::vector<double> twice = alibiSlopes(2 * closest);
    for (int k = 0; k < n - closest; ++k)
        s.push_back(twice[static_cast<std::size_t>(2 * k)]);
    return s;
}

void expectSquare(const Matrix& m, std::size_t n)
{
    ASSERT_EQ(m.size(), n);
    for (const auto& row : m)
        ASSERT_EQ(row.size(), n);
}

std::vector<double> flat(const Matrix& m)
{
    std::vector<double> out;
    for (const auto& row : m)
        out.insert(out.end(), row.begin(), row.end());
    return out;
}

} // namespace

TEST(CliValues, DeltaIsJMinusIExactly)
{
    const CliResult r = succeed(computeArgs({"--scheme", "none", "--n", "5", "--what", "delta"}));
    EXPECT_EQ(r.out, "0,1,2,3,4\n-1,0,1,2,3\n-2,-1,0,1,2\n-3,-2,-1,0,1\n-4,-3,-2,-1,0\n");
}

TEST(CliValues, ShawBucketIsClippedOffsetPlusK)
{
    const Matrix m =
        csvOf(computeArgs({"--scheme", "shaw", "--param", "k=2", "--n", "7", "--what", "bucket"}));
    expectSquare(m, 7);
    for (int i = 0; i < 7; ++i)
        for (int j = 0; j < 7; ++j)
            EXPECT_EQ(m[i][j], std::clamp(j - i, -2, 2) + 2) << i << "," << j;
}

TEST(CliValues, T5BidirectionalBucketsMatchTheOfficialFormula)
{
    const Matrix m = csvOf(computeArgs({"--scheme", "t5", "--what", "bucket", "--n", "200"}));
    expectSquare(m, 200);
    // Worked by hand from the formula (num_buckets 32, max_distance 128: 16 per direction, 8 exact).
    EXPECT_EQ(m[0][0], 0);
    EXPECT_EQ(m[0][1], 17); // key after the query: upper half
    EXPECT_EQ(m[1][0], 1);
    EXPECT_EQ(m[0][7], 23); // last exact bucket
    EXPECT_EQ(m[0][8], 24); // 16 + 8 + floor(log(1)/log(16)·8)
    EXPECT_EQ(m[8][0], 8);
    EXPECT_EQ(m[0][16], 26); // 16 + 8 + floor(log(2)/log(16)·8) = 16 + 8 + 2
    EXPECT_EQ(m[16][0], 10);
    EXPECT_EQ(m[0][32], 28);
    EXPECT_EQ(m[0][64], 30);
    EXPECT_EQ(m[0][127], 31); // capped at num_buckets − 1
    EXPECT_EQ(m[0][199], 31);
    EXPECT_EQ(m[199][0], 15);
    for (int i = 0; i < 200; ++i)
        for (int j = 0; j < 200; ++j)
            ASSERT_EQ(m[i][j], t5Bucket(j - i, 32, 128, true)) << i << "," << j;
}

TEST(CliValues, T5UnidirectionalAndCustomBuckets)
{
    const Matrix uni = csvOf(computeArgs(
        {"--scheme", "t5", "--param", "bidirectional=false", "--what", "bucket", "--n", "150", "--causal"}));
    expectSquare(uni, 150);
    for (int i = 0; i < 150; ++i)
        for (int j = 0; j < 150; ++j)
            ASSERT_EQ(uni[i][j], t5Bucket(j - i, 32, 128, false)) << i << "," << j;
    const Matrix small = csvOf(computeArgs({"--scheme", "t5", "--param", "num_buckets=8", "--param",
                                            "max_distance=20", "--what", "bucket", "--n", "40"}));
    for (int i = 0; i < 40; ++i)
        for (int j = 0; j < 40; ++j)
            ASSERT_EQ(small[i][j], t5Bucket(j - i, 8, 20, true)) << i << "," << j;
}

// --what freqs: one row per rotary pair, inv_freq after HF's scaling (modeling_rope_utils.py,
// _compute_llama3_parameters) and before, with the attention factor and the dtype at the top level.
TEST(CliValues, RopeFreqsOfLlama31)
{
    const JsonValue j =
        jsonOf(computeArgs({"--scheme", "rope", "--param", "scaling=llama3", "--param", "base=500000",
                            "--param", "factor=8", "--param", "original_max_position=8192", "--d-model",
                            "128", "--heads", "1", "--n", "10", "--what", "freqs"}));
    EXPECT_EQ(j["what"].text, "freqs");
    EXPECT_EQ(j["attention_factor"].number, 1.0);
    EXPECT_EQ(j["dtype"].text, "float64");
    ASSERT_EQ(j["columns"].size(), 4u);
    EXPECT_EQ(j["columns"][1].text, "inv_freq");
    EXPECT_EQ(j["columns"][2].text, "inv_freq_unscaled");
    ASSERT_EQ(j["data"].size(), 64u);
    // wavelength 2π·500000^(c/64) < L0/high = 2048 up to pair 28: kept; > L0/low = 8192 from pair 35: ÷ 8
    for (int c = 0; c < 64; ++c) {
        const JsonValue& row = j["data"][static_cast<std::size_t>(c)];
        const double theta = std::pow(500000.0, -2.0 * c / 128);
        EXPECT_EQ(row[0].number, c);
        EXPECT_NEAR(row[2].number, theta, 1e-15 * theta) << c;
        if (c <= 28) {
            EXPECT_NEAR(row[1].number, theta, 1e-15 * theta) << c;
        } else if (c >= 35) {
            EXPECT_NEAR(row[1].number, theta / 8, 1e-15 * theta) << c;
        } else {
            EXPECT_TRUE(row[1].number > theta / 8 && row[1].number < theta) << c;
        }
    }
}

// _compute_yarn_parameters: attention_factor = 0.1·ln(factor) + 1; _compute_longrope_parameters:
// the long list only when n > L0.
TEST(CliValues, RopeFreqsAttentionFactorAndSequenceLength)
{
    const JsonValue yarn = jsonOf(computeArgs({"--scheme", "rope", "--param", "scaling=yarn", "--param",
                                               "factor=4", "--n", "5", "--what", "freqs"}));
    EXPECT_NEAR(yarn["attention_factor"].number, 0.1 * std::log(4.0) + 1, 1e-15);
    EXPECT_EQ(yarn["data"].size(), 8u); // d_model 64 / 4 heads = 16 dims, 8 pairs
    auto longrope = [](const char* n) {
        return jsonOf(
            computeArgs({"--scheme", "rope", "--param", "scaling=longrope", "--param", "factor=4", "--param",
                         "original_max_position=16", "--param", "short_factor=1,1,1,1,1,1,1,1", "--param",
                         "long_factor=2,2,2,2,2,2,2,2", "--n", n, "--what", "freqs"}));
    };
    const JsonValue below = longrope("16"), above = longrope("17");
    EXPECT_NEAR(below["attention_factor"].number, std::sqrt(1.5), 1e-15); // sqrt(1 + ln 4 / ln 16)
    for (std::size_t c = 0; c < 8; ++c) {
        const double theta = below["data"][c][2].number; // 1/(1·base^x) and base^(−x): an ulp apart
        EXPECT_NEAR(below["data"][c][1].number, theta, 1e-15 * theta) << c;
        EXPECT_NEAR(above["data"][c][1].number, above["data"][c][2].number / 2, 1e-16) << c;
    }
}

// --what context: the context-extension view's pairs for yarn trained at L0 = 16 and run at n = 64,
// head_dim 8: θ_k = 10000^(−k/4); YaRN's ramp (find_correction_range) is low 0, high 1 here
// (8·ln(16/(2π·32))/(2 ln 10000) = −1.10 → 0, 8·ln(16/2π)/(2 ln 10000) = 0.41 → 1): pair 0 kept
// (kind 0), pairs 1–3 divided by 4 (kind 1). Training saw angles [0, 16·θ_k); at n = 64 the largest
// is 63·θ'_k: 15.75·θ_k for the interpolated pairs, so nothing is unseen.
TEST(CliValues, RopeContextPairsOfYarn)
{
    const JsonValue j = jsonOf(computeArgs({"--scheme", "rope", "--param", "scaling=yarn", "--param", "factor=4",
                                            "--param", "original_max_position=16", "--d-model", "8", "--heads",
                                            "1", "--n", "64", "--what", "context"}));
    EXPECT_EQ(j["what"].text, "context");
    EXPECT_EQ(j["L0"].number, 16);
    EXPECT_EQ(j["L"].number, 64);
    EXPECT_NEAR(j["attention_factor"].number, 0.1 * std::log(4.0) + 1, 1e-15);
    ASSERT_EQ(j["columns"].size(), 13u);
    EXPECT_EQ(j["columns"][8].text, "kind");
    EXPECT_EQ(j["columns"][12].text, "unseen");
    ASSERT_EQ(j["data"].size(), 4u);
    for (int k = 0; k < 4; ++k) {
        const JsonValue& row = j["data"][std::size_t(k)];
        const double theta = std::pow(10000.0, -k / 4.0), scaled = k == 0 ? theta : theta / 4;
        const double pi = 3.14159265358979323846;
        EXPECT_NEAR(row[1].number, theta, 1e-15 * theta) << k;
        EXPECT_NEAR(row[2].number, scaled, 1e-15 * theta) << k;
        EXPECT_NEAR(row[4].number, 2 * pi / scaled, 1e-12 * row[4].number) << k;
        EXPECT_NEAR(row[6].number, 2 * pi / scaled / 16, 1e-12 * row[6].number) << k;
        EXPECT_EQ(row[8].number, k == 0 ? 0 : 1) << k;
        EXPECT_NEAR(row[9].number, 15 * theta, 1e-13) << k;
        EXPECT_EQ(row[10].number, k == 0 ? 1 : 0) << k; // a full turn below L0: 16 ≥ 2π only for θ = 1
        EXPECT_NEAR(row[11].number, 63 * scaled, 1e-13) << k;
        EXPECT_EQ(row[12].number, 0) << k;
    }
    // Without scaling, pairs 1–3 reach 63·θ_k ≥ 16·θ_k: angles training never produced.
    const Matrix none = csvOf(computeArgs({"--scheme", "rope", "--param", "original_max_position=16", "--d-model",
                                           "8", "--heads", "1", "--n", "64", "--what", "context"}));
    ASSERT_EQ(none.size(), 4u);
    for (int k = 0; k < 4; ++k)
        EXPECT_EQ(none[std::size_t(k)][12], k == 0 ? 0 : 1) << k;
}

// --what context-curves: a row per distance t = 0 .. n − 1, a score column per scaling (a²·Σ cos θ'_k·t
// with q = k aligned) and an attention column per scaling. Without scaling, score(1) = cos 1 + cos 0.1 +
// cos 0.01 + cos 0.001; linear's is Σ cos(θ_k/4).
TEST(CliValues, RopeContextCurves)
{
    const JsonValue j = jsonOf(computeArgs({"--scheme", "rope", "--param", "factor=4", "--param",
                                            "original_max_position=16", "--d-model", "8", "--heads", "1",
                                            "--n", "64", "--what", "context-curves"}));
    const std::vector<std::string> columns = {"distance",         "score_none",         "score_linear",
                                              "score_dynamic",    "score_yarn",         "score_llama3",
                                              "attention_none",   "attention_linear",   "attention_dynamic",
                                              "attention_yarn",   "attention_llama3"};
    ASSERT_EQ(j["columns"].size(), columns.size());
    for (std::size_t c = 0; c < columns.size(); ++c)
        EXPECT_EQ(j["columns"][c].text, columns[c]);
    ASSERT_EQ(j["data"].size(), 64u);
    double none = 0, linear = 0, total = 0;
    for (int k = 0; k < 4; ++k) {
        none += std::cos(std::pow(10000.0, -k / 4.0));
        linear += std::cos(std::pow(10000.0, -k / 4.0) / 4);
    }
    EXPECT_NEAR(j["data"][1][1].number, none, 1e-14);
    EXPECT_NEAR(j["data"][1][2].number, linear, 1e-14);
    EXPECT_NEAR(j["data"][0][4].number, 4 * std::pow(0.1 * std::log(4.0) + 1, 2), 1e-14); // yarn's a²·4
    for (std::size_t t = 0; t < 64; ++t)
        total += j["data"][t][6].number;
    EXPECT_NEAR(total, 1, 1e-13);
    EXPECT_TRUE(j["skipped_longrope"].text.find("short_factor") != std::string::npos) << j["skipped_longrope"].text;
}

TEST(CliValues, AlibiSlopesForPowerOfTwoHeads)
{
    const Matrix m =
        csvOf(computeArgs({"--scheme", "alibi", "--heads", "8", "--n", "4", "--what", "slopes"}));
    ASSERT_EQ(m.size(), 8u);
    for (int h = 0; h < 8; ++h) {
        ASSERT_EQ(m[h].size(), 1u);
        EXPECT_EQ(m[h][0], std::ldexp(1.0, -(h + 1))) << h;
    }
}

TEST(CliValues, AlibiSlopesForOtherHeadCountsFollowThePaperCode)
{
    // 6 heads: the 4-head slopes 2^-2, 2^-4, 2^-6, 2^-8, then every other 8-head slope: 2^-1, 2^-3.
    const Matrix six = csvOf(computeArgs(
        {"--scheme", "alibi", "--heads", "6", "--d-model", "48", "--n", "4", "--what", "slopes"}));
    const std::vector<double> expected = {0.25, 0.0625, 0.015625, 0.00390625, 0.5, 0.125};
    ASSERT_EQ(six.size(), expected.size());
    for (std::size_t h = 0; h < expected.size(); ++h)
        EXPECT_EQ(six[h][0], expected[h]) << h;
    EXPECT_EQ(alibiSlopes(6), expected); // the transcription of get_slopes agrees

    // Two transcriptions in double: each slope is start^(h+1) (or start·start^h) with start = 2^(−x)
    // from pow, each pow within 1 ulp (2u, u = 2^−53) and the product one rounding; the error of
    // start grows (h + 1)-fold, so each side is within ((h + 1)·2 + 3)u and they differ by twice that.
    for (int heads : {1, 2, 3, 5, 12, 16}) {
        const Matrix m =
            csvOf(computeArgs({"--scheme", "alibi", "--heads", std::to_string(heads), "--d-model",
                               std::to_string(heads * 4), "--n", "2", "--what", "slopes"}));
        const std::vector<double> want = alibiSlopes(heads);
        ASSERT_EQ(m.size(), want.size()) << heads;
        for (std::size_t h = 0; h < want.size(); ++h) {
            // the slopes of the closest power of two come from 2·closest heads: exponent up to 2·heads
            const double k = 2.0 * heads;
            expectNear(m[h][0], want[h], 2 * gamma(2 * k + 3, kUnitF64) * want[h],
                       std::to_string(heads) + " heads, head " + std::to_string(h));
        }
    }
}

// KERPLE through poslab-cli: the log kernel of chijames/KERPLE megatron/mpu/layers.py,
// ParallelKerpleLog.forward, −bias_p·log(1 + bias_a·tril(i − j)) with bias_p = 1.5, bias_a = 0.5
// (Python math.log: −0.6081976621622466, −1.0397207708399179, −1.3744360978112327), within the
// oneDNN engine's bound for the bias.
TEST(CliValues, KerpleBiasIsTheOfficialLogKernel)
{
    const Matrix m = csvOf(computeArgs({"--scheme", "kerple", "--param", "p=1.5", "--param", "a=0.5", "--n", "4",
                                        "--what", "bias", "--head", "1", "--causal"}));
    expectSquare(m, 4);
    poslab::ModelConfig model;
    model.causal = true;
    const auto scheme = poslab::makeScheme("kerple", {{"p", "1.5"}, {"a", "0.5"}}, model);
    const poslab::Sequence seq = poslab::Sequence::positions(4);
    const poslab::AttentionResult oracle = poslab::referenceAttention(*scheme, seq);
    const Eigen::MatrixXd bound = headBound(poslab::makePlan(*scheme, seq), 1, oracle.heads[1], {}).bias;
    const double kernel[] = {0.0, -0.6081976621622466, -1.0397207708399179, -1.3744360978112327};
    Eigen::MatrixXd got = Eigen::MatrixXd::Zero(4, 4), want = Eigen::MatrixXd::Zero(4, 4);
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j <= i; ++j) {
            got(i, j) = m[i][j];
            want(i, j) = kernel[i - j];
        }
    expectWithin(got, want, bound, "kerple bias of head 1");
}

// The oneDNN engine's bias (logits − content-content, f32 products subtracted in double) is
// −m·|Δ| within its error bound, computed from the same model in process (attentionbound.h).
TEST(CliValues, AlibiBiasIsMinusSlopeTimesDistance)
{
    const Matrix m = csvOf(computeArgs(
        {"--scheme", "alibi", "--heads", "8", "--n", "6", "--what", "bias", "--head", "2", "--causal"}));
    expectSquare(m, 6);
    poslab::ModelConfig model;
    model.heads = 8;
    model.causal = true;
    const auto scheme = poslab::makeScheme("alibi", {}, model);
    const poslab::Sequence seq = poslab::Sequence::positions(6);
    const poslab::AttentionResult oracle = poslab::referenceAttention(*scheme, seq);
    const Eigen::MatrixXd bound = headBound(poslab::makePlan(*scheme, seq), 2, oracle.heads[2], {}).bias;
    Eigen::MatrixXd got(6, 6), want(6, 6);
    for (int i = 0; i < 6; ++i)
        for (int j = 0; j < 6; ++j) {
            got(i, j) = j <= i ? m[i][j] : 0.0; // keys after the query: not part of this check
            want(i, j) = j <= i ? -0.125 * (i - j) : 0.0;
        }
    expectWithin(got, want, bound, "alibi bias of head 2");
}

TEST(CliValues, ProbabilityRowsSumToOne)
{
    for (const std::string scheme : {"none", "sinusoidal", "learned", "shaw", "transformer-xl", "t5", "alibi",
                                     "rope", "deberta", "seed-linear", "kerple", "nope", "xpos"})
        for (int n : {1, 7, 33})
            for (bool causal : {false, true}) {
                std::vector<std::string> args = {"--scheme", scheme,  "--n",    std::to_string(n),
                                                 "--what",   "probs", "--head", "1"};
                if (causal) args.push_back("--causal");
                const Matrix m = csvOf(computeArgs(args));
                SCOPED_TRACE(scheme + " n=" + std::to_string(n) + (causal ? " causal" : ""));
                expectSquare(m, static_cast<std::size_t>(n));
                // The engine normalises each kept row in double: Σ_j p_ij = Σ e_j·fl(1 / fl(Σ e_k)),
                // summed here again: n − 1 + n − 1 additions, n products and the division, γ_{2n}
                // (Higham Lemma 3.3), u = 2^−53. Masked cells are exactly 0.
                const double tolerance = gamma(2 * n, kUnitF64);
                for (int i = 0; i < n; ++i) {
                    double sum = 0.0;
                    for (int j = 0; j < n; ++j) {
                        EXPECT_GE(m[i][j], 0.0);
                        EXPECT_LE(m[i][j], 1.0);
                        if (causal && j > i) {
                            EXPECT_EQ(m[i][j], 0.0) << i << "," << j;
                        }
                        sum += m[i][j];
                    }
                    expectNear(sum, 1.0, tolerance, "row " + std::to_string(i));
                }
            }
}

TEST(CliValues, ProbabilitiesOfTextAreRowStochasticToo)
{
    const Matrix m = csvOf(computeArgs({"--scheme", "rope", "--text", "the cat sat on the mat", "--what",
                                        "probs", "--lambda", "0.5", "--temperature", "2", "--seed", "7"}));
    expectSquare(m, 6);
    for (const auto& row : m) {
        double sum = 0.0;
        for (double p : row)
            sum += p;
        expectNear(sum, 1.0, gamma(2 * 6, kUnitF64), "a row"); // as above
    }
}

TEST(CliValues, CausalLogitsAreNullAboveTheDiagonalInJson)
{
    const JsonValue j = jsonOf(computeArgs({"--scheme", "t5", "--n", "4", "--what", "logits", "--causal"}));
    const JsonValue& data = j["data"];
    ASSERT_EQ(data.size(), 4u);
    for (std::size_t i = 0; i < 4; ++i) {
        ASSERT_EQ(data[i].size(), 4u);
        for (std::size_t k = 0; k < 4; ++k) {
            if (k > i)
                EXPECT_TRUE(data[i][k].isNull()) << i << "," << k;
            else
                EXPECT_EQ(data[i][k].type, JsonValue::Type::Number) << i << "," << k;
        }
    }
    // CSV keeps the mask as -inf.
    const Matrix m = csvOf(computeArgs({"--scheme", "t5", "--n", "4", "--what", "logits", "--causal"}));
    EXPECT_TRUE(std::isinf(m[0][3]) && m[0][3] < 0);
    EXPECT_TRUE(std::isfinite(m[3][0]));
}

// The closed form here and core's both in double: the angle p·base^(−2k/d) from pow (within 1 ulp,
// 2u) and one product or division, so each within γ_3 relative and the two within 2γ_3·|angle|;
// sin and cos are 1-Lipschitz and each within 1 ulp (2u) of values of magnitude ≤ 1.
namespace {
double peTolerance(double angle)
{
    return 2 * gamma(3, kUnitF64) * std::abs(angle) + 4 * kUnitF64;
}
} // namespace

TEST(CliValues, SinusoidalPeIsTheClosedForm)
{
    const Matrix m =
        csvOf(computeArgs({"--scheme", "sinusoidal", "--n", "3", "--d-model", "4", "--what", "pe"}));
    ASSERT_EQ(m.size(), 3u);
    for (int p = 0; p < 3; ++p) {
        ASSERT_EQ(m[p].size(), 4u);
        for (int k = 0; k < 2; ++k) {
            const double angle = p / std::pow(10000.0, 2.0 * k / 4.0);
            const std::string at = std::to_string(p) + "," + std::to_string(k);
            expectNear(m[p][2 * k], std::sin(angle), peTolerance(angle), "sin " + at);
            expectNear(m[p][2 * k + 1], std::cos(angle), peTolerance(angle), "cos " + at);
        }
    }
}

TEST(CliValues, SinusoidalPeWithCustomBase)
{
    const Matrix m = csvOf(computeArgs({"--scheme", "sinusoidal", "--param", "base=100", "--n", "5",
                                        "--d-model", "8", "--heads", "2", "--what", "pe"}));
    ASSERT_EQ(m.size(), 5u);
    for (int p = 0; p < 5; ++p)
        for (int k = 0; k < 4; ++k) {
            const double angle = p / std::pow(100.0, 2.0 * k / 8.0);
            expectNear(m[p][2 * k], std::sin(angle), peTolerance(angle), "sin");
            expectNear(m[p][2 * k + 1], std::cos(angle), peTolerance(angle), "cos");
        }
}

TEST(CliValues, NoneHasZeroPeAndLearnedHasOne)
{
    const Matrix none =
        csvOf(computeArgs({"--scheme", "none", "--n", "3", "--d-model", "8", "--what", "pe"}));
    ASSERT_EQ(none.size(), 3u);
    for (double v : flat(none))
        EXPECT_EQ(v, 0.0);
    const Matrix learned =
        csvOf(computeArgs({"--scheme", "learned", "--n", "3", "--d-model", "8", "--what", "pe"}));
    ASSERT_EQ(learned.size(), 3u);
    EXPECT_EQ(learned[0].size(), 8u);
    EXPECT_NE(learned[0], learned[1]); // one row per position
}

TEST(CliValues, ChineseTextGivesOneTokenPerCharacter)
{
    const JsonValue j = jsonOf(computeArgs({"--scheme", "rope", "--text", "注意力 机制", "--what", "probs"}));
    ASSERT_EQ(j["shape"].size(), 2u);
    EXPECT_EQ(j["shape"][0].number, 5);
    EXPECT_EQ(j["shape"][1].number, 5);
    const std::vector<std::string> want = {"注", "意", "力", "机", "制"};
    ASSERT_EQ(j["tokens"].size(), want.size());
    for (std::size_t k = 0; k < want.size(); ++k)
        EXPECT_EQ(j["tokens"][k].text, want[k]);
    const Matrix m = csvOf(computeArgs({"--scheme", "rope", "--text", "注意力 机制", "--what", "probs"}));
    expectSquare(m, 5);
}

TEST(CliValues, CharTokenizerSplitsEveryCharacter)
{
    const JsonValue j =
        jsonOf(computeArgs({"--scheme", "none", "--text", "ab c", "--tokenizer", "char", "--what", "delta"}));
    ASSERT_EQ(j["tokens"].size(), 3u);
    EXPECT_EQ(j["tokens"][0].text, "a");
    EXPECT_EQ(j["tokens"][2].text, "c");
}

TEST(CliValues, DeltaCurveCoversTheRange)
{
    const JsonValue j = jsonOf(computeArgs(
        {"--scheme", "alibi", "--heads", "8", "--n", "2", "--what", "delta-curve", "--range", "3"}));
    const JsonValue& data = j["data"];
    ASSERT_EQ(data.size(), 7u);
    ASSERT_TRUE(j.has("columns"));
    ASSERT_EQ(j["columns"].size(), data[0].size());
    EXPECT_EQ(j["columns"][0].text, "delta");
    for (std::size_t r = 0; r < 7; ++r)
        EXPECT_EQ(data[r][0].number, static_cast<double>(r) - 3.0);
    // Head 0 of 8 has slope 1/2: bias −|Δ|/2, exact (a power of two times a small integer).
    for (std::size_t r = 0; r < 7; ++r)
        EXPECT_EQ(data[r][1].number, -0.5 * std::abs(static_cast<double>(r) - 3.0));
}

TEST(CliValues, SameSeedSameNumbersOtherSeedOtherNumbers)
{
    const std::vector<std::string> base = {"compute", "--scheme", "shaw", "--n", "6", "--what", "logits"};
    auto with = [&](std::vector<std::string> extra) {
        std::vector<std::string> a = base;
        a.insert(a.end(), extra.begin(), extra.end());
        return succeed(a).out;
    };
    EXPECT_EQ(with({"--seed", "3"}), with({"--seed", "3"}));
    EXPECT_NE(with({"--seed", "3"}), with({"--seed", "4"}));
}

// CoPE's counted positions through poslab-cli: --what positions is the head's p_ij of
// facebookresearch/RAM context_position.py (ContextPosSelfAttn.forward): with the causal mask each
// row's positions fall from the first key to the diagonal by one gate σ(·) ∈ (0, 1) per key, hidden
// keys count 0, and the numbers are the oracle's (countedPositions, in double) as written.
TEST(CliValues, CopePositionsAreTheCountedGates)
{
    const Matrix m = csvOf(computeArgs(
        {"--scheme", "cope", "--text", "the cat sat on the mat", "--what", "positions", "--head", "1", "--causal"}));
    expectSquare(m, 6);
    poslab::ModelConfig model;
    model.causal = true;
    const auto scheme = poslab::makeScheme("cope", {}, model);
    const poslab::Sequence seq = poslab::Sequence::fromText("the cat sat on the mat", poslab::TokenizerMode::Word);
    const poslab::AttentionPlan plan = poslab::makePlan(*scheme, seq);
    const int hd = model.headDim();
    const Eigen::MatrixXd want = scheme->countedPositions(
        {plan.model, 1, 0, plan.content, plan.pe, plan.proj->wq.middleCols(hd, hd), plan.proj->wk.middleCols(hd, hd),
         plan.proj->wv.middleCols(hd, hd)});
    for (int i = 0; i < 6; ++i)
        for (int j = 0; j < 6; ++j) {
            EXPECT_DOUBLE_EQ(m[i][j], want(i, j)) << i << ", " << j;
            if (j > i) {
                EXPECT_EQ(m[i][j], 0.0);
            }
            if (j < i) {
                EXPECT_GT(m[i][j] - m[i][j + 1], 0.0);
                EXPECT_LT(m[i][j] - m[i][j + 1], 1.0);
            }
        }
}

// FIRE's Δ-curve columns are query positions L, 4L, 16L for every head; CoPE has none and says why in
// one line; positions of a scheme that counts none is the scheme's own one-line error.
TEST(CliValues, FireCurveAndCopeRefusals)
{
    const std::string curve = succeed(computeArgs({"--scheme", "fire", "--n", "4", "--heads", "2", "--what",
                                                   "delta-curve", "--range", "3", "--format", "json"}))
                                  .out;
    for (const char* column : {"bias_i512_head0", "bias_i2048_head1", "bias_i8192_head1"})
        EXPECT_NE(curve.find(column), std::string::npos) << column;
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"compute", "--scheme", "cope", "--n", "4", "--what", "delta-curve"},
          std::vector<std::string>{"compute", "--scheme", "fire", "--n", "4", "--what", "positions"},
          std::vector<std::string>{"compute", "--scheme", "fire", "--param", "c=-1"}}) {
        const CliResult r = runCli(args);
        EXPECT_NE(r.exitCode, 0) << joined(args);
        EXPECT_EQ(r.out, "");
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    }
    EXPECT_NE(runCli({"compute", "--scheme", "cope", "--n", "4", "--what", "delta-curve"}).err.find("depend on the tokens"),
              std::string::npos);
}

// --what pe-components and pe-norms of a checkpoint's table: a helix written as GPT-2's wpe
// (helixtable.h), whose principal components (scikit-learn's signs), their shares of the variance
// and the norms are known in closed form; CSV, JSON and NPY carry the same numbers.
TEST(CliValues, PrincipalComponentsAndNormsOfALoadedTable)
{
    const HelixTable h;
    TempFolder dir;
    dir.write("config.json", R"({"model_type": "gpt2", "n_embd": 6, "n_head": 2, "n_positions": 24})");
    dir.write("model.safetensors",
              safetensorsOf({f64Tensor("transformer.wpe.weight", {std::uint64_t(h.n), std::uint64_t(h.d)},
                                       h.rowMajor())}));
    const std::vector<std::string> base = {"compute", "--scheme", "learned", "--weights", dir.path(), "--n",
                                           std::to_string(h.n)};
    const auto with = [&](std::vector<std::string> more) {
        std::vector<std::string> args = base;
        args.insert(args.end(), more.begin(), more.end());
        return args;
    };
    const Matrix pcs = csvOf(with({"--what", "pe-components"}));
    ASSERT_EQ(pcs.size(), std::size_t(h.n));
    for (int i = 0; i < h.n; ++i) {
        ASSERT_EQ(pcs[std::size_t(i)].size(), 3u);
        for (int c = 0; c < 3; ++c)
            expectNear(pcs[std::size_t(i)][std::size_t(c)], h.score(i, c), h.scoreBound(i, c),
                       "position " + std::to_string(i) + ", pc" + std::to_string(c + 1));
    }
    const JsonValue json = jsonOf(with({"--what", "pe-components"}));
    EXPECT_EQ(json["what"].text, "pe-components");
    ASSERT_EQ(json["columns"].size(), 3u);
    EXPECT_EQ(json["columns"][0].text, "pc1");
    for (int c = 0; c < 3; ++c) {
        const std::string key = "explained_pc" + std::to_string(c + 1);
        expectNear(json[key].number, h.explained(c), h.explainedBound(c), key);
        for (int i = 0; i < h.n; ++i)
            EXPECT_EQ(json["data"][std::size_t(i)][std::size_t(c)].number, pcs[std::size_t(i)][std::size_t(c)]);
    }
    const Matrix norms = csvOf(with({"--what", "pe-norms"}));
    ASSERT_EQ(norms.size(), std::size_t(h.n));
    const NpyArray npy = parseNpy(succeed(with({"--what", "pe-norms", "--format", "npy"})).out);
    ASSERT_EQ(npy.shape, std::vector<std::size_t>{std::size_t(h.n)});
    for (int i = 0; i < h.n; ++i) {
        ASSERT_EQ(norms[std::size_t(i)].size(), 1u);
        expectNear(norms[std::size_t(i)][0], h.norm(i), h.normBound(i), "norm " + std::to_string(i));
        EXPECT_EQ(npy.values[std::size_t(i)], norms[std::size_t(i)][0]);
    }
}

// Fewer positions or dimensions than three components: as many as there are.
TEST(CliValues, FewerComponentsThanThreeWhenTheTableIsSmaller)
{
    const Matrix two = csvOf(computeArgs({"--scheme", "sinusoidal", "--n", "2", "--d-model", "8", "--heads", "2",
                                          "--what", "pe-components"}));
    ASSERT_EQ(two.size(), 2u);
    EXPECT_EQ(two[0].size(), 2u);
    const Matrix norms = csvOf(computeArgs({"--scheme", "sinusoidal", "--n", "3", "--d-model", "8", "--heads", "2",
                                            "--what", "pe-norms"}));
    ASSERT_EQ(norms.size(), 3u);
    // sin² + cos² per pair: ‖PE_i‖ = √(d/2) = 2. Each of the 8 entries within peTolerance (angles ≤ 2)
    // of its exact value moves the norm by at most √8 times that; the norm of 8 entries rounds
    // within γ₉ (8 products and sums, a square root) of its value, about 2.
    const double moved = std::sqrt(8.0) * peTolerance(2.0);
    const double tol = moved + gamma(9, kUnitF64) * (2 + moved);
    for (const auto& row : norms)
        expectNear(row[0], 2.0, tol, "sinusoid norm");
}
