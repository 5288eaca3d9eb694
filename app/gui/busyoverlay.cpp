#include "busyoverlay.h"

#include "driver.h"
#include "retranslate.h"

#include <QEvent>
#include <QPainter>
#include <QTimer>

#include <cmath>

namespace poslab::gui {

BusyOverlay::BusyOverlay(Driver* driver, QWidget* covered, QWidget* parent)
    : QWidget(parent), m_covered(covered), m_delay(new QTimer(this))
{
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setVisible(false);
    m_delay->setSingleShot(true);
    m_delay->setInterval(delayMs);
    covered->installEventFilter(this);
    connect(m_delay, &QTimer::timeout, this, [this, driver] {
        if (!driver->isBusy()) return;
        follow();
        raise();
        show();
    });
    connect(driver, &Driver::busyChanged, this, [this](bool busy) {
        if (busy) {
            setFraction(-1);
            m_delay->start();
        } else {
            m_delay->stop();
            hide();
        }
    });
    connect(driver, &Driver::requestChanged, this, [this] { setFraction(-1); });
    connect(driver, &Driver::progress, this, [this](int done, int total) {
        if (total > 1) setFraction(double(done) / total);
    });
    connect(driver, &Driver::workProgress, this,
            [this](const WorkProgress& p) { setFraction(p.fraction()); });
    setFraction(-1);
    onLanguageChange(this, [this] { setFraction(m_fraction); });
}

void BusyOverlay::setFraction(double fraction)
{
    m_fraction = fraction;
    m_text = fraction >= 0 ? tr("Recomputing\u2026 %1 %").arg(int(std::floor(100 * fraction)))
                           : tr("Recomputing\u2026");
    m_text += tr("\nEsc cancels");
    update();
}

bool BusyOverlay::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_covered && (event->type() == QEvent::Resize || event->type() == QEvent::Move)) follow();
    return QWidget::eventFilter(watched, event);
}

void BusyOverlay::follow()
{
    setGeometry(m_covered->geometry());
}

void BusyOverlay::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), QColor(255, 255, 255, 160)); // the last pictures, dimmed
    QFont font = painter.font();
    font.setPointSizeF(font.pointSizeF() * 1.3);
    font.setBold(true);
    painter.setFont(font);
    const QRect text = painter.fontMetrics().boundingRect(rect(), Qt::AlignCenter, m_text);
    const QRect box = text.adjusted(-24, -16, 24, 16);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QColor(0x6b, 0x7b, 0x8c));
    painter.setBrush(QColor(255, 255, 255, 235));
    painter.drawRoundedRect(box, 8, 8);
    painter.setPen(Qt::black);
    painter.drawText(rect(), Qt::AlignCenter, m_text);
}

} // namespace poslab::gui
