#pragma once

#include <cstdint>

// Row kernels of the fused attention pass. Each dispatches at run time to an AVX-512 version when
// the CPU has it (the default build is portable x86-64) and to plain loops otherwise.
namespace poslab::engine::kernels {

bool hasAvx512();

// row[j] = c·row[j] + offAdd[j + offBase] + colAdd[j] for j < len (offAdd, colAdd may be null);
// returns max_j row[j] over j < maxLen (maxLen <= len).
float scoreRow(float* row, int len, int maxLen, float c, const float* offAdd, int offBase,
               const float* colAdd);

// row[j] += scale·src[j] for j < len.
void addRow(float* row, const float* src, int len, float scale);

// max_j row[j] over j < len.
float maxRow(const float* row, int len);

// row[j] += table[base + idx[j + idxBase]], j < len (the gathered relative-key term q_i · T[r(o)]).
void gatherAddRow(float* row, int len, const float* table, long base, const std::int32_t* idx, int idxBase);

// row[j] += table[j·stride + idx[j + idxBase]], j < len (the relative-query term k_j · T[r(o)]).
void gatherStrideAddRow(float* row, int len, const float* table, int stride, const std::int32_t* idx,
                        int idxBase);

// row[j] = exp(row[j] − max) for j < len; returns the sum.
float expRow(float* row, int len, float max);

// dst[j] = bf16(src[j]) (round to nearest even), j < len.
void toBf16(std::uint16_t* dst, const float* src, long len);

// Per-cell reduction of one row: cell b covers [edges[b], edges[b+1]), b < cells; out[b] = max or
// sum (mean) of row over the cell, entries at or beyond len count as 0.
void poolRow(const float* row, int len, const int* edges, int cells, bool max, float* out);

// The exp pass and the pooling in one read, nothing stored: e_j = exp(row[j] − max) for j < len,
// out[b] = max or sum of e over cell b (edges as poolRow); returns Σ_j e_j.
float expPoolRow(const float* row, int len, float max, const int* edges, int cells, bool poolMax, float* out);
// Streaming pools of one query row, each cell b holding val[b] relative to the max ref[b] it was
// pooled at (ref = −∞: nothing yet). mergeCells folds this block's cell values in at the row's new
// max m: val = combine(val·e^(ref − m), cell), ref = m. finishCells adds the row's probabilities
// val·e^(ref − m)·inv into acc (max or sum). Both branch-free: e^(−∞) is 0.
void mergeCells(float* val, float* ref, const float* cell, int count, float m, bool poolMax);
void finishCells(float* acc, const float* val, const float* ref, int cells, float m, float inv, bool poolMax);

} // namespace poslab::engine::kernels
