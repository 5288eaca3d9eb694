#pragma once

#include "qcp.h"

#include <QString>

#include <vector>

namespace poslab::widgets {

// Ticks of a logarithmic colour scale: powers of ten from `lower` to `upper`, every step-th one so
// that labels `labelPx` tall, spaced along `lengthPx` pixels, never overlap (1-2-5 mantissas when the
// range holds fewer than two powers of ten). The other powers of ten are minor ticks.
struct LogTicks
{
    std::vector<double> major;
    std::vector<double> minor;
};
LogTicks logTicks(double lower, double upper, int lengthPx, int labelPx);
QString logTickLabel(double value); // 0.001, 1, 100; beyond: 10⁻⁵, 10⁶

// QCustomPlot ticker for the colour scale `axis` of a log-scaled map: logTicks() at the axis's
// current length and tick label font.
class LogScaleTicker : public QCPAxisTicker
{
  public:
    explicit LogScaleTicker(const QCPAxis* axis) : m_axis(axis) {}

  protected:
    QVector<double> createTickVector(double tickStep, const QCPRange& range) override;
    QVector<double> createSubTickVector(int subTickCount, const QVector<double>& ticks) override;
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar, int precision) override;

  private:
    LogTicks current(const QCPRange& range) const;
    const QCPAxis* m_axis;
    QCPRange m_range;
};

} // namespace poslab::widgets
