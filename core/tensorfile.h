#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Tensors in files other programs wrote: safetensors (Hugging Face) and NPY (NumPy). The file is
// memory-mapped and only its header is parsed when it opens, so a 500 MB checkpoint opens at once;
// values are converted to double when a tensor is read. Every rule of each format is checked, with
// one line naming the file and the rule ("'m.safetensors': tensor 'wpe.weight' has 3072 bytes but
// its dtype F32 and shape [16, 64] need 4096").
namespace poslab {

enum class TensorType { F16, BF16, F32, F64, Other };

struct TensorInfo
{
    std::string name;                  // safetensors: the key; NPY: the file's name without ".npy"
    std::string dtype;                 // as the file writes it: "F32", "BF16", "<f4", "<i8"
    TensorType type = TensorType::Other;
    std::vector<std::uint64_t> shape;  // [] is a scalar
    std::uint64_t offset = 0;          // bytes from the start of the file
    std::uint64_t bytes = 0;
    bool bigEndian = false;            // NPY ">f4"
    std::uint64_t elements() const;    // the product of shape (checked when the file was read)
    bool readable() const { return type != TensorType::Other; }
};

struct TensorIndex
{
    std::string format;                                        // "safetensors" or "npy"
    std::vector<TensorInfo> tensors;                           // in the order of their bytes
    std::vector<std::pair<std::string, std::string>> metadata; // safetensors' __metadata__
    const TensorInfo* find(std::string_view name) const;       // nullptr when there is none
};

inline constexpr std::uint64_t kMaxSafetensorsHeader = 100'000'000; // the reference reader's limit

// The header of a whole file's bytes. Errors: poslab::Error without the file's name.
TensorIndex parseSafetensors(std::string_view file);
TensorIndex parseNpy(std::string_view file, const std::string& name);
// NPZ (numpy.savez, savez_compressed): a ZIP of NAME.npy members. Stored members' offsets are into
// `file`; when any member is deflated, every member is in `owned` and the offsets are into it.
struct NpzArchive
{
    TensorIndex index;
    std::string owned;
};
NpzArchive parseNpz(std::string_view file);

// Values of a readable tensor as double, row-major; `file` is the bytes parse*() read.
std::vector<double> tensorValues(std::string_view file, const TensorInfo& info);

class TensorFile
{
  public:
    // By content: "\x93NUMPY" is NPY, "PK" an NPZ archive, anything else is read as safetensors.
    // Error naming the file.
    static TensorFile open(const std::string& path);

    const std::string& path() const { return m_path; }
    std::uint64_t size() const;
    const TensorIndex& index() const { return m_index; }
    // Error naming the file (and a few of the names it has) when there is no such tensor, or it is
    // not of a floating-point type.
    const TensorInfo& tensor(std::string_view name) const;
    std::vector<double> values(std::string_view name) const;
    // The tensor's bytes as the file stores them (what a fingerprint hashes); same errors as tensor().
    std::string_view bytes(std::string_view name) const;

  private:
    struct Mapping;
    std::string m_path;
    std::shared_ptr<const Mapping> m_map;
    TensorIndex m_index;
};

} // namespace poslab
