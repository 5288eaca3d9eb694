// Acceptance tests for PosLab's relative schemes: Shaw et al. 2018, Transformer-XL (Dai et al. 2019),
// T5 (Raffel et al. 2020), DeBERTa-v2 log buckets (He et al. 2021), the seed article's linear Δ map,
// ALiBi (Press et al. 2022) and RoPE (Su et al. 2021).
//
// Expected bucket tables are literal numbers computed outside the code under test from the official
// code (mesh-tensorflow / HF _relative_position_bucket in float32; DeBERTa make_log_bucket_position in
// float64 and float32, which agree on every value used here). Score checks are closed forms or
// structural identities (a term that may depend only on Δ must be Toeplitz, ...).
//
// Tolerances compare double with double, as in test_schemes.cpp: 1e-12 above the rounding of a few
// dozen operations (u = 1.1e-16), 1e-9 as the smallest change a term must make to count as present.
//
// Conventions: positions are 0-based, i = query (row), j = key (column), Δ = j − i.

#include "attention.h"
#include "error.h"
#include "lab.h"
#include "model.h"
#include "scheme.h"
#include "schemetest.h"

#include <gtest/gtest.h>

#include <Eigen/QR>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <vector>

using namespace poslab;
using Eigen::MatrixXd;
using poslab::test::makeModel;
using poslab::test::matNear;

namespace {

using poslab::test::kInf;
using poslab::test::maxAbsDiff;

namespace {

// The table `poslab-cli compute --engine reference` writes for `scheme` on `positions` bare positions
// (or on `text` when positions is 0).
Table referenceTable(const std::string& scheme, const RawParams& params, const ModelConfig& model,
                     const std::string& matrix, int head, int positions, const std::string& text = {})
{
    LabRequest r;
    r.scheme = scheme;
    r.params = params;
    r.model = model;
    r.positions = positions;
    r.text = text;
    r.engine = EngineKind::Reference;
    r.matrix = matrix;
    r.head = head;
    return Lab().table(r);
}

} // namespace

// Logits of a plain dot-product head: (q kᵀ)·scale + bias, divided by T, −inf above the diagonal when causal.
MatrixXd expectedLogits(const ModelConfig& m, const MatrixXd& q, const MatrixXd& k, double scale,
                        const MatrixXd& bias)
{
    MatrixXd l = (q * k.transpose()) * scale + bias;
    l /= m.temperature;
    if (m.causal)
        for (Eigen::Index i = 0; i < l.rows(); ++i)
            for (Eigen::Index j = i + 1; j < l.cols(); ++j)
                l(i, j) = -kInf;
    return l;
}

MatrixXd tableMatrix(const Table& t)
{
    MatrixXd m(static_cast<Eigen::Index>(t.rows()), static_cast<Eigen::Index>(t.cols()));
    for (std::size_t r = 0; r < t.rows(); ++r)
        for (std::size_t c = 0; c < t.cols(); ++c)
            m(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = t.at(r, c);
    return m;
}

// ALiBi slopes exactly as the official get_slopes (Press et al., ofirpress/attention_with_linear_biases).
std::vector<double> alibiSlopesPow2(int n)
{
    const double start = std::pow(2.0, -std::pow(2.0, -(std::log2(n) - 3)));
    std::vector<double> s;
    for (int i = 0; i < n; ++i)
        s.push_back(start * std::pow(start, i));
    return s;
}

std::vector<double> alibiSlopes(int n)
{
    const double l = std::log2(n);
    if (l == std::floor(l)) return alibiSlopesPow2(n);
    const int closest = 1 << static_cast<int>(std::floor(l));
    std::vector<double> s = alibiSlopesPow2(closest);
    const std::vector<double> twice = alibiSlopes(2 * closest);
    for (int i = 0; static_cast<int>(s.size()) < n; i += 2)
        s.push_back(twice[i]);
    return s;
}

// RoPE applied here from Su et al. 2021 (θ_c = base^(−2c/d)); half = GPT-NeoX/LLaMA pairs (c, c + d/2),
// interleaved = GPT-J/RoFormer pairs (2c, 2c + 1). Row p is rotated by p·θ_c.
MatrixXd rotate(const MatrixXd& x, double base, bool half)
{
    const int d = static_cast<int>(x.cols());
    MatrixXd out = x;
    for (int p = 0; p < x.rows(); ++p)
        for (int c = 0; c < d / 2; ++c) {
            const double theta = std::pow(base, -2.0 * c / d);
            const int a = half ? c : 2 * c, b = half ? c + d / 2 : 2 * c + 1;
            const double cs = std::cos(p * theta), sn = std::sin(p * theta);
            out(p, a) = x(p, a) * cs - x(p, b) * sn;
            out(p, b) = x(p, a) * sn + x(p, b) * cs;
        }
    return out;
}

struct HeadQKV
{
    MatrixXd q, k, v;
};

HeadQKV projectHead(const ModelConfig& m, const MatrixXd& x, int h)
{
    const Projections p = Projections::make(m);
    const int hd = m.headDim();
    return {x * p.wq.middleCols(h * hd, hd), x * p.wk.middleCols(h * hd, hd),
            x * p.wv.middleCols(h * hd, hd)};
}

// Checks that `value(i, j)` is the same for every cell with the same key(i, j): a term that depends on
// (i, j) only through key() (Δ, a bucket, j, ...). Also returns how many distinct keys there were.
template <class Key>
::testing::AssertionResult functionOf(const MatrixXd& value, Key key, double tol, int* distinctKeys = nullptr)
{
    std::map<long long, std::pair<double, std::pair<int, int>>> seen;
    for (int i = 0; i < value.rows(); ++i)
        for (int j = 0; j < value.cols(); ++j) {
            const long long k = key(i, j);
            auto [it, fresh] = seen.try_emplace(k, value(i, j), std::make_pair(i, j));
            if (!fresh && !(std::abs(value(i, j) - it->second.first) <=
                            tol * std::max(1.0, std::abs(it->second.first))))
                return ::testing::AssertionFailure()
                       << "key " << k << ": (" << i << "," << j << ") = " << value(i, j) << " but ("
                       << it->second.second.first << "," << it->second.second.second
                       << ") = " << it->second.first;
        }
    if (distinctKeys) *distinctKeys = static_cast<int>(seen.size());
    return ::testing::AssertionSuccess();
}

// The term whose name contains `tag`; fails the test when there is none.
const ScoreTerm* findTerm(const std::vector<ScoreTerm>& terms, const std::string& tag)
{
    for (const ScoreTerm& t : terms)
        if (t.name.find(tag) != std::string::npos) return &t;
    std::string names;
    for (const ScoreTerm& t : terms)
        names += " '" + t.name + "'";
    ADD_FAILURE() << "no term named like '" << tag << "'; terms are:" << names;
    return nullptr;
}

long long clip(long long x, long long lo, long long hi)
{
    return std::max(lo, std::min(hi, x));
}

// (i, j) with j − i = Δ, both ≥ 0.
std::pair<int, int> cellFor(int delta)
{
    return delta >= 0 ? std::make_pair(0, delta) : std::make_pair(-delta, 0);
}

struct BucketCase
{
    int delta;
    long long bucket;
};

} // namespace

// ───────────────────────────── Shaw et al. 2018 ─────────────────────────────

TEST(Shaw, BucketIsClippedDeltaPlusK)
{
    // bucket(i, j) = clip(j − i, −2, 2) + 2 on 7 positions, written out.
    // clang-format off
    const long long expected[7][7] = {
        {2, 3, 4, 4, 4, 4, 4}, {1, 2, 3, 4, 4, 4, 4}, {0, 1, 2, 3, 4, 4, 4}, {0, 0, 1, 2, 3, 4, 4},
        {0, 0, 0, 1, 2, 3, 4}, {0, 0, 0, 0, 1, 2, 3}, {0, 0, 0, 0, 0, 1, 2},
    };
    // clang-format on
    auto s = makeScheme("shaw", {{"k", "2"}}, makeModel(16, 2));
    ASSERT_TRUE(s->hasBucket());
    for (int i = 0; i < 7; ++i)
        for (int j = 0; j < 7; ++j)
            EXPECT_EQ(s->bucket(i, j), expected[i][j]) << "(" << i << "," << j << ")";
    const Table t = referenceTable("shaw", {{"k", "2"}}, makeModel(16, 2), "bucket", 0, 7);
    ASSERT_EQ(t.rows(), 7u);
    ASSERT_EQ(t.cols(), 7u);
    for (int i = 0; i < 7; ++i)
        for (int j = 0; j < 7; ++j)
            EXPECT_EQ(t.at(i, j), static_cast<double>(expected[i][j]));

    auto zero = makeScheme("shaw", {{"k", "0"}}, makeModel(16, 2));
    for (int i = 0; i < 7; ++i)
        for (int j = 0; j < 7; ++j)
            EXPECT_EQ(zero->bucket(i, j), 0) << "(" << i << "," << j << ")";

    auto defaults = makeScheme("shaw", {}, makeModel(16, 2)); // k = 16
    for (int i = 0; i < 40; ++i)
        for (int j = 0; j < 40; ++j)
            EXPECT_EQ(defaults->bucket(i, j), clip(j - i, -16, 16) + 16);
    EXPECT_EQ(defaults->bucket(0, 39), 32);
    EXPECT_EQ(defaults->bucket(39, 0), 0);
    EXPECT_EQ(defaults->bucket(5, 5), 16);
}

TEST(Shaw, PositionalScoreDependsOnlyOnClipIndex)
{
    // e_ij = x_i W^Q (x_j W^K + a^K_ij)ᵀ / √d; with identical content q_i is one vector, so the positional
    // part q·a^K_clip(j−i) / √d is a function of the clip index alone, flat beyond ±k.
    for (int k : {0, 1, 2, 3}) {
        const ModelConfig m = makeModel(16, 2, false, 4);
        auto s = makeScheme("shaw", {{"k", std::to_string(k)}}, m);
        const AttentionResult r = referenceAttention(*s, Sequence::positions(9));
        for (int h = 0; h < 2; ++h) {
            int distinct = 0;
            EXPECT_TRUE(functionOf(
                r.heads[h].bias, [&](int i, int j) { return clip(j - i, -k, k); }, 1e-12, &distinct))
                << "k=" << k << " head " << h;
            EXPECT_EQ(distinct, 2 * k + 1);
            if (k > 0) { // a^K is really there: the 2k+1 values are not all equal
                const MatrixXd& b = r.heads[h].bias;
                EXPECT_GT(b.maxCoeff() - b.minCoeff(), 1e-9) << "k=" << k;
            }
        }
    }
    // With real content the positional part of row i still depends only on the clip index.
    const ModelConfig m = makeModel(16, 2, false, 4);
    auto s = makeScheme("shaw", {{"k", "1"}}, m);
    const AttentionResult r = referenceAttention(
        *s, Sequence::fromText("alpha beta gamma delta epsilon zeta", TokenizerMode::Word));
    for (int h = 0; h < 2; ++h)
        for (int i = 0; i < 6; ++i) {
            const MatrixXd row = r.heads[h].bias.row(i);
            EXPECT_TRUE(functionOf(
                row, [&](int, int j) { return clip(j - i, -1, 1); }, 1e-12))
                << "row " << i;
        }
}

TEST(Shaw, ContentTermIsScaledDotAndValuesGetAV)
{
    const ModelConfig m = makeModel(16, 2, false, 10);
    auto s = makeScheme("shaw", {{"k", "2"}}, m);
    const Sequence seq = Sequence::fromText("red green blue green red", TokenizerMode::Word);
    const AttentionResult r = referenceAttention(*s, seq);
    EXPECT_TRUE(matNear(s->absolute(5), MatrixXd::Zero(5, 16), 0));
    for (int h = 0; h < 2; ++h) {
        const HeadQKV x = projectHead(m, contentVectors(seq, m), h);
        EXPECT_TRUE(matNear(r.heads[h].terms[0].value, x.q * x.k.transpose() / std::sqrt(8.0), 1e-12));
        // z_i = Σ_j α_ij (x_j W^V + a^V_ij): the output is not just probs · V.
        EXPECT_GT((r.heads[h].output - r.heads[h].probs * x.v).cwiseAbs().maxCoeff(), 1e-9) << "head " << h;
    }
    // k = 0: every pair uses a^V_0, so with identical content every output row is v + a^V_0.
    auto s0 = makeScheme("shaw", {{"k", "0"}}, m);
    const AttentionResult r0 = referenceAttention(*s0, Sequence::positions(5));
    for (int h = 0; h < 2; ++h)
        for (int i = 1; i < 5; ++i)
            EXPECT_TRUE(matNear(r0.heads[h].output.row(i), r0.heads[h].output.row(0), 1e-12));
}

// ───────────────────────────── Transformer-XL (Dai et al. 2019) ─────────────────────────────

// A_ij = (a) E_i W_q W_k,E E_j + (b) E_i W_q W_k,R R_{i−j} + (c) u W_k,E E_j + (d) v W_k,R R_{i−j}.
TEST(TransformerXL, FourTermsSumToLogits)
{
    const ModelConfig m = makeModel(16, 2, false, 12);
    auto s = makeScheme("transformer-xl", {}, m);
    const Sequence seq =
        Sequence::fromText("segment level recurrence with relative encodings", TokenizerMode::Word);
    const AttentionResult r = referenceAttention(*s, seq);
    for (int h = 0; h < 2; ++h) {
        const auto& terms = r.heads[h].terms;
        ASSERT_EQ(terms.size(), 4u); // terms[0] is (a), the content-only part
        MatrixXd sum = terms[0].value;
        for (const char* tag : {"(b)", "(c)", "(d)"})
            if (const ScoreTerm* t = findTerm(terms, tag)) sum += t->value;
        EXPECT_TRUE(matNear(r.heads[h].logits, sum, 1e-12));
        // (a) is the plain content dot, scaled by 1/√d_head as in the official code (attn_score * scale).
        const HeadQKV x = projectHead(m, contentVectors(seq, m), h);
        EXPECT_TRUE(matNear(terms[0].value, x.q * x.k.transpose() / std::sqrt(8.0), 1e-12));
    }
}

TEST(TransformerXL, GlobalBiasesHaveTheirShapes)
{
    const ModelConfig m = makeModel(16, 2, false, 12);
    auto s = makeScheme("transformer-xl", {}, m);
    const Sequence text = Sequence::fromText("one two three four five six seven eight", TokenizerMode::Word);
    const AttentionResult rt = referenceAttention(*s, text);
    const AttentionResult rp = referenceAttention(*s, Sequence::positions(8));
    for (int h = 0; h < 2; ++h) {
        const ScoreTerm* c = findTerm(rt.heads[h].terms, "(c)");
        const ScoreTerm* d = findTerm(rt.heads[h].terms, "(d)");
        const ScoreTerm* dp = findTerm(rp.heads[h].terms, "(d)");
        const ScoreTerm* ap = &rp.heads[h].terms[0];
        const ScoreTerm* bp = findTerm(rp.heads[h].terms, "(b)");
        const ScoreTerm* cp = findTerm(rp.heads[h].terms, "(c)");
        ASSERT_TRUE(c && d && dp && ap && bp && cp);
        int distinct = 0;
        // (c) u·k_j: depends on the key only, so every row is the same.
        EXPECT_TRUE(functionOf(
            c->value, [](int, int j) { return j; }, 1e-12, &distinct));
        EXPECT_EQ(distinct, 8);
        EXPECT_GT(c->value.maxCoeff() - c->value.minCoeff(), 1e-9)
            << "(c) should vary with the key's content";
        // (d) v·W_R R_{i−j}: depends on Δ only, and not on content at all.
        EXPECT_TRUE(functionOf(
            d->value, [](int i, int j) { return j - i; }, 1e-12));
        EXPECT_GT(d->value.maxCoeff() - d->value.minCoeff(), 1e-9);
        EXPECT_TRUE(matNear(d->value, dp->value, 1e-12)) << "(d) must not depend on content";
        // Identical content: (a) and (c) are constant, (b) depends on Δ only.
        EXPECT_TRUE(functionOf(
            ap->value, [](int, int) { return 0; }, 1e-12));
        EXPECT_TRUE(functionOf(
            cp->value, [](int, int) { return 0; }, 1e-12));
        EXPECT_TRUE(functionOf(
            bp->value, [](int i, int j) { return j - i; }, 1e-12));
    }
}

// R_{i−j} is the sinusoid of the distance with ω_k = base^(−2k/d_model) (official inv_freq). Whatever W_R, u
// and v are, (d)(Δ) = v·W_R R_{−Δ} is a linear combination of sin(ω_k Δ), cos(ω_k Δ); with d_model = 4
// there are two frequencies, 1 and base^(−1/2), so 4 coefficients must explain all 23 offsets.
double sinusoidFitResidual(const Eigen::VectorXd& f, const Eigen::VectorXd& delta, double base)
{
    MatrixXd basis(delta.size(), 4);
    for (Eigen::Index r = 0; r < delta.size(); ++r)
        for (int k = 0; k < 2; ++k) {
            const double w = std::pow(base, -2.0 * k / 4);
            basis(r, 2 * k) = std::sin(w * delta[r]);
            basis(r, 2 * k + 1) = std::cos(w * delta[r]);
        }
    const Eigen::VectorXd coef = basis.colPivHouseholderQr().solve(f);
    return (basis * coef - f).cwiseAbs().maxCoeff() / std::max(1e-300, f.cwiseAbs().maxCoeff());
}

TEST(TransformerXL, PositionTermsAreSinusoidsOfTheDistance)
{
    const int n = 12;
    for (double base : {10000.0, 100.0}) {
        const ModelConfig m = makeModel(4, 1, false, 20);
        auto s = makeScheme("transformer-xl", {{"base", base == 100.0 ? "100" : "10000"}}, m);
        const AttentionResult r = referenceAttention(*s, Sequence::positions(n));
        const ScoreTerm* b = findTerm(r.heads[0].terms, "(b)");
        const ScoreTerm* d = findTerm(r.heads[0].terms, "(d)");
        ASSERT_TRUE(b && d);
        Eigen::VectorXd delta(2 * n - 1), fb(2 * n - 1), fd(2 * n - 1);
        for (int t = 0; t < 2 * n - 1; ++t) {
            const int dl = t - (n - 1);
            const auto [i, j] = cellFor(dl);
            delta[t] = dl;
            fb[t] = b->value(i, j);
            fd[t] = d->value(i, j);
        }
        EXPECT_LT(sinusoidFitResidual(fd, delta, base), 1e-9) << "(d), base " << base;
        EXPECT_LT(sinusoidFitResidual(fb, delta, base), 1e-9) << "(b), base " << base;
        // Control: the fit does tell the bases apart.
        EXPECT_GT(sinusoidFitResidual(fd, delta, base == 100.0 ? 10000.0 : 100.0), 1e-6)
            << "control, base " << base;
    }
}

// ───────────────────────────── T5 (Raffel et al. 2020) ─────────────────────────────

// _relative_position_bucket(relative_position = j − i, ...) in float32, values from numpy.
TEST(T5, BucketsBidirectionalDefaults)
{
    // clang-format off
    const std::vector<BucketCase> cases = {
        {0, 0},     {1, 17},    {-1, 1},    {7, 23},    {-7, 7},    {8, 24},      {-8, 8},     {15, 25},
        {-15, 9},   {16, 26},   {-16, 10},  {32, 28},   {-32, 12},  {64, 30},     {-64, 14},   {127, 31},
        {-127, 15}, {128, 31},  {-128, 15}, {200, 31},  {-200, 15}, {1000, 31},   {-1000, 15},
    };
    // clang-format on
    auto s = makeScheme("t5", {}, makeModel(16, 2));
    ASSERT_TRUE(s->hasBucket());
    for (const BucketCase& c : cases) {
        const auto [i, j] = cellFor(c.delta);
        EXPECT_EQ(s->bucket(i, j), c.bucket) << "Δ = " << c.delta;
        EXPECT_EQ(s->bucket(i + 5, j + 5), c.bucket) << "Δ = " << c.delta << " shifted";
    }
}

TEST(T5, BucketsUnidirectional)
{
    // n = max(i − j, 0): keys in the future (Δ > 0) all fall in bucket 0.
    // clang-format off
    const std::vector<BucketCase> cases = {
        {0, 0},     {1, 0},     {-1, 1},    {7, 0},     {-7, 7},    {8, 0},       {-8, 8},     {15, 0},
        {-15, 15},  {16, 0},    {-16, 16},  {32, 0},    {-32, 21},  {64, 0},      {-64, 26},   {127, 0},
        {-127, 31}, {128, 0},   {-128, 31}, {200, 0},   {-200, 31}, {1000, 0},    {-1000, 31},
    };
    // clang-format on
    auto s = makeScheme("t5", {{"bidirectional", "false"}}, makeModel(16, 2));
    for (const BucketCase& c : cases) {
        const auto [i, j] = cellFor(c.delta);
        EXPECT_EQ(s->bucket(i, j), c.bucket) << "Δ = " << c.delta;
    }
}

TEST(T5, BucketsSmallConfigurations)
{
    struct Config
    {
        const char* numBuckets;
        const char* maxDistance;
        bool bidirectional;
        std::vector<long long> buckets; // Δ = −25 … 25
    };
    // clang-format off
    const std::vector<Config> configs = {
        {"8", "20", true, {3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 1, 0,
                           5, 6, 6, 6, 6, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7}},
        {"8", "20", false, {7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 6, 6, 6, 6, 6, 5, 5, 5, 4, 4, 3, 2, 1, 0,
                            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
        // Odd count: bidirectional halves it with floor division, 11 // 2 = 5.
        {"11", "9", true, {4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 3, 3, 2, 2, 1, 0,
                           6, 7, 7, 8, 8, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9}},
        {"11", "9", false, {10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 9, 8, 6, 5, 4, 3, 2, 1, 0,
                            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
    };
    // clang-format on
    for (const Config& c : configs) {
        auto s = makeScheme("t5",
                            {{"num_buckets", c.numBuckets},
                             {"max_distance", c.maxDistance},
                             {"bidirectional", c.bidirectional ? "true" : "false"}},
                            makeModel(16, 2));
        ASSERT_EQ(c.buckets.size(), 51u);
        for (int delta = -25; delta <= 25; ++delta) {
            const auto [i, j] = cellFor(delta);
            EXPECT_EQ(s->bucket(i, j), c.buckets[delta + 25])
                << c.numBuckets << "/" << c.maxDistance << (c.bidirectional ? " bi" : " uni")
                << " Δ = " << delta;
        }
    }
}

TEST(T5, BiasIsAPerHeadFunctionOfTheBucketOnly)
{
    const ModelConfig m = makeModel(16, 2, false, 14);
    for (const char* bidirectional : {"true", "false"}) {
        auto s = makeScheme("t5", {{"bidirectional", bidirectional}}, m);
        const int n = 40;
        const AttentionResult rp = referenceAttention(*s, Sequence::positions(n));
        std::string text;
        for (int t = 0; t < n; ++t)
            text.append("w").append(std::to_string(t % 7)).append(" ");
        const AttentionResult rt = referenceAttention(*s, Sequence::fromText(text, TokenizerMode::Word));
        for (int h = 0; h < 2; ++h) {
            int distinct = 0;
            EXPECT_TRUE(functionOf(
                rp.heads[h].bias, [&](int i, int j) { return s->bucket(i, j); }, 1e-12, &distinct))
                << bidirectional << " head " << h;
            EXPECT_GT(distinct, 10);
            EXPECT_TRUE(matNear(rt.heads[h].bias, rp.heads[h].bias, 1e-12)) << "the T5 bias ignores content";
            EXPECT_GT(rp.heads[h].bias.maxCoeff() - rp.heads[h].bias.minCoeff(), 1e-9);
        }
        EXPECT_GT((rp.heads[0].bias - rp.heads[1].bias).cwiseAbs().maxCoeff(), 1e-9) << "one table per head";
    }
}

TEST(T5, ContentScoreIsNotScaled)
{
    // T5 folds 1/√d into the initialisation: scores are q·k + b with no scaling.
    const ModelConfig m = makeModel(16, 2, false, 15);
    const Sequence seq = Sequence::fromText("translate english to german that is good", TokenizerMode::Word);
    const AttentionResult t5 = referenceAttention(*makeScheme("t5", {}, m), seq);
    const AttentionResult none = referenceAttention(*makeScheme("none", {}, m), seq);
    for (int h = 0; h < 2; ++h) {
        const HeadQKV x = projectHead(m, contentVectors(seq, m), h);
        EXPECT_TRUE(matNear(t5.heads[h].terms[0].value, x.q * x.k.transpose(), 1e-12));
        EXPECT_TRUE(matNear(t5.heads[h].logits - t5.heads[h].bias, t5.heads[h].terms[0].value, 1e-12));
        EXPECT_TRUE(
            matNear(t5.heads[h].terms[0].value, std::sqrt(8.0) * none.heads[h].terms[0].value, 1e-12));
    }
}

// ───────────────────────────── DeBERTa-v2 (He et al. 2021) ─────────────────────────────

// bucket(i, j) = make_log_bucket_position(j − i, bucket_size, max_position) (the function is odd, so this
// is −(DeBERTa's own query − key bucket)).
TEST(DeBERTa, LogBucketsDefaults)
{
    // clang-format off
    const std::vector<BucketCase> cases = {
        {0, 0},     {1, 1},     {127, 127}, {128, 128}, {129, 129}, {200, 169},
        {255, 192}, {256, 192}, {300, 207}, {511, 255}, {512, 256}, {1000, 317},
    };
    // clang-format on
    auto s = makeScheme("deberta", {}, makeModel(16, 2));
    ASSERT_TRUE(s->hasBucket());
    for (const BucketCase& c : cases) {
        for (int sign : {1, -1}) {
            const auto [i, j] = cellFor(sign * c.delta);
            EXPECT_EQ(s->bucket(i, j), sign * c.bucket) << "Δ = " << sign * c.delta;
        }
    }
}

TEST(DeBERTa, LogBucketsSmallConfig)
{
    // bucket_size 8, max_position 32: mid = 4, exact for |Δ| ≤ 4, then ceil(log(|Δ|/4)/log(31/4)·3) + 4.
    // Δ = 31 lands exactly on 3.0 (→ 7, not 8): log(|Δ|) − log(mid) instead of log(|Δ|/mid) would miss it.
    // clang-format off
    const std::vector<long long> positive = {0, 1, 2, 3, 4, 5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 6, 7, 7, 7, 7, 7,
                                             7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 8, 8, 8, 8, 8, 8, 8, 8, 8};   // Δ = 0 … 40
    // clang-format on
    auto s = makeScheme("deberta", {{"bucket_size", "8"}, {"max_position", "32"}}, makeModel(16, 2));
    for (int delta = 0; delta <= 40; ++delta)
        for (int sign : {1, -1}) {
            const auto [i, j] = cellFor(sign * delta);
            EXPECT_EQ(s->bucket(i, j), sign * positive[delta]) << "Δ = " << sign * delta;
        }
    EXPECT_EQ(s->bucket(0, 100), 9);
    EXPECT_EQ(s->bucket(100, 0), -9);
}

TEST(DeBERTa, ThreeTermsScaledByRootThreeD)
{
    const ModelConfig m = makeModel(16, 2, false, 16);
    auto s = makeScheme("deberta", {}, m);
    const Sequence seq =
        Sequence::fromText("disentangled attention with relative positions", TokenizerMode::Word);
    const AttentionResult r = referenceAttention(*s, seq);
    EXPECT_TRUE(matNear(s->absolute(5), MatrixXd::Zero(5, 16), 0));
    for (int h = 0; h < 2; ++h) {
        const auto& terms = r.heads[h].terms;
        ASSERT_EQ(terms.size(), 3u);
        MatrixXd sum = MatrixXd::Zero(5, 5);
        for (const ScoreTerm& t : terms)
            sum += t.value;
        EXPECT_TRUE(matNear(r.heads[h].logits, sum, 1e-12));
        const HeadQKV x = projectHead(m, contentVectors(seq, m), h);
        EXPECT_TRUE(matNear(terms[0].value, x.q * x.k.transpose() / std::sqrt(3.0 * 8.0), 1e-12))
            << "c2c must be scaled by 1/√(3·d_head)";
    }
}

TEST(DeBERTa, PositionTermsFollowTheBucket)
{
    // c2p[i][j] = q_i·K_r[δ(i, j)], p2c[i][j] = k_j·Q_r[δ(j, i)]: with identical content both are functions
    // of the bucket of (i, j) alone; in the log zone several Δ share one bucket and so one value.
    const ModelConfig m = makeModel(16, 2, false, 18);
    auto s = makeScheme("deberta", {{"bucket_size", "8"}, {"max_position", "32"}}, m);
    const AttentionResult r = referenceAttention(*s, Sequence::positions(40));
    for (int h = 0; h < 2; ++h) {
        const auto& terms = r.heads[h].terms;
        ASSERT_EQ(terms.size(), 3u);
        for (int t = 1; t < 3; ++t) {
            int distinct = 0;
            EXPECT_TRUE(functionOf(
                terms[t].value, [&](int i, int j) { return s->bucket(i, j); }, 1e-12, &distinct))
                << terms[t].name << " head " << h;
            EXPECT_EQ(distinct, 17) << "buckets −8 … 8 all occur";
            EXPECT_GT(terms[t].value.maxCoeff() - terms[t].value.minCoeff(), 1e-9) << terms[t].name;
        }
    }
}

TEST(DeBERTa, TableRowIsClampedLikeTheOfficialCode)
{
    // Official: c2p_pos = clamp(δ + span, 0, 2·span − 1) with δ = make_log_bucket_position(i − j) and
    // span = bucket_size; p2c gathers −r_pos at (j, i) = δ(i, j) as well. bucket_size 8, max_position 32:
    // i − j ≥ 32 gives δ = 8 → row 16 → clamped to 15, the row of δ = 7 (16 ≤ i − j ≤ 31), while
    // j − i ≥ 32 gives δ = −8 → row 0, distinct from δ = −7 (row 1).
    const ModelConfig m = makeModel(16, 2, false, 22);
    auto s = makeScheme("deberta", {{"bucket_size", "8"}, {"max_position", "32"}}, m);
    const AttentionResult r = referenceAttention(*s, Sequence::positions(40));
    for (int h = 0; h < 2; ++h)
        for (int t = 1; t < 3; ++t) {
            const MatrixXd& v = r.heads[h].terms[t].value;
            const std::string& name = r.heads[h].terms[t].name;
            EXPECT_NEAR(v(35, 0), v(20, 0), 1e-12) << name << ": bucket −8 reuses bucket −7's row";
            EXPECT_GT(std::abs(v(0, 35) - v(0, 20)), 1e-9) << name << ": bucket 8 has its own row";
        }
}

TEST(DeBERTa, BucketSizeZeroIsPlainRelativePosition)
{
    auto s = makeScheme("deberta", {{"bucket_size", "0"}, {"max_position", "16"}}, makeModel(16, 2));
    for (int delta : {0, 1, -1, 7, -7, 15, -15, 16, -16, 100, -100}) {
        const auto [i, j] = cellFor(delta);
        EXPECT_EQ(s->bucket(i, j), delta);
    }
}

// ───────────────────────────── seed article: E(Δ) = w·Δ + b ─────────────────────────────

TEST(SeedLinear, DeltaEmbeddingIsAffineInDelta)
{
    auto s = makeScheme("seed-linear", {}, makeModel(16, 2, false, 19));
    const int range = 10;
    const DeltaCurve c = s->deltaCurve(range);
    ASSERT_EQ(c.rows.rows(), 2 * range + 1);
    ASSERT_GE(c.rows.cols(), 2);
    const Eigen::RowVectorXd e0 = c.rows.row(range);         // Δ = 0: E(0) = b
    const Eigen::RowVectorXd w = c.rows.row(range + 1) - e0; // E(1) − E(0) = w
    EXPECT_GT(w.tail(w.size() - 1).cwiseAbs().maxCoeff(), 1e-9) << "E must vary with Δ";
    for (int r = 0; r < c.rows.rows(); ++r) {
        const double delta = c.rows(r, 0);
        EXPECT_TRUE(matNear(c.rows.row(r), e0 + delta * w, 1e-12)) << "Δ = " << delta;
    }
}

// ───────────────────────────── ALiBi (Press et al. 2022) ─────────────────────────────

TEST(Alibi, SlopesFollowTheOfficialRecipe)
{
    // Literal values: powers of two are exact; 2^-0.5 etc. from the geometric sequence start^(h+1).
    const double r2 = std::sqrt(0.5);
    const std::vector<std::pair<int, std::vector<double>>> literal = {
        {1, {1.0 / 256}},
        {2, {1.0 / 16, 1.0 / 256}},
        {3, {1.0 / 16, 1.0 / 256, 0.25}},
        {5, {0.25, 1.0 / 16, 1.0 / 64, 1.0 / 256, 0.5}},
        {6, {0.25, 0.0625, 0.015625, 0.00390625, 0.5, 0.125}},
        {8, {0.5, 0.25, 0.125, 0.0625, 1.0 / 32, 1.0 / 64, 1.0 / 128, 1.0 / 256}},
        {12,
         {0.5, 0.25, 0.125, 0.0625, 1.0 / 32, 1.0 / 64, 1.0 / 128, 1.0 / 256, r2, r2 / 2, r2 / 4, r2 / 8}},
    };
    for (const auto& [heads, slopes] : literal) {
        auto s = makeScheme("alibi", {}, makeModel(2 * heads, heads));
        const std::vector<double> got = s->slopes();
        ASSERT_EQ(got.size(), slopes.size()) << heads << " heads";
        for (std::size_t h = 0; h < got.size(); ++h)
            EXPECT_NEAR(got[h], slopes[h], 1e-15 * slopes[h]) << heads << " heads, head " << h;
    }
    for (int heads : {4, 7, 10, 16, 24, 32, 48}) {
        auto s = makeScheme("alibi", {}, makeModel(2 * heads, heads));
        const std::vector<double> got = s->slopes(), want = alibiSlopes(heads);
        ASSERT_EQ(got.size(), want.size()) << heads;
        for (int h = 0; h < heads; ++h)
            EXPECT_NEAR(got[h], want[h], 1e-14 * want[h]) << heads << " heads, head " << h;
    }
    // 24 heads: 2^(−0.5(h+1)) for h < 16, then 2^(−0.25 − 0.5k) for k < 8.
    const std::vector<double> s24 = makeScheme("alibi", {}, makeModel(48, 24))->slopes();
    EXPECT_NEAR(s24[15], 1.0 / 256, 1e-17);
    EXPECT_NEAR(s24[16], std::pow(2.0, -0.25), 1e-15);
    EXPECT_NEAR(s24[23], std::pow(2.0, -3.75), 1e-15);
}

TEST(Alibi, BiasIsMinusSlopeTimesDistance)
{
    const ModelConfig m = makeModel(16, 8, false, 2); // head_dim 2, slopes 2^-1 … 2^-8
    auto s = makeScheme("alibi", {}, m);
    for (const char* text : {"", "a b c d e f g h i"}) {
        const int positions = *text ? 0 : 9;
        const Sequence seq =
            positions ? Sequence::positions(positions) : Sequence::fromText(text, TokenizerMode::Word);
        const AttentionResult r = referenceAttention(*s, seq);
        for (int h = 0; h < 8; ++h) {
            MatrixXd expected(9, 9);
            for (int i = 0; i < 9; ++i)
                for (int j = 0; j < 9; ++j)
                    expected(i, j) = -std::ldexp(1.0, -(h + 1)) * std::abs(j - i);
            EXPECT_TRUE(matNear(r.heads[h].bias, expected, 1e-14)) << "head " << h;
            const Table t = referenceTable("alibi", {}, m, "bias", h, positions, text);
            EXPECT_TRUE(matNear(tableMatrix(t), expected, 1e-14)) << "computeTable bias, head " << h;
        }
    }
}

TEST(Alibi, LogitsAreScaledDotMinusLinearDistanceAndCausalMasks)
{
    for (bool causal : {false, true}) {
        const ModelConfig m = makeModel(24, 6, causal, 5); // head_dim 4, 6 heads: non-power-of-two slopes
        auto s = makeScheme("alibi", {}, m);
        const std::vector<double> slopes = {0.25, 0.0625, 0.015625, 0.00390625, 0.5, 0.125};
        const Sequence seq =
            Sequence::fromText("we hold these truths to be self evident", TokenizerMode::Word);
        const int n = seq.size();
        const AttentionResult r = referenceAttention(*s, seq);
        for (int h = 0; h < 6; ++h) {
            MatrixXd bias(n, n);
            for (int i = 0; i < n; ++i)
                for (int j = 0; j < n; ++j)
                    bias(i, j) = -slopes[h] * std::abs(j - i);
            const HeadQKV x = projectHead(m, contentVectors(seq, m), h);
            EXPECT_TRUE(matNear(r.heads[h].logits, expectedLogits(m, x.q, x.k, 0.5, bias), 1e-12))
                << "head " << h;
        }
    }
}

TEST(Alibi, SlopesAndBucketsOnlyWhereTheyExist)
{
    const ModelConfig m = makeModel(16, 2);
    for (const char* name : {"none", "sinusoidal", "t5", "rope", "shaw"})
        EXPECT_THROW(makeScheme(name, {}, m)->slopes(), Error) << name;
    auto alibi = makeScheme("alibi", {}, m);
    EXPECT_FALSE(alibi->hasBucket());
    EXPECT_THROW(alibi->bucket(0, 1), Error);
    EXPECT_THROW(referenceTable("alibi", {}, m, "bucket", 0, 3), Error);
    const Table t = referenceTable("alibi", {}, m, "slopes", 0, 3);
    ASSERT_EQ(t.data.size(), 2u);
    EXPECT_EQ(t.data[0], 1.0 / 16);
    EXPECT_EQ(t.data[1], 1.0 / 256);
}

// ───────────────────────────── RoPE (Su et al. 2021) ─────────────────────────────

TEST(Rope, BarePositionLogitsAreToeplitzInBothLayouts)
{
    for (const char* layout : {"half", "interleaved"})
        for (int heads : {1, 2, 4}) {
            auto s = makeScheme("rope", {{"layout", layout}}, makeModel(16, heads, false, 6));
            const AttentionResult r = referenceAttention(*s, Sequence::positions(12));
            for (int h = 0; h < heads; ++h) {
                const MatrixXd& l = r.heads[h].logits;
                for (int i = 0; i + 1 < 12; ++i)
                    for (int j = 0; j + 1 < 12; ++j)
                        EXPECT_NEAR(l(i + 1, j + 1), l(i, j), 1e-12)
                            << layout << " head " << h << " (" << i << "," << j << ")";
                // ... and actually depends on Δ.
                EXPECT_GT(std::abs(l(0, 1) - l(0, 0)), 1e-9) << layout;
                EXPECT_GT(std::abs(l(0, 1) - l(1, 0)), 1e-9) << layout << ": Δ and −Δ must differ";
            }
        }
}

TEST(Rope, MatchesRotationByHandInBothLayouts)
{
    for (const char* layout : {"half", "interleaved"})
        for (double base : {10000.0, 100.0})
            for (bool causal : {false, true}) {
                SCOPED_TRACE(std::string(layout) + " base=" + std::to_string(base) +
                             " causal=" + std::to_string(causal));
                const ModelConfig m = makeModel(16, 2, causal, 13, 0.9);
                auto s =
                    makeScheme("rope", {{"layout", layout}, {"base", base == 100.0 ? "100" : "10000"}}, m);
                const Sequence seq =
                    Sequence::fromText("rotary embeddings rotate queries and keys", TokenizerMode::Word);
                const AttentionResult r = referenceAttention(*s, seq);
                EXPECT_TRUE(matNear(s->absolute(seq.size()), MatrixXd::Zero(seq.size(), 16), 0));
                for (int h = 0; h < 2; ++h) {
                    const HeadQKV x = projectHead(m, contentVectors(seq, m), h);
                    const bool half = std::string(layout) == "half";
                    const MatrixXd q = rotate(x.q, base, half), k = rotate(x.k, base, half);
                    const int n = seq.size();
                    EXPECT_TRUE(matNear(r.heads[h].logits,
                                        expectedLogits(m, q, k, 1 / std::sqrt(8.0), MatrixXd::Zero(n, n)),
                                        1e-12))
                        << "head " << h;
                }
            }
}

TEST(Rope, DefaultLayoutIsHalfAndLayoutsAreNotInterchangeable)
{
    const ModelConfig m = makeModel(16, 2, false, 3);
    const Sequence seq = Sequence::positions(10);
    const AttentionResult d = referenceAttention(*makeScheme("rope", {}, m), seq);
    const AttentionResult half = referenceAttention(*makeScheme("rope", {{"layout", "half"}}, m), seq);
    const AttentionResult inter =
        referenceAttention(*makeScheme("rope", {{"layout", "interleaved"}}, m), seq);
    for (int h = 0; h < 2; ++h) {
        EXPECT_TRUE((d.heads[h].logits.array() == half.heads[h].logits.array()).all());
        EXPECT_GT(maxAbsDiff(half.heads[h].logits, inter.heads[h].logits), 1e-6);
    }
}

TEST(Rope, TwoDimensionalHeadClosedForm)
{
    // d_head = 2, one pair, θ = base^0 = 1. q_i = R(i)q, k_j = R(j)k, so q_iᵀk_j = qᵀR(j − i)k
    //   = (q·k) cos Δ + (q2 k1 − q1 k2) sin Δ,   Δ = j − i,
    // since R(φ)k = (k1 cos φ − k2 sin φ, k1 sin φ + k2 cos φ). Logits are that over √2.
    for (const char* layout : {"half", "interleaved"}) {
        const ModelConfig m = makeModel(4, 2, false, 17);
        auto s = makeScheme("rope", {{"layout", layout}}, m);
        const Sequence seq = Sequence::positions(7);
        const AttentionResult r = referenceAttention(*s, seq);
        for (int h = 0; h < 2; ++h) {
            const HeadQKV x = projectHead(m, contentVectors(seq, m), h);
            const double q1 = x.q(0, 0), q2 = x.q(0, 1), k1 = x.k(0, 0), k2 = x.k(0, 1);
            MatrixXd expected(7, 7);
            for (int i = 0; i < 7; ++i)
                for (int j = 0; j < 7; ++j) {
                    const double delta = j - i;
                    expected(i, j) =
                        ((q1 * k1 + q2 * k2) * std::cos(delta) + (q2 * k1 - q1 * k2) * std::sin(delta)) /
                        std::sqrt(2.0);
                }
            EXPECT_TRUE(matNear(r.heads[h].logits, expected, 1e-12)) << layout << " head " << h;
        }
    }
}

TEST(SeedLinear, LinearMapIsInitialisedLikeTorchLinear)
{
    // nn.Linear(1, d): w, b ~ U(−1/√1, 1/√1).
    auto s = makeScheme("seed-linear", {}, makeModel(64, 4, false, 23));
    const DeltaCurve c = s->deltaCurve(1);
    const Eigen::RowVectorXd b = c.rows.row(1).tail(64), w = c.rows.row(2).tail(64) - b;
    EXPECT_LE(b.cwiseAbs().maxCoeff(), 1.0);
    EXPECT_LE(w.cwiseAbs().maxCoeff(), 1.0 + 1e-12);
    EXPECT_GT(b.cwiseAbs().maxCoeff(), 0.5);
    EXPECT_GT(w.cwiseAbs().maxCoeff(), 0.5);
}

TEST(SeedLinear, ActivationAndDeltaScaleActOnTheLinearMap)
{
    const ModelConfig m = makeModel(16, 2, false, 24);
    const int range = 6;
    const DeltaCurve lin = makeScheme("seed-linear", {}, m)->deltaCurve(range);
    const Eigen::RowVectorXd b = lin.rows.row(range).tail(16), w = lin.rows.row(range + 1).tail(16) - b;
    auto relu = [](double x) { return x > 0 ? x : 0.0; };
    auto tanh = [](double x) { return std::tanh(x); };
    auto gelu = [](double x) { return 0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0))); };
    const std::vector<std::pair<std::string, std::function<double(double)>>> acts = {
        {"relu", relu}, {"tanh", tanh}, {"gelu", gelu}};
    for (const auto& [name, f] : acts) {
        const DeltaCurve c = makeScheme("seed-linear", {{"activation", name}}, m)->deltaCurve(range);
        for (int r = 0; r <= 2 * range; ++r)
            for (int k = 0; k < 16; ++k)
                EXPECT_NEAR(c.rows(r, k + 1), f(w[k] * (r - range) + b[k]), 1e-12)
                    << name << " Δ=" << r - range;
    }
    // delta_scale s: E(Δ) = w·(sΔ) + b.
    const DeltaCurve scaled = makeScheme("seed-linear", {{"delta_scale", "2.5"}}, m)->deltaCurve(range);
    for (int r = 0; r <= 2 * range; ++r)
        EXPECT_TRUE(matNear(scaled.rows.row(r).tail(16), b + 2.5 * (r - range) * w, 1e-12))
            << "Δ=" << r - range;
}

TEST(SeedLinear, ExtraScoreIsAffineInDeltaAlongEachRow)
{
    // score_ij = q_i·W_k(x_j + E(Δ)) / √d with E affine in Δ, so score − q_i·k_j/√d is, for a fixed query i,
    // affine in j: its second difference along j vanishes. x = e + PE, PE computed here (sinusoidal,
    // interleaved, base 10000) or zero.
    for (const char* pe : {"none", "sinusoidal"}) {
        const ModelConfig m = makeModel(16, 2, false, 25);
        auto s = makeScheme("seed-linear", {{"pe", pe}}, m);
        const Sequence seq = Sequence::fromText("a b c d e f g h", TokenizerMode::Word);
        const int n = seq.size();
        MatrixXd x = contentVectors(seq, m);
        if (std::string(pe) == "sinusoidal")
            for (int p = 0; p < n; ++p)
                for (int k = 0; k < 8; ++k) {
                    x(p, 2 * k) += std::sin(p * std::pow(10000.0, -2.0 * k / 16));
                    x(p, 2 * k + 1) += std::cos(p * std::pow(10000.0, -2.0 * k / 16));
                }
        const AttentionResult r = referenceAttention(*s, seq);
        for (int h = 0; h < 2; ++h) {
            const HeadQKV p = projectHead(m, x, h);
            const MatrixXd extra = r.heads[h].logits - p.q * p.k.transpose() / std::sqrt(8.0);
            for (int i = 0; i < n; ++i) {
                for (int j = 1; j + 1 < n; ++j)
                    EXPECT_NEAR(extra(i, j + 1) - 2 * extra(i, j) + extra(i, j - 1), 0.0, 1e-10)
                        << pe << " head " << h << " (" << i << "," << j << ")";
                EXPECT_GT(std::abs(extra(i, 1) - extra(i, 0)), 1e-9) << "the Δ-embedding must contribute";
            }
        }
    }
}

TEST(SeedLinear, ScoreUsesTheCurvesEmbeddingAtJMinusI)
{
    // The extra score of (i, j) is q_i·W_k E(Δ) / √d with Δ = j − i (not i − j), E read off the Δ-curve.
    const ModelConfig m = makeModel(16, 2, false, 26);
    auto s = makeScheme("seed-linear", {{"pe", "none"}, {"activation", "tanh"}}, m);
    const Sequence seq = Sequence::fromText("one more time with feeling", TokenizerMode::Word);
    const int n = seq.size();
    const DeltaCurve c = s->deltaCurve(n - 1);
    const AttentionResult r = referenceAttention(*s, seq);
    const Projections proj = Projections::make(m);
    for (int h = 0; h < 2; ++h) {
        const HeadQKV p = projectHead(m, contentVectors(seq, m), h);
        const MatrixXd wk = proj.wk.middleCols(h * 8, 8);
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j) {
                const Eigen::VectorXd e = c.rows.row(j - i + n - 1).tail(16).transpose();
                ASSERT_EQ(c.rows(j - i + n - 1, 0), j - i);
                const double expected = p.q.row(i).dot(p.k.row(j) + (e.transpose() * wk)) / std::sqrt(8.0);
                EXPECT_NEAR(r.heads[h].logits(i, j), expected, 1e-12) << "(" << i << "," << j << ")";
            }
    }
}
