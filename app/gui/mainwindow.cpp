#include "mainwindow.h"

#include "applysetup.h"
#include "busyoverlay.h"
#include "comparepanel.h"
#include "contextpanel.h"
#include "deltacurvepanel.h"
#include "driver.h"
#include "encodingpanel.h"
#include "explorerstate.h"
#include "headspanel.h"
#include "heatmappanel.h"
#include "lessonspanel.h"
#include "modelfiles.h"
#include "presentationbar.h"
#include "schemepanel.h"
#include "sequencepanel.h"
#include "sessionfiles.h"
#include "walkpanel.h"

#include <language.h>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include <QPainter>

#include <algorithm>
#include <utility>

namespace poslab::gui {

namespace {

constexpr int kLayoutVersion = 3; // bump when docks or toolbars change
constexpr View kViews[] = {View::Heatmap, View::Heads,    View::DeltaCurve,
                           View::Compare, View::Encoding, View::Context};

// A form scrolls vertically only: the dock is never narrower than the form's minimum width, so no
// field is cut off at the right and no horizontal scroll bar appears. Follows the form as it changes
// (a scheme's parameter rows).
class FormScrollArea final : public QScrollArea
{
  public:
    FormScrollArea(QWidget* content, QWidget* parent) : QScrollArea(parent)
    {
        setWidget(content);
        setWidgetResizable(true);
        setFrameShape(QFrame::NoFrame);
        setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        content->installEventFilter(this);
    }
    QSize minimumSizeHint() const override
    {
        return {formWidth(widget()->minimumSizeHint().width()), QScrollArea::minimumSizeHint().height()};
    }
    QSize sizeHint() const override
    {
        return {formWidth(widget()->sizeHint().width()), QScrollArea::sizeHint().height()};
    }

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (watched == widget() && event->type() == QEvent::LayoutRequest) updateGeometry();
        return QScrollArea::eventFilter(watched, event);
    }

  private:
    int formWidth(int content) const { return content + verticalScrollBar()->sizeHint().width(); }
};

// The status bar's summary: one line, elided to the room there is (the error banner and the tooltip
// have the whole text), so that a long error never widens the window.
class StatusLabel final : public QLabel
{
  public:
    using QLabel::QLabel;
    QSize minimumSizeHint() const override
    {
        return {fontMetrics().averageCharWidth() * 12, QLabel::minimumSizeHint().height()};
    }

  protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter painter(this);
        const QRect r = contentsRect();
        painter.drawText(r, int(alignment()), fontMetrics().elidedText(text(), Qt::ElideRight, r.width()));
    }
};

// Form-like panels scroll as a whole; panels with their own scrolling views (walk, lessons) do not.
QDockWidget* makeDock(const QString& name, QWidget* content, QMainWindow* window,
                      Qt::DockWidgetArea area = Qt::LeftDockWidgetArea, bool scroll = true)
{
    auto* dock = new QDockWidget(window); // titled by MainWindow::retranslate
    dock->setObjectName(name);            // saveState() needs it
    if (scroll) {
        dock->setWidget(new FormScrollArea(content, dock));
    } else {
        dock->setWidget(content);
    }
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                      (area == Qt::RightDockWidgetArea ? QDockWidget::DockWidgetClosable
                                                       : QDockWidget::NoDockWidgetFeatures));
    window->addDockWidget(area, dock);
    return dock;
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_driver(new Driver(this)), m_state(new ExplorerState(this)),
      m_sequence(new SequencePanel(m_driver, this)), m_scheme(new SchemePanel(m_driver, m_state, this)),
      m_heatmap(new HeatmapPanel(m_driver, m_state, this)), m_heads(new HeadsPanel(m_driver, m_state, this)),
      m_deltaCurve(new DeltaCurvePanel(m_driver, m_state, this)),
      m_compare(new ComparePanel(m_driver, m_state, this)), m_walk(new WalkPanel(m_driver, m_state, this)),
      m_lessons(new LessonsPanel(m_driver, m_state, this)),
      m_files(new SessionFiles(m_driver, m_state, this)), m_models(new ModelFiles(m_driver, this)),
      m_tabs(new QTabWidget(this)), m_error(new QLabel(this)), m_stats(new StatusLabel(this)),
      m_busy(new QProgressBar(this)), m_bar(new PresentationBar(m_driver, m_state, this))
{
    m_error->setVisible(false);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #b2182b; font-weight: bold; }"));

    m_tabs->addTab(m_heatmap, QString());
    m_tabs->addTab(m_heads, QString());
    m_tabs->addTab(m_deltaCurve, QString());
    m_tabs->addTab(m_compare, QString());
    m_tabs->addTab(new EncodingPanel(m_driver, m_state, this), QString());
    m_tabs->addTab(new ContextPanel(m_driver, m_state, this), QString());
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_error);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_bar);
    m_bar->hide();
    setCentralWidget(central);

    m_sequenceDock = makeDock(QStringLiteral("sequenceDock"), m_sequence, this);
    m_schemeDock = makeDock(QStringLiteral("schemeDock"), m_scheme, this);
    resizeDocks({m_sequenceDock, m_schemeDock}, {330, 330}, Qt::Horizontal);
    resizeDocks({m_sequenceDock, m_schemeDock}, {260, 440}, Qt::Vertical);
    // Right: the worked example of the selected cell, the lessons above it when asked for.
    m_walkDock = makeDock(QStringLiteral("walkDock"), m_walk, this, Qt::RightDockWidgetArea, false);
    m_lessonsDock = makeDock(QStringLiteral("lessonsDock"), m_lessons, this, Qt::RightDockWidgetArea, false);
    splitDockWidget(m_lessonsDock, m_walkDock, Qt::Vertical);
    m_lessonsDock->hide();
    resizeDocks({m_walkDock}, {440}, Qt::Horizontal);
    resizeDocks({m_lessonsDock, m_walkDock}, {300, 600}, Qt::Vertical);
    connect(m_lessons, &LessonsPanel::walkRequested, this, [this] { setWalkPanelVisible(true); });
    connect(m_files, &SessionFiles::opened, this, [this](const QString&, bool explain) {
        if (explain) setWalkPanelVisible(true);
    });
    connect(m_files, &SessionFiles::failed, this, &MainWindow::showFileError);
    connect(m_models, &ModelFiles::failed, this, &MainWindow::showFileError);

    m_busy->setRange(0, 0); // indeterminate
    m_busy->setMaximumWidth(120);
    m_busy->setVisible(false);
    statusBar()->addPermanentWidget(m_busy);
    statusBar()->addPermanentWidget(m_stats, 1);
    m_stats->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    // The views dimmed, with the progress on them, while a long request computes.
    m_overlay = new BusyOverlay(m_driver, m_tabs->findChild<QStackedWidget*>(), m_tabs);
    createActions();

    connect(m_tabs, &QTabWidget::currentChanged, m_state, [this](int k) { m_state->setView(kViews[k]); });
    connect(m_state, &ExplorerState::viewChanged, m_tabs,
            [this](View view) { m_tabs->setCurrentIndex(static_cast<int>(view)); });
    connect(m_driver, &Driver::resultAvailable, this, &MainWindow::showResult);
    connect(m_driver, &Driver::failed, this, &MainWindow::showError);
    connect(m_driver, &Driver::busyChanged, m_busy, &QWidget::setVisible);
    // Indeterminate until a request with several runs (compare mode) says how far it is.
    connect(m_driver, &Driver::requestChanged, m_busy, [this] { m_busy->setRange(0, 0); });
    connect(m_driver, &Driver::progress, m_busy, [this](int done, int total) {
        if (total > 1) {
            m_busy->setRange(0, total);
            m_busy->setValue(done);
        }
    });
    // A long run: how far, the time left measured from its tiles, and how to stop it.
    connect(m_driver, &Driver::workProgress, this, [this](const WorkProgress& p) {
        if (p.elapsed + std::max(p.remaining, 0.0) < 2.0) return;
        statusBar()->showMessage(
            tr("Computing: %1 (Esc cancels)").arg(QString::fromStdString(progressText(p))), 2000);
    });
    m_cancel = new QAction(this);
    m_cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancel->setShortcutContext(Qt::WindowShortcut);
    // Esc stops a computation; with nothing to stop it leaves presentation mode.
    connect(m_cancel, &QAction::triggered, this, [this] {
        if (m_presenting && !m_driver->isBusy())
            setPresenting(false);
        else
            m_driver->cancel();
    });
    addAction(m_cancel);
    followState(*m_driver, *m_state);
    retranslate();
}

MainWindow::~MainWindow() = default;

QString MainWindow::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString MainWindow::statsText() const
{
    return m_stats->text();
}

void MainWindow::createActions()
{
    QMenu* file = m_fileMenu = menuBar()->addMenu(QString());
    m_files->addFileActions(file);
    file->addSeparator();
    m_models->addActions(file);
    file->addSeparator();
    QMenu* examples = m_examplesMenu = file->addMenu(QString());
    m_seedExample = examples->addAction(QString(), this, [this] {
        if (!m_files->maybeSave()) return;
        applySetup(seedArticleSetup(), *m_driver, *m_state);
        setWalkPanelVisible(true);
    });
    examples->addSeparator();
    m_files->addExampleActions(examples);
    file->addSeparator();
    m_quit = file->addAction(QString(), qApp, &QApplication::closeAllWindows);
    m_quit->setShortcuts(QKeySequence::Quit);

    QMenu* view = m_viewMenu = menuBar()->addMenu(QString());
    auto* group = new QActionGroup(this);
    for (View v : kViews) {
        const int k = static_cast<int>(v);
        QAction* action = view->addAction(QString());
        action->setCheckable(true);
        action->setChecked(v == m_state->view());
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + k)));
        m_viewActions << action;
        group->addAction(action);
        connect(action, &QAction::triggered, m_state, [this, v] { m_state->setView(v); });
        connect(m_state, &ExplorerState::viewChanged, action,
                [action, v](View now) { action->setChecked(now == v); });
    }
    view->addSeparator();
    m_nextHead = view->addAction(QString(), m_state, [this] { m_state->setHead(m_state->head() + 1); });
    m_nextHead->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_BracketRight));
    m_previousHead = view->addAction(QString(), m_state, [this] { m_state->setHead(m_state->head() - 1); });
    m_previousHead->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_BracketLeft));
    view->addSeparator();
    m_present = view->addAction(QString(), this, [this](bool on) { setPresenting(on); });
    m_present->setCheckable(true);
    m_present->setShortcut(QKeySequence(Qt::Key_F11));
    addAction(m_present); // the menu bar is hidden while presenting
    addActions(m_walk->stepActions());
    view->addSeparator();
    createLanguageMenu(view);
    view->addSeparator();
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        view->addAction(dock->toggleViewAction());
    m_walkDock->toggleViewAction()->setShortcut(
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E)); // Ctrl+E: Export Figure

    QMenu* help = m_helpMenu = menuBar()->addMenu(QString());
    m_lessonsAction = help->addAction(QString(), this, [this] { setLessonsPanelVisible(true); });
    m_lessonsAction->setShortcuts(QKeySequence::HelpContents);
    help->addSeparator();
    m_about = help->addAction(QString(), this, &MainWindow::about);
    m_aboutQt = help->addAction(QString(), qApp, &QApplication::aboutQt);
}

QString MainWindow::viewTitle(View view) const
{
    switch (view) {
    case View::Heatmap:
        return tr("Heatmap");
    case View::Heads:
        return tr("Heads");
    case View::DeltaCurve:
        return tr("\u0394-curve");
    case View::Compare:
        return tr("Compare");
    case View::Encoding:
        return tr("Encoding");
    case View::Context:
        return tr("Context");
    }
    return viewName(view);
}

// Every text the window and its menus show, set again in the current language (Qt sends
// LanguageChange when View › Language installs another translator). Texts of a state (the status
// line, the error) are rendered again from it; the panels retranslate themselves, the driver posts
// its request again for core's words.
void MainWindow::retranslate()
{
    for (View v : kViews) {
        const int k = static_cast<int>(v);
        m_tabs->setTabText(k, viewTitle(v));
        if (k < m_viewActions.size()) {
            static const char* const menuNames[] = {QT_TR_NOOP("&Heatmap"),      QT_TR_NOOP("H&eads"),
                                                    QT_TR_NOOP("&\u0394-curve"), QT_TR_NOOP("&Compare"),
                                                    QT_TR_NOOP("E&ncoding"),     QT_TR_NOOP("Con&text")};
            m_viewActions[k]->setText(tr(menuNames[k]));
            m_viewActions[k]->setStatusTip(tr("Show the %1 view").arg(viewTitle(v)));
        }
    }
    m_sequenceDock->setWindowTitle(tr("Sequence"));
    m_schemeDock->setWindowTitle(tr("Scheme and model"));
    m_walkDock->setWindowTitle(tr("Worked example"));
    m_lessonsDock->setWindowTitle(tr("Lessons"));
    m_walkDock->toggleViewAction()->setStatusTip(tr("Show or hide the selected cell's worked example"));
    m_lessonsDock->toggleViewAction()->setStatusTip(tr("Show or hide the lessons"));
    m_sequenceDock->toggleViewAction()->setStatusTip(tr("Show or hide the sequence panel"));
    m_schemeDock->toggleViewAction()->setStatusTip(tr("Show or hide the scheme and model panel"));
    m_fileMenu->setTitle(tr("&File"));
    m_examplesMenu->setTitle(tr("E&xamples"));
    m_seedExample->setText(tr("&Seed article example"));
    m_seedExample->setStatusTip(tr("The seed article's worked example (n = 6, i = 1, j = 4), checked step "
                                   "by step, with seed-linear on 6 positions"));
    m_quit->setText(tr("&Quit"));
    m_quit->setStatusTip(tr("Quit PosLab"));
    m_viewMenu->setTitle(tr("&View"));
    m_nextHead->setText(tr("&Next head"));
    m_nextHead->setStatusTip(tr("Show the next head (Ctrl+])"));
    m_previousHead->setText(tr("&Previous head"));
    m_previousHead->setStatusTip(tr("Show the previous head (Ctrl+[)"));
    m_present->setText(tr("&Presentation"));
    m_present->setStatusTip(tr("Full screen for a lecture: the view alone in large type, a \u0394 slider "
                               "under it, PgUp/PgDn step through the worked example; Esc leaves"));
    m_languageMenu->setTitle(tr("&Language"));
    m_systemLanguage->setText(tr("&System (%1)").arg(languageName(figure::systemLanguage())));
    m_helpMenu->setTitle(tr("&Help"));
    m_lessonsAction->setText(tr("&Lessons\u2026"));
    m_lessonsAction->setStatusTip(
        tr("Guided lessons: each sets the explorer up for one idea and explains it"));
    m_about->setText(tr("&About PosLab"));
    m_about->setStatusTip(tr("What PosLab is"));
    m_aboutQt->setText(tr("About &Qt"));
    m_aboutQt->setStatusTip(tr("Show the Qt version and licence"));
    m_cancel->setText(tr("Cancel computation"));
    m_files->retranslate();
    m_models->retranslate();
    if (!m_errorText.isEmpty())
        showError(m_errorText);
    else
        showStats();
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::setPresenting(bool on)
{
    if (on == m_presenting) return;
    m_presenting = on;
    m_present->setChecked(on);
    if (on) {
        m_saved = {saveState(kLayoutVersion), windowState(), menuBar()->isVisible(),
                   statusBar()->isVisible()};
        // The worked example stays when it is open in the window: a lecture steps through it.
        const bool walk = m_walkDock->isVisible() && !m_walkDock->isFloating();
        for (QDockWidget* dock : findChildren<QDockWidget*>())
            if (dock != m_walkDock || !walk) dock->hide();
        menuBar()->hide();
        statusBar()->hide();
        m_tabs->tabBar()->hide();
        QFont large = font();
        large.setPointSizeF(large.pointSizeF() * presentationFontScale);
        centralWidget()->setFont(large);
        m_walkDock->setFont(large);
        m_bar->show();
        setWindowState(windowState() | Qt::WindowFullScreen);
    } else {
        m_bar->hide();
        centralWidget()->setFont(QFont()); // the window's again
        m_walkDock->setFont(QFont());
        m_tabs->tabBar()->show();
        menuBar()->setVisible(m_saved.menuBar);
        statusBar()->setVisible(m_saved.statusBar);
        setWindowState(m_saved.windowState);
        restoreState(m_saved.docks, kLayoutVersion);
    }
    m_walk->setKeysEverywhere(on);
}

void MainWindow::setWalkPanelVisible(bool visible)
{
    const bool shown = visible && m_walkDock->isHidden();
    m_walkDock->setVisible(visible);
    if (!visible) return;
    if (shown) balanceRightDocks();
    m_walkDock->raise();
}

void MainWindow::setLessonsPanelVisible(bool visible)
{
    const bool shown = visible && m_lessonsDock->isHidden();
    m_lessonsDock->setVisible(visible);
    if (!visible) return;
    if (shown) balanceRightDocks();
    m_lessonsDock->raise();
    m_lessons->setFocus();
}

// Lessons above the walk: the list and a paragraph take about 40 % of the column, the walk the rest.
void MainWindow::balanceRightDocks()
{
    if (m_walkDock->isHidden() || m_lessonsDock->isHidden() || m_walkDock->isFloating() ||
        m_lessonsDock->isFloating())
        return;
    resizeDocks({m_lessonsDock, m_walkDock}, {height() * 38 / 100, height() * 62 / 100}, Qt::Vertical);
}

void MainWindow::showResult(const LabResult& result)
{
    m_error->clear();
    m_error->setVisible(false);
    // A view restored from the last session that cannot show this sequence (every head's, or two
    // schemes', n × n matrices at a streamed n) gives way to the heatmap, which can.
    if (std::exchange(m_restoredView, false) && result.isPooled() &&
        (m_state->view() == View::Heads || m_state->view() == View::Compare)) {
        statusBar()->showMessage(
            tr("The %1 view needs n \u00d7 n matrices: showing the heatmap").arg(viewTitle(m_state->view())),
            10'000);
        m_state->setView(View::Heatmap);
    }
    const int heads = result.request.model.heads;
    if (m_state->head() >= heads) m_state->setHead(heads - 1);
    if (m_state->row() >= result.n || m_state->col() >= result.n) m_state->setCell(-1, -1);
    m_result = result;
    m_errorText.clear();
    showStats();
}

void MainWindow::showStats()
{
    if (!m_result.isValid() && m_result.n == 0) {
        m_stats->clear();
        m_stats->setToolTip(QString());
        return;
    }
    const LabResult& result = m_result;
    QString stats = tr("n = %1 \u00b7 heads %2 \u00b7 %3 ms")
                        .arg(result.n)
                        .arg(result.request.model.heads)
                        .arg(result.elapsedMs, 0, 'f', 1);
    if (result.isPooled())
        stats += QStringLiteral(" \u00b7 ") + QString::fromStdString(pooledSummary(*result.pooled));
    if (result.request.onlyHead) // the first of two results (Driver::setFirstHeadAbove)
        stats += tr(" \u00b7 head %1 first, every head computing\u2026").arg(result.request.head);
    m_stats->setText(stats);
    // The whole line (it elides when the window is narrow), and why something is streamed or missing.
    m_stats->setToolTip(result.notice.empty()
                            ? stats
                            : stats + QStringLiteral("\n\n") + QString::fromStdString(result.notice));
}

void MainWindow::showError(const QString& message)
{
    // The views keep the last good result; the error says why they did not change.
    m_errorText = message;
    m_error->setText(message);
    m_error->setVisible(true);
    // The status bar says what the error is, not only that there is one; the whole text on hover.
    m_stats->setText(tr("error: %1").arg(message.section(u'\n', 0, 0).trimmed()));
    m_stats->setToolTip(m_stats->text() + QStringLiteral("\n\n") + message);
}

// A file that cannot be opened or saved: the explorer is unchanged, the message says why.
void MainWindow::showFileError(const QString& message)
{
    statusBar()->showMessage(message, 10'000);
    auto* box = new QMessageBox(QMessageBox::Warning, tr("PosLab"), message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About PosLab"),
                       tr("<b>PosLab %1</b><p>A desktop lab for positional encodings in attention: "
                          "%2 schemes, one toy model, every matrix on screen.</p>")
                           .arg(QApplication::applicationVersion())
                           .arg(schemeNames().size()));
}

// View › Language: each language named in its own words, and "System" (the locale's, forgetting
// the choice). The choice takes effect at once (every widget retranslates on LanguageChange) and
// is kept in QSettings ("language") when the window keeps its settings.
void MainWindow::createLanguageMenu(QMenu* view)
{
    m_languageMenu = view->addMenu(QString());
    auto* group = new QActionGroup(this);
    m_systemLanguage = m_languageMenu->addAction(QString()); // retranslate() names it
    m_systemLanguage->setCheckable(true);
    group->addAction(m_systemLanguage);
    connect(m_systemLanguage, &QAction::triggered, this, [this] { chooseLanguage(QString()); });
    m_languageMenu->addSeparator();
    for (const figure::Language& language : figure::languages()) {
        QAction* action = m_languageMenu->addAction(language.native);
        action->setCheckable(true);
        action->setData(language.code);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, code = language.code] { chooseLanguage(code); });
    }
    checkLanguageAction();
}

QString MainWindow::languageName(const QString& code)
{
    for (const figure::Language& language : figure::languages())
        if (language.code == code) return language.native;
    return code;
}

void MainWindow::chooseLanguage(const QString& code)
{
    m_languageChosen = !code.isEmpty();
    QString error;
    if (!figure::setLanguage(code.isEmpty() ? figure::systemLanguage() : code, &error)) {
        showError(error);
        return;
    }
    if (m_persistent) {
        QSettings settings;
        if (code.isEmpty())
            settings.remove(QStringLiteral("language"));
        else
            settings.setValue(QStringLiteral("language"), code);
    }
    checkLanguageAction();
}

void MainWindow::setLanguageChosen(bool chosen)
{
    m_languageChosen = chosen;
    checkLanguageAction();
}

void MainWindow::checkLanguageAction()
{
    if (!m_languageMenu) return;
    const QString current = figure::language();
    for (QAction* action : m_languageMenu->actions()) {
        if (!action->isCheckable()) continue;
        if (action == m_systemLanguage)
            action->setChecked(!m_languageChosen);
        else
            action->setChecked(m_languageChosen && action->data().toString() == current);
    }
}

void MainWindow::attachSettings()
{
    m_persistent = true;
    QSettings settings;
    settings.beginGroup(QStringLiteral("MainWindow"));
    if (!restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray())) resize(1400, 900);
    restoreState(settings.value(QStringLiteral("state")).toByteArray(), kLayoutVersion);
    View view = View::Heatmap;
    if (parseView(settings.value(QStringLiteral("view")).toString(), &view)) {
        m_state->setView(view);
        m_restoredView = view != View::Heatmap;
        // Any later choice of view is the user's (a tab, the command line's --view).
        connect(m_state, &ExplorerState::viewChanged, this, [this] { m_restoredView = false; });
    }
    m_files->setRecentFiles(settings.value(QStringLiteral("recentFiles")).toStringList());
    connect(m_files, &SessionFiles::recentFilesChanged, this, [](const QStringList& files) {
        QSettings().setValue(QStringLiteral("MainWindow/recentFiles"), files);
    });
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!m_files->maybeSave()) {
        event->ignore();
        return;
    }
    setPresenting(false); // the window as the user arranged it is what is saved
    if (m_persistent) {
        QSettings settings;
        settings.beginGroup(QStringLiteral("MainWindow"));
        settings.setValue(QStringLiteral("geometry"), saveGeometry());
        settings.setValue(QStringLiteral("state"), saveState(kLayoutVersion));
        settings.setValue(QStringLiteral("view"), viewName(m_state->view()));
    }
    event->accept();
}

} // namespace poslab::gui
