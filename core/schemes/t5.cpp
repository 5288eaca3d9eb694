// T5 relative position buckets: a learned scalar bias per (bucket, head), no 1/√d scaling.

#include "schemes.h"

#include "error.h"
#include "i18n.h"
#include "rng.h"
#include "weights.h"

#include <algorithm>
#include <cmath>

namespace poslab::schemes {

namespace {

class T5Scheme final : public Scheme
{
public:
    T5Scheme(const RawParams& raw, const ModelConfig& model) : Scheme(t5Info(), raw, model)
    {
        m_numBuckets = static_cast<int>(m_params.integer("num_buckets"));
        m_maxDistance = static_cast<int>(m_params.integer("max_distance"));
        m_bidirectional = m_params.boolean("bidirectional");
        const int half = m_bidirectional ? m_numBuckets / 2 : m_numBuckets;
        const int maxExact = half / 2;
        if (maxExact < 1)
            fail(
                fill(m_bidirectional
                         ? trCore("Scheme", "num_buckets %1 leaves no exact bucket (a bidirectional t5 needs "
                                            "num_buckets >= 4)")
                         : trCore("Scheme", "num_buckets %1 leaves no exact bucket (needs num_buckets >= 2)"),
                     {std::to_string(m_numBuckets)}));
        if (m_maxDistance <= maxExact)
            fail(fill(
                trCore("Scheme", "max_distance %1 must exceed the %2 exact buckets (num_buckets%3)"),
                {std::to_string(m_maxDistance), std::to_string(maxExact), m_bidirectional ? "/4" : "/2"}));
        if (model.loaded) {
            // The encoder's table is bidirectional, the decoder's one-directional (T5's own split).
            const char* role = m_bidirectional ? "t5_bias" : "t5_decoder_bias";
            const LoadedTensor* t = model.loaded->find(role);
            if (!t)
                fail(fill(m_bidirectional
                              ? trCore("Scheme",
                                       "the checkpoint %1 has no encoder relative attention bias (%2; "
                                       "bidirectional=false takes the decoder's, or say which tensor is "
                                       "the role %2)")
                              : trCore("Scheme",
                                       "the checkpoint %1 has no decoder relative attention bias (%2; "
                                       "bidirectional=true takes the encoder's, or say which tensor is the "
                                       "role %2)"),
                          {quoteInput(model.loaded->spec.path, kQuotedNameChars), role}));
            const std::string what = quoteInput(t->print.tensor, kQuotedNameChars) + " (" + std::to_string(t->values.rows()) + " \u00d7 " +
                                     std::to_string(t->values.cols()) + ")";
            if (t->values.rows() != m_numBuckets)
                fail(fill(trCore("Scheme", "num_buckets is %1 but the table %2 has %3 buckets"),
                          {std::to_string(m_numBuckets), what, std::to_string(t->values.rows())}));
            if (t->values.cols() != model.heads)
                fail(fill(trCore("Scheme", "the table %1 has one column per head: heads must be %2, not %3"),
                          {what, std::to_string(t->values.cols()), std::to_string(model.heads)}));
            m_table = t->values;
        } else {
            m_table = Rng::stream(model.seed, "t5.bias").normalMatrix(m_numBuckets, model.heads, 1.0);
        }
    }

    // relative_position = memory − query = j − i, exactly as T5's _relative_position_bucket, with
    // its float32 arithmetic and truncation.
    long long bucketOf(int relativePosition) const
    {
        long long ret = 0;
        long long n = -static_cast<long long>(relativePosition);
        int numBuckets = m_numBuckets;
        if (m_bidirectional) {
            numBuckets /= 2;
            if (n < 0)
                ret += numBuckets;
            n = n < 0 ? -n : n;
        } else {
            n = std::max(n, 0LL);
        }
        const int maxExact = numBuckets / 2;
        if (n < maxExact)
            return ret + n;
        const float ratio = static_cast<float>(n) / static_cast<float>(maxExact);
        const float denom = static_cast<float>(std::log(static_cast<double>(m_maxDistance) / maxExact));
        const float scaled = std::log(ratio) / denom * static_cast<float>(numBuckets - maxExact);
        const long long large = maxExact + static_cast<long long>(scaled);
        return ret + std::min<long long>(large, numBuckets - 1);
    }

    bool hasBucket() const override { return true; }
    long long bucket(int i, int j) const override { return bucketOf(j - i); }

    // score = q_i·k_j + b[bucket(j − i), h]   (T5 does not scale by 1/√d)
    std::vector<ScoreTerm> scoreTerms(const HeadContext& ctx) const override
    {
        const int n = ctx.n();
        const Eigen::MatrixXd q = ctx.content * ctx.wq;
        const Eigen::MatrixXd k = ctx.content * ctx.wk;
        Eigen::MatrixXd bias(n, n);
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j)
                bias(i, j) = m_table(bucket(i, j), ctx.head);
        return {{POSLAB_TR_NOOP("ScoreTerm", "content-content"), q * k.transpose()},
                {POSLAB_TR_NOOP("ScoreTerm", "bucket bias b[bucket, h]"), bias}};
    }

    double scoreScale() const override { return 1.0; }

    HeadPlan headPlan(const HeadContext& ctx) const override
    {
        HeadPlan plan;
        for (int o = 0; o < 2 * ctx.n() - 1; ++o)
            plan.offsetBias.push_back(m_table(bucketOf(o - (ctx.n() - 1)), ctx.head));
        return plan;
    }

    DeltaCurve deltaCurve(int range) const override
    {
        DeltaCurve c;
        c.columns = {"delta", "bucket"};
        for (int h = 0; h < m_model.heads; ++h)
            c.columns.push_back("bias_head" + std::to_string(h));
        c.rows.resize(2 * range + 1, m_model.heads + 2);
        for (int r = 0; r <= 2 * range; ++r) {
            const int delta = r - range;
            const long long b = bucketOf(delta);
            c.rows(r, 0) = delta;
            c.rows(r, 1) = static_cast<double>(b);
            for (int h = 0; h < m_model.heads; ++h)
                c.rows(r, h + 2) = m_table(b, h);
        }
        return c;
    }

private:
    int m_numBuckets = 32;
    int m_maxDistance = 128;
    bool m_bidirectional = true;
    Eigen::MatrixXd m_table;   // num_buckets × heads
};

} // namespace

SchemeInfo t5Info()
{
    return {
        "t5",
        POSLAB_TR_NOOP("Scheme", "T5 relative position buckets"),
        SchemeKind::Relative,
        "score = q_i·k_j + b[bucket(j − i), h]; exact buckets below max_exact, log-spaced up to max_distance",
        "Raffel et al. 2020, Exploring the Limits of Transfer Learning with a Unified Text-to-Text "
        "Transformer",
        POSLAB_TR_NOOP(
            "SchemeNotes",
            "relative_position = memory − query = j − i, as in T5's code. Bidirectional: half the "
            "buckets for keys after the query (Δ > 0). Unidirectional: keys after the query share "
            "bucket 0. The bucket arithmetic is done in float32 and truncated, as in the official "
            "code; no 1/√d scaling, as in T5. The bias table (num_buckets × heads) is drawn from the "
            "seed (N(0, 1))."),
        {{"num_buckets",
          ParamType::Int,
          "32",
          0,
          4096,
          {},
          POSLAB_TR_NOOP("SchemeParam", "number of buckets (>= 2; >= 4 if bidirectional)")},
         {"max_distance",
          ParamType::Int,
          "128",
          1,
          1'000'000,
          {},
          POSLAB_TR_NOOP("SchemeParam", "offsets at or beyond it share the last bucket")},
         {"bidirectional",
          ParamType::Bool,
          "true",
          0,
          0,
          {},
          POSLAB_TR_NOOP("SchemeParam", "encoder (true) or decoder (false) buckets")}}};
}

std::unique_ptr<Scheme> makeT5(const RawParams& raw, const ModelConfig& model)
{
    return std::make_unique<T5Scheme>(raw, model);
}

} // namespace poslab::schemes
