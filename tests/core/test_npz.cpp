// NPZ archives (core/npz.cpp): numpy.savez's stored members read in place, savez_compressed's
// deflated ones inflated and CRC-checked, and every malformed archive refused with one line. The
// archives are written here from the ZIP format's definition (APPNOTE 6.3, tensorfixtures.h) with
// the ZIP64 local headers numpy writes (force_zip64, numpy/lib/npyio.py _savez), and deflated by
// zlib itself.

#include "error.h"
#include "tensorfile.h"
#include "tensorfixtures.h"
#include "weights.h"

#include <zlib.h>

#include <string>
#include <vector>

#include <gtest/gtest.h>

using namespace poslab;
using poslab::test::npyBytes;
using poslab::test::TempFolder;
using poslab::test::zipArchive;
using poslab::test::ZipMember;

namespace {

// Raw deflate (no zlib header), as ZIP method 8 stores it.
std::string deflated(const std::string& data)
{
    z_stream z{};
    EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
    std::string out(deflateBound(&z, uLong(data.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = uInt(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = uInt(out.size());
    EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

std::uint32_t crcOf(const std::string& data)
{
    return std::uint32_t(crc32(0L, reinterpret_cast<const Bytef*>(data.data()), uInt(data.size())));
}

ZipMember stored(const std::string& name, const std::string& data)
{
    return {name, data, 0, 0, crcOf(data)};
}

ZipMember compressed(const std::string& name, const std::string& data)
{
    return {name, deflated(data), 8, data.size(), crcOf(data)};
}

std::string errorOf(const std::string& archive)
{
    try {
        parseNpz(archive);
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

const std::vector<double> kA = {1.5, -2.25, 3.0, 0.125, 1e-3, -7.0};
const std::vector<double> kB = {0.1, 0.2, 0.3, 0.4};

} // namespace

TEST(Npz, StoredMembersAreReadInPlace)
{
    TempFolder dir;
    const std::string a = npyBytes("<f4", {3, 2}, kA), b = npyBytes("<f8", {4}, kB);
    dir.write("x.npz", zipArchive({stored("wpe.weight.npy", a), stored("b.npy", b)}));
    const TensorFile f = TensorFile::open(dir.file("x.npz"));
    EXPECT_EQ(f.index().format, "npz");
    ASSERT_EQ(f.index().tensors.size(), 2u);
    EXPECT_EQ(f.tensor("wpe.weight").shape, (std::vector<std::uint64_t>{3, 2}));
    const std::vector<double> va = f.values("wpe.weight");
    for (std::size_t k = 0; k < kA.size(); ++k)
        EXPECT_EQ(va[k], double(float(kA[k])));
    EXPECT_EQ(f.values("b"), kB);
    // In place: the tensor's bytes are those of the file (the offset is into it).
    EXPECT_LT(f.tensor("b").offset, f.size());
}

TEST(Npz, DeflatedMembersAreInflatedAndChecked)
{
    TempFolder dir;
    const std::string a = npyBytes("<f4", {3, 2}, kA), b = npyBytes("<f8", {4}, kB);
    dir.write("c.npz", zipArchive({compressed("a.npy", a), stored("b.npy", b)}));
    const TensorFile f = TensorFile::open(dir.file("c.npz"));
    const std::vector<double> va = f.values("a");
    for (std::size_t k = 0; k < kA.size(); ++k)
        EXPECT_EQ(va[k], double(float(kA[k])));
    EXPECT_EQ(f.values("b"), kB);
}

TEST(Npz, ATableInAnNpzLoadsAsWeights)
{
    TempFolder dir;
    dir.write("t.npz", zipArchive({compressed("wpe.weight.npy", npyBytes("<f4", {3, 2}, kA))}));
    WeightSpec spec;
    spec.path = dir.file("t.npz");
    const auto w = loadWeights(spec, {"position_table"});
    ASSERT_NE(w->find("position_table"), nullptr);
    EXPECT_EQ(w->find("position_table")->values(2, 1), -7.0);
}

TEST(Npz, EachMalformedArchiveIsOneLineNamingTheRule)
{
    const std::string a = npyBytes("<f4", {3, 2}, kA);
    const std::string good = zipArchive({stored("a.npy", a)});
    EXPECT_EQ(errorOf(good.substr(0, good.size() - 5)),
              "no ZIP end record (not an NPZ archive, or cut short)");
    EXPECT_EQ(errorOf("PK"), "too short for a ZIP archive (no end record)");
    EXPECT_EQ(errorOf(zipArchive({stored("a.txt", a)})),
              "member 'a.txt' is not an .npy array (numpy.savez writes only NAME.npy)");
    EXPECT_EQ(errorOf(zipArchive({stored("a.npy", a), stored("a.npy", a)})), "two members are named 'a.npy'");
    EXPECT_EQ(errorOf(zipArchive({{"a.npy", a, 12, a.size(), crcOf(a)}})),
              "member 'a.npy' uses ZIP compression method 12 (numpy writes 0, stored, or 8, deflate)");
    EXPECT_EQ(errorOf(zipArchive({{"a.npy", a, 0, 0, crcOf(a), 1}})), "member 'a.npy' is encrypted");
    EXPECT_EQ(errorOf(zipArchive({{"a.npy", a, 0, a.size() + 1, crcOf(a)}})),
              "member 'a.npy' is stored but its sizes differ (" + std::to_string(a.size()) + " and " +
                  std::to_string(a.size() + 1) + ")");
    EXPECT_EQ(errorOf(zipArchive({})), "the NPZ archive has no arrays");
    // Deflated: a wrong CRC, and a stream that inflates to more (a bomb) or fewer bytes than declared.
    ZipMember badCrc = compressed("a.npy", a);
    badCrc.crc ^= 1;
    EXPECT_EQ(errorOf(zipArchive({badCrc})), "member 'a.npy' fails its CRC-32 check");
    ZipMember more = compressed("a.npy", a);
    more.size -= 10;
    EXPECT_EQ(errorOf(zipArchive({more})), "member 'a.npy' does not inflate to the " +
                                               std::to_string(a.size() - 10) +
                                               " bytes its directory entry says");
    ZipMember fewer = compressed("a.npy", a);
    fewer.size += 10;
    EXPECT_EQ(errorOf(zipArchive({fewer})), "member 'a.npy' does not inflate to the " +
                                                std::to_string(a.size() + 10) +
                                                " bytes its directory entry says");
    ZipMember garbage = compressed("a.npy", a);
    garbage.data = std::string(garbage.data.size(), '\xff');
    EXPECT_NE(errorOf(zipArchive({garbage})).find("does not inflate"), std::string::npos);
    // A member whose NPY header is wrong: named, and the NPY rule.
    EXPECT_EQ(errorOf(zipArchive({stored("a.npy", a.substr(0, a.size() - 4))})),
              "member 'a.npy': the NPY shape and dtype need 24 bytes of data, the file has 20");

    // Offsets: the central directory outside the file, a local header missing, overlapping members.
    std::string outside = good;
    outside.replace(outside.size() - 6, 4, poslab::test::le32(good.size() + 100));
    EXPECT_EQ(errorOf(outside), "the ZIP central directory lies outside the file");
    std::string noLocal = good;
    noLocal[0] = 'X';
    EXPECT_EQ(errorOf(noLocal), "member 'a.npy': no local header where the directory says");
    // Two directory entries pointing at the same member: they overlap.
    const std::string two = zipArchive({stored("a.npy", a), stored("b.npy", a)});
    std::string overlap = two;
    const std::size_t secondEntry = overlap.rfind(std::string("\x50\x4b\x01\x02", 4));
    overlap.replace(secondEntry + 42, 4, poslab::test::le32(0));
    EXPECT_EQ(errorOf(overlap), "member 'a.npy' overlaps the next part of the archive");
}
