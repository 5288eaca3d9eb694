#include "logticks.h"

#include <algorithm>
#include <cmath>

namespace poslab::widgets {

namespace {

// Powers of ten (times each mantissa) inside [lower, upper], ascending.
std::vector<double> ticksWith(double lower, double upper, std::initializer_list<double> mantissas)
{
    std::vector<double> out;
    const int first = int(std::floor(std::log10(lower))), last = int(std::ceil(std::log10(upper)));
    for (int e = first; e <= last; ++e)
        for (double m : mantissas) {
            const double v = m * std::pow(10.0, e);
            const double slack = v * 1e-9; // 10^e is not exact in binary
            if (v >= lower - slack && v <= upper + slack) out.push_back(v);
        }
    return out;
}

} // namespace

LogTicks logTicks(double lower, double upper, int lengthPx, int labelPx)
{
    LogTicks t;
    if (!(lower > 0) || !(upper > lower) || !std::isfinite(upper)) return t;
    // Labels are centred on their tick: neighbours need a label height and a little air between.
    const double pixelsPerDecade = lengthPx / std::log10(upper / lower);
    const double needed = std::max(1, labelPx) * 1.25;
    const std::vector<double> powers = ticksWith(lower, upper, {1.0});
    if (powers.size() < 2) {
        for (double v : ticksWith(lower, upper, {1.0, 2.0, 5.0})) {
            if (!t.major.empty() &&
                (std::log10(v) - std::log10(t.major.back())) * pixelsPerDecade < needed)
                continue;
            t.major.push_back(v);
        }
        return t;
    }
    const int step = std::max(1, int(std::ceil(needed / pixelsPerDecade)));
    // Keep 1 (or the largest power) labelled: count steps down from the top power.
    for (std::size_t k = 0; k < powers.size(); ++k) {
        const std::size_t fromTop = powers.size() - 1 - k;
        (fromTop % std::size_t(step) == 0 ? t.major : t.minor).push_back(powers[k]);
    }
    return t;
}

QString logTickLabel(double value)
{
    const int e = int(std::lround(std::log10(value)));
    const double mantissa = value / std::pow(10.0, e);
    if (e >= -3 && e <= 4) return QString::number(value, 'g', 6);
    static constexpr char16_t kDigits[] = u"⁰¹²³⁴⁵⁶⁷⁸⁹";
    QString power = QStringLiteral("10");
    if (e < 0) power += QChar(u'⁻');
    for (QChar c : QString::number(std::abs(e)))
        power += QChar(kDigits[c.digitValue()]);
    if (std::abs(mantissa - 1.0) < 1e-9) return power;
    return QString::number(mantissa, 'g', 3) + QChar(u'·') + power;
}

LogTicks LogScaleTicker::current(const QCPRange& range) const
{
    const QCPAxisRect* rect = m_axis->axisRect();
    const int length = m_axis->orientation() == Qt::Vertical ? rect->height() : rect->width();
    const int label = QFontMetrics(m_axis->tickLabelFont()).height();
    return logTicks(range.lower, range.upper, length > 0 ? length : 100, label);
}

QVector<double> LogScaleTicker::createTickVector(double, const QCPRange& range)
{
    m_range = range;
    const LogTicks t = current(range);
    return QVector<double>(t.major.begin(), t.major.end());
}

QVector<double> LogScaleTicker::createSubTickVector(int, const QVector<double>&)
{
    const LogTicks t = current(m_range);
    return QVector<double>(t.minor.begin(), t.minor.end());
}

QString LogScaleTicker::getTickLabel(double tick, const QLocale&, QChar, int)
{
    return logTickLabel(tick);
}

} // namespace poslab::widgets
