#include "figuretest.h"

#include <figure.h>

#include <QFileInfo>
#include <QImage>
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

CliRun cli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(POSLAB_CLI), args);
    p.waitForFinished(120000);
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

} // namespace

TEST(CliFigure, TwoColumnHeadGridPdfThenAgainFromItsSession)
{
    QTemporaryDir dir;
    const QString pdf = dir.filePath("heads.pdf");
    const QString csv = dir.filePath("heads.csv");
    CliRun r = cli({"figure", "--scheme", "alibi", "--text", "the cat sat on the mat", "--view", "heads", "--preset",
                 "two-column", "--format", "pdf", "--out", pdf, "--data-out", csv});
    ASSERT_EQ(r.status, 0) << r.err.toStdString();
    EXPECT_TRUE(r.err.isEmpty()) << r.err.toStdString();
    EXPECT_TRUE(readAll(pdf).startsWith("%PDF"));
    EXPECT_FALSE(readAll(csv).isEmpty());

    const QString a = dir.filePath("a.png"), b = dir.filePath("b.png");
    ASSERT_EQ(cli({"figure", "--session", pdf, "--out", a}).status, 0);
    ASSERT_EQ(cli({"figure", "--session", a, "--out", b}).status, 0);
    EXPECT_EQ(readAll(a), readAll(b));
    EXPECT_EQ(QImage(a).width(), 2067); // 175 mm at 300 dpi
    EXPECT_EQ(loadSession(a).view, FigureView::Heads);
}

TEST(CliFigure, DataBesideTheFigureIsWhatComputeWrites)
{
    QTemporaryDir dir;
    const QString csv = dir.filePath("p.csv");
    ASSERT_EQ(cli({"figure", "--scheme", "rope", "--n", "6", "--what", "logits", "--head", "1", "--out",
                   dir.filePath("p.svg"), "--data-out", csv})
                  .status,
              0);
    const CliRun compute = cli({"compute", "--scheme", "rope", "--n", "6", "--what", "logits", "--head", "1", "--engine",
                             "reference"});
    ASSERT_EQ(compute.status, 0);
    EXPECT_EQ(readAll(csv), compute.out);
}

TEST(CliFigure, ErrorsAreOneLineAndLeaveNothing)
{
    QTemporaryDir dir;
    const QString out = dir.filePath("no/such/dir/f.png");
    CliRun r = cli({"figure", "--scheme", "alibi", "--n", "4", "--out", out});
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err.count('\n'), 1) << r.err.toStdString();
    EXPECT_FALSE(QFileInfo::exists(out));

    writeAll(dir.filePath("bad.poslab"), "{\"format\":\"poslab-session\",\"version\":3}");
    r = cli({"figure", "--session", dir.filePath("bad.poslab"), "--out", dir.filePath("f.png")});
    EXPECT_EQ(r.status, 2);
    EXPECT_TRUE(r.err.contains("newer PosLab")) << r.err.toStdString();
    EXPECT_FALSE(QFileInfo::exists(dir.filePath("f.png")));
    EXPECT_EQ(cli({"figure", "--session", dir.filePath("bad.poslab"), "--n", "4", "--out", "x.png"}).status, 2);
    EXPECT_EQ(cli({"figure", "--scheme", "alibi", "--n", "4", "--out", dir.filePath("f.gif")}).status, 2);
}

TEST(CliFigure, CompareAndExplainOptions)
{
    QTemporaryDir dir;
    const QString json = dir.filePath("compare.json"), svg = dir.filePath("compare.svg");
    CliRun r = cli({"figure", "--scheme", "alibi", "--text", "the cat sat on the mat", "--view", "compare",
                    "--compare-scheme", "sinusoidal", "--shift", "8", "--cell", "3,1", "--out", svg, "--data-out",
                    json});
    ASSERT_EQ(r.status, 0) << r.err.toStdString();
    const Session s = loadSession(svg);
    EXPECT_EQ(s.view, FigureView::Compare);
    EXPECT_EQ(s.compareScheme, "sinusoidal");
    EXPECT_EQ(s.shift, 8);
    EXPECT_EQ(s.cellI, 3);
    EXPECT_EQ(s.cellJ, 1);
    EXPECT_TRUE(readAll(json).contains("\"max_shift_change\":0,")) << readAll(json).toStdString();

    r = cli({"figure", "--session", svg, "--view", "explain", "--out", dir.filePath("explain.png")});
    EXPECT_EQ(r.status, 0) << r.err.toStdString();
    r = cli({"figure", "--scheme", "alibi", "--n", "4", "--view", "explain", "--out", dir.filePath("e.png")});
    EXPECT_EQ(r.status, 2);
    EXPECT_TRUE(r.err.contains("--cell")) << r.err.toStdString();
    r = cli({"figure", "--scheme", "alibi", "--n", "4", "--view", "compare", "--compare-scheme", "nope", "--out",
             dir.filePath("c.png")});
    EXPECT_EQ(r.status, 2);
    EXPECT_TRUE(r.err.contains("unknown scheme 'nope'")) << r.err.toStdString();
    EXPECT_EQ(cli({"figure", "--scheme", "alibi", "--n", "4", "--cell", "3", "--out", dir.filePath("x.png")}).status,
              2);
    EXPECT_FALSE(QFileInfo::exists(dir.filePath("c.png")));
}
