// The formulation of the article PosLab started from (shared/seeds/000_ea42e9fbd48ad1a0.txt, §3–4):
//   Δ = j − i;  Δ-embedding E(Δ) = Linear(Δ) + Bias;  RPE = PE + Mask ⊙ E(Δ).
// The article never says where RPE enters attention. The computable reading used here: PE is an
// absolute encoding added to the inputs (the article's code uses nn.Embedding), and for each pair the
// key of token j, seen from query i, carries RPE_ij = PE_j + Mask_ij·E(j − i), so
// score_ij = q_i·W_k(x_j + Mask_ij·E(Δ)) / √d with x_j = e_j + PE_j.

#include "schemes.h"

#include "i18n.h"
#include "rng.h"

#include <cmath>
#include <numbers>

namespace poslab::schemes {

namespace {

class SeedLinearScheme final : public Scheme
{
public:
    SeedLinearScheme(const RawParams& raw, const ModelConfig& model) : Scheme(seedLinearInfo(), raw, model)
    {
        const std::string& pe = m_params.choice("pe");
        m_pe = pe == "learned" ? Pe::Learned : pe == "sinusoidal" ? Pe::Sinusoidal : Pe::None;
        if (m_pe == Pe::Sinusoidal && model.dModel % 2 != 0)
            fail(fill(trCore("Scheme", "pe=sinusoidal needs an even d_model, got %1"),
                      {std::to_string(model.dModel)}));
        m_maxLen = static_cast<int>(m_params.integer("max_len"));
        m_deltaScale = m_params.real("delta_scale");
        m_activation = m_params.choice("activation");
        // Linear(1, d) initialised like torch.nn.Linear: U(−1/√fan_in, 1/√fan_in) with fan_in = 1.
        Rng rng = Rng::stream(model.seed, "seed-linear.linear");
        m_w.resize(model.dModel);
        m_b.resize(model.dModel);
        for (int c = 0; c < model.dModel; ++c)
            m_w[c] = 2.0 * rng.uniform() - 1.0;
        for (int c = 0; c < model.dModel; ++c)
            m_b[c] = 2.0 * rng.uniform() - 1.0;
    }

    bool hasAbsolute() const override { return m_pe != Pe::None; }

    Eigen::MatrixXd absoluteAt(int start, int n) const override
    {
        switch (m_pe) {
        case Pe::Learned:
            if (start + n > m_maxLen)
                fail(fill(trCore("Scheme",
                                 "the sequence reaches position %1 but the PE table has max_len %2 rows "
                                 "(raise max_len)"),
                          {std::to_string(start + n - 1), std::to_string(m_maxLen)}));
            // The same table as the 'learned' scheme for the same seed, so the two can be compared.
            return Rng::stream(m_model.seed, "learned.table").normalMatrix(start + n, m_model.dModel, 1.0).bottomRows(n);
        case Pe::Sinusoidal:
            return sinusoid(positionRange(start, n), m_model.dModel, 10000.0, SinusoidLayout::Interleaved);
        case Pe::None:
            break;
        }
        return Eigen::MatrixXd::Zero(n, m_model.dModel);
    }

    // E(Δ) = act(w·(Δ·delta_scale) + b), one d_model vector per offset.
    Eigen::VectorXd deltaEmbedding(int delta) const
    {
        Eigen::VectorXd e = m_w * (delta * m_deltaScale) + m_b;
        for (Eigen::Index c = 0; c < e.size(); ++c)
            e[c] = activate(e[c]);
        return e;
    }

    std::vector<ScoreTerm> scoreTerms(const HeadContext& ctx) const override
    {
        auto terms = Scheme::scoreTerms(ctx);
        const int n = ctx.n();
        const double s = defaultScale(m_model);
        const Eigen::MatrixXd q = (ctx.content + ctx.pe) * ctx.wq;
        Eigen::MatrixXd e(2 * n - 1, m_model.dModel);   // row Δ + n − 1
        for (int delta = -(n - 1); delta <= n - 1; ++delta)
            e.row(delta + n - 1) = deltaEmbedding(delta).transpose();
        const Eigen::MatrixXd qe = q * (e * ctx.wk).transpose();   // n × (2n − 1)
        Eigen::MatrixXd term(n, n);
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j) {
                const double mask = (m_model.causal && j > i) ? 0.0 : 1.0;   // Mask_ij: 1 where i may see j
                term(i, j) = mask * s * qe(i, j - i + n - 1);
            }
        terms.push_back({POSLAB_TR_NOOP("ScoreTerm", "Δ-embedding q_i·W_k·Mask⊙E(Δ)"), term});
        return terms;
    }

    // The key table is W_k E(Δ), masked like the article's Mask ⊙ E.
    HeadPlan headPlan(const HeadContext& ctx) const override
    {
        const int n = ctx.n();
        HeadPlan plan;
        Eigen::MatrixXd e(2 * n - 1, m_model.dModel);
        for (int o = 0; o < 2 * n - 1; ++o) {
            e.row(o) = deltaEmbedding(o - (n - 1)).transpose();
            plan.keyTable.rowOfOffset.push_back(o);
        }
        plan.keyTable.rows = e * ctx.wk;
        plan.maskTables = m_model.causal;
        return plan;
    }

    DeltaCurve deltaCurve(int range) const override
    {
        DeltaCurve c;
        c.columns.push_back("delta");
        for (int k = 0; k < m_model.dModel; ++k)
            c.columns.push_back(std::string("E").append(std::to_string(k)));
        c.rows.resize(2 * range + 1, m_model.dModel + 1);
        for (int r = 0; r <= 2 * range; ++r) {
            c.rows(r, 0) = r - range;
            c.rows.row(r).tail(m_model.dModel) = deltaEmbedding(r - range).transpose();
        }
        return c;
    }

private:
    enum class Pe { Learned, Sinusoidal, None };

    double activate(double x) const
    {
        if (m_activation == "relu")
            return x > 0 ? x : 0.0;
        if (m_activation == "tanh")
            return std::tanh(x);
        if (m_activation == "gelu")
            return 0.5 * x * (1.0 + std::erf(x / std::numbers::sqrt2));
        return x;
    }

    Pe m_pe = Pe::Learned;
    int m_maxLen = 512;
    double m_deltaScale = 1.0;
    std::string m_activation;
    Eigen::VectorXd m_w, m_b;
};

} // namespace

SchemeInfo seedLinearInfo()
{
    return {
        "seed-linear",
        POSLAB_TR_NOOP("Scheme", "The seed article's Δ-embedding (Linear(Δ) + Bias)"),
        SchemeKind::Relative,
        "E(Δ) = act(w·Δ + b); RPE_ij = PE_j + Mask_ij ⊙ E(j − i); score = q_i·W_k(e_j + RPE_ij) / √d",
        "The article in shared/seeds (大语言模型原理基础与前沿 相对位置编码), §3–4",
        POSLAB_TR_NOOP(
            "SchemeNotes",
            "Reproduced as far as it is computable: the article adds a Δ-embedding to an absolute PE "
            "but never says where the sum enters attention; here it rides on the key of each pair. "
            "The article writes RPE_i = PE_i + Mask_i·E_i, indexing everything by one token; PosLab "
            "reads it per (query i, key j) pair: the key carries its own PE_j, and E is taken at the "
            "pair's Δ = j − i. w, b are drawn like torch.nn.Linear(1, d) (U(−1, 1)); Δ enters "
            "unnormalised, as in the article, so far keys dominate on long sequences (logits of "
            "several hundred at n = 300, beyond float32's precision: the oneDNN engine computes this "
            "term in double, relative to each row's largest, which makes it slower for this scheme). "
            "Mask_ij is 1 where query i may see key j."),
        {{"pe",
          ParamType::Choice,
          "learned",
          0,
          0,
          {"learned", "sinusoidal", "none"},
          POSLAB_TR_NOOP("SchemeParam",
                         "the absolute PE the Δ-embedding is added to (the article's code: nn.Embedding)")},
         {"max_len",
          ParamType::Int,
          "512",
          1,
          65536,
          {},
          POSLAB_TR_NOOP("SchemeParam", "rows of the learned PE table")},
         {"activation",
          ParamType::Choice,
          "none",
          0,
          0,
          {"none", "relu", "tanh", "gelu"},
          POSLAB_TR_NOOP(
              "SchemeParam",
              "activation after Linear(Δ) + Bias (the article mentions one, its formula has none)")},
         {"delta_scale",
          ParamType::Real,
          "1",
          0,
          1e6,
          {},
          POSLAB_TR_NOOP("SchemeParam", "Δ is multiplied by this before Linear")}}};
}

std::unique_ptr<Scheme> makeSeedLinear(const RawParams& raw, const ModelConfig& model)
{
    return std::make_unique<SeedLinearScheme>(raw, model);
}

} // namespace poslab::schemes
