#pragma once

#include <stdexcept>
#include <string>

namespace poslab {

// The one error type that leaves core. Its message is a single line meant for the user
// ("rope needs an even head dimension, got 7"); front ends print it as is.
class Error : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// Thrown when a run was cancelled through RunOptions::cancel (a newer request superseded it).
// Not a user error: front ends drop it silently.
class Cancelled : public Error
{
public:
    Cancelled() : Error("cancelled") {}
};

} // namespace poslab
