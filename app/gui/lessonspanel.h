#pragma once

#include "lessons.h"

#include <QWidget>

#include <vector>

class QLabel;

namespace poslab::widgets {
class LessonsView;
}

namespace poslab::gui {

class Driver;
class ExplorerState;

// The built-in lessons: their titles and the selected one's paragraph; opening one sets the explorer
// up for it (applySetup). A lessons file that does not load shows its one-line error instead. The
// words are the interface language's (figure::language()); a language change (View › Language)
// shows them again in the new one, the selected lesson kept.
class LessonsPanel : public QWidget
{
    Q_OBJECT
  public:
    LessonsPanel(Driver* driver, ExplorerState* state, QWidget* parent = nullptr);

    widgets::LessonsView* view() const { return m_view; }
    const std::vector<Lesson>& lessons() const { return m_lessons; }
    QString errorText() const;

    bool openLesson(int index);         // false (and the error shown) when it cannot be applied
    bool openLesson(const QString& id); // false for an unknown id

  signals:
    void walkRequested(); // the lesson just opened shows a worked example

  protected:
    void changeEvent(QEvent* event) override;

  private:
    void showError(const QString& message);
    void loadLessons(); // in figure::language(), into the view

    Driver* m_driver;
    ExplorerState* m_state;
    std::vector<Lesson> m_lessons;
    widgets::LessonsView* m_view = nullptr;
    QLabel* m_error = nullptr;
    QString m_language; // the language m_lessons' words are in
};

} // namespace poslab::gui
