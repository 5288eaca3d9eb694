#pragma once

#include <QWidget>

class QTimer;

namespace poslab::gui {

class Driver;

// Over the views while a request takes long: the last pictures dimmed, and in the middle how far the
// computation is and that Esc cancels it (the driver's progress), so that old pictures are never
// mistaken for the new request's. Clicks pass through to the views and tabs.
class BusyOverlay : public QWidget
{
    Q_OBJECT
  public:
    BusyOverlay(Driver* driver, QWidget* covered, QWidget* parent);

    QString text() const { return m_text; }
    static constexpr int delayMs = 400; // after the driver shows busy: quick requests never dim

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

  private:
    void follow();
    void setFraction(double fraction);

    QWidget* m_covered;
    QTimer* m_delay;
    QString m_text;
    double m_fraction = -1; // of the text shown (negative: not known)
};

} // namespace poslab::gui
