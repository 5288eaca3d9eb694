#include "engine/cpuisa.h"

#include "engine/kernels.h"
#include "error.h"

#include <hwy/targets.h>
#include <oneapi/dnnl/dnnl.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <mutex>

namespace poslab {

namespace {

struct Cap
{
    const char* name;
    std::int64_t disabled; // Highway targets above the cap
    std::int64_t needs;    // any of these targets makes the cap executable here
};

constexpr std::int64_t kScalar = HWY_SCALAR | HWY_EMU128;
#if HWY_ARCH_X86
constexpr std::int64_t kAvx512 = HWY_AVX3 | HWY_AVX3_DL;
constexpr Cap kCaps[] = {
    {"scalar", ~kScalar, kScalar},
    {"sse4", HWY_AVX2 | kAvx512, HWY_SSE4},
    {"avx2", kAvx512, HWY_AVX2},
    {"avx512", 0, kAvx512},
};
constexpr const char* kOtherArch[] = {"neon", "sve"};
constexpr const char* kArch = "x86-64";
#elif HWY_ARCH_ARM
constexpr std::int64_t kSve = HWY_SVE | HWY_SVE2 | HWY_SVE_256 | HWY_SVE2_128;
constexpr Cap kCaps[] = {
    {"scalar", ~kScalar, kScalar},
    {"neon", kSve, HWY_NEON},
    {"sve", 0, kSve},
};
constexpr const char* kOtherArch[] = {"sse4", "avx2", "avx512"};
constexpr const char* kArch = "arm";
#else
constexpr Cap kCaps[] = {{"scalar", ~kScalar, kScalar}};
constexpr const char* kOtherArch[] = {"sse4", "avx2", "avx512", "neon", "sve"};
constexpr const char* kArch = "this";
#endif

std::mutex g_capMutex;
std::atomic<bool> g_capApplied{false};

// What the CPU supports, read once before any cap narrows hwy::SupportedTargets().
std::int64_t detectedTargets()
{
    static const std::int64_t detected = hwy::SupportedTargets();
    return detected;
}

std::string capList()
{
    std::string s;
    const int count = static_cast<int>(std::size(kCaps));
    for (int i = 0; i < count; ++i)
        s.append(i == 0 ? "" : i + 1 == count ? " or " : ", ").append(kCaps[i].name);
    return s;
}

void setCapLocked(const std::string& value)
{
    std::string name = value;
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    detectedTargets();
    if (name.empty()) {
        hwy::DisableTargets(0);
        return;
    }
    for (const Cap& cap : kCaps)
        if (name == cap.name) {
            hwy::DisableTargets(cap.disabled);
            return;
        }
    for (const char* other : kOtherArch)
        if (name == other)
            throw Error("POSLAB_CPU_ISA: " + quoteInput(value) + " is not an ISA of this " + kArch +
                        " build (use " + capList() + ")");
    throw Error("POSLAB_CPU_ISA: unknown value " + quoteInput(value) + " (use " + capList() + ")");
}

} // namespace

void applyCpuIsaCap()
{
    if (g_capApplied.load(std::memory_order_acquire)) return;
    std::lock_guard lock(g_capMutex);
    if (g_capApplied.load(std::memory_order_relaxed)) return;
    const char* value = std::getenv("POSLAB_CPU_ISA");
    setCapLocked(value ? value : ""); // throws, and stays unapplied, for an unknown value
    g_capApplied.store(true, std::memory_order_release);
}

void setKernelIsaCap(const std::string& name)
{
    std::lock_guard lock(g_capMutex);
    setCapLocked(name);
    g_capApplied.store(true, std::memory_order_release);
}

std::string kernelIsaName(std::int64_t target)
{
    if (target & kScalar) return "scalar";
#if HWY_ARCH_X86
    if (target & HWY_SSSE3) return "ssse3";
    if (target & HWY_SSE4) return "sse4";
    if (target & HWY_AVX2) return "avx2";
    if (target & kAvx512) return "avx512";
#elif HWY_ARCH_ARM
    if (target & HWY_NEON) return "neon";
    if (target & kSve) return "sve";
#endif
    return hwy::TargetName(target);
}

std::string kernelTargetName(std::int64_t target)
{
    const std::string name = kernelIsaName(target);
    for (const std::int64_t other : kernelTargets())
        if (other != target && kernelIsaName(other) == name) {
            std::string own = hwy::TargetName(target);
            std::transform(own.begin(), own.end(), own.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            return own;
        }
    return name;
}

std::string kernelIsa()
{
    applyCpuIsaCap();
    return kernelIsaName(engine::kernels::dispatchedTarget());
}

std::vector<std::string> kernelIsaCaps()
{
    const std::int64_t runnable = detectedTargets() & engine::kernels::compiledTargets();
    std::vector<std::string> out;
    for (const Cap& cap : kCaps)
        if (runnable & cap.needs) out.push_back(cap.name);
    return out;
}

std::vector<std::int64_t> kernelTargets()
{
    std::vector<std::int64_t> out;
    for (std::int64_t left = detectedTargets() & engine::kernels::compiledTargets(); left != 0;
         left &= left - 1)
        out.push_back(left & -left); // lowest bit first: the best target
    return out;
}

std::string onednnIsa()
{
#if defined(__aarch64__)
    // oneDNN's aarch64 build returns its own ISA values cast to the x86 enum (0x1 would read as
    // SSE41, 0x1f as AVX512_MIC_4OPS): cpu/aarch64/cpu_isa_traits.hpp, "temporal implementation".
    // 2.6 knows ADVANCED_SIMD and SVE_512 (also as ONEDNN_MAX_CPU_ISA values); checked under
    // qemu-aarch64 (docs/setup.md, "arm64 cross-build"). The other SVE lengths are named as well.
    switch (static_cast<int>(dnnl::get_effective_cpu_isa())) {
    case 0x0:
        return "ALL";
    case 0x1:
        return "ADVANCED_SIMD";
    case 0x3:
        return "SVE_128";
    case 0x7:
        return "SVE_256";
    case 0xf:
        return "SVE_384";
    case 0x1f:
        return "SVE_512";
    }
    return "UNKNOWN";
#else
    switch (dnnl::get_effective_cpu_isa()) {
    case dnnl::cpu_isa::sse41:
        return "SSE41";
    case dnnl::cpu_isa::avx:
        return "AVX";
    case dnnl::cpu_isa::avx2:
        return "AVX2";
    case dnnl::cpu_isa::avx2_vnni:
        return "AVX2_VNNI";
    case dnnl::cpu_isa::avx512_mic:
        return "AVX512_MIC";
    case dnnl::cpu_isa::avx512_mic_4ops:
        return "AVX512_MIC_4OPS";
    case dnnl::cpu_isa::avx512_core:
        return "AVX512_CORE";
    case dnnl::cpu_isa::avx512_core_vnni:
        return "AVX512_CORE_VNNI";
    case dnnl::cpu_isa::avx512_core_bf16:
        return "AVX512_CORE_BF16";
    case dnnl::cpu_isa::avx512_core_amx:
        return "AVX512_CORE_AMX";
    case dnnl::cpu_isa::all:
        return "ALL";
    }
    return "UNKNOWN";
#endif
}

} // namespace poslab
