// The explorer's driver and long work (issue 12, item 5): progress measured from the tiles, and a
// cancel that ends the request with a message.

#include "guitest.h"

#include "driver.h"

#include <QSignalSpy>
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
};

POSLAB_GUI_TEST(TestHardening)
#include "tst_hardening.moc"
