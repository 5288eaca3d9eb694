#include "plan.h"

#include "scheme.h"
#include "weights.h"

#include <cmath>

namespace poslab {

int xposScaleOrigin(int start, int n)
{
    const int total = start + n;
    return -((total + 1) / 2);   // −(total) // 2 in Python rounds toward −∞: −⌈total / 2⌉
}

double rotaryScale(const RotaryPlan& r, int position, int c, RotarySide side)
{
    if (r.zeta.empty()) return 1.0;
    const double m = static_cast<double>(position + r.scaleOrigin) / r.scaleBase;
    return std::pow(r.zeta[c], side == RotarySide::Query ? m : -m);
}

Eigen::VectorXd rotateAt(const Eigen::VectorXd& x, int position, const RotaryPlan& r, RotarySide side)
{
    Eigen::VectorXd out = rotateAt(x, position, r);
    const int half = r.pairs();
    for (int c = 0; c < half && !r.zeta.empty(); ++c) {
        const int a = r.interleaved ? 2 * c : c, b = r.interleaved ? 2 * c + 1 : c + half;
        const double s = rotaryScale(r, position, c, side);
        out[a] *= s;
        out[b] *= s;
    }
    return out;
}

Eigen::VectorXd rotateAt(const Eigen::VectorXd& x, int position, const RotaryPlan& r)
{
    Eigen::VectorXd out = x;
    const int half = r.pairs();
    for (int c = 0; c < half; ++c) {
        const int a = r.interleaved ? 2 * c : c, b = r.interleaved ? 2 * c + 1 : c + half;
        const double angle = position * r.theta[c];
        const double cs = r.scale * std::cos(angle), sn = r.scale * std::sin(angle);
        out[a] = x[a] * cs - x[b] * sn;
        out[b] = x[a] * sn + x[b] * cs;
    }
    return out;
}

Eigen::MatrixXd rotateRows(const Eigen::MatrixXd& x, const RotaryPlan& r, RotarySide side)
{
    Eigen::MatrixXd out(x.rows(), x.cols());
    for (Eigen::Index p = 0; p < x.rows(); ++p)
        out.row(p) = rotateAt(x.row(p).transpose(), r.start + static_cast<int>(p), r, side).transpose();
    return out;
}

Eigen::MatrixXd cellMatrix(const CellTerm& term, int n)
{
    Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> m(n, n);
    for (int i = 0; i < n; ++i)
        term.row(i, 0, n, m.row(i).data());
    return m;
}

AttentionPlan makePlan(const Scheme& scheme, const Sequence& seq)
{
    AttentionPlan plan;
    plan.model = scheme.model();
    plan.content = contentVectors(seq, plan.model);
    plan.pe = scheme.absoluteAt(seq.start, seq.size());
    layerInputs(plan.model, plan.content, plan.pe); // a GPT-2 layer's ln_1 (weights.h)
    plan.proj = Projections::shared(plan.model);
    plan.scale = scheme.scoreScale();
    plan.rotary = scheme.rotary(seq.size());
    plan.rotary.start = seq.start;
    if (!plan.rotary.zeta.empty()) plan.rotary.scaleOrigin = xposScaleOrigin(seq.start, seq.size());
    const int hd = plan.model.headDim();
    for (int h = 0; h < plan.model.heads; ++h) {
        const HeadContext ctx{plan.model, h, seq.start, plan.content, plan.pe, plan.proj->wq.middleCols(h * hd, hd),
                              plan.proj->wk.middleCols(h * hd, hd), plan.proj->wv.middleCols(h * hd, hd)};
        plan.heads.push_back(scheme.headPlan(ctx));
    }
    return plan;
}

} // namespace poslab
