// `poslab-cli inspect PATH`: the tensors of a safetensors or NPY file, from its header, as text or
// JSON; a malformed file is one line naming the rule, status 2.

#include "clitest.h"
#include "tensorfixtures.h"

#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <string>

using namespace poslab::test;

namespace {

std::string writeFile(const std::string& name, const std::string& bytes)
{
    const std::string path = ::testing::TempDir() + "/" + std::to_string(::getpid()) + "-" + name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

} // namespace

TEST(CliInspect, ListsTheTensorsOfASafetensorsFile)
{
    const std::string header =
        R"({"__metadata__":{"format":"pt"},"wpe.weight":{"dtype":"F32","shape":[4,2],"data_offsets":[0,32]},)"
        R"("ids":{"dtype":"I64","shape":[2],"data_offsets":[32,48]}})";
    const std::string path = writeFile("m.safetensors", le64(header.size()) + header + std::string(48, '\0'));
    const CliResult text = runCli({"inspect", path});
    ASSERT_EQ(text.exitCode, 0) << text.err;
    EXPECT_EQ(text.out, path + ": safetensors, 2 tensors, " + std::to_string(8 + header.size() + 48) +
                            " bytes\n"
                            "  metadata format = pt\n"
                            "  name        dtype  shape           bytes\n"
                            "  wpe.weight  F32    [4, 2]          32\n"
                            "  ids         I64*   [2]             16\n"
                            "  * not a floating-point type PosLab reads (F16, BF16, F32, F64)\n"
                            "positions found:\n"
                            "  position_table = wpe.weight\n");
    const JsonValue json = jsonOf({"inspect", path}); // jsonOf adds --format json
    ASSERT_EQ(json["files"].size(), 1u);
    const JsonValue& file = json["files"][0];
    EXPECT_EQ(file["format"].text, "safetensors");
    ASSERT_EQ(file["tensors"].size(), 2u);
    EXPECT_EQ(file["tensors"][0]["name"].text, "wpe.weight");
    EXPECT_EQ(file["tensors"][0]["offset"].number, double(8 + header.size()));
    EXPECT_EQ(file["tensors"][1]["readable"].boolean, false);
    EXPECT_EQ(json["roles"]["position_table"]["tensor"].text, "wpe.weight");
    ::unlink(path.c_str());
}

TEST(CliInspect, MalformedFilesAreOneLine)
{
    const std::string header = R"({"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})";
    const std::string path = writeFile("bad.safetensors", le64(header.size()) + header + std::string(8, '\0'));
    const CliResult r = runCli({"inspect", path});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "poslab-cli: error: '" + path +
                         "': tensor 'w' has 8 bytes but its dtype F32 and shape [3] need 12\n");
    const CliResult none = runCli({"inspect"});
    EXPECT_EQ(none.err, "poslab-cli: error: inspect needs the path of a .safetensors or .npy file\n");
    const CliResult format = runCli({"inspect", path, "--format", "xml"});
    EXPECT_EQ(format.err, "poslab-cli: error: --format must be text or json, got 'xml'\n");
    ::unlink(path.c_str());
}
