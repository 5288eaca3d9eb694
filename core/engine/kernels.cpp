// The row kernels of engine/kernels.h, written once with Google Highway and compiled for every
// target (hwy/foreach_target.h re-includes this file once per target); HWY_DYNAMIC_DISPATCH picks
// the best one the CPU supports below the POSLAB_CPU_ISA cap (engine/cpuisa.cpp).

// SSSE3 only matters for CPUs older than 2008 that lack SSE4; they run the scalar target.
#define HWY_DISABLED_TARGETS HWY_SSSE3
// Every attainable target, also those below the compiler's baseline: Highway's default leaves them
// out, and arm64's baseline is NEON, so there would be no scalar target (POSLAB_CPU_ISA=scalar)
// there. On x86-64 the baseline is below every target, so this adds nothing there.
#define HWY_COMPILE_ALL_ATTAINABLE

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "engine/kernels.cpp"
#include <hwy/foreach_target.h> // IWYU pragma: keep

#include <hwy/contrib/math/math-inl.h>
#include <hwy/highway.h>

#include "engine/kernels.h"

#include <algorithm>
#include <cstring>
#include <limits>

HWY_BEFORE_NAMESPACE();
namespace poslab::engine::kernels {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

using DF = hn::ScalableTag<float>;
using VF = hn::Vec<DF>;

constexpr float kNegInf = -std::numeric_limits<float>::infinity();

// Tails: the first `count` (< lanes) elements, the other lanes `fill`. Masked loads and stores where
// the target has fault-free ones for 32-bit lanes (AVX2, AVX-512, SVE), else through a buffer.
template <class D, typename T = hn::TFromD<D>>
HWY_INLINE hn::Vec<D> LoadPart(D d, const T* HWY_RESTRICT p, size_t count, T fill)
{
#if !HWY_MEM_OPS_MIGHT_FAULT || HWY_TARGET == HWY_AVX2
    const auto m = hn::FirstN(d, count);
    return hn::IfThenElse(m, hn::MaskedLoad(m, d, p), hn::Set(d, fill));
#else
    HWY_ALIGN T buf[HWY_MAX_BYTES / sizeof(T)];
    for (size_t i = 0; i < hn::Lanes(d); ++i)
        buf[i] = i < count ? p[i] : fill;
    return hn::Load(d, buf);
#endif
}

template <class D, typename T = hn::TFromD<D>>
HWY_INLINE void StorePart(hn::Vec<D> v, D d, T* HWY_RESTRICT p, size_t count)
{
#if !HWY_MEM_OPS_MIGHT_FAULT || HWY_TARGET == HWY_AVX2
    hn::BlendedStore(v, hn::FirstN(d, count), d, p);
#else
    HWY_ALIGN T buf[HWY_MAX_BYTES / sizeof(T)];
    hn::Store(v, d, buf);
    std::copy(buf, buf + count, p);
#endif
}

// e^x for x <= 0: x = k·ln2 + r with k = round(x·log2 e), |r| <= ln2/2; e^r by a degree-5 minimax
// polynomial (relative error 7.5e-8 on [−ln2/2, ln2/2], Remez; 1.5e-7 with its constant set to 1),
// then 2^k added to the exponent bits.
// k comes from the 1.5·2^23 shift: t = x·log2 e + 1.5·2^23 rounds to an integer whose bits, shifted
// left by 23, are k·2^23. x is clamped at −87, where 2^k is still normal: below, the result is
// e^−87 ≈ 2^−125.5. 12 operations; the former degree-7 Taylor polynomial with an exact 0 below −87
// took 17 (docs/performance.md).
HWY_INLINE VF ExpNeg(DF d, VF x)
{
    const hn::RebindToSigned<DF> di;
    x = hn::Max(x, hn::Set(d, kExpLowest));
    const VF shift = hn::Set(d, 12582912.0f); // 1.5 · 2^23
    const VF t = hn::MulAdd(x, hn::Set(d, 1.44269504088896341f), shift);
    const VF k = hn::Sub(t, shift);
    VF r = hn::NegMulAdd(k, hn::Set(d, 0.693145751953125f), x); // ln2 in two parts: k·hi is exact
    r = hn::NegMulAdd(k, hn::Set(d, 1.428606765330187045e-06f), r);
    VF p = hn::Set(d, 0.008297655080363472f);
    p = hn::MulAdd(p, r, hn::Set(d, 0.04191538199169587f));
    p = hn::MulAdd(p, r, hn::Set(d, 0.16667574728755044f));
    p = hn::MulAdd(p, r, hn::Set(d, 0.49998894851221964f));
    p = hn::MulAdd(p, r, hn::Set(d, 0.9999996919915167f));
    p = hn::MulAdd(p, r, hn::Set(d, 1.0f)); // Remez gives 1 + 7.2e-8: 1 keeps exp(0) = 1 exactly
    return hn::BitCast(d, hn::Add(hn::BitCast(di, p), hn::ShiftLeft<23>(hn::BitCast(di, t))));
}

// The same contract through hwy/contrib/math (more accurate, denormals down to −104, slower here).
struct ContribExp
{
    HWY_INLINE VF operator()(DF d, VF x) const { return hn::Exp(d, x); }
};
struct OwnExp
{
    HWY_INLINE VF operator()(DF d, VF x) const { return ExpNeg(d, x); }
};

template <bool Off, bool Col>
HWY_INLINE float ScoreRowT(float* HWY_RESTRICT row, size_t len, size_t maxLen, float c,
                           const float* HWY_RESTRICT off, const float* HWY_RESTRICT col)
{
    const DF d;
    const size_t N = hn::Lanes(d);
    const VF vc = hn::Set(d, c), ninf = hn::Set(d, kNegInf);
    VF max0 = ninf, max1 = ninf; // two chains: a max waits on the previous one
    auto score = [&](size_t j, VF s) HWY_ATTR {
        s = hn::Mul(s, vc);
        if constexpr (Off) s = hn::Add(s, hn::LoadU(d, off + j));
        if constexpr (Col) s = hn::Add(s, hn::LoadU(d, col + j));
        return s;
    };
    size_t j = 0;
    for (; j + 2 * N <= maxLen; j += 2 * N) {
        const VF s0 = score(j, hn::LoadU(d, row + j)), s1 = score(j + N, hn::LoadU(d, row + j + N));
        hn::StoreU(s0, d, row + j);
        hn::StoreU(s1, d, row + j + N);
        max0 = hn::Max(max0, s0);
        max1 = hn::Max(max1, s1);
    }
    for (; j + N <= len; j += N) {
        const VF s = score(j, hn::LoadU(d, row + j));
        hn::StoreU(s, d, row + j);
        if (j < maxLen) max0 = hn::Max(max0, hn::IfThenElse(hn::FirstN(d, maxLen - j), s, ninf));
    }
    if (j < len) {
        const size_t count = len - j;
        VF s = hn::Mul(LoadPart(d, row + j, count, 0.0f), vc);
        if constexpr (Off) s = hn::Add(s, LoadPart(d, off + j, count, 0.0f));
        if constexpr (Col) s = hn::Add(s, LoadPart(d, col + j, count, 0.0f));
        StorePart(s, d, row + j, count);
        if (j < maxLen) max0 = hn::Max(max0, hn::IfThenElse(hn::FirstN(d, maxLen - j), s, ninf));
    }
    return hn::GetLane(hn::MaxOfLanes(d, hn::Max(max0, max1)));
}

float ScoreRow(float* row, int len, int maxLen, float c, const float* off, const float* col)
{
    const size_t n = static_cast<size_t>(len), m = static_cast<size_t>(maxLen);
    if (off && col) return ScoreRowT<true, true>(row, n, m, c, off, col);
    if (off) return ScoreRowT<true, false>(row, n, m, c, off, col);
    if (col) return ScoreRowT<false, true>(row, n, m, c, off, col);
    return ScoreRowT<false, false>(row, n, m, c, off, col);
}

void AddRow(float* HWY_RESTRICT row, const float* HWY_RESTRICT src, int len, float scale)
{
    const DF d;
    const size_t N = hn::Lanes(d), n = static_cast<size_t>(len);
    const VF vs = hn::Set(d, scale);
    size_t j = 0;
    for (; j + N <= n; j += N)
        hn::StoreU(hn::MulAdd(hn::LoadU(d, src + j), vs, hn::LoadU(d, row + j)), d, row + j);
    if (j < n)
        StorePart(hn::MulAdd(LoadPart(d, src + j, n - j, 0.0f), vs, LoadPart(d, row + j, n - j, 0.0f)), d,
                  row + j, n - j);
}

float MaxRow(const float* HWY_RESTRICT row, int len)
{
    const DF d;
    const size_t N = hn::Lanes(d), n = static_cast<size_t>(len);
    VF max0 = hn::Set(d, kNegInf), max1 = max0;
    size_t j = 0;
    for (; j + 2 * N <= n; j += 2 * N) {
        max0 = hn::Max(max0, hn::LoadU(d, row + j));
        max1 = hn::Max(max1, hn::LoadU(d, row + j + N));
    }
    for (; j + N <= n; j += N)
        max0 = hn::Max(max0, hn::LoadU(d, row + j));
    if (j < n) max1 = hn::Max(max1, LoadPart(d, row + j, n - j, kNegInf));
    return hn::GetLane(hn::MaxOfLanes(d, hn::Max(max0, max1)));
}

// row[j] += table[index(j)], index(j) = idx[j] (+ j·stride when Strided). The table values are read
// one by one into a buffer: hardware gathers (GatherIndex) were slower than that on Zen 5
// (BM_Kernel_GatherAddRow, 1024 floats: AVX-512 480-540 ns, AVX2 600-650 ns, SSE4 350-420 ns with
// Highway's emulation, which reads them one by one; strided: 1600, 2650 and 900 ns).
template <bool Strided>
void GatherAddT(float* HWY_RESTRICT row, int len, const float* HWY_RESTRICT table, int stride,
                const std::int32_t* HWY_RESTRICT idx)
{
    const DF d;
    const size_t N = hn::Lanes(d), n = static_cast<size_t>(len);
    HWY_ALIGN float buf[HWY_MAX_BYTES / sizeof(float)];
    auto gather = [&](size_t j, size_t count) HWY_ATTR {
        for (size_t l = 0; l < count; ++l)
            buf[l] = table[(Strided ? static_cast<long>(j + l) * stride : 0L) + idx[j + l]];
    };
    size_t j = 0;
    for (; j + N <= n; j += N) {
        gather(j, N);
        hn::StoreU(hn::Add(hn::LoadU(d, row + j), hn::Load(d, buf)), d, row + j);
    }
    if (j < n) {
        gather(j, n - j);
        StorePart(hn::Add(LoadPart(d, row + j, n - j, 0.0f), hn::Load(d, buf)), d, row + j, n - j);
    }
}

void GatherAddRow(float* row, int len, const float* table, const std::int32_t* idx)
{
    GatherAddT<false>(row, len, table, 0, idx);
}

void GatherStrideAddRow(float* row, int len, const float* table, int stride, const std::int32_t* idx)
{
    GatherAddT<true>(row, len, table, stride, idx);
}

template <class Exp>
float ExpRowT(float* HWY_RESTRICT row, int len, float max)
{
    const DF d;
    const Exp exp;
    const size_t N = hn::Lanes(d), n = static_cast<size_t>(len);
    const VF vmax = hn::Set(d, max);
    VF sum = hn::Zero(d);
    size_t j = 0;
    for (; j + N <= n; j += N) {
        const VF e = exp(d, hn::Sub(hn::LoadU(d, row + j), vmax));
        hn::StoreU(e, d, row + j);
        sum = hn::Add(sum, e);
    }
    if (j < n) {
        const VF e = hn::IfThenElseZero(hn::FirstN(d, n - j),
                                        exp(d, hn::Sub(LoadPart(d, row + j, n - j, 0.0f), vmax)));
        StorePart(e, d, row + j, n - j);
        sum = hn::Add(sum, e);
    }
    return hn::GetLane(hn::SumOfLanes(d, sum));
}

float ExpRow(float* row, int len, float max)
{
    return ExpRowT<OwnExp>(row, len, max);
}

float ExpRowContrib(float* row, int len, float max)
{
    return ExpRowT<ContribExp>(row, len, max);
}

std::uint16_t Bf16Scalar(float f)
{
    std::uint32_t x;
    std::memcpy(&x, &f, 4);
    return static_cast<std::uint16_t>((x + 0x7FFFu + ((x >> 16) & 1u)) >> 16);
}

void ToBf16(std::uint16_t* HWY_RESTRICT dst, const float* HWY_RESTRICT src, long len)
{
    const DF d;
    const hn::RebindToUnsigned<DF> du;
    const hn::RebindToSigned<DF> di;
    const hn::Rebind<std::uint16_t, DF> d16;
    const size_t N = hn::Lanes(d), n = static_cast<size_t>(len);
    const auto bias = hn::Set(du, 0x7FFFu), one = hn::Set(du, 1u);
    size_t j = 0;
    for (; j + N <= n; j += N) {
        // round to nearest even: x + 0x7FFF + ((x >> 16) & 1), keep the high half
        const auto x = hn::BitCast(du, hn::LoadU(d, src + j));
        const auto r = hn::ShiftRight<16>(hn::Add(hn::Add(x, bias), hn::And(hn::ShiftRight<16>(x), one)));
        hn::StoreU(hn::DemoteTo(d16, hn::BitCast(di, r)), d16, dst + j); // r < 2^16: exact
    }
    for (; j < n; ++j)
        dst[j] = Bf16Scalar(src[j]);
}

template <bool Max>
HWY_INLINE void PoolRowT(const float* HWY_RESTRICT row, int len, const int* edges, int cells, float* out)
{
    const DF d;
    const size_t N = hn::Lanes(d);
    for (int b = 0; b < cells; ++b) {
        const size_t a0 = static_cast<size_t>(edges[b]);
        const size_t a1 = static_cast<size_t>(std::max(std::min(edges[b + 1], len), edges[b]));
        VF acc = hn::Zero(d); // probabilities are >= 0, so 0 is a neutral max too
        auto fold = [&](VF v) HWY_ATTR { acc = Max ? hn::Max(acc, v) : hn::Add(acc, v); };
        size_t j = a0;
        for (; j + N <= a1; j += N)
            fold(hn::LoadU(d, row + j));
        if (j < a1) fold(LoadPart(d, row + j, a1 - j, 0.0f));
        out[b] = hn::GetLane(Max ? hn::MaxOfLanes(d, acc) : hn::SumOfLanes(d, acc));
    }
}

void PoolRow(const float* row, int len, const int* edges, int cells, bool max, float* out)
{
    if (max)
        PoolRowT<true>(row, len, edges, cells, out);
    else
        PoolRowT<false>(row, len, edges, cells, out);
}

template <bool Max>
HWY_INLINE float ExpPoolRowT(const float* HWY_RESTRICT row, int len, float max, const int* edges, int cells,
                             float* out)
{
    const DF d;
    const size_t N = hn::Lanes(d);
    const VF vmax = hn::Set(d, max);
    VF total = hn::Zero(d);
    for (int b = 0; b < cells; ++b) {
        const size_t a0 = static_cast<size_t>(edges[b]);
        const size_t a1 = static_cast<size_t>(std::max(std::min(edges[b + 1], len), edges[b]));
        // per-cell chains (acc, sum) and one add into total per cell: a single running total would
        // make every vector wait for the previous add
        VF acc = hn::Zero(d), sum = hn::Zero(d);
        auto fold = [&](VF e) HWY_ATTR {
            if constexpr (Max) acc = hn::Max(acc, e);
            sum = hn::Add(sum, e);
        };
        size_t j = a0;
        for (; j + N <= a1; j += N)
            fold(ExpNeg(d, hn::Sub(hn::LoadU(d, row + j), vmax)));
        if (j < a1)
            fold(hn::IfThenElseZero(hn::FirstN(d, a1 - j),
                                    ExpNeg(d, hn::Sub(LoadPart(d, row + j, a1 - j, 0.0f), vmax))));
        total = hn::Add(total, sum);
        out[b] = hn::GetLane(Max ? hn::MaxOfLanes(d, acc) : hn::SumOfLanes(d, sum));
    }
    return hn::GetLane(hn::SumOfLanes(d, total));
}

float ExpPoolRow(const float* row, int len, float max, const int* edges, int cells, bool poolMax, float* out)
{
    return poolMax ? ExpPoolRowT<true>(row, len, max, edges, cells, out)
                   : ExpPoolRowT<false>(row, len, max, edges, cells, out);
}

void FinishCells(float* HWY_RESTRICT acc, const float* HWY_RESTRICT val, const float* HWY_RESTRICT ref,
                 int cells, float m, float inv, bool poolMax)
{
    const DF d;
    const size_t N = hn::Lanes(d), n = static_cast<size_t>(cells);
    const VF vm = hn::Set(d, m), vinv = hn::Set(d, inv);
    auto add = [&](VF a, VF v, VF r) HWY_ATTR {
        const VF p = hn::Mul(hn::Mul(v, ExpNeg(d, hn::Sub(r, vm))), vinv);
        return poolMax ? hn::Max(a, p) : hn::Add(a, p);
    };
    size_t b = 0;
    for (; b + N <= n; b += N)
        hn::StoreU(add(hn::LoadU(d, acc + b), hn::LoadU(d, val + b), hn::LoadU(d, ref + b)), d, acc + b);
    if (b < n) {
        const size_t left = n - b;
        StorePart(add(LoadPart(d, acc + b, left, 0.0f), LoadPart(d, val + b, left, 0.0f),
                      LoadPart(d, ref + b, left, kNegInf)),
                  d, acc + b, left);
    }
}

std::int64_t Target()
{
    return HWY_TARGET;
}

int Lanes()
{
    return static_cast<int>(hn::Lanes(DF()));
}

} // namespace HWY_NAMESPACE
} // namespace poslab::engine::kernels
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace poslab::engine::kernels {

HWY_EXPORT(ScoreRow);
HWY_EXPORT(AddRow);
HWY_EXPORT(MaxRow);
HWY_EXPORT(GatherAddRow);
HWY_EXPORT(GatherStrideAddRow);
HWY_EXPORT(ExpRow);
HWY_EXPORT(ExpRowContrib);
HWY_EXPORT(ToBf16);
HWY_EXPORT(PoolRow);
HWY_EXPORT(ExpPoolRow);
HWY_EXPORT(FinishCells);
HWY_EXPORT(Target);
HWY_EXPORT(Lanes);

float scoreRow(float* row, int len, int maxLen, float c, const float* offAdd, int offBase,
               const float* colAdd)
{
    return HWY_DYNAMIC_DISPATCH(ScoreRow)(row, len, maxLen, c, offAdd ? offAdd + offBase : nullptr, colAdd);
}

void addRow(float* row, const float* src, int len, float scale)
{
    HWY_DYNAMIC_DISPATCH(AddRow)(row, src, len, scale);
}

float maxRow(const float* row, int len)
{
    return HWY_DYNAMIC_DISPATCH(MaxRow)(row, len);
}

void gatherAddRow(float* row, int len, const float* table, long base, const std::int32_t* idx, int idxBase)
{
    HWY_DYNAMIC_DISPATCH(GatherAddRow)(row, len, table + base, idx + idxBase);
}

void gatherStrideAddRow(float* row, int len, const float* table, int stride, const std::int32_t* idx,
                        int idxBase)
{
    HWY_DYNAMIC_DISPATCH(GatherStrideAddRow)(row, len, table, stride, idx + idxBase);
}

float expRow(float* row, int len, float max)
{
    return HWY_DYNAMIC_DISPATCH(ExpRow)(row, len, max);
}

float expRowContribExp(float* row, int len, float max)
{
    return HWY_DYNAMIC_DISPATCH(ExpRowContrib)(row, len, max);
}

void toBf16(std::uint16_t* dst, const float* src, long len)
{
    HWY_DYNAMIC_DISPATCH(ToBf16)(dst, src, len);
}

void poolRow(const float* row, int len, const int* edges, int cells, bool max, float* out)
{
    HWY_DYNAMIC_DISPATCH(PoolRow)(row, len, edges, cells, max, out);
}

float expPoolRow(const float* row, int len, float max, const int* edges, int cells, bool poolMax, float* out)
{
    return HWY_DYNAMIC_DISPATCH(ExpPoolRow)(row, len, max, edges, cells, poolMax, out);
}

void finishCells(float* acc, const float* val, const float* ref, int cells, float m, float inv, bool poolMax)
{
    HWY_DYNAMIC_DISPATCH(FinishCells)(acc, val, ref, cells, m, inv, poolMax);
}

std::int64_t compiledTargets()
{
    return HWY_TARGETS;
}

std::int64_t dispatchedTarget()
{
    return HWY_DYNAMIC_DISPATCH(Target)();
}

int lanes()
{
    return HWY_DYNAMIC_DISPATCH(Lanes)();
}

} // namespace poslab::engine::kernels
#endif
