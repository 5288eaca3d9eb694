// Relative schemes whose extra terms are tables indexed by the offset: Shaw, Transformer-XL, ALiBi.

#include "schemes.h"

#include "i18n.h"
#include "rng.h"

#include <algorithm>
#include <cmath>
#include <mutex>

namespace poslab::schemes {

namespace {

class ShawScheme final : public Scheme
{
public:
    ShawScheme(const RawParams& raw, const ModelConfig& model) : Scheme(shawInfo(), raw, model)
    {
        m_k = static_cast<int>(m_params.integer("k"));
        // a^K and a^V have 2k + 1 rows of head_dim, shared by all heads as in the paper.
        m_aK = Rng::stream(model.seed, "shaw.aK").normalMatrix(2 * m_k + 1, model.headDim(), 1.0);
        m_aV = Rng::stream(model.seed, "shaw.aV").normalMatrix(2 * m_k + 1, model.headDim(), 1.0);
    }

    bool hasBucket() const override { return true; }
    long long bucket(int i, int j) const override { return std::clamp(j - i, -m_k, m_k) + m_k; }

    // e_ij = q_i · (k_j + a^K_ij) / √d, a^K_ij = aK[clip(j − i, −k, k) + k]
    std::vector<ScoreTerm> scoreTerms(const HeadContext& ctx) const override
    {
        auto terms = Scheme::scoreTerms(ctx);
        const double s = defaultScale(m_model);
        const Eigen::MatrixXd q = ctx.content * ctx.wq;
        const Eigen::MatrixXd qa = q * m_aK.transpose();   // n × (2k+1): q_i · aK[r]
        const int n = ctx.n();
        Eigen::MatrixXd pos(n, n);
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j)
                pos(i, j) = s * qa(i, bucket(i, j));
        terms.push_back({POSLAB_TR_NOOP("ScoreTerm", "content-position (a^K)"), pos});
        return terms;
    }

    // z_i = Σ_j α_ij (v_j + a^V_ij): the a^V part, grouped by clip index.
    Eigen::MatrixXd valueTerm(const HeadContext& ctx, const Eigen::MatrixXd& probs) const override
    {
        const int n = ctx.n();
        Eigen::MatrixXd weight = Eigen::MatrixXd::Zero(n, 2 * m_k + 1);
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j)
                weight(i, bucket(i, j)) += probs(i, j);
        return weight * m_aV;
    }

    HeadPlan headPlan(const HeadContext& ctx) const override
    {
        const int n = ctx.n();
        HeadPlan plan;
        plan.keyTable.rows = m_aK;
        plan.valueTable.rows = m_aV;
        for (int o = 0; o < 2 * n - 1; ++o)
            plan.keyTable.rowOfOffset.push_back(static_cast<int>(bucket(0, o - (n - 1))));
        plan.valueTable.rowOfOffset = plan.keyTable.rowOfOffset;
        return plan;
    }

    // Δ, the clip index, then |a^K| at that index: flat beyond ±k.
    DeltaCurve deltaCurve(int range) const override
    {
        DeltaCurve c{{"delta", "clip_index", "aK_norm", "aV_norm"}, Eigen::MatrixXd(2 * range + 1, 4)};
        for (int r = 0; r <= 2 * range; ++r) {
            const int delta = r - range;
            const int idx = std::clamp(delta, -m_k, m_k) + m_k;
            c.rows.row(r) << delta, idx, m_aK.row(idx).norm(), m_aV.row(idx).norm();
        }
        return c;
    }

private:
    int m_k = 16;
    Eigen::MatrixXd m_aK, m_aV;
};

class TransformerXlScheme final : public Scheme
{
public:
    TransformerXlScheme(const RawParams& raw, const ModelConfig& model) : Scheme(transformerXlInfo(), raw, model)
    {
        if (model.dModel % 2 != 0)
            fail(fill(trCore("Scheme", "needs an even d_model for the sinusoid R, got %1"),
                      {std::to_string(model.dModel)}));
        m_base = m_params.real("base");
        m_wr = Rng::stream(model.seed, "txl.W_R").normalMatrix(model.dModel, model.dModel, 1.0 / std::sqrt(model.dModel));
        m_u = Rng::stream(model.seed, "txl.u").normalMatrix(model.heads, model.headDim(), 1.0);
        m_v = Rng::stream(model.seed, "txl.v").normalMatrix(model.heads, model.headDim(), 1.0);
    }

    // W_R R_{i−j} for the head, for offsets i − j = −(n−1) .. n−1 (row (i − j) + n − 1).
    // R_{i−j} is the same (2n − 1) × d_model table of sines and cosines for every head, so it is
    // made once per length rather than once per head.
    Eigen::MatrixXd projectedR(int head, int n) const
    {
        std::lock_guard lock(m_rMutex);
        if (m_rN != n) {
            const Eigen::VectorXd rel = Eigen::VectorXd::LinSpaced(2 * n - 1, -(n - 1.0), n - 1.0);
            m_r = sinusoid(rel, m_model.dModel, m_base, SinusoidLayout::Concat);
            m_rN = n;
        }
        return m_r * m_wr.middleCols(head * m_model.headDim(), m_model.headDim());
    }

    // A_ij = (a) q_i·k_j + (b) q_i·W_R R_{i−j} + (c) u·k_j + (d) v·W_R R_{i−j}, all / √d.
    std::vector<ScoreTerm> scoreTerms(const HeadContext& ctx) const override
    {
        const int n = ctx.n();
        const double s = defaultScale(m_model);
        const Eigen::MatrixXd q = ctx.content * ctx.wq;
        const Eigen::MatrixXd k = ctx.content * ctx.wk;
        const Eigen::MatrixXd rk = projectedR(ctx.head, n);
        const Eigen::MatrixXd qr = q * rk.transpose();                                       // n × (2n−1)
        const Eigen::VectorXd uk = k * m_u.row(ctx.head).transpose();                        // n
        const Eigen::VectorXd vr = rk * m_v.row(ctx.head).transpose();                       // 2n−1
        Eigen::MatrixXd a = s * q * k.transpose(), b(n, n), c(n, n), d(n, n);
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j) {
                b(i, j) = s * qr(i, i - j + n - 1);
                c(i, j) = s * uk(j);
                d(i, j) = s * vr(i - j + n - 1);
            }
        return {{POSLAB_TR_NOOP("ScoreTerm", "content-content"), a},
                {POSLAB_TR_NOOP("ScoreTerm", "(b) content-position"), b},
                {POSLAB_TR_NOOP("ScoreTerm", "(c) global content bias"), c},
                {POSLAB_TR_NOOP("ScoreTerm", "(d) global position bias"), d}};
    }

    HeadPlan headPlan(const HeadContext& ctx) const override
    {
        const int n = ctx.n();
        HeadPlan plan;
        plan.keyTable.rows = projectedR(ctx.head, n);   // row (i − j) + n − 1 = 2n − 2 − o
        plan.keyBias = m_u.row(ctx.head).transpose();
        const Eigen::VectorXd vr = plan.keyTable.rows * m_v.row(ctx.head).transpose();
        const double s = defaultScale(m_model);
        for (int o = 0; o < 2 * n - 1; ++o) {
            plan.keyTable.rowOfOffset.push_back(2 * n - 2 - o);
            plan.offsetBias.push_back(s * vr(2 * n - 2 - o));
        }
        return plan;
    }

    // Δ, then term (d) of each head: the only term that depends on the offset alone.
    DeltaCurve deltaCurve(int range) const override
    {
        DeltaCurve c;
        c.columns.push_back("delta");
        for (int h = 0; h < m_model.heads; ++h)
            c.columns.push_back("d_head" + std::to_string(h));
        c.rows.resize(2 * range + 1, m_model.heads + 1);
        const Eigen::VectorXd rel = Eigen::VectorXd::LinSpaced(2 * range + 1, range, -range);   // i − j = −Δ
        const Eigen::MatrixXd r = sinusoid(rel, m_model.dModel, m_base, SinusoidLayout::Concat);
        const double s = defaultScale(m_model);
        for (int row = 0; row <= 2 * range; ++row) {
            c.rows(row, 0) = row - range;
            for (int h = 0; h < m_model.heads; ++h) {
                const Eigen::VectorXd rk =
                    m_wr.middleCols(h * m_model.headDim(), m_model.headDim()).transpose() * r.row(row).transpose();
                c.rows(row, h + 1) = s * m_v.row(h).dot(rk);
            }
        }
        return c;
    }

private:
    double m_base = 10000.0;
    Eigen::MatrixXd m_wr, m_u, m_v;
    mutable std::mutex m_rMutex;
    mutable Eigen::MatrixXd m_r;
    mutable int m_rN = -1;
};

class AlibiScheme final : public Scheme
{
public:
    AlibiScheme(const RawParams& raw, const ModelConfig& model) : Scheme(alibiInfo(), raw, model)
    {
        m_slopes = alibiSlopes(model.heads);
    }

    // The paper's geometric sequence start = 2^(−8/n), m_h = start^(h+1), for n a power of two;
    // otherwise the slopes of the closest power of two below n, then every other slope of 2·that.
    static std::vector<double> alibiSlopes(int heads)
    {
        auto powerOfTwo = [](int n) {
            std::vector<double> s;
            const double start = std::pow(2.0, -8.0 / n);
            for (int h = 0; h < n; ++h)
                s.push_back(std::pow(start, h + 1));
            return s;
        };
        int closest = 1;
        while (closest * 2 <= heads)
            closest *= 2;
        std::vector<double> s = powerOfTwo(closest);
        if (closest != heads) {
            const std::vector<double> extra = powerOfTwo(2 * closest);
            for (int k = 0; k < heads - closest; ++k)
                s.push_back(extra[2 * k]);
        }
        return s;
    }

    std::vector<double> slopes() const override { return m_slopes; }

    // score = q_i·k_j / √d − m_h·|j − i|
    std::vector<ScoreTerm> scoreTerms(const HeadContext& ctx) const override
    {
        auto terms = Scheme::scoreTerms(ctx);
        const int n = ctx.n();
        Eigen::MatrixXd bias(n, n);
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j)
                bias(i, j) = -m_slopes[ctx.head] * std::abs(j - i);
        terms.push_back({POSLAB_TR_NOOP("ScoreTerm", "linear bias −m·|Δ|"), bias});
        return terms;
    }

    HeadPlan headPlan(const HeadContext& ctx) const override
    {
        return offsetBiasPlan(ctx.head, ctx.n(), [this](int h, int delta) { return bias(h, delta); });
    }

    DeltaCurve deltaCurve(int range) const override
    {
        return perHeadBiasCurve(m_model.heads, range, [this](int h, int delta) { return bias(h, delta); });
    }

    double bias(int head, int delta) const { return -m_slopes[head] * std::abs(delta); }

private:
    std::vector<double> m_slopes;
};

} // namespace

SchemeInfo shawInfo()
{
    return {
        "shaw",
        POSLAB_TR_NOOP("Scheme", "Shaw relative positions (clipped)"),
        SchemeKind::Relative,
        "e_ij = q_i·(k_j + a^K[clip(j−i, −k, k) + k]) / √d; z_i = Σ_j α_ij (v_j + a^V[clip(j−i, −k, k) + k])",
        "Shaw, Uszkoreit & Vaswani 2018, Self-Attention with Relative Position Representations",
        POSLAB_TR_NOOP(
            "SchemeNotes",
            "a^K and a^V have 2k+1 rows of head_dim, shared across heads as in the paper, drawn from "
            "the seed (N(0, 1)). Offsets beyond ±k share the edge row, so the map is flat there."),
        {{"k", ParamType::Int, "16", 0, 4096, {}, POSLAB_TR_NOOP("SchemeParam", "clipping distance")}}};
}

SchemeInfo transformerXlInfo()
{
    return {"transformer-xl",
            POSLAB_TR_NOOP("Scheme", "Transformer-XL relative attention"),
            SchemeKind::Relative,
            "A_ij = q_i·k_j + q_i·W_R R_{i−j} + u·k_j + v·W_R R_{i−j}, all / √d",
            "Dai et al. 2019, Transformer-XL: Attentive Language Models Beyond a Fixed-Length Context",
            POSLAB_TR_NOOP(
                "SchemeNotes",
                "R is the sinusoid of the distance i − j = −Δ in the official code's layout (all sines, "
                "then all cosines); in an encoder (not causal) i − j is also negative. u, v (per head) "
                "and W_R are drawn from the seed. Terms (a)–(d) as in the paper, scaled by 1/√d as in "
                "the official code."),
            {{"base",
              ParamType::Real,
              "10000",
              1e-6,
              1e12,
              {},
              POSLAB_TR_NOOP("SchemeParam", "wavelength base of R (must be > 0)")}}};
}

SchemeInfo alibiInfo()
{
    return {"alibi",
            POSLAB_TR_NOOP("Scheme", "ALiBi linear biases"),
            SchemeKind::Relative,
            "score = q_i·k_j / √d − m_h·|j − i|, m_h = 2^(−8(h+1)/H) for H a power of two",
            "Press, Smith & Lewis 2022, Train Short, Test Long: Attention with Linear Biases",
            POSLAB_TR_NOOP(
                "SchemeNotes",
                "Slopes follow the paper's code for any head count (6, 12, 24 heads: the closest power "
                "of two, then every other slope of twice that). The paper is causal (a decoder mask); "
                "in an encoder the bias is symmetric, −m·|Δ|."),
            {}};
}

std::unique_ptr<Scheme> makeShaw(const RawParams& raw, const ModelConfig& model)
{
    return std::make_unique<ShawScheme>(raw, model);
}
std::unique_ptr<Scheme> makeTransformerXl(const RawParams& raw, const ModelConfig& model)
{
    return std::make_unique<TransformerXlScheme>(raw, model);
}
std::unique_ptr<Scheme> makeAlibi(const RawParams& raw, const ModelConfig& model)
{
    return std::make_unique<AlibiScheme>(raw, model);
}

} // namespace poslab::schemes
