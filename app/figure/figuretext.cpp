#include "figuretext.h"

#include <QAbstractTextDocumentLayout>
#include <QFontMetrics>
#include <QTextBlockFormat>
#include <QTextCursor>
#include <QTextLayout>
#include <QTextOption>

#include <cmath>

namespace poslab::figure {

namespace {

// Greedy: words joined by `glue` onto lines no wider than `width`; a word alone may be wider.
QStringList fill(const QStringList& words, const QString& glue, const QFontMetrics& metrics, int width)
{
    QStringList lines;
    QString line;
    for (const QString& word : words) {
        const QString joined = line.isEmpty() ? word : line + glue + word;
        if (line.isEmpty() || metrics.horizontalAdvance(joined) <= width) {
            line = joined;
        } else {
            lines << line;
            line = word;
        }
    }
    if (!line.isEmpty()) lines << line;
    return lines;
}

// A word too wide for a line (or Chinese, which has no spaces), broken where Unicode allows a line
// break, else between grapheme clusters (a base character keeps its
// combining marks) by one text layout: linear in its length. Measuring ever shorter prefixes, as
// this did before, was cubic (2000 characters took 10 s).
QStringList breakAnywhere(const QString& part, const QFont& font, const QFontMetrics& metrics, int width)
{
    if (metrics.horizontalAdvance(part) <= width) return {part};
    QTextLayout layout(part, font);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere); // Chinese: between ideographs
    layout.setTextOption(option);
    QStringList lines;
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        lines << part.mid(line.textStart(), line.textLength());
    }
    layout.endLayout();
    return lines;
}

} // namespace

QString wrapText(const QString& text, const QFont& font, int width)
{
    const QFontMetrics metrics(font);
    QStringList out;
    for (const QString& paragraph : text.split(u'\n')) {
        const QStringList lines =
            fill(paragraph.split(u' ', Qt::SkipEmptyParts), QStringLiteral(" "), metrics, width);
        if (lines.isEmpty()) out << QString();
        for (const QString& line : lines) {
            if (metrics.horizontalAdvance(line) <= width) {
                out << line;
                continue;
            }
            // Too wide alone: break at its no-break spaces, then between characters.
            for (const QString& part :
                 fill(line.split(QChar(0x00a0)), QString(QChar(0x00a0)), metrics, width))
                out << breakAnywhere(part, font, metrics, width);
        }
    }
    return out.join(u'\n');
}

TextPanel::TextPanel(QCustomPlot* plot, const std::vector<TextBlock>& blocks, const QFont& font)
    : QCPLayoutElement(plot)
{
    m_doc.setDefaultFont(font);
    m_doc.setDocumentMargin(0);
    QTextOption option = m_doc.defaultTextOption();
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_doc.setDefaultTextOption(option);
    const QFontMetricsF metrics(font);
    QTextCursor cursor(&m_doc);
    QTextCharFormat plain, bold;
    plain.setForeground(Qt::black);
    bold.setForeground(Qt::black);
    bold.setFontWeight(QFont::Bold);
    for (std::size_t k = 0; k < blocks.size(); ++k) {
        const TextBlock& b = blocks[k];
        // Continuation lines hang one indent in; indented paragraphs sit there entirely.
        const double indent = metrics.horizontalAdvance(QStringLiteral("MM"));
        QTextBlockFormat format;
        format.setLeftMargin(indent);
        format.setTextIndent(b.indent ? 0 : -indent);
        format.setTopMargin(k > 0 && !b.indent ? metrics.height() * 0.35 : 0);
        if (k == 0)
            cursor.setBlockFormat(format);
        else
            cursor.insertBlock(format);
        if (!b.lead.isEmpty())
            cursor.insertText(b.lead + (b.text.isEmpty() ? QString() : QStringLiteral(" ")), bold);
        cursor.insertText(b.text, plain);
    }
    setMargins(QMargins(0, 2, 0, 0));
}

int TextPanel::setWidth(int width)
{
    m_doc.setTextWidth(width);
    m_height = int(std::ceil(m_doc.size().height()));
    const QSize size(width, m_height);
    setMinimumSize(size);
    setMaximumSize(size);
    return m_height;
}

void TextPanel::draw(QCPPainter* painter)
{
    painter->save();
    painter->translate(mRect.topLeft());
    QAbstractTextDocumentLayout::PaintContext context;
    context.palette.setColor(QPalette::Text, Qt::black);
    m_doc.documentLayout()->draw(painter, context);
    painter->restore();
}

} // namespace poslab::figure
