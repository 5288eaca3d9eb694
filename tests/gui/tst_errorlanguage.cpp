// Issue 16: the errors a user meets in the explorer speak the interface language. Core's messages are
// patterns (trCore, core/i18n.h) and the session reader's are tr() patterns, so in a Chinese window a
// bad parameter typed in the scheme form, a malformed .safetensors opened as a model and a broken
// session file each read in Chinese, with the user's quoted input, the numbers and the path as they
// were. Switching back to English gives exactly the English text the core and CLI tests assert.

#include "cjk.h"
#include "guirequest.h"
#include "guitest.h"

#include "driver.h"
#include "mainwindow.h"
#include "modelfiles.h"
#include "schemepanel.h"
#include "sessionfiles.h"

#include <error.h>
#include <language.h>

#include <QFile>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace poslab;
using namespace poslab::gui;

using poslab::test::hasCjk;

namespace {

constexpr int kTimeoutMs = 60'000;

void useLanguage(const QString& code)
{
    QString error;
    QVERIFY2(figure::setLanguage(code, &error), qPrintable(error));
}

// The 8-byte little-endian header length, then `rest`: a header that claims `claimed` bytes.
QByteArray safetensorsClaiming(quint64 claimed, const QByteArray& rest)
{
    QByteArray bytes;
    for (int k = 0; k < 8; ++k)
        bytes += char((claimed >> (8 * k)) & 0xff);
    return bytes + rest;
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QString quoted(const QString& path)
{
    return QString::fromStdString(quoteInput(path.toStdString()));
}

} // namespace

class TestErrorLanguage : public QObject
{
    Q_OBJECT

  private slots:
    void cleanup() { figure::setLanguage(QStringLiteral("en")); }

    // rope's short_factor is a comma-separated list: its second value is not a number.
    void badParameterInTheSchemeFormReadsInTheInterfaceLanguage()
    {
        useLanguage(QStringLiteral("en"));
        MainWindow window;
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        QSignalSpy failures(window.driver(), &Driver::failed);
        window.driver()->request(test::request("the cat sat", "rope"));
        QVERIFY(results.wait(kTimeoutMs));
        auto* edit =
            qobject_cast<QLineEdit*>(window.schemePanel()->paramField(QStringLiteral("short_factor")));
        QVERIFY(edit);
        QTest::keyClicks(edit, QStringLiteral("1, abc"));
        QTest::keyClick(edit, Qt::Key_Return);
        QVERIFY(failures.wait(kTimeoutMs));
        const QString english = QStringLiteral("rope: parameter 'short_factor' must be comma-separated "
                                               "numbers, each in [1e-06, 1e+06], value 2 is 'abc'");
        QCOMPARE(failures.last().at(0).toString(), english);
        QCOMPARE(window.errorText(), english);

        // Live: the language switch computes the request again, and the error comes back in Chinese.
        useLanguage(QStringLiteral("zh_CN"));
        QVERIFY(failures.wait(kTimeoutMs));
        const QString chinese = failures.last().at(0).toString();
        QVERIFY2(hasCjk(chinese), qPrintable(chinese));
        for (const char* kept : {"rope", "'short_factor'", "[1e-06, 1e+06]", "'abc'", "2"})
            QVERIFY2(chinese.contains(QLatin1String(kept)),
                     qPrintable(chinese + QStringLiteral(" lacks ") + QLatin1String(kept)));
        QVERIFY(!chinese.contains(QLatin1String("must be")));
        QCOMPARE(window.errorText(), chinese);

        useLanguage(QStringLiteral("en"));
        QVERIFY(failures.wait(kTimeoutMs));
        QCOMPARE(failures.last().at(0).toString(), english);
        QCOMPARE(window.errorText(), english);
    }

    // A header length of 1000 bytes in a file with 12 after it.
    void malformedSafetensorsReadsInTheInterfaceLanguage()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("broken.safetensors"));
        QVERIFY(writeFile(path, safetensorsClaiming(1000, QByteArray("{\"a\": 1}    "))));
        MainWindow window;
        QVERIFY(test::waitIdle(window.driver(), kTimeoutMs));

        useLanguage(QStringLiteral("zh_CN"));
        QSignalSpy failures(window.modelFiles(), &ModelFiles::failed);
        QString chinese;
        QVERIFY(!window.modelFiles()->open(path, &chinese));
        QCOMPARE(failures.count(), 1);
        QCOMPARE(failures.last().at(0).toString(), chinese);
        QVERIFY2(hasCjk(chinese), qPrintable(chinese));
        QVERIFY2(chinese.startsWith(quoted(path)), qPrintable(chinese));
        QVERIFY2(chinese.contains(QLatin1String("safetensors")) &&
                     chinese.contains(QLatin1String(" 1000 ")) && chinese.contains(QLatin1String(" 12 ")),
                 qPrintable(chinese));

        useLanguage(QStringLiteral("en"));
        QString english;
        QVERIFY(!window.modelFiles()->open(path, &english));
        QCOMPARE(english,
                 quoted(path) + QStringLiteral(": not a safetensors file: its header would be 1000 bytes, "
                                               "the file has 12 after the length"));
    }

    // A model folder's own faults (config.json, its weights) read in Chinese too: checkpoint.cpp
    // and weights.cpp, and the explorer's "nothing it can show".
    void aModelFoldersFaultsReadInTheInterfaceLanguage()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(writeFile(dir.filePath(QStringLiteral("config.json")), QByteArray(R"({"n_head": "two"})")));
        MainWindow window;
        QVERIFY(test::waitIdle(window.driver(), kTimeoutMs));
        const QString missing = dir.filePath(QStringLiteral("nowhere"));
        for (const QString& code : {QStringLiteral("zh_CN"), QStringLiteral("en")}) {
            useLanguage(code);
            QString config, absent;
            QVERIFY(!window.modelFiles()->open(dir.path(), &config));
            QVERIFY(!window.modelFiles()->open(missing, &absent));
            const bool zh = code == QLatin1String("zh_CN");
            QVERIFY2(hasCjk(config) == zh && config.contains(QLatin1String("n_head")), qPrintable(config));
            QVERIFY2(hasCjk(absent) == zh && absent.startsWith(quoted(missing)), qPrintable(absent));
            if (!zh) QCOMPARE(absent, quoted(missing) + QStringLiteral(": no such file or folder"));
        }
    }

    // request.model.d_model is 0.5: outside [1, 2^20].
    void brokenSessionFileReadsInTheInterfaceLanguage()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("broken.poslab"));
        QVERIFY(writeFile(path, R"({"format": "poslab-session", "version": 2,
            "request": {"text": "the cat", "scheme": "rope", "model": {"d_model": 0.5}}})"));
        MainWindow window;
        QVERIFY(test::waitIdle(window.driver(), kTimeoutMs));

        useLanguage(QStringLiteral("zh_CN"));
        QSignalSpy failures(window.sessionFiles(), &SessionFiles::failed);
        QString chinese;
        QVERIFY(!window.sessionFiles()->open(path, &chinese));
        QCOMPARE(failures.count(), 1);
        QCOMPARE(failures.last().at(0).toString(), chinese);
        QVERIFY2(hasCjk(chinese), qPrintable(chinese));
        QVERIFY2(chinese.startsWith(quoted(path)), qPrintable(chinese));
        for (const char* kept : {"'request.model.d_model'", "[1, 1048576]", "0.5"})
            QVERIFY2(chinese.contains(QLatin1String(kept)),
                     qPrintable(chinese + QStringLiteral(" lacks ") + QLatin1String(kept)));

        useLanguage(QStringLiteral("en"));
        QString english;
        QVERIFY(!window.sessionFiles()->open(path, &english));
        QCOMPARE(english, quoted(path) + QStringLiteral(": session field 'request.model.d_model' must be in "
                                                        "[1, 1048576], got 0.5"));
    }

    // A core field error names its fields in the explorer's words: the Chinese pattern keeps {heads}
    // and {d_model} for the Namer, and the explorer's Namer puts its own label there.
    void fieldErrorsKeepTheExplorersNamesInChinese()
    {
        useLanguage(QStringLiteral("zh_CN"));
        ModelConfig model;
        model.dModel = 10;
        model.heads = 4;
        try {
            model.validate();
            QFAIL("d_model 10 with 4 heads was accepted");
        } catch (const FieldError& e) {
            QCOMPARE(e.field(), std::string("d_model"));
            QVERIFY2(e.text().find("{d_model}") != std::string::npos &&
                         e.text().find("{heads}") != std::string::npos,
                     e.text().c_str());
            const QString shown = explorerMessage(e);
            const QString heads = QCoreApplication::translate("Driver", "Heads");
            QVERIFY2(hasCjk(heads), qPrintable(heads));
            QVERIFY2(hasCjk(shown) && shown.contains(heads) && shown.contains(QLatin1String("d_model 10")) &&
                         shown.contains(QLatin1String(" 4")),
                     qPrintable(shown));
        }
        useLanguage(QStringLiteral("en"));
        try {
            model.validate();
            QFAIL("d_model 10 with 4 heads was accepted");
        } catch (const FieldError& e) {
            QCOMPARE(explorerMessage(e), QStringLiteral("d_model 10 is not divisible by Heads 4"));
        }
    }

    // Every field core's errors name (FieldError's first argument in core/) reads as a Chinese word
    // in a Chinese window, not as the request's key; symbols (d_model, λ, i, j) stay symbols.
    void everyFieldCoreNamesHasAChineseName()
    {
        useLanguage(QStringLiteral("zh_CN"));
        for (const char* field : {"text", "tokenizer", "positions_only", "scheme", "heads", "head", "causal", "seed",
                                  "temperature", "matrix", "range", "compare.scheme", "compare.shift", "pool.mode",
                                  "pool", "positions", "start", "weights", "layer", "engine", "dtype", "threads",
                                  "region.rows", "region.keys"}) {
            const QString shown = explorerMessage(FieldError(field, "{" + std::string(field) + "}"));
            QVERIFY2(hasCjk(shown), qPrintable(QStringLiteral("%1 -> %2").arg(QLatin1String(field), shown)));
        }
        for (const char* symbol : {"d_model", "cell.i", "cell.j"}) {
            const QString shown = explorerMessage(FieldError(symbol, "{" + std::string(symbol) + "}"));
            QVERIFY2(!hasCjk(shown) && !shown.contains(QLatin1Char('.')), qPrintable(shown));
        }
    }
};

POSLAB_GUI_TEST(TestErrorLanguage)
#include "tst_errorlanguage.moc"
