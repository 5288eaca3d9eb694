#pragma once

// The context-extension view: a rotary model trained at L0 (original_max_position) and run at L.
// Which pairs a scaling interpolates and which it leaves alone, which angles the positions beyond L0
// produce, and the Δ-curve and attention at those offsets under every scaling side by side.
// See docs/rope-scaling.md, "The context-extension view".

#include "ropescaling.h"
#include "scheme.h"

#include <string>
#include <vector>

namespace poslab {

// How a scaling treats pair k, read from stretch_k = θ_k / θ'_k (works for every scaling):
// 1 kept ("left alone", extrapolated), factor interpolated, strictly between a ramp, anything else
// (dynamic NTK beyond factor, LongRoPE's searched factors, factor < 1) other.
enum class PairExtension
{
    Kept,
    Interpolated,
    Ramp,
    Other
};
std::string pairExtensionName(PairExtension kind); // "kept", "interpolated", "ramp", "other"
PairExtension classifyPair(double stretch, double factor);

struct ContextPair
{
    double theta = 0, thetaScaled = 0;           // θ_k = base^(−2k/r) and θ'_k after scaling
    double wavelength = 0, wavelengthScaled = 0; // 2π/θ_k, 2π/θ'_k (positions a full turn takes)
    double stretch = 1;                          // θ_k / θ'_k
    PairExtension kind = PairExtension::Kept;
    // Training saw positions [0, L0): angles [0, L0·θ_k) (Chen et al.'s picture of PI).
    double angleBelowL0 = 0; // (L0 − 1)·θ_k, the largest trained offset's angle
    bool fullTurn = false;   // L0·θ_k ≥ 2π (wavelength ≤ L0): every angle mod 2π was seen
    double angleAtL = 0;     // (L − 1)·θ'_k, the largest offset's angle at length L
    // Offsets up to L − 1 produce angles no trained position did: !fullTurn and angleAtL ≥ L0·θ_k.
    bool unseen = false;
};

// One scaling's Δ-curve and attention at distances t = i − j = 0 .. L − 1 (a causal query at L − 1).
struct ContextCurve
{
    RopeScaling scaling = RopeScaling::None;
    double attentionFactor = 1;
    std::vector<double> score;     // a²·Σ_k cos(θ'_k·t) + (d − r)/2, the Δ-curve's sum_cos
    std::vector<double> attention; // softmax over t of 2·score(t)·scoreScale (q = k = all ones)
    double massBeyondL0 = 0;       // Σ_{t ≥ L0} attention(t)
    int unseenPairs = 0;
};

struct ContextExtension
{
    RopeScaling scaling = RopeScaling::None; // the scheme's own
    double factor = 1;
    int originalMax = 0; // L0
    int length = 0;      // L
    int headDim = 0, rotaryDims = 0;
    double attentionFactor = 1;
    // The factor of the curves' other scalings: the scheme's own, except that without scaling and
    // factor 1 they take max(1, L/L0), the factor that fits L into L0 (else they would all be none).
    double curveFactor = 1;
    std::vector<ContextPair> pairs;   // the scheme's scaling, r/2 rows
    std::vector<ContextCurve> curves; // none, linear, dynamic, yarn, longrope, llama3: those that apply
    struct Skipped
    {
        RopeScaling scaling;
        std::string reason; // "rope: short_factor has 0 values; ..."
    };
    std::vector<Skipped> skipped; // the scalings these parameters cannot evaluate, and why
    const ContextCurve& curve(RopeScaling scaling) const; // Error when absent
};

// The pairs of one scaling's frequencies (frequencies(length) of a rope scheme) against L0 and L.
std::vector<ContextPair> contextPairs(const RopeFrequencies& f, double factor, int originalMax, int length);

// For a rope scheme (Error from Scheme::frequencies otherwise) run at `length` L ≥ 1. The curves use
// the scheme's parameters with `scaling` changed and factor = curveFactor; dynamic and longrope take
// the sequence length L.
ContextExtension contextExtension(const Scheme& rope, int length);

} // namespace poslab
