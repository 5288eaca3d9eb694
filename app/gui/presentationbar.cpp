#include "presentationbar.h"

#include "driver.h"
#include "explorerstate.h"
#include "retranslate.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>
#include <QTimer>
#include <QToolButton>

#include <algorithm>
#include <utility>

namespace poslab::gui {

PresentationBar::PresentationBar(Driver* driver, ExplorerState* state, QWidget* parent)
    : QWidget(parent), m_driver(driver), m_state(state), m_name(new QLabel(this)),
      m_slider(new QSlider(Qt::Horizontal, this)), m_value(new QLabel(this)), m_play(new QToolButton(this)),
      m_timer(new QTimer(this))
{
    m_slider->setObjectName(QStringLiteral("sweepSlider"));
    m_slider->setTickPosition(QSlider::TicksBelow);
    m_play->setCheckable(true);
    m_value->setMinimumWidth(m_value->fontMetrics().horizontalAdvance(QStringLiteral("\u0394 = \u22128888")));
    m_timer->setInterval(playStepMs);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 2, 8, 2);
    layout->addWidget(m_play);
    layout->addWidget(m_name);
    layout->addWidget(m_slider, 1);
    layout->addWidget(m_value);

    connect(m_play, &QToolButton::toggled, this, &PresentationBar::setPlaying);
    connect(m_timer, &QTimer::timeout, this, &PresentationBar::advance);
    connect(m_slider, &QSlider::valueChanged, this, &PresentationBar::apply);
    connect(driver, &Driver::requestChanged, this, [this](const LabRequest& r) {
        m_request = r;
        updateRange();
    });
    connect(driver, &Driver::tokensAvailable, this, [this](const std::vector<std::string>& labels) {
        m_n = int(labels.size());
        updateRange();
    });
    connect(state, &ExplorerState::viewChanged, this, &PresentationBar::updateRange);
    connect(state, &ExplorerState::deltaRangeChanged, this, &PresentationBar::updateRange);
    setPlaying(false);
    retranslateWith(this, [this] {
        m_play->setToolTip(tr("Play: move the slider step by step (again: pause)"));
        updateRange(); // the name, tooltip and value of the slider
    });
}

bool PresentationBar::isPlaying() const
{
    return m_timer->isActive();
}

void PresentationBar::setPlaying(bool on)
{
    if (on && isVisible())
        m_timer->start();
    else
        m_timer->stop();
    const QSignalBlocker blocker(m_play);
    m_play->setChecked(m_timer->isActive());
    m_play->setIcon(
        style()->standardIcon(m_timer->isActive() ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

void PresentationBar::advance()
{
    m_slider->setValue(m_slider->value() >= m_slider->maximum() ? m_slider->minimum()
                                                                : m_slider->value() + 1);
}

// Δ over what the Δ-curve shows and the sequence has: [−r, r] with r = min(range, n − 1), keys after
// the query dropped under a causal mask; the shift over 0 … max(maxShift, 2n).
void PresentationBar::updateRange()
{
    const bool compare = m_state->view() == View::Compare;
    const int last = std::max(0, m_n - 1);
    const QSignalBlocker blocker(m_slider);
    if (compare) {
        m_name->setText(tr("shift s"));
        m_slider->setRange(0, std::clamp(2 * m_n, maxShift, kMaxShift));
        m_slider->setValue(m_request.shift);
        m_slider->setToolTip(tr("Every position offset by s: the compare view recomputes"));
    } else {
        const int r = std::min(m_state->deltaRange(), last);
        m_name->setText(tr("\u0394 = j \u2212 i"));
        m_slider->setRange(-r, m_request.model.causal ? 0 : r);
        m_slider->setToolTip(tr("The diagonal \u0394 on the heatmap and its point on the \u0394-curve"));
        if (m_start && m_n > 0) m_slider->setValue(*std::exchange(m_start, std::nullopt));
    }
    m_slider->setPageStep(std::max(1, (m_slider->maximum() - m_slider->minimum()) / 8));
    m_slider->setTickInterval(m_slider->pageStep());
    apply(m_slider->value());
}

void PresentationBar::setStart(int delta)
{
    m_start = delta;
    updateRange();
}

void PresentationBar::apply(int value)
{
    const bool compare = m_state->view() == View::Compare;
    m_value->setText(compare ? tr("s = %1").arg(value)
                             : tr("\u0394 = %1").arg(QString::number(value).replace(u'-', u'\u2212')));
    m_state->setSweepDelta(isVisible() && !compare ? value : ExplorerState::noSweep);
    if (compare && isVisible() && m_driver->generation() > 0 && value != m_request.shift)
        m_driver->update([value](LabRequest& r) { r.shift = value; });
}

void PresentationBar::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    apply(m_slider->value());
}

void PresentationBar::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    setPlaying(false);
    m_state->setSweepDelta(ExplorerState::noSweep);
}

} // namespace poslab::gui
