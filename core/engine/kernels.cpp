#include "kernels.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

// g++ 12 reports its own _mm512_undefined_* helpers (self-initialised on purpose) as uninitialised
// once they are inlined into target("avx512f") functions: a known false positive.
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#define POSLAB_AVX512 __attribute__((target("avx512f,avx512bw,avx512vl,avx512dq,fma")))

namespace poslab::engine::kernels {

bool hasAvx512()
{
    static const bool has = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                            __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq") &&
                            __builtin_cpu_supports("fma");
    return has;
}

namespace {

constexpr float kNegInf = -std::numeric_limits<float>::infinity();

__mmask16 tailMask(int left)
{
    return left >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << left) - 1u);
}

// e^x for x <= 0: x = k·ln2 + r, |r| <= ln2/2, e^r by its Taylor polynomial to degree 7
// (truncation below 1e-8 relative), then scaled by 2^k. Inputs below −87 give 0.
POSLAB_AVX512 __m512 exp512(__m512 x)
{
    const __m512 lo = _mm512_set1_ps(-87.0f);
    const __mmask16 under = _mm512_cmp_ps_mask(x, lo, _CMP_LT_OQ);
    x = _mm512_max_ps(x, lo);
    const __m512 k = _mm512_roundscale_ps(_mm512_mul_ps(x, _mm512_set1_ps(1.44269504088896341f)),
                                          _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m512 r = _mm512_fnmadd_ps(k, _mm512_set1_ps(0.693145751953125f), x);
    r = _mm512_fnmadd_ps(k, _mm512_set1_ps(1.428606765330187045e-06f), r);
    __m512 p = _mm512_set1_ps(1.0f / 5040);
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 720));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 120));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 24));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 6));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(0.5f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
    return _mm512_maskz_mov_ps(static_cast<__mmask16>(~under), _mm512_scalef_ps(p, k));
}

template <bool Off, bool Col>
POSLAB_AVX512 float scoreRow512(float* row, int len, int maxLen, float c, const float* off, const float* col)
{
    const __m512 vc = _mm512_set1_ps(c);
    __m512 vmax = _mm512_set1_ps(kNegInf);
    for (int j = 0; j < len; j += 16) {
        const __mmask16 m = tailMask(len - j);
        __m512 s = _mm512_mul_ps(_mm512_maskz_loadu_ps(m, row + j), vc);
        if constexpr (Off) s = _mm512_add_ps(s, _mm512_maskz_loadu_ps(m, off + j));
        if constexpr (Col) s = _mm512_add_ps(s, _mm512_maskz_loadu_ps(m, col + j));
        _mm512_mask_storeu_ps(row + j, m, s);
        if (j < maxLen) vmax = _mm512_mask_max_ps(vmax, m & tailMask(maxLen - j), vmax, s);
    }
    return _mm512_reduce_max_ps(vmax);
}

template <bool Off, bool Col>
float scoreRowScalar(float* row, int len, int maxLen, float c, const float* off, const float* col)
{
    float mx = kNegInf;
    for (int j = 0; j < len; ++j) {
        float s = row[j] * c;
        if constexpr (Off) s += off[j];
        if constexpr (Col) s += col[j];
        row[j] = s;
        if (j < maxLen) mx = std::max(mx, s);
    }
    return mx;
}

POSLAB_AVX512 void addRow512(float* row, const float* src, int len, float scale)
{
    const __m512 vs = _mm512_set1_ps(scale);
    for (int j = 0; j < len; j += 16) {
        const __mmask16 m = tailMask(len - j);
        _mm512_mask_storeu_ps(
            row + j, m,
            _mm512_fmadd_ps(_mm512_maskz_loadu_ps(m, src + j), vs, _mm512_maskz_loadu_ps(m, row + j)));
    }
}

POSLAB_AVX512 float maxRow512(const float* row, int len)
{
    __m512 vmax = _mm512_set1_ps(kNegInf);
    for (int j = 0; j < len; j += 16)
        vmax = _mm512_mask_max_ps(vmax, tailMask(len - j), vmax,
                                  _mm512_maskz_loadu_ps(tailMask(len - j), row + j));
    return _mm512_reduce_max_ps(vmax);
}

POSLAB_AVX512 void gatherAddRow512(float* row, int len, const float* table, const std::int32_t* idx)
{
    for (int j = 0; j < len; j += 16) {
        const __mmask16 m = tailMask(len - j);
        const __m512i vi = _mm512_maskz_loadu_epi32(m, idx + j);
        const __m512 g = _mm512_mask_i32gather_ps(_mm512_setzero_ps(), m, vi, table, 4);
        _mm512_mask_storeu_ps(row + j, m, _mm512_add_ps(_mm512_maskz_loadu_ps(m, row + j), g));
    }
}

POSLAB_AVX512 void gatherStrideAddRow512(float* row, int len, const float* table, int stride,
                                         const std::int32_t* idx)
{
    const __m512i lane = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    const __m512i vstride = _mm512_set1_epi32(stride);
    for (int j = 0; j < len; j += 16) {
        const __mmask16 m = tailMask(len - j);
        const __m512i jj = _mm512_add_epi32(_mm512_set1_epi32(j), lane);
        const __m512i vi =
            _mm512_add_epi32(_mm512_mullo_epi32(jj, vstride), _mm512_maskz_loadu_epi32(m, idx + j));
        const __m512 g = _mm512_mask_i32gather_ps(_mm512_setzero_ps(), m, vi, table, 4);
        _mm512_mask_storeu_ps(row + j, m, _mm512_add_ps(_mm512_maskz_loadu_ps(m, row + j), g));
    }
}

POSLAB_AVX512 float expRow512(float* row, int len, float max)
{
    const __m512 vmax = _mm512_set1_ps(max);
    __m512 sum = _mm512_setzero_ps();
    int j = 0;
    for (; j + 16 <= len; j += 16) {
        const __m512 e = exp512(_mm512_sub_ps(_mm512_loadu_ps(row + j), vmax));
        _mm512_storeu_ps(row + j, e);
        sum = _mm512_add_ps(sum, e);
    }
    if (j < len) {
        const __mmask16 m = tailMask(len - j);
        const __m512 e =
            _mm512_maskz_mov_ps(m, exp512(_mm512_sub_ps(_mm512_maskz_loadu_ps(m, row + j), vmax)));
        _mm512_mask_storeu_ps(row + j, m, e);
        sum = _mm512_add_ps(sum, e);
    }
    return _mm512_reduce_add_ps(sum);
}

POSLAB_AVX512 void toBf16_512(std::uint16_t* dst, const float* src, long len)
{
    const __m512i one = _mm512_set1_epi32(1), bias = _mm512_set1_epi32(0x7FFF);
    for (long j = 0; j < len; j += 16) {
        const __mmask16 m = tailMask(static_cast<int>(std::min<long>(len - j, 16)));
        const __m512i x = _mm512_castps_si512(_mm512_maskz_loadu_ps(m, src + j));
        // round to nearest even: x + 0x7FFF + ((x >> 16) & 1), keep the high half
        const __m512i r =
            _mm512_add_epi32(_mm512_add_epi32(x, bias), _mm512_and_si512(_mm512_srli_epi32(x, 16), one));
        _mm256_mask_storeu_epi16(dst + j, m, _mm512_cvtepi32_epi16(_mm512_srli_epi32(r, 16)));
    }
}

POSLAB_AVX512 void poolRow512(const float* row, int len, const int* edges, int cells, bool max, float* out)
{
    for (int b = 0; b < cells; ++b) {
        const int a0 = edges[b], a1 = std::min(edges[b + 1], len);
        __m512 acc = _mm512_setzero_ps(); // probabilities are >= 0, so 0 is a neutral max too
        for (int j = a0; j < a1; j += 16) {
            const __mmask16 m = tailMask(a1 - j);
            const __m512 v = _mm512_maskz_loadu_ps(m, row + j);
            acc = max ? _mm512_max_ps(acc, v) : _mm512_add_ps(acc, v);
        }
        out[b] = max ? _mm512_reduce_max_ps(acc) : _mm512_reduce_add_ps(acc);
    }
}

POSLAB_AVX512 float expPoolRow512(const float* row, int len, float max, const int* edges, int cells,
                                  bool poolMax, float* out)
{
    const __m512 vmax = _mm512_set1_ps(max);
    __m512 total = _mm512_setzero_ps();
    for (int b = 0; b < cells; ++b) {
        const int a0 = edges[b], a1 = std::min(edges[b + 1], len);
        // per-cell chains (acc, sum) and one add into total per cell: a single running total would
        // make every vector wait for the previous add
        __m512 acc = _mm512_setzero_ps(), sum = _mm512_setzero_ps();
        for (int j = a0; j < a1; j += 16) {
            const __mmask16 m = tailMask(a1 - j);
            const __m512 e =
                _mm512_maskz_mov_ps(m, exp512(_mm512_sub_ps(_mm512_maskz_loadu_ps(m, row + j), vmax)));
            if (poolMax) acc = _mm512_max_ps(acc, e);
            sum = _mm512_add_ps(sum, e);
        }
        total = _mm512_add_ps(total, sum);
        out[b] = poolMax ? _mm512_reduce_max_ps(acc) : _mm512_reduce_add_ps(sum);
    }
    return _mm512_reduce_add_ps(total);
}

POSLAB_AVX512 void mergeCells512(float* val, float* ref, const float* cell, int count, float m, bool poolMax)
{
    const __m512 vm = _mm512_set1_ps(m);
    for (int b = 0; b < count; b += 16) {
        const __mmask16 k = tailMask(count - b);
        const __m512 old = _mm512_mul_ps(_mm512_maskz_loadu_ps(k, val + b),
                                         exp512(_mm512_sub_ps(_mm512_maskz_loadu_ps(k, ref + b), vm)));
        const __m512 c = _mm512_maskz_loadu_ps(k, cell + b);
        _mm512_mask_storeu_ps(val + b, k, poolMax ? _mm512_max_ps(old, c) : _mm512_add_ps(old, c));
        _mm512_mask_storeu_ps(ref + b, k, vm);
    }
}

POSLAB_AVX512 void finishCells512(float* acc, const float* val, const float* ref, int cells, float m, float inv,
                                  bool poolMax)
{
    const __m512 vm = _mm512_set1_ps(m), vinv = _mm512_set1_ps(inv);
    for (int b = 0; b < cells; b += 16) {
        const __mmask16 k = tailMask(cells - b);
        const __m512 p = _mm512_mul_ps(
            _mm512_mul_ps(_mm512_maskz_loadu_ps(k, val + b), exp512(_mm512_sub_ps(_mm512_maskz_loadu_ps(k, ref + b), vm))),
            vinv);
        const __m512 a = _mm512_maskz_loadu_ps(k, acc + b);
        _mm512_mask_storeu_ps(acc + b, k, poolMax ? _mm512_max_ps(a, p) : _mm512_add_ps(a, p));
    }
}

} // namespace

void mergeCells(float* val, float* ref, const float* cell, int count, float m, bool poolMax)
{
    if (hasAvx512()) return mergeCells512(val, ref, cell, count, m, poolMax);
    for (int b = 0; b < count; ++b) {
        const float old = ref[b] == kNegInf ? 0.f : val[b] * std::exp(ref[b] - m);
        val[b] = poolMax ? std::max(old, cell[b]) : old + cell[b];
        ref[b] = m;
    }
}

void finishCells(float* acc, const float* val, const float* ref, int cells, float m, float inv, bool poolMax)
{
    if (hasAvx512()) return finishCells512(acc, val, ref, cells, m, inv, poolMax);
    for (int b = 0; b < cells; ++b) {
        if (ref[b] == kNegInf) continue;
        const float p = val[b] * std::exp(ref[b] - m) * inv;
        acc[b] = poolMax ? std::max(acc[b], p) : acc[b] + p;
    }
}

float scoreRow(float* row, int len, int maxLen, float c, const float* offAdd, int offBase,
               const float* colAdd)
{
    const float* off = offAdd ? offAdd + offBase : nullptr;
    if (hasAvx512()) {
        if (off && colAdd) return scoreRow512<true, true>(row, len, maxLen, c, off, colAdd);
        if (off) return scoreRow512<true, false>(row, len, maxLen, c, off, colAdd);
        if (colAdd) return scoreRow512<false, true>(row, len, maxLen, c, off, colAdd);
        return scoreRow512<false, false>(row, len, maxLen, c, off, colAdd);
    }
    if (off && colAdd) return scoreRowScalar<true, true>(row, len, maxLen, c, off, colAdd);
    if (off) return scoreRowScalar<true, false>(row, len, maxLen, c, off, colAdd);
    if (colAdd) return scoreRowScalar<false, true>(row, len, maxLen, c, off, colAdd);
    return scoreRowScalar<false, false>(row, len, maxLen, c, off, colAdd);
}

void addRow(float* row, const float* src, int len, float scale)
{
    if (hasAvx512()) return addRow512(row, src, len, scale);
    for (int j = 0; j < len; ++j)
        row[j] += scale * src[j];
}

float maxRow(const float* row, int len)
{
    if (hasAvx512()) return maxRow512(row, len);
    float mx = kNegInf;
    for (int j = 0; j < len; ++j)
        mx = std::max(mx, row[j]);
    return mx;
}

void gatherAddRow(float* row, int len, const float* table, long base, const std::int32_t* idx, int idxBase)
{
    if (hasAvx512()) return gatherAddRow512(row, len, table + base, idx + idxBase);
    for (int j = 0; j < len; ++j)
        row[j] += table[base + idx[j + idxBase]];
}

void gatherStrideAddRow(float* row, int len, const float* table, int stride, const std::int32_t* idx,
                        int idxBase)
{
    if (hasAvx512()) return gatherStrideAddRow512(row, len, table, stride, idx + idxBase);
    for (int j = 0; j < len; ++j)
        row[j] += table[static_cast<long>(j) * stride + idx[j + idxBase]];
}

float expRow(float* row, int len, float max)
{
    if (hasAvx512()) return expRow512(row, len, max);
    float sum = 0.f;
    for (int j = 0; j < len; ++j) {
        row[j] = std::exp(row[j] - max);
        sum += row[j];
    }
    return sum;
}

void toBf16(std::uint16_t* dst, const float* src, long len)
{
    if (hasAvx512()) return toBf16_512(dst, src, len);
    for (long j = 0; j < len; ++j) {
        std::uint32_t x;
        std::memcpy(&x, src + j, 4);
        dst[j] = static_cast<std::uint16_t>((x + 0x7FFFu + ((x >> 16) & 1u)) >> 16);
    }
}

float expPoolRow(const float* row, int len, float max, const int* edges, int cells, bool poolMax, float* out)
{
    if (hasAvx512()) return expPoolRow512(row, len, max, edges, cells, poolMax, out);
    float total = 0.f;
    for (int b = 0; b < cells; ++b) {
        float acc = 0.f;
        for (int j = edges[b]; j < std::min(edges[b + 1], len); ++j) {
            const float e = std::exp(row[j] - max);
            acc = poolMax ? std::max(acc, e) : acc + e;
            total += e;
        }
        out[b] = acc;
    }
    return total;
}

void poolRow(const float* row, int len, const int* edges, int cells, bool max, float* out)
{
    if (hasAvx512()) return poolRow512(row, len, edges, cells, max, out);
    for (int b = 0; b < cells; ++b) {
        float acc = 0.f;
        for (int j = edges[b]; j < std::min(edges[b + 1], len); ++j)
            acc = max ? std::max(acc, row[j]) : acc + row[j];
        out[b] = acc;
    }
}

} // namespace poslab::engine::kernels
