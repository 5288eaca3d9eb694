#include "outputfiles.h"

#include <error.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <memory>

namespace poslab::figure {

namespace {

[[noreturn]] void fail(const QString& path, const QString& why)
{
    throw Error("cannot write '" + path.toStdString() + "': " + why.toStdString());
}

// The file `path` names: an existing regular file's real path (links resolved), the target of a
// dangling symlink (created there), otherwise the path itself (new files, FIFOs and devices).
QString targetOf(const QString& path)
{
    const QFileInfo info(path);
    if (info.exists()) return info.isFile() ? info.canonicalFilePath() : path;
    QString target = path;
    for (int hops = 0; hops < 40 && QFileInfo(target).isSymLink(); ++hops)
        target = QFileInfo(target).symLinkTarget();
    if (QFileInfo(target).isSymLink()) fail(path, QStringLiteral("Too many levels of symbolic links"));
    return target;
}

bool isSpecial(const QFileInfo& target)
{
    return target.exists() && !target.isFile() && !target.isDir();
}

void writeInPlace(const OutputFile& f)
{
    QFile out(f.path);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Unbuffered)) fail(f.path, out.errorString());
    qint64 done = 0;
    while (done < f.bytes.size()) {
        const qint64 n = out.write(f.bytes.constData() + done, f.bytes.size() - done);
        if (n <= 0) fail(f.path, out.errorString());
        done += n;
    }
}

} // namespace

void checkOutputPath(const QString& path, const std::string& option)
{
    if (path.isEmpty()) throw Error(option + " needs a file name");
    const QFileInfo target(targetOf(path));
    if (target.isDir()) throw Error(option + ": cannot write '" + path.toStdString() + "': it is a folder");
    if (target.exists()) return;
    const QFileInfo folder(target.absolutePath());
    if (!folder.isDir())
        throw Error(option + ": cannot write '" + path.toStdString() + "': there is no folder '" +
                    QDir::toNativeSeparators(target.path()).toStdString() + "'");
}

void writeAllOrNothing(const std::vector<OutputFile>& files)
{
    struct Staged
    {
        const OutputFile* file;
        QString target;
        bool existed;
        std::unique_ptr<QSaveFile> save;
    };
    std::vector<Staged> staged; // destroyed uncommitted on Error: QSaveFile removes its temporary file
    std::vector<const OutputFile*> inPlace;
    for (const OutputFile& f : files) {
        const QFileInfo target(targetOf(f.path));
        if (target.isDir()) fail(f.path, QStringLiteral("Is a directory"));
        if (isSpecial(target)) {
            inPlace.push_back(&f);
            continue;
        }
        for (const Staged& s : staged)
            if (s.target == target.absoluteFilePath())
                throw Error("'" + s.file->path.toStdString() + "' and '" + f.path.toStdString() +
                            "' are the same file");
        auto save = std::make_unique<QSaveFile>(target.absoluteFilePath());
        if (!save->open(QIODevice::WriteOnly) || save->write(f.bytes) != f.bytes.size() || !save->flush())
            fail(f.path, save->errorString());
        staged.push_back({&f, target.absoluteFilePath(), target.exists(), std::move(save)});
    }
    for (const OutputFile* f : inPlace)
        writeInPlace(*f);
    for (std::size_t k = 0; k < staged.size(); ++k) {
        if (staged[k].save->commit()) continue;
        const QString why = staged[k].save->errorString();
        for (std::size_t done = 0; done < k; ++done) // all or nothing: what this call created goes again
            if (!staged[done].existed) QFile::remove(staged[done].target);
        fail(staged[k].file->path, why);
    }
}

} // namespace poslab::figure
