#include "sessionfiles.h"

#include "commandline.h"
#include "driver.h"
#include "examples.h"
#include "explorerstate.h"
#include "exportdialog.h"
#include "quotedvalue.h"
#include "sessionbridge.h"

#include <QAction>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QWidget>

#include <exception>

namespace poslab::gui {

namespace {

QString openFilter()
{
    return SessionFiles::tr("PosLab sessions and figures (*.poslab *.png *.pdf *.svg)") +
           QStringLiteral(";;") + SessionFiles::tr("PosLab sessions (*.poslab)") + QStringLiteral(";;") +
           SessionFiles::tr("All files (*)");
}

QString localFileOf(const QMimeData* mime)
{
    if (!mime || !mime->hasUrls() || mime->urls().size() != 1) return {};
    const QUrl url = mime->urls().constFirst();
    return url.isLocalFile() && SessionFiles::canOpen(url.toLocalFile()) ? url.toLocalFile() : QString();
}

} // namespace

SessionFiles::SessionFiles(Driver* driver, ExplorerState* state, QWidget* window)
    : QObject(window), m_driver(driver), m_state(state), m_window(window)
{
    m_new = new QAction(this);
    m_new->setShortcuts(QKeySequence::New);
    connect(m_new, &QAction::triggered, this, &SessionFiles::newSession);
    m_open = new QAction(this);
    m_open->setShortcuts(QKeySequence::Open);
    connect(m_open, &QAction::triggered, this, &SessionFiles::openDialog);
    m_save = new QAction(this);
    m_save->setShortcuts(QKeySequence::Save);
    connect(m_save, &QAction::triggered, this, &SessionFiles::save);
    m_saveAs = new QAction(this);
    m_saveAs->setShortcuts(QKeySequence::SaveAs);
    connect(m_saveAs, &QAction::triggered, this, &SessionFiles::saveAsDialog);
    m_export = new QAction(this);
    m_export->setShortcut(
        QKeySequence(Qt::CTRL | Qt::Key_E)); // as issue #6 asks; the worked example: Ctrl+Shift+E
    retranslate();
    connect(m_export, &QAction::triggered, this, &SessionFiles::exportDialog);

    window->setAcceptDrops(true);
    window->installEventFilter(this);
    for (auto signal : {&ExplorerState::headChanged, &ExplorerState::deltaRangeChanged})
        connect(state, signal, this, &SessionFiles::updateModified);
    connect(state, &ExplorerState::cellChanged, this, &SessionFiles::updateModified);
    connect(state, &ExplorerState::viewChanged, this, &SessionFiles::updateModified);
    connect(state, &ExplorerState::matrixChanged, this, &SessionFiles::updateModified);
    connect(state, &ExplorerState::paintingChanged, this, &SessionFiles::updateModified);
    connect(driver, &Driver::requestChanged, this, &SessionFiles::updateModified);
}

void SessionFiles::retranslate()
{
    m_new->setText(tr("&New"));
    m_new->setStatusTip(tr("Start again from the built-in example, untitled"));
    m_open->setText(tr("&Open\u2026"));
    m_open->setStatusTip(tr("Open a session (.poslab) or a figure exported by PosLab"));
    m_save->setText(tr("&Save"));
    m_save->setStatusTip(tr("Save the sequence, scheme, model, view and style as a session"));
    m_saveAs->setText(tr("Save &As\u2026"));
    m_saveAs->setStatusTip(tr("Save the session under a new name"));
    m_export->setText(tr("&Export Figure\u2026"));
    m_export->setStatusTip(tr("Write the view as a PNG, PDF or SVG figure for a paper, with its session"));
    if (m_recentMenu) m_recentMenu->setTitle(tr("Open &Recent"));
    const std::vector<Example> examples = builtinExamples();
    for (const auto& [action, id] : m_exampleActions)
        for (const Example& example : examples)
            if (example.id == id) {
                action->setText(example.title);
                action->setStatusTip(example.tip);
            }
    updateTitle();
}

void SessionFiles::addFileActions(QMenu* file)
{
    file->addAction(m_new);
    file->addAction(m_open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    file->addSeparator();
    file->addAction(m_save);
    file->addAction(m_saveAs);
    file->addSeparator();
    file->addAction(m_export);
}

void SessionFiles::addExampleActions(QMenu* examples)
{
    for (const Example& example : builtinExamples()) {
        if (example.id == QLatin1String("seed-article")) continue; // "Seed article example" shows its walk
        QAction* action = examples->addAction(example.title, this, [this, id = example.id] {
            if (maybeSave()) openExample(id);
        });
        action->setStatusTip(example.tip);
        m_exampleActions.emplace_back(action, example.id);
    }
}

bool SessionFiles::canOpen(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("poslab") || suffix == QLatin1String("png") ||
           suffix == QLatin1String("pdf") || suffix == QLatin1String("svg");
}

figure::Session SessionFiles::currentSession() const
{
    return sessionFromExplorer(m_driver->lastRequest(), *m_state, m_base);
}

bool SessionFiles::fail(const QString& message, QString* error)
{
    if (error) *error = message;
    emit failed(message);
    return false;
}

bool SessionFiles::open(const QString& path, QString* error)
{
    figure::Session session;
    try {
        session = figure::loadSession(path);
    } catch (const std::exception& e) {
        return fail(QString::fromUtf8(e.what()), error);
    }
    if (!apply(session, QFileInfo(path).absoluteFilePath(), error)) return false;
    remember(m_path);
    return true;
}

bool SessionFiles::openExample(const QString& id, QString* error)
{
    for (const Example& example : builtinExamples()) {
        if (example.id != id) continue;
        try {
            return apply(figure::loadSession(example.path()), QString(), error); // untitled: Save asks
        } catch (const std::exception& e) {
            return fail(QString::fromUtf8(e.what()), error);
        }
    }
    return fail(tr("no example %1").arg(quotedValue(id)), error);
}

bool SessionFiles::apply(const figure::Session& session, const QString& path, QString* error)
{
    bool explain = false;
    try {
        explain = applySession(session, *m_driver, *m_state); // validates before changing anything
    } catch (const std::exception& e) {
        return fail(QString::fromUtf8(e.what()), error);
    }
    m_base = session;
    m_path = path;
    m_saved = currentSession();
    m_modified = false;
    updateTitle();
    emit opened(path, explain);
    return true;
}

bool SessionFiles::saveTo(const QString& path, QString* error)
{
    const figure::Session session = currentSession();
    try {
        figure::saveSession(session, path);
    } catch (const std::exception& e) {
        return fail(QString::fromUtf8(e.what()), error);
    }
    m_base = session;
    m_saved = session;
    m_path = QFileInfo(path).absoluteFilePath();
    m_modified = false;
    updateTitle();
    remember(m_path);
    return true;
}

void SessionFiles::setRecentFiles(const QStringList& files)
{
    m_recent = files.mid(0, kMaxRecent);
    rebuildRecentMenu();
}

void SessionFiles::remember(const QString& path)
{
    m_recent.removeAll(path);
    m_recent.prepend(path);
    m_recent = m_recent.mid(0, kMaxRecent);
    rebuildRecentMenu();
    emit recentFilesChanged(m_recent);
}

void SessionFiles::rebuildRecentMenu()
{
    if (!m_recentMenu) return;
    m_recentMenu->clear();
    for (int k = 0; k < m_recent.size(); ++k) {
        const QString path = m_recent[k];
        QAction* action = m_recentMenu->addAction(
            QStringLiteral("&%1 %2").arg(k + 1).arg(QFileInfo(path).fileName()), this, [this, path] {
                if (maybeSave()) open(path);
            });
        action->setStatusTip(QDir::toNativeSeparators(path));
    }
    m_recentMenu->setEnabled(!m_recent.isEmpty());
}

void SessionFiles::updateModified()
{
    const bool modified = !m_path.isEmpty() && !(currentSession() == m_saved);
    if (modified == m_modified) return;
    m_modified = modified;
    updateTitle();
}

void SessionFiles::updateTitle()
{
    if (m_path.isEmpty()) {
        m_window->setWindowTitle(tr("PosLab"));
        m_window->setWindowModified(false);
        return;
    }
    m_window->setWindowTitle(tr("%1[*] \u2014 PosLab").arg(QFileInfo(m_path).fileName()));
    m_window->setWindowModified(m_modified);
}

bool SessionFiles::maybeSave()
{
    updateModified();
    if (!m_modified) return true;
    QMessageBox box(QMessageBox::Warning, tr("PosLab"),
                    tr("%1 has unsaved changes.").arg(QFileInfo(m_path).fileName()),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, m_window);
    box.setInformativeText(tr("Save them before going on?"));
    box.setDefaultButton(QMessageBox::Save);
    box.setEscapeButton(QMessageBox::Cancel);
    switch (box.exec()) {
    case QMessageBox::Save:
        return save();
    case QMessageBox::Discard:
        return true;
    default:
        return false;
    }
}

bool SessionFiles::newSession()
{
    if (!maybeSave()) return false;
    figure::Session session;
    session.text = kExampleText;
    session.positionsOnly = true; // as at start: the scheme's own pattern first (commandline.cpp)
    return apply(session, QString(), nullptr);
}

void SessionFiles::openDialog()
{
    if (!maybeSave()) return;
    const QString dir = m_path.isEmpty() ? QDir::homePath() : QFileInfo(m_path).absolutePath();
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Open Session"), dir, openFilter());
    if (!path.isEmpty()) open(path);
}

bool SessionFiles::save()
{
    return m_path.isEmpty() ? saveAsDialog() : saveTo(m_path);
}

bool SessionFiles::saveAsDialog()
{
    const QString suggested =
        m_path.isEmpty() ? QDir::home().filePath(QString::fromStdString(m_driver->lastRequest().scheme) +
                                                 QStringLiteral(".poslab"))
                         : m_path;
    QString path = QFileDialog::getSaveFileName(m_window, tr("Save Session"), suggested,
                                                tr("PosLab sessions (*.poslab)"));
    if (path.isEmpty()) return false;
    if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".poslab");
    return saveTo(path);
}

void SessionFiles::exportDialog()
{
    ExportDialog dialog(currentSession(), m_driver->lab(), m_window);
    dialog.exec();
}

bool SessionFiles::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_window && event->type() == QEvent::DragEnter) {
        auto* drag = static_cast<QDragEnterEvent*>(event);
        if (!localFileOf(drag->mimeData()).isEmpty()) drag->acceptProposedAction();
        return true;
    }
    if (watched == m_window && event->type() == QEvent::Drop) {
        auto* drop = static_cast<QDropEvent*>(event);
        const QString path = localFileOf(drop->mimeData());
        if (path.isEmpty()) return false;
        drop->acceptProposedAction();
        if (maybeSave()) open(path);
        return true;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace poslab::gui
