#include "clirunner.h"

#include <cerrno>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace poslab::test {

namespace {

// POSLAB_CLI_TIMEOUT_MS: longer in a cross build, where poslab-cli runs under qemu-user
// (tests/cli/CMakeLists.txt).
#ifndef POSLAB_CLI_TIMEOUT_MS
#define POSLAB_CLI_TIMEOUT_MS 120'000
#endif
constexpr int kTimeoutMs = POSLAB_CLI_TIMEOUT_MS;

void check(bool ok, const char* what)
{
    if (!ok) throw std::runtime_error(std::string(what) + ": " + std::strerror(errno));
}

// Tests compare stderr exactly, and a slow machine (ASan, a loaded CI) must not add progress lines to
// it: long work prints progress to any stderr after 2 s. The test of progress sets its own value.
[[maybe_unused]] const bool kNoProgressInTests = [] { return ::setenv("POSLAB_PROGRESS_AFTER", "1e9", 0) == 0; }();

} // namespace

CliResult runCli(const std::vector<std::string>& args, const std::string& workdir)
{
    int outPipe[2], errPipe[2];
    check(::pipe2(outPipe, O_CLOEXEC) == 0, "pipe");
    check(::pipe2(errPipe, O_CLOEXEC) == 0, "pipe");

    std::vector<std::string> argvStore{POSLAB_CLI};
    argvStore.insert(argvStore.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argvStore)
        argv.push_back(a.data());
    argv.push_back(nullptr);

    const pid_t pid = ::fork();
    check(pid >= 0, "fork");
    if (pid == 0) {
        // Child: only async-signal-safe calls until exec.
        ::dup2(outPipe[1], STDOUT_FILENO);
        ::dup2(errPipe[1], STDERR_FILENO);
        if (!workdir.empty() && ::chdir(workdir.c_str()) != 0) ::_exit(126);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(outPipe[1]);
    ::close(errPipe[1]);

    CliResult result;
    pollfd fds[2] = {{outPipe[0], POLLIN, 0}, {errPipe[0], POLLIN, 0}};
    std::string* sinks[2] = {&result.out, &result.err};
    int open = 2;
    bool timedOut = false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kTimeoutMs);
    while (open > 0) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            timedOut = true;
            ::kill(pid, SIGKILL);
            break;
        }
        const int ready = ::poll(fds, 2, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR) continue;
        check(ready >= 0, "poll");
        for (int k = 0; k < 2; ++k) {
            if (fds[k].fd < 0 || !(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            char buf[65536];
            const ssize_t n = ::read(fds[k].fd, buf, sizeof buf);
            if (n > 0) {
                sinks[k]->append(buf, static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                ::close(fds[k].fd);
                fds[k].fd = -1;
                --open;
            }
        }
    }
    for (auto& f : fds)
        if (f.fd >= 0) ::close(f.fd);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.exitCode = !timedOut && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

std::vector<std::string> lines(const std::string& text)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        if (end > start) out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

std::vector<std::vector<double>> parseCsv(const std::string& text)
{
    if (!text.empty() && text.back() != '\n') throw std::runtime_error("CSV does not end with a newline");
    std::vector<std::vector<double>> rows;
    for (const auto& line : lines(text)) {
        std::vector<double> row;
        std::size_t start = 0;
        while (true) {
            std::size_t end = line.find(',', start);
            if (end == std::string::npos) end = line.size();
            double v = 0.0;
            const char* first = line.data() + start;
            const char* last = line.data() + end;
            auto [p, ec] = std::from_chars(first, last, v);
            if (ec != std::errc() || p != last || first == last)
                throw std::runtime_error("bad CSV number '" + std::string(first, last) + "'");
            row.push_back(v);
            if (end == line.size()) break;
            start = end + 1;
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

} // namespace poslab::test
