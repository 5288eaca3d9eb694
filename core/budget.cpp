#include "budget.h"

#include "error.h"
#include "i18n.h"

#include <unistd.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>

namespace poslab {

namespace {

std::uint64_t fromProcMeminfo()
{
    std::ifstream in("/proc/meminfo");
    std::string key;
    std::uint64_t kib = 0;
    std::string unit;
    while (in >> key >> kib) {
        std::getline(in, unit);
        if (key == "MemAvailable:") return kib * 1024;
    }
    return 0;
}

std::uint64_t fromSysconf()
{
    const long pages = sysconf(_SC_AVPHYS_PAGES), size = sysconf(_SC_PAGESIZE);
    return pages > 0 && size > 0 ? std::uint64_t(pages) * std::uint64_t(size) : 0;
}

} // namespace

std::uint64_t availableMemory()
{
    if (const std::uint64_t m = fromProcMeminfo()) return m;
    if (const std::uint64_t m = fromSysconf()) return m;
    return std::uint64_t(4) << 30; // neither: assume a small machine
}

double memoryBudget()
{
    if (const char* v = std::getenv("POSLAB_MEMORY_BUDGET"); v && *v) {
        double bytes = 0;
        const char* end = v + std::strlen(v);
        const auto [p, ec] = std::from_chars(v, end, bytes);
        if (ec == std::errc() && p == end && bytes > 0 && std::isfinite(bytes)) return bytes;
        throw Error(fill(trCore("Errors", "POSLAB_MEMORY_BUDGET must be a number of bytes, got %1"),
                         {quoteInput(v)}));
    }
    return budgetOf(availableMemory());
}

double budgetOf(std::uint64_t available)
{
    return 0.75 * double(available);
}

std::string formatBytes(double bytes)
{
    static const char* const units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    int u = 0;
    while (bytes >= 1024 && u < 6) {
        bytes /= 1024;
        ++u;
    }
    char text[32];
    if (u == 0)
        std::snprintf(text, sizeof text, "%.0f bytes", bytes);
    else
        std::snprintf(text, sizeof text, bytes < 10 ? "%.1f %s" : "%.0f %s", bytes, units[u]);
    return text;
}

void checkMemory(const std::string& field, double bytes, const std::string& what, const std::string& advice)
{
    const double budget = memoryBudget();
    if (bytes <= budget) return;
    const std::string need = formatBytes(bytes), most = formatBytes(budget);
    throw FieldError(
        field, advice.empty()
                   ? fill(trCore("Errors", "%1 needs %2 (the memory budget is %3, from available memory)"),
                          {what, need, most})
                   : fill(trCore("Errors", "%1 needs %2 (the memory budget is %3, from available "
                                           "memory); %4"),
                          {what, need, most, advice}));
}

} // namespace poslab
