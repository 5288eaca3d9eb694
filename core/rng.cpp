#include "rng.h"

#include <cmath>
#include <numbers>

namespace poslab {

std::uint64_t fnv1a64(std::string_view bytes)
{
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

std::uint64_t mix64(std::uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

Rng Rng::stream(std::uint64_t seed, std::string_view name)
{
    return Rng(mix64(seed ^ mix64(fnv1a64(name))));
}

std::uint64_t Rng::nextU64()
{
    m_state += 0x9e3779b97f4a7c15ULL;
    return mix64(m_state);
}

double Rng::uniform()
{
    return static_cast<double>(nextU64() >> 11) * 0x1.0p-53;
}

double Rng::normal()
{
    if (m_hasSpare) {
        m_hasSpare = false;
        return m_spare;
    }
    double u1 = uniform();
    while (u1 <= 0.0)
        u1 = uniform();
    const double u2 = uniform();
    const double r = std::sqrt(-2.0 * std::log(u1));
    const double t = 2.0 * std::numbers::pi * u2;
    m_spare = r * std::sin(t);
    m_hasSpare = true;
    return r * std::cos(t);
}

Eigen::MatrixXd Rng::normalMatrix(Eigen::Index rows, Eigen::Index cols, double stddev)
{
    Eigen::MatrixXd m(rows, cols);
    // Row by row so that a table's first rows do not depend on how many rows it has.
    for (Eigen::Index r = 0; r < rows; ++r)
        for (Eigen::Index c = 0; c < cols; ++c)
            m(r, c) = stddev * normal();
    return m;
}

} // namespace poslab
