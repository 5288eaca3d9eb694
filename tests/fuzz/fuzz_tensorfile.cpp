// The safetensors and NPY header readers (the files File › Open Model and --weights will read) on any
// bytes: either one Error, or tensors that lie inside the file and, for safetensors, tile its data
// exactly in order; every readable tensor then converts without reading outside its bytes (ASan).
// POSLAB_FUZZ_KIND 0: safetensors, 1: NPY (the input gets the NPY magic if it lacks it), 2: NPZ (a
// ZIP of NPY members; deflated ones are inflated into the archive's own buffer, which then holds
// every tensor).
#include "fuzzcheck.h"

#include <error.h>
#include <tensorfile.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace poslab;
    std::string bytes(reinterpret_cast<const char*>(data), size);
    if (POSLAB_FUZZ_KIND == 1 && bytes.compare(0, 6, "\x93NUMPY") != 0) bytes.insert(0, "\x93NUMPY");
    // A fixed budget for the values: the fuzzer's RSS limit, not the machine's memory, bounds them.
    static const bool budget = [] { return ::setenv("POSLAB_MEMORY_BUDGET", "268435456", 1) == 0; }();
    (void)budget;
    TensorIndex index;
    std::string owned; // NPZ: the inflated members
    try {
        if (POSLAB_FUZZ_KIND == 2) {
            NpzArchive archive = parseNpz(bytes);
            index = std::move(archive.index);
            owned = std::move(archive.owned);
        } else {
            index = POSLAB_FUZZ_KIND == 0 ? parseSafetensors(bytes) : parseNpy(bytes, "x");
        }
    } catch (const Error&) {
        return 0;
    }
    if (!owned.empty()) bytes = owned;
    std::uint64_t end = 0;
    for (const TensorInfo& t : index.tensors) {
        FUZZ_CHECK(t.offset <= bytes.size() && t.bytes <= bytes.size() - t.offset);
        if (POSLAB_FUZZ_KIND == 0) FUZZ_CHECK(end == 0 || t.offset == end); // contiguous, in order
        end = t.offset + t.bytes;
        if (!t.readable()) continue;
        try {
            const auto values = tensorValues(bytes, t);
            FUZZ_CHECK(values.size() == t.elements());
        } catch (const Error&) {
            // over the budget: refused, never allocated
        }
    }
    if (POSLAB_FUZZ_KIND == 0 && !index.tensors.empty()) FUZZ_CHECK(end == bytes.size());
    return 0;
}
