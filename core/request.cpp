#include "request.h"

namespace poslab {

ModelConfig LabRequest::effectiveModel() const
{
    ModelConfig m = model;
    if (!lambdaApplies()) m.lambda = 0.0;
    return m;
}

Sequence LabRequest::sequence() const
{
    Sequence seq = positions != 0 ? Sequence::positions(positions) : Sequence::fromText(text, tokenizer);
    seq.start = start;
    return seq;
}

} // namespace poslab
