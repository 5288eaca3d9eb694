#pragma once

#include "explorerstate.h"

#include <lab.h>

#include <QMainWindow>

class QDockWidget;
class QLabel;
class QProgressBar;
class QTabWidget;

namespace poslab::gui {

class BusyOverlay;
class ComparePanel;
class DeltaCurvePanel;
class Driver;
class ExplorerState;
class HeadsPanel;
class HeatmapPanel;
class LessonsPanel;
class PresentationBar;
class SchemePanel;
class SequencePanel;
class SessionFiles;
class ModelFiles;
class WalkPanel;

// Composes the panels around one driver and one shared state; the panels wire themselves.
class MainWindow : public QMainWindow
{
    Q_OBJECT
  public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    Driver* driver() const { return m_driver; }
    ExplorerState* state() const { return m_state; }
    SequencePanel* sequencePanel() const { return m_sequence; }
    SchemePanel* schemePanel() const { return m_scheme; }
    HeatmapPanel* heatmapPanel() const { return m_heatmap; }
    HeadsPanel* headsPanel() const { return m_heads; }
    DeltaCurvePanel* deltaCurvePanel() const { return m_deltaCurve; }
    ComparePanel* comparePanel() const { return m_compare; }
    WalkPanel* walkPanel() const { return m_walk; }
    LessonsPanel* lessonsPanel() const { return m_lessons; }
    SessionFiles* sessionFiles() const { return m_files; }
    ModelFiles* modelFiles() const { return m_models; }
    QAction* seedExampleAction() const { return m_seedExample; }
    void setWalkPanelVisible(bool visible);    // the "Worked example" dock
    void setLessonsPanelVisible(bool visible); // the "Lessons" dock
    QString errorText() const;                 // the inline error, empty when the last request succeeded
    QString statsText() const;
    BusyOverlay* busyOverlay() const { return m_overlay; }
    // Presentation mode (View › Presentation, F11; Esc or F11 again leaves): full screen, the view
    // shown alone in larger type with the Δ slider under it; the form docks, menu and status bars
    // hidden (the worked example stays when it is open, its steps on the keys). Leaving restores the
    // window state and docks exactly.
    QAction* presentationAction() const { return m_present; }
    bool isPresenting() const { return m_presenting; }
    void setPresenting(bool on);
    PresentationBar* presentationBar() const { return m_bar; }
    static constexpr double presentationFontScale = 1.6;

    // Restores the window geometry, docks and recent files now and saves them (recent files when they
    // change, the rest on close). Not in tests or screenshots.
    void attachSettings();
    // View › Language shows `chosen` (a language picked by --lang or the menu) or System's tick
    void setLanguageChosen(bool chosen);
    void keepView() { m_restoredView = false; } // the view shown was asked for (--view)

  protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override; // LanguageChange: retranslate()

  private:
    void createActions();
    void retranslate();                 // every text the window sets, in the current language
    void showStats();                   // the status line of m_result
    QString viewTitle(View view) const; // "Heatmap" … as the tabs say it
    void createLanguageMenu(QMenu* view);
    void chooseLanguage(const QString& code); // empty: the system's
    void checkLanguageAction();
    static QString languageName(const QString& code);
    void balanceRightDocks();
    void showResult(const LabResult& result);
    void showError(const QString& message);
    void showFileError(const QString& message);
    void about();

    Driver* m_driver = nullptr;
    ExplorerState* m_state = nullptr;
    SequencePanel* m_sequence = nullptr;
    SchemePanel* m_scheme = nullptr;
    HeatmapPanel* m_heatmap = nullptr;
    HeadsPanel* m_heads = nullptr;
    DeltaCurvePanel* m_deltaCurve = nullptr;
    ComparePanel* m_compare = nullptr;
    WalkPanel* m_walk = nullptr;
    LessonsPanel* m_lessons = nullptr;
    SessionFiles* m_files = nullptr;
    ModelFiles* m_models = nullptr;
    QDockWidget* m_walkDock = nullptr;
    QDockWidget* m_lessonsDock = nullptr;
    QAction* m_seedExample = nullptr;
    QTabWidget* m_tabs = nullptr;
    QLabel* m_error = nullptr;
    QLabel* m_stats = nullptr;
    QProgressBar* m_busy = nullptr;
    BusyOverlay* m_overlay = nullptr;
    PresentationBar* m_bar = nullptr;
    QAction* m_present = nullptr;
    QMenu* m_fileMenu = nullptr;
    QMenu* m_examplesMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_helpMenu = nullptr;
    QAction* m_quit = nullptr;
    QList<QAction*> m_viewActions; // kViews' order
    QAction* m_nextHead = nullptr;
    QAction* m_previousHead = nullptr;
    QAction* m_lessonsAction = nullptr;
    QAction* m_about = nullptr;
    QAction* m_aboutQt = nullptr;
    QAction* m_cancel = nullptr;
    QDockWidget* m_sequenceDock = nullptr;
    QDockWidget* m_schemeDock = nullptr;
    LabResult m_result;  // the last result, for the status line
    QString m_errorText; // the error shown, empty when none
    QMenu* m_languageMenu = nullptr;
    QAction* m_systemLanguage = nullptr;
    bool m_languageChosen = false; // View › Language has a language ticked, not System
    bool m_presenting = false;
    struct Saved // what presentation mode changes, to restore it
    {
        QByteArray docks;
        Qt::WindowStates windowState;
        bool menuBar = true;
        bool statusBar = true;
    } m_saved;
    bool m_persistent = false;
    bool m_restoredView = false; // the view came from the settings, not from the user or command line
};

} // namespace poslab::gui
