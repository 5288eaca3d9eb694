#include "engine/referenceengine.h"

#include "engine/terms.h"
#include "error.h"

#include <cmath>
#include <limits>

namespace poslab {

std::vector<ScoreTerm> planComponents(const AttentionPlan& plan, int h)
{
    const int n = plan.n(), hd = plan.model.headDim();
    const double s = plan.scale;
    const auto wq = plan.proj->wq.middleCols(h * hd, hd), wk = plan.proj->wk.middleCols(h * hd, hd);
    const Eigen::MatrixXd x = plan.content + plan.pe;
    const Eigen::MatrixXd q = x * wq, k = x * wk;
    const HeadPlan& hp = plan.heads[h];
    std::vector<ScoreTerm> terms;
    for (Component c : planComponentList(plan, h)) {
        Eigen::MatrixXd t(n, n);
        switch (c) {
        case Component::CC:
            t = s * (plan.content * wq) * (plan.content * wk).transpose();
            break;
        case Component::CP:
            t = s * (plan.content * wq) * (plan.pe * wk).transpose();
            break;
        case Component::PC:
            t = s * (plan.pe * wq) * (plan.content * wk).transpose();
            break;
        case Component::PP:
            t = s * (plan.pe * wq) * (plan.pe * wk).transpose();
            break;
        case Component::Rotation:
            t = s * (rotateRows(q, plan.rotary, RotarySide::Query) *
                         rotateRows(k, plan.rotary, RotarySide::Key).transpose() -
                     q * k.transpose());
            break;
        case Component::KeyTable: {
            const Eigen::MatrixXd g = q * hp.keyTable.rows.transpose();
            for (int i = 0; i < n; ++i)
                for (int j = 0; j < n; ++j)
                    t(i, j) = hp.maskTables && j > i ? 0.0 : s * g(i, hp.keyTable.rowOfOffset[j - i + n - 1]);
            break;
        }
        case Component::QueryTable: {
            const Eigen::MatrixXd g = k * hp.queryTable.rows.transpose();
            for (int i = 0; i < n; ++i)
                for (int j = 0; j < n; ++j)
                    t(i, j) =
                        hp.maskTables && j > i ? 0.0 : s * g(j, hp.queryTable.rowOfOffset[j - i + n - 1]);
            break;
        }
        case Component::KeyBias:
            t = s * Eigen::VectorXd::Ones(n) * (k * hp.keyBias).transpose();
            break;
        case Component::OffsetBias:
            for (int i = 0; i < n; ++i)
                for (int j = 0; j < n; ++j)
                    t(i, j) = hp.offsetBias[j - i + n - 1];
            break;
        case Component::Cell:
            t = cellMatrix(*hp.cell, n);
            break;
        }
        terms.push_back({componentName(c), std::move(t)});
    }
    return terms;
}

void ReferenceEngine::run(const AttentionPlan& plan, const RunOptions& options, AttentionResult& result)
{
    resolveThreads(options.threads);
    const int n = plan.n(), hd = plan.model.headDim();
    const double temperature = plan.model.temperature;
    result.model = plan.model;
    result.content = plan.content;
    result.pe = plan.pe;
    result.output.resize(n, plan.model.dModel);
    result.heads.resize(plan.model.heads);
    if (options.onlyHead >= 0) skipOtherHeads(plan, options, result);
    const Eigen::MatrixXd x = plan.content + plan.pe;
    for (int h = 0; h < plan.model.heads; ++h) {
        if (!options.runs(h)) continue;
        if (options.cancelled()) throw Cancelled();
        std::vector<ScoreTerm> terms = planComponents(plan, h);
        Eigen::MatrixXd scores = Eigen::MatrixXd::Zero(n, n);
        for (const auto& t : terms)
            scores += t.value;
        Eigen::MatrixXd logits = scores / temperature;
        if (plan.model.causal)
            for (int i = 0; i < n; ++i)
                for (int j = i + 1; j < n; ++j)
                    logits(i, j) = -std::numeric_limits<double>::infinity();
        const Eigen::MatrixXd probs = softmaxRows(logits);
        const HeadPlan& hp = plan.heads[h];
        Eigen::MatrixXd out = probs * (x * plan.proj->wv.middleCols(h * hd, hd));
        if (!hp.valueTable.empty()) {
            Eigen::MatrixXd weight = Eigen::MatrixXd::Zero(n, hp.valueTable.rows.rows());
            for (int i = 0; i < n; ++i)
                for (int j = 0; j < n; ++j)
                    weight(i, hp.valueTable.rowOfOffset[j - i + n - 1]) += probs(i, j);
            out += weight * hp.valueTable.rows;
        }
        HeadResult& head = result.heads[h];
        const bool keep = options.keeps(h);
        head.bias = keep && options.bias ? Eigen::MatrixXd((scores - terms.front().value) / temperature)
                                         : Eigen::MatrixXd();
        head.logits = keep && options.logits ? logits : Eigen::MatrixXd();
        head.probs = keep && options.probs ? probs : Eigen::MatrixXd();
        head.terms = keep && options.terms ? std::move(terms) : std::vector<ScoreTerm>{};
        result.output.middleCols(h * hd, hd) = out;
        head.output = std::move(out);
    }
}

} // namespace poslab
