// The lessons panel follows the interface language live (issue 16): View › Language installs the
// other language's translators, Qt sends LanguageChange, and the panel shows the same lessons in the
// new language with the selected one kept; the lesson's set-up is the same in both.
#include "guitest.h"
#include "cjk.h"

#include "driver.h"
#include "explorerstate.h"
#include "lessonspanel.h"
#include "lessonsview.h"

#include <language.h>

#include <QCoreApplication>
#include <QListWidget>
#include <QPushButton>
#include <QTest>
#include <QTextBrowser>

#include <algorithm>

using namespace poslab;
using namespace poslab::gui;

using poslab::test::hasCjk;

namespace {


// The language as View › Language sets it: translators installed, then the posted LanguageChange events.
void switchTo(const QString& code)
{
    QString error;
    QVERIFY2(figure::setLanguage(code, &error), qPrintable(error));
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
    QCoreApplication::processEvents();
}

} // namespace

class TestLessonsLanguage : public QObject
{
    Q_OBJECT
  private slots:
    void cleanup() { figure::setLanguage(QStringLiteral("en")); }

    void panelFollowsTheLanguageKeepingTheLesson()
    {
        switchTo(QStringLiteral("en"));
        Driver driver;
        ExplorerState state;
        LessonsPanel panel(&driver, &state);
        panel.resize(500, 700);
        panel.show();
        QVERIFY(panel.errorText().isEmpty());
        const std::vector<Lesson> en = builtinLessons();
        const std::vector<Lesson> zh = builtinLessons(QStringLiteral("zh_CN"));
        auto* list = panel.findChild<QListWidget*>(QStringLiteral("lessonList"));
        auto* text = panel.findChild<QTextBrowser*>(QStringLiteral("lessonText"));
        auto* open = panel.findChild<QPushButton*>(QStringLiteral("lessonOpen"));
        QVERIFY(list && text && open);
        QCOMPARE(list->item(0)->text(), en[0].title);
        const QString englishButton = open->text();

        panel.view()->setCurrentLesson(5); // rope
        switchTo(QStringLiteral("zh_CN"));
        QCOMPARE(panel.view()->currentLesson(), 5);
        QCOMPARE(int(panel.lessons().size()), int(en.size()));
        for (int k = 0; k < list->count(); ++k) {
            QCOMPARE(list->item(k)->text(), zh[std::size_t(k)].title);
            QVERIFY2(hasCjk(list->item(k)->text()), qPrintable(list->item(k)->text()));
        }
        QVERIFY2(text->toPlainText().contains(zh[5].title), qPrintable(text->toPlainText()));
        QVERIFY(text->toPlainText().contains(zh[5].text.left(20)));
        QVERIFY2(hasCjk(open->text()), qPrintable(open->text()));
        QCOMPARE(panel.lessons()[5].setup.scheme, en[5].setup.scheme);
        QCOMPARE(panel.lessons()[5].setup.params, en[5].setup.params);

        switchTo(QStringLiteral("en"));
        QCOMPARE(panel.view()->currentLesson(), 5);
        QCOMPARE(list->item(5)->text(), en[5].title);
        QVERIFY(text->toPlainText().contains(en[5].title));
        QCOMPARE(open->text(), englishButton);
        QVERIFY(!hasCjk(text->toPlainText()));
    }

    // A panel made while Chinese is the language (poslab --lang zh_CN) starts in Chinese.
    void panelStartsInTheCurrentLanguage()
    {
        switchTo(QStringLiteral("zh_CN"));
        Driver driver;
        ExplorerState state;
        LessonsPanel panel(&driver, &state);
        QCOMPARE(panel.lessons().front().title, builtinLessons(QStringLiteral("zh_CN")).front().title);
        QVERIFY(hasCjk(panel.lessons().front().title));
        QVERIFY(panel.openLesson(QStringLiteral("t5")));
        QCOMPARE(panel.view()->currentLesson(), 3);
    }
};
POSLAB_GUI_TEST(TestLessonsLanguage)

#include "tst_lessonslanguage.moc"
