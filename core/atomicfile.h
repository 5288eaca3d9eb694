#pragma once

#include <string>
#include <string_view>
#include <vector>

// Every file PosLab writes goes through here: the CLI's tables, figures, sessions and --data-out,
// the explorer's Save, Save As and Export Figure. A regular file is never seen half written: its
// bytes go to a temporary in its own directory (anonymous, O_TMPFILE, where the file system allows,
// else a hidden ".name.tmp-XXXXXX"), which a rename puts in its place once complete. A symlink is
// followed: its target is replaced and the link stays. A FIFO or device (/dev/stdout, a pipe) cannot
// be replaced and is written in place, and "-" is standard output. Errors: poslab::Error, one line
// naming the file ("cannot write 'out.csv': Permission denied"), errno's own words.
namespace poslab {

enum class Temporaries
{
    Anonymous, // O_TMPFILE: nothing to see or to leave behind until commit; Named where unsupported
    Named,     // always a visible ".name.tmp-XXXXXX"
};

// Several files written all or nothing (a figure, its data and its session). add() writes each
// temporary completely (fsync included), so that the usual failures (no space, no permission) happen
// before any file changes; commit() writes the FIFOs and devices, then renames every temporary into
// place in the order added. A transaction destroyed without commit() removes its temporaries.
class FileTransaction
{
  public:
    explicit FileTransaction(Temporaries temporaries = Temporaries::Anonymous);
    ~FileTransaction();
    FileTransaction(const FileTransaction&) = delete;
    FileTransaction& operator=(const FileTransaction&) = delete;

    void add(const std::string& path, std::string_view bytes);
    void commit();

  private:
    struct Entry;
    void abandon() noexcept;

    std::vector<Entry> m_entries;
    Temporaries m_temporaries;
    bool m_committed = false;
};

// One file, all or nothing: a transaction of one.
void writeFileAtomically(const std::string& path, std::string_view bytes);

// Before any work: Error when `path` cannot be written ("it is a folder", "there is no folder 'x'",
// a directory that refuses new files). Writing may still fail later (a full disk), all or nothing.
void checkOutputPath(const std::string& path);

// All of `bytes` to standard output, unbuffered; Error "cannot write to standard output: ...".
void writeStandardOutput(std::string_view bytes);

} // namespace poslab
