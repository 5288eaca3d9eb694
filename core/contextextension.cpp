#include "contextextension.h"

#include "error.h"
#include "i18n.h"
#include "params.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace poslab {

namespace {

constexpr double kTwoPi = 2 * std::numbers::pi;
// stretch = θ/θ' is a quotient of two numbers each a few roundings from exact; 1e-12 is far above
// that (a few times 2⁻⁵³) and far below any ramp pair's distance from 1 or factor in practice.
constexpr double kSameStretch = 1e-12;

bool near(double a, double b)
{
    return std::abs(a - b) <= kSameStretch * std::max(std::abs(a), std::abs(b));
}

ContextCurve curveOf(const Scheme& scheme, RopeScaling scaling, int length, int originalMax)
{
    ContextCurve c;
    c.scaling = scaling;
    const RopeFrequencies f = scheme.frequencies(length);
    c.attentionFactor = f.attentionFactor;
    const double a2 = f.attentionFactor * f.attentionFactor;
    const double still = (scheme.model().headDim() - 2.0 * double(f.invFreq.size())) / 2;
    c.score.resize(std::size_t(length));
    for (int t = 0; t < length; ++t) {
        double sum = 0;
        for (double theta : f.invFreq)
            sum += std::cos(theta * t);
        c.score[std::size_t(t)] = a2 * sum + still;
    }
    // q = k = all ones: q·R(φ)k = 2cos φ per pair, 1 per unrotated dim, so q·k = 2·score.
    const double scale = 2 * scheme.scoreScale();
    const double top = *std::max_element(c.score.begin(), c.score.end()) * scale;
    c.attention.resize(c.score.size());
    double total = 0;
    for (std::size_t t = 0; t < c.score.size(); ++t)
        total += c.attention[t] = std::exp(c.score[t] * scale - top);
    for (std::size_t t = 0; t < c.attention.size(); ++t) {
        c.attention[t] /= total;
        if (t >= std::size_t(originalMax)) c.massBeyondL0 += c.attention[t];
    }
    for (const ContextPair& p : contextPairs(f, 1.0, originalMax, length))
        c.unseenPairs += p.unseen;
    return c;
}

} // namespace

std::string pairExtensionName(PairExtension kind)
{
    switch (kind) {
    case PairExtension::Kept:
        return "kept";
    case PairExtension::Interpolated:
        return "interpolated";
    case PairExtension::Ramp:
        return "ramp";
    case PairExtension::Other:
        break;
    }
    return "other";
}

PairExtension classifyPair(double stretch, double factor)
{
    if (near(stretch, 1)) return PairExtension::Kept;
    if (near(stretch, factor)) return PairExtension::Interpolated;
    if (stretch > std::min(1.0, factor) && stretch < std::max(1.0, factor)) return PairExtension::Ramp;
    return PairExtension::Other;
}

std::vector<ContextPair> contextPairs(const RopeFrequencies& f, double factor, int originalMax, int length)
{
    std::vector<ContextPair> pairs(f.invFreq.size());
    for (std::size_t k = 0; k < pairs.size(); ++k) {
        ContextPair& p = pairs[k];
        p.theta = f.invFreqUnscaled[k];
        p.thetaScaled = f.invFreq[k];
        p.wavelength = kTwoPi / p.theta;
        p.wavelengthScaled = kTwoPi / p.thetaScaled;
        p.stretch = p.theta / p.thetaScaled;
        p.kind = classifyPair(p.stretch, factor);
        p.angleBelowL0 = (originalMax - 1.0) * p.theta;
        p.fullTurn = originalMax * p.theta >= kTwoPi;
        p.angleAtL = (length - 1.0) * p.thetaScaled;
        p.unseen = !p.fullTurn && p.angleAtL >= originalMax * p.theta;
    }
    return pairs;
}

const ContextCurve& ContextExtension::curve(RopeScaling s) const
{
    for (const ContextCurve& c : curves)
        if (c.scaling == s) return c;
    throw Error(fill(trCore("Errors", "context: no curve for scaling %1"), {ropeScalingName(s)}));
}

ContextExtension contextExtension(const Scheme& rope, int length)
{
    if (length < 1)
        throw Error(fill(trCore("Errors", "context: the length L must be at least 1, got %1"),
                         {std::to_string(length)}));
    const RopeFrequencies f = rope.frequencies(length); // Error for schemes without rotation
    const ParamSet& params = rope.params();
    ContextExtension x;
    x.scaling = parseRopeScaling(params.choice("scaling"));
    x.factor = params.real("factor");
    x.originalMax = static_cast<int>(params.integer("original_max_position"));
    x.length = length;
    x.headDim = rope.model().headDim();
    x.rotaryDims = 2 * static_cast<int>(f.invFreq.size());
    x.attentionFactor = f.attentionFactor;
    x.pairs = contextPairs(f, x.factor, x.originalMax, length);

    x.curveFactor = x.scaling == RopeScaling::None && x.factor == 1
                        ? std::max(1.0, double(length) / x.originalMax)
                        : x.factor;
    RawParams raw;
    for (const auto& [key, value] : params.canonical())
        raw[key] = value;
    raw["factor"] = formatReal(x.curveFactor);
    for (RopeScaling s : {RopeScaling::None, RopeScaling::Linear, RopeScaling::Dynamic, RopeScaling::Yarn,
                          RopeScaling::LongRope, RopeScaling::Llama3}) {
        if (s == x.scaling) {
            x.curves.push_back(curveOf(rope, s, length, x.originalMax));
            continue;
        }
        raw["scaling"] = ropeScalingName(s);
        std::unique_ptr<Scheme> other;
        try {
            other = makeScheme(rope.info().name, raw, rope.model());
        } catch (const Error& e) {
            // LongRoPE without factor lists of r/2 values, llama3 with high_freq_factor ≤
            // low_freq_factor: that scaling cannot be evaluated with these parameters; say why.
            x.skipped.push_back({s, e.what()});
            continue;
        }
        x.curves.push_back(curveOf(*other, s, length, x.originalMax));
    }
    return x;
}

} // namespace poslab
