#pragma once

#include <cstdint>

// Row kernels of the fused attention pass: one source (kernels.cpp, Google Highway) compiled for
// scalar, SSE4, AVX2, AVX-512, NEON and SVE, dispatched at run time to the best target the CPU has
// below the POSLAB_CPU_ISA cap (engine/cpuisa.h).
//
// Accuracy contract of the exponential (expRow, expPoolRow, finishCells), the same under every
// target: for x in [−87, 0] the relative error of exp(x) is at most 2^-21; for x < −87 (−∞
// included) the result is 0 or a value below 2^-125. Only x <= 0 occurs (differences to a running
// maximum). Sums (expRow, expPoolRow, poolRow) are plain fp32 sums in an unspecified order.
namespace poslab::engine::kernels {

inline constexpr float kExpLowest = -87.0f; // exp(x) is below 2^-125 under this
inline constexpr double kExpMaxRelError = 1.0 / (1 << 21);

// row[j] = c·row[j] + offAdd[j + offBase] + colAdd[j] for j < len (offAdd, colAdd may be null);
// returns max_j row[j] over j < maxLen (maxLen <= len; −∞ when maxLen is 0).
float scoreRow(float* row, int len, int maxLen, float c, const float* offAdd, int offBase,
               const float* colAdd);

// row[j] += scale·src[j] for j < len.
void addRow(float* row, const float* src, int len, float scale);

// max_j row[j] over j < len (−∞ when len is 0).
float maxRow(const float* row, int len);

// row[j] += table[base + idx[j + idxBase]], j < len (the gathered relative-key term q_i · T[r(o)]).
void gatherAddRow(float* row, int len, const float* table, long base, const std::int32_t* idx, int idxBase);

// row[j] += table[j·stride + idx[j + idxBase]], j < len (the relative-query term k_j · T[r(o)]);
// len·stride must fit in an int32.
void gatherStrideAddRow(float* row, int len, const float* table, int stride, const std::int32_t* idx,
                        int idxBase);

// row[j] = exp(row[j] − max) for j < len; returns the sum.
float expRow(float* row, int len, float max);

// dst[j] = bf16(src[j]) (round to nearest even), j < len.
void toBf16(std::uint16_t* dst, const float* src, long len);

// Per-cell reduction of one row of probabilities (>= 0): cell b covers [edges[b], edges[b+1]),
// b < cells; out[b] = max or sum (mean) of row over the cell, entries at or beyond len count as 0.
void poolRow(const float* row, int len, const int* edges, int cells, bool max, float* out);

// The exp pass and the pooling in one read, nothing stored: e_j = exp(row[j] − max) for j < len,
// out[b] = max or sum of e over cell b (edges as poolRow); returns Σ_j e_j.
float expPoolRow(const float* row, int len, float max, const int* edges, int cells, bool poolMax, float* out);

// Streaming pools of one query row: cell b holds val[b] relative to the max ref[b] it was pooled at
// (ref = −∞: nothing yet). Adds the row's probabilities val·e^(ref − m)·inv into acc (max or sum),
// branch-free: e^(−∞) is 0.
void finishCells(float* acc, const float* val, const float* ref, int cells, float m, float inv, bool poolMax);

// expRow with Highway's own hwy/contrib/math Exp instead of ours, kept so that the kernel benchmark
// can compare the two on any machine (docs/performance.md); the engine does not use it.
float expRowContribExp(float* row, int len, float max);

// Highway targets (bits: HWY_AVX2, …) compiled into these kernels, the one they currently dispatch
// to (engine/cpuisa.h names them), and its float lanes per vector.
std::int64_t compiledTargets();
std::int64_t dispatchedTarget();
int lanes();

} // namespace poslab::engine::kernels
