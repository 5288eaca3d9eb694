#pragma once

// Writing safetensors files in tests, from the format's definition (8-byte little-endian header
// length, the JSON header, the data), independently of the reader in core/safetensors.cpp.

#include <unistd.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace poslab::test {

inline std::string le64(std::uint64_t n)
{
    std::string s(8, '\0');
    for (int k = 0; k < 8; ++k)
        s[std::size_t(k)] = char((n >> (8 * k)) & 0xFF);
    return s;
}

inline std::string safetensorsFile(const std::string& header, const std::string& data)
{
    return le64(header.size()) + header + data;
}

// One tensor of a file the test writes: its dtype as safetensors names it and its bytes.
struct FixtureTensor
{
    std::string name;
    std::string dtype; // "F32", "F64", ...
    std::vector<std::uint64_t> shape;
    std::string bytes;
};

template <typename T> std::string rawBytes(const std::vector<double>& values)
{
    std::string out(values.size() * sizeof(T), '\0');
    for (std::size_t k = 0; k < values.size(); ++k) {
        const T v = static_cast<T>(values[k]);
        std::memcpy(out.data() + k * sizeof(T), &v, sizeof(T)); // little-endian machines only (x86-64, arm64)
    }
    return out;
}

inline FixtureTensor f64Tensor(std::string name, std::vector<std::uint64_t> shape, const std::vector<double>& v)
{
    return {std::move(name), "F64", std::move(shape), rawBytes<double>(v)};
}
inline FixtureTensor f32Tensor(std::string name, std::vector<std::uint64_t> shape, const std::vector<double>& v)
{
    return {std::move(name), "F32", std::move(shape), rawBytes<float>(v)};
}

// A whole safetensors file holding `tensors` back to back in the order given.
inline std::string safetensorsOf(const std::vector<FixtureTensor>& tensors)
{
    std::string header = "{";
    std::string data;
    for (const FixtureTensor& t : tensors) {
        if (header.size() > 1) header += ",";
        std::string shape;
        for (const std::uint64_t d : t.shape)
            shape += (shape.empty() ? "" : ",") + std::to_string(d);
        header += "\"" + t.name + "\":{\"dtype\":\"" + t.dtype + "\",\"shape\":[" + shape + "],\"data_offsets\":[" +
                  std::to_string(data.size()) + "," + std::to_string(data.size() + t.bytes.size()) + "]}";
        data += t.bytes;
    }
    header += "}";
    return safetensorsFile(header, data);
}

// A layer small enough to do by hand, as an inputs file: d = 2, one head, x = I, W_q = I,
// W_k = √2·ln 3·I, W_v = [1 2; 3 4]. Logits q_i·k_j/√2 are ln 3 on the diagonal and 0 off it, so
// p = [3/4 1/4; 1/4 3/4] and z = p·W_v = kHandLayerOutput.
inline std::string handLayerInputs()
{
    const double a = std::sqrt(2.0) * std::log(3.0);
    return safetensorsOf({f64Tensor("x", {2, 2}, {1, 0, 0, 1}), f64Tensor("w_q", {2, 2}, {1, 0, 0, 1}),
                          f64Tensor("w_k", {2, 2}, {a, 0, 0, a}), f64Tensor("w_v", {2, 2}, {1, 2, 3, 4})});
}
inline constexpr double kHandLayerOutput[2][2] = {{1.5, 2.5}, {2.5, 3.5}};

// An NPY file (format 1.0) of little-endian float32 ("<f4") or float64 ("<f8") values, C order.
inline std::string npyBytes(const std::string& descr, const std::vector<std::uint64_t>& shape,
                            const std::vector<double>& values)
{
    std::string dims;
    for (const std::uint64_t d : shape)
        dims += std::to_string(d) + ",";
    if (shape.size() > 1) dims.pop_back(); // (3,) for one dimension, (3,2) for two
    std::string header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims + "), }";
    while ((10 + header.size() + 1) % 64 != 0)
        header += ' ';
    header += '\n';
    std::string out = std::string("\x93NUMPY\x01\x00", 8);
    out += char(header.size() & 0xFF);
    out += char(header.size() >> 8);
    out += header;
    out += descr == "<f8" ? rawBytes<double>(values) : rawBytes<float>(values);
    return out;
}

inline std::string le16(std::uint64_t n)
{
    return le64(n).substr(0, 2);
}
inline std::string le32(std::uint64_t n)
{
    return le64(n).substr(0, 4);
}

// One member of a ZIP archive as a test writes it: its name, the bytes it holds, and how they are
// stored: `data` as is (method 0), or already deflated by the test (method 8) with `size` and `crc`
// of the original bytes.
struct ZipMember
{
    std::string name;
    std::string data;
    std::uint16_t method = 0;
    std::uint64_t size = 0; // uncompressed; 0: data.size()
    std::uint32_t crc = 0;
    std::uint16_t flags = 0;
};

// A ZIP archive (APPNOTE 6.3): local headers with the ZIP64 extra numpy writes (force_zip64: both
// sizes 0xFFFFFFFF there, the real ones in the extra), a plain central directory and end record.
inline std::string zipArchive(const std::vector<ZipMember>& members)
{
    std::string out, central;
    for (const ZipMember& m : members) {
        const std::uint64_t size = m.size ? m.size : m.data.size();
        const std::uint64_t offset = out.size();
        const std::string extra = le16(1) + le16(16) + le64(size) + le64(m.data.size());
        out += le32(0x04034b50) + le16(45) + le16(m.flags) + le16(m.method) + le16(0) + le16(0x21) + le32(m.crc) +
               le32(0xFFFFFFFF) + le32(0xFFFFFFFF) + le16(m.name.size()) + le16(extra.size()) + m.name + extra + m.data;
        central += le32(0x02014b50) + le16(45) + le16(45) + le16(m.flags) + le16(m.method) + le16(0) + le16(0x21) +
                   le32(m.crc) + le32(m.data.size()) + le32(size) + le16(m.name.size()) + le16(0) + le16(0) + le16(0) +
                   le16(0) + le32(0) + le32(offset) + m.name;
    }
    const std::uint64_t cdOffset = out.size();
    out += central;
    out += le32(0x06054b50) + le16(0) + le16(0) + le16(members.size()) + le16(members.size()) + le32(central.size()) +
           le32(cdOffset) + le16(0);
    return out;
}

// A folder of its own under the temporary directory ($TMPDIR), removed with everything in it.
class TempFolder
{
  public:
    TempFolder()
        : m_dir(std::filesystem::temp_directory_path() /
                ("poslab-" + std::to_string(::getpid()) + "-" + std::to_string(s_count++)))
    {
        std::filesystem::create_directories(m_dir);
    }
    ~TempFolder() { std::filesystem::remove_all(m_dir); }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    void write(const std::string& name, const std::string& bytes) const
    {
        std::ofstream(m_dir / name, std::ios::binary | std::ios::trunc) << bytes;
    }
    std::string path() const { return m_dir.string(); }
    std::string file(const std::string& name) const { return (m_dir / name).string(); }

  private:
    static inline int s_count = 0;
    std::filesystem::path m_dir;
};

} // namespace poslab::test
