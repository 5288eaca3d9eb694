#pragma once

#include "attention.h"
#include "plan.h"
#include "scheme.h"

#include <string>
#include <utility>
#include <vector>

#include <Eigen/Core>

namespace poslab {

// A named number, vector (1 × k) or small matrix shown in a step, with optional row/column labels.
struct Quantity
{
    std::string name;
    Eigen::MatrixXd value;
    std::vector<std::string> rowLabels;
    std::vector<std::string> colLabels;
    std::string text;   // for symbolic values (a shape, a branch taken); value is then empty
};

// One step of a worked example: the formula, what goes in, what comes out, and which heatmap cells
// and Δ-curve points it concerns.
struct Step
{
    std::string title;
    std::string formula;   // Unicode math, never LaTeX
    std::string text;      // one or two sentences of explanation
    std::vector<Quantity> inputs;
    std::vector<Quantity> results;
    bool flagged = false;       // the seed article does not add up here
    std::string correction;     // what does add up, shown beside a flagged step
    std::vector<std::pair<int, int>> cells;
    std::vector<int> deltas;
    // The seed article's own words for this step: lines copied verbatim from the article (a Chinese
    // sentence, a formula or a line of its code), one per '\n'; never translated. Empty in other walks.
    std::string quote = {};
};

struct Walk
{
    std::string title;
    std::string scheme;
    int head = 0, i = 0, j = 0;
    std::vector<Step> steps;
    double logit = 0.0;   // the last step's numbers, equal to the attention result's
    double prob = 0.0;
};

// The walk from tokens to p_ij for (i, j) in `head`. Every number is read from `result` and `plan`
// (the same computation the heatmap shows) or derived from them on screen.
Walk explain(const Scheme& scheme, const Sequence& seq, const AttentionResult& result, const AttentionPlan& plan,
             int head, int i, int j);
Walk explain(const Scheme& scheme, const Sequence& seq, int head, int i, int j);   // computes both

// The seed article's §4.3 example (n = 6, PE = (0..5), i = 1, j = 4, Linear(3) + Bias = (0.2, 0.4, 0.6)),
// reproduced where computable, each inconsistency flagged with the corrected computation beside it.
Walk seedArticleWalk();

enum class WalkFormat { Text, Markdown, Json };
WalkFormat parseWalkFormat(const std::string& name);
std::string formatWalk(const Walk& walk, WalkFormat format);

} // namespace poslab
