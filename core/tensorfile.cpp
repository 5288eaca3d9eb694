#include "tensorfile.h"

#include "budget.h"
#include "error.h"
#include "i18n.h"

#include <bit>
#include <cerrno>
#include <cmath>
#include <cstring>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace poslab {

static_assert(std::endian::native == std::endian::little, "the readers assume a little-endian CPU");

namespace {

// IEEE 754 binary16 to double, exactly: subnormals, infinities and NaN included.
double halfToDouble(std::uint16_t h)
{
    const int sign = h >> 15, exponent = (h >> 10) & 0x1F, mantissa = h & 0x3FF;
    double v = 0;
    if (exponent == 0) v = std::ldexp(double(mantissa), -24); // subnormal: m · 2⁻²⁴
    else if (exponent == 31) v = mantissa ? std::nan("") : INFINITY;
    else v = std::ldexp(double(mantissa | 0x400), exponent - 25);
    return sign ? -v : v;
}

// bfloat16 is the top half of a float32.
double bf16ToDouble(std::uint16_t b)
{
    return double(std::bit_cast<float>(std::uint32_t(b) << 16));
}

template <typename U>
U load(const char* p, bool swap)
{
    U u;
    std::memcpy(&u, p, sizeof u);
    if (swap) {
        U r = 0;
        for (std::size_t k = 0; k < sizeof u; ++k)
            r = U(r << 8) | U((u >> (8 * k)) & 0xFF);
        u = r;
    }
    return u;
}

} // namespace

std::uint64_t TensorInfo::elements() const
{
    std::uint64_t n = 1;
    for (std::uint64_t d : shape)
        n *= d;
    return n;
}

const TensorInfo* TensorIndex::find(std::string_view name) const
{
    for (const TensorInfo& t : tensors)
        if (t.name == name) return &t;
    return nullptr;
}

std::vector<double> tensorValues(std::string_view file, const TensorInfo& info)
{
    if (!info.readable())
        throw Error(
            fill(trCore("Errors", "tensor %1 is %2, not a floating-point type PosLab reads (F16, BF16, "
                                  "F32, F64)"),
                 {quoteInput(info.name), info.dtype}));
    if (info.offset > file.size() || info.bytes > file.size() - info.offset)
        throw Error(fill(trCore("Errors", "tensor %1 lies outside the file"), {quoteInput(info.name)}));
    const std::uint64_t n = info.elements();
    checkMemory("weights", 8.0 * double(n),
                fill(trCore("Errors", "tensor %1 as double"), {FieldError::literal(quoteInput(info.name))}),
                trCore("Errors", "pick a smaller tensor"));
    std::vector<double> out(n);
    const char* p = file.data() + info.offset;
    const bool swap = info.bigEndian;
    switch (info.type) {
    case TensorType::F16:
        for (std::uint64_t k = 0; k < n; ++k)
            out[k] = halfToDouble(load<std::uint16_t>(p + 2 * k, swap));
        break;
    case TensorType::BF16:
        for (std::uint64_t k = 0; k < n; ++k)
            out[k] = bf16ToDouble(load<std::uint16_t>(p + 2 * k, swap));
        break;
    case TensorType::F32:
        for (std::uint64_t k = 0; k < n; ++k)
            out[k] = double(std::bit_cast<float>(load<std::uint32_t>(p + 4 * k, swap)));
        break;
    case TensorType::F64:
        for (std::uint64_t k = 0; k < n; ++k)
            out[k] = std::bit_cast<double>(load<std::uint64_t>(p + 8 * k, swap));
        break;
    case TensorType::Other:
        break;
    }
    return out;
}

// The file mapped read-only for as long as a TensorFile (or a copy) holds it.
struct TensorFile::Mapping
{
    const char* data = nullptr;
    std::size_t size = 0;
    ~Mapping()
    {
        if (data) ::munmap(const_cast<char*>(data), size);
    }
    std::string_view bytes() const { return {data, size}; }
    std::string owned;                 // an NPZ's inflated members, when it has deflated ones
    std::string_view tensorBytes() const { return owned.empty() ? bytes() : std::string_view(owned); }
};

TensorFile TensorFile::open(const std::string& path)
{
    // "'path': what went wrong"
    const auto where = [&](const std::string& what) {
        return Error(fill(trCore("Errors", "%1: %2"), {quoteInput(path), what}));
    };
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw where(std::strerror(errno));
    struct stat st = {};
    if (::fstat(fd, &st) != 0) {
        const int e = errno;
        ::close(fd);
        throw where(std::strerror(e));
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        throw where(trCore("Errors", "not a regular file (a folder, device or pipe cannot hold tensors)"));
    }
    auto map = std::make_shared<Mapping>();
    map->size = static_cast<std::size_t>(st.st_size);
    if (map->size > 0) {
        void* p = ::mmap(nullptr, map->size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED) {
            const int e = errno;
            ::close(fd);
            throw where(fill(trCore("Errors", "cannot map it (%1)"), {std::strerror(e)}));
        }
        map->data = static_cast<const char*>(p);
    }
    ::close(fd);

    TensorFile f;
    f.m_path = path;
    f.m_map = map;
    const std::string_view bytes = map->bytes();
    try {
        if (bytes.substr(0, 2) == "PK") {
            NpzArchive archive = parseNpz(bytes);
            f.m_index = std::move(archive.index);
            map->owned = std::move(archive.owned);
        } else if (bytes.substr(0, 6) == "\x93NUMPY") {
            std::string name = path.substr(path.find_last_of('/') + 1);
            if (name.size() > 4 && name.compare(name.size() - 4, 4, ".npy") == 0) name.resize(name.size() - 4);
            f.m_index = parseNpy(bytes, name);
        } else {
            f.m_index = parseSafetensors(bytes);
        }
    } catch (const Error& e) {
        throw where(e.what());
    }
    return f;
}

std::uint64_t TensorFile::size() const
{
    return m_map ? m_map->size : 0;
}

const TensorInfo& TensorFile::tensor(std::string_view name) const
{
    if (const TensorInfo* t = m_index.find(name)) return *t;
    std::string some;
    for (std::size_t k = 0; k < m_index.tensors.size() && k < 3; ++k)
        some += (k ? ", " : "") + quoteInput(m_index.tensors[k].name);
    if (m_index.tensors.size() > 3)
        some += fill(trCore("Errors", ", \u2026 (%1 tensors)"), {std::to_string(m_index.tensors.size())});
    throw Error(some.empty() ? fill(trCore("Errors", "%1: no tensor %2 (it has none)"),
                                    {quoteInput(m_path), quoteInput(name)})
                             : fill(trCore("Errors", "%1: no tensor %2 (it has %3)"),
                                    {quoteInput(m_path), quoteInput(name), some}));
}

std::string_view TensorFile::bytes(std::string_view name) const
{
    const TensorInfo& t = tensor(name);
    return m_map->tensorBytes().substr(std::size_t(t.offset), std::size_t(t.bytes)); // checked when the file was read
}

std::vector<double> TensorFile::values(std::string_view name) const
{
    const TensorInfo& t = tensor(name);
    try {
        return tensorValues(m_map->tensorBytes(), t);
    } catch (const FieldError&) {
        throw;
    } catch (const Error& e) {
        throw Error(fill(trCore("Errors", "%1: %2"), {quoteInput(m_path), e.what()}));
    }
}

} // namespace poslab
