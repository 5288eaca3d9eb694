#pragma once

// Every limit a lab request is held to, defined once: validation, the engines and the front ends
// (their option ranges, help texts and widgets) read them from here.

#include <cstddef>

namespace poslab {

// The model (ModelConfig::validate).
inline constexpr int kMaxDModel = 4096;
inline constexpr int kMaxHeads = 256;
inline constexpr double kMaxTemperature = 1000.0;
// Below it, logits s / T of ordinary scores could leave the range of double (and be written as
// JSON null, which means masked); softmax is its limit there anyway, the argmax.
inline constexpr double kMinTemperature = 1e-100;

// A scheme parameter's name or value, in characters (a number never needs more).
inline constexpr std::size_t kMaxParamChars = 100;
// A list parameter's value (RoPE's short_factor / long_factor: head_dim/2 numbers).
inline constexpr std::size_t kMaxParamListChars = 65536;

// The sequence.
inline constexpr int kMaxPositions = 1'000'000; // bare positions, and a text's tokens
inline constexpr std::size_t kMaxTextBytes = std::size_t(8) << 20; // a text (a long novel is 3 MiB)
inline constexpr int kMaxStart = 1'000'000;     // position of the first token
inline constexpr int kMaxShift = 1'000'000;     // the compare view's shift

// What is computed.
inline constexpr int kMaxSquareN = 16384;        // a full n × n table of doubles stays under 2 GiB
inline constexpr int kMaxTermsN = 4096;          // score terms: n × n per term and head, several kept
inline constexpr int kMaxPoolCells = 8192;       // a pooled grid's cells a side
inline constexpr int kMaxCurveRange = 1'000'000; // a Δ-curve table: Δ in [−range, range]
inline constexpr int kMaxShownRange = 100'000;   // a Δ-curve drawn (the explorer, figures, sessions)
inline constexpr int kMaxThreads = 1024;

// Automatic streaming: above this many bytes of n × n matrices a request with fallback streams the
// probabilities of the head shown, pooled into at most kFallbackPoolCells a side (the explorer).
inline constexpr double kExplorerMemoryBudget = 3.0 * (1ULL << 30);
inline constexpr int kFallbackPoolCells = 1024;

// The benchmark (poslab-cli bench).
inline constexpr int kMaxBenchPositions = 1 << 20;
inline constexpr int kMaxBenchHeadDim = 1024;
inline constexpr int kMaxBenchRepeats = 10000;

// Figures and sessions.
inline constexpr int kMaxFigureTokens = 2048;     // a figure shows every cell of n × n
inline constexpr int kMaxSessionPositions = 4096; // bare positions a session may ask for

} // namespace poslab
