// The safetensors and NPY readers (core/tensorfile.h) on files the tests write themselves: values
// read back equal the values written for every dtype, and every malformed case of issue 15's list
// is refused with one line that names the rule. The writers here follow the formats' own
// definitions (safetensors' README and tensor.rs; numpy/lib/format.py), not the reader's code.

#include "error.h"
#include "tensorfile.h"
#include "tensorfixtures.h"

#include <unistd.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

using namespace poslab;
using poslab::test::le64;
using poslab::test::safetensorsFile;

namespace {

template <typename T>
std::string bytesOf(const std::vector<T>& v)
{
    return std::string(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}

std::string npy(const std::string& dict, const std::string& data, int major = 1)
{
    std::string header = dict;
    const std::size_t fixed = major == 1 ? 10 : 12;
    while ((fixed + header.size() + 1) % 64 != 0)
        header += ' ';
    header += '\n';
    std::string s = "\x93NUMPY";
    s += char(major);
    s += '\0';
    if (major == 1) {
        s += char(header.size() & 0xFF);
        s += char(header.size() >> 8);
    } else {
        for (int k = 0; k < 4; ++k)
            s += char((header.size() >> (8 * k)) & 0xFF);
    }
    return s + header + data;
}

class TempFile
{
  public:
    explicit TempFile(const std::string& bytes, const std::string& name = "t.safetensors")
        : m_path(::testing::TempDir() + "/" + std::to_string(::getpid()) + "-" + name)
    {
        std::ofstream(m_path, std::ios::binary) << bytes;
    }
    ~TempFile() { ::unlink(m_path.c_str()); }
    const std::string& path() const { return m_path; }

  private:
    std::string m_path;
};

// The one-line error of opening `bytes` as a file, "" when it opens.
std::string openError(const std::string& bytes)
{
    const TempFile f(bytes);
    try {
        TensorFile::open(f.path());
    } catch (const Error& e) {
        const std::string what = e.what();
        EXPECT_EQ(what.rfind("'" + f.path() + "': ", 0), 0u) << what; // names the file
        EXPECT_EQ(what.find('\n'), std::string::npos) << what;
        return what.substr(f.path().size() + 4);
    }
    return "";
}

std::string tensor(const std::string& name, const std::string& dtype, const std::string& shape,
                   const std::string& offsets)
{
    return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":" + offsets + "}";
}

} // namespace

TEST(Safetensors, EveryDtypeReadsBackWhatWasWritten)
{
    const std::vector<float> f32 = {1.5f, -2.25f, 3.0e-39f /* subnormal */, 65504.0f, -0.0f, 1e30f};
    const std::vector<double> f64 = {M_PI, -1e-310, 1.0 / 3.0};
    // binary16 bit patterns: 1, 1/3 rounded (0x3555 = 0.333251953125), the smallest subnormal 2⁻²⁴,
    // the largest normal 65504, −∞.
    const std::vector<std::uint16_t> f16 = {0x3C00, 0x3555, 0x0001, 0x7BFF, 0xFC00};
    // bfloat16: 1, 1/3 rounded to 8 bits of mantissa (0x3EAB = 0.333984375), −2.
    const std::vector<std::uint16_t> bf16 = {0x3F80, 0x3EAB, 0xC000};
    std::string header = "{\"__metadata__\":{\"format\":\"pt\"}," +
                         tensor("a.f32", "F32", "[2,3]", "[0,24]") + "," + tensor("b.f64", "F64", "[3]", "[24,48]") +
                         "," + tensor("c.f16", "F16", "[5]", "[48,58]") + "," +
                         tensor("d.bf16", "BF16", "[1,3]", "[58,64]") + "}";
    header += std::string((8 - header.size() % 8) % 8, ' '); // the reference writer pads with spaces
    const TempFile f(safetensorsFile(header, bytesOf(f32) + bytesOf(f64) + bytesOf(f16) + bytesOf(bf16)));
    const TensorFile file = TensorFile::open(f.path());
    EXPECT_EQ(file.index().format, "safetensors");
    ASSERT_EQ(file.index().metadata.size(), 1u);
    EXPECT_EQ(file.index().metadata[0].first + "=" + file.index().metadata[0].second, "format=pt");
    ASSERT_EQ(file.index().tensors.size(), 4u);
    EXPECT_EQ(file.tensor("a.f32").shape, (std::vector<std::uint64_t>{2, 3}));
    EXPECT_EQ(file.tensor("a.f32").offset, 8 + header.size());
    const std::vector<double> a = file.values("a.f32");
    ASSERT_EQ(a.size(), 6u);
    for (std::size_t k = 0; k < 6; ++k)
        EXPECT_EQ(a[k], double(f32[k])) << k; // exact: every float is a double
    EXPECT_TRUE(std::signbit(a[4]));
    EXPECT_EQ(file.values("b.f64"), f64);
    const std::vector<double> h = file.values("c.f16");
    EXPECT_EQ(h[0], 1.0);
    EXPECT_EQ(h[1], 0.333251953125);
    EXPECT_EQ(h[2], std::ldexp(1.0, -24));
    EXPECT_EQ(h[3], 65504.0);
    EXPECT_EQ(h[4], -INFINITY);
    EXPECT_EQ(file.values("d.bf16"), (std::vector<double>{1.0, 0.333984375, -2.0}));
}

TEST(Safetensors, EachMalformedHeaderIsOneLineNamingTheRule)
{
    const std::string eight(8, '\0');
    auto one = [&](const std::string& t, const std::string& data = std::string(8, '\0')) {
        return openError(safetensorsFile("{" + t + "}", data));
    };
    auto has = [](const std::string& said, const std::string& part) {
        return said.find(part) != std::string::npos;
    };
    EXPECT_EQ(one(tensor("w", "F32", "[2]", "[0,8]")), "");
    // The header's length and text.
    EXPECT_TRUE(has(openError(""), "too short to be a safetensors file (0 bytes)"));
    EXPECT_TRUE(has(openError(le64(100'000'001) + "{}"), "its header would be 100000001 bytes (at most 100000000)"));
    EXPECT_TRUE(has(openError(le64(50) + "{}"), "its header would be 50 bytes, the file has 2 after the length"));
    EXPECT_TRUE(has(openError(safetensorsFile("[]", "")), "does not start with '{'"));
    EXPECT_TRUE(has(openError(safetensorsFile(" {}", "")), "does not start with '{'"));
    EXPECT_TRUE(has(openError(safetensorsFile("{\"\xc0\xaf\":1}", "")), "invalid UTF-8 at byte 2"));
    EXPECT_TRUE(has(openError(safetensorsFile("{\"a\":1}", "")), "tensor 'a' is a number, not an object"));
    EXPECT_TRUE(has(openError(safetensorsFile("{", "")), "the safetensors header: expected a key in quotes at byte 1"));
    // Keys.
    const std::string dup = one(tensor("w", "F32", "[1]", "[0,4]") + "," + tensor("w", "F32", "[1]", "[4,8]"));
    EXPECT_TRUE(has(dup, "duplicate key 'w' at byte 54")) << dup;
    // Offsets: negative, inverted, overlapping, outside the file, leaving holes, not reaching the end.
    EXPECT_TRUE(has(one(tensor("w", "F32", "[2]", "[-1,7]")), "data_offsets must be non-negative integers"));
    EXPECT_TRUE(has(one(tensor("w", "F32", "[2]", "[8,0]")), "data_offsets are inverted [8, 0]"));
    EXPECT_TRUE(has(one(tensor("w", "F32", "[1]", "[0,4]") + "," + tensor("v", "F32", "[1]", "[2,6]"), eight),
                    "tensor 'v' begins at data byte 2, inside the tensor before it (which ends at 4)"));
    EXPECT_TRUE(has(one(tensor("w", "F32", "[1]", "[0,4]") + "," + tensor("v", "F32", "[1]", "[6,10]"),
                        std::string(10, '\0')),
                    "tensor 'v' begins at data byte 6, leaving a hole"));
    EXPECT_TRUE(has(one(tensor("w", "F32", "[1]", "[4,8]")), "tensor 'w' begins at data byte 4, leaving a hole"));
    EXPECT_TRUE(has(one(tensor("w", "F32", "[250]", "[0,1000]")), "past the end of the file (8 bytes of data)"));
    EXPECT_TRUE(has(one(tensor("w", "F32", "[1]", "[0,4]")), "the tensors end at data byte 4 but the file has 8"));
    // Sizes, dtypes, overflow.
    EXPECT_TRUE(has(one(tensor("w", "F32", "[3]", "[0,8]")),
                    "tensor 'w' has 8 bytes but its dtype F32 and shape [3] need 12"));
    EXPECT_TRUE(has(one(tensor("w", "F128", "[1]", "[0,8]")), "unknown dtype 'F128'"));
    EXPECT_TRUE(has(one(tensor("w", "F32", "[4294967296,4294967296,4]", "[0,8]")), "overflows 64 bits"));
    EXPECT_TRUE(has(one(tensor("w", "F32", "[2]", "[0,18446744073709551616]")),
                    "data_offsets must be non-negative integers below 2^64"));
    EXPECT_TRUE(has(one(tensor("w", "F32", "[2]", "[1.0,9]")), "data_offsets must be non-negative integers"));
    EXPECT_TRUE(has(one(tensor("w", "F32", "[-2]", "[0,8]")), "shape must hold non-negative integers"));
    EXPECT_TRUE(has(one(tensor("w", "F4", "[3]", "[0,8]")), "do not fill whole bytes"));
    EXPECT_TRUE(has(one("\"w\":{\"dtype\":\"F32\",\"shape\":[2]}"), "needs dtype, shape and data_offsets"));
    EXPECT_TRUE(has(one("\"__metadata__\":{\"a\":1}," + tensor("w", "F32", "[2]", "[0,8]")),
                    "__metadata__ 'a' must be a string, not a number"));
}

TEST(Safetensors, KnownTypesThatAreNotFloatsListButDoNotRead)
{
    const TempFile f(safetensorsFile("{" + tensor("ids", "I64", "[1]", "[0,8]") + "}", std::string(8, '\0')));
    const TensorFile file = TensorFile::open(f.path());
    EXPECT_EQ(file.tensor("ids").dtype, "I64");
    EXPECT_FALSE(file.tensor("ids").readable());
    try {
        file.values("ids");
        ADD_FAILURE() << "an I64 tensor was read as floats";
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()),
                  "'" + f.path() + "': tensor 'ids' is I64, not a floating-point type PosLab reads (F16, BF16, F32, F64)");
    }
    try {
        file.tensor("wpe.weight");
        ADD_FAILURE();
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()), "'" + f.path() + "': no tensor 'wpe.weight' (it has 'ids')");
    }
}

TEST(Safetensors, PathsThatCannotHoldTensorsSayWhy)
{
    for (const std::string& path : {std::string("/nonexistent/x.safetensors"), ::testing::TempDir(), std::string("/dev/zero")}) {
        try {
            TensorFile::open(path);
            ADD_FAILURE() << path;
        } catch (const Error& e) {
            const std::string what = e.what();
            EXPECT_TRUE(what.find("No such file or directory") != std::string::npos ||
                        what.find("not a regular file") != std::string::npos)
                << what;
        }
    }
}

TEST(Npy, VersionsAndFloatTypesReadBackWhatWasWritten)
{
    const std::vector<float> f32 = {1.0f, 2.5f, -3.0f, 4.0f, 5.0f, 6.25f};
    const TempFile a(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", bytesOf(f32)), "pe.npy");
    const TensorFile fa = TensorFile::open(a.path());
    EXPECT_EQ(fa.index().format, "npy");
    ASSERT_EQ(fa.index().tensors.size(), 1u);
    const TensorInfo& t = fa.index().tensors[0];
    EXPECT_EQ(t.name, std::to_string(::getpid()) + "-pe");
    EXPECT_EQ(t.shape, (std::vector<std::uint64_t>{2, 3}));
    EXPECT_EQ(t.offset % 64, 0u); // NumPy aligns the data to 64 bytes
    EXPECT_EQ(fa.values(t.name), (std::vector<double>{1, 2.5, -3, 4, 5, 6.25}));

    const std::vector<double> f64 = {M_E, -1e300};
    const TempFile b(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", bytesOf(f64), 2), "b.npy");
    EXPECT_EQ(TensorFile::open(b.path()).values(std::to_string(::getpid()) + "-b"), f64);

    std::string big; // ">f8": 1.0 is 3F F0 00 .. 00 in big-endian order
    big += std::string("\x3f\xf0\0\0\0\0\0\0", 8);
    const TempFile c(npy("{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }", big), "c.npy");
    EXPECT_EQ(TensorFile::open(c.path()).values(std::to_string(::getpid()) + "-c"), std::vector<double>{1.0});

    const std::vector<std::uint16_t> f16 = {0x3C00, 0xC000};
    const TempFile d(npy("{'descr': '<f2', 'fortran_order': False, 'shape': (2,), }", bytesOf(f16)), "d.npy");
    EXPECT_EQ(TensorFile::open(d.path()).values(std::to_string(::getpid()) + "-d"), (std::vector<double>{1.0, -2.0}));

    const TempFile s(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (), }", bytesOf(f64).substr(0, 8)), "s.npy");
    EXPECT_EQ(TensorFile::open(s.path()).values(std::to_string(::getpid()) + "-s"), std::vector<double>{M_E});
}

TEST(Npy, EachMalformedHeaderIsOneLineNamingTheRule)
{
    const std::string data(24, '\0');
    auto said = [&](const std::string& dict, const std::string& bytes, int major = 1) {
        return openError(npy(dict, bytes, major));
    };
    auto has = [](const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; };
    EXPECT_EQ(said("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", data), "");
    EXPECT_TRUE(has(said("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", data), "Fortran order"));
    EXPECT_TRUE(has(said("{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }", data),
                    "the NPY dtype '<i8' is not one PosLab reads (float16, float32 or float64)"));
    EXPECT_TRUE(has(said("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 4), }", data),
                    "the NPY shape and dtype need 32 bytes of data, the file has 24"));
    EXPECT_TRUE(has(said("{'descr': '<f4', 'shape': (6,), }", data), "needs descr, fortran_order and shape"));
    EXPECT_TRUE(has(said("{'descr': '<f4', 'fortran_order': False, 'shape': (6,), 'x': 1}", data),
                    "a value other than a string, True, False or a tuple"));
    EXPECT_TRUE(has(said("{'descr': '<f4', 'fortran_order': False, 'shape': (6,), 'x': 'y'}", data),
                    "the NPY header has an unknown key 'x'"));
    EXPECT_TRUE(has(said("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (6,), }", data),
                    "structured dtype"));
    EXPECT_TRUE(has(said("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,), }", data),
                    "a dimension above 2^64"));
    EXPECT_TRUE(has(said("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296, 4), }", data),
                    "overflows 64 bits"));
    std::string v4 = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (6,), }", data);
    v4[6] = 4;
    EXPECT_TRUE(has(openError(v4), "NPY format version 4.0 is not one PosLab reads"));
    std::string cut = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (6,), }", data);
    cut[8] = char(0xFF); // the header length now runs past the file
    EXPECT_TRUE(has(openError(cut), "the NPY header would be"));
}
