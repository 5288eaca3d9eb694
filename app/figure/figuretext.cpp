#include "figuretext.h"

#include <QAbstractTextDocumentLayout>
#include <QFontMetrics>
#include <QTextBlockFormat>
#include <QTextCursor>
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
            for (QString part : fill(line.split(QChar(0x00a0)), QString(QChar(0x00a0)), metrics, width)) {
                while (metrics.horizontalAdvance(part) > width && part.size() > 1) {
                    int k = int(part.size()) - 1;
                    while (k > 1 && metrics.horizontalAdvance(part.left(k)) > width)
                        --k;
                    out << part.left(k);
                    part = part.mid(k);
                }
                out << part;
            }
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
