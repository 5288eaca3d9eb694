#include "guitest.h"

#include "commandline.h"
#include "controlspanel.h"
#include "driver.h"
#include "heatmapview.h"
#include "mainwindow.h"

#include <lab.h>
#include <scheme.h>

#include <QImage>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace poslab;
using namespace poslab::gui;

namespace {

constexpr int kTimeoutMs = 20'000;

LabRequest makeRequest(const std::string& text, const std::string& scheme, What what, int head, bool causal)
{
    LabRequest r;
    r.text = text;
    r.scheme = scheme;
    r.compute.what = what;
    r.compute.head = head;
    r.model.causal = causal;
    return r;
}

// What core says for the same settings, computed here on the test thread.
Table expectedTable(const LabRequest& r)
{
    const auto scheme = makeScheme(r.scheme, r.params, r.model);
    return computeTable(*scheme, Sequence::fromText(r.text, r.tokenizer), r.compute);
}

void compareWithCore(const widgets::HeatmapData& shown, const LabRequest& r)
{
    const Table table = expectedTable(r);
    QCOMPARE(std::size_t(shown.rows), table.rows());
    QCOMPARE(std::size_t(shown.cols), table.cols());
    QCOMPARE(shown.values.size(), table.data.size());
    for (std::size_t k = 0; k < table.data.size(); ++k) {
        const double a = shown.values[k], b = table.data[k];
        if (std::isfinite(b))
            QVERIFY2(std::abs(a - b) <= 1e-12 * std::max(1.0, std::abs(b)), qPrintable(QString::number(k)));
        else
            QVERIFY(!std::isfinite(a));
    }
    QCOMPARE(shown.rowLabels.size(), qsizetype(table.tokens.size()));
    for (std::size_t k = 0; k < table.tokens.size(); ++k)
        QCOMPARE(shown.rowLabels[qsizetype(k)], QString::fromStdString(table.tokens[k]));
}

double grayVariance(const QImage& image)
{
    double sum = 0, sumSq = 0;
    const double count = double(image.width()) * image.height();
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const double g = qGray(image.pixel(x, y));
            sum += g;
            sumSq += g * g;
        }
    }
    const double mean = sum / count;
    return sumSq / count - mean * mean;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
  private slots:
    void heatmapShowsWhatCoreComputes_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<int>("what");
        QTest::addColumn<int>("head");
        QTest::addColumn<bool>("causal");
        QTest::newRow("rope probs head 1") << "rope" << int(What::Probs) << 1 << false;
        QTest::newRow("alibi logits causal") << "alibi" << int(What::Logits) << 2 << true;
        QTest::newRow("t5 bias") << "t5" << int(What::Bias) << 0 << false;
        QTest::newRow("t5 bucket") << "t5" << int(What::Bucket) << 0 << false;
    }
    void heatmapShowsWhatCoreComputes()
    {
        QFETCH(QString, scheme);
        QFETCH(int, what);
        QFETCH(int, head);
        QFETCH(bool, causal);
        MainWindow window;
        QSignalSpy results(window.driver(), &Driver::resultAvailable);

        // Through the individual controls, as a user would.
        window.controls()->setText(QStringLiteral("The cat sat on the mat because the mat was warm."));
        window.controls()->setScheme(scheme);
        window.controls()->setWhat(What(what));
        window.controls()->setHead(head);
        window.controls()->setCausal(causal);
        const LabRequest r = makeRequest("The cat sat on the mat because the mat was warm.",
                                         scheme.toStdString(), What(what), head, causal);
        QTRY_VERIFY_WITH_TIMEOUT(!window.driver()->isBusy() && !results.isEmpty(), kTimeoutMs);
        QVERIFY(window.errorText().isEmpty());
        compareWithCore(window.heatmap()->data(), r);
    }

    void causalProbabilitiesAreMaskedAboveTheDiagonal()
    {
        MainWindow window;
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        window.controls()->setRequest(makeRequest("a b c d", "alibi", What::Probs, 0, true));
        QVERIFY(results.wait(kTimeoutMs));
        const auto& d = window.heatmap()->data();
        QVERIFY(!d.isSigned);
        for (int i = 0; i < d.rows; ++i) {
            for (int j = 0; j < d.cols; ++j)
                QCOMPARE(d.isMasked(i, j), j > i);
        }
    }

    void newerRequestSupersedesOlder()
    {
        MainWindow window;
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        window.controls()->setRequest(makeRequest("one two three", "rope", What::Probs, 0, false));
        window.controls()->setText(QStringLiteral("one two three four"));
        window.controls()->setText(QStringLiteral("one two three four five"));
        QTRY_VERIFY_WITH_TIMEOUT(!window.driver()->isBusy(), kTimeoutMs);
        QTest::qWait(100); // a stale result, if any, would arrive now
        QCOMPARE(results.count(), 1);
        QCOMPARE(window.heatmap()->data().rows, 5);
    }

    void errorsAreShownAndKeepTheLastResult()
    {
        MainWindow window;
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        QSignalSpy failures(window.driver(), &Driver::failed);
        window.controls()->setRequest(makeRequest("a b c", "alibi", What::Probs, 0, false));
        QVERIFY(results.wait(kTimeoutMs));
        window.controls()->setWhat(What::Bucket); // alibi has no buckets
        QVERIFY(failures.wait(kTimeoutMs));
        QVERIFY(!failures.at(0).at(0).toString().isEmpty());
        QCOMPARE(window.errorText(), failures.at(0).at(0).toString());
        QCOMPARE(window.heatmap()->data().rows, 3);
        window.controls()->setText(QStringLiteral("   ")); // no token
        window.controls()->setWhat(What::Probs);
        QTRY_VERIFY_WITH_TIMEOUT(failures.count() >= 2, kTimeoutMs);
    }

    void commandLine_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<bool>("ok");
        QTest::newRow("defaults") << QStringList{} << true;
        QTest::newRow("everything") << QStringList{"--text", "a b", "--scheme", "rope",   "--what", "logits",
                                                   "--head", "3",   "--causal", "--size", "640x480"}
                                    << true;
        QTest::newRow("unknown scheme") << QStringList{"--scheme", "nope"} << false;
        QTest::newRow("what not shown") << QStringList{"--what", "slopes"} << false;
        QTest::newRow("head too large") << QStringList{"--head", "4"} << false;
        QTest::newRow("bad size") << QStringList{"--size", "big"} << false;
        QTest::newRow("unknown option") << QStringList{"--bogus"} << false;
        QTest::newRow("stray argument") << QStringList{"file.txt"} << false;
    }
    void commandLine()
    {
        QFETCH(QStringList, args);
        QFETCH(bool, ok);
        const CommandLine c = parseCommandLine(QStringList{QStringLiteral("poslab")} + args);
        QCOMPARE(c.action == CommandLine::Action::Run, ok);
        if (!ok) QVERIFY(!c.message.isEmpty() && !c.message.contains(u'\n'));
    }

    void commandLineValues()
    {
        const CommandLine c = parseCommandLine({"poslab", "--text", "a b", "--scheme", "rope", "--what",
                                                "logits", "--head", "3", "--causal", "--size", "640x480"});
        QCOMPARE(c.options.request.text, std::string("a b"));
        QCOMPARE(c.options.request.scheme, std::string("rope"));
        QCOMPARE(c.options.request.compute.what, What::Logits);
        QCOMPARE(c.options.request.compute.head, 3);
        QVERIFY(c.options.request.model.causal);
        QCOMPARE(c.options.size, QSize(640, 480));
        QCOMPARE(parseCommandLine({"poslab"}).options.request.text, std::string(kExampleText));
    }

    void screenshotProcessWritesAPicture()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString png = dir.filePath(QStringLiteral("out.png"));
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("QT_QPA_PLATFORM")); // poslab must choose offscreen by itself
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(POSLAB_EXE),
                      {QStringLiteral("--screenshot"), png, QStringLiteral("--example")});
        QVERIFY(process.waitForFinished(60'000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        const QImage image(png);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(1200, 800));
        QVERIFY(grayVariance(image) > 0.0);
    }

    void badArgumentExitsWithTwo()
    {
        QProcess process;
        process.start(QStringLiteral(POSLAB_EXE), {QStringLiteral("--scheme"), QStringLiteral("nope")});
        QVERIFY(process.waitForFinished(30'000));
        QCOMPARE(process.exitCode(), 2);
        const QString err = QString::fromUtf8(process.readAllStandardError()).trimmed();
        QVERIFY2(err.startsWith(QStringLiteral("poslab: error: ")), qPrintable(err));
        QVERIFY(!err.contains(u'\n'));
    }
};

POSLAB_GUI_TEST(TestMainWindow)
#include "tst_mainwindow.moc"
