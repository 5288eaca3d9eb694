// The translations (issue 16): each catalogue in resources/translations/ is complete and current
// (lupdate run afresh over its part of the source finds nothing unfinished, new or gone), every
// translation keeps its source's placeholders, core's field names ({pool}) and menu accelerator, and
// switching the language switches both Qt's words and core's.

#include "cjk.h"

#include <i18n.h>
#include <language.h>

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <algorithm>

using poslab::test::hasCjk;

namespace {

struct Message
{
    QString context, source, translation, type;
};

QList<Message> readTs(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1").arg(path);
        return {};
    }
    QList<Message> messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) continue;
        const auto name = xml.name();
        if (name == QLatin1String("name"))
            context = xml.readElementText();
        else if (name == QLatin1String("message"))
            current = Message{context, {}, {}, {}};
        else if (name == QLatin1String("source"))
            current.source = xml.readElementText();
        else if (name == QLatin1String("translation")) {
            current.type = xml.attributes().value(QLatin1String("type")).toString();
            current.translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            messages.push_back(current);
        }
    }
    if (xml.hasError()) *error = QStringLiteral("%1: %2").arg(path, xml.errorString());
    return messages;
}

// Every distinct match of `re` in `text`, sorted.
QStringList matches(const QRegularExpression& re, const QString& text)
{
    QStringList found;
    for (const auto& m : re.globalMatch(text))
        found << m.captured(0);
    found.sort();
    found.removeDuplicates();
    return found;
}

QStringList placeholders(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("%(\\d)"));
    return matches(re, text);
}

// The field names of a core error ("{pool} needs {engine} onednn" → {engine}, {pool}): each front end
// puts its own word for the field there (core/error.h, FieldError), so a translation keeps every one
// exactly; "{{" is a literal brace.
QStringList fieldNames(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("(?<!\\{)\\{([A-Za-z_][A-Za-z0-9_.]*)\\}"));
    return matches(re, text);
}

// The menu accelerator of a text ("&File" → 'F'), or a null char; "&&" is a literal ampersand.
QChar accelerator(const QString& text)
{
    for (qsizetype k = 0; k + 1 < text.size(); ++k) {
        if (text[k] != u'&') continue;
        if (text[k + 1] == u'&') {
            ++k;
            continue;
        }
        if (text[k + 1].isLetterOrNumber()) return text[k + 1].toUpper();
    }
    return {};
}


QStringList split(const char* joined)
{
    return QString::fromUtf8(joined).split(u'|', Qt::SkipEmptyParts);
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

  private slots:
    void catalogueIsCompleteAndCurrent_data();
    void catalogueIsCompleteAndCurrent();
    void switchingTheLanguageSwitchesTheWords();
    void languageNamesAsPeopleTypeThem();
    void fieldNamesAreFoundAsCoreNamesThem();
};

void TestTranslations::catalogueIsCompleteAndCurrent_data()
{
    QTest::addColumn<QString>("domain");
    QTest::addColumn<QString>("folder");
    QTest::addColumn<QString>("language");
    for (const QString& entry : split(POSLAB_TRANSLATION_DOMAINS)) {
        const QStringList pair = entry.split(u'=');
        for (const QString& language : split(POSLAB_LANGUAGES))
            QTest::newRow(qPrintable(pair[0] + u'_' + language)) << pair[0] << pair[1] << language;
    }
}

// lupdate over the folder into a copy of the catalogue: what it marks unfinished is new or untranslated,
// what it marks vanished/obsolete is gone from the source. Then each translation against its source.
void TestTranslations::catalogueIsCompleteAndCurrent()
{
    QFETCH(QString, domain);
    QFETCH(QString, folder);
    QFETCH(QString, language);
    const QString sourceDir = QStringLiteral(POSLAB_SOURCE_DIR);
    const QString ts = QStringLiteral("%1/resources/translations/%2_%3.ts").arg(sourceDir, domain, language);
    QVERIFY2(QFile::exists(ts), qPrintable(ts));
    QTemporaryDir work;
    QVERIFY(work.isValid());
    const QString copy = work.filePath(QStringLiteral("copy.ts"));
    QVERIFY(QFile::copy(ts, copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);

    QProcess lupdate;
    lupdate.setWorkingDirectory(sourceDir);
    QStringList args = split(POSLAB_LUPDATE_OPTIONS);
    args << QStringLiteral("-target-language") << language << (sourceDir + u'/' + folder)
         << QStringLiteral("-ts") << copy;
    lupdate.start(QStringLiteral(POSLAB_LUPDATE), args);
    QVERIFY2(lupdate.waitForFinished(240'000), "lupdate did not finish");
    QVERIFY2(lupdate.exitCode() == 0, lupdate.readAllStandardError().constData());

    QString error;
    const QList<Message> messages = readTs(copy, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QStringList problems;
    for (const Message& m : messages) {
        const QString where = QStringLiteral("[%1] \"%2\"").arg(m.context, m.source.left(80));
        if (m.type == QLatin1String("unfinished"))
            problems << where + QStringLiteral(": unfinished (new, or not translated yet)");
        else if (m.type == QLatin1String("vanished") || m.type == QLatin1String("obsolete"))
            problems << where +
                            QStringLiteral(": no longer in the source (run the update_translations target)");
        else if (m.translation.trimmed().isEmpty())
            problems << where + QStringLiteral(": empty translation");
        else if (placeholders(m.source) != placeholders(m.translation))
            problems << where + QStringLiteral(": placeholders %1 in the source, %2 in the translation")
                                    .arg(placeholders(m.source).join(u','),
                                         placeholders(m.translation).join(u','));
        else if (fieldNames(m.source) != fieldNames(m.translation))
            problems << where +
                            QStringLiteral(": field names %1 in the source, %2 in the translation")
                                .arg(fieldNames(m.source).join(u','), fieldNames(m.translation).join(u','));
        else if (accelerator(m.source) != QChar() && accelerator(m.translation) != accelerator(m.source))
            problems << where + QStringLiteral(": accelerator &%1 lost").arg(accelerator(m.source));
        else if (language.startsWith(QLatin1String("zh")) &&
                 m.source.contains(QRegularExpression(QStringLiteral("[A-Za-z]{3,}\\s+[a-z]{3,}"))) &&
                 !hasCjk(m.translation))
            problems << where + QStringLiteral(": English words left untranslated");
    }
    QVERIFY2(problems.isEmpty(),
             qPrintable(QStringLiteral("%1 problem(s) in %2:\n  ").arg(problems.size()).arg(ts) +
                        problems.mid(0, 40).join(QStringLiteral("\n  "))));
    QVERIFY2(!messages.isEmpty() || domain == QLatin1String("poslab_figure"),
             qPrintable(ts + QStringLiteral(" has no messages")));
}

void TestTranslations::switchingTheLanguageSwitchesTheWords()
{
    QString error;
    QVERIFY2(poslab::figure::setLanguage(QStringLiteral("zh_CN"), &error), qPrintable(error));
    QCOMPARE(poslab::figure::language(), QStringLiteral("zh_CN"));
    const QString file = QCoreApplication::translate("poslab::gui::MainWindow", "&File");
    QVERIFY2(hasCjk(file) && file.contains(QLatin1String("(&F)")), qPrintable(file));
    QVERIFY(poslab::figure::setLanguage(QStringLiteral("en"), &error));
    QCOMPARE(QCoreApplication::translate("poslab::gui::MainWindow", "&File"), QStringLiteral("&File"));
    QCOMPARE(poslab::trCore("NoSuchContext", "Offset"), std::string("Offset"));
    QVERIFY(!poslab::figure::setLanguage(QStringLiteral("fr"), &error));
    QVERIFY2(error.contains(QLatin1String("fr")), qPrintable(error));
    QCOMPARE(poslab::figure::language(), QStringLiteral("en")); // a refused language changes nothing
}

void TestTranslations::languageNamesAsPeopleTypeThem()
{
    using poslab::figure::languageCode;
    QCOMPARE(languageCode(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    QCOMPARE(languageCode(QStringLiteral("zh-CN")), QStringLiteral("zh_CN"));
    QCOMPARE(languageCode(QStringLiteral("zh_CN.UTF-8")), QStringLiteral("zh_CN"));
    QCOMPARE(languageCode(QStringLiteral("zh")), QStringLiteral("zh_CN"));
    QCOMPARE(languageCode(QStringLiteral("C")), QStringLiteral("en"));
    QCOMPARE(languageCode(QStringLiteral("en_GB.UTF-8")), QStringLiteral("en"));
    QCOMPARE(languageCode(QStringLiteral("zh_TW")), QString());
    QCOMPARE(languageCode(QStringLiteral("fr")), QString());
    QCOMPARE(poslab::fill("%2 after %1, 100%%", {"a", "b"}), std::string("b after a, 100%"));
    QCOMPARE(poslab::fill("%3 stays", {"a"}), std::string("%3 stays"));
}

// The check above finds what FieldError::render replaces, and nothing else.
void TestTranslations::fieldNamesAreFoundAsCoreNamesThem()
{
    QCOMPARE(fieldNames(QStringLiteral("{pool} needs {engine} onednn, {pool} 1024")),
             QStringList({QStringLiteral("{engine}"), QStringLiteral("{pool}")}));
    QCOMPARE(fieldNames(QStringLiteral("{cell.i} and {region.rows}")),
             QStringList({QStringLiteral("{cell.i}"), QStringLiteral("{region.rows}")}));
    QCOMPARE(fieldNames(QStringLiteral("'{{x}' and {} and %1")), QStringList());
    // A translation that renames a field, or drops one, differs.
    QVERIFY(fieldNames(QStringLiteral("{pool} needs {engine} onednn")) !=
            fieldNames(QString::fromUtf8("{池化} 需要 {engine} onednn")));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
