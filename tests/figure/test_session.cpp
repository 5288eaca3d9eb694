#include "figuretest.h"

#include <embed.h>
#include <error.h>
#include <session.h>

#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace poslab;
using namespace poslab::figure;
using namespace poslab::figure::test;

TEST(Session, RoundTripsThroughAFile)
{
    QTemporaryDir dir;
    const QString path = dir.filePath("a.poslab");
    Session s = sampleSession();
    s.model.seed = 18446744073709551615ULL; // beyond 2^53: written as text
    s.model.lambda = 0.25;
    s.view = FigureView::Heads;
    s.matrix = "logits";
    s.style.colormap = "cividis";
    s.style.widthMm = 175;
    s.style.heightMm = 60;
    s.style.fontSize = 7.5;
    saveSession(s, path);
    EXPECT_EQ(loadSession(path), s);
    EXPECT_TRUE(readAll(path).contains("\"format\": \"poslab-session\""));

    Session positions;
    positions.positions = 12;
    positions.style.title.reset();
    saveSession(positions, path);
    EXPECT_EQ(loadSession(path), positions);
}

TEST(Session, RejectsBadFilesAndLeavesThemUntouched)
{
    QTemporaryDir dir;
    const QString path = dir.filePath("bad.poslab");
    QByteArray good = sessionToJson(sampleSession());
    const auto rejects = [&](QByteArray bytes, const std::string& expected) {
        writeAll(path, bytes);
        try {
            loadSession(path);
            ADD_FAILURE() << "accepted: " << bytes.toStdString();
        } catch (const Error& e) {
            const std::string message = e.what();
            EXPECT_NE(message.find(expected), std::string::npos) << message;
            EXPECT_EQ(message.find('\n'), std::string::npos);
        }
        EXPECT_EQ(readAll(path), bytes);
    };
    rejects(good.left(good.size() / 2), "corrupt JSON");
    rejects(QByteArray(good).replace("\"version\": 2", "\"version\": 3"), "newer PosLab");
    rejects(QByteArray(good).replace("poslab-session", "something-else"), "not a PosLab session");
    rejects(QByteArray(good).replace("\"scheme\": \"t5\"", "\"scheme\": \"no-such\""), "no-such");
    rejects(QByteArray(good).replace("\"dpi\": 300", "\"dpi\": \"high\""), "style.dpi");
    rejects(QByteArray(good).replace("\"head\": 1", "\"head\": 9"), "head 9");
    rejects("[1, 2]", "not an object");

    // A failed save leaves the existing file as it was.
    writeAll(path, good);
    Session invalid = sampleSession();
    invalid.style.dpi = 0;
    EXPECT_THROW(saveSession(invalid, path), Error);
    EXPECT_EQ(readAll(path), good);
}

TEST(Session, CompareFieldsRoundTripAndDefault)
{
    Session s = sampleSession();
    s.view = FigureView::Compare;
    s.start = 3;
    s.compareScheme = "rope";
    s.shift = 21;
    const QByteArray json = sessionToJson(s);
    EXPECT_TRUE(json.contains("\"compare\"")) << json.toStdString();
    EXPECT_EQ(sessionFromJson(json), s);
    EXPECT_EQ(sessionFromJson(sessionToJson(s, true)), s);

    // Optional in version 1: absent, they take their defaults.
    QJsonObject o = version1(sampleSession());
    o.remove("compare");
    const Session defaults = sessionFromJson(QJsonDocument(o).toJson());
    EXPECT_EQ(defaults.compareScheme, "sinusoidal");
    EXPECT_EQ(defaults.shift, 8);
    EXPECT_EQ(defaults.start, 0);

    // Compare sessions written before the field kept the shift in "start".
    o["view"] = "compare";
    o["start"] = 5;
    const Session legacy = sessionFromJson(QJsonDocument(o).toJson());
    EXPECT_EQ(legacy.shift, 5);
    EXPECT_EQ(legacy.start, 0);
}

TEST(Session, BadCompareFieldsAreRejectedWithAClearMessage)
{
    const auto message = [](const QByteArray& json) {
        try {
            sessionFromJson(json);
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    QJsonObject o = version1(sampleSession());
    o["compare"] = QJsonObject{{"scheme", "no-such"}, {"shift", 8}};
    const std::string unknown = message(QJsonDocument(o).toJson());
    EXPECT_NE(unknown.find("compare scheme"), std::string::npos) << unknown;
    EXPECT_NE(unknown.find("unknown scheme 'no-such'"), std::string::npos) << unknown;
    EXPECT_EQ(unknown.find('\n'), std::string::npos);

    o["compare"] = QJsonObject{{"scheme", "alibi"}, {"shift", -1}};
    EXPECT_NE(message(QJsonDocument(o).toJson()).find("compare.shift"), std::string::npos);
    o["compare"] = QJsonObject{{"scheme", 7}, {"shift", 1}};
    EXPECT_NE(message(QJsonDocument(o).toJson()).find("compare.scheme"), std::string::npos);
    o["compare"] = "sinusoidal";
    EXPECT_NE(message(QJsonDocument(o).toJson()).find("must be an object"), std::string::npos);

    // And from a file: rejected, the file untouched.
    QTemporaryDir dir;
    const QString path = dir.filePath("bad-compare.poslab");
    o["compare"] = QJsonObject{{"scheme", "no-such"}};
    const QByteArray bytes = QJsonDocument(o).toJson();
    writeAll(path, bytes);
    EXPECT_THROW(loadSession(path), Error);
    EXPECT_EQ(readAll(path), bytes);

    Session s = sampleSession();
    s.compareScheme = "no-such";
    EXPECT_THROW(validateSession(s), Error);
}

TEST(Session, Version2KeepsTheRequestBesideViewAndStyle)
{
    Session s = sampleSession();
    s.engine = EngineKind::Reference;
    s.threads = 2;
    s.pool.mode = PoolMode::Mean;
    const QJsonObject o = QJsonDocument::fromJson(sessionToJson(s)).object();
    EXPECT_EQ(o["version"].toInt(), kSessionVersion);
    const QJsonObject request = o["request"].toObject();
    EXPECT_EQ(request["scheme"].toString(), "t5");
    EXPECT_EQ(request["weights"].toString(), "seeded");
    EXPECT_EQ(request["engine"].toObject()["kind"].toString(), "reference");
    EXPECT_EQ(request["pool"].toObject()["mode"].toString(), "mean");
    EXPECT_FALSE(o.contains("scheme")); // the request's fields live in "request" only
    EXPECT_TRUE(o.contains("view") && o.contains("style"));
    EXPECT_EQ(sessionFromJson(sessionToJson(s)), s);

    // A field of the request is named with its path, and core's checks speak of "session".
    QJsonObject bad = o;
    QJsonObject r = request;
    r["weights"] = "checkpoint.safetensors";
    bad["request"] = r;
    EXPECT_THROW(sessionFromJson(QJsonDocument(bad).toJson()), Error);
    r = request;
    r["head"] = 7;
    bad["request"] = r;
    try {
        sessionFromJson(QJsonDocument(bad).toJson());
        ADD_FAILURE() << "accepted head 7 of 2";
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()), "session: head 7 is out of range (the model has 2 heads: 0..1)");
    }
}

TEST(Session, Version1FiguresStillOpen)
{
    // A figure made before version 2 carries a version 1 session: PNG and SVG open as before.
    // (The examples, all version 1 files, are opened and saved again in test_gui's TestSessions.)
    QTemporaryDir dir;
    const Session s = sampleSession();
    const QByteArray v1 = QJsonDocument(version1(s)).toJson(QJsonDocument::Compact);
    EXPECT_TRUE(v1.contains("\"version\":1")) << v1.toStdString();
    EXPECT_EQ(sessionFromJson(v1), s);
    QImage image(8, 8, QImage::Format_RGB32);
    image.fill(Qt::white);
    image.setText(QString::fromLatin1(kPngSessionKey), QString::fromUtf8(v1));
    const QString png = dir.filePath("old.png");
    ASSERT_TRUE(image.save(png, "png"));
    EXPECT_EQ(loadSession(png), s);
    const QString svg = dir.filePath("old.svg");
    writeAll(svg,
             embedInSvg("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>\n", v1));
    EXPECT_EQ(loadSession(svg), s);
}
