// `poslab-cli isa`: the SIMD caps (POSLAB_CPU_ISA values) this machine executes, one per line, so
// that CI can run the kernel tests once per cap; --active names the ISAs in use.

#include "cliargs.h"
#include "commands.h"

#include "engine/cpuisa.h"

namespace poslab::cli {

std::string isaUsage()
{
    return "Usage: poslab-cli isa [--active]\n"
           "\n"
           "Prints the POSLAB_CPU_ISA values this machine can execute, lowest first, one per line\n"
           "(x86-64: scalar, sse4, avx2, avx512; arm64: scalar, neon, sve). POSLAB_CPU_ISA caps PosLab's\n"
           "own SIMD kernels as ONEDNN_MAX_CPU_ISA caps oneDNN's: a maximum, so avx512 on an AVX2\n"
           "machine runs AVX2.\n"
           "\n"
           "Options:\n"
           "  --active     print the ISAs in use instead: 'kernels <cap>' and 'onednn <ISA>'\n"
           "  -h, --help   show this help\n";
}

std::string runIsa(const std::vector<std::string>& args)
{
    const CliArgs opts = CliArgs::parse("isa", {{"active", false}}, args);
    if (opts.helpRequested()) return isaUsage();
    if (opts.has("active")) return "kernels " + kernelIsa() + "\nonednn " + onednnIsa() + "\n";
    std::string out;
    for (const std::string& cap : kernelIsaCaps())
        out.append(cap).append("\n");
    return out;
}

} // namespace poslab::cli
