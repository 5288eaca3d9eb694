#include "guitest.h"

#include "attention.h"
#include "contextextension.h"
#include "error.h"
#include "explain.h"
#include "lessons.h"

#include <QTest>

#include <set>

using namespace poslab;
using namespace poslab::gui;

namespace {

QString errorOf(const QByteArray& json)
{
    try {
        parseLessons(json, QStringLiteral("lessons.json"));
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

const QByteArray kLesson = R"({"id": "x", "title": "X", "text": "T",
    "session": {"n": 4, "scheme": "alibi", "view": "heatmap", "cell": [1, 2]}})";

QByteArray file(const QByteArray& format, int version, const QByteArray& lessons)
{
    return "{\"format\": \"" + format + "\", \"version\": " + QByteArray::number(version) +
           ", \"lessons\": [" + lessons + "]}";
}

} // namespace

class TestLessons : public QObject
{
    Q_OBJECT
  private slots:
    void builtin()
    {
        const std::vector<Lesson> lessons = builtinLessons();
        QCOMPARE(lessons.size(), std::size_t(9));
        QCOMPARE(lessons[6].id, QStringLiteral("seed-article"));
        QCOMPARE(lessons[6].setup.walk, QStringLiteral("seed-article"));
        QCOMPARE(lessons[6].setup.view, QStringLiteral("explain"));
        QCOMPARE(lessons[7].id, QStringLiteral("context-extension"));
        QCOMPARE(lessons[7].setup.view, QStringLiteral("context"));
        QCOMPARE(lessons[8].id, QStringLiteral("nope-cope"));
        QVERIFY(lessons[8].setup.model.causal);
        QCOMPARE(lessons[1].setup.params.at("layout"), std::string("interleaved"));
        QCOMPARE(lessons[4].setup.model.heads, 8);
        QVERIFY(lessons[4].setup.model.causal);
        QCOMPARE(lessons[0].setup.text, QStringLiteral("dog bites man"));
        QCOMPARE(lessons[0].setup.range, 0); // not given
        // The resource is the file in the source tree.
        QCOMPARE(loadLessons(QStringLiteral(POSLAB_LESSONS_JSON)).size(), lessons.size());
    }

    // Every lesson opens in core as it stands: scheme, sequence, head, cell, range and matrix are valid,
    // and the worked example of its cell can be computed.
    void sessionsAreValid_data()
    {
        QTest::addColumn<int>("index");
        const std::vector<Lesson> lessons = builtinLessons();
        for (int k = 0; k < static_cast<int>(lessons.size()); ++k)
            QTest::newRow(lessons[k].id.toUtf8().constData()) << k;
    }
    void sessionsAreValid()
    {
        QFETCH(int, index);
        const Lesson lesson = builtinLessons()[index];
        const SessionSetup& s = lesson.setup;
        QVERIFY(!lesson.title.isEmpty() && !lesson.text.isEmpty());
        std::unique_ptr<Scheme> scheme;
        try {
            s.model.validate();
            scheme = makeScheme(s.scheme.toStdString(), s.params, s.model);
        } catch (const Error& e) {
            QFAIL(e.what());
        }
        const Sequence seq = s.hasText() ? Sequence::fromText(s.text.toStdString(),
                                                              parseTokenizerMode(s.tokenizer.toStdString()))
                                         : Sequence::positions(s.n);
        QVERIFY(seq.size() >= 1);
        QVERIFY(s.head >= 0 && s.head < s.model.heads);
        QVERIFY2(s.cellI >= 0 && s.cellI < seq.size() && s.cellJ >= 0 && s.cellJ < seq.size(),
                 "cell outside the sequence");
        QVERIFY2(s.range < seq.size(), "Δ range beyond the sequence");
        const std::set<QString> views{"heatmap", "heads", "delta-curve", "compare", "explain", "context"};
        QVERIFY2(views.count(s.view), qPrintable(s.view));
        const std::set<QString> matrices{"probs", "logits", "bias", "delta", "bucket"};
        QVERIFY2(matrices.count(s.what), qPrintable(s.what));
        if (s.what == QLatin1String("bucket")) QVERIFY(scheme->hasBucket());
        QVERIFY(s.walk.isEmpty() || s.walk == QLatin1String("seed-article"));
        if (s.walk == QLatin1String("seed-article")) QCOMPARE(s.view, QStringLiteral("explain"));
        const Walk walk = explain(*scheme, seq, s.head, s.cellI, s.cellJ);
        QVERIFY(!walk.steps.empty());
    }

    // Lesson 8 says what its set-up shows: trained at L0 = 64, run at L = n = 256 with factor 4, YaRN
    // keeps pair 0, ramps 1–8 and interpolates 9–31; unscaled, offsets past L0 turn slow pairs to new
    // angles, interpolated (linear) none.
    void contextLessonShowsWhatItSays()
    {
        const Lesson lesson = builtinLessons()[7];
        const SessionSetup& s = lesson.setup;
        const auto scheme = makeScheme(s.scheme.toStdString(), s.params, s.model);
        const ContextExtension x = contextExtension(*scheme, s.n);
        QCOMPARE(x.originalMax, 64);
        QCOMPARE(x.length, 256);
        QCOMPARE(x.pairs.size(), std::size_t(32));
        for (std::size_t k = 0; k < 32; ++k) {
            const PairExtension want = k == 0 ? PairExtension::Kept
                                       : k < 9 ? PairExtension::Ramp
                                               : PairExtension::Interpolated;
            QVERIFY2(x.pairs[k].kind == want, qPrintable(QString::number(k)));
        }
        QVERIFY(lesson.text.contains(QStringLiteral("pairs 0 kept, 1–8 ramp, 9–31 interpolated")));
        QVERIFY(x.curve(RopeScaling::None).unseenPairs > 0);
        QCOMPARE(x.curve(RopeScaling::Linear).unseenPairs, 0);
    }

    // Lesson 9: NoPE with the causal mask and no content, row i attends 1/(i + 1) to each key.
    void nopeLessonShowsWhatItSays()
    {
        const SessionSetup s = builtinLessons()[8].setup; // a copy: the vector is a temporary
        const auto scheme = makeScheme(s.scheme.toStdString(), s.params, s.model);
        const AttentionResult r = referenceAttention(*scheme, Sequence::positions(s.n));
        const Eigen::MatrixXd& p = r.heads[0].probs;
        for (int i = 0; i < s.n; ++i)
            for (int j = 0; j < s.n; ++j)
                QVERIFY2(std::abs(p(i, j) - (j <= i ? 1.0 / (i + 1) : 0.0)) < 1e-12,
                         qPrintable(QStringLiteral("p(%1, %2) = %3").arg(i).arg(j).arg(p(i, j), 0, 'g', 17)));
    }

    void rejects_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("corrupt") << QByteArray("{\"format\": \"poslab-lessons\", ")
                                 << QStringLiteral("not valid JSON");
        QTest::newRow("array") << QByteArray("[]") << QStringLiteral("not a lessons file");
        QTest::newRow("format") << file("poslab-session", 1, kLesson)
                                << QStringLiteral("not a lessons file (format \"poslab-session\"");
        QTest::newRow("newer") << file("poslab-lessons", 99, kLesson)
                               << QStringLiteral("version 99 is newer");
        QTest::newRow("no version") << QByteArray(R"({"format": "poslab-lessons", "lessons": []})")
                                    << QStringLiteral("\"version\" is missing");
        QByteArray noScheme = kLesson;
        noScheme.replace("\"scheme\": \"alibi\", ", "");
        QTest::newRow("no scheme") << file("poslab-lessons", 1, noScheme)
                                   << QStringLiteral("lesson \"x\".session: \"scheme\" is missing");
        QByteArray both = kLesson;
        both.replace("\"n\": 4", "\"n\": 4, \"text\": \"a b\"");
        QTest::newRow("text and n") << file("poslab-lessons", 1, both) << QStringLiteral("exactly one");
        QByteArray badCell = kLesson;
        badCell.replace("[1, 2]", "[1.5, 2]");
        QTest::newRow("cell") << file("poslab-lessons", 1, badCell)
                              << QStringLiteral("\"cell\" must be a whole number");
        QTest::newRow("twice") << file("poslab-lessons", 1, kLesson + "," + kLesson)
                               << QStringLiteral("\"id\" is used twice");
    }
    void rejects()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        const QString error = errorOf(json);
        QVERIFY2(error.contains(message), qPrintable(error));
        QVERIFY2(error.startsWith(QStringLiteral("lessons.json")), qPrintable(error));
        QVERIFY(!error.contains(QLatin1Char('\n')));
    }

    void accepts()
    {
        const std::vector<Lesson> lessons =
            parseLessons(file("poslab-lessons", 1, kLesson), QStringLiteral("x.json"));
        QCOMPARE(lessons.size(), std::size_t(1));
        QCOMPARE(lessons[0].setup.n, 4);
        QCOMPARE(lessons[0].setup.cellJ, 2);
        QCOMPARE(lessons[0].setup.what, QStringLiteral("probs")); // default
        QVERIFY(errorOf(file("poslab-lessons", 1, "")).isEmpty());
        QVERIFY(QString::fromStdString([] {
                    try {
                        loadLessons(QStringLiteral("/nonexistent/lessons.json"));
                    } catch (const Error& e) {
                        return std::string(e.what());
                    }
                    return std::string();
                }())
                    .startsWith(QStringLiteral("cannot read /nonexistent/lessons.json")));
    }
};
POSLAB_GUI_TEST(TestLessons)

#include "tst_lessons.moc"
