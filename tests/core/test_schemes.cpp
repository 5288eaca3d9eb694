// Acceptance tests for PosLab's positional-encoding schemes: registry, invariants shared by every
// scheme, parameter validation, and the none / sinusoidal / learned schemes. The relative schemes
// (Shaw, Transformer-XL, T5, DeBERTa, seed-linear, ALiBi, RoPE) are in test_schemes_relative.cpp.
//
// Every expected value here is derived from the papers and their official code, either as literal
// numbers (worked out with numpy, float64 unless noted) or as closed forms evaluated with plain loops.
// The code under test is never used to produce an expectation, except for pieces that are not part of
// the scheme (content vectors and the seeded projections from model.h).
//
// Tolerances compare double with double (the oracle against a closed form): a few dozen roundings
// of u = 1.1e-16 on numbers below ~100, so 1e-12 (1e-15 for single sin/cos/pow values) has room and
// is far below what a wrong formula changes.
//
// Conventions: positions are 0-based, i = query (row), j = key (column), Δ = j − i.

#include "attention.h"
#include "error.h"
#include "lab.h"
#include "model.h"
#include "scheme.h"
#include "schemetest.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace poslab;
using Eigen::MatrixXd;
using poslab::test::makeModel;
using poslab::test::matNear;

namespace {

using poslab::test::kInf;
using poslab::test::maxAbsDiff;

// Q, K, V of one head computed here from the public model pieces: x = content + pe, then x·W[:, head].
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

// True when `word` appears in `text` not glued to letters, digits or '_' (so "k" is not found in "shaw").
bool namesWord(const std::string& text, const std::string& word)
{
    auto isWordChar = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_'; };
    for (std::size_t pos = text.find(word); pos != std::string::npos; pos = text.find(word, pos + 1)) {
        const bool left = pos == 0 || !isWordChar(text[pos - 1]);
        const bool right = pos + word.size() >= text.size() || !isWordChar(text[pos + word.size()]);
        if (left && right) return true;
    }
    return false;
}

// The message of the poslab::Error thrown by building `scheme` and running it on 3 positions, or
// "<no error>" when nothing is thrown.
std::string errorOf(const std::string& scheme, const RawParams& raw, const ModelConfig& m)
{
    try {
        auto s = makeScheme(scheme, raw, m);
        (void)referenceAttention(*s, Sequence::positions(3));
    } catch (const Error& e) {
        return e.what();
    }
    return "<no error>";
}

// Sinusoidal encoding written from Vaswani et al. 2017, §3.5, with ω_k = base^(−2k/d).
MatrixXd sinusoid(int n, int d, double base, bool concat)
{
    MatrixXd pe(n, d);
    for (int p = 0; p < n; ++p)
        for (int k = 0; k < d / 2; ++k) {
            const double w = std::pow(base, -2.0 * k / d);
            pe(p, concat ? k : 2 * k) = std::sin(p * w);
            pe(p, concat ? d / 2 + k : 2 * k + 1) = std::cos(p * w);
        }
    return pe;
}

const std::vector<std::string> kAllSchemes = {"none", "sinusoidal", "learned", "shaw",    "transformer-xl",
                                              "t5",   "alibi",      "rope",    "deberta", "seed-linear",
                                              "kerple", "nope", "xpos", "fire", "cope"};

} // namespace

// ───────────────────────────── registry ─────────────────────────────

TEST(SchemeRegistry, ListsEverySchemeOnce)
{
    const std::vector<std::string> names = schemeNames();
    for (const auto& n : kAllSchemes)
        EXPECT_EQ(std::count(names.begin(), names.end(), n), 1) << n;
    EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), names.size()) << "duplicate names";
    for (const auto& n : names)
        EXPECT_EQ(describeScheme(n).name, n);
}

TEST(SchemeRegistry, UnknownNameIsError)
{
    EXPECT_THROW(describeScheme("no-such-scheme"), Error);
    EXPECT_THROW(makeScheme("no-such-scheme", {}, makeModel(16, 2)), Error);
}

TEST(SchemeRegistry, KindsMatchTheSchemes)
{
    EXPECT_EQ(describeScheme("none").kind, SchemeKind::None);
    for (const char* n : {"sinusoidal", "learned"})
        EXPECT_EQ(describeScheme(n).kind, SchemeKind::Absolute) << n;
    for (const char* n : {"shaw", "transformer-xl", "t5", "alibi", "rope", "deberta", "fire", "cope"})
        EXPECT_EQ(describeScheme(n).kind, SchemeKind::Relative) << n;
}

// The label of an instance: seed-linear adds an absolute PE unless pe = none, so a shift changes
// its map and the compare view must not call it "relative".
TEST(SchemeRegistry, KindLabelOfInstances)
{
    ModelConfig m;
    EXPECT_EQ(schemeKindLabel(*makeScheme("seed-linear", {}, m)), "absolute + relative");
    EXPECT_EQ(schemeKindLabel(*makeScheme("seed-linear", {{"pe", "sinusoidal"}}, m)), "absolute + relative");
    EXPECT_EQ(schemeKindLabel(*makeScheme("seed-linear", {{"pe", "none"}}, m)), "relative");
    EXPECT_EQ(schemeKindLabel(*makeScheme("rope", {}, m)), "relative");
    EXPECT_EQ(schemeKindLabel(*makeScheme("sinusoidal", {}, m)), "absolute");
    EXPECT_EQ(schemeKindLabel(*makeScheme("none", {}, m)), "none");
}

// ───────────────────────────── invariants of every scheme ─────────────────────────────

struct Variant
{
    std::string scheme;
    RawParams raw;
};

std::ostream& operator<<(std::ostream& os, const Variant& v)
{
    os << v.scheme;
    for (const auto& [k, val] : v.raw)
        os << " " << k << "=" << val;
    return os;
}

class EveryScheme : public ::testing::TestWithParam<Variant>
{
  protected:
    std::unique_ptr<Scheme> make(const ModelConfig& m) const
    {
        return makeScheme(GetParam().scheme, GetParam().raw, m);
    }
};

TEST_P(EveryScheme, ProbsAreDistributionsAndCausalMaskIsStrictlyUpper)
{
    for (bool causal : {false, true})
        for (int n : {1, 2, 7, 33}) {
            SCOPED_TRACE("causal=" + std::to_string(causal) + " n=" + std::to_string(n));
            const ModelConfig m = makeModel(16, 2, causal, 3);
            auto s = make(m);
            const AttentionResult r = referenceAttention(*s, Sequence::positions(n));
            ASSERT_EQ(r.heads.size(), 2u);
            ASSERT_EQ(r.n(), n);
            for (const HeadResult& h : r.heads) {
                ASSERT_EQ(h.logits.rows(), n);
                ASSERT_EQ(h.logits.cols(), n);
                ASSERT_EQ(h.probs.rows(), n);
                ASSERT_EQ(h.probs.cols(), n);
                for (int i = 0; i < n; ++i) {
                    EXPECT_NEAR(h.probs.row(i).sum(), 1.0, 1e-12) << "row " << i;
                    for (int j = 0; j < n; ++j) {
                        EXPECT_TRUE(std::isfinite(h.probs(i, j)));
                        EXPECT_GE(h.probs(i, j), 0.0);
                        if (causal && j > i) {
                            EXPECT_EQ(h.logits(i, j), -kInf) << i << "," << j;
                            EXPECT_EQ(h.probs(i, j), 0.0) << i << "," << j;
                        } else {
                            EXPECT_TRUE(std::isfinite(h.logits(i, j))) << i << "," << j;
                            EXPECT_GT(h.probs(i, j), 0.0) << i << "," << j;
                        }
                    }
                }
                if (n == 1) {
                    EXPECT_EQ(h.probs(0, 0), 1.0);
                }
                EXPECT_TRUE(h.output.allFinite());
            }
            EXPECT_TRUE(r.output.allFinite());
        }
}

TEST_P(EveryScheme, TermsOverTemperatureSumToLogitsAndBiasIsTheRest)
{
    for (bool causal : {false, true})
        for (double temperature : {1.0, 0.7, 2.5}) {
            SCOPED_TRACE("causal=" + std::to_string(causal) + " T=" + std::to_string(temperature));
            const ModelConfig m = makeModel(16, 2, causal, 11, temperature);
            auto s = make(m);
            const AttentionResult r = referenceAttention(
                *s, Sequence::fromText("the cat sat on the mat today", TokenizerMode::Word));
            const int n = r.n();
            ASSERT_EQ(n, 7);
            for (const HeadResult& h : r.heads) {
                ASSERT_FALSE(h.terms.empty());
                MatrixXd sum = MatrixXd::Zero(n, n);
                for (const ScoreTerm& t : h.terms) {
                    ASSERT_EQ(t.value.rows(), n) << t.name;
                    ASSERT_EQ(t.value.cols(), n) << t.name;
                    sum += t.value;
                }
                for (int i = 0; i < n; ++i)
                    for (int j = 0; j <= (causal ? i : n - 1); ++j) {
                        EXPECT_NEAR(h.logits(i, j), sum(i, j) / temperature,
                                    1e-12 * (1 + std::abs(h.logits(i, j))));
                        EXPECT_NEAR(h.bias(i, j), h.logits(i, j) - h.terms[0].value(i, j) / temperature,
                                    1e-12 * (1 + std::abs(h.logits(i, j))));
                    }
            }
        }
}

TEST_P(EveryScheme, OutputIsProbsTimesValues)
{
    // Every scheme except Shaw (which adds a^V, checked in its own test) outputs probs · (x W_v).
    if (GetParam().scheme == "shaw") GTEST_SKIP() << "Shaw adds a value term";
    const ModelConfig m = makeModel(16, 2, false, 4);
    auto s = make(m);
    const Sequence seq = Sequence::fromText("one two three two one", TokenizerMode::Word);
    const AttentionResult r = referenceAttention(*s, seq);
    const MatrixXd x = contentVectors(seq, m) + s->absolute(seq.size());
    ASSERT_TRUE(matNear(r.content, contentVectors(seq, m), 0));
    for (int h = 0; h < 2; ++h) {
        const HeadQKV p = projectHead(m, x, h);
        EXPECT_TRUE(matNear(r.heads[h].output, r.heads[h].probs * p.v, 1e-12)) << "head " << h;
        EXPECT_TRUE(matNear(r.output.middleCols(h * 8, 8), r.heads[h].output, 0))
            << "concatenation, head " << h;
    }
}

TEST_P(EveryScheme, SameSeedIsBitIdenticalOtherSeedDiffers)
{
    const Sequence seq = Sequence::positions(7);
    auto a = make(makeModel(16, 2, false, 42));
    auto b = make(makeModel(16, 2, false, 42));
    auto c = make(makeModel(16, 2, false, 43));
    const AttentionResult ra = referenceAttention(*a, seq), rb = referenceAttention(*b, seq),
                          rc = referenceAttention(*c, seq);
    for (int h = 0; h < 2; ++h) {
        EXPECT_TRUE((ra.heads[h].logits.array() == rb.heads[h].logits.array()).all()) << "head " << h;
        EXPECT_TRUE((ra.heads[h].probs.array() == rb.heads[h].probs.array()).all()) << "head " << h;
        EXPECT_GT(maxAbsDiff(ra.heads[h].logits, rc.heads[h].logits), 1e-9) << "head " << h;
    }
}

TEST_P(EveryScheme, UnknownParameterIsRejectedByName)
{
    RawParams raw = GetParam().raw;
    raw["bogus_key"] = "1";
    const std::string msg = errorOf(GetParam().scheme, raw, makeModel(16, 2));
    EXPECT_NE(msg.find("bogus_key"), std::string::npos) << msg;
}

TEST_P(EveryScheme, DeltaCurveHasDeltaInColumnZero)
{
    auto s = make(makeModel(16, 2));
    if (!s->hasDeltaCurve()) { // CoPE: no function of Δ alone, and deltaCurve says so
        EXPECT_THROW(s->deltaCurve(4), Error);
        return;
    }
    for (int range : {0, 1, 16}) {
        const DeltaCurve c = s->deltaCurve(range);
        ASSERT_EQ(c.rows.rows(), 2 * range + 1);
        ASSERT_GE(c.rows.cols(), 1);
        ASSERT_EQ(static_cast<Eigen::Index>(c.columns.size()), c.rows.cols());
        for (int r = 0; r < c.rows.rows(); ++r)
            EXPECT_EQ(c.rows(r, 0), -range + r);
        EXPECT_TRUE(c.rows.allFinite());
    }
}

INSTANTIATE_TEST_SUITE_P(Schemes, EveryScheme,
                         ::testing::Values(Variant{"none", {}}, Variant{"sinusoidal", {}},
                                           Variant{"sinusoidal", {{"layout", "concat"}, {"base", "100"}}},
                                           Variant{"learned", {{"max_len", "40"}}}, Variant{"shaw", {}},
                                           Variant{"shaw", {{"k", "2"}}}, Variant{"transformer-xl", {}},
                                           Variant{"t5", {}}, Variant{"t5", {{"bidirectional", "false"}}},
                                           Variant{"alibi", {}}, Variant{"rope", {}},
                                           Variant{"rope", {{"layout", "interleaved"}}},
                                           Variant{"deberta", {}},
                                           Variant{"deberta", {{"bucket_size", "8"}, {"max_position", "32"}}},
                                           Variant{"seed-linear", {}}, Variant{"fire", {{"L", "4"}}},
                                           Variant{"cope", {}}, Variant{"cope", {{"npos", "3"}}}));

// ───────────────────────────── validation ─────────────────────────────

TEST(ModelValidation, BadHeadCountsAreErrors)
{
    struct Case
    {
        int d, heads;
    };
    for (const Case c : {Case{64, 0}, Case{10, 4}, Case{64, -2}, Case{0, 4}, Case{6, 4}}) {
        SCOPED_TRACE("d=" + std::to_string(c.d) + " heads=" + std::to_string(c.heads));
        const ModelConfig m = makeModel(c.d, c.heads);
        EXPECT_THROW(m.validate(), Error);
        EXPECT_NE(errorOf("none", {}, m), "<no error>");
    }
    EXPECT_NO_THROW(makeModel(12, 4).validate());
}

struct BadParam
{
    std::string scheme;
    RawParams raw;
    std::string key; // the message must name it
};

void PrintTo(const BadParam& c, std::ostream* os)
{
    *os << c.scheme;
    for (const auto& [k, v] : c.raw)
        *os << " " << k << "=" << v;
}

class BadParameterValue : public ::testing::TestWithParam<BadParam>
{
};

TEST_P(BadParameterValue, IsAnErrorNamingTheParameter)
{
    const BadParam& c = GetParam();
    const std::string msg = errorOf(c.scheme, c.raw, makeModel(16, 2));
    EXPECT_NE(msg, "<no error>");
    EXPECT_TRUE(namesWord(msg, c.key)) << "message does not name '" << c.key << "': " << msg;
}

INSTANTIATE_TEST_SUITE_P(
    Schemes, BadParameterValue,
    ::testing::Values(
        BadParam{"t5", {{"num_buckets", "1"}}, "num_buckets"},
        BadParam{"t5", {{"num_buckets", "0"}}, "num_buckets"},
        BadParam{"t5", {{"num_buckets", "abc"}}, "num_buckets"},
        BadParam{"t5", {{"max_distance", "0"}}, "max_distance"},
        BadParam{"t5", {{"bidirectional", "maybe"}}, "bidirectional"}, BadParam{"shaw", {{"k", "-1"}}, "k"},
        BadParam{"shaw", {{"k", "1.5"}}, "k"}, BadParam{"sinusoidal", {{"base", "0"}}, "base"},
        BadParam{"sinusoidal", {{"base", "-1"}}, "base"},
        BadParam{"sinusoidal", {{"layout", "halves"}}, "layout"}, BadParam{"rope", {{"base", "0"}}, "base"},
        BadParam{"rope", {{"base", "-10000"}}, "base"}, BadParam{"rope", {{"layout", "concat"}}, "layout"},
        BadParam{"learned", {{"max_len", "0"}}, "max_len"},
        BadParam{"deberta", {{"bucket_size", "1"}}, "bucket_size"},
        BadParam{"deberta", {{"bucket_size", "-2"}}, "bucket_size"},
        BadParam{"deberta", {{"max_position", "0"}}, "max_position"},
        // log(max_position − 1 / mid) must be > 0: max_position − 1 > bucket_size / 2
        BadParam{"deberta", {{"bucket_size", "8"}, {"max_position", "5"}}, "max_position"}));

TEST(OddDimensions, AreErrorsNamingTheScheme)
{
    struct Case
    {
        std::string scheme;
        int d, heads;
    };
    for (const Case& c : {Case{"sinusoidal", 7, 1}, Case{"sinusoidal", 15, 3}, Case{"rope", 12, 4},
                          Case{"rope", 6, 2}, Case{"rope", 7, 1}}) {
        SCOPED_TRACE(c.scheme + " d=" + std::to_string(c.d) + " heads=" + std::to_string(c.heads));
        const std::string msg = errorOf(c.scheme, {}, makeModel(c.d, c.heads));
        EXPECT_NE(msg, "<no error>");
        EXPECT_NE(msg.find(c.scheme), std::string::npos) << msg;
    }
    // Odd head dimensions are fine where nothing pairs dimensions up.
    for (const char* s : {"none", "learned", "alibi", "t5", "shaw"})
        EXPECT_EQ(errorOf(s, {}, makeModel(12, 4)), "<no error>") << s;
    EXPECT_EQ(errorOf("sinusoidal", {}, makeModel(12, 4)), "<no error>")
        << "sinusoidal needs even d_model only";
}

// Degenerate settings the official code would turn into log(0) or 0/0: PosLab must either refuse them
// with poslab::Error or still produce sane numbers (finite, rows summing to 1, buckets in range).
TEST(DegenerateParameters, AreRefusedOrSane)
{
    const std::vector<Variant> cases = {
        {"t5", {{"num_buckets", "2"}}},
        {"t5", {{"num_buckets", "3"}}},
        {"t5", {{"num_buckets", "2"}, {"bidirectional", "false"}}},
        {"t5", {{"max_distance", "1"}}},
        {"t5", {{"max_distance", "8"}}}, // == max_exact for 32 bidirectional buckets: log(1) = 0 divisor
        {"t5", {{"num_buckets", "48"}, {"max_distance", "16"}, {"bidirectional", "false"}}},
        {"deberta", {{"bucket_size", "2"}, {"max_position", "2"}}},
        {"deberta", {{"bucket_size", "1"}}},
        {"deberta", {{"bucket_size", "512"}, {"max_position", "64"}}},
        {"shaw", {{"k", "0"}}},
    };
    for (const Variant& v : cases) {
        SCOPED_TRACE(::testing::PrintToString(v));
        std::unique_ptr<Scheme> s;
        try {
            s = makeScheme(v.scheme, v.raw, makeModel(16, 2));
        } catch (const Error&) {
            continue; // refused: fine
        }
        AttentionResult r;
        try {
            r = referenceAttention(*s, Sequence::positions(70));
        } catch (const Error&) {
            continue;
        }
        for (const HeadResult& h : r.heads) {
            EXPECT_TRUE(h.logits.allFinite());
            EXPECT_TRUE(h.probs.allFinite());
            for (int i = 0; i < r.n(); ++i)
                EXPECT_NEAR(h.probs.row(i).sum(), 1.0, 1e-12);
        }
        if (v.scheme == "t5") {
            const long long nb = s->params().integer("num_buckets");
            for (int i = 0; i < 70; ++i)
                for (int j = 0; j < 70; ++j) {
                    const long long b = s->bucket(i, j);
                    EXPECT_TRUE(b >= 0 && b < nb) << "bucket(" << i << "," << j << ") = " << b;
                }
        }
    }
}

// ───────────────────────────── none ─────────────────────────────

TEST(NoneScheme, BarePositionsGiveUniformAttention)
{
    for (std::uint64_t seed : {0u, 5u})
        for (int n : {1, 2, 7, 33}) {
            const ModelConfig m = makeModel(16, 2, false, seed);
            auto s = makeScheme("none", {}, m);
            const AttentionResult r = referenceAttention(*s, Sequence::positions(n));
            for (const HeadResult& h : r.heads)
                EXPECT_TRUE(matNear(h.probs, MatrixXd::Constant(n, n, 1.0 / n), 1e-14)) << "n=" << n;
        }
}

TEST(NoneScheme, AbsoluteIsZeroAndLogitsAreScaledContentDots)
{
    const ModelConfig m = makeModel(16, 2, true, 9, 0.8);
    auto s = makeScheme("none", {}, m);
    EXPECT_TRUE(matNear(s->absolute(5), MatrixXd::Zero(5, 16), 0));
    const Sequence seq = Sequence::fromText("a b c a d", TokenizerMode::Word);
    const AttentionResult r = referenceAttention(*s, seq);
    for (int h = 0; h < 2; ++h) {
        const HeadQKV p = projectHead(m, contentVectors(seq, m), h);
        EXPECT_TRUE(matNear(r.heads[h].logits,
                            expectedLogits(m, p.q, p.k, 1 / std::sqrt(8.0), MatrixXd::Zero(5, 5)), 1e-12));
    }
}

// Without position information attention is permutation-equivariant: if token i of the new text is
// token π(i) of the old one, then P'[i][j] = P[π(i)][π(j)] and out'[i] = out[π(i)].
::testing::AssertionResult permutesLike(const std::string& scheme, const std::vector<std::string>& words,
                                        const std::vector<int>& perm)
{
    const ModelConfig m = makeModel(16, 2, false, 7);
    auto s = makeScheme(scheme, {}, m);
    std::string a, b;
    for (std::size_t i = 0; i < words.size(); ++i) {
        a += (i ? " " : "") + words[i];
        b += (i ? " " : "") + words[perm[i]];
    }
    const AttentionResult ra = referenceAttention(*s, Sequence::fromText(a, TokenizerMode::Word));
    const AttentionResult rb = referenceAttention(*s, Sequence::fromText(b, TokenizerMode::Word));
    const int n = static_cast<int>(words.size());
    for (int h = 0; h < m.heads; ++h) {
        MatrixXd expected(n, n), out(n, rb.heads[h].output.cols());
        for (int i = 0; i < n; ++i) {
            for (int j = 0; j < n; ++j)
                expected(i, j) = ra.heads[h].probs(perm[i], perm[j]);
            out.row(i) = ra.heads[h].output.row(perm[i]);
        }
        if (auto r = matNear(rb.heads[h].probs, expected, 1e-12); !r)
            return r << " (probs, head " << h << ")";
        if (auto r = matNear(rb.heads[h].output, out, 1e-12); !r) return r << " (output, head " << h << ")";
    }
    return ::testing::AssertionSuccess();
}

TEST(NoneScheme, PermutingTokensPermutesAttention)
{
    EXPECT_TRUE(permutesLike("none", {"a", "b", "c"}, {2, 1, 0}));
    EXPECT_TRUE(permutesLike("none", {"the", "quick", "brown", "fox", "jumps"}, {3, 0, 4, 1, 2}));
    // Control: the check does see position information.
    EXPECT_FALSE(permutesLike("sinusoidal", {"the", "quick", "brown", "fox", "jumps"}, {3, 0, 4, 1, 2}));
    EXPECT_FALSE(permutesLike("rope", {"the", "quick", "brown", "fox", "jumps"}, {3, 0, 4, 1, 2}));
}

// ───────────────────────────── sinusoidal (Vaswani et al. 2017) ─────────────────────────────

TEST(Sinusoidal, ExactValuesInterleavedD4)
{
    // PE[p] = [sin p, cos p, sin(p/100), cos(p/100)] for d = 4, base 10000 (numpy float64).
    MatrixXd expected(4, 4);
    // clang-format off
    expected << 0.0, 1.0, 0.0, 1.0,                                                          //
        0.8414709848078965, 0.5403023058681397, 0.009999833334166664, 0.9999500004166654,    //
        0.9092974268256816, -0.4161468365471424, 0.01999866669333308, 0.999800006666578,     //
        0.1411200080598672, -0.9899924966004454, 0.02999550020249566, 0.9995500337489878;
    // clang-format on
    auto s = makeScheme("sinusoidal", {}, makeModel(4, 1));
    EXPECT_TRUE(matNear(s->absolute(4), expected, 1e-15));
}

TEST(Sinusoidal, ExactValuesConcatD6Base100)
{
    // ω = 100^(−2k/6) = 1, 0.2154…, 0.0464…; columns sin ω0 p, sin ω1 p, sin ω2 p, cos ω0 p, cos ω1 p, cos ω2
    // p.
    MatrixXd expected(3, 6);
    // clang-format off
    expected << 0.0, 0.0, 0.0, 1.0, 1.0, 1.0,                                                                //
        0.8414709848078965, 0.213780666055299, 0.04639922346473128, 0.5403023058681397, 0.9768816851701914,  //
        0.9989229760406305,                                                                                  //
        0.9092974268256816, 0.41767683462581273, 0.09269850077872724, -0.4161468365471424, 0.9085956536419054, //
        0.9956942241237398;
    // clang-format on
    auto s = makeScheme("sinusoidal", {{"layout", "concat"}, {"base", "100"}}, makeModel(6, 2));
    EXPECT_TRUE(matNear(s->absolute(3), expected, 1e-15));
}

TEST(Sinusoidal, ClosedFormAndDefaults)
{
    for (double base : {10000.0, 500.0})
        for (bool concat : {false, true}) {
            RawParams raw{{"base", base == 10000.0 ? "10000" : "500"},
                          {"layout", concat ? "concat" : "interleaved"}};
            auto s = makeScheme("sinusoidal", raw, makeModel(64, 4));
            EXPECT_TRUE(matNear(s->absolute(50), sinusoid(50, 64, base, concat), 1e-13))
                << base << " " << concat;
        }
    auto defaults = makeScheme("sinusoidal", {}, makeModel(64, 4));
    EXPECT_TRUE(matNear(defaults->absolute(50), sinusoid(50, 64, 10000.0, false), 1e-13))
        << "defaults: interleaved, 10000";
}

TEST(Sinusoidal, GramMatrixDependsOnlyOnDelta)
{
    // PE_i·PE_j = Σ_k sin ω_k i sin ω_k j + cos ω_k i cos ω_k j = Σ_k cos(ω_k (j − i)), in both layouts.
    const int n = 33, d = 64;
    for (const char* layout : {"interleaved", "concat"}) {
        auto s = makeScheme("sinusoidal", {{"layout", layout}}, makeModel(d, 4));
        const MatrixXd pe = s->absolute(n);
        const MatrixXd gram = pe * pe.transpose();
        MatrixXd expected(n, n);
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j) {
                double g = 0;
                for (int k = 0; k < d / 2; ++k)
                    g += std::cos(std::pow(10000.0, -2.0 * k / d) * (j - i));
                expected(i, j) = g;
            }
        EXPECT_TRUE(matNear(gram, expected, 1e-11)) << layout;
    }
}

TEST(Sinusoidal, LayoutsArePermutationsOfEachOtherButDiffer)
{
    const int n = 20, d = 16;
    const MatrixXd inter =
        makeScheme("sinusoidal", {{"layout", "interleaved"}}, makeModel(d, 2))->absolute(n);
    const MatrixXd concat = makeScheme("sinusoidal", {{"layout", "concat"}}, makeModel(d, 2))->absolute(n);
    for (int k = 0; k < d / 2; ++k) {
        EXPECT_TRUE(matNear(concat.col(k), inter.col(2 * k), 1e-15)) << "sin column " << k;
        EXPECT_TRUE(matNear(concat.col(d / 2 + k), inter.col(2 * k + 1), 1e-15)) << "cos column " << k;
    }
    EXPECT_GT(maxAbsDiff(inter, concat), 0.5);
    // Not interchangeable: the same projections give different logits.
    const Sequence seq = Sequence::positions(n);
    const ModelConfig m = makeModel(d, 2, false, 1);
    const AttentionResult a =
        referenceAttention(*makeScheme("sinusoidal", {{"layout", "interleaved"}}, m), seq);
    const AttentionResult b = referenceAttention(*makeScheme("sinusoidal", {{"layout", "concat"}}, m), seq);
    EXPECT_GT(maxAbsDiff(a.heads[0].logits, b.heads[0].logits), 1e-6);
}

TEST(Sinusoidal, LogitsUseContentPlusEncoding)
{
    for (bool causal : {false, true}) {
        const ModelConfig m = makeModel(16, 2, causal, 21, 1.3);
        auto s = makeScheme("sinusoidal", {{"layout", "concat"}, {"base", "100"}}, m);
        const Sequence seq = Sequence::fromText("to be or not to be", TokenizerMode::Word);
        const AttentionResult r = referenceAttention(*s, seq);
        const MatrixXd pe = sinusoid(6, 16, 100.0, true);
        EXPECT_TRUE(matNear(r.pe, pe, 1e-14));
        for (int h = 0; h < 2; ++h) {
            const HeadQKV x = projectHead(m, contentVectors(seq, m) + pe, h);
            EXPECT_TRUE(matNear(r.heads[h].logits,
                                expectedLogits(m, x.q, x.k, 1 / std::sqrt(8.0), MatrixXd::Zero(6, 6)), 1e-12))
                << "head " << h;
            // terms[0] is the content-only part.
            const HeadQKV c = projectHead(m, contentVectors(seq, m), h);
            EXPECT_TRUE(matNear(r.heads[h].terms[0].value, c.q * c.k.transpose() / std::sqrt(8.0), 1e-12));
        }
    }
}

// ───────────────────────────── learned ─────────────────────────────

TEST(Learned, TableIsSeededAndAbsoluteReturnsItsFirstRows)
{
    auto a = makeScheme("learned", {}, makeModel(16, 2, false, 1));
    auto b = makeScheme("learned", {}, makeModel(16, 2, false, 1));
    auto c = makeScheme("learned", {}, makeModel(16, 2, false, 2));
    const MatrixXd ta = a->absolute(512);
    ASSERT_EQ(ta.rows(), 512);
    ASSERT_EQ(ta.cols(), 16);
    EXPECT_TRUE(ta.allFinite());
    EXPECT_GT(ta.cwiseAbs().maxCoeff(), 0.0);
    EXPECT_TRUE((ta.array() == b->absolute(512).array()).all()) << "same seed, same table";
    EXPECT_GT(maxAbsDiff(ta, c->absolute(512)), 1e-6) << "other seed, other table";
    EXPECT_TRUE((a->absolute(5).array() == a->absolute(10).topRows(5).array()).all());
    EXPECT_TRUE((a->absolute(10).array() == ta.topRows(10).array()).all());
    // Rows are distinct positions, not one vector repeated.
    EXPECT_GT((ta.row(0) - ta.row(1)).cwiseAbs().maxCoeff(), 1e-6);
}

TEST(Learned, PositionsBeyondMaxLenAreErrors)
{
    auto s = makeScheme("learned", {{"max_len", "4"}}, makeModel(16, 2));
    EXPECT_NO_THROW(s->absolute(4));
    EXPECT_THROW(s->absolute(5), Error);
    EXPECT_NO_THROW(referenceAttention(*s, Sequence::positions(4)));
    EXPECT_THROW(referenceAttention(*s, Sequence::positions(5)), Error);
}

TEST(Learned, LogitsUseContentPlusTableRows)
{
    const ModelConfig m = makeModel(16, 2, false, 8);
    auto s = makeScheme("learned", {{"max_len", "10"}}, m);
    const Sequence seq = Sequence::fromText("x y z x", TokenizerMode::Word);
    const AttentionResult r = referenceAttention(*s, seq);
    EXPECT_TRUE(matNear(r.pe, s->absolute(10).topRows(4), 0));
    for (int h = 0; h < 2; ++h) {
        const HeadQKV x = projectHead(m, contentVectors(seq, m) + r.pe, h);
        EXPECT_TRUE(matNear(r.heads[h].logits,
                            expectedLogits(m, x.q, x.k, 1 / std::sqrt(8.0), MatrixXd::Zero(4, 4)), 1e-12));
    }
}
