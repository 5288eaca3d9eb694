#pragma once

#include "attention.h"
#include "plan.h"
#include "request.h"

#include <memory>
#include <string>
#include <vector>

namespace poslab {

struct PooledProbs; // engine/onednnengine.h (kept out of this header: it pulls in oneDNN)

// A matrix name that is a score term ("content-content", ...), not probs, logits, bias, delta, bucket
// or one of the tables (pe, slopes, delta-curve).
bool isTermMatrix(const std::string& matrix);

// One scheme on one sequence: every head's probabilities and logits, the rest as the request asks.
struct SchemeRun
{
    std::shared_ptr<const Scheme> scheme;
    std::vector<std::string> termNames;        // the scheme's score terms, whether computed or not
    std::shared_ptr<const AttentionPlan> plan; // what the engine ran (and explain() reads)
    std::shared_ptr<const AttentionResult> attention;
    std::shared_ptr<const Eigen::MatrixXd> buckets; // n × n, empty when the scheme has none
    // CoPE's counted positions of every head (n × n each); empty for schemes that count none
    std::shared_ptr<const std::vector<Eigen::MatrixXd>> positions;
};

// max over heads of |M(shifted) − M(base)| for `matrix` (probs, logits or bias).
double maxShiftChange(const AttentionResult& base, const AttentionResult& shifted, const std::string& matrix,
                      bool causal);

struct CompareRun
{
    SchemeRun a, b;               // at positions start .. start + n − 1
    SchemeRun aShifted, bShifted; // at positions start + shift ..
    double shiftChangeA(const std::string& matrix, bool causal) const;
    double shiftChangeB(const std::string& matrix, bool causal) const;
};

// What Lab::compute returns: what the views of one request need.
struct LabResult
{
    LabRequest request;
    std::vector<std::string> labels; // token texts
    SchemeRun run;
    // What core's explain() needs besides run: the sequence and the plan of run.
    std::shared_ptr<const Sequence> sequence;
    std::shared_ptr<const AttentionPlan> plan;
    std::shared_ptr<const CompareRun> compare; // null unless request.compare (and n allows it)
    // Streamed: run.attention is null and this holds the probabilities of request.head, pooled
    // (no n × n matrix exists).
    std::shared_ptr<const PooledProbs> pooled;
    std::string notice; // what is not computed at this n and why (one line), empty otherwise
    int n = 0;
    double elapsedMs = 0.0; // core time: tokenizing, schemes, attention
    bool isValid() const { return run.attention != nullptr; }
    bool termsFit() const; // score terms exist at this n
    bool isPooled() const { return pooled != nullptr; }
    bool hasData() const { return isValid() || isPooled(); }
    // True when `matrix` of `head` is at hand ("delta" and "bucket" always are in a full result).
    bool has(const std::string& matrix, int head) const;
    bool canExplain(int head) const;
};

// True when a result of `done` holds everything `next` needs: the same inputs, and no matrix `done`
// did not compute. `streamed`: that result was pooled (then head and pooling count). `withTerms`:
// it could hold score terms (n <= kMaxTermsN); above, none are ever computed.
bool covers(const LabRequest& done, const LabRequest& next, bool streamed, bool withTerms = true);

// One line for the status bar and the heatmap title: "probabilities streamed and max-pooled into
// 1000 × 1000 cells of 20 × 20 tokens".
// A region (deep zoom) says what it shows instead: regionSummary.
std::string pooledSummary(const PooledProbs& pooled);
// "tokens 61,440–65,535 × 61,440–65,535, 1 token per cell" (or "…, 16 × 16 tokens per cell"):
// query rows × keys, inclusive, thousands grouped.
std::string regionSummary(const PooledProbs& pooled);
std::string groupedNumber(long long v); // 65536 -> "65,536"

} // namespace poslab
