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
#include "i18n.h"
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
    const std::string who = quoteInput(name); // "tensor %1 …"
    if (!v.isObject())
        throw Error(fill(trCore("Errors", "tensor %1 is %2, not an object"), {who, v.kindName()}));
    for (const auto& [key, value] : v.members)
        if (key != "dtype" && key != "shape" && key != "data_offsets")
            throw Error(fill(trCore("Errors", "tensor %1 has an unknown field %2"), {who, quoteInput(key)}));
    const json::Value* dtype = v.find("dtype");
    const json::Value* shape = v.find("shape");
    const json::Value* offsets = v.find("data_offsets");
    if (!dtype || !shape || !offsets)
        throw Error(fill(trCore("Errors", "tensor %1 needs dtype, shape and data_offsets"), {who}));
    if (dtype->kind != json::Value::Kind::String)
        throw Error(fill(trCore("Errors", "tensor %1: dtype must be a string"), {who}));
    const DtypeSpec* spec = dtypeSpec(dtype->text);
    if (!spec)
        throw Error(
            fill(trCore("Errors", "tensor %1 has an unknown dtype %2"), {who, quoteInput(dtype->text)}));
    TensorInfo t;
    t.name = name;
    t.dtype = spec->name;
    t.type = spec->type;
    if (shape->kind != json::Value::Kind::Array)
        throw Error(fill(trCore("Errors", "tensor %1: shape must be an array"), {who}));
    std::uint64_t elements = 1;
    for (const json::Value& d : shape->items) {
        const auto u = d.asUnsigned();
        if (!u)
            throw Error(fill(trCore("Errors", "tensor %1: shape must hold non-negative integers, got %2"),
                             {who, quoteInput(d.text)}));
        t.shape.push_back(*u);
        if (mulOverflows(elements, *u, elements))
            throw Error(fill(trCore("Errors", "tensor %1: its shape overflows 64 bits"), {who}));
    }
    std::uint64_t bits = 0;
    if (mulOverflows(elements, spec->bits, bits))
        throw Error(fill(trCore("Errors", "tensor %1: its size in bytes overflows 64 bits"), {who}));
    if (bits % 8 != 0)
        throw Error(
            fill(trCore("Errors", "tensor %1: its %2 values do not fill whole bytes"), {who, t.dtype}));
    if (offsets->kind != json::Value::Kind::Array || offsets->items.size() != 2)
        throw Error(fill(trCore("Errors", "tensor %1: data_offsets must be [begin, end]"), {who}));
    const auto begin = offsets->items[0].asUnsigned(), end = offsets->items[1].asUnsigned();
    if (!begin || !end)
        throw Error(
            fill(trCore("Errors", "tensor %1: data_offsets must be non-negative integers below 2^64, got "
                                  "[%2, %3]"),
                 {who, quoteInput(offsets->items[0].text), quoteInput(offsets->items[1].text)}));
    if (*end < *begin)
        throw Error(fill(trCore("Errors", "tensor %1: data_offsets are inverted [%2, %3]"),
                         {who, std::to_string(*begin), std::to_string(*end)}));
    t.offset = *begin; // relative to the data until the header's length is added
    t.bytes = *end - *begin;
    if (t.bytes != bits / 8)
        throw Error(
            fill(trCore("Errors", "tensor %1 has %2 bytes but its dtype %3 and shape %4 need %5"),
                 {who, std::to_string(t.bytes), t.dtype, shapeText(t.shape), std::to_string(bits / 8)}));
    return t;
}

} // namespace

TensorIndex parseSafetensors(std::string_view file)
{
    if (file.size() < 8)
        throw Error(fill(trCore("Errors", "too short to be a safetensors file (%1 bytes)"),
                         {std::to_string(file.size())}));
    std::uint64_t n = 0;
    for (int k = 7; k >= 0; --k)
        n = (n << 8) | static_cast<unsigned char>(file[std::size_t(k)]);
    if (n > kMaxSafetensorsHeader)
        throw Error(
            fill(trCore("Errors", "not a safetensors file: its header would be %1 bytes (at most %2)"),
                 {std::to_string(n), std::to_string(kMaxSafetensorsHeader)}));
    if (n > file.size() - 8)
        throw Error(
            fill(trCore("Errors", "not a safetensors file: its header would be %1 bytes, the file has %2 "
                                  "after the length"),
                 {std::to_string(n), std::to_string(file.size() - 8)}));
    const std::string_view header = file.substr(8, n);
    if (header.empty() || header[0] != '{')
        throw Error(trCore("Errors", "not a safetensors file: its header does not start with '{'"));
    const json::Value root = json::parse(header, trCore("Errors", "the safetensors header"));
    if (!root.isObject()) throw Error(trCore("Errors", "the safetensors header is not a JSON object"));

    TensorIndex index;
    index.format = "safetensors";
    for (const auto& [key, value] : root.members) {
        if (key == "__metadata__") {
            if (!value.isObject()) throw Error(trCore("Errors", "__metadata__ must be an object of strings"));
            for (const auto& [k, v] : value.members) {
                if (v.kind != json::Value::Kind::String)
                    throw Error(fill(trCore("Errors", "__metadata__ %1 must be a string, not %2"),
                                     {quoteInput(k), v.kindName()}));
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
            throw Error(
                fill(t.offset < expected
                         ? trCore("Errors", "tensor %1 begins at data byte %2, inside the tensor before it "
                                            "(which ends at %3)")
                         : trCore("Errors", "tensor %1 begins at data byte %2, leaving a hole after the "
                                            "tensor before it (which ends at %3)"),
                     {quoteInput(t.name), std::to_string(t.offset), std::to_string(expected)}));
        if (t.bytes > dataBytes - t.offset) // t.offset ≤ dataBytes here; the sum could overflow
            throw Error(
                fill(trCore("Errors", "tensor %1 ends at data byte %2 + %3, past the end of the file (%4 "
                                      "bytes of data)"),
                     {quoteInput(t.name), std::to_string(t.offset), std::to_string(t.bytes),
                      std::to_string(dataBytes)}));
        expected = t.offset + t.bytes;
        t.offset += 8 + n;
    }
    if (expected != dataBytes)
        throw Error(
            fill(trCore("Errors", "the tensors end at data byte %1 but the file has %2 bytes of data"),
                 {std::to_string(expected), std::to_string(dataBytes)}));
    return index;
}

} // namespace poslab
