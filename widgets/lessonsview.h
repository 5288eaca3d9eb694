#pragma once

#include <QStringList>
#include <QWidget>

class QListWidget;
class QPushButton;
class QTextBrowser;

namespace poslab::widgets {

// The guided lessons: their titles in a list and the selected lesson's paragraph below. "Open lesson",
// a double click or Enter asks for the lesson to be set up (lessonActivated); the view only shows text.
class LessonsView : public QWidget
{
    Q_OBJECT
  public:
    explicit LessonsView(QWidget* parent = nullptr);

    // titles[k] and texts[k] describe lesson k; missing texts are empty. The selected lesson stays
    // selected when it is still in the list (new words for the same lessons), else the first is.
    void setLessons(const QStringList& titles, const QStringList& texts);
    int lessonCount() const { return static_cast<int>(m_titles.size()); }
    int currentLesson() const; // −1 when there is none
    void setCurrentLesson(int index);

  signals:
    void currentLessonChanged(int index);
    void lessonActivated(int index);

  protected:
    void changeEvent(QEvent* event) override; // a language switch: the button's words

  private:
    void showLesson(int index);
    void retranslate();

    QStringList m_titles;
    QStringList m_texts;
    QListWidget* m_list = nullptr;
    QTextBrowser* m_text = nullptr;
    QPushButton* m_open = nullptr;
};

} // namespace poslab::widgets
