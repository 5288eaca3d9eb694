#pragma once

#include <session.h>

#include <QObject>
#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

class QAction;
class QMenu;
class QWidget;

namespace poslab::gui {

class Driver;
class ExplorerState;

// The explorer as a document: Open, Save, Save As, Open Recent, the examples library, drag and drop
// onto the window and Export Figure. Owns those actions and the window title (file name, * when the
// view differs from what was opened or saved). Recent files live in memory; the window persists
// them where it attaches its settings.
class SessionFiles : public QObject
{
    Q_OBJECT
  public:
    SessionFiles(Driver* driver, ExplorerState* state, QWidget* window);

    void addFileActions(QMenu* file);        // New, Open, Open Recent, Save, Save As, Export Figure
    void addExampleActions(QMenu* examples); // the library, but the seed article (its own action)
    void retranslate(); // the actions' texts and the window title, in the current language

    // Opens a session or a figure carrying one. On error nothing changes, `failed` is emitted and
    // the message is returned in `error`.
    bool open(const QString& path, QString* error = nullptr);
    bool openExample(const QString& id, QString* error = nullptr);
    bool saveTo(const QString& path, QString* error = nullptr);
    figure::Session currentSession() const; // what the explorer shows, as a session
    // Before the session is replaced or the window closes: unsaved changes ask Save / Discard /
    // Cancel. False: keep the session (cancelled, or the save failed).
    bool maybeSave();
    bool newSession(); // untitled, on the built-in example text (asks first)

    QString filePath() const { return m_path; }
    bool isModified() const { return m_modified; }
    QStringList recentFiles() const { return m_recent; }
    void setRecentFiles(const QStringList& files);
    static constexpr int kMaxRecent = 8;
    static bool canOpen(const QString& path); // by suffix: .poslab, .png, .pdf, .svg

    QAction* newAction() const { return m_new; }
    QAction* openAction() const { return m_open; }
    QAction* saveAction() const { return m_save; }
    QAction* saveAsAction() const { return m_saveAs; }
    QAction* exportAction() const { return m_export; }

  signals:
    void opened(const QString& path, bool explain); // explain: show the worked example
    void failed(const QString& message);
    void recentFilesChanged(const QStringList& files);

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override; // drops onto the window

  private:
    bool apply(const figure::Session& session, const QString& path, QString* error);
    void openDialog();
    bool save();
    bool saveAsDialog();
    void exportDialog();
    void remember(const QString& path);
    void rebuildRecentMenu();
    void updateModified();
    void updateTitle();
    bool fail(const QString& message, QString* error);

    Driver* m_driver;
    ExplorerState* m_state;
    QWidget* m_window;
    QAction* m_new = nullptr;
    QAction* m_open = nullptr;
    QAction* m_save = nullptr;
    QAction* m_saveAs = nullptr;
    QAction* m_export = nullptr;
    std::vector<std::pair<QAction*, QString>> m_exampleActions; // File › Examples, by example id
    QMenu* m_recentMenu = nullptr;
    QStringList m_recent;
    QString m_path;          // empty: untitled
    figure::Session m_base;  // as opened or saved (style, explain)
    figure::Session m_saved; // what the explorer showed then
    bool m_modified = false;
};

} // namespace poslab::gui
