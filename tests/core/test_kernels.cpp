// The row kernels (engine/kernels.h) under every Highway target this CPU runs, against references
// in double with bounds derived from each operation: u = 2^-24 per fp32 rounding, γ_k = k·u/(1 − k·u)
// for a sum of k + 1 terms in any order (Higham §3.1), and the exp contract of kernels.h.
// Inputs and outputs end right before an inaccessible page, so a tail that reads or writes past
// its length crashes the test.

#include "engine/cpuisa.h"
#include "engine/kernels.h"
#include "error.h"

#include <gtest/gtest.h>
#include <hwy/targets.h>

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <random>
#include <set>
#include <vector>

namespace k = poslab::engine::kernels;

namespace {

constexpr double u = 1.0 / (1 << 24);
constexpr float kNegInf = -std::numeric_limits<float>::infinity();

double gamma(int terms)
{
    return terms * u / (1 - terms * u);
}

// `count` elements that end where an inaccessible page begins.
template <typename T>
class Guarded
{
  public:
    explicit Guarded(std::size_t count) : m_count(count)
    {
        const std::size_t page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
        m_bytes = (count * sizeof(T) + page - 1) / page * page + page;
        void* p = mmap(nullptr, m_bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) throw std::bad_alloc();
        m_base = static_cast<char*>(p);
        mprotect(m_base + m_bytes - page, page, PROT_NONE);
        m_data = reinterpret_cast<T*>(m_base + m_bytes - page - count * sizeof(T));
    }
    ~Guarded() { munmap(m_base, m_bytes); }
    Guarded(const Guarded&) = delete;
    Guarded& operator=(const Guarded&) = delete;
    T* data() { return m_data; }
    T& operator[](std::size_t i) { return m_data[i]; }
    std::size_t size() const { return m_count; }
    void assign(const std::vector<T>& v)
    {
        std::copy(v.begin(), v.begin() + static_cast<long>(m_count), m_data);
    }

  private:
    std::size_t m_count, m_bytes;
    char* m_base;
    T* m_data;
};

std::vector<float> randomRow(int len, float lo, float hi, unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> dist(lo, hi);
    std::vector<float> v(len);
    for (float& x : v)
        x = dist(rng);
    return v;
}

// exp of the float difference x − max (the kernels' first step, one exact rounding), in double;
// below the cut-off the contract allows [0, 2^-125): the reference is 0 and the bounds add kTiny.
constexpr double kTiny = 0x1p-125;
double expRef(float x, float max)
{
    const float diff = x - max;
    return diff < k::kExpLowest ? 0.0 : std::exp(static_cast<double>(diff));
}

// The exp contract for one value: relative 2^-21 on [−87, 0], in [0, 2^-125) below.
::testing::AssertionResult expWithinContract(double got, float x, float max)
{
    const double want = expRef(x, max);
    if (want == 0.0 ? got >= 0.0 && got < kTiny : std::abs(got - want) <= k::kExpMaxRelError * want)
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "exp(" << x << " − " << max << ") = " << got << ", want " << want;
}

class KernelTest : public ::testing::TestWithParam<std::int64_t>
{
  protected:
    void SetUp() override
    {
        poslab::setKernelIsaCap(""); // every target, whatever POSLAB_CPU_ISA says
        hwy::SetSupportedTargetsForTest(GetParam());
        ASSERT_EQ(k::dispatchedTarget(), GetParam()) << poslab::kernelIsaName(GetParam());
        lanes = k::lanes();
    }
    void TearDown() override { hwy::SetSupportedTargetsForTest(0); }

    // 0, 1, lanes − 1, lanes, lanes + 1, odd tails and long rows, without duplicates
    std::vector<int> lengths() const
    {
        const int n = lanes;
        std::set<int> s = {0, 1, n - 1, n, n + 1, 2 * n - 1, 2 * n + 3, 3 * n + 5, 37, 1000, 1031};
        s.erase(-1);
        return {s.begin(), s.end()};
    }
    int lanes = 1;
};

TEST_P(KernelTest, ScoreRow)
{
    for (int len : lengths())
        for (int variant = 0; variant < 4; ++variant) {
            const bool hasOff = variant & 1, hasCol = variant & 2;
            const int maxLen = len / 2 + (len % 3 == 0 ? len / 2 : 0); // some rows see every key
            const int offBase = 5;
            const std::vector<float> in = randomRow(len, -40.f, 40.f, len + 7u * variant);
            const std::vector<float> off = randomRow(len + offBase, -3.f, 3.f, 11u + len);
            const std::vector<float> col = randomRow(len, -2.f, 2.f, 13u + len);
            Guarded<float> row(len), offG(len + offBase), colG(len);
            row.assign(in);
            offG.assign(off);
            colG.assign(col);
            const float c = 0.125f;
            const float mx = k::scoreRow(row.data(), len, maxLen, c, hasOff ? offG.data() : nullptr, offBase,
                                         hasCol ? colG.data() : nullptr);
            float wantMax = kNegInf;
            for (int j = 0; j < len; ++j) {
                const double a = static_cast<double>(c) * in[j], b = hasOff ? off[j + offBase] : 0.0,
                             cc = hasCol ? col[j] : 0.0;
                const double bound = gamma(3) * (std::abs(a) + std::abs(b) + std::abs(cc));
                ASSERT_NEAR(row[j], a + b + cc, bound)
                    << "len " << len << " j " << j << " variant " << variant;
                if (j < maxLen) wantMax = std::max(wantMax, row[j]);
            }
            EXPECT_EQ(mx, wantMax) << "len " << len << " maxLen " << maxLen << " variant " << variant;
        }
}

TEST_P(KernelTest, AddRowAndMaxRow)
{
    for (int len : lengths()) {
        const std::vector<float> in = randomRow(len, -5.f, 5.f, len),
                                 src = randomRow(len, -5.f, 5.f, len + 1u);
        Guarded<float> row(len), srcG(len);
        row.assign(in);
        srcG.assign(src);
        k::addRow(row.data(), srcG.data(), len, 0.3f);
        double maxWant = -std::numeric_limits<double>::infinity();
        for (int j = 0; j < len; ++j) {
            const double a = in[j], b = static_cast<double>(0.3f) * src[j];
            ASSERT_NEAR(row[j], a + b, gamma(2) * (std::abs(a) + std::abs(b))) << "len " << len << " j " << j;
            maxWant = std::max(maxWant, static_cast<double>(row[j]));
        }
        EXPECT_EQ(k::maxRow(row.data(), len), static_cast<float>(maxWant)) << "len " << len;
        if (len > 0) { // the max anywhere, including the tail's last lane
            row[len - 1] = 1e30f;
            EXPECT_EQ(k::maxRow(row.data(), len), 1e30f) << "len " << len;
        }
    }
}

TEST_P(KernelTest, Gathers)
{
    const int rows = 7, stride = 5;
    for (int len : lengths()) {
        std::mt19937 rng(len);
        std::uniform_int_distribution<int> pick(0, rows - 1), pickStride(0, stride - 1);
        const int idxBase = 3;
        std::vector<std::int32_t> idx(len + idxBase), sidx(len + idxBase);
        for (int j = 0; j < len + idxBase; ++j) {
            idx[j] = pick(rng);
            sidx[j] = pickStride(rng);
        }
        const long base = 2 * rows; // the third row of a table with rows entries per row
        const std::vector<float> table = randomRow(3 * rows, -9.f, 9.f, 3);
        const std::vector<float> strided = randomRow(std::max(len, 1) * stride, -9.f, 9.f, 4);
        const std::vector<float> in = randomRow(len, -9.f, 9.f, 5);
        Guarded<float> row(len), row2(len), tableG(3 * rows),
            stridedG(static_cast<std::size_t>(len) * stride);
        Guarded<std::int32_t> idxG(len + idxBase), sidxG(len + idxBase);
        row.assign(in);
        row2.assign(in);
        tableG.assign(table);
        stridedG.assign(strided);
        idxG.assign(idx);
        sidxG.assign(sidx);
        k::gatherAddRow(row.data(), len, tableG.data(), base, idxG.data(), idxBase);
        k::gatherStrideAddRow(row2.data(), len, stridedG.data(), stride, sidxG.data(), idxBase);
        for (int j = 0; j < len; ++j) {
            // one correctly rounded addition: within u of the exact sum
            const double want = static_cast<double>(in[j]) + table[base + idx[j + idxBase]];
            ASSERT_NEAR(row[j], want, u * std::abs(want)) << "len " << len << " j " << j;
            const double want2 = static_cast<double>(in[j]) +
                                 strided[static_cast<std::size_t>(j) * stride + sidx[j + idxBase]];
            ASSERT_NEAR(row2[j], want2, u * std::abs(want2)) << "len " << len << " j " << j;
        }
    }
}

TEST_P(KernelTest, ExpContractOnADenseGrid)
{
    // 2^22 + 1 points over [−87, 0], both ends included, then beyond: [−200, −87) and −∞ give 0
    const int count = (1 << 22) + 1;
    Guarded<float> x(count);
    for (int i = 0; i < count; ++i)
        x[i] = static_cast<float>(-87.0 * i / (count - 1));
    std::vector<float> in(x.data(), x.data() + count);
    k::expRow(x.data(), count, 0.f);
    double worst = 0;
    for (int i = 0; i < count; ++i) {
        const double want = std::exp(static_cast<double>(in[i]));
        worst = std::max(worst, std::abs(x[i] - want) / want);
        ASSERT_LE(std::abs(x[i] - want), k::kExpMaxRelError * want) << "exp(" << in[i] << ") = " << x[i];
    }
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", worst);
    RecordProperty("worst_relative_error", text); // 1.2e-7 with AVX-512 on Zen 5
    const int below = 100000;
    Guarded<float> y(below + 1);
    for (int i = 0; i < below; ++i)
        y[i] = static_cast<float>(-87.0 - 113.0 * (i + 1) / below);
    y[below] = kNegInf;
    EXPECT_LT(k::expRow(y.data(), below + 1, 0.f), (below + 1) * kTiny);
    for (int i = 0; i <= below; ++i)
        ASSERT_TRUE(expWithinContract(y[i], i < below ? -87.0f - 113.0f * (i + 1) / below : kNegInf, 0.f))
            << i;
    // the last float above −87 and −87 itself are still inside the contract
    float edge[2] = {-87.f, std::nextafter(-87.f, 0.f)};
    k::expRow(edge, 2, 0.f);
    EXPECT_TRUE(expWithinContract(edge[0], -87.f, 0.f));
    EXPECT_TRUE(expWithinContract(edge[1], std::nextafter(-87.f, 0.f), 0.f));
}

// Every float in [−87, 0] (1.1·10⁹ values, 20–40 s per target): run with
// --gtest_also_run_disabled_tests. Measured on Zen 5: worst 2.54e-7 with FMA (AVX2, AVX-512),
// 2.74e-7 without (SSE4, scalar).
TEST_P(KernelTest, DISABLED_ExpContractOnEveryFloat)
{
    const int chunk = 1 << 20;
    std::vector<float> x(chunk), e(chunk);
    double worst = 0;
    std::uint32_t bits = 0x80000000u; // −0, then down in magnitude order
    for (bool done = false; !done;) {
        int count = 0;
        for (; count < chunk; ++count, ++bits) {
            const float v = std::bit_cast<float>(bits);
            if (v < -87.f) {
                done = true;
                break;
            }
            x[count] = e[count] = v;
        }
        k::expRow(e.data(), count, 0.f);
        for (int i = 0; i < count; ++i) {
            const double want = std::exp(static_cast<double>(x[i]));
            const double rel = std::abs(e[i] - want) / want;
            worst = std::max(worst, rel);
            ASSERT_LE(rel, k::kExpMaxRelError) << "exp(" << x[i] << ") = " << e[i];
        }
    }
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", worst);
    RecordProperty("worst_relative_error", text);
}

TEST_P(KernelTest, ExpRowValuesAndSum)
{
    for (int len : lengths()) {
        const std::vector<float> in = randomRow(len, -120.f, 3.f, len); // some below the cut-off
        const float max = 3.5f;
        Guarded<float> row(len);
        row.assign(in);
        const float sum = k::expRow(row.data(), len, max);
        double exact = 0;
        for (int j = 0; j < len; ++j) {
            ASSERT_TRUE(expWithinContract(row[j], in[j], max)) << "len " << len << " j " << j;
            exact += expRef(in[j], max);
        }
        EXPECT_NEAR(sum, exact,
                    (k::kExpMaxRelError + gamma(std::max(len - 1, 0)) * (1 + k::kExpMaxRelError)) * exact +
                        len * kTiny)
            << "len " << len;
    }
}

TEST_P(KernelTest, ToBf16RoundsToNearestEven)
{
    for (int len : lengths()) {
        std::vector<float> in = randomRow(len, -1e3f, 1e3f, len);
        if (len > 2) {                                 // exact ties: round to the even neighbour
            in[0] = std::bit_cast<float>(0x3F808000u); // 1 + 2^-8: tie, even is 1
            in[1] = std::bit_cast<float>(0x3F818000u); // tie, even is the upper neighbour
        }
        Guarded<float> src(len);
        Guarded<std::uint16_t> dst(len);
        src.assign(in);
        k::toBf16(dst.data(), src.data(), len);
        for (int j = 0; j < len; ++j) {
            const std::uint32_t bits = std::bit_cast<std::uint32_t>(in[j]);
            const float lo = std::bit_cast<float>(bits & 0xFFFF0000u);
            const float hi = std::bit_cast<float>((bits & 0xFFFF0000u) + 0x10000u);
            const double dlo = std::abs(static_cast<double>(in[j]) - lo),
                         dhi = std::abs(static_cast<double>(hi) - in[j]);
            const float want = dlo < dhi ? lo : dhi < dlo ? hi : ((bits >> 16) & 1u) ? hi : lo;
            ASSERT_EQ(std::bit_cast<float>(static_cast<std::uint32_t>(dst[j]) << 16), want)
                << "len " << len << " j " << j << " x " << in[j];
        }
    }
}

// cells of 0, 1, lanes ± 1 and more entries, some past len
std::vector<int> cellEdges(int len, int lanes)
{
    std::vector<int> e = {0};
    for (int w : {1, 0, lanes - 1, lanes, lanes + 1, 2 * lanes + 3, 5, 17})
        e.push_back(e.back() + std::max(w, 0));
    while (e.back() < len + 3)
        e.push_back(e.back() + 7);
    return e;
}

TEST_P(KernelTest, PoolRowAndExpPoolRow)
{
    for (int len : lengths())
        for (bool poolMax : {true, false}) {
            const std::vector<int> edges = cellEdges(len, lanes);
            const int cells = static_cast<int>(edges.size()) - 1;
            const std::vector<float> in = randomRow(len, -100.f, 0.f, len + 1u);
            const float max = 0.5f;
            Guarded<float> row(len), out(cells), out2(cells);
            row.assign(in);
            const float total = k::expPoolRow(row.data(), len, max, edges.data(), cells, poolMax, out.data());
            double exactTotal = 0;
            std::vector<float> e(len); // the probabilities as the kernels compute them (checked above)
            for (int b = 0; b < cells; ++b) {
                double cellMax = 0, cellSum = 0;
                for (int j = edges[b]; j < std::min(edges[b + 1], len); ++j) {
                    const double x = expRef(in[j], max);
                    cellMax = std::max(cellMax, x);
                    cellSum += x;
                }
                exactTotal += cellSum;
                const int m = std::max(0, std::min(edges[b + 1], len) - edges[b]);
                const double want = poolMax ? cellMax : cellSum;
                const double bound =
                    (poolMax ? k::kExpMaxRelError * cellMax
                             : (k::kExpMaxRelError + gamma(std::max(m - 1, 0)) * 1.01) * cellSum) +
                    m * kTiny;
                ASSERT_NEAR(out[b], want, bound) << "len " << len << " cell " << b << " max " << poolMax;
            }
            EXPECT_NEAR(total, exactTotal,
                        (k::kExpMaxRelError + gamma(std::max(len - 1, 0)) * 1.01) * exactTotal + len * kTiny);

            // poolRow over probabilities (0.01–1): exact max, sums within γ
            const std::vector<float> p = randomRow(len, 0.01f, 1.f, len + 2u);
            row.assign(p);
            k::poolRow(row.data(), len, edges.data(), cells, poolMax, out2.data());
            for (int b = 0; b < cells; ++b) {
                double cellMax = 0, cellSum = 0;
                for (int j = edges[b]; j < std::min(edges[b + 1], len); ++j) {
                    cellMax = std::max(cellMax, static_cast<double>(p[j]));
                    cellSum += p[j];
                }
                const int m = std::max(0, std::min(edges[b + 1], len) - edges[b]);
                if (poolMax)
                    ASSERT_EQ(out2[b], static_cast<float>(cellMax)) << "len " << len << " cell " << b;
                else
                    ASSERT_NEAR(out2[b], cellSum, gamma(std::max(m - 1, 0)) * cellSum)
                        << "len " << len << " cell " << b;
            }
        }
}

TEST_P(KernelTest, FinishCells)
{
    for (int count : lengths())
        for (bool poolMax : {true, false}) {
            std::vector<float> val = randomRow(count, 0.f, 2.f, count);
            std::vector<float> ref = randomRow(count, -95.f, 1.f, count + 2u); // some far below m
            if (count > 1) ref[1] = kNegInf;                                   // never pooled
            const float m = 1.f, inv = 0.25f;
            Guarded<float> valG(count), refG(count), acc(count);
            valG.assign(val);
            refG.assign(ref);
            const std::vector<float> acc0 = randomRow(count, 0.f, 0.5f, count + 3u);
            acc.assign(acc0);
            k::finishCells(acc.data(), valG.data(), refG.data(), count, m, inv, poolMax);
            for (int b = 0; b < count; ++b) {
                // p = val·e^(ref − m)·inv: the exp contract and two roundings; then one more (sum)
                const double p = val[b] * expRef(ref[b], m) * inv;
                const double want = poolMax ? std::max<double>(acc0[b], p) : acc0[b] + p;
                ASSERT_NEAR(acc[b], want, (k::kExpMaxRelError + 4 * u) * want) << count << " " << b;
            }
        }
}

std::string targetName(const ::testing::TestParamInfo<std::int64_t>& info)
{
    return poslab::kernelTargetName(info.param); // unique: arm64 runs both SVE and SVE2, say
}

INSTANTIATE_TEST_SUITE_P(EveryTarget, KernelTest, ::testing::ValuesIn(poslab::kernelTargets()), targetName);

TEST(KernelIsaCap, CapsTheDispatchedTarget)
{
    const std::vector<std::string> caps = poslab::kernelIsaCaps();
    ASSERT_FALSE(caps.empty());
    EXPECT_EQ(caps.front(), "scalar");
    EXPECT_EQ(poslab::kernelIsaName(poslab::kernelTargets().front()), caps.back())
        << "the best cap is the best target";

    poslab::setKernelIsaCap("scalar");
    EXPECT_EQ(poslab::kernelIsa(), "scalar");
    // the kernels still compute under the cap
    std::vector<float> row = {0.f, -1.f, -2.f, -100.f, -0.5f};
    const float sum = k::expRow(row.data(), 5, 0.f);
    EXPECT_NEAR(sum, 1 + std::exp(-1.0) + std::exp(-2.0) + std::exp(-0.5), 1e-6);
    EXPECT_TRUE(expWithinContract(row[3], -100.f, 0.f));
    EXPECT_EQ(k::maxRow(row.data(), 5), 1.f);

    for (const std::string& cap : caps) {
        poslab::setKernelIsaCap(cap);
        EXPECT_EQ(poslab::kernelIsa(), cap);
    }
    // a maximum, not a demand: a cap above the CPU runs the CPU's best
#if HWY_ARCH_X86
    poslab::setKernelIsaCap("AVX512");
    EXPECT_EQ(poslab::kernelIsa(), caps.back());
#endif
    EXPECT_THROW(poslab::setKernelIsaCap("avx3000"), poslab::Error);
    try {
        poslab::setKernelIsaCap("avx3000");
    } catch (const poslab::Error& e) {
        EXPECT_NE(std::string(e.what()).find("POSLAB_CPU_ISA"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("scalar"), std::string::npos) << e.what();
    }
    poslab::setKernelIsaCap("");
    EXPECT_EQ(poslab::kernelIsa(), caps.back());
}

TEST(KernelIsaCap, OneDnnIsaIsNamedAsItsVariable)
{
    const std::string isa = poslab::onednnIsa();
    EXPECT_FALSE(isa.empty());
    EXPECT_EQ(isa.find_first_of("abcdefghijklmnopqrstuvwxyz"), std::string::npos) << isa;
}

} // namespace
