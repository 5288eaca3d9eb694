// Opening a 500 MB safetensors file reads its header only (issue 15: "well under a second"). The
// file is sparse, so writing it costs nothing; the mapping never touches the data's pages.

#include "tensorfile.h"

#include <benchmark/benchmark.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstdint>
#include <string>

namespace {

std::string sparseCheckpoint()
{
    const std::uint64_t elements = 125'000'000; // F32: 500,000,000 bytes
    const std::string header = "{\"model.embed_tokens.weight\":{\"dtype\":\"F32\",\"shape\":[125000,1000],"
                               "\"data_offsets\":[0," + std::to_string(4 * elements) + "]}}";
    std::string lead(8, '\0');
    for (int k = 0; k < 8; ++k)
        lead[std::size_t(k)] = char((header.size() >> (8 * k)) & 0xFF);
    const std::string path = "/tmp/poslab-bench-" + std::to_string(::getpid()) + ".safetensors";
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const std::string bytes = lead + header;
    if (fd < 0 || ::write(fd, bytes.data(), bytes.size()) != ssize_t(bytes.size()) ||
        ::ftruncate(fd, off_t(bytes.size() + 4 * elements)) != 0)
        return {};
    ::close(fd);
    return path;
}

void BM_OpenSafetensors500MB(benchmark::State& state)
{
    const std::string path = sparseCheckpoint();
    if (path.empty()) {
        state.SkipWithError("cannot write the file in /tmp");
        return;
    }
    for (auto _ : state) {
        const poslab::TensorFile f = poslab::TensorFile::open(path);
        benchmark::DoNotOptimize(f.index().tensors.size());
    }
    ::unlink(path.c_str());
}
BENCHMARK(BM_OpenSafetensors500MB)->Unit(benchmark::kMicrosecond);

} // namespace
