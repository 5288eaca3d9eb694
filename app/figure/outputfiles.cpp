#include "outputfiles.h"

#include <atomicfile.h>
#include <error.h>

#include <QFile>

#include <string_view>

namespace poslab::figure {

namespace {

std::string localPath(const QString& path)
{
    return QFile::encodeName(path).toStdString();
}

} // namespace

void checkOutputPath(const QString& path, const std::string& option)
{
    if (path.isEmpty()) throw Error(option + " needs a file name");
    try {
        poslab::checkOutputPath(localPath(path));
    } catch (const Error& e) {
        throw Error(option + ": " + e.what());
    }
}

void writeAllOrNothing(const std::vector<OutputFile>& files)
{
    FileTransaction transaction;
    for (const OutputFile& f : files)
        transaction.add(localPath(f.path), std::string_view(f.bytes.constData(), std::size_t(f.bytes.size())));
    transaction.commit();
}

} // namespace poslab::figure
