#pragma once

#include <QByteArray>
#include <QString>

#include <string>
#include <vector>

// The app's side of core's atomicfile.h: the files one command or dialog writes (a figure, its data,
// its session), all or nothing, with the same guarantees (symlinks followed, FIFOs and devices
// written in place, "-" is standard output). Errors: poslab::Error, one line.
namespace poslab::figure {

struct OutputFile
{
    QString path;
    QByteArray bytes;
};

// Before any work: Error when `path` cannot be a file to write (no name, a directory, a folder that
// does not exist or refuses new files). `option` names it in the message ("--data-out").
void checkOutputPath(const QString& path, const std::string& option);

// Writes every file or, on Error, changes none of the regular files: temporary files are removed.
// Order: all temporary files, then the FIFOs and devices, then the renames in the order given.
void writeAllOrNothing(const std::vector<OutputFile>& files);

} // namespace poslab::figure
