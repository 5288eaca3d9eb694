// Issue 13, defect 2: quitting, closing, New, Open (dialog, recent, drop, examples) over a modified
// session ask Save / Discard / Cancel; an unmodified one never asks.
#include "guitest.h"

#include "driver.h"
#include "examples.h"
#include "explorerstate.h"
#include "mainwindow.h"
#include "sequencepanel.h"
#include "sessionfiles.h"

#include <session.h>

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QDropEvent>
#include <QFileInfo>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrl>

#include <functional>

using namespace poslab;
using namespace poslab::gui;

namespace {

// Answers every message box that opens while it lives with `button`, and keeps what the boxes said.
class AutoAnswer
{
  public:
    explicit AutoAnswer(QMessageBox::StandardButton button) : m_button(button)
    {
        m_timer.setInterval(10);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (!box || !box->button(m_button)) return;
            m_texts << box->text();
            box->button(m_button)->click();
        });
        m_timer.start();
    }
    QStringList texts() const { return m_texts; }

  private:
    QMessageBox::StandardButton m_button;
    QTimer m_timer;
    QStringList m_texts;
};

QAction* menuAction(QMainWindow& window, const QKeySequence& key)
{
    for (QAction* a : window.findChildren<QAction*>())
        if (a->shortcuts().contains(key)) return a;
    return nullptr;
}

void drop(QWidget& window, const QString& path)
{
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QDropEvent event(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &event);
}

} // namespace

class TestUnsaved : public QObject
{
    Q_OBJECT
  private:
    QTemporaryDir m_dir;

    // A window showing a saved session whose text was then edited: the title has its '*'.
    QString saveAndEdit(MainWindow& window)
    {
        const QString path = m_dir.filePath(QStringLiteral("mine.poslab"));
        QString error;
        window.sessionFiles()->openExample(QStringLiteral("sinusoidal-vs-rope"));
        if (!window.sessionFiles()->saveTo(path, &error)) qWarning() << error;
        window.sequencePanel()->setText(QStringLiteral("a new sentence to keep"));
        if (!QTest::qWaitFor([&] { return !window.driver()->isBusy(); }, 30'000)) qWarning("still computing");
        return path;
    }

  private slots:
    void quitOverAModifiedSessionAsks()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QString path = saveAndEdit(window);
        QVERIFY(window.isWindowModified());
        QAction* quit = nullptr; // Ctrl+Q on X11; the offscreen platform binds no key to Quit
        for (QAction* a : window.findChildren<QAction*>())
            if (a->text() == QLatin1String("&Quit")) quit = a;
        QVERIFY(quit);
        {
            AutoAnswer cancel(QMessageBox::Cancel);
            quit->trigger();
            QCOMPARE(cancel.texts().size(), 1);
            QVERIFY2(cancel.texts().front().contains(QStringLiteral("mine.poslab")), qPrintable(cancel.texts().front()));
        }
        QVERIFY(window.isVisible());
        QVERIFY(window.isWindowModified());
        {
            AutoAnswer save(QMessageBox::Save);
            quit->trigger();
            QCOMPARE(save.texts().size(), 1);
        }
        QVERIFY(!window.isVisible());
        QCOMPARE(QString::fromStdString(figure::loadSession(path).text), QStringLiteral("a new sentence to keep"));
    }

    void closeWithDiscardKeepsTheFile()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QString path = saveAndEdit(window);
        AutoAnswer discard(QMessageBox::Discard);
        QVERIFY(window.close());
        QCOMPARE(discard.texts().size(), 1);
        QVERIFY(QString::fromStdString(figure::loadSession(path).text) != QStringLiteral("a new sentence to keep"));
    }

    void unmodifiedSessionsNeverAsk()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        AutoAnswer answer(QMessageBox::Cancel);
        window.sequencePanel()->setText(QStringLiteral("untitled: nothing to lose"));
        QVERIFY(window.sessionFiles()->maybeSave());
        saveAndEdit(window);
        QString error;
        QVERIFY2(window.sessionFiles()->saveTo(window.sessionFiles()->filePath(), &error), qPrintable(error));
        QVERIFY(!window.isWindowModified());
        QVERIFY(window.close());
        QVERIFY(answer.texts().isEmpty());
    }

    void replacingAModifiedSessionAsks()
    {
        const QString other = m_dir.filePath(QStringLiteral("other.poslab"));
        for (const Example& e : builtinExamples())
            if (e.id == QLatin1String("alibi-heads")) figure::saveSession(figure::loadSession(e.path()), other);
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QString path = saveAndEdit(window);
        window.sessionFiles()->setRecentFiles({other});
        QAction* recent = nullptr;
        for (QAction* a : window.findChildren<QAction*>())
            if (a->statusTip() == QDir::toNativeSeparators(other)) recent = a;
        QVERIFY(recent);
        QAction* newAction = menuAction(window, QKeySequence(QKeySequence::New));
        QVERIFY(newAction);
        const std::vector<std::pair<QString, std::function<void()>>> ways{
            {QStringLiteral("drop"), [&] { drop(window, other); }},
            {QStringLiteral("recent"), [&] { recent->trigger(); }},
            {QStringLiteral("new"), [&] { newAction->trigger(); }},
            {QStringLiteral("open"), [&] { window.sessionFiles()->openAction()->trigger(); }},
            {QStringLiteral("seed example"), [&] { window.seedExampleAction()->trigger(); }},
        };
        for (const auto& [name, replace] : ways) {
            AutoAnswer cancel(QMessageBox::Cancel);
            replace();
            QVERIFY2(cancel.texts().size() == 1, qPrintable(name));
            QCOMPARE(window.sessionFiles()->filePath(), path);
            QVERIFY2(window.isWindowModified(), qPrintable(name));
        }
        {
            AutoAnswer discard(QMessageBox::Discard);
            drop(window, other);
            QCOMPARE(discard.texts().size(), 1);
        }
        QCOMPARE(window.sessionFiles()->filePath(), QFileInfo(other).absoluteFilePath());
        QCOMPARE(window.state()->view(), View::Heads);
        // New over an unmodified session: untitled, the example text, no question.
        AutoAnswer none(QMessageBox::Cancel);
        newAction->trigger();
        QVERIFY(none.texts().isEmpty());
        QVERIFY(window.sessionFiles()->filePath().isEmpty());
        QCOMPARE(window.windowTitle(), QStringLiteral("PosLab"));
    }
};

POSLAB_GUI_TEST(TestUnsaved)
#include "tst_unsaved.moc"
