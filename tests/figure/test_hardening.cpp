// Hostile figures and sessions (issue 12): one line from PosLab, nothing from libraries before it.

#include "figuretest.h"

#include <figure.h>
#include <figuretext.h>

#include <QFontMetrics>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cstdlib>

using namespace poslab::figure;
using namespace poslab::figure::test;

namespace {

struct CliRun
{
    int status = -1;
    QByteArray out, err;
};

CliRun cli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(POSLAB_CLI), args);
    p.waitForFinished(120000);
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

// Flips a bit of the CRC of the PNG chunk whose data starts with `keyword`: libpng then warns and
// drops the chunk.
bool breakChunkCrc(QByteArray& png, const QByteArray& keyword)
{
    qsizetype at = 8; // after the signature
    while (at + 12 <= png.size()) {
        const auto u = [&](qsizetype k) { return quint32(quint8(png[k])); };
        const quint32 length = u(at) << 24 | u(at + 1) << 16 | u(at + 2) << 8 | u(at + 3);
        if (png.mid(at + 8, keyword.size()) == keyword) {
            png[at + 8 + length] = char(png[at + 8 + length] ^ 1);
            return true;
        }
        at += 12 + qsizetype(length);
    }
    return false;
}

} // namespace

TEST(FigureHardening, LibraryWarningsNeverComeBeforePosLabsLine)
{
    QTemporaryDir dir;
    const QString png = dir.filePath("a.png");
    ASSERT_EQ(cli({"figure", "--scheme", "alibi", "--n", "4", "--out", png}).status, 0);
    QByteArray bytes = readAll(png);
    ASSERT_TRUE(breakChunkCrc(bytes, "poslab-session"));
    const QString broken = dir.filePath("broken.png");
    writeAll(broken, bytes);

    const CliRun r = cli({"figure", "--session", broken, "--out", dir.filePath("b.png")});
    EXPECT_EQ(r.status, 2);
    EXPECT_TRUE(r.err.startsWith("poslab-cli: error: ")) << r.err.toStdString();
    EXPECT_EQ(r.err.count('\n'), 1) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains("carries no PosLab session")) << r.err.toStdString();
}

namespace {

std::string loadError(const QString& path)
{
    try {
        loadSession(path);
    } catch (const poslab::Error& e) {
        return e.what();
    }
    return {};
}

} // namespace

// The explorer opens sessions through loadSession, as figure --session does: the same validation,
// the same short refusal.
TEST(FigureHardening, HugeSchemeNamesAndParametersAreRefusedShortly)
{
    QTemporaryDir dir;
    const std::string huge(10'000'000, 'q');
    for (const char* field : {"scheme", "param"}) {
        QJsonObject o = QJsonDocument::fromJson(sessionToJson(sampleSession())).object();
        QJsonObject request = o["request"].toObject();
        if (std::string(field) == "scheme") {
            request["scheme"] = QString::fromStdString(huge);
        } else {
            QJsonObject params;
            params["num_buckets"] = QString::fromStdString(huge);
            request["params"] = params;
        }
        o["request"] = request;
        const QString path = dir.filePath(QStringLiteral("huge.poslab"));
        writeAll(path, QJsonDocument(o).toJson());
        const std::string e = loadError(path);
        EXPECT_FALSE(e.empty()) << field;
        EXPECT_LT(e.size(), 400u) << e.substr(0, 400);
        EXPECT_NE(e.find("(10000000 characters)"), std::string::npos) << e.substr(0, 400);
    }
}
