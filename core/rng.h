#pragma once

#include <cstdint>
#include <string_view>

#include <Eigen/Core>

namespace poslab {

// Deterministic, platform-independent random numbers. std::normal_distribution is
// implementation-defined, so PosLab draws its own: SplitMix64 for bits, Box-Muller for normals.
// Every table a scheme owns is drawn from its own named stream, so adding a scheme or changing
// one table never changes another: stream(seed, "shaw.aK") is the same on every machine.

std::uint64_t fnv1a64(std::string_view bytes);
std::uint64_t mix64(std::uint64_t x);

class Rng
{
public:
    explicit Rng(std::uint64_t state) : m_state(state) {}
    static Rng stream(std::uint64_t seed, std::string_view name);

    std::uint64_t nextU64();
    double uniform();        // [0, 1), 53 random bits
    double normal();         // N(0, 1)
    Eigen::MatrixXd normalMatrix(Eigen::Index rows, Eigen::Index cols, double stddev);

private:
    std::uint64_t m_state;
    double m_spare = 0.0;
    bool m_hasSpare = false;
};

} // namespace poslab
