// The safetensors header, checked as the reference reader checks it (huggingface/safetensors,
// safetensors/src/tensor.rs: SafeTensors::read_metadata and Metadata::validate), and stricter where
// readers have shipped bugs: duplicate keys, overflow in any size, unknown dtypes.
//
//   [8 bytes: N, little-endian u64][N bytes: UTF-8 JSON object][data]
//   {"__metadata__": {"k": "v"}, "name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [b, e]}}
//
// Offsets are relative to the data. Sorted by offset, the tensors must tile the data exactly: the
// first begins at 0, each begins where the previous ends, and the last ends at the end of the file.

#include "tensorfile.h"

#include "error.h"
#include "jsonparse.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace poslab {

namespace {

struct DtypeSpec
{
    const char* name;
    unsigned bits;
    TensorType type;
};

// safetensors/src/tensor.rs, enum Dtype and Dtype::bitsize.
constexpr std::array kDtypes = {
    DtypeSpec{"BOOL", 8, TensorType::Other},     DtypeSpec{"F4", 4, TensorType::Other},
    DtypeSpec{"F6_E2M3", 6, TensorType::Other},  DtypeSpec{"F6_E3M2", 6, TensorType::Other},
    DtypeSpec{"U8", 8, TensorType::Other},       DtypeSpec{"I8", 8, TensorType::Other},
    DtypeSpec{"F8_E5M2", 8, TensorType::Other},  DtypeSpec{"F8_E4M3", 8, TensorType::Other},
    DtypeSpec{"F8_E8M0", 8, TensorType::Other},  DtypeSpec{"F8_E4M3FNUZ", 8, TensorType::Other},
    DtypeSpec{"F8_E5M2FNUZ", 8, TensorType::Other}, DtypeSpec{"I16", 16, TensorType::Other},
    DtypeSpec{"U16", 16, TensorType::Other},     DtypeSpec{"F16", 16, TensorType::F16},
    DtypeSpec{"BF16", 16, TensorType::BF16},     DtypeSpec{"I32", 32, TensorType::Other},
    DtypeSpec{"U32", 32, TensorType::Other},     DtypeSpec{"F32", 32, TensorType::F32},
    DtypeSpec{"C64", 64, TensorType::Other},     DtypeSpec{"F64", 64, TensorType::F64},
    DtypeSpec{"I64", 64, TensorType::Other},     DtypeSpec{"U64", 64, TensorType::Other},
};

const DtypeSpec* dtypeSpec(std::string_view name)
{
    for (const DtypeSpec& d : kDtypes)
        if (name == d.name) return &d;
    return nullptr;
}

bool mulOverflows(std::uint64_t a, std::uint64_t b, std::uint64_t& out)
{
    return __builtin_mul_overflow(a, b, &out);
}

std::string shapeText(const std::vector<std::uint64_t>& shape)
{
    std::string s = "[";
    for (std::size_t k = 0; k < shape.size(); ++k)
        s += (k ? ", " : "") + std::to_string(shape[k]);
    return s + "]";
}

TensorInfo tensorOf(const std::string& name, const json::Value& v)
{
    const std::string who = "tensor " + quoteInput(name);
    if (!v.isObject()) throw Error(who + " is " + v.kindName() + ", not an object");
    for (const auto& [key, value] : v.members)
        if (key != "dtype" && key != "shape" && key != "data_offsets")
            throw Error(who + " has an unknown field " + quoteInput(key));
    const json::Value* dtype = v.find("dtype");
    const json::Value* shape = v.find("shape");
    const json::Value* offsets = v.find("data_offsets");
    if (!dtype || !shape || !offsets) throw Error(who + " needs dtype, shape and data_offsets");
    if (dtype->kind != json::Value::Kind::String) throw Error(who + ": dtype must be a string");
    const DtypeSpec* spec = dtypeSpec(dtype->text);
    if (!spec) throw Error(who + " has an unknown dtype " + quoteInput(dtype->text));
    TensorInfo t;
    t.name = name;
    t.dtype = spec->name;
    t.type = spec->type;
    if (shape->kind != json::Value::Kind::Array) throw Error(who + ": shape must be an array");
    std::uint64_t elements = 1;
    for (const json::Value& d : shape->items) {
        const auto u = d.asUnsigned();
        if (!u) throw Error(who + ": shape must hold non-negative integers, got " + quoteInput(d.text));
        t.shape.push_back(*u);
        if (mulOverflows(elements, *u, elements)) throw Error(who + ": its shape overflows 64 bits");
    }
    std::uint64_t bits = 0;
    if (mulOverflows(elements, spec->bits, bits)) throw Error(who + ": its size in bytes overflows 64 bits");
    if (bits % 8 != 0) throw Error(who + ": its " + t.dtype + " values do not fill whole bytes");
    if (offsets->kind != json::Value::Kind::Array || offsets->items.size() != 2)
        throw Error(who + ": data_offsets must be [begin, end]");
    const auto begin = offsets->items[0].asUnsigned(), end = offsets->items[1].asUnsigned();
    if (!begin || !end)
        throw Error(who + ": data_offsets must be non-negative integers below 2^64, got [" +
                    quoteInput(offsets->items[0].text) + ", " + quoteInput(offsets->items[1].text) + "]");
    if (*end < *begin)
        throw Error(who + ": data_offsets are inverted [" + std::to_string(*begin) + ", " + std::to_string(*end) +
                    "]");
    t.offset = *begin; // relative to the data until the header's length is added
    t.bytes = *end - *begin;
    if (t.bytes != bits / 8)
        throw Error(who + " has " + std::to_string(t.bytes) + " bytes but its dtype " + t.dtype + " and shape " +
                    shapeText(t.shape) + " need " + std::to_string(bits / 8));
    return t;
}

} // namespace

TensorIndex parseSafetensors(std::string_view file)
{
    if (file.size() < 8) throw Error("too short to be a safetensors file (" + std::to_string(file.size()) + " bytes)");
    std::uint64_t n = 0;
    for (int k = 7; k >= 0; --k)
        n = (n << 8) | static_cast<unsigned char>(file[std::size_t(k)]);
    if (n > kMaxSafetensorsHeader)
        throw Error("not a safetensors file: its header would be " + std::to_string(n) + " bytes (at most " +
                    std::to_string(kMaxSafetensorsHeader) + ")");
    if (n > file.size() - 8)
        throw Error("not a safetensors file: its header would be " + std::to_string(n) + " bytes, the file has " +
                    std::to_string(file.size() - 8) + " after the length");
    const std::string_view header = file.substr(8, n);
    if (header.empty() || header[0] != '{')
        throw Error("not a safetensors file: its header does not start with '{'");
    const json::Value root = json::parse(header, "the safetensors header");
    if (!root.isObject()) throw Error("the safetensors header is not a JSON object");

    TensorIndex index;
    index.format = "safetensors";
    for (const auto& [key, value] : root.members) {
        if (key == "__metadata__") {
            if (!value.isObject()) throw Error("__metadata__ must be an object of strings");
            for (const auto& [k, v] : value.members) {
                if (v.kind != json::Value::Kind::String)
                    throw Error("__metadata__ " + quoteInput(k) + " must be a string, not " + v.kindName());
                index.metadata.emplace_back(k, v.text);
            }
            continue;
        }
        index.tensors.push_back(tensorOf(key, value));
    }
    // Metadata::validate: sorted by offsets, the tensors tile the data with no hole and no overlap.
    std::stable_sort(index.tensors.begin(), index.tensors.end(), [](const TensorInfo& a, const TensorInfo& b) {
        return a.offset != b.offset ? a.offset < b.offset : a.bytes < b.bytes;
    });
    const std::uint64_t dataBytes = file.size() - 8 - n;
    std::uint64_t expected = 0;
    for (TensorInfo& t : index.tensors) {
        if (t.offset != expected)
            throw Error("tensor " + quoteInput(t.name) + " begins at data byte " + std::to_string(t.offset) +
                        (t.offset < expected ? ", inside the tensor before it" : ", leaving a hole after the tensor before it") +
                        " (which ends at " + std::to_string(expected) + ")");
        if (t.bytes > dataBytes - t.offset) // t.offset ≤ dataBytes here; the sum could overflow
            throw Error("tensor " + quoteInput(t.name) + " ends at data byte " + std::to_string(t.offset) + " + " +
                        std::to_string(t.bytes) + ", past the end of the file (" + std::to_string(dataBytes) +
                        " bytes of data)");
        expected = t.offset + t.bytes;
        t.offset += 8 + n;
    }
    if (expected != dataBytes)
        throw Error("the tensors end at data byte " + std::to_string(expected) + " but the file has " +
                    std::to_string(dataBytes) + " bytes of data");
    return index;
}

} // namespace poslab
