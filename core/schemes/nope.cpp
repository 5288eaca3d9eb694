// NoPE (Kazemnejad et al. 2023; Haviv et al. 2022): no position encoding at all. Its numbers are those
// of `none`; it is a scheme of its own for what it teaches: in a decoder the causal mask is a position
// signal, in an encoder there is none.

#include "schemes.h"

#include "i18n.h"

namespace poslab::schemes {

namespace {

class NopeScheme final : public Scheme
{
public:
    NopeScheme(const RawParams& raw, const ModelConfig& model) : Scheme(nopeInfo(), raw, model) {}

    // No term depends on Δ: the curve is 0 everywhere (what position there is comes from the mask).
    DeltaCurve deltaCurve(int range) const override
    {
        DeltaCurve c{{"delta", "bias"}, Eigen::MatrixXd::Zero(2 * range + 1, 2)};
        for (int r = 0; r <= 2 * range; ++r)
            c.rows(r, 0) = r - range;
        return c;
    }
};

} // namespace

SchemeInfo nopeInfo()
{
    return {"nope",
            POSLAB_TR_NOOP("Scheme", "NoPE: no position encoding (decoder)"),
            SchemeKind::None,
            "x_i = e_i; score = q_i·k_j / √d, −∞ where j > i (causal); no term depends on i, j or Δ",
            "Kazemnejad et al. 2023, The Impact of Positional Encoding on Length Generalization in "
            "Transformers; Haviv et al. 2022, Transformer Language Models without Positional Encodings Still "
            "Learn Positional Information",
            POSLAB_TR_NOOP(
                "SchemeNotes",
                "Meant with --causal. Without the mask (an encoder) attention is permutation-equivariant: "
                "shuffling the tokens only permutes the map, so positions are invisible. With the mask, "
                "query i sees keys 0..i, and at λ = 0 (every token the same content) all its scores are "
                "equal: the first layer attends uniformly, p_ij = 1/(i + 1), whose output can encode i "
                "(the papers' argument). Nothing beyond that: the scores never see Δ."),
            {}};
}

std::unique_ptr<Scheme> makeNope(const RawParams& raw, const ModelConfig& model)
{
    return std::make_unique<NopeScheme>(raw, model);
}

} // namespace poslab::schemes
