#pragma once

// Options shared by every command that runs a scheme on a sequence (compute, explain, ...).

#include "cliargs.h"

#include "model.h"
#include "params.h"
#include "request.h"

#include <string>
#include <vector>

namespace poslab::cli {

// --scheme, --param, --text/--tokenizer/--n, --d-model, --heads, --causal, --seed, --lambda, --temperature
std::vector<OptionSpec> modelOptionSpecs();

RawParams rawParams(const std::vector<std::string>& items);                                  // from --param
std::string required(const CliArgs& opts, const std::string& command, const std::string& name);
ModelConfig modelConfig(const CliArgs& opts);                                                 // validated
Sequence sequence(const CliArgs& opts, const std::string& command);
WeightSpec weightSpec(const CliArgs& opts);                                                   // --weights, --tensor, --layer
// Sets request.weights from --weights/--tensor/--layer and, for a checkpoint, the model width, heads
// and table parameters it implies unless the options give them (request.scheme set first).
void applyWeightOptions(const CliArgs& opts, LabRequest& request);
// --inputs without --n or --text: the inputs file's x gives the sequence.
bool inputsGiveSequence(const CliArgs& opts);
// Sets the request's scheme, parameters, sequence and model from the options above (checked as the
// functions above check them), and nothing else.
void fillModelOptions(const CliArgs& opts, const std::string& command, LabRequest& request);

// The help lines for the options above.
std::string modelOptionsHelp();

} // namespace poslab::cli
