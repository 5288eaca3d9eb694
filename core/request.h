#pragma once

#include "engine/options.h"
#include "model.h"
#include "params.h"
#include "tokenizer.h"
#include "weights.h"

#include <optional>
#include <string>

namespace poslab {

// Probabilities streamed into a cells × cells grid instead of n × n matrices (engine/onednnengine.h).
struct PoolSpec
{
    std::optional<int> cells; // set: stream `head` into this many cells a side (poslab-cli compute)
    PoolMode mode = PoolMode::Max;
    // Above kExplorerMemoryBudget of n × n matrices, stream instead of failing (the explorer).
    bool fallback = false;
};

// A whole lab state as plain values: what every front end fills (poslab-cli's flags, the explorer's
// widgets and command line, figure options, session files) and core validates once (validate.h) and
// computes (lab.h). Presentation (colour map, fonts, figure size) is not here.
struct LabRequest
{
    // The sequence: the tokens of `text`, or `positions` bare positions (no content) when > 0.
    std::string text;
    int positions = 0;
    TokenizerMode tokenizer = TokenizerMode::Word;
    int start = 0;              // position of the first token
    bool positionsOnly = false; // λ = 0: every token gets the same neutral content
    // The scheme, the model (model.causal is the mask) and its weights.
    std::string scheme = "alibi";
    RawParams params;
    ModelConfig model;
    WeightSpec weights; // the seeded toy model, or tensors of a checkpoint (weights.h)
    // The engine.
    EngineKind engine = EngineKind::OneDnn;
    Precision precision = Precision::F32;
    int threads = 0; // 0: all cores
    // What the views show, so that only that is computed.
    std::string matrix = "probs"; // probs, logits, bias, delta, bucket, pe, a score term; tables also
                                  // slopes and delta-curve
    int head = 0;                 // the head shown
    bool everyHead = false;       // every head's matrices (the head grid)
    bool terms = false;           // the score terms of `head` (the worked example)
    // Compute `head` only (the other heads empty, every run of the request): the explorer's first
    // picture of a slow request, before every head. Not saved in sessions.
    bool onlyHead = false;
    int range = 16;             // Δ-curve: Δ in [−range, range]
    int cellI = -1, cellJ = -1; // the selected cell (query i, key j); −1: none
    // Compare: a second scheme (default parameters) on the same tokens and weights, and both again
    // with every position shifted by `shift`.
    bool compare = false;
    std::string compareScheme = "sinusoidal";
    int shift = 8;
    PoolSpec pool;
    // Set: only this rectangle of request.head's probabilities, streamed and pooled into at most
    // pool.cells cells a side (default kFallbackPoolCells) of square token blocks; one token a cell
    // when it fits (the explorer's deep zoom, poslab-cli compute --rows/--keys).
    std::optional<TokenRegion> region;

    // λ = 0 for positions only and for bare positions (which have no content).
    bool lambdaApplies() const { return positions == 0 && !positionsOnly; }
    // The model with λ = 0 where it does not apply (no file is read; never throws).
    ModelConfig effectiveModel() const;
    // The model as schemes see it: effectiveModel() plus the checkpoint's tensors the scheme (and the
    // compare scheme) take, loaded from `weights` (cached). FieldError("weights", ...) when they cannot be.
    ModelConfig schemeModel() const;
    Sequence sequence() const; // `positions` bare positions, else the tokenized text, from `start`
    bool hasCell() const { return cellI >= 0 && cellJ >= 0; }
};

} // namespace poslab
