#pragma once

#include <attention.h>
#include <model.h>
#include <params.h>
#include <plan.h>
#include <scheme.h>
#include <tokenizer.h>

#include <QMetaType>

#include <memory>
#include <string>
#include <vector>

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

    ModelConfig effectiveModel() const;
};

// One scheme on one sequence: all heads and all terms, computed once.
struct SchemeRun
{
    std::shared_ptr<const Scheme> scheme;
    std::shared_ptr<const AttentionPlan> plan;       // what the engine ran (and explain() reads)
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
    std::shared_ptr<const CompareRun> compare; // null unless request.compare
    int n = 0;
    double elapsedMs = 0.0; // core time: tokenizing, schemes, attention
    bool isValid() const { return run.attention != nullptr; }
    bool canExplain() const { return isValid() && sequence && plan; }
};

// The one engine call: all heads of `scheme` on `seq`. The reference (Eigen) engine today; the fast
// engine replaces it here and nowhere else.
// What one explorer run may hold in n × n matrices (all heads, all kinds).
inline constexpr double kExplorerMemoryLimit = 3.0 * (1ULL << 30);

std::shared_ptr<const AttentionResult> computeAttention(const Scheme& scheme, const AttentionPlan& plan);

// Runs core synchronously (the driver calls it on its worker thread). Throws poslab::Error.
LabResult computeAll(const LabRequest& request);

} // namespace poslab::gui

Q_DECLARE_METATYPE(poslab::gui::LabResult)
