#include "figuretest.h"

#include <figure.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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
    CliRun r = cli({"figure", "--scheme", "alibi", "--text", "the cat sat on the mat", "--view", "heads",
                    "--preset", "two-column", "--format", "pdf", "--out", pdf, "--data-out", csv});
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
    // compute's default engine (onednn f32), as the app shows them.
    const CliRun compute =
        cli({"compute", "--scheme", "rope", "--n", "6", "--what", "logits", "--head", "1"});
    ASSERT_EQ(compute.status, 0);
    EXPECT_EQ(readAll(csv), compute.out);
}

// figure --view context / freqs: the data file is what compute --what context-curves / context writes,
// and the figure's session reopens the same view.
TEST(CliFigure, ContextViewsWriteWhatComputeWrites)
{
    QTemporaryDir dir;
    const QStringList model = {"--scheme", "rope", "--param", "scaling=llama3", "--param", "factor=4", "--param",
                               "original_max_position=32", "--n", "128"};
    for (const auto& [view, what] : {std::pair{"context", "context-curves"}, std::pair{"freqs", "context"}}) {
        const QString csv = dir.filePath(QString::fromLatin1(view) + ".csv");
        const QString svg = dir.filePath(QString::fromLatin1(view) + ".svg");
        const CliRun r = cli(QStringList{"figure"} + model + QStringList{"--view", view, "--out", svg, "--data-out", csv});
        ASSERT_EQ(r.status, 0) << r.err.toStdString();
        const CliRun compute = cli(QStringList{"compute"} + model + QStringList{"--what", what});
        ASSERT_EQ(compute.status, 0) << compute.err.toStdString();
        EXPECT_EQ(readAll(csv), compute.out) << view;
        EXPECT_EQ(figureViewName(loadSession(svg).view), view);
    }
    const CliRun alibi = cli({"figure", "--scheme", "alibi", "--n", "8", "--view", "freqs", "--out",
                              dir.filePath("x.png")});
    EXPECT_NE(alibi.status, 0);
    EXPECT_TRUE(alibi.err.contains("freqs")) << alibi.err.toStdString();
    EXPECT_FALSE(QFile::exists(dir.filePath("x.png")));
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
    EXPECT_EQ(cli({"figure", "--session", dir.filePath("bad.poslab"), "--n", "4", "--out", "x.png"}).status,
              2);
    EXPECT_EQ(cli({"figure", "--scheme", "alibi", "--n", "4", "--out", dir.filePath("f.gif")}).status, 2);
}

TEST(CliFigure, CompareAndExplainOptions)
{
    QTemporaryDir dir;
    const QString json = dir.filePath("compare.json"), svg = dir.filePath("compare.svg");
    CliRun r = cli({"figure", "--scheme", "alibi", "--text", "the cat sat on the mat", "--view", "compare",
                    "--compare-scheme", "sinusoidal", "--shift", "8", "--cell", "3,1", "--out", svg,
                    "--data-out", json});
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
    r = cli({"figure", "--scheme", "alibi", "--n", "4", "--view", "compare", "--compare-scheme", "no-such",
             "--out", dir.filePath("c.png")});
    EXPECT_EQ(r.status, 2);
    EXPECT_TRUE(r.err.contains("unknown scheme 'no-such'")) << r.err.toStdString();
    EXPECT_EQ(cli({"figure", "--scheme", "alibi", "--n", "4", "--cell", "3", "--out", dir.filePath("x.png")})
                  .status,
              2);
    EXPECT_FALSE(QFileInfo::exists(dir.filePath("c.png")));
}

namespace {

QStringList figureArgs(const QStringList& extra)
{
    return QStringList{"figure", "--scheme", "rope", "--n", "5"} + extra;
}

bool isCharDevice(const char* path)
{
    struct stat st
    {
    };
    return ::stat(path, &st) == 0 && S_ISCHR(st.st_mode);
}

QStringList entries(const QTemporaryDir& dir)
{
    return QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::Hidden | QDir::System);
}

} // namespace

TEST(CliFigure, DataOutWritesThroughSymlinksAndIntoFifosAndDevices)
{
    QTemporaryDir dir;
    const QByteArray expected = cli({"compute", "--scheme", "rope", "--n", "5", "--what", "probs"}).out;
    ASSERT_FALSE(expected.isEmpty());

    // A symlink stays a link; its target gets the data. A dangling one gets its target created.
    writeAll(dir.filePath("target.csv"), "old");
    ASSERT_TRUE(QFile::link("target.csv", dir.filePath("link.csv")));
    ASSERT_TRUE(QDir(dir.path()).mkdir("sub"));
    ASSERT_TRUE(QFile::link("sub/new.csv", dir.filePath("dangling.csv")));
    for (const char* link : {"link.csv", "dangling.csv"}) {
        const CliRun r = cli(figureArgs({"--out", dir.filePath("f.png"), "--data-out", dir.filePath(link)}));
        ASSERT_EQ(r.status, 0) << r.err.toStdString();
        EXPECT_TRUE(QFileInfo(dir.filePath(link)).isSymLink()) << link;
    }
    EXPECT_EQ(readAll(dir.filePath("target.csv")), expected);
    EXPECT_EQ(readAll(dir.filePath("sub/new.csv")), expected);

    // A FIFO is written in place (a reader is waiting), not replaced by a regular file.
    const QByteArray fifo = dir.filePath("pipe.csv").toLocal8Bit();
    ASSERT_EQ(::mkfifo(fifo.constData(), 0600), 0);
    const int reader = ::open(fifo.constData(), O_RDONLY | O_NONBLOCK);
    ASSERT_GE(reader, 0);
    CliRun r = cli(figureArgs({"--out", dir.filePath("g.png"), "--data-out", dir.filePath("pipe.csv")}));
    QByteArray got(1 << 16, '\0');
    const ssize_t n = ::read(reader, got.data(), std::size_t(got.size()));
    ::close(reader);
    ASSERT_EQ(r.status, 0) << r.err.toStdString();
    struct stat st
    {
    };
    ASSERT_EQ(::stat(fifo.constData(), &st), 0);
    ASSERT_TRUE(S_ISFIFO(st.st_mode)) << "the FIFO was replaced";
    EXPECT_EQ(got.left(n > 0 ? n : 0), expected);

    // Devices, reached through links here: /dev/null takes it; /dev/full fails, and then neither the
    // figure nor a temporary file is left and a figure that existed stays as it was. Only run once
    // the FIFO above proved that special files are written in place (never replace the devices).
    ASSERT_TRUE(isCharDevice("/dev/null") && isCharDevice("/dev/full"));
    ASSERT_TRUE(QFile::link("/dev/null", dir.filePath("null.csv")));
    ASSERT_TRUE(QFile::link("/dev/full", dir.filePath("full.csv")));
    r = cli(figureArgs({"--out", dir.filePath("h.png"), "--data-out", dir.filePath("null.csv")}));
    EXPECT_EQ(r.status, 0) << r.err.toStdString();
    writeAll(dir.filePath("old.png"), "old");
    const QStringList before = entries(dir);
    r = cli(figureArgs({"--out", dir.filePath("old.png"), "--data-out", dir.filePath("full.csv")}));
    EXPECT_EQ(r.status, 2);
    EXPECT_TRUE(r.err.contains("No space left on device")) << r.err.toStdString();
    EXPECT_EQ(r.err.count('\n'), 1);
    EXPECT_EQ(readAll(dir.filePath("old.png")), "old");
    EXPECT_EQ(entries(dir), before);
    EXPECT_TRUE(isCharDevice("/dev/null") && isCharDevice("/dev/full"));
}

TEST(CliFigure, EveryOutputIsCheckedBeforeAnythingIsWritten)
{
    QTemporaryDir dir;
    const QString png = dir.filePath("x29.png");
    for (const QString& data : {dir.filePath("x.xlsx"), dir.filePath("missing/d.csv"), dir.path()}) {
        const CliRun r = cli(figureArgs({"--data-out", data, "--out", png}));
        EXPECT_EQ(r.status, 2) << data.toStdString();
        EXPECT_EQ(r.err.count('\n'), 1) << r.err.toStdString();
        EXPECT_TRUE(entries(dir).isEmpty())
            << data.toStdString() << ": " << entries(dir).join(' ').toStdString();
    }
    CliRun r = cli(figureArgs({"--out", png, "--session-out", dir.filePath("missing/s.poslab")}));
    EXPECT_EQ(r.status, 2);
    EXPECT_TRUE(r.err.contains("--session-out")) << r.err.toStdString();
    EXPECT_TRUE(entries(dir).isEmpty());

    // Two outputs naming one file: refused before either is written.
    r = cli(figureArgs(
        {"--out", dir.filePath("same"), "--format", "png", "--session-out", dir.filePath("same")}));
    EXPECT_EQ(r.status, 2);
    EXPECT_TRUE(entries(dir).isEmpty());

    // Success writes all three.
    r = cli(figureArgs(
        {"--out", png, "--data-out", dir.filePath("d.csv"), "--session-out", dir.filePath("s.poslab")}));
    ASSERT_EQ(r.status, 0) << r.err.toStdString();
    EXPECT_EQ(entries(dir), (QStringList{"d.csv", "s.poslab", "x29.png"}));
}

TEST(CliFigure, FlagErrorsNameTheFlagAndItsRange)
{
    QTemporaryDir dir;
    const QString out = dir.filePath("f.png");
    const std::vector<std::pair<QStringList, const char*>> cases = {
        {{"--n", "5000"}, "--n must be between 1 and 2048"},
        {{"--n", "0"}, "--n must be between 1 and 2048"},
        {{"--n", "5", "--head", "4"}, "--head must be between 0 and 3"},
        {{"--n", "5", "--cell", "5,1"}, "--cell must be between 0 and 4"},
        {{"--n", "5", "--dpi", "10"}, "--dpi must be between 30 and 2400"},
        {{"--n", "5", "--width-mm", "5"}, "--width-mm must be between 10 and 1000"},
        {{"--n", "5", "--font-size", "100"}, "--font-size must be between 2 and 72"},
        {{"--n", "5", "--colormap", "jet"}, "--colormap 'jet'"},
        {{"--n", "5", "--what", "foo"}, "--what 'foo'"},
        {{"--n", "5", "--view", "delta-curve", "--range", "-1"}, "--range must be between 0"},
    };
    for (const auto& [args, message] : cases) {
        const CliRun r = cli(QStringList{"figure", "--scheme", "rope"} + args + QStringList{"--out", out});
        EXPECT_EQ(r.status, 2) << args.join(' ').toStdString();
        EXPECT_TRUE(r.err.contains(message)) << r.err.toStdString();
        EXPECT_FALSE(r.err.contains("session")) << r.err.toStdString();
    }
    EXPECT_TRUE(
        cli({"figure", "--scheme", "rope", "--n", "5000", "--out", out}).err.contains("compute --pool"));
    EXPECT_FALSE(QFileInfo::exists(out));

    // Only what comes from a session file says "session".
    writeAll(dir.filePath("s.poslab"), R"({"format":"poslab-session","version":1,"n":5000,"scheme":"rope"})");
    const CliRun r = cli({"figure", "--session", dir.filePath("s.poslab"), "--out", out});
    EXPECT_EQ(r.status, 2);
    EXPECT_TRUE(r.err.contains("session field 'n'")) << r.err.toStdString();
}

TEST(CliFigure, OptionsThatWouldBeIgnoredAreErrors)
{
    QTemporaryDir dir;
    const std::vector<std::pair<QStringList, const char*>> cases = {
        {{"--out", dir.filePath("x9.png"), "--format", "pdf"}, "contradicts"},
        {{"--out", dir.filePath("c.png"), "--compare-scheme", "t5"},
         "--compare-scheme applies only to --view compare"},
        {{"--out", dir.filePath("c.png"), "--shift", "3"}, "--shift applies only to --view compare"},
        {{"--out", dir.filePath("r.png"), "--range", "3"}, "--range applies only to --view delta-curve"},
        {{"--out", dir.filePath("l.png"), "--what", "logits", "--log-scale"}, "probabilities only"},
        {{"--out", dir.filePath("l.png"), "--view", "delta-curve", "--log-scale"}, "--log-scale"},
        {{"--out", dir.filePath("f.png"), "--font-family", "NoSuchFont"}, "fc-list"},
    };
    for (const auto& [args, message] : cases) {
        const CliRun r = cli(figureArgs(args));
        EXPECT_EQ(r.status, 2) << args.join(' ').toStdString();
        EXPECT_TRUE(r.err.contains(message)) << r.err.toStdString();
    }
    EXPECT_TRUE(entries(dir).isEmpty()) << entries(dir).join(' ').toStdString();

    // What agrees is accepted: --format matching the suffix, or naming a file without one.
    EXPECT_EQ(cli(figureArgs({"--out", dir.filePath("a.pdf"), "--format", "pdf"})).status, 0);
    EXPECT_EQ(cli(figureArgs({"--out", dir.filePath("plain"), "--format", "svg"})).status, 0);
    EXPECT_TRUE(readAll(dir.filePath("plain")).startsWith("<?xml"));
    const CliRun r = cli(figureArgs({"--out", dir.filePath("c.png"), "--view", "compare", "--compare-scheme",
                                     "t5", "--font-family", "DejaVu Sans", "--log-scale"}));
    EXPECT_EQ(r.status, 0) << r.err.toStdString();
    EXPECT_TRUE(r.err.isEmpty()) << r.err.toStdString();
}
