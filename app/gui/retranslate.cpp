#include "retranslate.h"

#include <QEvent>
#include <QWidget>

#include <utility>

namespace poslab::gui {

namespace {

// Watches its parent widget; dies with it.
class LanguageWatcher final : public QObject
{
  public:
    LanguageWatcher(QWidget* widget, std::function<void()> changed)
        : QObject(widget), m_changed(std::move(changed))
    {
        widget->installEventFilter(this);
    }

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (watched == parent() && event->type() == QEvent::LanguageChange) m_changed();
        return QObject::eventFilter(watched, event);
    }

  private:
    std::function<void()> m_changed;
};

} // namespace

void retranslateWith(QWidget* widget, std::function<void()> retranslate)
{
    retranslate();
    onLanguageChange(widget, std::move(retranslate));
}

void onLanguageChange(QWidget* widget, std::function<void()> changed)
{
    new LanguageWatcher(widget, std::move(changed));
}

} // namespace poslab::gui
