#pragma once

#include <QByteArray>
#include <QString>

#include <string>
#include <vector>

// The files one command writes (a figure, its data, its session), all or nothing. A regular file is
// written to a temporary file beside it and renamed over it only once every file is complete; a
// symlink is followed (its target is replaced, the link stays); a FIFO or device (/dev/stdout, a
// pipe) is written in place, its write errors reported. Errors: poslab::Error, one line.
namespace poslab::figure {

struct OutputFile
{
    QString path;
    QByteArray bytes;
};

// Before any work: Error when `path` cannot be a file to write (no name, a directory, a folder that
// does not exist). `option` names it in the message ("--data-out").
void checkOutputPath(const QString& path, const std::string& option);

// Writes every file or, on Error, changes none of the regular files: temporary files are removed.
// Order: all temporary files, then the FIFOs and devices, then the renames in the order given.
void writeAllOrNothing(const std::vector<OutputFile>& files);

} // namespace poslab::figure
