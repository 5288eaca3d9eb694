// The explorer's driver and long work (issue 12, item 5): progress measured from the tiles, and a
// cancel that ends the request with a message.

#include "guitest.h"

#include "driver.h"

#include <figure.h>
#include <session.h>

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace poslab;
using namespace poslab::gui;

class TestHardening : public QObject
{
    Q_OBJECT

  private slots:
    void longWorkReportsProgressAndCanBeCancelled()
    {
        Driver driver;
        QSignalSpy work(&driver, &Driver::workProgress);
        QSignalSpy results(&driver, &Driver::resultAvailable);
        QSignalSpy failures(&driver, &Driver::failed);
        LabRequest r;
        r.scheme = "alibi";
        r.positions = 60000; // far above the budget of n × n matrices: the head shown is streamed
        driver.request(r);
        // The first report is the baseline; the time left is measured from the tiles after it.
        const auto measured = [&] {
            return !work.isEmpty() && work.constLast().at(0).value<WorkProgress>().remaining >= 0;
        };
        QTRY_VERIFY_WITH_TIMEOUT(measured(), 120'000);
        const auto p = work.constLast().at(0).value<WorkProgress>();
        QCOMPARE(p.total, 60000.0 * 60000.0); // one head, every key
        QVERIFY(p.done > 0 && p.done < p.total);
        QVERIFY(p.elapsed > 0);
        QCOMPARE(work.at(0).at(0).value<WorkProgress>().remaining, -1.0);
        driver.cancel();
        QVERIFY(failures.wait(120'000));
        QCOMPARE(failures.at(0).at(0).toString(), QString::fromLatin1(Driver::cancelledMessage));
        QCOMPARE(results.count(), 0);
        QVERIFY(!driver.isBusy());

        // A cancel with nothing running changes nothing; the next request computes as usual.
        driver.cancel();
        r.positions = 5;
        driver.request(r);
        QVERIFY(results.wait(120'000));
        QCOMPARE(results.at(0).at(0).value<LabResult>().n, 5);
        QCOMPARE(failures.count(), 1);
    }

    // poslab --open on a figure whose embedded session chunk has a bad CRC: libpng warns through
    // Qt ("qt.gui.imageio: libpng warning: zTXt: CRC error"), which came before PosLab's line.
    void libraryWarningsNeverComeBeforeTheError()
    {
        QTemporaryDir dir;
        figure::Session s;
        s.scheme = "alibi";
        s.positions = 4;
        Lab lab;
        QByteArray png = figure::renderFigure(lab, s, figure::FigureFormat::Png).bytes;
        qsizetype at = 8; // the chunk whose data starts with the session's key: flip a bit of its CRC
        bool broken = false;
        while (!broken && at + 12 <= png.size()) {
            const auto u = [&](qsizetype k) { return quint32(quint8(png[k])); };
            const quint32 length = u(at) << 24 | u(at + 1) << 16 | u(at + 2) << 8 | u(at + 3);
            if (png.mid(at + 8, 14) == "poslab-session") {
                png[at + 8 + length] = char(png[at + 8 + length] ^ 1);
                broken = true;
            }
            at += 12 + qsizetype(length);
        }
        QVERIFY(broken);
        const QString path = dir.filePath(QStringLiteral("broken.png"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(png);
        f.close();
        QProcess process;
        process.start(QStringLiteral(POSLAB_EXE), {QStringLiteral("--open"), path, QStringLiteral("--screenshot"),
                                                   dir.filePath(QStringLiteral("y.png"))});
        QVERIFY(process.waitForFinished(60'000));
        QCOMPARE(process.exitCode(), 2);
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(!err.contains(QStringLiteral("libpng")), qPrintable(err));
        QVERIFY2(err.trimmed().split(u'\n').constLast().endsWith(
                     QStringLiteral("this figure carries no PosLab session")),
                 qPrintable(err));
    }
};

POSLAB_GUI_TEST(TestHardening)
#include "tst_hardening.moc"
