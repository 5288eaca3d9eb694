#include "lessonsview.h"

#include <QBoxLayout>
#include <QEvent>
#include <QListWidget>
#include <QPushButton>
#include <QTextBrowser>

namespace poslab::widgets {

LessonsView::LessonsView(QWidget* parent) : QWidget(parent)
{
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("lessonList"));
    m_list->setWordWrap(true);
    m_text = new QTextBrowser(this);
    m_text->setObjectName(QStringLiteral("lessonText"));
    m_open = new QPushButton(this);
    m_open->setObjectName(QStringLiteral("lessonOpen"));
    retranslate();

    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_open);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 2);
    layout->addWidget(m_text, 3);
    layout->addLayout(buttons);

    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        showLesson(row);
        emit currentLessonChanged(row);
    });
    // itemActivated covers double click and Enter (per the platform's activation rule).
    connect(m_list, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { emit lessonActivated(m_list->row(item)); });
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (currentLesson() >= 0) emit lessonActivated(currentLesson());
    });
    showLesson(-1);
}

void LessonsView::setLessons(const QStringList& titles, const QStringList& texts)
{
    m_titles = titles;
    m_texts = texts;
    {
        const QSignalBlocker blocker(m_list);
        m_list->clear();
        m_list->addItems(titles);
    }
    setCurrentLesson(titles.isEmpty() ? -1 : 0);
    showLesson(currentLesson());
}

void LessonsView::retranslate()
{
    m_open->setText(tr("Open lesson"));
    m_open->setToolTip(tr("Set up the explorer for this lesson (double click, Enter)"));
}

void LessonsView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) retranslate();
}

int LessonsView::currentLesson() const
{
    return m_list->currentRow();
}

void LessonsView::setCurrentLesson(int index)
{
    m_list->setCurrentRow(index);
}

void LessonsView::showLesson(int index)
{
    const bool valid = index >= 0 && index < lessonCount();
    m_open->setEnabled(valid);
    if (!valid) {
        m_text->clear();
        return;
    }
    m_text->setHtml(QStringLiteral("<h3>%1</h3><p>%2</p>")
                        .arg(m_titles[index].toHtmlEscaped(), m_texts.value(index).toHtmlEscaped()));
}

} // namespace poslab::widgets
