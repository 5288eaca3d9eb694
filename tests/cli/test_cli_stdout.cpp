// Standard output that cannot take the bytes (a full disk, here /dev/full behind descriptor 1):
// one line with errno's words, exit status 1, never silence.

#include "clitest.h"

#include <cerrno>
#include <filesystem>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace poslab::test;
namespace fs = std::filesystem;

namespace {

// poslab-cli with its standard output on /dev/full; what it says on stderr and its exit status.
CliResult runIntoDevFull(const std::vector<std::string>& args)
{
    CliResult r;
    int err[2];
    if (::pipe2(err, O_CLOEXEC) != 0) return r;
    std::vector<std::string> store{POSLAB_CLI};
    store.insert(store.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : store)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/full", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
    pid_t pid = 0;
    const int spawned = ::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(err[1]);
    char buf[4096];
    for (ssize_t n; spawned == 0 && (n = ::read(err[0], buf, sizeof buf)) != 0;)
        if (n > 0)
            r.err.append(buf, static_cast<std::size_t>(n));
        else if (errno != EINTR)
            break;
    ::close(err[0]);
    int status = 0;
    if (spawned == 0 && ::waitpid(pid, &status, 0) == pid && WIFEXITED(status))
        r.exitCode = WEXITSTATUS(status);
    return r;
}

} // namespace

TEST(CliStdout, WriteErrorsAreReportedWithErrnosWords)
{
    ASSERT_TRUE(fs::is_character_file("/dev/full"));
    for (const auto& extra : std::vector<std::vector<std::string>>{{}, {"--out", "-"}}) {
        std::vector<std::string> args = computeArgs({"--scheme", "t5", "--n", "5", "--what", "bucket"});
        args.insert(args.end(), extra.begin(), extra.end());
        const CliResult r = runIntoDevFull(args);
        EXPECT_EQ(r.exitCode, 1) << joined(args);
        EXPECT_EQ(r.err, "poslab-cli: error: cannot write to standard output: No space left on device\n");
    }
    const CliResult help = runIntoDevFull({"--help"});
    EXPECT_EQ(help.exitCode, 1);
    EXPECT_EQ(help.err, "poslab-cli: error: cannot write to standard output: No space left on device\n");
}
