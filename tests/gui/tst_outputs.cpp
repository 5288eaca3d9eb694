// The explorer's writers (Save, Save As, Export Figure, --screenshot) go through core/atomicfile.h:
// all or nothing, symlinks followed, errno's words in one line naming the file.

#include "guitest.h"

#include "examples.h"
#include "exportdialog.h"
#include "mainwindow.h"
#include "screenshot.h"
#include "sessionfiles.h"

#include <error.h>
#include <figure.h>
#include <lab.h>
#include <session.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QTemporaryDir>
#include <QTest>

using namespace poslab;
using namespace poslab::gui;

namespace {

figure::Session exampleSession(const QString& id)
{
    for (const Example& e : builtinExamples())
        if (e.id == id) return figure::loadSession(e.path());
    throw Error("no example " + id.toStdString());
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeAll(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

QStringList entries(const QString& dir)
{
    return QDir(dir).entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::Hidden | QDir::System,
                               QDir::Name);
}

} // namespace

class TestOutputs : public QObject
{
    Q_OBJECT

  private slots:
    void saveAsWritesThroughASymlinkAndKeepsIt()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("sessions")));
        writeAll(dir.filePath(QStringLiteral("sessions/real.poslab")), "old");
        QVERIFY(
            QFile::link(QStringLiteral("sessions/real.poslab"), dir.filePath(QStringLiteral("link.poslab"))));
        MainWindow window;
        QVERIFY(window.sessionFiles()->openExample(QStringLiteral("alibi-heads")));
        QString error;
        QVERIFY2(window.sessionFiles()->saveTo(dir.filePath(QStringLiteral("link.poslab")), &error),
                 qPrintable(error));
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("link.poslab"))).isSymLink());
        QCOMPARE(QFile::symLinkTarget(dir.filePath(QStringLiteral("link.poslab"))),
                 dir.filePath(QStringLiteral("sessions/real.poslab")));
        QVERIFY(figure::loadSession(dir.filePath(QStringLiteral("sessions/real.poslab"))) ==
                window.sessionFiles()->currentSession());
        QCOMPARE(entries(dir.filePath(QStringLiteral("sessions"))),
                 QStringList{QStringLiteral("real.poslab")});
    }

    void saveErrorsAreErrnosWordsNamingTheFile()
    {
        QTemporaryDir dir;
        writeAll(dir.filePath(QStringLiteral("plain")), "x");
        const QString path = dir.filePath(QStringLiteral("plain/x.poslab"));
        MainWindow window;
        QVERIFY(window.sessionFiles()->openExample(QStringLiteral("alibi-heads")));
        QString error;
        QVERIFY(!window.sessionFiles()->saveTo(path, &error));
        QCOMPARE(error, QStringLiteral("cannot write '%1': Not a directory").arg(path));
        QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("plain")});
    }

    // The figure and its data are written together or not at all: here the data's name is taken
    // by a folder, so the figure that existed stays as it was and no temporary is left.
    void exportWritesTheFigureAndItsDataOrNeither()
    {
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("f.png")),
                      csv = dir.filePath(QStringLiteral("f.csv"));
        writeAll(png, "old figure");
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("f.csv")));
        Lab lab;
        ExportDialog dialog(exampleSession(QStringLiteral("shaw-clipping")), lab);
        dialog.setFormat(figure::FigureFormat::Png);
        dialog.setDataFormat(QStringLiteral("csv"));
        QCOMPARE(dialog.exportTo(png), QStringLiteral("cannot write '%1': Is a directory").arg(csv));
        QCOMPARE(readAll(png), QByteArray("old figure"));
        QCOMPARE(entries(dir.path()), (QStringList{QStringLiteral("f.csv"), QStringLiteral("f.png")}));

        QVERIFY(QDir(dir.path()).rmdir(QStringLiteral("f.csv")));
        const QString error = dialog.exportTo(png);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(QImage(png).width() > 0);
        QVERIFY(readAll(csv).contains(','));
        QCOMPARE(entries(dir.path()), (QStringList{QStringLiteral("f.csv"), QStringLiteral("f.png")}));
    }

    void screenshotIsAPngOrAnErrorNamingTheFile()
    {
        QTemporaryDir dir;
        QLabel label(QStringLiteral("PosLab"));
        const QString png = dir.filePath(QStringLiteral("shot.png"));
        QCOMPARE(saveScreenshot(label, QSize(40, 30), png), QString());
        QCOMPARE(QImage(png).size(), QSize(40, 30));
        const QString missing = dir.filePath(QStringLiteral("missing/shot.png"));
        QCOMPARE(saveScreenshot(label, QSize(40, 30), missing),
                 QStringLiteral("cannot write '%1': No such file or directory").arg(missing));
        QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("shot.png")});
    }

    // Non-ASCII names reach the file system as the user typed them.
    void unicodeNamesAreKept()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("注意力 données.poslab"));
        figure::saveSession(exampleSession(QStringLiteral("alibi-heads")), path);
        QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("注意力 données.poslab")});
        QVERIFY(figure::loadSession(path) == exampleSession(QStringLiteral("alibi-heads")));
    }
};

POSLAB_GUI_TEST(TestOutputs)
#include "tst_outputs.moc"
