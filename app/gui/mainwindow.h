#pragma once

#include "labrequest.h"

#include <QMainWindow>

class QLabel;
class QProgressBar;
class QTabWidget;

namespace poslab::gui {

class ComparePanel;
class DeltaCurvePanel;
class Driver;
class ExplorerState;
class HeadsPanel;
class HeatmapPanel;
class SchemePanel;
class SequencePanel;

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
    QString errorText() const; // the inline error, empty when the last request succeeded
    QString statsText() const;

    // Restores the window geometry and docks now and saves them on close. Not in tests or screenshots.
    void attachSettings();

  protected:
    void closeEvent(QCloseEvent* event) override;

  private:
    void createActions();
    void showResult(const LabResult& result);
    void showError(const QString& message);
    void about();

    Driver* m_driver = nullptr;
    ExplorerState* m_state = nullptr;
    SequencePanel* m_sequence = nullptr;
    SchemePanel* m_scheme = nullptr;
    HeatmapPanel* m_heatmap = nullptr;
    HeadsPanel* m_heads = nullptr;
    DeltaCurvePanel* m_deltaCurve = nullptr;
    ComparePanel* m_compare = nullptr;
    QTabWidget* m_tabs = nullptr;
    QLabel* m_error = nullptr;
    QLabel* m_stats = nullptr;
    QProgressBar* m_busy = nullptr;
    bool m_persistent = false;
};

} // namespace poslab::gui
