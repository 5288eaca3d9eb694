// core/atomicfile.h: every file PosLab writes, all or nothing.

#include "atomicfile.h"
#include "error.h"

#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace poslab;
namespace fs = std::filesystem;

namespace {

constexpr uid_t kNobody = 65534;

std::string readFile(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void writeFile(const fs::path& p, const std::string& bytes)
{
    std::ofstream(p, std::ios::binary) << bytes;
}

std::string messageOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "no error";
}

bool isCharDevice(const char* path)
{
    struct stat st
    {
    };
    return ::stat(path, &st) == 0 && S_ISCHR(st.st_mode);
}

// Whether this directory's file system gives anonymous temporaries (tmpfs, ext4, xfs, btrfs do).
bool supportsTmpfile(const fs::path& dir)
{
    const int fd = ::open(dir.c_str(), O_TMPFILE | O_WRONLY, 0600);
    if (fd < 0) return false;
    ::close(fd);
    return true;
}

// What `body` returns, run in a child process as a user that permission bits apply to: root ignores
// them, and as nobody a mistake cannot replace a device. std::nullopt when no such user is possible.
std::optional<std::string> unprivileged(const std::function<std::string()>& body)
{
    int fds[2];
    if (::pipe(fds) != 0) return std::nullopt;
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        if (::geteuid() == 0 &&
            (::setgroups(0, nullptr) != 0 || ::setgid(kNobody) != 0 || ::setuid(kNobody) != 0))
            ::_exit(77);
        std::string said;
        try {
            said = body();
        } catch (const std::exception& e) {
            said = std::string("unexpected: ") + e.what();
        }
        const ssize_t n = ::write(fds[1], said.data(), said.size());
        ::_exit(n == static_cast<ssize_t>(said.size()) ? 0 : 1);
    }
    ::close(fds[1]);
    std::string said;
    char buf[512];
    for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;)
        said.append(buf, static_cast<std::size_t>(n));
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) == 77) return std::nullopt;
    return said;
}

class AtomicFile : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        std::string tmpl = (fs::temp_directory_path() / "poslab-atomic-XXXXXX").string();
        ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
        m_dir = tmpl;
    }
    void TearDown() override
    {
        std::error_code ec;
        fs::permissions(m_dir, fs::perms::owner_all, fs::perm_options::add, ec);
        fs::remove_all(m_dir, ec);
    }
    // Every name in the directory, hidden temporaries included.
    std::set<std::string> entries(const fs::path& dir = {}) const
    {
        std::set<std::string> names;
        for (const auto& e : fs::directory_iterator(dir.empty() ? m_dir : dir))
            names.insert(e.path().filename().string());
        return names;
    }
    // The directory, open to the unprivileged child (as root, it is owned by nobody for the test).
    void handToNobody() const
    {
        if (::geteuid() == 0) {
            ASSERT_EQ(::chown(m_dir.c_str(), kNobody, kNobody), 0);
        }
    }
    fs::path m_dir;
};

} // namespace

TEST_F(AtomicFile, SeveralFilesAreCommittedTogether)
{
    writeFile(m_dir / "a.csv", "old a\n");
    FileTransaction t;
    t.add((m_dir / "a.csv").string(), "new a\n");
    t.add((m_dir / "b.json").string(), "{}\n");
    EXPECT_EQ(readFile(m_dir / "a.csv"), "old a\n"); // nothing changes before commit
    EXPECT_FALSE(fs::exists(m_dir / "b.json"));
    t.commit();
    EXPECT_EQ(readFile(m_dir / "a.csv"), "new a\n");
    EXPECT_EQ(readFile(m_dir / "b.json"), "{}\n");
    EXPECT_EQ(entries(), (std::set<std::string>{"a.csv", "b.json"}));
}

// The second file cannot be written: the first, already staged, is not touched and its temporary goes.
TEST_F(AtomicFile, WhenTheSecondFileFailsTheFirstStaysAsItWas)
{
    for (const Temporaries kind : {Temporaries::Anonymous, Temporaries::Named}) {
        writeFile(m_dir / "a.csv", "old a\n");
        const fs::path missing = m_dir / "missing" / "b.csv";
        {
            FileTransaction t(kind);
            t.add((m_dir / "a.csv").string(), "new a\n");
            EXPECT_EQ(messageOf([&] { t.add(missing.string(), "b\n"); }),
                      "cannot write '" + missing.string() + "': No such file or directory");
        }
        EXPECT_EQ(readFile(m_dir / "a.csv"), "old a\n");
        EXPECT_EQ(entries(), std::set<std::string>{"a.csv"}) << "a temporary was left behind";
    }
}

// A device that fails at commit (/dev/full): no regular file of the transaction changes.
TEST_F(AtomicFile, WhenADeviceFailsAtCommitNoFileChanges)
{
    ASSERT_TRUE(isCharDevice("/dev/full"));
    handToNobody();
    const fs::path a = m_dir / "a.csv", b = m_dir / "b.csv";
    const auto said = unprivileged([&] {
        writeFile(a, "old a\n");
        FileTransaction t;
        t.add(a.string(), "new a\n");
        t.add("/dev/full", "data\n");
        t.add(b.string(), "new b\n");
        return messageOf([&] { t.commit(); });
    });
    if (!said) GTEST_SKIP() << "cannot run a child process as an unprivileged user";
    EXPECT_EQ(*said, "cannot write '/dev/full': No space left on device");
    EXPECT_EQ(readFile(a), "old a\n");
    EXPECT_EQ(entries(), std::set<std::string>{"a.csv"});
    EXPECT_TRUE(isCharDevice("/dev/full"));
}

TEST_F(AtomicFile, DevFullReportsNoSpace)
{
    ASSERT_TRUE(isCharDevice("/dev/full"));
    const auto said = unprivileged([] { return messageOf([] { writeFileAtomically("/dev/full", "x"); }); });
    if (!said) GTEST_SKIP() << "cannot run a child process as an unprivileged user";
    EXPECT_EQ(*said, "cannot write '/dev/full': No space left on device");
    EXPECT_TRUE(isCharDevice("/dev/full")) << "/dev/full must stay a device";
}

TEST_F(AtomicFile, PermissionDeniedInTheDirectory)
{
    handToNobody();
    fs::create_directory(m_dir / "locked");
    writeFile(m_dir / "locked" / "keep.csv", "keep\n");
    if (::geteuid() == 0) {
        ASSERT_EQ(::chown((m_dir / "locked").c_str(), kNobody, kNobody), 0);
    }
    fs::permissions(m_dir / "locked", fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                          fs::perms::group_exec | fs::perms::others_read |
                                          fs::perms::others_exec);
    const fs::path fresh = m_dir / "locked" / "new.csv", keep = m_dir / "locked" / "keep.csv";
    const auto said = unprivileged([&] {
        return messageOf([&] { checkOutputPath(fresh.string()); }) + "\n" +
               messageOf([&] { writeFileAtomically(fresh.string(), "x"); }) + "\n" +
               messageOf([&] { writeFileAtomically(keep.string(), "x"); });
    });
    if (!said) GTEST_SKIP() << "cannot run a child process as an unprivileged user";
    EXPECT_EQ(*said, "cannot write '" + fresh.string() + "': Permission denied\n" + "cannot write '" +
                         fresh.string() + "': Permission denied\n" + "cannot write '" + keep.string() +
                         "': Permission denied");
    fs::permissions(m_dir / "locked", fs::perms::owner_all);
    EXPECT_EQ(entries(m_dir / "locked"), std::set<std::string>{"keep.csv"});
    EXPECT_EQ(readFile(keep), "keep\n");
}

TEST_F(AtomicFile, TargetIsADirectory)
{
    fs::create_directory(m_dir / "sub");
    writeFile(m_dir / "sub" / "inside", "x");
    const std::string sub = (m_dir / "sub").string();
    EXPECT_EQ(messageOf([&] { writeFileAtomically(sub, "x"); }),
              "cannot write '" + sub + "': Is a directory");
    EXPECT_EQ(messageOf([&] { checkOutputPath(sub); }), "cannot write '" + sub + "': it is a folder");
    EXPECT_EQ(messageOf([&] { writeFileAtomically(sub + "/", "x"); }),
              "cannot write '" + sub + "/': Is a directory");
    EXPECT_TRUE(fs::is_directory(m_dir / "sub"));
    EXPECT_EQ(entries(m_dir / "sub"), std::set<std::string>{"inside"});
    EXPECT_EQ(entries(), std::set<std::string>{"sub"});
}

// errno's own words, one line naming the file as given.
TEST_F(AtomicFile, ErrorsNameTheFileAndSayWhatErrnoSays)
{
    writeFile(m_dir / "plain", "x");
    const std::string through = (m_dir / "plain" / "child.csv").string();
    EXPECT_EQ(messageOf([&] { writeFileAtomically(through, "x"); }),
              "cannot write '" + through + "': Not a directory");
    fs::create_symlink("loop-b", m_dir / "loop-a");
    fs::create_symlink("loop-a", m_dir / "loop-b");
    const std::string loop = (m_dir / "loop-a").string();
    EXPECT_EQ(messageOf([&] { writeFileAtomically(loop, "x"); }),
              "cannot write '" + loop + "': Too many levels of symbolic links");
    EXPECT_EQ(messageOf([] { writeFileAtomically("", "x"); }), "cannot write '': no file name given");
    const std::string noFolder = (m_dir / "no" / "out.csv").string();
    EXPECT_EQ(messageOf([&] { checkOutputPath(noFolder); }),
              "cannot write '" + noFolder + "': there is no folder '" + (m_dir / "no").string() + "'");
    EXPECT_EQ(entries(), (std::set<std::string>{"plain", "loop-a", "loop-b"}));
}

TEST_F(AtomicFile, SymlinksAreFollowedAndStay)
{
    fs::create_directory(m_dir / "data");
    writeFile(m_dir / "data" / "real.csv", "old\n");
    fs::create_symlink("data/real.csv", m_dir / "link.csv");
    fs::create_symlink("link.csv", m_dir / "chain.csv"); // a link to a link
    fs::create_symlink("data/made.csv", m_dir / "dangling.csv");
    FileTransaction t;
    t.add((m_dir / "chain.csv").string(), "new\n");
    t.add((m_dir / "dangling.csv").string(), "made\n");
    t.commit();
    EXPECT_EQ(readFile(m_dir / "data" / "real.csv"), "new\n");
    EXPECT_EQ(readFile(m_dir / "data" / "made.csv"), "made\n");
    EXPECT_EQ(fs::read_symlink(m_dir / "link.csv"), fs::path("data/real.csv"));
    EXPECT_EQ(fs::read_symlink(m_dir / "chain.csv"), fs::path("link.csv"));
    EXPECT_EQ(fs::read_symlink(m_dir / "dangling.csv"), fs::path("data/made.csv"));
    EXPECT_EQ(entries(m_dir / "data"), (std::set<std::string>{"made.csv", "real.csv"}));
}

// Two outputs that name one file (here through a link) would race: refused before either is written.
TEST_F(AtomicFile, TwoNamesForOneFileAreRefused)
{
    writeFile(m_dir / "real.csv", "old\n");
    fs::create_symlink("real.csv", m_dir / "link.csv");
    const std::string real = (m_dir / "real.csv").string(), link = (m_dir / "link.csv").string();
    {
        FileTransaction t;
        t.add(real, "one\n");
        EXPECT_EQ(messageOf([&] { t.add(link, "two\n"); }),
                  "'" + real + "' and '" + link + "' are the same file");
    }
    EXPECT_EQ(readFile(m_dir / "real.csv"), "old\n");
    EXPECT_EQ(entries(), (std::set<std::string>{"link.csv", "real.csv"}));
}

// A FIFO is written in place at commit, after the files are staged and before they are renamed.
TEST_F(AtomicFile, FifoIsWrittenInPlace)
{
    const fs::path fifo = m_dir / "pipe";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    std::string received;
    std::thread reader([&] { received = readFile(fifo); });
    FileTransaction t;
    t.add((m_dir / "figure.png").string(), "png");
    t.add(fifo.string(), "through the pipe\n");
    t.commit();
    reader.join();
    EXPECT_EQ(received, "through the pipe\n");
    EXPECT_TRUE(fs::is_fifo(fifo));
    EXPECT_EQ(readFile(m_dir / "figure.png"), "png");
    EXPECT_EQ(entries(), (std::set<std::string>{"figure.png", "pipe"}));
}

// "-" is standard output; its errors are errno's too (/dev/full behind descriptor 1).
TEST_F(AtomicFile, DashIsStandardOutput)
{
    const int saved = ::dup(STDOUT_FILENO);
    ASSERT_GE(saved, 0);
    const int out = ::open((m_dir / "captured").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ASSERT_GE(out, 0);
    ::dup2(out, STDOUT_FILENO);
    FileTransaction t;
    t.add("-", "to stdout\n");
    t.commit();
    const int full = ::open("/dev/full", O_WRONLY);
    std::string error = "no /dev/full";
    if (full >= 0) {
        ::dup2(full, STDOUT_FILENO);
        error = messageOf([] { writeFileAtomically("-", "x"); });
        ::close(full);
    }
    ::dup2(saved, STDOUT_FILENO);
    ::close(saved);
    ::close(out);
    EXPECT_EQ(readFile(m_dir / "captured"), "to stdout\n");
    EXPECT_EQ(entries(), std::set<std::string>{"captured"}) << "no file named '-'";
    EXPECT_EQ(error, "cannot write to standard output: No space left on device");
}

TEST_F(AtomicFile, ReplacedFileKeepsItsMode)
{
    writeFile(m_dir / "shared.csv", "old");
    fs::permissions(m_dir / "shared.csv",
                    fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    writeFileAtomically((m_dir / "shared.csv").string(), "new");
    EXPECT_EQ(fs::status(m_dir / "shared.csv").permissions(),
              fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    EXPECT_EQ(readFile(m_dir / "shared.csv"), "new");
}

// The named temporary must fit NAME_MAX even when the file's own name nearly fills it.
TEST_F(AtomicFile, LongNamesGetTemporariesThatFit)
{
    const std::string name(250, 'n');
    writeFile(m_dir / name, "old");
    for (const Temporaries kind : {Temporaries::Anonymous, Temporaries::Named}) {
        FileTransaction t(kind);
        t.add((m_dir / name).string(), "new");
        t.commit();
        EXPECT_EQ(readFile(m_dir / name), "new");
    }
    EXPECT_EQ(entries(), std::set<std::string>{name});
}

// Anonymous temporaries (O_TMPFILE) have no name until commit: nothing to see meanwhile, nothing to
// clean up after a kill. Named ones show as ".name.tmp-XXXXXX" and are left behind by kill -9.
TEST_F(AtomicFile, AnonymousTemporariesAreInvisibleUntilCommit)
{
    if (!supportsTmpfile(m_dir)) GTEST_SKIP() << m_dir << " has no O_TMPFILE (the named fallback is used)";
    writeFile(m_dir / "out.csv", "old\n");
    FileTransaction t;
    t.add((m_dir / "out.csv").string(), "new\n");
    EXPECT_EQ(entries(), std::set<std::string>{"out.csv"});
    EXPECT_EQ(readFile(m_dir / "out.csv"), "old\n");
    t.commit();
    EXPECT_EQ(readFile(m_dir / "out.csv"), "new\n");
    EXPECT_EQ(entries(), std::set<std::string>{"out.csv"});
}

TEST_F(AtomicFile, NamedTemporariesAreHiddenBesideTheFileAndRemoved)
{
    writeFile(m_dir / "out.csv", "old\n");
    {
        FileTransaction t(Temporaries::Named);
        t.add((m_dir / "out.csv").string(), "new\n");
        const std::set<std::string> staged = entries();
        ASSERT_EQ(staged.size(), 2u);
        const std::string temp = *staged.begin(); // '.' sorts first
        EXPECT_EQ(temp.rfind(".out.csv.tmp-", 0), 0u) << temp;
        EXPECT_EQ(temp.size(), std::string(".out.csv.tmp-XXXXXX").size());
        EXPECT_EQ(readFile(m_dir / temp), "new\n"); // complete before anything changes
        EXPECT_EQ(readFile(m_dir / "out.csv"), "old\n");
    } // not committed
    EXPECT_EQ(entries(), std::set<std::string>{"out.csv"});
    EXPECT_EQ(readFile(m_dir / "out.csv"), "old\n");
}

TEST_F(AtomicFile, KillDuringAWriteLeavesNoDebrisWithAnonymousTemporaries)
{
    if (!supportsTmpfile(m_dir)) GTEST_SKIP() << m_dir << " has no O_TMPFILE (the named fallback is used)";
    writeFile(m_dir / "out.csv", "old\n");
    auto killedWhileStaged = [&](Temporaries kind) {
        const pid_t pid = ::fork();
        if (pid == 0) {
            FileTransaction t(kind);
            t.add((m_dir / "out.csv").string(), "new\n");
            ::raise(SIGKILL);
            ::_exit(0);
        }
        int status = 0;
        ::waitpid(pid, &status, 0);
        return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    };
    ASSERT_TRUE(killedWhileStaged(Temporaries::Anonymous));
    EXPECT_EQ(entries(), std::set<std::string>{"out.csv"});
    EXPECT_EQ(readFile(m_dir / "out.csv"), "old\n");
    // The same kill with a named temporary leaves one: what the anonymous path is for.
    ASSERT_TRUE(killedWhileStaged(Temporaries::Named));
    EXPECT_EQ(entries().size(), 2u);
    EXPECT_EQ(readFile(m_dir / "out.csv"), "old\n");
}

TEST_F(AtomicFile, CheckAcceptsWhatCanBeWritten)
{
    const fs::path fifo = m_dir / "pipe";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    writeFile(m_dir / "old.csv", "x");
    fs::create_symlink("nowhere/x.csv", m_dir / "dangling-into-nothing");
    for (const std::string& path : std::vector<std::string>{"-", fifo.string(), (m_dir / "old.csv").string(),
                                                            (m_dir / "new.csv").string()})
        EXPECT_EQ(messageOf([&] { checkOutputPath(path); }), "no error") << path;
    // A dangling link is checked where its target would be created.
    const std::string dangling = (m_dir / "dangling-into-nothing").string();
    EXPECT_EQ(messageOf([&] { checkOutputPath(dangling); }),
              "cannot write '" + dangling + "': there is no folder '" + (m_dir / "nowhere").string() + "'");
    EXPECT_EQ(entries(), (std::set<std::string>{"dangling-into-nothing", "old.csv", "pipe"}));
}

// Issue 12: renaming over a file needs only the folder's permission. A read-only file of another
// user in a world-writable folder (no sticky bit) was silently replaced; it is refused as writing
// it in place would be, and stays as it was.
TEST_F(AtomicFile, AFileTheUserCouldNotWriteIsNotReplaced)
{
    if (::geteuid() != 0) GTEST_SKIP() << "needs root to make a file of another owner";
    fs::permissions(m_dir, fs::perms::all); // 0777, world-writable, no sticky bit
    const fs::path theirs = m_dir / "theirs.csv";
    writeFile(theirs, "keep\n");
    fs::permissions(theirs, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read); // 0444
    const auto said = unprivileged([&] {
        return messageOf([&] { checkOutputPath(theirs.string()); }) + "\n" +
               messageOf([&] { writeFileAtomically(theirs.string(), "x"); });
    });
    if (!said) GTEST_SKIP() << "cannot run a child process as an unprivileged user";
    EXPECT_EQ(*said, "cannot write '" + theirs.string() + "': Permission denied\ncannot write '" +
                         theirs.string() + "': Permission denied");
    EXPECT_EQ(readFile(theirs), "keep\n");
    EXPECT_EQ(entries(), std::set<std::string>{"theirs.csv"});
}
