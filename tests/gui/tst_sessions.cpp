#include "guitest.h"

#include "commandline.h"
#include "driver.h"
#include "examples.h"
#include "explorerstate.h"
#include "exportdialog.h"
#include "mainwindow.h"
#include "sessionbridge.h"
#include "sessionfiles.h"

#include <error.h>
#include <figure.h>
#include <session.h>

#include <QBuffer>
#include <QDir>
#include <QDirIterator>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QMimeData>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace poslab;
using namespace poslab::gui;

namespace {

constexpr int kTimeoutMs = 30'000;

figure::Session exampleSession(const QString& id)
{
    for (const Example& e : builtinExamples())
        if (e.id == id) return figure::loadSession(e.path());
    throw Error("no example " + id.toStdString());
}

// The fields of a request a session records (the compare scheme and shift included).
auto requestKey(const LabRequest& r)
{
    const ModelConfig m = r.effectiveModel();
    return std::tuple(r.positions, r.positions > 0 ? std::string() : r.text, r.tokenizer, r.scheme, r.params,
                      m.dModel, m.heads, m.causal, m.seed, m.lambda, m.temperature, r.compare, r.compareScheme,
                      r.shift);
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

// POSLAB_SESSION_PNG=DIR: screenshots of the export dialog and an opened example, to look at.
void maybeGrab(QWidget& widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("POSLAB_SESSION_PNG");
    if (!dir.isEmpty()) widget.grab().save(QDir(dir).filePath(name));
}

} // namespace

class TestSessions : public QObject
{
    Q_OBJECT
  private slots:
    void sessionRoundTripsThroughTheExplorer_data()
    {
        QTest::addColumn<QString>("id");
        for (const Example& e : builtinExamples())
            QTest::newRow(qPrintable(e.id)) << e.id;
        QTest::newRow("styled") << QString();
    }

    void sessionRoundTripsThroughTheExplorer()
    {
        QFETCH(QString, id);
        figure::Session s;
        if (!id.isEmpty()) {
            s = exampleSession(id);
        } else {
            s.text = "dog bites man";
            s.tokenizer = TokenizerMode::Char;
            s.scheme = "rope";
            s.params = {{"base", "500"}};
            s.model.heads = 2;
            s.model.seed = 7;
            s.model.lambda = 0.5;
            s.view = figure::FigureView::DeltaCurve;
            s.matrix = "logits";
            s.head = 1;
            s.cellI = 3;
            s.cellJ = 0;
            s.range = 9;
            s.style.colormap = "grayscale"; // no explorer map: kept from the base
            s.style.logScale = true;
            s.style.fontFamily = "DejaVu Serif";
            s.style.fontSize = 10;
            s.style.title = "";
            s.style.widthMm = 175;
            s.style.dpi = 600;
        }
        Driver driver;
        ExplorerState state;
        applySession(s, driver, state);
        QVERIFY(sessionFromExplorer(driver.lastRequest(), state, s) == s);

        // And the other way: the explorer -> a session -> a fresh explorer shows the same.
        Driver driver2;
        ExplorerState state2;
        applySession(sessionFromExplorer(driver.lastRequest(), state, s), driver2, state2);
        QVERIFY(requestKey(driver2.lastRequest()) == requestKey(driver.lastRequest()));
        QCOMPARE(state2.view(), state.view());
        QCOMPARE(state2.matrix(), state.matrix());
        QCOMPARE(state2.head(), state.head());
        QCOMPARE(state2.row(), state.row());
        QCOMPARE(state2.col(), state.col());
        QCOMPARE(state2.deltaRange(), state.deltaRange());
        QCOMPARE(state2.colorMap(), state.colorMap());
        QCOMPARE(state2.logScale(), state.logScale());
    }

    void positionsOnlyIsLambdaZero()
    {
        LabRequest r;
        r.positions = 5;
        r.text = "left behind";
        r.positionsOnly = true;
        r.model.lambda = 0.7;
        ExplorerState state;
        const figure::Session s = sessionFromExplorer(r, state);
        QCOMPARE(s.positions, 5);
        QVERIFY(s.text.empty());
        QCOMPARE(s.model.lambda, 0.0);
        const LabRequest back = requestFromSession(s);
        QVERIFY(back.positionsOnly);
        QCOMPARE(back.positions, 5);
        QCOMPARE(back.effectiveModel().lambda, 0.0);
    }

    void everyExampleLoadsAndComputes_data()
    {
        QTest::addColumn<QString>("id");
        for (const Example& e : builtinExamples())
            QTest::newRow(qPrintable(e.id)) << e.id;
    }

    void everyExampleLoadsAndComputes()
    {
        QFETCH(QString, id);
        const figure::Session s = exampleSession(id);
        figure::validateSession(s);
        MainWindow window;
        window.resize(1400, 900);
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        QSignalSpy failures(window.driver(), &Driver::failed);
        QString error;
        QVERIFY2(window.sessionFiles()->openExample(id, &error), qPrintable(error));
        QVERIFY(results.wait(kTimeoutMs));
        QCOMPARE(failures.count(), 0);
        // The result did not move the view away from what the file says (e.g. a matrix the scheme lacks).
        QVERIFY(window.sessionFiles()->currentSession() == s);
        QVERIFY(!window.sessionFiles()->isModified());
        if (id == QLatin1String("alibi-heads")) {
            window.show();
            maybeGrab(window, QStringLiteral("example-alibi-heads.png"));
        }
    }

    void everyExampleFileIsListed()
    {
        QStringList listed;
        for (const Example& e : builtinExamples())
            listed << e.id + QStringLiteral(".poslab");
        QStringList built;
        for (QDirIterator it(QStringLiteral(":/examples")); it.hasNext();)
            built << QFileInfo(it.next()).fileName();
        QStringList source =
            QDir(QStringLiteral(POSLAB_EXAMPLES_DIR)).entryList({QStringLiteral("*.poslab")});
        listed.sort();
        built.sort();
        source.sort();
        QCOMPARE(built, listed);
        QCOMPARE(source, listed);
    }

    // The examples ship as version 1 files (the request's fields at the top level): each opens, and
    // saving it writes version 2 of the same session.
    void versionOneExamplesSaveAsVersionTwo()
    {
        QTemporaryDir dir;
        const QStringList names =
            QDir(QStringLiteral(POSLAB_EXAMPLES_DIR)).entryList({QStringLiteral("*.poslab")});
        QCOMPARE(names.size(), 6);
        for (const QString& name : names) {
            QFile file(QDir(QStringLiteral(POSLAB_EXAMPLES_DIR)).filePath(name));
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(file.readAll().contains("\"version\": 1"), qPrintable(name));
            const figure::Session s = figure::loadSession(file.fileName());
            const QString again = dir.filePath(name);
            figure::saveSession(s, again);
            QFile saved(again);
            QVERIFY(saved.open(QIODevice::ReadOnly));
            QVERIFY2(saved.readAll().contains("\"version\": 2"), qPrintable(name));
            QVERIFY2(figure::loadSession(again) == s, qPrintable(name));
        }
    }

    void openingABadFileChangesNothing_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        QTest::newRow("corrupt") << QByteArray("{\"format\": \"poslab-session\", \"vers")
                                 << QStringLiteral("a.poslab") << QStringLiteral("corrupt JSON");
        QTest::newRow("newer")
            << QByteArray(R"({"format": "poslab-session", "version": 99, "n": 4, "scheme": "alibi"})")
            << QStringLiteral("b.poslab") << QStringLiteral("newer PosLab");
        QTest::newRow("bad field")
            << QByteArray(R"({"format": "poslab-session", "version": 1, "n": 4, "scheme": "no-such"})")
            << QStringLiteral("c.poslab") << QStringLiteral("no-such");
        // Issue 12: a 10⁷-character scheme took 43 s to refuse in the explorer, and a 10⁷-character
        // parameter hung it for over a minute; both are now refused by the session's validation.
        const QByteArray huge(10'000'000, 'q');
        QTest::newRow("huge scheme") << QByteArray("{\"format\": \"poslab-session\", \"version\": 1, \"n\": 4, \"scheme\": \"") +
                                                   huge + "\"}"
                                     << QStringLiteral("e.poslab") << QStringLiteral("(10000000 characters)");
        QTest::newRow("huge parameter")
            << QByteArray("{\"format\": \"poslab-session\", \"version\": 1, \"n\": 4, \"scheme\": \"t5\", "
                                     "\"params\": {\"num_buckets\": \"") +
                          huge + "\"}}"
            << QStringLiteral("f.poslab") << QStringLiteral("(10000000 characters)");
        QImage plain(8, 8, QImage::Format_RGB32);
        plain.fill(Qt::red);
        QByteArray png;
        {
            QBuffer buffer(&png);
            buffer.open(QIODevice::WriteOnly);
            plain.save(&buffer, "png");
        }
        QTest::newRow("figure without session")
            << png << QStringLiteral("d.png") << QStringLiteral("carries no PosLab session");
    }

    void openingABadFileChangesNothing()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, name);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(name);
        writeFile(path, bytes);

        MainWindow window;
        QSignalSpy results(window.driver(), &Driver::resultAvailable);
        QVERIFY(window.sessionFiles()->openExample(QStringLiteral("shaw-clipping")));
        QVERIFY(results.wait(kTimeoutMs));
        const figure::Session before = window.sessionFiles()->currentSession();
        const quint64 generation = window.driver()->generation();
        const QString title = window.windowTitle();

        QSignalSpy failed(window.sessionFiles(), &SessionFiles::failed);
        QString error;
        QElapsedTimer clock;
        clock.start();
        QVERIFY(!window.sessionFiles()->open(path, &error));
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed()))); // a refusal, not a hang
        QCOMPARE(failed.count(), 1);
        QVERIFY2(error.contains(expected), qPrintable(error.left(400)));
        QVERIFY2(error.size() < 400, qPrintable(error.left(400)));
        QVERIFY2(error.contains(name), qPrintable(error)); // names the file
        QVERIFY(!error.contains(u'\n'));
        QVERIFY(window.sessionFiles()->currentSession() == before);
        QCOMPARE(window.driver()->generation(), generation);
        QCOMPARE(window.windowTitle(), title);
        QVERIFY(window.sessionFiles()->recentFiles().isEmpty());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), bytes); // untouched
    }

    void saveWritesWhatOpenReads()
    {
        QTemporaryDir dir;
        MainWindow window;
        QVERIFY(window.sessionFiles()->openExample(QStringLiteral("t5-long-range")));
        window.state()->setCell(30, 2);
        window.state()->setColorMap(widgets::ColorMap::Magma);
        const QString path = dir.filePath(QStringLiteral("mine.poslab"));
        QString error;
        QVERIFY2(window.sessionFiles()->saveTo(path, &error), qPrintable(error));
        QVERIFY(figure::loadSession(path) == window.sessionFiles()->currentSession());
        QCOMPARE(window.sessionFiles()->recentFiles(), QStringList{QFileInfo(path).absoluteFilePath()});
        QVERIFY(window.windowTitle().startsWith(QStringLiteral("mine.poslab")));
        QVERIFY(!window.isWindowModified());

        window.state()->setHead(2);
        QVERIFY(window.sessionFiles()->isModified());
        QVERIFY(window.isWindowModified());
        window.state()->setHead(0);
        QVERIFY(!window.isWindowModified()); // back to what was saved

        // A save that cannot succeed reports and leaves nothing.
        const QString bad = dir.filePath(QStringLiteral("missing/dir/x.poslab"));
        QVERIFY(!window.sessionFiles()->saveTo(bad, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!QFile::exists(bad));

        MainWindow other;
        QVERIFY2(other.sessionFiles()->open(path, &error), qPrintable(error));
        QVERIFY(other.sessionFiles()->currentSession() == window.sessionFiles()->currentSession());
    }

    void exportFigureIsCtrlE()
    {
        MainWindow window;
        QCOMPARE(window.sessionFiles()->exportAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_E));
        QCOMPARE(window.sessionFiles()->saveAction()->shortcut(), QKeySequence(QKeySequence::Save));
        // no other action of the window takes Ctrl+E (it would make the shortcut ambiguous)
        int taken = 0;
        for (const QAction* a : window.findChildren<QAction*>())
            taken += a->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_E)) ? 1 : 0;
        QCOMPARE(taken, 1);
    }

    void exportWritesAPngThatReopensToTheSameRequest()
    {
        QTemporaryDir dir;
        MainWindow window;
        QVERIFY(window.sessionFiles()->openExample(QStringLiteral("shaw-clipping")));
        ExportDialog dialog(window.sessionFiles()->currentSession(), window.driver()->lab());
        dialog.resize(dialog.sizeHint());
        dialog.show();
        QSignalSpy preview(&dialog, &ExportDialog::previewAvailable);
        QVERIFY(preview.wait(kTimeoutMs));
        QVERIFY(!dialog.previewImage().isNull());
        QVERIFY2(dialog.errorText().isEmpty(), qPrintable(dialog.errorText()));
        maybeGrab(dialog, QStringLiteral("export-dialog.png"));

        dialog.setFormat(figure::FigureFormat::Png);
        dialog.setDataFormat(QStringLiteral("csv"));
        const QString path = dir.filePath(QStringLiteral("shaw.png"));
        const QString error = dialog.exportTo(path);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QImage image(path);
        QCOMPARE(image.width(), qRound(figure::kOneColumnMm * 300 / 25.4));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("shaw.csv"))));
        QVERIFY(figure::loadSession(path) == dialog.session());

        MainWindow reopened;
        QString openError;
        QVERIFY2(reopened.sessionFiles()->open(path, &openError), qPrintable(openError));
        QVERIFY(requestKey(reopened.driver()->lastRequest()) == requestKey(window.driver()->lastRequest()));
        QCOMPARE(reopened.state()->matrix(), QStringLiteral("bucket"));
        QCOMPARE(reopened.state()->row(), 8);
        QCOMPARE(reopened.state()->col(), 3);
    }

    void failedExportLeavesNothing()
    {
        QTemporaryDir dir;
        figure::Session s = exampleSession(QStringLiteral("shaw-clipping"));
        Lab lab;
        ExportDialog dialog(s, lab);
        dialog.setDataFormat(QStringLiteral("json"));
        const QString path = dir.filePath(QStringLiteral("no/such/dir/f.pdf"));
        const QString error = dialog.exportTo(path);
        QVERIFY(!error.isEmpty());
        QVERIFY(!error.contains(u'\n'));
        QCOMPARE(dialog.errorText(), error);
        QVERIFY(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
    }

    void exportDialogPresetsSetTheWidth()
    {
        Lab lab;
        ExportDialog dialog(exampleSession(QStringLiteral("alibi-heads")), lab);
        QCOMPARE(dialog.session().view, figure::FigureView::Heads);
        QCOMPARE(dialog.session().style.widthMm, figure::kOneColumnMm);
        dialog.setWidthMm(figure::kTwoColumnMm);
        QCOMPARE(dialog.session().style.widthMm, figure::kTwoColumnMm);
        ExportDialog compare(exampleSession(QStringLiteral("sinusoidal-vs-rope")), lab);
        QCOMPARE(compare.session().view, figure::FigureView::Compare);
    }

    void droppingAFileOpensIt()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("dropped.poslab"));
        figure::saveSession(exampleSession(QStringLiteral("alibi-heads")), path);
        MainWindow window;
        window.show();
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(path)});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &drop);
        QCOMPARE(window.sessionFiles()->filePath(), QFileInfo(path).absoluteFilePath());
        QCOMPARE(window.state()->view(), View::Heads);
        QCOMPARE(window.driver()->lastRequest().model.heads, 8);
    }

    void commandLineOpen()
    {
        const CommandLine ok = parseCommandLine(
            {QStringLiteral("poslab"), QStringLiteral("--open"), QStringLiteral("x.poslab")});
        QCOMPARE(ok.action, CommandLine::Action::Run);
        QCOMPARE(ok.options.open, QStringLiteral("x.poslab"));
        const CommandLine clash =
            parseCommandLine({QStringLiteral("poslab"), QStringLiteral("--open"), QStringLiteral("x.poslab"),
                              QStringLiteral("--scheme"), QStringLiteral("rope")});
        QCOMPARE(clash.action, CommandLine::Action::Error);
        QVERIFY(clash.message.contains(QStringLiteral("--scheme")));
    }

    void openWithScreenshotRunsAsAProcess()
    {
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("x.png"));
        QProcess process;
        process.start(QStringLiteral(POSLAB_EXE),
                      {QStringLiteral("--open"), QStringLiteral(POSLAB_EXAMPLES_DIR "/alibi-heads.poslab"),
                       QStringLiteral("--screenshot"), png, QStringLiteral("--size"),
                       QStringLiteral("1000x700")});
        QVERIFY(process.waitForFinished(60'000));
        QCOMPARE(process.exitCode(), 0);
        QCOMPARE(QImage(png).size(), QSize(1000, 700));

        const QString bad = dir.filePath(QStringLiteral("bad.poslab"));
        writeFile(bad, "{ not json");
        process.start(QStringLiteral(POSLAB_EXE),
                      {QStringLiteral("--open"), bad, QStringLiteral("--screenshot"),
                       dir.filePath(QStringLiteral("y.png"))});
        QVERIFY(process.waitForFinished(60'000));
        QCOMPARE(process.exitCode(), 2);
        const QString err =
            QString::fromUtf8(process.readAllStandardError()).trimmed().split(u'\n').constLast();
        QVERIFY2(err.startsWith(QStringLiteral("poslab: error: ")) &&
                     err.contains(QStringLiteral("bad.poslab")),
                 qPrintable(err));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("y.png"))));
    }
};

POSLAB_GUI_TEST(TestSessions)
#include "tst_sessions.moc"
