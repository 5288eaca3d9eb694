// Issue 16: the explorer's chrome in Chinese, switched live by View › Language, kept in QSettings,
// and chosen at start by --lang. Every text the window shows is compared with the English it showed
// before the switch: none may be left over, and switching back gives the English exactly.

#include "guirequest.h"
#include "cjk.h"
#include "guitest.h"

#include "commandline.h"
#include "comparepanel.h"
#include "deltacurvepanel.h"
#include "deltacurveview.h"
#include "driver.h"
#include "explorerstate.h"
#include "headspanel.h"
#include "heatmappanel.h"
#include "heatmapview.h"
#include "mainwindow.h"
#include "schemepanel.h"
#include "sequencepanel.h"
#include "walkpanel.h"

#include <engine/terms.h>
#include <i18n.h>
#include <language.h>
#include <scheme.h>

#include <QAbstractButton>
#include <QComboBox>
#include <QDockWidget>
#include <QEventLoop>
#include <QGroupBox>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <set>

using namespace poslab;
using namespace poslab::gui;

using poslab::test::hasCjk;

namespace {

constexpr int kTimeoutMs = 60'000;
const char kSentence[] = "The cat sat on the mat because the mat was warm.";
const View kAllViews[] = {View::Heatmap, View::Heads,    View::DeltaCurve,
                          View::Compare, View::Encoding, View::Context};



// Shows every view in turn (each rebuilds its texts when shown), then the heatmap again.
bool visitEveryView(MainWindow& window)
{
    for (View view : kAllViews) {
        window.state()->setView(view);
        QCoreApplication::processEvents();
        if (!test::waitIdle(window.driver(), kTimeoutMs)) return false;
        QCoreApplication::processEvents();
    }
    window.state()->setView(View::Heatmap);
    QCoreApplication::processEvents();
    return test::waitIdle(window.driver(), kTimeoutMs);
}

// The View › Language action of `code` ("en", "zh_CN"), or System's for an empty code.
QAction* languageAction(MainWindow& window, const QString& code)
{
    for (QMenu* menu : window.findChildren<QMenu*>()) {
        const QList<QAction*> actions = menu->actions();
        if (std::none_of(actions.begin(), actions.end(),
                         [](QAction* a) { return a->data().toString() == QLatin1String("zh_CN"); }))
            continue;
        for (QAction* a : actions)
            if (a->isCheckable() && a->data().toString() == code) return a; // System: no code
    }
    return nullptr;
}

// Picks a language the way a user does, and waits for the one request it posts to come back.
bool chooseLanguage(MainWindow& window, const QString& code)
{
    QAction* action = languageAction(window, code);
    if (!action) return false;
    QSignalSpy results(window.driver(), &Driver::resultAvailable);
    action->trigger();
    QCoreApplication::processEvents(); // the LanguageChange events, the driver's posted request
    if (window.driver()->generation() != 0 && results.isEmpty() && !results.wait(kTimeoutMs)) return false;
    return test::waitIdle(window.driver(), kTimeoutMs) && visitEveryView(window);
}

// A text the window shows, and where (for the failure message).
struct Shown
{
    QObject* object;
    int index; // a tab's or a menu's action's index; -1 for the widget's own text
    QString where;
    QString text;
};

bool insidePoslabWidgets(const QWidget* widget)
{
    for (const QObject* o = widget; o; o = o->parent())
        if (QByteArray(o->metaObject()->className()).startsWith("poslab::widgets::")) return true;
    return false;
}

// Every label, button, group box title, tab, dock title, menu title and action text in the window.
QList<Shown> shownTexts(MainWindow& window)
{
    QList<Shown> all;
    const auto name = [](const QObject* o) {
        return QStringLiteral("%1 %2").arg(QLatin1String(o->metaObject()->className()), o->objectName());
    };
    for (QWidget* w : window.findChildren<QWidget*>()) {
        if (auto* label = qobject_cast<QLabel*>(w))
            all.push_back({w, -1, name(w), label->text()});
        else if (auto* button = qobject_cast<QAbstractButton*>(w))
            all.push_back({w, -1, name(w), button->text()});
        else if (auto* box = qobject_cast<QGroupBox*>(w))
            all.push_back({w, -1, name(w), box->title()});
        else if (auto* dock = qobject_cast<QDockWidget*>(w))
            all.push_back({w, -1, name(w), dock->windowTitle()});
        else if (auto* tabs = qobject_cast<QTabBar*>(w))
            for (int k = 0; k < tabs->count(); ++k)
                all.push_back({w, k, name(w) + QStringLiteral(" tab %1").arg(k), tabs->tabText(k)});
        else if (auto* menu = qobject_cast<QMenu*>(w))
            all.push_back({w, -1, name(w), menu->title()});
    }
    for (QAction* action : window.findChildren<QAction*>())
        all.push_back({action, -1, QStringLiteral("QAction"), action->text()});
    for (QAction* action : window.menuBar()->actions())
        all.push_back({action, -1, QStringLiteral("menu bar"), action->text()});
    return all;
}

// Texts that are the same in every language: scheme names and parameter keys, the languages' own
// names, numbers, symbols and formulas (no word of two letters or more: "Δ = j − i", "s = 4").
bool languageNeutral(const Shown& s)
{
    static const std::set<QString> names = [] {
        std::set<QString> n;
        for (const std::string& scheme : schemeNames()) {
            n.insert(QString::fromStdString(scheme));
            for (const ParamSpec& p : describeScheme(scheme).params) {
                n.insert(QString::fromStdString(p.name));
                n.insert(QString::fromStdString(p.name) + u':');
            }
        }
        for (const figure::Language& language : figure::languages())
            n.insert(language.native);
        n.insert(QStringLiteral("PosLab"));
        return n;
    }();
    static const QRegularExpression word(QStringLiteral("[A-Za-z]{2,}"));
    if (!s.text.contains(word)) return true;
    if (s.object->objectName() == QLatin1String("tokenChips")) return true; // the user's tokens
    return names.count(s.text) > 0;
}

// The panels whose labels must follow the language: each must have a label in Chinese.
QList<QPair<QString, QWidget*>> panels(MainWindow& window)
{
    auto* tabs = window.findChild<QTabWidget*>();
    return {{QStringLiteral("sequence"), window.sequencePanel()},
            {QStringLiteral("scheme"), window.schemePanel()},
            {QStringLiteral("heatmap"), window.heatmapPanel()},
            {QStringLiteral("heads"), window.headsPanel()},
            {QStringLiteral("delta-curve"), window.deltaCurvePanel()},
            {QStringLiteral("compare"), window.comparePanel()},
            {QStringLiteral("encoding"), tabs->widget(static_cast<int>(View::Encoding))},
            {QStringLiteral("context"), tabs->widget(static_cast<int>(View::Context))},
            {QStringLiteral("worked example"), window.walkPanel()}};
}

QList<QAbstractButton*> panelButtons(QWidget* panel)
{
    QList<QAbstractButton*> buttons;
    for (QAbstractButton* b : panel->findChildren<QAbstractButton*>())
        if (!insidePoslabWidgets(b)) buttons << b;
    return buttons;
}

QStringList panelTexts(QWidget* panel)
{
    QStringList texts;
    for (QLabel* label : panel->findChildren<QLabel*>())
        if (!insidePoslabWidgets(label) && label->objectName() != QLatin1String("tokenChips"))
            texts << label->text();
    for (QAbstractButton* b : panelButtons(panel))
        texts << b->text();
    for (QGroupBox* box : panel->findChildren<QGroupBox*>())
        texts << box->title();
    return texts;
}

// The window with a result shown (and no cell selected: the worked example's hint is the panel's).
bool openWindow(MainWindow& window)
{
    window.resize(1400, 900);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window)) return false;
    window.setWalkPanelVisible(true);
    QSignalSpy results(window.driver(), &Driver::resultAvailable);
    window.driver()->request(test::request(kSentence, "alibi"));
    return results.wait(kTimeoutMs) && visitEveryView(window);
}

// A request the window computes, and the wait for its result.
bool show(MainWindow& window, const LabRequest& r)
{
    QSignalSpy results(window.driver(), &Driver::resultAvailable);
    window.driver()->request(r);
    return results.wait(kTimeoutMs) && test::waitIdle(window.driver(), kTimeoutMs);
}

// Picks a language while the window shows an error (no result comes back, the error is redone).
bool chooseLanguageShowingError(MainWindow& window, const QString& code)
{
    QAction* action = languageAction(window, code);
    if (!action) return false;
    QSignalSpy failures(window.driver(), &Driver::failed);
    action->trigger();
    return failures.wait(kTimeoutMs) && test::waitIdle(window.driver(), kTimeoutMs);
}

// The heatmap's matrix box: the combo box whose items are the matrices (probs first).
QComboBox* matrixBox(MainWindow& window)
{
    for (QComboBox* box : window.heatmapPanel()->findChildren<QComboBox*>())
        if (box->count() > 0 && box->itemData(0).toString() == QLatin1String("probs")) return box;
    return nullptr;
}

// Words of English prose in a label that should be Chinese: three letters or more, other than the
// symbols of formulas that stay as they are (cos, log, max).
QStringList englishWords(const QString& text)
{
    static const QRegularExpression word(QStringLiteral("[A-Za-z]{3,}"));
    static const QStringList symbols{QStringLiteral("cos"), QStringLiteral("log"), QStringLiteral("max")};
    QStringList words;
    for (auto it = word.globalMatch(text); it.hasNext();)
        if (const QString w = it.next().captured(); !symbols.contains(w)) words << w;
    return words;
}

// The status line's label (its tooltip has the whole line and the notice).
QLabel* statusLabel(MainWindow& window)
{
    for (QLabel* label : window.statusBar()->findChildren<QLabel*>())
        if (label->text() == window.statsText()) return label;
    return nullptr;
}

} // namespace

class TestLanguage : public QObject
{
    Q_OBJECT
  private slots:
    void init() { QVERIFY(figure::setLanguage(QStringLiteral("en"))); }
    void cleanup()
    {
        QSettings().remove(QStringLiteral("language"));
        figure::setLanguage(QStringLiteral("en"));
    }

    // (a) View › Language switches the menus, docks, tabs and every panel's words to Chinese and
    // back to the exact English.
    void switchingToChineseAndBackIsLive()
    {
        MainWindow window;
        QVERIFY(openWindow(window));
        QList<QMenu*> menus;
        for (QAction* a : window.menuBar()->actions())
            menus << a->menu();
        QCOMPARE(menus.size(), 3);
        QStringList menuTitles;
        for (QMenu* m : menus)
            menuTitles << m->title();
        QCOMPARE(menuTitles,
                 (QStringList{QStringLiteral("&File"), QStringLiteral("&View"), QStringLiteral("&Help")}));
        const QList<QDockWidget*> docks = window.findChildren<QDockWidget*>();
        QCOMPARE(docks.size(), 4);
        QStringList dockTitles;
        for (QDockWidget* d : docks)
            dockTitles << d->windowTitle();
        QTabBar* tabBar = window.findChild<QTabWidget*>()->tabBar();
        QStringList tabs;
        for (int k = 0; k < tabBar->count(); ++k)
            tabs << tabBar->tabText(k);
        QCOMPARE(tabs.size(), 6);
        QMap<QString, QStringList> english;
        for (const auto& [name, panel] : panels(window))
            english[name] = panelTexts(panel);

        QVERIFY(chooseLanguage(window, QStringLiteral("zh_CN")));
        QCOMPARE(figure::language(), QStringLiteral("zh_CN"));
        QStringList failures;
        for (QMenu* m : menus)
            if (!hasCjk(m->title())) failures << QStringLiteral("menu %1").arg(m->title());
        for (QDockWidget* d : docks)
            if (!hasCjk(d->windowTitle())) failures << QStringLiteral("dock %1").arg(d->windowTitle());
        for (int k = 0; k < tabBar->count(); ++k)
            if (!hasCjk(tabBar->tabText(k))) failures << QStringLiteral("tab %1").arg(tabBar->tabText(k));
        for (const auto& [name, panel] : panels(window)) {
            const QStringList texts = panelTexts(panel);
            if (std::none_of(texts.begin(), texts.end(), hasCjk))
                failures << QStringLiteral("panel %1: no Chinese label among %2").arg(name, texts.join(u'|'));
        }
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));

        QVERIFY(chooseLanguage(window, QStringLiteral("en")));
        QStringList titles;
        for (QMenu* m : menus)
            titles << m->title();
        QCOMPARE(titles, menuTitles);
        QStringList dockNow;
        for (QDockWidget* d : docks)
            dockNow << d->windowTitle();
        QCOMPARE(dockNow, dockTitles);
        QStringList tabsNow;
        for (int k = 0; k < tabBar->count(); ++k)
            tabsNow << tabBar->tabText(k);
        QCOMPARE(tabsNow, tabs);
        for (const auto& [name, panel] : panels(window))
            QCOMPARE(panelTexts(panel), english[name]);
    }

    // (b) After the switch no label, button, group box, tab, dock title, menu or action still shows
    // an English text the window showed before.
    void noEnglishIsLeftInChinese()
    {
        MainWindow window;
        QVERIFY(openWindow(window));
        std::set<QString> english;
        for (const Shown& s : shownTexts(window))
            if (!languageNeutral(s)) english.insert(s.text);
        QVERIFY(english.size() > 80); // the walk saw the whole window
        QVERIFY(chooseLanguage(window, QStringLiteral("zh_CN")));
        QStringList offenders;
        for (const Shown& s : shownTexts(window)) {
            if (languageNeutral(s) || !english.count(s.text)) continue;
            offenders << s.where + QStringLiteral(": ") + s.text;
        }
        QVERIFY2(offenders.isEmpty(),
                 qPrintable(QStringLiteral("still English in Chinese:\n") + offenders.join(u'\n')));
    }

    // Core's scheme notes and parameter help (SchemeInfo::notes, ParamSpec::doc), English in core
    // because `schemes --format json` keeps them, are Chinese in the scheme form's tooltips: every
    // scheme's item, and every parameter of every scheme's form. No tooltip of the panel is left as
    // it was in English.
    void schemeFormTooltipsAreChinese()
    {
        MainWindow window;
        QVERIFY(openWindow(window));
        SchemePanel* panel = window.schemePanel();
        QComboBox* schemes = panel->schemeBox();
        const auto tooltips = [panel, schemes] {
            QStringList tips;
            for (QWidget* w : panel->findChildren<QWidget*>())
                if (!w->toolTip().isEmpty()) tips << w->toolTip();
            for (int k = 0; k < schemes->count(); ++k)
                tips << schemes->itemData(k, Qt::ToolTipRole).toString();
            return tips;
        };
        const QStringList english = tooltips();
        QVERIFY(english.size() > qsizetype(schemeNames().size()));
        QVERIFY(chooseLanguage(window, QStringLiteral("zh_CN")));
        QStringList failures;
        for (const QString& tip : tooltips())
            if (english.contains(tip)) failures << QStringLiteral("tooltip left as in English: ") + tip;

        const QString zh = QStringLiteral("zh_CN");
        for (int k = 0; k < schemes->count(); ++k) {
            const std::string name = schemes->itemData(k).toString().toStdString();
            const SchemeInfo& info = describeScheme(name);
            const QString tip = schemes->itemData(k, Qt::ToolTipRole).toString();
            const QString notes = figure::schemeNotesIn(zh, info.notes);
            if (!hasCjk(notes) || !tip.contains(notes.toHtmlEscaped()) ||
                tip.contains(QString::fromStdString(info.notes).toHtmlEscaped()))
                failures << QStringLiteral("%1's notes: %2").arg(QString::fromStdString(name), tip);
        }
        int params = 0;
        for (const std::string& name : schemeNames()) {
            const SchemeInfo& info = describeScheme(name);
            if (info.params.empty()) continue;
            panel->setScheme(QString::fromStdString(name));
            QCoreApplication::processEvents();
            QVERIFY(test::waitIdle(window.driver(), kTimeoutMs));
            for (const ParamSpec& spec : info.params) {
                QWidget* field = panel->paramField(QString::fromStdString(spec.name));
                QVERIFY2(field, spec.name.c_str());
                const QString tip = field->toolTip();
                const QString doc = figure::paramDocIn(zh, spec.doc);
                ++params;
                if (!hasCjk(doc) || !tip.contains(doc.toHtmlEscaped()) ||
                    tip.contains(QString::fromStdString(spec.doc).toHtmlEscaped()))
                    failures << QStringLiteral("%1.%2: %3")
                                    .arg(QString::fromStdString(name), QString::fromStdString(spec.name),
                                         tip);
            }
        }
        QVERIFY(params >= 40); // rope alone has 16
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
    }

    // Score-term names (core's keys: compute --matrix, session files) and Δ-curve columns are named
    // in Chinese wherever the window shows them: the matrix box, the heatmap's title and colour bar,
    // the Δ-curve's legend and axis; the request keeps the English key.
    void termsAndCurvesAreChinese_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<QString>("params"); // key=value
        for (const std::string& name : schemeNames())
            QTest::newRow(name.c_str()) << QString::fromStdString(name) << QString();
        QTest::newRow("kerple power") << QStringLiteral("kerple") << QStringLiteral("form=power");
        QTest::newRow("seed-linear pe=none") << QStringLiteral("seed-linear") << QStringLiteral("pe=none");
    }
    void termsAndCurvesAreChinese()
    {
        QFETCH(QString, scheme);
        QFETCH(QString, params);
        QVERIFY(figure::setLanguage(QStringLiteral("zh_CN")));
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        LabRequest r = test::request(kSentence, scheme.toStdString());
        if (!params.isEmpty())
            r.params[params.section(u'=', 0, 0).toStdString()] = params.section(u'=', 1).toStdString();
        QVERIFY(show(window, r));
        QStringList failures;

        QComboBox* box = matrixBox(window);
        QVERIFY(box);
        const std::vector<std::string> terms = oracleTermNames(*makeScheme(r.scheme, r.params, r.model));
        QVERIFY(!terms.empty());
        QStringList termItems;
        for (int k = 0; k < box->count(); ++k)
            if (isTermMatrix(box->itemData(k).toString().toStdString())) termItems << box->itemText(k);
        QCOMPARE(termItems.size(), qsizetype(terms.size()));
        for (const std::string& term : terms) {
            const QString english = QString::fromStdString(term);
            const int k = box->findData(english);
            QVERIFY2(k >= 0, term.c_str());
            if (!hasCjk(box->itemText(k)) || box->itemText(k).contains(english))
                failures << QStringLiteral("matrix box: %1").arg(box->itemText(k));
            window.state()->setMatrix(english);
            QCoreApplication::processEvents();
            QVERIFY(test::waitIdle(window.driver(), kTimeoutMs));
            QCOMPARE(window.state()->matrix(), english); // the key stays core's
            const widgets::HeatmapData& map = window.heatmapPanel()->view()->data();
            if (!map.title.contains(box->itemText(k)) || map.title.contains(english))
                failures << QStringLiteral("heatmap title: %1").arg(map.title);
            if (!map.valueLabel.contains(box->itemText(k)) || map.valueLabel.contains(english))
                failures << QStringLiteral("colour bar: %1").arg(map.valueLabel);
        }

        window.state()->setView(View::DeltaCurve);
        QCoreApplication::processEvents();
        QVERIFY(test::waitIdle(window.driver(), kTimeoutMs));
        const widgets::CurvePlotData& curve = window.deltaCurvePanel()->view()->data();
        QVERIFY(!curve.series.empty() || !makeScheme(r.scheme, r.params, r.model)->hasDeltaCurve());
        for (const widgets::CurveSeries& s : curve.series)
            if (!englishWords(s.name).isEmpty()) failures << QStringLiteral("Δ-curve series: %1").arg(s.name);
        if (!englishWords(curve.valueLabel).isEmpty() || !hasCjk(curve.valueLabel))
            failures << QStringLiteral("Δ-curve axis: %1").arg(curve.valueLabel);
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
    }

    // Core's notice (why a long sequence is streamed) and the status line's pooled summary are
    // sentences core builds with numbers: after a live switch the driver asks again, and both are
    // Chinese, with the same numbers.
    void noticeIsChineseAfterALiveSwitch()
    {
        MainWindow window;
        QVERIFY(openWindow(window));
        LabRequest r;
        r.positions = 6000; // 8 heads' n × n matrices would need ~5 GiB: streamed and pooled
        r.model.heads = 8;
        r.scheme = "alibi";
        QVERIFY(show(window, r));
        QLabel* status = statusLabel(window);
        QVERIFY(status);
        const QString englishTip = status->toolTip();
        const QString streamed =
            QStringLiteral("n = 6000: probabilities streamed and max-pooled into 1000 \u00d7 1000 "
                           "cells of 6 \u00d7 6 tokens");
        QVERIFY2(englishTip.contains(streamed), qPrintable(englishTip));
        QVERIFY2(window.statsText().contains(QStringLiteral("probabilities streamed")),
                 qPrintable(window.statsText()));

        QVERIFY(chooseLanguage(window, QStringLiteral("zh_CN")));
        status = statusLabel(window);
        QVERIFY(status);
        const QString tip = status->toolTip();
        const QString summary = QString::fromStdString(fill(
            trCore("Lab",
                   "probabilities streamed and max-pooled into %1 \u00d7 %1 cells of %2 \u00d7 %2 tokens"),
            {"1000", "6"}));
        QVERIFY2(hasCjk(summary), qPrintable(summary));
        const QString pattern = QString::fromStdString(
            trCore("Lab", "n = %1: %2 (the n \u00d7 n matrices would need %3, more than the explorer's %4)"));
        const QString notice = pattern.left(pattern.indexOf(QStringLiteral("%2")))
                                   .replace(QStringLiteral("%1"), QStringLiteral("6000")) +
                               summary;
        QVERIFY2(tip.contains(notice), qPrintable(tip + QStringLiteral("\n") + notice));
        QVERIFY2(englishWords(QString(tip).remove(QStringLiteral("MiB"))).isEmpty(), qPrintable(tip));
        QVERIFY2(window.statsText().contains(summary), qPrintable(window.statsText()));

        QVERIFY(chooseLanguage(window, QStringLiteral("en")));
        QVERIFY2(statusLabel(window)->toolTip().contains(streamed),
                 qPrintable(statusLabel(window)->toolTip()));
    }

    // An error a scheme throws (core's sentence with numbers) is said again in Chinese after a switch.
    void schemeErrorIsChineseAfterALiveSwitch()
    {
        MainWindow window;
        QVERIFY(openWindow(window));
        LabRequest r = test::request(kSentence, "rope", 2);
        r.model.dModel = 6; // head dimension 3: no rotation pairs
        QSignalSpy failures(window.driver(), &Driver::failed);
        window.driver()->request(r);
        QVERIFY(failures.wait(kTimeoutMs));
        const QString english = window.statsText();
        QVERIFY2(english.contains(QStringLiteral(
                     "needs an even head dimension (rotation pairs), got 3 (d_model 6 / heads 2)")),
                 qPrintable(english));
        QVERIFY(chooseLanguageShowingError(window, QStringLiteral("zh_CN")));
        const QString chinese = window.statsText();
        const QString expected = QString::fromStdString(fill(
            trCore("Scheme", "needs an even head dimension (rotation pairs), got %1 (d_model %2 / heads %3)"),
            {"3", "6", "2"}));
        QVERIFY2(hasCjk(expected) && chinese.contains(QStringLiteral("rope: ") + expected),
                 qPrintable(chinese));
        QVERIFY2(!chinese.contains(QStringLiteral("needs an even")), qPrintable(chinese));
    }

    // Core's words (the worked example, scheme titles, notices) are redone by the driver: one request
    // per switch, however many translators the switch installs; none when nothing was asked yet.
    void aSwitchPostsOneRequest()
    {
        MainWindow idle;
        QAction* zh = languageAction(idle, QStringLiteral("zh_CN"));
        QVERIFY(zh);
        zh->trigger();
        QCoreApplication::processEvents();
        QCOMPARE(idle.driver()->generation(), quint64(0));
        QVERIFY(chooseLanguage(idle, QStringLiteral("en")));

        MainWindow window;
        QVERIFY(openWindow(window));
        QSignalSpy requests(window.driver(), &Driver::requestChanged);
        languageAction(window, QStringLiteral("zh_CN"))->trigger();
        QCoreApplication::processEvents();
        QCoreApplication::processEvents();
        QCOMPARE(requests.size(), 1);
        QVERIFY(test::waitIdle(window.driver(), kTimeoutMs));
        QCOMPARE(requests.size(), 1);
    }

    // (c) The choice is kept in QSettings ("language"), System forgets it, and the next start (the
    // same function main() calls) opens in it; --lang zh_CN wins over the setting.
    void choicePersistsAndLangStartsInChinese()
    {
        {
            MainWindow window;
            window.attachSettings();
            QVERIFY(chooseLanguage(window, QStringLiteral("zh_CN")));
            QCOMPARE(QSettings().value(QStringLiteral("language")).toString(), QStringLiteral("zh_CN"));
            QVERIFY(languageAction(window, QStringLiteral("zh_CN"))->isChecked());
            QVERIFY(chooseLanguage(window, QString()));
            QVERIFY(!QSettings().contains(QStringLiteral("language")));
            QVERIFY(languageAction(window, QString())->isChecked());
            QVERIFY(chooseLanguage(window, QStringLiteral("zh_CN")));
        }
        QVERIFY(figure::setLanguage(QStringLiteral("en")));
        bool chosen = false;
        const CommandLine plain = parseCommandLine({QStringLiteral("poslab")});
        QCOMPARE(applyStartLanguage(plain.options, &chosen), QString());
        QVERIFY(chosen);
        QCOMPARE(figure::language(), QStringLiteral("zh_CN"));
        {
            MainWindow window;
            window.setLanguageChosen(chosen);
            QVERIFY2(hasCjk(window.menuBar()->actions().first()->text()),
                     qPrintable(window.menuBar()->actions().first()->text()));
            QVERIFY(languageAction(window, QStringLiteral("zh_CN"))->isChecked());
        }

        // --lang beats the kept choice, both ways.
        QSettings().setValue(QStringLiteral("language"), QStringLiteral("en"));
        const CommandLine lang =
            parseCommandLine({QStringLiteral("poslab"), QStringLiteral("--lang"), QStringLiteral("zh_CN")});
        QCOMPARE(lang.action, CommandLine::Action::Run);
        QCOMPARE(applyStartLanguage(lang.options, &chosen), QString());
        QCOMPARE(figure::language(), QStringLiteral("zh_CN"));
        MainWindow window;
        for (QAction* a : window.menuBar()->actions())
            QVERIFY2(hasCjk(a->text()), qPrintable(a->text()));
        QCOMPARE(window.findChild<QTabWidget*>()->tabBar()->tabText(0), QStringLiteral("热力图"));
        QSettings().setValue(QStringLiteral("language"), QStringLiteral("zh_CN"));
        const CommandLine en =
            parseCommandLine({QStringLiteral("poslab"), QStringLiteral("--lang"), QStringLiteral("en")});
        QCOMPARE(applyStartLanguage(en.options, &chosen), QString());
        QCOMPARE(figure::language(), QStringLiteral("en"));
    }
};

POSLAB_GUI_TEST(TestLanguage)
#include "tst_language.moc"
