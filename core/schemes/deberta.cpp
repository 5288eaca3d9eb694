// DeBERTa disentangled attention: content-to-content, content-to-position, position-to-content,
// over log-bucketed relative positions (DeBERTa-v2).

#include "schemes.h"

#include "error.h"
#include "i18n.h"
#include "rng.h"
#include "weights.h"

#include <algorithm>
#include <cmath>

namespace poslab::schemes {

namespace {

class DebertaScheme final : public Scheme
{
public:
    DebertaScheme(const RawParams& raw, const ModelConfig& model) : Scheme(debertaInfo(), raw, model)
    {
        m_bucketSize = static_cast<int>(m_params.integer("bucket_size"));
        m_maxPosition = static_cast<int>(m_params.integer("max_position"));
        if (m_bucketSize == 1)
            fail(trCore("Scheme", "bucket_size must be 0 (no log buckets) or at least 2, got 1"));
        if (m_bucketSize > 0 && m_maxPosition - 1 <= m_bucketSize / 2)
            fail(fill(
                trCore("Scheme", "max_position %1 must exceed bucket_size/2 + 1 = %2 for the log buckets"),
                {std::to_string(m_maxPosition), std::to_string(m_bucketSize / 2 + 1)}));
        m_span = m_bucketSize > 0 ? m_bucketSize : m_maxPosition;
        if (model.loaded) {
            const LoadedTensor* rel = model.loaded->find("deberta_rel");
            if (!rel)
                fail(fill(trCore("Scheme",
                                 "the checkpoint %1 has no relative embeddings under a common name (say "
                                 "which tensor is the role deberta_rel)"),
                          {quoteInput(model.loaded->spec.path, kQuotedNameChars)}));
            const std::string what = quoteInput(rel->print.tensor, kQuotedNameChars) + " (" +
                                     std::to_string(rel->values.rows()) + " \u00d7 " + std::to_string(rel->values.cols()) + ")";
            if (rel->values.rows() != 2 * m_span)
                fail(fill(trCore("Scheme",
                                 "the table %1 has %2 rows but 2 \u00b7 span = %3 (span = bucket_size, or "
                                 "max_position without buckets)"),
                          {what, std::to_string(rel->values.rows()), std::to_string(2 * m_span)}));
            if (rel->values.cols() != model.dModel)
                fail(fill(trCore("Scheme", "the table %1 has %2 columns, so d_model must be %2, not %3"),
                          {what, std::to_string(rel->values.cols()), std::to_string(model.dModel)}));
            m_rel = rel->values;
            // DebertaV2Encoder.get_rel_embedding: LayerNorm(rel_embeddings) when norm_rel_ebd says layer_norm
            // (transformers' modeling_deberta_v2.py), eps = the config's layer_norm_eps (DebertaV2Config's
            // default 1e-7, the value of every released v2/v3 config).
            const auto& settings = model.loaded->settings;
            const LoadedTensor* w = model.loaded->find("deberta_ln_weight");
            const LoadedTensor* b = model.loaded->find("deberta_ln_bias");
            if (settings && settings->debertaNormRel.value_or(false)) {
                if (!w || !b || w->values.rows() != model.dModel || b->values.rows() != model.dModel)
                    fail(fill(trCore("Scheme",
                                     "the config asks for layer-normed relative embeddings, but the "
                                     "checkpoint has no encoder LayerNorm weight and bias of %1 values"),
                              {std::to_string(model.dModel)}));
                const double eps = settings->layerNormEps.value_or(1e-7);
                for (Eigen::Index r = 0; r < m_rel.rows(); ++r) {
                    const double mean = m_rel.row(r).mean();
                    const double var = (m_rel.row(r).array() - mean).square().mean();
                    m_rel.row(r) = ((m_rel.row(r).array() - mean) / std::sqrt(var + eps)) *
                                       w->values.col(0).transpose().array() +
                                   b->values.col(0).transpose().array();
                }
            }
        } else {
            m_rel = Rng::stream(model.seed, "deberta.rel").normalMatrix(2 * m_span, model.dModel, 1.0);
        }
    }

    // DeBERTa's make_log_bucket_position for its own relative position (query − key), in double
    // precision as the official numpy code.
    long long logBucket(long long rel) const
    {
        if (m_bucketSize <= 0)
            return rel;
        const long long mid = m_bucketSize / 2;
        const long long sign = (rel > 0) - (rel < 0);
        const long long absPos = (rel < mid && rel > -mid) ? mid - 1 : (rel < 0 ? -rel : rel);
        if (absPos <= mid)
            return rel;
        const double logPos = std::ceil(std::log(static_cast<double>(absPos) / mid) /
                                        std::log(static_cast<double>(m_maxPosition - 1) / mid) * (mid - 1)) +
                              mid;
        return static_cast<long long>(logPos) * sign;
    }

    // PosLab reports the bucket in its own sign: bucket(Δ) with Δ = j − i, which is
    // −make_log_bucket_position(i − j) (the function is odd).
    bool hasBucket() const override { return true; }
    long long bucket(int i, int j) const override { return -logBucket(static_cast<long long>(i) - j); }

    // Row of the relative embedding table used for (i, j), as in the official code:
    // clamp(δ + span, 0, 2·span − 1) with δ = bucket(i − j) in DeBERTa's sign.
    int tableRow(int i, int j) const
    {
        const long long r = logBucket(static_cast<long long>(i) - j) + m_span;
        return static_cast<int>(std::clamp<long long>(r, 0, 2LL * m_span - 1));
    }

    // Ã_ij = (Q^c_i·K^c_j + Q^c_i·K^r_δ + K^c_j·Q^r_δ) / √(3d), K^r = P W_k, Q^r = P W_q (shared keys, v2).
    std::vector<ScoreTerm> scoreTerms(const HeadContext& ctx) const override
    {
        const int n = ctx.n();
        const double s = 1.0 / std::sqrt(3.0 * m_model.headDim());
        const Eigen::MatrixXd q = ctx.content * ctx.wq;
        const Eigen::MatrixXd k = ctx.content * ctx.wk;
        const Eigen::MatrixXd qc2p = q * (m_rel * ctx.wk).transpose();   // n × 2span: Q^c_i · K^r_r
        const Eigen::MatrixXd kp2c = k * (m_rel * ctx.wq).transpose();   // n × 2span: K^c_j · Q^r_r
        Eigen::MatrixXd c2p(n, n), p2c(n, n);
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j) {
                const int row = tableRow(i, j);
                c2p(i, j) = s * qc2p(i, row);
                p2c(i, j) = s * kp2c(j, row);
            }
        return {{POSLAB_TR_NOOP("ScoreTerm", "content-content"), s * q * k.transpose()},
                {POSLAB_TR_NOOP("ScoreTerm", "c2p content-to-position"), c2p},
                {POSLAB_TR_NOOP("ScoreTerm", "p2c position-to-content"), p2c}};
    }

    double scoreScale() const override { return 1.0 / std::sqrt(3.0 * m_model.headDim()); }

    HeadPlan headPlan(const HeadContext& ctx) const override
    {
        const int n = ctx.n();
        HeadPlan plan;
        plan.keyTable.rows = m_rel * ctx.wk;     // K^r
        plan.queryTable.rows = m_rel * ctx.wq;   // Q^r
        for (int o = 0; o < 2 * n - 1; ++o)
            plan.keyTable.rowOfOffset.push_back(tableRow(0, o - (n - 1)));
        plan.queryTable.rowOfOffset = plan.keyTable.rowOfOffset;
        return plan;
    }

    DeltaCurve deltaCurve(int range) const override
    {
        DeltaCurve c{{"delta", "bucket", "table_row"}, Eigen::MatrixXd(2 * range + 1, 3)};
        for (int r = 0; r <= 2 * range; ++r) {
            const int delta = r - range;
            c.rows.row(r) << delta, static_cast<double>(bucket(0, delta)), tableRow(0, delta);
        }
        return c;
    }

private:
    int m_bucketSize = 256;
    int m_maxPosition = 512;
    int m_span = 256;
    Eigen::MatrixXd m_rel;   // 2·span × d_model relative embeddings P
};

} // namespace

SchemeInfo debertaInfo()
{
    return {"deberta",
            POSLAB_TR_NOOP("Scheme", "DeBERTa disentangled attention"),
            SchemeKind::Relative,
            "Ã_ij = (Q^c_i·K^c_j + Q^c_i·K^r_δ(i,j) + K^c_j·Q^r_δ(i,j)) / √(3d), δ = log-bucket(i − j)",
            "He et al. 2021, DeBERTa: Decoding-enhanced BERT with Disentangled Attention",
            POSLAB_TR_NOOP(
                "SchemeNotes",
                "DeBERTa measures query − key (i − j); PosLab converts at the edge: the bucket shown is "
                "bucket(Δ) = −δ(i, j), Δ = j − i. Log buckets as in DeBERTa-v2 "
                "(make_log_bucket_position, in float64 as microsoft/DeBERTa's da_utils.py; ports that "
                "compute it in float32 can differ by one bucket at some non-default settings; "
                "bucket_size 0 = plain clipping as in v1); the table row is clamp(δ + span, 0, 2·span "
                "− 1). As in the official code, p2c gathers with the same δ(i, j) as c2p (the paper "
                "writes δ(j, i)). K^r = P·W_k and Q^r = P·W_q share the content projections (v2's "
                "share_att_key); P is drawn from the seed (N(0, 1))."),
            {{"bucket_size",
              ParamType::Int,
              "256",
              0,
              65536,
              {},
              POSLAB_TR_NOOP("SchemeParam", "position buckets (0: no log buckets)")},
             {"max_position",
              ParamType::Int,
              "512",
              2,
              65536,
              {},
              POSLAB_TR_NOOP("SchemeParam", "maximum relative position")}}};
}

std::unique_ptr<Scheme> makeDeberta(const RawParams& raw, const ModelConfig& model)
{
    return std::make_unique<DebertaScheme>(raw, model);
}

} // namespace poslab::schemes
