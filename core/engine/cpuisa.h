#pragma once

// Which SIMD instruction set PosLab's own kernels (engine/kernels.h) run, and which oneDNN runs.
//
// POSLAB_CPU_ISA caps the kernels as ONEDNN_MAX_CPU_ISA caps oneDNN: a maximum, so `avx512` on an
// AVX2 machine runs AVX2. Values: scalar, sse4, avx2, avx512 on x86-64; scalar, neon, sve on arm64.

#include <cstdint>
#include <string>
#include <vector>

namespace poslab {

// Applies POSLAB_CPU_ISA (unset or empty: no cap). Called at start-up by the front ends and by every
// OneDnnEngine; cheap after the first call. Throws Error naming the variable for an unknown value.
void applyCpuIsaCap();

// Caps the kernels at `name` (a POSLAB_CPU_ISA value; "" lifts the cap), overriding the variable.
// Throws Error for an unknown name. Not while kernels run on other threads.
void setKernelIsaCap(const std::string& name);

// The kernels' target actually dispatched: scalar, sse4, avx2, avx512, neon or sve.
std::string kernelIsa();

// oneDNN's effective ISA as ONEDNN_MAX_CPU_ISA names it (SSE41, AVX2, AVX512_CORE_BF16, …).
std::string onednnIsa();

// The POSLAB_CPU_ISA values this machine can execute, lowest first (scalar, …, the best one).
std::vector<std::string> kernelIsaCaps();

// Highway targets (bits) compiled into the kernels that this CPU runs, best first, whatever the
// cap: for tests and benchmarks that select one with hwy::SetSupportedTargetsForTest.
std::vector<std::int64_t> kernelTargets();

// The short name (as kernelIsa) of a Highway target bit.
std::string kernelIsaName(std::int64_t target);

// A name for one of kernelTargets() that no other one has: kernelIsaName, or Highway's own name in
// lower case where several share it (arm64: sve2, sve, sve_256 and sve2_128 are all the cap sve).
// For test and benchmark names.
std::string kernelTargetName(std::int64_t target);

} // namespace poslab
