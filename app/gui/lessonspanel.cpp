#include "lessonspanel.h"

#include "applysetup.h"
#include "lessonsview.h"

#include <language.h>

#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

#include <exception>

namespace poslab::gui {

LessonsPanel::LessonsPanel(Driver* driver, ExplorerState* state, QWidget* parent)
    : QWidget(parent), m_driver(driver), m_state(state), m_view(new widgets::LessonsView(this)),
      m_error(new QLabel(this))
{
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #b2182b; font-weight: bold; }"));
    m_error->setVisible(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_error);
    layout->addWidget(m_view, 1);

    loadLessons();
    connect(m_view, &widgets::LessonsView::lessonActivated, this, [this](int k) { openLesson(k); });
}

// The English lessons, then their words in the interface language; a translation that does not load
// leaves the English words and says why.
void LessonsPanel::loadLessons()
{
    m_language = figure::language();
    QString error;
    try {
        m_lessons = builtinLessons(m_language);
    } catch (const std::exception& e) {
        error = QString::fromUtf8(e.what());
        try {
            m_lessons = builtinLessons();
        } catch (const std::exception&) {
            m_lessons.clear(); // the English file's own error is the one shown above
        }
    }
    showError(error);
    QStringList titles, texts;
    for (const Lesson& lesson : m_lessons) {
        titles << lesson.title;
        texts << lesson.text;
    }
    m_view->setLessons(titles, texts); // keeps the selected lesson
}

void LessonsPanel::changeEvent(QEvent* event)
{
    // Installing a language's translators sends one LanguageChange per catalogue: reload once.
    if (event->type() == QEvent::LanguageChange && figure::language() != m_language) loadLessons();
    QWidget::changeEvent(event);
}

QString LessonsPanel::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void LessonsPanel::showError(const QString& message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

bool LessonsPanel::openLesson(int index)
{
    if (index < 0 || index >= int(m_lessons.size())) return false;
    m_view->setCurrentLesson(index); // its paragraph stays on screen
    try {
        const bool walk = applySetup(m_lessons[std::size_t(index)].setup, *m_driver, *m_state);
        showError({});
        if (walk) emit walkRequested();
        return true;
    } catch (const std::exception& e) {
        showError(QString::fromUtf8(e.what()));
        return false;
    }
}

bool LessonsPanel::openLesson(const QString& id)
{
    for (std::size_t k = 0; k < m_lessons.size(); ++k)
        if (m_lessons[k].id == id) return openLesson(int(k));
    return false;
}

} // namespace poslab::gui
