// poslab-cli figure's outputs go through core/atomicfile.h: "-" is standard output, and its write
// errors leave the other outputs as they were.

#include "figuretest.h"

#include <figure.h>
#include <session.h>

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace poslab::figure;
using namespace poslab::figure::test;

namespace {

struct CliRun
{
    int status = -1;
    QByteArray out, err;
};

CliRun figureCli(const QStringList& args, const QString& workdir, const QString& stdoutFile = {})
{
    QProcess p;
    p.setWorkingDirectory(workdir);
    if (!stdoutFile.isEmpty()) p.setStandardOutputFile(stdoutFile);
    p.start(QStringLiteral(POSLAB_CLI), QStringList{"figure", "--scheme", "rope", "--n", "5"} + args);
    p.waitForFinished(120000);
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

QStringList entries(const QTemporaryDir& dir)
{
    return QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::Hidden | QDir::System);
}

} // namespace

TEST(FigureOutputs, DashIsStandardOutput)
{
    QTemporaryDir dir;
    const CliRun r = figureCli({"--out", "-", "--format", "svg", "--session-out", "s.poslab"}, dir.path());
    ASSERT_EQ(r.status, 0) << r.err.toStdString();
    EXPECT_TRUE(r.out.startsWith("<?xml")) << r.out.left(80).toStdString();
    EXPECT_EQ(entries(dir), QStringList{"s.poslab"}) << "no file named '-'";
    writeAll(dir.filePath("from-stdout.svg"), r.out);
    EXPECT_TRUE(loadSession(dir.filePath("from-stdout.svg")) == loadSession(dir.filePath("s.poslab")));
}

// Standard output on a full disk (/dev/full): one line with errno's words, and the session that
// was to be written beside it is not.
TEST(FigureOutputs, StandardOutputErrorsLeaveTheOtherFilesAlone)
{
    QTemporaryDir dir;
    writeAll(dir.filePath("s.poslab"), "old");
    const CliRun r = figureCli({"--out", "-", "--format", "png", "--session-out", "s.poslab"}, dir.path(),
                            QStringLiteral("/dev/full"));
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err, "poslab-cli: error: cannot write to standard output: No space left on device\n");
    EXPECT_EQ(readAll(dir.filePath("s.poslab")), "old");
    EXPECT_EQ(entries(dir), QStringList{"s.poslab"});
}
