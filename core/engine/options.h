#pragma once

// Engine choices as plain values, light enough for lab.h and the front ends (no oneDNN include).

#include "lablimits.h"

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace poslab {

enum class EngineKind
{
    OneDnn,
    Reference
};
EngineKind parseEngineKind(const std::string& name); // "onednn" | "reference"; Error otherwise
std::string engineKindName(EngineKind kind);

enum class Precision
{
    F32,
    BF16
};
Precision parsePrecision(const std::string& name); // "f32" | "bf16"
std::string precisionName(Precision p);

enum class PoolMode
{
    Max,
    Mean
};
PoolMode parsePoolMode(const std::string& name); // "max" | "mean"
std::string poolModeName(PoolMode mode);

// A rectangle of an n-token map: query rows [rowBegin, rowEnd) × keys [keyBegin, keyEnd) (0-based,
// half-open). The streaming pass computes those rows only, over every key (softmax normalises each
// row over all of them), and pools only those keys.
struct TokenRegion
{
    int rowBegin = 0, rowEnd = 0;
    int keyBegin = 0, keyEnd = 0;
    int rows() const { return rowEnd - rowBegin; }
    int keys() const { return keyEnd - keyBegin; }
    bool isWhole(int n) const { return rowBegin == 0 && keyBegin == 0 && rowEnd == n && keyEnd == n; }
    friend bool operator==(const TokenRegion&, const TokenRegion&) = default;
};

// What one run keeps besides the outputs (always filled: result.output and every head's output).
// n × n matrices are kept only for the selected heads; the other heads get empty matrices.
struct RunOptions
{
    std::vector<int> heads; // heads whose n × n matrices are kept
    bool allHeads = false;  // keep them for every head (the GUI's head grid at moderate n)
    // >= 0: compute this head only (the explorer's first picture of a slow request). The other heads
    // get no matrices and no output (empty, and zero columns in result.output); the head computed is
    // exactly what a run of every head gives it.
    int onlyHead = -1;
    bool probs = true;
    bool logits = false;
    bool bias = false;
    bool terms = false; // the score split into named terms (see engine/terms.h)
    int threads = 0;    // 0: all cores
    Precision precision = Precision::F32;
    int tileRows = 0; // query rows per tile; 0: chosen from n
    int keyBlock = 0; // keys per block of the online softmax; 0: chosen from n
    // Set by another thread to stop the run early: the engine checks it between tiles and heads
    // and throws poslab::Cancelled (the result is then incomplete and must not be used).
    const std::atomic<bool>* cancel = nullptr;
    bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }
    // Called after tiles with the score cells computed so far and in all (causal tiles count
    // their visible keys), from one worker thread at a time; done reaches total at the end.
    std::function<void(double done, double total)> progress;
    bool keeps(int head) const;
    bool runs(int head) const { return onlyHead < 0 || head == onlyHead; }
    static RunOptions forHead(int head);
};

// Validates a thread count (0 = all cores, at most kMaxThreads) and returns the count to use.
int resolveThreads(int requested);

} // namespace poslab
