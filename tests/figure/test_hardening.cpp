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

#include <csignal>
#include <cstdlib>
#include <thread>

#include <sys/stat.h>

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

// 20000 characters without a break took hours (the break search was cubic): the ctest timeout
// fails it. The lines must still fit and lose nothing, and combining marks stay on their base.
TEST(FigureHardening, LongUnbrokenTitlesWrapWithEveryCharacterKept)
{
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(9);
    const QFontMetrics metrics(font);
    const QString unbroken(20000, u'x');
    const QString marks = QStringLiteral("e") + QString(2000, QChar(0x0301)) + QString(300, u'y');
    for (const QString& text : {unbroken, marks}) {
        const QStringList lines = wrapText(text, font, 90).split(u'\n');
        EXPECT_GT(lines.size(), 1);
        for (const QString& line : lines) {
            EXPECT_FALSE(line.isEmpty());
            EXPECT_NE(line.front(), QChar(0x0301)) << "a combining mark was split from its base";
            if (!line.startsWith(u'e')) {
                EXPECT_LE(metrics.horizontalAdvance(line), 90) << line.size();
            }
        }
        EXPECT_EQ(lines.join(QString()), text);
    }
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

// size() is 0 for a device: the cap is checked while reading, so /dev/zero ends in an error.
TEST(FigureHardening, EndlessFilesAreRefusedAtTheCap)
{
    const std::string e = loadError(QStringLiteral("/dev/zero"));
    EXPECT_NE(e.find("not a PosLab session or figure (neither JSON nor PNG, PDF or SVG)"), std::string::npos)
        << e;
    // What starts like a session is read up to the cap.
    ::signal(SIGPIPE, SIG_IGN); // the writer's end closes when the reader gives up
    QTemporaryDir dir;
    const QString fifo = dir.filePath(QStringLiteral("endless"));
    ASSERT_EQ(::mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
    std::thread writer([&] {
        QFile f(fifo);
        if (!f.open(QIODevice::WriteOnly)) return;
        const QByteArray block = "{" + QByteArray(1 << 20, ' ');
        while (f.write(block) > 0) {
        }
    });
    const std::string endless = loadError(fifo);
    writer.join();
    EXPECT_NE(endless.find("too large to be a session or figure (more than 256 MiB)"), std::string::npos)
        << endless;
}

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

// A PNG canvas is width × height pixels of 4 bytes, and about as much again while it is encoded.
TEST(FigureHardening, CanvasesBeyondTheMemoryBudgetAreRefusedBeforeAllocation)
{
    ::setenv("POSLAB_MEMORY_BUDGET", "1073741824", 1); // 1 GiB
    Session s = sampleSession();
    s.view = FigureView::Heatmap;
    s.style.widthMm = 500;
    s.style.heightMm = 500;
    s.style.dpi = 2400; // 47244 × 47244 pixels: 8.3 GiB, 17 GiB with the encoding
    std::string e;
    try {
        renderFigure(testLab(), s, FigureFormat::Png);
    } catch (const poslab::FieldError& error) {
        EXPECT_EQ(error.field(), "dpi");
        e = error.what();
    }
    EXPECT_NE(e.find("47244 \u00d7 47244 pixels"), std::string::npos) << e;
    EXPECT_NE(e.find("needs 17 GiB"), std::string::npos) << e;
    s.style.widthMm = s.style.heightMm = 100;
    s.style.dpi = 300; // 1181 × 1181: 11 MiB
    EXPECT_EQ(renderFigure(testLab(), s, FigureFormat::Png).pixels, QSize(1181, 1181));
    ::unsetenv("POSLAB_MEMORY_BUDGET");
}
