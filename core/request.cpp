#include "request.h"

#include <algorithm>

namespace poslab {

ModelConfig LabRequest::effectiveModel() const
{
    ModelConfig m = model;
    if (!lambdaApplies()) m.lambda = 0.0;
    return m;
}

ModelConfig LabRequest::schemeModel() const
{
    ModelConfig m = effectiveModel();
    if (!weights.seeded()) {
        std::vector<std::string> roles = schemeWeightRoles(scheme);
        if (compare)
            for (const std::string& role : schemeWeightRoles(compareScheme))
                if (std::find(roles.begin(), roles.end(), role) == roles.end()) roles.push_back(role);
        m.loaded = loadWeights(weights, roles);
    }
    return m;
}

Sequence LabRequest::sequence() const
{
    Sequence seq = positions != 0 ? Sequence::positions(positions) : Sequence::fromText(text, tokenizer);
    seq.start = start;
    return seq;
}

} // namespace poslab
