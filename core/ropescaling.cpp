// Transcribed from Hugging Face transformers, src/transformers/modeling_rope_utils.py (the
// rope_parameters era, v5: _compute_linear_scaling_rope_parameters, _compute_dynamic_ntk_parameters,
// _compute_yarn_parameters, _compute_longrope_parameters, _compute_llama3_parameters). HF computes
// in float32 (torch.arange(...).float()); PosLab computes the same formulas in double.

#include "ropescaling.h"

#include "error.h"
#include "i18n.h"
#include "params.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

namespace poslab {

namespace {

constexpr std::array kNames = {
    std::pair{RopeScaling::None, "none"},         std::pair{RopeScaling::Linear, "linear"},
    std::pair{RopeScaling::Dynamic, "dynamic"},   std::pair{RopeScaling::Yarn, "yarn"},
    std::pair{RopeScaling::LongRope, "longrope"}, std::pair{RopeScaling::Llama3, "llama3"}};

// `message` in the interface language, after the scheme's name.
[[noreturn]] void fail(const std::string& message)
{
    throw Error(fill(trCore("Errors", "rope: %1"), {message}));
}

// base^(−2c/dim) for c < dim/2 (HF: 1 / base ** (arange(0, dim, 2) / dim)).
std::vector<double> defaultInvFreq(double base, int dim)
{
    std::vector<double> inv(dim / 2);
    for (int c = 0; c < dim / 2; ++c)
        inv[c] = std::pow(base, -2.0 * c / dim);
    return inv;
}

// _compute_yarn_parameters: get_mscale(scale, mscale=1).
double yarnMscale(double scale, double mscale)
{
    return scale <= 1 ? 1.0 : 0.1 * mscale * std::log(scale) + 1.0;
}

void yarn(const RopeScalingConfig& c, RopeFrequencies& f)
{
    const int dim = c.rotaryDims;
    // The newest HF reads original_max_position_embeddings here (older versions used
    // max_position_embeddings, the extended length, which moves the ramp). PosLab's
    // original_max_position is that L0; HF's factor = max_position_embeddings / L0 is PosLab's factor.
    const double l0 = c.originalMax;
    if (c.attentionFactor > 0)
        f.attentionFactor = c.attentionFactor;
    else if (c.mscale != 0 && c.mscaleAllDim != 0)
        f.attentionFactor = yarnMscale(c.factor, c.mscale) / yarnMscale(c.factor, c.mscaleAllDim);
    else
        f.attentionFactor = yarnMscale(c.factor, 1.0);
    // find_correction_dim: dim · ln(L0 / (rotations · 2π)) / (2 ln base)
    auto correctionDim = [&](double rotations) {
        return dim * std::log(l0 / (rotations * 2 * std::numbers::pi)) / (2 * std::log(c.base));
    };
    // find_correction_range, truncate: floor / ceil
    double low = correctionDim(c.betaFast), high = correctionDim(c.betaSlow);
    if (c.truncate) {
        low = std::floor(low);
        high = std::ceil(high);
    }
    low = std::max(low, 0.0);
    high = std::min(high, static_cast<double>(dim - 1));
    // linear_ramp_factor(low, high, dim // 2)
    if (low == high) high += 0.001; // "Prevent singularity"
    for (int k = 0; k < dim / 2; ++k) {
        const double ramp = std::clamp((k - low) / (high - low), 0.0, 1.0);
        const double extrapolation = 1 - ramp; // inv_freq_extrapolation_factor
        const double extra = f.invFreqUnscaled[k], inter = f.invFreqUnscaled[k] / c.factor;
        f.invFreq[k] = inter * (1 - extrapolation) + extra * extrapolation;
    }
}

void longrope(const RopeScalingConfig& c, int seqLen, RopeFrequencies& f)
{
    const std::size_t pairs = static_cast<std::size_t>(c.rotaryDims / 2);
    for (const auto& [name, list] :
         {std::pair{"short_factor", &c.shortFactor}, std::pair{"long_factor", &c.longFactor}})
        if (list->size() != pairs)
            fail(fill(trCore("Errors", "%1 has %2 values; scaling=longrope needs %3 (rotary_dims/2)"),
                      {name, std::to_string(list->size()), std::to_string(pairs)}));
    const double l0 = c.originalMax;
    if (c.attentionFactor > 0)
        f.attentionFactor = c.attentionFactor;
    else
        f.attentionFactor = c.factor <= 1.0 ? 1.0 : std::sqrt(1 + std::log(c.factor) / std::log(l0));
    // "if seq_len and seq_len > original_max_position_embeddings": long factors
    f.longFactors = seqLen > c.originalMax;
    const std::vector<double>& ext = f.longFactors ? c.longFactor : c.shortFactor;
    for (std::size_t k = 0; k < pairs; ++k)
        f.invFreq[k] = 1.0 / (ext[k] * std::pow(c.base, 2.0 * static_cast<double>(k) / c.rotaryDims));
}

void llama3(const RopeScalingConfig& c, RopeFrequencies& f)
{
    if (!(c.highFreqFactor > c.lowFreqFactor))
        fail(fill(trCore("Errors", "high_freq_factor (%1) must be greater than low_freq_factor (%2) for "
                                   "scaling=llama3"),
                  {formatReal(c.highFreqFactor), formatReal(c.lowFreqFactor)}));
    const double old = c.originalMax;
    const double lowWavelen = old / c.lowFreqFactor, highWavelen = old / c.highFreqFactor;
    for (std::size_t k = 0; k < f.invFreq.size(); ++k) {
        const double inv = f.invFreqUnscaled[k];
        const double wavelen = 2 * std::numbers::pi / inv;
        if (wavelen > lowWavelen) {
            f.invFreq[k] = inv / c.factor; // low frequencies: interpolated
        } else if (wavelen < highWavelen) {
            f.invFreq[k] = inv; // high frequencies: kept
        } else {
            const double smooth = (old / wavelen - c.lowFreqFactor) / (c.highFreqFactor - c.lowFreqFactor);
            f.invFreq[k] = (1 - smooth) * inv / c.factor + smooth * inv;
        }
    }
}

} // namespace

RopeScaling parseRopeScaling(const std::string& name)
{
    for (const auto& [s, n] : kNames)
        if (name == n) return s;
    throw Error(fill(trCore("Errors", "rope: unknown scaling %1"), {quoteInput(name)}));
}

std::string ropeScalingName(RopeScaling scaling)
{
    for (const auto& [s, n] : kNames)
        if (s == scaling) return n;
    return "?";
}

RopeFrequencies ropeFrequencies(const RopeScalingConfig& c, int seqLen)
{
    if (c.rotaryDims < 2 || c.rotaryDims % 2 != 0)
        fail(fill(trCore("Errors", "rotary_dims = int(head_dim \u00b7 rotary_fraction) must be even and at "
                                   "least 2, got %1"),
                  {std::to_string(c.rotaryDims)}));
    RopeFrequencies f;
    f.invFreqUnscaled = defaultInvFreq(c.base, c.rotaryDims);
    f.invFreq = f.invFreqUnscaled;
    switch (c.scaling) {
    case RopeScaling::None:
        break;
    case RopeScaling::Linear: // inv_freq /= factor
        for (double& v : f.invFreq)
            v /= c.factor;
        break;
    case RopeScaling::Dynamic: {
        if (c.rotaryDims <= 2)
            fail(trCore("Errors", "scaling=dynamic needs rotary_dims > 2 (its exponent is d/(d \u2212 2))"));
        // seq_len = max(seq_len, max_position_embeddings);
        // base = base · ((factor · seq_len / L0) − (factor − 1)) ^ (dim / (dim − 2))
        const double l = std::max(seqLen, c.originalMax), d = c.rotaryDims;
        f.dynamicBase = c.base * std::pow(c.factor * l / c.originalMax - (c.factor - 1), d / (d - 2));
        if (!(f.dynamicBase > 0) || !std::isfinite(f.dynamicBase))
            fail(fill(trCore("Errors", "scaling=dynamic gives base' = %1 (factor %2): it must be positive"),
                      {formatReal(f.dynamicBase), formatReal(c.factor)}));
        f.invFreq = defaultInvFreq(f.dynamicBase, c.rotaryDims);
        break;
    }
    case RopeScaling::Yarn:
        yarn(c, f);
        break;
    case RopeScaling::LongRope:
        longrope(c, seqLen, f);
        break;
    case RopeScaling::Llama3:
        llama3(c, f);
        break;
    }
    return f;
}

} // namespace poslab
