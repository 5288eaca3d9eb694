#pragma once

#include <cstdint>
#include <string>

// The memory a computation may take, derived from the memory the system has available, and the
// check made before every allocation that input decides (n × n matrices, per-token matrices,
// figure canvases). Refusals say what needs how much and what to do instead.
namespace poslab {

// Bytes the system can give without swapping: MemAvailable of /proc/meminfo, else available pages
// (sysconf). POSLAB_MEMORY_BUDGET (bytes) replaces the budget, for tests and small machines.
std::uint64_t availableMemory();
// Three quarters of availableMemory(): the rest for the front end, the OS and estimates' slack.
double memoryBudget();
double budgetOf(std::uint64_t available); // the budget for that much available memory

std::string formatBytes(double bytes); // "4.0 GiB", "640 MiB", "12 KiB"

// Throws FieldError(field, "<what> needs <bytes> (the memory budget is <budget>, from available
// memory); <advice>") when bytes > memoryBudget(). `what` and `advice` may name fields as {field}.
void checkMemory(const std::string& field, double bytes, const std::string& what, const std::string& advice);

} // namespace poslab
