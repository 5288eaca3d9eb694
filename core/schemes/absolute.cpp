// Schemes that add a vector to each input: none, sinusoidal, learned.

#include "schemes.h"

#include "error.h"
#include "i18n.h"
#include "rng.h"
#include "weights.h"

#include <cmath>

namespace poslab::schemes {

namespace {

const std::string kVaswani = "Vaswani et al. 2017, Attention Is All You Need";

class NoneScheme final : public Scheme
{
public:
    NoneScheme(const RawParams& raw, const ModelConfig& model) : Scheme(noneInfo(), raw, model) {}

    DeltaCurve deltaCurve(int range) const override
    {
        DeltaCurve c{{"delta", "value"}, Eigen::MatrixXd::Zero(2 * range + 1, 2)};
        for (int r = 0; r <= 2 * range; ++r)
            c.rows(r, 0) = r - range;
        return c;
    }
};

class SinusoidalScheme final : public Scheme
{
public:
    SinusoidalScheme(const RawParams& raw, const ModelConfig& model) : Scheme(sinusoidalInfo(), raw, model)
    {
        if (model.dModel % 2 != 0)
            fail(fill(trCore("Scheme", "needs an even d_model (sin/cos pairs), got %1"),
                      {std::to_string(model.dModel)}));
        m_base = m_params.real("base");
        m_layout = m_params.choice("layout") == "concat" ? SinusoidLayout::Concat : SinusoidLayout::Interleaved;
    }

    Eigen::MatrixXd absoluteAt(int start, int n) const override
    {
        return sinusoid(positionRange(start, n), m_model.dModel, m_base, m_layout);
    }

    // PE_i · PE_{i+Δ} = Σ_k cos(ω_k Δ), the same for every i and either layout.
    DeltaCurve deltaCurve(int range) const override
    {
        const int d = m_model.dModel;
        DeltaCurve c{{"delta", "pe_dot"}, Eigen::MatrixXd(2 * range + 1, 2)};
        for (int r = 0; r <= 2 * range; ++r) {
            const int delta = r - range;
            double s = 0.0;
            for (int k = 0; k < d / 2; ++k)
                s += std::cos(delta * std::pow(m_base, -2.0 * k / d));
            c.rows(r, 0) = delta;
            c.rows(r, 1) = s;
        }
        return c;
    }

private:
    double m_base = 10000.0;
    SinusoidLayout m_layout = SinusoidLayout::Interleaved;
};

class LearnedScheme final : public Scheme
{
public:
    LearnedScheme(const RawParams& raw, const ModelConfig& model) : Scheme(learnedInfo(), raw, model)
    {
        m_maxLen = static_cast<int>(m_params.integer("max_len"));
        m_table = model.loaded ? model.loaded->find("position_table") : nullptr;
        if (model.loaded && !m_table)
            fail(fill(trCore("Scheme",
                             "the checkpoint %1 has no position table under a common name (say which "
                             "tensor is the role position_table)"),
                      {quoteInput(model.loaded->spec.path, kQuotedNameChars)}));
        if (m_table) {
            const auto rows = m_table->values.rows(), cols = m_table->values.cols();
            const std::string what = quoteInput(m_table->print.tensor, kQuotedNameChars) + " (" + std::to_string(rows) + " × " +
                                     std::to_string(cols) + ")";
            if (cols != model.dModel)
                fail(fill(trCore("Scheme", "the table %1 has %2 columns, so d_model must be %2, not %3"),
                          {what, std::to_string(cols), std::to_string(model.dModel)}));
            if (raw.count("max_len") && m_maxLen != rows)
                fail(fill(trCore("Scheme",
                                 "max_len %1 differs from the %2 rows of the table %3 (leave max_len out)"),
                          {std::to_string(m_maxLen), std::to_string(rows), what}));
            m_maxLen = static_cast<int>(rows);
        }
    }

    Eigen::MatrixXd absoluteAt(int start, int n) const override
    {
        if (start + n > m_maxLen)
            fail(fill(trCore("Scheme",
                             "the sequence reaches position %1 but the table has max_len %2 rows (raise "
                             "max_len)"),
                      {std::to_string(start + n - 1), std::to_string(m_maxLen)}));
        return rows(start + n).bottomRows(n);
    }

    // A learned table has no built-in offset structure: the curve is the mean of PE_i · PE_{i+Δ}
    // over every i where both rows exist.
    DeltaCurve deltaCurve(int range) const override
    {
        const Eigen::MatrixXd table = rows(m_maxLen);
        DeltaCurve c{{"delta", "mean_pe_dot"}, Eigen::MatrixXd(2 * range + 1, 2)};
        for (int r = 0; r <= 2 * range; ++r) {
            const int delta = r - range;
            double sum = 0.0;
            int count = 0;
            for (int i = std::max(0, -delta); i < m_maxLen && i + delta < m_maxLen; ++i, ++count)
                sum += table.row(i).dot(table.row(i + delta));
            c.rows(r, 0) = delta;
            c.rows(r, 1) = count ? sum / count : std::nan("");
        }
        return c;
    }

private:
    // The table's first n rows, drawn row by row from its own stream, so they do not depend on
    // max_len or on n: only the rows a sequence uses are ever made.
    Eigen::MatrixXd rows(int n) const
    {
        if (m_table) return m_table->values.topRows(n);
        return Rng::stream(m_model.seed, "learned.table").normalMatrix(n, m_model.dModel, m_params.real("init_std"));
    }

    int m_maxLen = 0;
    const LoadedTensor* m_table = nullptr; // a checkpoint's table (kept alive by m_model.loaded)
};

} // namespace

SchemeInfo noneInfo()
{
    return {"none",
            POSLAB_TR_NOOP("Scheme", "No position information"),
            SchemeKind::None,
            "x_i = e_i; score = q_i·k_j / √d",
            "(baseline)",
            POSLAB_TR_NOOP("SchemeNotes",
                           "Attention is permutation-equivariant: shuffling the tokens permutes the map "
                           "and changes nothing else."),
            {}};
}

SchemeInfo sinusoidalInfo()
{
    return {"sinusoidal",
            POSLAB_TR_NOOP("Scheme", "Sinusoidal absolute encoding"),
            SchemeKind::Absolute,
            "PE(p, 2k) = sin(p·ω_k), PE(p, 2k+1) = cos(p·ω_k), ω_k = base^(−2k/d); x_p = e_p + PE(p)",
            kVaswani,
            POSLAB_TR_NOOP(
                "SchemeNotes",
                "layout=interleaved is the paper's sin on even dims, cos on odd; layout=concat puts all "
                "sines first, then all cosines (tensor2tensor, Transformer-XL), same frequencies. "
                "PE_i·PE_j depends only on j − i."),
            {{"base",
              ParamType::Real,
              "10000",
              1e-6,
              1e12,
              {},
              POSLAB_TR_NOOP("SchemeParam", "wavelength base (must be > 0)")},
             {"layout",
              ParamType::Choice,
              "interleaved",
              0,
              0,
              {"interleaved", "concat"},
              POSLAB_TR_NOOP("SchemeParam", "where the sin and cos of one frequency sit")}}};
}

SchemeInfo learnedInfo()
{
    return {
        "learned",
        POSLAB_TR_NOOP("Scheme", "Learned absolute table"),
        SchemeKind::Absolute,
        "x_p = e_p + P[p], P ∈ ℝ^(max_len × d)",
        "Devlin et al. 2019 (BERT); Radford et al. 2019 (GPT-2)",
        POSLAB_TR_NOOP("SchemeNotes",
                       "P is drawn once from the seed (entries N(0, init_std²)) and stands in for a trained "
                       "table, or is a checkpoint's own (--weights: GPT-2 wpe, BERT position_embeddings; "
                       "max_len is then its rows); positions at or beyond max_len have no row, so longer "
                       "sequences are an error."),
        {{"max_len",
          ParamType::Int,
          "512",
          1,
          65536,
          {},
          POSLAB_TR_NOOP("SchemeParam", "rows in the table (longest sequence)")},
         {"init_std",
          ParamType::Real,
          "1",
          0,
          100,
          {},
          POSLAB_TR_NOOP("SchemeParam", "standard deviation of the table's entries")}}};
}

std::unique_ptr<Scheme> makeNone(const RawParams& raw, const ModelConfig& model)
{
    return std::make_unique<NoneScheme>(raw, model);
}
std::unique_ptr<Scheme> makeSinusoidal(const RawParams& raw, const ModelConfig& model)
{
    return std::make_unique<SinusoidalScheme>(raw, model);
}
std::unique_ptr<Scheme> makeLearned(const RawParams& raw, const ModelConfig& model)
{
    return std::make_unique<LearnedScheme>(raw, model);
}

} // namespace poslab::schemes
