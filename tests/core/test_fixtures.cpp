// The checked-in fixtures (tests/core/data/weights, written by make_fixtures.py there with Python's
// standard library, not by PosLab): one file per format, read back exactly. v(r, c) = r − 0.5·c + 0.25.

#include "tensorfile.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

using namespace poslab;

namespace {

const std::string kDir = POSLAB_WEIGHT_FIXTURES;

void expectTable(const TensorFile& f, const std::string& name)
{
    const TensorInfo& t = f.tensor(name);
    ASSERT_EQ(t.shape, (std::vector<std::uint64_t>{4, 3})) << name;
    const std::vector<double> v = f.values(name);
    for (int r = 0; r < 4; ++r)
        for (int c = 0; c < 3; ++c)
            EXPECT_EQ(v[std::size_t(r * 3 + c)], r - 0.5 * c + 0.25) << name << " " << r << "," << c;
}

} // namespace

TEST(Fixtures, SafetensorsOfEveryDtype)
{
    const TensorFile f = TensorFile::open(kDir + "/tiny.safetensors");
    EXPECT_EQ(f.index().format, "safetensors");
    for (const char* name : {"wpe.weight", "half", "brain", "double"})
        expectTable(f, name);
    EXPECT_EQ(f.tensor("brain").dtype, "BF16");
    ASSERT_EQ(f.index().metadata.size(), 1u);
    EXPECT_EQ(f.index().metadata[0].second, "pt");
}

TEST(Fixtures, Npy)
{
    const TensorFile f = TensorFile::open(kDir + "/tiny.npy");
    EXPECT_EQ(f.index().format, "npy");
    expectTable(f, "tiny");
}

TEST(Fixtures, NpzWrittenByPythonsZipfile)
{
    const TensorFile f = TensorFile::open(kDir + "/tiny.npz");
    EXPECT_EQ(f.index().format, "npz");
    expectTable(f, "wpe.weight"); // stored
    expectTable(f, "double");     // deflated
}
