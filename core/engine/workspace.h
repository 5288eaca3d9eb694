#pragma once

// Internal to the oneDNN engine: per-head data in float, prepared from a plan, and kept (with its
// capacity) between runs so that a recompute touches no fresh memory.

#include "engine/gemm.h"
#include "plan.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace poslab::engine {

struct HeadData
{
    std::vector<float> q, k, v;            // n × hd; q, k rotated when the plan is rotary
    std::vector<float> qPlain, kPlain;     // unrotated (tables, key bias); empty: same as q, k
    std::vector<float> qc, kc;             // content-only, unrotated (the bias matrix); empty: qPlain, kPlain
    std::vector<std::uint16_t> qb, kb, vb; // bf16 copies of q, k, v
    // K (kb in bf16) in the layout the Q·Kᵀ matmul reads fastest, saving it a copy of every key
    // block: Packed, oneDNN's own (brgemm) for all n keys, blocks of kBlockKeys keys kBlockBytes
    // apart (a key block starting at a multiple of kBlockKeys is a matrix of the same layout);
    // Columns, Kᵀ row-major with row stride kStride (gemm:jit); Rows: k itself, read transposed.
    enum class KLayout
    {
        Rows,
        Columns,
        Packed
    };
    KLayout kLayout = KLayout::Rows;
    std::vector<float> kPacked; // Packed or Columns (bf16 pairs in a float in bf16)
    dnnl::memory::desc kDesc;   // Packed: the layout
    long kStride = 0, kBlockKeys = 0, kBlockBytes = 0;
    std::vector<float> offAdd;             // 2n − 1: offsetBias / temperature
    std::vector<float> colAdd;             // n: scale / temperature · keyBias·k_j
    int keyRows = 0;                       // > 0: small key table, qTable = qPlain · rowsᵀ (n × keyRows)
    std::vector<std::int32_t> keyIdx;      // 2n − 1: compact row of each offset
    std::vector<float> qTable;
    // Precise key table (large terms, e.g. seed-linear's unnormalised Δ): qTable computed in double
    // from double q and stored relative to a per-row anchor (the row's largest visible term), so
    // that the logits near each row's max keep float precision; the true term is qTable + anchor.
    std::vector<double> rowAnchor; // n entries when precise, else empty
    std::vector<float> keyWindow; // (2n − 1) × hd: key table row of each offset (large tables)
    int queryRows = 0;
    std::vector<std::int32_t> queryIdx;
    std::vector<float> kTable; // n × queryRows: kPlain · rowsᵀ
    int valueRows = 0;
    std::vector<float> valueTable; // valueRows × hd
    struct Run
    {
        int begin, end, row; // offsets [begin, end) use value row `row`
    };
    std::vector<Run> valueRuns;

    // What q, k, v (rotated, in bf16, K packed) were made from: a prepare with the same inputs (the
    // projection skipped) and the same Source reuses them.
    struct Source
    {
        bool valid = false, rotary = false, interleaved = false, plain = false, values = false;
        bool contentOnly = false;
        int rotaryStart = 0, tileRows = 0, keyBlock = 0;
        std::vector<double> theta;
        double rotaryScale = 1.0;
        Precision precision = Precision::F32;
        std::vector<double> zeta = {}; // xPos
        double scaleBase = 0.0;
        int scaleOrigin = 0;
        bool operator==(const Source&) const = default;
    };
    Source source;

    const float* queryPlain() const { return qPlain.empty() ? q.data() : qPlain.data(); }
    const float* keyPlain() const { return kPlain.empty() ? k.data() : kPlain.data(); }
};

struct PrepareRequest
{
    std::vector<int> heads;        // which heads to prepare
    std::vector<bool> contentOnly; // per plan head: also fill qc, kc (bias kept)
    bool values = true;            // v (and value tables); false for pooled probabilities
    Precision precision = Precision::F32;
    int tileRows = 128, keyBlock = 128; // of the tiles that will read the heads (for K's layout)
};

class Preparer
{
  public:
    void forget() { m_lastHeads.clear(); }
    // Fills heads[h] for every requested head. Runs gemms on `cache` (threads: oneDNN's own).
    void prepare(const AttentionPlan& plan, const PrepareRequest& request, GemmCache& cache,
                 const std::vector<dnnl::stream>& streams, std::vector<HeadData>& heads);

  private:
    void rotaryTable(const AttentionPlan& plan);
    void prepareHead(const AttentionPlan& plan, const PrepareRequest& request, int index, int cols,
                     int perHead, bool reuse, GemmCache& cache, const dnnl::stream& stream, int slot,
                     HeadData& head) const;
    bool sameInputs(const AttentionPlan& plan, const PrepareRequest& request, int threads) const;
    void rememberInputs(const AttentionPlan& plan, const PrepareRequest& request);
    std::vector<float> m_x, m_w, m_qkv, m_cos, m_sin;
    std::vector<float> m_cosK, m_sinK; // xPos: k's tables (downscaled); empty otherwise
    // The inputs of the last projection: a recompute that changes only the scheme's tables (the
    // usual slider drag) finds them equal and skips the x · W matmul.
    Eigen::MatrixXd m_lastContent, m_lastPe;
    std::shared_ptr<const Projections> m_lastProj;
    bool m_hasPe = false; // the last inputs' pe is not all zero
    std::vector<int> m_lastHeads;
    bool m_lastValues = false;
    std::vector<double> m_theta;
    double m_rotaryScale = 1.0;
    int m_rotaryN = -1;
    int m_rotaryStart = 0;
    std::vector<double> m_zeta;
    double m_scaleBase = 0.0;
    int m_scaleOrigin = 0;
};

} // namespace poslab::engine
