#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

// SHA-256 (FIPS 180-4), for the fingerprints sessions keep of the tensors they used: a session
// reopened later can tell the same weights from changed ones without keeping a copy.
namespace poslab {

class Sha256
{
  public:
    Sha256();
    void update(std::string_view bytes);
    std::array<std::uint8_t, 32> digest();          // ends the hash; update() after it is a programming error
    static std::string hex(std::string_view bytes); // the digest of bytes as 64 lowercase hex digits

  private:
    void block(const std::uint8_t* p);
    std::array<std::uint32_t, 8> m_h;
    std::array<std::uint8_t, 64> m_buffer{};
    std::size_t m_buffered = 0;
    std::uint64_t m_length = 0; // bytes so far
};

} // namespace poslab
