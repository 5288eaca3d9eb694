#pragma once

#include <lab.h>

#include <QWidget>

#include <optional>

class QLabel;
class QSlider;
class QTimer;
class QToolButton;

namespace poslab::gui {

class Driver;
class ExplorerState;

// Presentation mode's slider under the view: it moves Δ = j − i across the heatmap (its diagonal)
// and the Δ-curve (its point) together, through the state's sweep; in the compare view it sets the
// shift s (a new request). Play steps it on a timer and wraps around. The sweep is shown only while
// the bar is.
class PresentationBar : public QWidget
{
    Q_OBJECT
  public:
    PresentationBar(Driver* driver, ExplorerState* state, QWidget* parent = nullptr);

    QSlider* slider() const { return m_slider; }
    QToolButton* playButton() const { return m_play; }
    bool isPlaying() const;
    static constexpr int playStepMs = 250; // a step a quarter second: slow enough to read the map
    static constexpr int maxShift = 64;    // the compare slider's s, 0 … max(maxShift, 2n)

  public slots:
    void setPlaying(bool on);
    void advance(); // one step to the right, back to the left end after the right one
    void setStart(int delta); // Δ once the sequence is known (the command line's --sweep)

  protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

  private:
    void updateRange();
    void apply(int value);

    Driver* m_driver;
    ExplorerState* m_state;
    LabRequest m_request; // the last one asked: n, the mask and the shift
    int m_n = 0;
    std::optional<int> m_start;
    QLabel* m_name = nullptr;
    QSlider* m_slider = nullptr;
    QLabel* m_value = nullptr;
    QToolButton* m_play = nullptr;
    QTimer* m_timer = nullptr;
};

} // namespace poslab::gui
