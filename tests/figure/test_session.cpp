#include "figuretest.h"

#include <error.h>
#include <session.h>

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
    positions.n = 12;
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
    rejects(QByteArray(good).replace("\"version\": 1", "\"version\": 2"), "newer PosLab");
    rejects(QByteArray(good).replace("poslab-session", "something-else"), "not a PosLab session");
    rejects(QByteArray(good).replace("\"scheme\": \"t5\"", "\"scheme\": \"nope\""), "nope");
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
