#include "labresult.h"

#include "analysis.h"
#include "engine/onednnengine.h"
#include "i18n.h"

#include <algorithm>

namespace poslab {

bool isTermMatrix(const std::string& matrix)
{
    for (const char* other :
         {"probs", "logits", "bias", "delta", "bucket", "pe", "slopes", "delta-curve", "positions"})
        if (matrix == other) return false;
    return true;
}

double maxShiftChange(const AttentionResult& base, const AttentionResult& shifted, const std::string& matrix,
                      bool causal)
{
    double worst = 0.0;
    for (std::size_t h = 0; h < std::min(base.heads.size(), shifted.heads.size()); ++h)
        worst = std::max(worst, maxAbsDifference(headMatrix(base.heads[h], matrix),
                                                 headMatrix(shifted.heads[h], matrix), causal));
    return worst;
}

double CompareRun::shiftChangeA(const std::string& matrix, bool causal) const
{
    return maxShiftChange(*a.attention, *aShifted.attention, matrix, causal);
}

double CompareRun::shiftChangeB(const std::string& matrix, bool causal) const
{
    return maxShiftChange(*b.attention, *bShifted.attention, matrix, causal);
}

bool LabResult::termsFit() const
{
    return n <= kMaxTermsN;
}

bool LabResult::has(const std::string& matrix, int head) const
{
    if (!isValid()) return false;
    if (matrix == "delta") return true;
    if (matrix == "bucket") return run.buckets && run.buckets->size() > 0;
    if (matrix == "positions") return run.positions && head >= 0 && head < static_cast<int>(run.positions->size());
    const auto& heads = run.attention->heads;
    if (head < 0 || head >= static_cast<int>(heads.size())) return false;
    const HeadResult& h = heads[std::size_t(head)];
    if (matrix == "probs") return h.probs.size() > 0;
    if (matrix == "logits") return h.logits.size() > 0;
    if (matrix == "bias") return h.bias.size() > 0;
    return std::any_of(h.terms.begin(), h.terms.end(), [&](const ScoreTerm& t) { return t.name == matrix; });
}

bool LabResult::canExplain(int head) const
{
    if (!isValid() || !sequence || !plan) return false;
    const auto& heads = run.attention->heads;
    if (head < 0 || head >= static_cast<int>(heads.size())) return false;
    const HeadResult& h = heads[std::size_t(head)];
    return h.probs.size() > 0 && h.logits.size() > 0 && h.terms.size() == run.termNames.size();
}

bool covers(const LabRequest& done, const LabRequest& next, bool streamed, bool withTerms)
{
    const LabRequest& a = done;
    const LabRequest& b = next;
    const auto model = [](const ModelConfig& m) {
        return std::tuple(m.dModel, m.heads, m.causal, m.seed, m.lambda, m.temperature);
    };
    const bool sameInputs =
        a.text == b.text && a.positions == b.positions && a.tokenizer == b.tokenizer && a.start == b.start &&
        a.positionsOnly == b.positionsOnly && a.scheme == b.scheme && a.params == b.params &&
        model(a.model) == model(b.model) && a.weights == b.weights && a.engine == b.engine &&
        a.precision == b.precision && a.threads == b.threads && a.everyHead == b.everyHead &&
        a.onlyHead == b.onlyHead && a.terms == b.terms && a.compare == b.compare &&
        a.compareScheme == b.compareScheme && a.shift == b.shift && a.pool.cells == b.pool.cells &&
        a.pool.fallback == b.pool.fallback && a.region == b.region;
    if (!sameInputs) return false;
    if (streamed) return a.head == b.head && a.pool.mode == b.pool.mode;
    const bool allTerms = isTermMatrix(a.matrix);
    if (!withTerms) return b.matrix != "bias" || a.matrix == "bias" || a.compare; // no terms to wait for
    if (isTermMatrix(b.matrix) && b.matrix != a.matrix && !allTerms) return false;
    if (b.matrix == "bias" && a.matrix != "bias" && !a.compare) return false;
    return allTerms || a.head == b.head;
}

std::string pooledSummary(const PooledProbs& pooled)
{
    if (pooled.isRegion()) return regionSummary(pooled);
    const int cells = static_cast<int>(pooled.grid.rows());
    int lo = 0, hi = 0;
    for (std::size_t a = 0; a + 1 < pooled.edges.size(); ++a) {
        const int width = pooled.edges[a + 1] - pooled.edges[a];
        lo = a == 0 ? width : std::min(lo, width);
        hi = std::max(hi, width);
    }
    const std::string side =
        lo == hi ? std::to_string(lo) : std::to_string(lo) + "\u2013" + std::to_string(hi);
    // One sentence per mode, so that a translation words each as its language does.
    const std::string pattern =
        pooled.mode == PoolMode::Mean
            ? trCore("Lab",
                     "probabilities streamed and mean-pooled into %1 \u00d7 %1 cells of %2 \u00d7 %2 tokens")
            : trCore("Lab",
                     "probabilities streamed and max-pooled into %1 \u00d7 %1 cells of %2 \u00d7 %2 tokens");
    return fill(pattern, {std::to_string(cells), side});
}

std::string groupedNumber(long long v)
{
    std::string digits = std::to_string(v < 0 ? -v : v);
    for (int k = static_cast<int>(digits.size()) - 3; k > 0; k -= 3)
        digits.insert(static_cast<std::size_t>(k), ",");
    return v < 0 ? "-" + digits : digits;
}

std::string regionSummary(const PooledProbs& pooled)
{
    const auto range = [](const std::vector<int>& e) {
        return groupedNumber(e.front()) + "\u2013" + groupedNumber(e.back() - 1);
    };
    if (pooled.step <= 1)
        return fill(trCore("Lab", "tokens %1 \u00d7 %2, 1 token per cell"),
                    {range(pooled.edges), range(pooled.keyEdges)});
    return fill(trCore("Lab", "tokens %1 \u00d7 %2, %3 \u00d7 %3 tokens per cell"),
                {range(pooled.edges), range(pooled.keyEdges), std::to_string(pooled.step)});
}

} // namespace poslab
