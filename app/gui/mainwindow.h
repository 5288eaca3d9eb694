#pragma once

#include "labrequest.h"

#include <QMainWindow>

class QLabel;

namespace poslab::widgets {
class HeatmapView;
}

namespace poslab::gui {

class ControlsPanel;
class Driver;

// Composes the controls, the heatmap and the status bar, and owns the driver between them.
class MainWindow : public QMainWindow
{
    Q_OBJECT
  public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    ControlsPanel* controls() const { return m_controls; }
    widgets::HeatmapView* heatmap() const { return m_heatmap; }
    Driver* driver() const { return m_driver; }
    QString errorText() const; // the inline error, empty when the last request succeeded

    // Restores the window geometry now and saves it on close. Not called in tests or screenshots.
    void attachSettings();

  protected:
    void closeEvent(QCloseEvent* event) override;

  private:
    void createActions();
    void recompute();
    void showResult(const LabResult& result);
    void showError(const QString& message);
    void showHovered(int row, int col);
    void about();

    ControlsPanel* m_controls = nullptr;
    widgets::HeatmapView* m_heatmap = nullptr;
    QLabel* m_error = nullptr;
    QLabel* m_stats = nullptr;
    Driver* m_driver = nullptr;
    bool m_persistent = false;
};

} // namespace poslab::gui
