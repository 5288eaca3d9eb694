#pragma once

#include <attention.h>
#include <engine/options.h>
#include <engine/options.h>
#include <model.h>
#include <params.h>
#include <plan.h>
#include <scheme.h>
#include <tokenizer.h>

#include <QMetaType>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace poslab {
struct PooledProbs; // engine/onednnengine.h (kept out of this header: it pulls in oneDNN)
}

namespace poslab::gui {

// Everything one computation depends on, as plain values (what the panels edit).
struct LabRequest
{
    std::string text;
    int positions = 0; // > 0: that many bare positions (no content) instead of the text
    TokenizerMode tokenizer = TokenizerMode::Word;
    bool positionsOnly = false; // λ = 0: every token gets the same neutral content
    std::string scheme = "alibi";
    RawParams params;
    ModelConfig model;
    // Compare mode: a second scheme (default parameters) on the same sequence and seed, and both
    // again with every position shifted by `shift`. Only computed when `compare` is set.
    bool compare = false;
    std::string compareScheme = "sinusoidal";
    int shift = 8;
    // What the views show, so that only that is computed: probabilities and logits of every head,
    // `matrix` of every head when it is the bias or a score term (the head grid), and the score
    // terms of `head` (the worked example). Long sequences stream `head` alone, pooled by `pool`.
    std::string matrix = "probs";
    int head = 0;
    PoolMode pool = PoolMode::Max;

    // The model core runs: λ = 0 for positions only and for bare positions (which have no content,
    // so λ has no effect on them: every token gets the neutral content u).
    ModelConfig effectiveModel() const;
    bool lambdaApplies() const { return positions == 0 && !positionsOnly; }
    // True when `other` needs nothing this request's result lacks: the same inputs, and no matrix this
    // one did not compute. `streamed`: this request's result was pooled (then head and pooling count).
    // `withTerms`: the result could hold score terms (n <= kMaxTermsN); above, none are ever computed.
    bool covers(const LabRequest& other, bool streamed, bool withTerms = true) const;
};

// A matrix name that is a score term ("content-content", ...), not probs, logits, bias, delta or bucket.
bool isTermMatrix(const std::string& matrix);

// Score terms (the worked example, the term matrices) are computed for n <= core's kMaxTermsN only
// (core/engine/options.h); above it the explorer shows the rest without them.
using poslab::kMaxTermsN;

// One scheme on one sequence: every head's probabilities and logits, the rest as the request's
// view fields ask (see LabRequest::matrix).
struct SchemeRun
{
    std::shared_ptr<const Scheme> scheme;
    std::vector<std::string> termNames;        // the scheme's score terms, whether computed or not
    std::shared_ptr<const AttentionPlan> plan; // what the engine ran (and explain() reads)
    std::shared_ptr<const AttentionResult> attention;
    std::shared_ptr<const Eigen::MatrixXd> buckets; // n × n, empty when the scheme has none
};

struct CompareRun
{
    SchemeRun a, b;               // at positions 0 .. n − 1
    SchemeRun aShifted, bShifted; // at positions s .. s + n − 1
};

struct LabResult
{
    LabRequest request;
    std::vector<std::string> labels; // token texts
    SchemeRun run;
    // What core's explain() needs besides run: the sequence and the plan of run, built on the
    // worker thread from the same inputs as run.attention.
    std::shared_ptr<const Sequence> sequence;
    std::shared_ptr<const AttentionPlan> plan;
    std::shared_ptr<const CompareRun> compare; // null unless request.compare (and n allows it)
    // Above the memory limit, run.attention is null and this holds the probabilities of
    // request.head, streamed and pooled (no n × n matrix exists).
    std::shared_ptr<const PooledProbs> pooled;
    std::string notice; // what is not computed at this n and why (one line), empty otherwise
    int n = 0;
    double elapsedMs = 0.0; // core time: tokenizing, schemes, attention
    bool isValid() const { return run.attention != nullptr; }
    bool termsFit() const { return n <= kMaxTermsN; } // score terms exist at this n
    bool isPooled() const { return pooled != nullptr; }
    bool hasData() const { return isValid() || isPooled(); }
    // True when `matrix` of `head` is at hand ("delta" and "bucket" always are in a full result).
    bool has(const std::string& matrix, int head) const;
    bool canExplain(int head) const;
};

// One line for the status bar and the heatmap title: "probabilities streamed and max-pooled into
// 1000 × 1000 cells of 20 × 20 tokens".
std::string pooledSummary(const PooledProbs& pooled);

// What one explorer run may hold in n × n matrices; above it the explorer streams pooled
// probabilities of one head instead.
inline constexpr double kExplorerMemoryLimit = 3.0 * (1ULL << 30);
inline constexpr int kPooledCells = 1024; // at most this many cells a side when streaming

// Attention results whose matrices later runs reuse (the first touch of fresh memory is slow here):
// a result is taken again once nobody else (no view) holds it. One thread at a time (the worker).
class ResultPool
{
  public:
    static constexpr std::size_t kMaxResults = 8;                 // compare: four runs, shown and computing
    static constexpr double kMaxPooledBytes = 1024.0 * (1 << 20); // larger results are not kept idle

    // A free result of size n, or a new one (kept for reuse unless it holds more than kMaxPooledBytes).
    std::shared_ptr<AttentionResult> take(int n, double bytes);
    void trim(std::size_t keepFree); // drops the free results beyond keepFree
    std::size_t size() const { return m_results.size(); }

  private:
    std::vector<std::shared_ptr<AttentionResult>> m_results;
};

// Runs core synchronously (the driver calls it on its worker thread). Throws poslab::Error, and
// poslab::Cancelled as soon as `cancel` is set (checked by the engine between tiles and heads, and
// here between the runs).
LabResult computeAll(const LabRequest& request, const std::atomic<bool>* cancel = nullptr,
                     ResultPool* pool = nullptr);

// The request's sequence (bare positions or the tokenized text); Error when it has no token.
Sequence sequenceOf(const LabRequest& request);

} // namespace poslab::gui

Q_DECLARE_METATYPE(poslab::gui::LabResult)
