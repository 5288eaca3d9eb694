#include "atomicfile.h"

#include "error.h"
#include "i18n.h"

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <random>
#include <system_error>
#include <tuple>
#include <utility>

#include <fcntl.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

namespace poslab {

namespace {

[[noreturn]] void fail(const std::string& path, int err)
{
    throw Error(fill(trCore("Errors", "cannot write %1: %2"),
                     {quoteInput(path), std::generic_category().message(err)}));
}

// 0 when every byte went out, else errno (EINTR retried).
int writeAll(int fd, std::string_view bytes)
{
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return errno;
        if (n == 0) return EIO;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return 0;
}

mode_t newFileMode()
{
    // umask() can only be read by changing it, which races with other threads; /proc has it.
    mode_t mask = 022;
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("Umask:", 0) == 0) {
            mask = static_cast<mode_t>(std::stoul(line.substr(6), nullptr, 8));
            break;
        }
    }
    return 0666 & ~mask;
}

enum class Kind
{
    File,      // a regular file, existing or new: replaced through a temporary
    InPlace,   // a FIFO or device
    Stdout,    // "-"
    Directory, // never written
};

struct Target
{
    Kind kind;
    std::string path; // File: where the file is, symlinks resolved
};

// The file a dangling path finally names: symlinks followed (relative targets from the link's
// directory), the last one dangling (then its target is created).
std::string followLinks(const std::string& requested)
{
    std::string path = requested;
    for (int depth = 0; depth < 40; ++depth) {
        struct stat st
        {
        };
        if (::lstat(path.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return path;
        std::string target(static_cast<std::size_t>(st.st_size > 0 ? st.st_size : 4096), '\0');
        const ssize_t len = ::readlink(path.c_str(), target.data(), target.size());
        if (len < 0) return path;
        target.resize(static_cast<std::size_t>(len));
        if (!target.empty() && target.front() != '/') {
            const std::size_t slash = path.rfind('/');
            if (slash != std::string::npos) target = path.substr(0, slash + 1) + target;
        }
        path = target;
    }
    fail(requested, ELOOP);
}

Target resolve(const std::string& path)
{
    if (path.empty()) throw Error(trCore("Errors", "cannot write '': no file name given"));
    if (path == "-") return {Kind::Stdout, path};
    struct stat st
    {
    };
    if (::stat(path.c_str(), &st) == 0) { // follows links, /proc/self/fd's too
        if (S_ISDIR(st.st_mode)) return {Kind::Directory, path};
        if (!S_ISREG(st.st_mode)) return {Kind::InPlace, path};
        // /proc and /sys show regular files that no file may replace (creating a temporary there
        // fails with ENOENT, which would read as a missing file): say what they are.
        struct statfs fs
        {
        };
        if (::statfs(path.c_str(), &fs) == 0 && (fs.f_type == PROC_SUPER_MAGIC || fs.f_type == SYSFS_MAGIC))
            throw Error(
                fill(trCore("Errors", "cannot write %1: it is a kernel file (/proc or /sys), not a file to "
                                      "replace"),
                     {quoteInput(path)}));
        // Renaming over a file needs only the folder's permission: a read-only file, or another
        // user's in a world-writable folder, would be replaced where writing it is refused.
        if (::faccessat(AT_FDCWD, path.c_str(), W_OK, AT_EACCESS) != 0) fail(path, errno);
        std::string real = path;
        if (char* resolved = ::realpath(path.c_str(), nullptr)) {
            real = resolved;
            std::free(resolved);
        }
        return {Kind::File, real};
    }
    if (errno != ENOENT) fail(path, errno); // ENOTDIR, EACCES, ELOOP: errno says it best
    return {Kind::File, followLinks(path)};
}

// "a/b/c" -> {"a/b", "c"}; "c" -> {".", "c"}; "/c" -> {"/", "c"}.
std::pair<std::string, std::string> splitPath(const std::string& path)
{
    const std::size_t slash = path.rfind('/');
    if (slash == std::string::npos) return {".", path};
    return {slash == 0 ? "/" : path.substr(0, slash), path.substr(slash + 1)};
}

// ".name.tmp-XXXXXX": hidden, and recognisably ours if it is ever left behind (a crash with Named).
std::string temporaryNameFor(const std::string& base)
{
    static thread_local std::mt19937_64 random{std::random_device{}()};
    static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    std::string name = "." + base.substr(0, 200) + ".tmp-"; // stays within NAME_MAX
    for (int k = 0; k < 6; ++k)
        name += kAlphabet[random() % (sizeof kAlphabet - 1)];
    return name;
}

bool anonymousUnsupported(int err)
{
    // EISDIR: a kernel without O_TMPFILE sees O_DIRECTORY; EOPNOTSUPP: a file system without it.
    return err == EISDIR || err == EOPNOTSUPP || err == EINVAL;
}

} // namespace

struct FileTransaction::Entry
{
    std::string path; // as given: messages name it
    Kind kind = Kind::File;
    std::string bytes;    // InPlace and Stdout: written at commit
    int dirFd = -1;       // File: the directory (O_PATH), so that every step addresses the same one
    std::string base;     // File: its name in that directory
    int fd = -1;          // File: the complete temporary
    std::string tempName; // File: the temporary's name while it has one
    bool existed = false;
    dev_t dirDev = 0;
    ino_t dirIno = 0;

    // Closes and removes what the entry holds; for destructors and error paths.
    void discard() noexcept
    {
        if (fd >= 0) ::close(fd);
        if (!tempName.empty()) ::unlinkat(dirFd, tempName.c_str(), 0);
        if (dirFd >= 0) ::close(dirFd);
        fd = dirFd = -1;
        tempName.clear();
    }

    // Gives an anonymous temporary a name beside its file (linkat cannot replace; rename does).
    // 0 or errno.
    int linkAnonymous()
    {
        for (int attempt = 0; attempt < 100; ++attempt) {
            const std::string name = temporaryNameFor(base);
            int r = ::linkat(fd, "", dirFd, name.c_str(), AT_EMPTY_PATH);
            if (r != 0 && (errno == ENOENT || errno == EPERM)) { // AT_EMPTY_PATH wants CAP_DAC_READ_SEARCH
                const std::string self = "/proc/self/fd/" + std::to_string(fd);
                r = ::linkat(AT_FDCWD, self.c_str(), dirFd, name.c_str(), AT_SYMLINK_FOLLOW);
            }
            if (r == 0) {
                tempName = name;
                return 0;
            }
            if (errno != EEXIST) return errno;
        }
        return EEXIST;
    }
};

FileTransaction::FileTransaction(Temporaries temporaries) : m_temporaries(temporaries) {}

FileTransaction::~FileTransaction()
{
    abandon();
}

void FileTransaction::abandon() noexcept
{
    for (Entry& e : m_entries)
        e.discard();
}

void FileTransaction::add(const std::string& path, std::string_view bytes)
{
    if (m_committed) throw Error("internal: a committed transaction takes no more files");
    const Target target = resolve(path);
    if (target.kind == Kind::Directory) fail(path, EISDIR);
    m_entries.reserve(m_entries.size() + 1); // push_back below cannot throw and lose a descriptor
    Entry e;
    e.path = path;
    e.kind = target.kind;
    if (target.kind != Kind::File) {
        e.bytes.assign(bytes);
        m_entries.push_back(std::move(e));
        return;
    }
    std::string dir;
    std::tie(dir, e.base) = splitPath(target.path);
    if (e.base.empty() || e.base == "." || e.base == "..") fail(path, EISDIR);
    try {
        e.dirFd = ::open(dir.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
        if (e.dirFd < 0) fail(path, errno);
        struct stat st
        {
        };
        if (::fstat(e.dirFd, &st) != 0) fail(path, errno);
        e.dirDev = st.st_dev;
        e.dirIno = st.st_ino;
        for (const Entry& other : m_entries)
            if (other.kind == Kind::File && other.dirDev == e.dirDev && other.dirIno == e.dirIno &&
                other.base == e.base)
                throw Error(fill(trCore("Errors", "%1 and %2 are the same file"),
                                 {quoteInput(other.path), quoteInput(path)}));

        // Keep the mode of a file being replaced; otherwise what open() would have given.
        // (A check that the user may write the old file itself would go here: rename needs only
        // the directory's permission.)
        mode_t mode = newFileMode();
        if (::fstatat(e.dirFd, e.base.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
            if (S_ISDIR(st.st_mode)) fail(path, EISDIR);
            e.existed = true;
            mode = st.st_mode & 07777;
        }
        if (m_temporaries == Temporaries::Anonymous) {
            e.fd = ::openat(e.dirFd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
            if (e.fd < 0 && !anonymousUnsupported(errno)) fail(path, errno);
        }
        for (int attempt = 0; e.fd < 0 && attempt < 100; ++attempt) {
            e.tempName = temporaryNameFor(e.base);
            e.fd = ::openat(e.dirFd, e.tempName.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
            if (e.fd < 0) {
                const int err = errno;
                e.tempName.clear();
                if (err != EEXIST) fail(path, err);
            }
        }
        if (e.fd < 0) fail(path, EEXIST);
        if (::fchmod(e.fd, mode) != 0) fail(path, errno);
        if (const int err = writeAll(e.fd, bytes)) fail(path, err);
        if (::fsync(e.fd) != 0) fail(path, errno);
    } catch (...) {
        e.discard();
        throw;
    }
    m_entries.push_back(std::move(e));
}

void FileTransaction::commit()
{
    if (m_committed) throw Error("internal: a transaction commits once");
    // In place first: a FIFO may block until its reader comes, and meanwhile nothing is visible.
    // Their write errors (/dev/full) come before any file has changed.
    for (Entry& e : m_entries) {
        if (e.kind == Kind::Stdout) {
            writeStandardOutput(e.bytes);
        } else if (e.kind == Kind::InPlace) {
            const int fd = ::open(e.path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
            if (fd < 0) fail(e.path, errno);
            int err = writeAll(fd, e.bytes);
            if (::close(fd) != 0 && err == 0) err = errno;
            if (err != 0) fail(e.path, err);
        }
    }
    for (Entry& e : m_entries)
        if (e.kind == Kind::File && e.tempName.empty())
            if (const int err = e.linkAnonymous()) fail(e.path, err);
    for (std::size_t k = 0; k < m_entries.size(); ++k) {
        Entry& e = m_entries[k];
        if (e.kind != Kind::File) continue;
        if (::renameat(e.dirFd, e.tempName.c_str(), e.dirFd, e.base.c_str()) != 0) {
            // Rare (the directory changed meanwhile): what this commit created goes again; a file
            // already replaced cannot come back.
            const int err = errno;
            for (std::size_t done = 0; done < k; ++done)
                if (m_entries[done].kind == Kind::File && !m_entries[done].existed)
                    ::unlinkat(m_entries[done].dirFd, m_entries[done].base.c_str(), 0);
            fail(e.path, err);
        }
        e.tempName.clear();
    }
    m_committed = true;
    // Make the renames durable; failing here leaves complete files, so it is not an error.
    for (Entry& e : m_entries) {
        if (e.kind != Kind::File) continue;
        const int dfd = ::openat(e.dirFd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd >= 0) {
            ::fsync(dfd);
            ::close(dfd);
        }
    }
    abandon();
}

void writeFileAtomically(const std::string& path, std::string_view bytes)
{
    FileTransaction transaction;
    transaction.add(path, bytes);
    transaction.commit();
}

void checkOutputPath(const std::string& path)
{
    const Target target = resolve(path);
    if (target.kind == Kind::Directory)
        throw Error(fill(trCore("Errors", "cannot write %1: it is a folder"), {quoteInput(path)}));
    if (target.kind != Kind::File) return;
    const std::string dir = splitPath(target.path).first;
    struct stat st
    {
    };
    const bool found = ::stat(dir.c_str(), &st) == 0;
    if (!found && errno != ENOENT && errno != ENOTDIR) fail(path, errno);
    if (!found || !S_ISDIR(st.st_mode))
        throw Error(fill(trCore("Errors", "cannot write %1: there is no folder %2"),
                         {quoteInput(path), quoteInput(dir)}));
    if (::faccessat(AT_FDCWD, dir.c_str(), W_OK | X_OK, AT_EACCESS) != 0) fail(path, errno);
}

void writeStandardOutput(std::string_view bytes)
{
    if (const int err = writeAll(STDOUT_FILENO, bytes))
        throw Error(fill(trCore("Errors", "cannot write to standard output: %1"),
                         {std::generic_category().message(err)}));
}

} // namespace poslab
