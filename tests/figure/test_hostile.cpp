// Hostile session files and figures (docs/hostile-inputs.md): each is refused with one line that
// names the file, in well under a second, and the file is left as it was; what a reader must never
// do (expand entities, read other files) does not happen.
#include "figuretest.h"

#include <embed.h>
#include <error.h>
#include <session.h>

#include <QBuffer>
#include <QElapsedTimer>
#include <QImage>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <unistd.h>

using namespace poslab;
using namespace poslab::figure;
using namespace poslab::figure::test;

namespace {

// What loadSession says about `bytes` written to `name`; "" when it accepted them.
std::string refusal(const QByteArray& bytes, const QString& name = QStringLiteral("s.poslab"))
{
    QTemporaryDir dir;
    const QString path = dir.filePath(name);
    writeAll(path, bytes);
    QElapsedTimer clock;
    clock.start();
    std::string message;
    try {
        loadSession(path);
    } catch (const Error& e) {
        message = e.what();
        EXPECT_EQ(message.rfind(quoteInput(path.toStdString()) + ": ", 0), 0u) << message; // names the file
        EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    }
    EXPECT_LT(clock.elapsed(), 2000) << name.toStdString();
    EXPECT_EQ(readAll(path), bytes); // untouched
    return message;
}

QByteArray withField(const char* key, const char* json)
{
    return QByteArray(R"({"format": "poslab-session", "version": 1, "scheme": "alibi", )") + '"' + key +
           "\": " + json + (QByteArray(key) == "n" || QByteArray(key) == "text" ? "}" : R"(, "n": 4})");
}

QByteArray pngWithText(const QString& key, const QString& text)
{
    QImage image(4, 4, QImage::Format_RGB32);
    image.fill(Qt::white);
    image.setText(key, text);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "png");
    return png;
}

QByteArray svgWithSession(const QByteArray& doctype, const QByteArray& session)
{
    return "<?xml version=\"1.0\"?>\n" + doctype + "<svg xmlns=\"http://www.w3.org/2000/svg\"><metadata>" +
           "<poslab:session xmlns:poslab=\"urn:poslab:session\">" + session +
           "</poslab:session></metadata></svg>";
}

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

} // namespace

TEST(HostileSessions, MalformedJsonIsOneLine)
{
    EXPECT_TRUE(contains(refusal(""), "corrupt JSON at offset 0")) << refusal("");
    EXPECT_TRUE(contains(refusal("\xff\xfe{}"), "corrupt JSON"));
    EXPECT_TRUE(contains(refusal("42"), "corrupt JSON at offset 1")); // Qt reads objects and arrays only
    EXPECT_TRUE(contains(refusal(R"("poslab-session")"), "corrupt JSON at offset 1"));
    EXPECT_TRUE(contains(refusal("[]"), "the JSON is not an object"));
    // Nesting a JSON parser must not recurse into: 100000 open brackets.
    EXPECT_TRUE(contains(refusal(QByteArray(100000, '[')), "corrupt JSON"));
    EXPECT_TRUE(contains(refusal(R"({"version": 2})"), "not a PosLab session"));
}

TEST(HostileSessions, EveryFieldOfTheWrongKindOrRangeIsNamed)
{
    const QByteArray v = R"({"format": "poslab-session", "version": )";
    EXPECT_TRUE(contains(refusal(v + R"("2"})"), "'version' must be a number"));
    EXPECT_TRUE(contains(refusal(v + "0}"), "'version' must be 1 or 2"));
    EXPECT_TRUE(contains(refusal(v + "1.5}"), "'version' must be 1 or 2"));
    EXPECT_TRUE(contains(refusal(v + "1e308}"), "newer PosLab"));
    EXPECT_TRUE(contains(refusal(withField("n", "1.5")), "'n' must be a whole number"));
    EXPECT_TRUE(contains(refusal(withField("n", "1e300")), "'n' must be in [1, "));
    EXPECT_TRUE(contains(refusal(withField("n", "-1")), "'n' must be in [1, "));
    EXPECT_TRUE(contains(refusal(withField("n", R"("4")")), "'n' must be a number"));
    EXPECT_TRUE(contains(refusal(withField("text", "[1]")), "'text' must be a string"));
    EXPECT_TRUE(contains(refusal(withField("params", R"({"slope": [1, 2]})")), "'params.slope' must be a"));
    EXPECT_TRUE(contains(refusal(withField("model", R"({"seed": "abc"})")), "'model.seed' must be a whole"));
    EXPECT_TRUE(
        contains(refusal(withField("model", R"({"seed": "18446744073709551616"})")), "'model.seed' must be"));
    EXPECT_TRUE(contains(refusal(withField("model", R"({"heads": 1e9})")), "'model.heads' must be in"));
    EXPECT_TRUE(contains(refusal(withField("cell", "[1]")), "'cell' must be [i, j] or null"));
    EXPECT_TRUE(contains(refusal(withField("cell", R"(["a", "b"])")), "'cell' must be [i, j] or null"));
    EXPECT_TRUE(contains(refusal(withField("style", R"({"dpi": 1e6})")), "'style.dpi' must be in"));
    EXPECT_TRUE(contains(refusal(withField("style", R"({"width_mm": -5})")), "'style.width_mm' must be in"));
    EXPECT_TRUE(contains(refusal(withField("view", R"("3d")")), "unknown view '3d'"));
    EXPECT_TRUE(contains(refusal(withField("text", R"("a b", "n": 4)")), "both 'text' and 'n'"));
}

TEST(HostileSessions, UnknownFieldsAndControlCharactersAreHarmless)
{
    // Fields a later PosLab may add are ignored; a NUL or other control character in the text is
    // whitespace to the tokenizer.
    EXPECT_EQ(refusal(withField("future_field", R"({"x": [1, {"y": null}]})")), "");
    EXPECT_EQ(refusal(withField("text", R"("a\u0000b\u0007c")")), "");
}

TEST(HostileSessions, TooLargeAFileIsRefusedBeforeItIsRead)
{
    QTemporaryDir dir;
    const QString path = dir.filePath("huge.poslab");
    writeAll(path, "{");
    ASSERT_EQ(::truncate(path.toLocal8Bit().constData(), 300LL << 20), 0); // sparse: no disk used
    QElapsedTimer clock;
    clock.start();
    try {
        loadSession(path);
        ADD_FAILURE() << "accepted a 300 MiB file";
    } catch (const Error& e) {
        EXPECT_TRUE(contains(e.what(), "too large")) << e.what();
    }
    EXPECT_LT(clock.elapsed(), 2000);
}

TEST(HostileSessions, MissingAndUnreadablePathsSayWhy)
{
    QTemporaryDir dir;
    try {
        loadSession(dir.filePath("missing.poslab"));
        ADD_FAILURE() << "opened a missing file";
    } catch (const Error& e) {
        EXPECT_TRUE(contains(e.what(), "cannot open")) << e.what();
        EXPECT_TRUE(contains(e.what(), "No such file or directory")) << e.what();
    }
    try {
        loadSession(dir.path());
        ADD_FAILURE() << "opened a folder";
    } catch (const Error& e) {
        EXPECT_EQ(e.what(), quoteInput(dir.path().toStdString()) + ": cannot open (file to open is a directory)");
    }
}

TEST(HostileFigures, TamperedPngSessions)
{
    EXPECT_TRUE(contains(refusal(pngWithText("Title", "a figure"), "a.png"), "carries no PosLab session"));
    EXPECT_TRUE(contains(refusal(pngWithText(kPngSessionKey, "{not json"), "b.png"), "corrupt JSON"));
    EXPECT_TRUE(contains(refusal(pngWithText(kPngSessionKey, "[]"), "c.png"), "not an object"));
    const QByteArray good = pngWithText(kPngSessionKey, QString::fromUtf8(sessionToJson(sampleSession())));
    EXPECT_EQ(refusal(good, "d.png"), "");
    // Cut inside the chunks: the magic, then too little to hold the session.
    EXPECT_TRUE(contains(refusal(good.left(40), "e.png"), "carries no PosLab session"));
    EXPECT_TRUE(contains(refusal(good.left(8), "f.png"), "carries no PosLab session"));
}

// Found by fuzz_figure_png: a chunk whose length field claims 1.6 GB in a 445-byte file made libpng
// allocate and clear that much before it found the file too short (13 s, 1.5 GB).
TEST(HostileFigures, PngChunkClaimingMoreBytesThanTheFileHas)
{
    const QByteArray good = pngWithText(kPngSessionKey, QString::fromUtf8(sessionToJson(sampleSession())));
    QByteArray lying = good.left(33); // the signature and IHDR
    lying += QByteArray::fromHex("5f6c6173") + "zTXt" + "poslab-session" + QByteArray(2, '\0');
    lying += good.mid(33, 64);
    EXPECT_TRUE(contains(refusal(lying, "lying.png"), "carries no PosLab session"));
    // The session chunk before such a chunk is still found.
    QByteArray tail = good;
    tail.insert(tail.size() - 12, QByteArray::fromHex("7fffffff") + "tEXt" + "x");
    EXPECT_EQ(refusal(tail, "tail.png"), "");
}

TEST(HostileFigures, TamperedPdfSessions)
{
    const QByteArray xmp = xmpPacket(sessionToJson(sampleSession()), "t", "PosLab");
    EXPECT_EQ(refusal("%PDF-1.4\n" + xmp + "\n%%EOF", "a.pdf"), "");
    EXPECT_TRUE(contains(refusal("%PDF-1.4\n%%EOF", "b.pdf"), "carries no PosLab session"));
    // The packet cut before its end, or holding no session element.
    EXPECT_TRUE(
        contains(refusal("%PDF-1.4\n" + xmp.left(xmp.size() / 2), "c.pdf"), "carries no PosLab session"));
    EXPECT_TRUE(contains(refusal("%PDF-1.4\n<x:xmpmeta></x:xmpmeta>", "d.pdf"), "carries no PosLab session"));
    QByteArray badJson = xmp;
    badJson.replace("poslab-session", "other-format");
    EXPECT_TRUE(contains(refusal("%PDF-1.4\n" + badJson, "e.pdf"), "not a PosLab session"));
}

TEST(HostileFigures, SvgEntitiesAreNeitherExpandedNorFetched)
{
    const QByteArray escaped = QString::fromUtf8(sessionToJson(sampleSession())).toHtmlEscaped().toUtf8();
    EXPECT_EQ(refusal(svgWithSession("", escaped), "a.svg"), "");
    // A billion laughs: ten levels of ten references. Qt's reader stops at its expansion limit, and
    // says so: the refusal names the XML's fault, not the empty text it would leave.
    QByteArray laughs = "<!DOCTYPE svg [\n<!ENTITY l0 \"ha\">\n";
    for (int k = 1; k < 10; ++k)
        laughs += "<!ENTITY l" + QByteArray::number(k) + " \"" +
                  QByteArray("&l" + QByteArray::number(k - 1) + ";").repeated(10) + "\">\n";
    laughs += "]>\n";
    const std::string laughed = refusal(svgWithSession(laughs, "&l9;"), "b.svg");
    EXPECT_TRUE(contains(laughed, "b.svg': its XML cannot be read: ")) << laughed;
    EXPECT_FALSE(contains(laughed, "corrupt JSON")) << laughed;
    // An external entity naming a local file: its contents never reach the session.
    const QByteArray xxe = "<!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n";
    const std::string said = refusal(svgWithSession(xxe, "&x;"), "c.svg");
    EXPECT_TRUE(contains(said, "corrupt JSON at offset 0")) << said; // read as empty
    EXPECT_FALSE(contains(said, "root:")) << said;
    // The session element in another namespace is not PosLab's.
    EXPECT_TRUE(contains(refusal("<svg xmlns=\"http://www.w3.org/2000/svg\"><metadata><session>{}</session>"
                                 "</metadata></svg>",
                                 "d.svg"),
                         "carries no PosLab session"));
}
