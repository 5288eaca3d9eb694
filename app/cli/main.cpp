// poslab-cli: the headless front end. Every failure is one line on stderr and exit status 2.

#include "cliargs.h"
#include "commands.h"

#include "allocator.h"
#include "atomicfile.h"
#include "engine/cpuisa.h"
#include "error.h"

#include <cstdio>
#include <exception>
#include <new>
#include <string>
#include <vector>

namespace {

constexpr int kExitUsage = 2;
constexpr int kExitIo = 1;

int fail(const std::string& message)
{
    // The contract is exactly one line, whatever the message holds.
    std::string line = message;
    for (char& c : line)
        if (c == '\n' || c == '\r') c = ' ';
    std::fprintf(stderr, "poslab-cli: error: %s\n", line.c_str());
    return kExitUsage;
}

// Bytes go out untranslated (NPY is binary); a short write is reported with errno's words.
int emit(const std::string& bytes)
{
    try {
        poslab::writeStandardOutput(bytes);
    } catch (const poslab::Error& e) {
        std::fprintf(stderr, "poslab-cli: error: %s\n", e.what());
        return kExitIo;
    }
    return 0;
}

std::string dispatch(const std::vector<std::string>& args)
{
    using namespace poslab::cli;
    poslab::applyCpuIsaCap(); // an unknown POSLAB_CPU_ISA stops every command, as any bad input
    if (args.empty()) throw poslab::Error("no command given (try 'poslab-cli --help')");
    const std::string& command = args[0];
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (command == "-h" || command == "--help") return mainUsage();
    if (command == "--version") return "poslab-cli " POSLAB_VERSION "\n";
    if (command == "help") {
        if (rest.empty()) return mainUsage();
        if (rest[0] == "schemes") return schemesUsage();
        if (rest[0] == "compute") return computeUsage();
        if (rest[0] == "explain") return explainUsage();
        if (rest[0] == "bench") return benchUsage();
        if (rest[0] == "isa") return isaUsage();
        if (rest[0] == "inspect") return inspectUsage();
#ifdef POSLAB_HAVE_FIGURE
        if (rest[0] == "figure") return figureUsage();
#endif
        throw poslab::Error("no help for unknown command " + poslab::quoteInput(rest[0]) +
                            didYouMean(rest[0], {"schemes", "compute", "explain", "bench", "isa", "inspect"}));
    }
    if (command == "schemes") return runSchemes(rest);
    if (command == "compute") return runCompute(rest);
    if (command == "explain") return runExplain(rest);
    if (command == "bench") return runBench(rest);
    if (command == "isa") return runIsa(rest);
    if (command == "inspect") return runInspect(rest);
#ifdef POSLAB_HAVE_FIGURE
    if (command == "figure") return runFigure(rest);
#endif
    const std::string hint = didYouMean(command, {"schemes", "compute", "explain", "bench", "isa", "inspect", "help"});
    if (command.size() > 1 && command[0] == '-')
        throw poslab::Error("unknown option " + poslab::quoteInput(command) +
                            " (options follow the command; try 'poslab-cli --help')");
    throw poslab::Error("unknown command " + poslab::quoteInput(command) +
                        (hint.empty() ? " (try 'poslab-cli --help')" : hint));
}

} // namespace

namespace poslab::cli {

std::string mainUsage()
{
    return "Usage: poslab-cli COMMAND [OPTIONS]\n"
           "\n"
           "PosLab on the command line: positional encodings in attention, as numbers.\n"
           "\n"
           "Commands:\n"
           "  schemes    list the schemes and their parameters\n"
           "  compute    compute one table (pe, delta, bucket, bias, slopes, logits, probs, delta-curve)\n"
           "  explain    the worked example of one attention weight, step by step\n"
           "  bench      time the attention engine against the same run's sgemm\n"
           "  isa        list the SIMD caps (POSLAB_CPU_ISA) this machine executes\n"
           "  inspect    list the tensors of a .safetensors or .npy file\n"
#ifdef POSLAB_HAVE_FIGURE
           "  figure     a figure for papers (PNG, PDF, SVG) carrying its session\n"
#endif
           "  help CMD   show the options of a command\n"
           "\n"
           "Options:\n"
           "  -h, --help     show this help\n"
           "  --version      show the version\n"
           "\n"
           "Example:\n"
           "  poslab-cli compute --scheme t5 --n 8 --what bucket\n";
}

} // namespace poslab::cli

int main(int argc, char** argv)
{
    poslab::retainFreedMemory(); // recomputes reuse pages instead of faulting in fresh ones
    std::string bytes;
    const std::vector<std::string> args(argv + 1, argv + argc);
    try {
        bytes = dispatch(args);
    } catch (const poslab::FieldError& e) { // core names a request field: say it as the option
        return fail(poslab::cli::describe(e, args.empty() ? std::string() : args[0]));
    } catch (const poslab::Error& e) {
        return fail(e.what());
    } catch (const std::bad_alloc&) {
        return fail("not enough memory for this request (try a smaller --n, --d-model or text)");
    } catch (const std::exception& e) {
        return fail(std::string("unexpected failure: ") + e.what());
    } catch (...) {
        return fail("unexpected failure");
    }
    return emit(bytes);
}
