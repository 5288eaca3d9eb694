#pragma once

#include "labrequest.h"

#include <string>

namespace poslab::test {

// A request for `text` under `scheme`, everything else at its default (the tests' usual start).
inline gui::LabRequest request(const std::string& text, const std::string& scheme, int heads = 4)
{
    gui::LabRequest r;
    r.text = text;
    r.scheme = scheme;
    r.model.heads = heads;
    return r;
}

} // namespace poslab::test
