#pragma once

#include "explain.h"

#include <QList>
#include <QPoint>
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;
class QShortcut;
class QSplitter;
class QTextBrowser;

namespace poslab::widgets {

// Paints a worked example (poslab::Walk, computed by core): a numbered step list (flagged steps in a
// warning colour with "⚠"), previous/next (Left/Right, PgUp/PgDn, Home/End while the panel has focus), and
// the current step's title, formula, explanation, inputs and results; flagged steps show a "Does not add up"
// box with the correction. Hovering "… 64 values" shows every value.
class WalkView : public QWidget
{
    Q_OBJECT
  public:
    explicit WalkView(QWidget* parent = nullptr);

    const Walk& walk() const { return m_walk; }
    int currentStep() const { return m_current; } // −1 for an empty walk
    int stepCount() const { return static_cast<int>(m_walk.steps.size()); }
    void setOrientation(Qt::Orientation orientation); // step list beside (default) or above the step
    // The keys (Left/Right, PgUp/PgDn, Home/End) while the view has focus; off when a window-wide
    // action takes them (presentation mode), so that a key is never claimed twice.
    void setKeysEnabled(bool on);

  public slots:
    // Keeps the step index when the new walk has the same steps (same count and titles: the same
    // scheme's walk for another cell), otherwise starts at step 0. Always re-emits the signals below.
    void setWalk(const poslab::Walk& walk);
    void setStep(int index); // clamped to the walk
    void nextStep() { setStep(m_current + 1); }
    void previousStep() { setStep(m_current - 1); }
    void firstStep() { setStep(0); }
    void lastStep() { setStep(stepCount() - 1); }

  signals:
    void stepChanged(int index);
    // The current step's Step::cells as points: x = j (key, column), y = i (query, row).
    void cellsHighlighted(const QList<QPoint>& cells);
    void deltasHighlighted(const QList<int>& deltas); // the current step's Step::deltas (Δ = j − i)

  protected:
    void changeEvent(QEvent* event) override; // LanguageChange: the view's own words again

  private:
    void retranslate();
    void rebuildList();
    void showStep();
    bool eventFilter(QObject* watched, QEvent* event) override;

    Walk m_walk;
    int m_current = -1;
    QLabel* m_walkTitle = nullptr;
    QLabel* m_position = nullptr; // "Step 3 of 7"
    QLabel* m_stepTitle = nullptr;
    QListWidget* m_list = nullptr;
    QTextBrowser* m_body = nullptr;
    QPushButton* m_previous = nullptr;
    QPushButton* m_next = nullptr;
    QSplitter* m_splitter = nullptr;
    QList<QShortcut*> m_keys;
};

} // namespace poslab::widgets
