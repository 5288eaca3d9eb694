#include "attention.h"

#include "budget.h"
#include "error.h"
#include "weights.h"

#include <cmath>
#include <limits>

namespace poslab {

Eigen::MatrixXd softmaxRows(const Eigen::MatrixXd& logits)
{
    Eigen::MatrixXd p(logits.rows(), logits.cols());
    for (Eigen::Index i = 0; i < logits.rows(); ++i) {
        const double m = logits.row(i).maxCoeff();
        if (!std::isfinite(m)) {   // a fully masked row cannot happen with a causal mask (j = i is visible)
            p.row(i).setZero();
            continue;
        }
        double sum = 0.0;
        for (Eigen::Index j = 0; j < logits.cols(); ++j) {
            const double e = std::isinf(logits(i, j)) ? 0.0 : std::exp(logits(i, j) - m);
            p(i, j) = e;
            sum += e;
        }
        p.row(i) /= sum;
    }
    return p;
}

AttentionResult referenceAttention(const Scheme& scheme, const Sequence& seq)
{
    const ModelConfig& model = scheme.model();
    const int n = seq.size();
    const int hd = model.headDim();
    // The oracle keeps every head's terms, logits, probs and bias in double: about 8 n × n matrices
    // a head. Refuse what cannot fit rather than let the allocator or the OOM killer decide.
    const double bytes = 8.0 * 8.0 * model.heads * static_cast<double>(n) * n;
    // The same budget as every other allocation the input decides (budget.h), not a fixed limit.
    checkMemory(seq.hasContent ? "text" : "positions", bytes,
                "n = " + std::to_string(n) + " with " + std::to_string(model.heads) +
                    " heads in the reference engine (about 8 n \u00d7 n matrices a head)",
                "use {engine} onednn, fewer {heads} or a shorter sequence");

    AttentionResult result;
    result.model = model;
    result.content = contentVectors(seq, model);   // e_i = λ·c(token_i) + (1 − λ)·u
    result.pe = scheme.absoluteAt(seq.start, n);    // zeros for relative schemes
    layerInputs(model, result.content, result.pe);  // a GPT-2 layer's ln_1 (weights.h)
    result.output.resize(n, model.dModel);
    const Projections proj = Projections::make(model);
    const Eigen::MatrixXd x = result.content + result.pe;

    for (int h = 0; h < model.heads; ++h) {
        HeadContext ctx{model, h, seq.start, result.content, result.pe, proj.wq.middleCols(h * hd, hd),
                        proj.wk.middleCols(h * hd, hd), proj.wv.middleCols(h * hd, hd)};
        HeadResult head;
        head.terms = scheme.scoreTerms(ctx);

        // scores = Σ terms (each already scaled as the scheme prescribes); logits = scores / T
        Eigen::MatrixXd scores = Eigen::MatrixXd::Zero(n, n);
        for (const auto& t : head.terms)
            scores += t.value;
        head.bias = (scores - head.terms.front().value) / model.temperature;
        head.logits = scores / model.temperature;
        if (model.causal)   // key j is hidden from query i when j > i
            for (int i = 0; i < n; ++i)
                for (int j = i + 1; j < n; ++j)
                    head.logits(i, j) = -std::numeric_limits<double>::infinity();
        head.probs = softmaxRows(head.logits);

        // z_i = Σ_j α_ij v_j (+ the scheme's value term)
        head.output = head.probs * (x * ctx.wv);
        const Eigen::MatrixXd extra = scheme.valueTerm(ctx, head.probs);
        if (extra.size() > 0)
            head.output += extra;
        result.output.middleCols(h * hd, hd) = head.output;
        result.heads.push_back(std::move(head));
    }
    return result;
}

} // namespace poslab
