// The lessons in Simplified Chinese (issue 16): resources/lessons/lessons.zh_CN.json gives every
// English lesson a Chinese title and text, names no lesson the English file lacks, keeps every number,
// symbol, formula token and scheme name of the English words, and only words (the set-ups stay in
// lessons.json).
#include "guitest.h"
#include "cjk.h"

#include "error.h"
#include "lessons.h"
#include "scheme.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>
#include <map>

using namespace poslab;
using namespace poslab::gui;

using poslab::test::hasCjk;

namespace {


// How often `token` occurs in `text` as a whole: its Latin or digit start may not follow another Latin
// letter, digit or '_' (nor a decimal point after a digit); its end may not be followed by what would
// continue it (a digit or a decimal part after a digit; a letter, digit or '_' after a letter). So "PE"
// is not found in "RPE", nor "12" in "128" or "1" in "1.5", while "2" is found in "2k" and "2π". CJK
// characters may touch it: Chinese puts no spaces around words.
int occurrences(const QString& text, const QString& token)
{
    const auto ascii = [](QChar c) { return c.unicode() < 128 && (c.isLetterOrNumber() || c == u'_'); };
    QString pattern = QRegularExpression::escape(token);
    if (ascii(token.front())) pattern.prepend(QStringLiteral("(?<![A-Za-z0-9_])(?<!\\d\\.)"));
    if (token.back().isDigit())
        pattern.append(QStringLiteral("(?![0-9])(?!\\.\\d)"));
    else if (ascii(token.back()))
        pattern.append(QStringLiteral("(?![A-Za-z0-9_])"));
    const QRegularExpression re(pattern);
    int count = 0;
    for (auto it = re.globalMatch(text); it.hasNext(); it.next())
        ++count;
    return count;
}

// The tokens of an English lesson's words that a translation keeps as they are, each with how often it
// occurs: numbers (7, 0.1, 3.1); Greek letters and mathematical symbols one by one (Δ, θ, Σ, ×, √, ⊙,
// −, ², →, ·); formula identifiers (ω_k, W_q, a^K, max_distance, p_ij); functions (sin(, clip(, ln();
// names with two capitals or a capital and a digit (ALiBi, RoPE, YaRN, T5, L0, PE); values in quotes
// ('none', 'bucket', 'dog bites man'); scheme identifiers (rope, alibi, cope).
std::map<QString, int> keptTokens(const QString& english)
{
    std::map<QString, int> tokens;
    const auto add = [&](const QString& pattern) {
        const QRegularExpression re(pattern);
        for (auto it = re.globalMatch(english); it.hasNext();) {
            const QString token = it.next().captured(0);
            tokens[token] = occurrences(english, token); // counted as in the translation
        }
    };
    add(QStringLiteral("(?<![A-Za-z0-9_.])\\d+(?:\\.\\d+)?"));
    add(QStringLiteral("[\\x{0391}-\\x{03c9}×√⊙±²→∈≤≥−·]"));
    add(QStringLiteral("(?<![A-Za-z0-9_])[A-Za-z\\x{0391}-\\x{03c9}][A-Za-z0-9]*(?:[_^]\\{?[A-Za-z0-9]+)+"));
    add(QStringLiteral("(?<![A-Za-z0-9_])[A-Za-z]+\\("));
    add(QStringLiteral(
        "(?<![A-Za-z0-9_])(?=[A-Za-z0-9]*[A-Z][A-Za-z]*[A-Z0-9])[A-Za-z][A-Za-z0-9]*(?![A-Za-z0-9_])"));
    // A quoted value counts where it is quoted: "positions" is also an English word.
    const QRegularExpression quoted(QStringLiteral("(?<![A-Za-z])'([^'\\s][^']*)'(?![A-Za-z])"));
    std::map<QString, int> quotes;
    for (auto it = quoted.globalMatch(english); it.hasNext();)
        ++quotes[it.next().captured(1)];
    for (const auto& [value, count] : quotes)
        tokens[value] = std::max(tokens[value], count);
    // Scheme identifiers, but not "none" and "learned": also English words ('none' is caught quoted).
    for (const std::string& name : schemeNames()) {
        const QString scheme = QString::fromStdString(name);
        if (scheme == QLatin1String("none") || scheme == QLatin1String("learned")) continue;
        if (const int n = occurrences(english, scheme)) tokens[scheme] = n;
    }
    return tokens;
}

// The tokens `english` keeps that `chinese` drops (or has fewer of), as "token (2 in English, 1 here)".
QStringList droppedTokens(const QString& english, const QString& chinese)
{
    QStringList dropped;
    for (const auto& [token, count] : keptTokens(english)) {
        const int here = occurrences(chinese, token);
        if (here < count)
            dropped << QStringLiteral("%1 (%2 in English, %3 here)").arg(token).arg(count).arg(here);
    }
    return dropped;
}

QByteArray readSource(const char* name)
{
    QFile file(QStringLiteral(POSLAB_LESSONS_DIR "/") + QLatin1String(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString textsError(const QByteArray& lessons)
{
    try {
        parseLessonTexts("{\"format\": \"poslab-lesson-texts\", \"version\": 1, \"language\": \"zh_CN\", "
                         "\"lessons\": [" +
                             lessons + "]}",
                         QStringLiteral("lessons.zh_CN.json"), QStringLiteral("zh_CN"));
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestLessonTexts : public QObject
{
    Q_OBJECT
  private slots:
    // The Chinese file is the built-in one, and it is made of words only.
    void chineseFileIsBuiltIn()
    {
        const QByteArray source = readSource("lessons.zh_CN.json");
        QVERIFY(!source.isEmpty());
        QFile builtin(builtinLessonTextsPath(QStringLiteral("zh_CN")));
        QVERIFY(builtin.open(QIODevice::ReadOnly));
        QCOMPARE(builtin.readAll(), source);
        QVERIFY(!source.contains("\"session\""));
    }

    void everyLessonHasChineseWords_data()
    {
        QTest::addColumn<int>("index");
        const std::vector<Lesson> english = builtinLessons();
        for (int k = 0; k < int(english.size()); ++k)
            QTest::newRow(english[std::size_t(k)].id.toUtf8().constData()) << k;
    }
    // Every English lesson, in zh_CN: a Chinese title and text (not the English left in place), with
    // every number, symbol, formula token and name of the English words, over the same set-up.
    void everyLessonHasChineseWords()
    {
        QFETCH(int, index);
        const Lesson en = builtinLessons()[std::size_t(index)];
        const std::vector<LessonText> texts = parseLessonTexts(
            readSource("lessons.zh_CN.json"), QStringLiteral("lessons.zh_CN.json"), QStringLiteral("zh_CN"));
        const auto zh =
            std::find_if(texts.begin(), texts.end(), [&](const LessonText& t) { return t.id == en.id; });
        QVERIFY2(zh != texts.end(), qPrintable(en.id + QStringLiteral(": no Chinese words")));
        QVERIFY2(hasCjk(zh->title), qPrintable(zh->title));
        QVERIFY2(hasCjk(zh->text), qPrintable(zh->text));
        QVERIFY(zh->title != en.title && zh->text != en.text);
        QVERIFY2(!zh->text.contains(QStringLiteral(". ")) && !zh->text.contains(QStringLiteral(": ")),
                 "Chinese prose takes full-width punctuation (。：)");
        const QStringList dropped = droppedTokens(en.title + u'\n' + en.text, zh->title + u'\n' + zh->text);
        QVERIFY2(dropped.isEmpty(),
                 qPrintable(en.id + QStringLiteral(" drops: ") + dropped.join(QStringLiteral(", "))));

        const Lesson loaded = builtinLessons(QStringLiteral("zh_CN"))[std::size_t(index)];
        QCOMPARE(loaded.id, en.id);
        QCOMPARE(loaded.title, zh->title);
        QCOMPARE(loaded.text, zh->text);
        QCOMPARE(loaded.setup.scheme, en.setup.scheme);
        QCOMPARE(loaded.setup.params, en.setup.params);
        QCOMPARE(loaded.setup.n, en.setup.n);
        QCOMPARE(loaded.setup.text, en.setup.text);
        QCOMPARE(loaded.setup.cellI, en.setup.cellI);
        QCOMPARE(loaded.setup.cellJ, en.setup.cellJ);
        QCOMPARE(loaded.setup.view, en.setup.view);
    }

    // The Chinese file names no lesson the English one lacks, in the same order.
    void chineseNamesOnlyEnglishLessons()
    {
        const std::vector<Lesson> en = builtinLessons();
        const std::vector<LessonText> zh = parseLessonTexts(
            readSource("lessons.zh_CN.json"), QStringLiteral("lessons.zh_CN.json"), QStringLiteral("zh_CN"));
        QCOMPARE(zh.size(), en.size());
        for (std::size_t k = 0; k < zh.size(); ++k)
            QCOMPARE(zh[k].id, en[k].id);
    }

    // The token check itself catches what it is for: a dropped number, symbol, name or quoted value.
    void droppedTokensAreFound()
    {
        const QString en = QStringLiteral(
            "T5 grows until max_distance = 128; keys after the query use the upper 16 buckets of 'bucket'. "
            "Try alibi: −m_h·|j − i|, a² with a = 0.1·ln(factor) + 1, LLaMA 3.1.");
        const QString zh =
            QStringLiteral("T5 一直增长到 max_distance = 128；查询之后的键使用上面的 16 个桶，见 “bucket”。"
                           "试试 alibi：−m_h·|j − i|，a² 其中 a = 0.1·ln(factor) + 1，LLaMA 3.1。");
        QCOMPARE(droppedTokens(en, zh), QStringList());
        const auto drops = [&](const QString& from, const QString& to) {
            QString changed = zh;
            changed.replace(from, to);
            return droppedTokens(en, changed).join(u',');
        };
        QVERIFY(
            drops(QStringLiteral("128"), QStringLiteral("一百二十八")).startsWith(QStringLiteral("128 ")));
        QVERIFY(drops(QStringLiteral("16 个"), QStringLiteral("十六个")).startsWith(QStringLiteral("16 ")));
        QVERIFY(drops(QStringLiteral("0.1"), QStringLiteral("0.2")).startsWith(QStringLiteral("0.1 ")));
        QVERIFY(drops(QStringLiteral("3.1"), QStringLiteral("3")).startsWith(QStringLiteral("3.1 ")));
        QVERIFY(drops(QStringLiteral("a²"), QStringLiteral("a 的平方")).startsWith(QStringLiteral("² ")));
        QVERIFY(drops(QStringLiteral("|j − i|"), QStringLiteral("|j - i|")).startsWith(QStringLiteral("− ")));
        QVERIFY(drops(QStringLiteral("m_h"), QStringLiteral("m")).startsWith(QStringLiteral("m_h ")));
        QVERIFY(drops(QStringLiteral("ln("), QStringLiteral("log(")).startsWith(QStringLiteral("ln( ")));
        QVERIFY(drops(QStringLiteral("LLaMA"), QStringLiteral("羊驼")).startsWith(QStringLiteral("LLaMA ")));
        QVERIFY(drops(QStringLiteral("“bucket”"), QStringLiteral("“分桶”"))
                    .startsWith(QStringLiteral("bucket ")));
        QVERIFY(drops(QStringLiteral("alibi"), QStringLiteral("ALiBi")).startsWith(QStringLiteral("alibi ")));
        // A number inside another is not the number: "128" does not stand in for "12".
        QCOMPARE(droppedTokens(QStringLiteral("12 and 128"), QStringLiteral("128 与 128")),
                 QStringList{QStringLiteral("12 (1 in English, 0 here)")});
    }

    void languagesWithoutWordsAreEnglish()
    {
        const std::vector<Lesson> en = builtinLessons();
        for (const QString& code : {QStringLiteral("en"), QStringLiteral("fr")}) {
            const std::vector<Lesson> lessons = builtinLessons(code);
            QCOMPARE(lessons.size(), en.size());
            for (std::size_t k = 0; k < en.size(); ++k)
                QCOMPARE(lessons[k].title, en[k].title);
        }
        // Switching back and forth gives each language's own words.
        QVERIFY(hasCjk(builtinLessons(QStringLiteral("zh_CN"))[0].title));
        QCOMPARE(builtinLessons(QStringLiteral("en"))[0].title, en[0].title);
    }

    // A lesson the texts lack keeps its English words; one the lessons lack is an error.
    void applyingTexts()
    {
        std::vector<Lesson> lessons = builtinLessons();
        const QString englishRope = lessons[5].text;
        applyLessonTexts(lessons, {{QStringLiteral("blind"), QStringLiteral("一"), QStringLiteral("二")}},
                         QStringLiteral("x.json"));
        QCOMPARE(lessons[0].title, QStringLiteral("一"));
        QCOMPARE(lessons[0].text, QStringLiteral("二"));
        QCOMPARE(lessons[5].text, englishRope);
        QCOMPARE(lessons[0].setup.text, QStringLiteral("dog bites man"));
        try {
            applyLessonTexts(lessons,
                             {{QStringLiteral("nosuch"), QStringLiteral("一"), QStringLiteral("二")}},
                             QStringLiteral("x.json"));
            QFAIL("an unknown lesson was accepted");
        } catch (const Error& e) {
            QCOMPARE(QString::fromStdString(e.what()),
                     QStringLiteral("x.json: lesson \"nosuch\" is not one of the lessons"));
        }
    }

    void rejects_data()
    {
        QTest::addColumn<QByteArray>("lessons");
        QTest::addColumn<QString>("message");
        QTest::newRow("session") << QByteArray(R"({"id": "x", "title": "一", "text": "二", "session": {}})")
                                 << QStringLiteral("lesson \"x\": \"session\" does not belong here");
        QTest::newRow("no text") << QByteArray(R"({"id": "x", "title": "一"})")
                                 << QStringLiteral("lesson \"x\": \"text\" is missing");
        QTest::newRow("empty title") << QByteArray(R"({"id": "x", "title": " ", "text": "二"})")
                                     << QStringLiteral("lesson \"x\": \"title\" is empty");
        QTest::newRow("twice") << QByteArray(R"({"id": "x", "title": "一", "text": "二"},
                                               {"id": "x", "title": "一", "text": "二"})")
                               << QStringLiteral("\"id\" is used twice");
    }
    void rejects()
    {
        QFETCH(QByteArray, lessons);
        QFETCH(QString, message);
        const QString error = textsError(lessons);
        QVERIFY2(error.startsWith(QStringLiteral("lessons.zh_CN.json: ")) && error.contains(message),
                 qPrintable(error));
    }

    void rejectsAnotherLanguageOrFormat()
    {
        const auto error = [](const QByteArray& json) {
            try {
                parseLessonTexts(json, QStringLiteral("t.json"), QStringLiteral("zh_CN"));
            } catch (const Error& e) {
                return QString::fromStdString(e.what());
            }
            return QString();
        };
        QVERIFY(
            error(R"({"format": "poslab-lesson-texts", "version": 1, "language": "zh_CN", "lessons": []})")
                .isEmpty());
        QCOMPARE(error(R"({"format": "poslab-lesson-texts", "version": 1, "language": "ja", "lessons": []})"),
                 QStringLiteral("t.json: \"language\" is \"ja\", expected \"zh_CN\""));
        QVERIFY(
            error(R"({"format": "poslab-lessons", "version": 1, "language": "zh_CN", "lessons": []})")
                .startsWith(QStringLiteral("t.json: not a lesson texts file (format \"poslab-lessons\"")));
        QVERIFY(
            error(R"({"format": "poslab-lesson-texts", "version": 2, "language": "zh_CN", "lessons": []})")
                .contains(QStringLiteral("version 2 is newer")));
    }
};
POSLAB_GUI_TEST(TestLessonTexts)

#include "tst_lessontexts.moc"
