#pragma once

// RoPE scaling as Hugging Face transformers computes it: (inv_freq, attention_factor) of
// src/transformers/modeling_rope_utils.py, one function per rope_type. See docs/rope-scaling.md.

#include <string>
#include <vector>

namespace poslab {

enum class RopeScaling
{
    None,
    Linear,
    Dynamic,
    Yarn,
    LongRope,
    Llama3
};
RopeScaling parseRopeScaling(const std::string& name); // "none" | "linear" | ... (Error otherwise)
std::string ropeScalingName(RopeScaling scaling);

struct RopeScalingConfig
{
    RopeScaling scaling = RopeScaling::None;
    double base = 10000.0; // HF rope_theta
    int rotaryDims = 0;    // HF dim = int(head_dim · partial_rotary_factor), even
    double factor = 1.0;
    int originalMax = 4096; // L0: HF original_max_position_embeddings
    double betaFast = 32.0, betaSlow = 1.0;
    double mscale = 0.0, mscaleAllDim = 0.0; // 0: not given (HF tests them for truth)
    bool truncate = true;
    double lowFreqFactor = 1.0, highFreqFactor = 4.0;
    double attentionFactor = 0.0;                // > 0: explicit (yarn, longrope); 0: derived
    std::vector<double> shortFactor, longFactor; // longrope, rotaryDims / 2 values each
};

struct RopeFrequencies
{
    std::vector<double> invFreq;                    // rotaryDims / 2, after scaling
    std::vector<double> invFreqUnscaled;            // base^(−2c/dim)
    double attentionFactor = 1.0;                   // multiplies cos and sin: the logit scales by its square
    bool longFactors = false;                       // longrope: the long list was used
    double dynamicBase = 0.0;                       // dynamic: base' (0 elsewhere)
    static constexpr const char* dtype = "float64"; // HF computes in float32
};

// seqLen is the sequence length L (dynamic: max(L, L0); longrope: long list when L > L0).
// Throws poslab::Error("rope: ...") naming the parameter for configurations HF cannot evaluate.
RopeFrequencies ropeFrequencies(const RopeScalingConfig& config, int seqLen);

} // namespace poslab
