#pragma once

#include "figurecontent.h"
#include "qcp.h"

#include <QFont>
#include <QString>
#include <QTextDocument>

#include <vector>

// Text inside a figure that must never be cut: wrapped to a width in logical units, kept as text
// (selectable in PDF, <text> in SVG).
namespace poslab::figure {

// Greedy word wrap; a word wider than `width` is broken between characters. Lines joined by '\n'.
QString wrapText(const QString& text, const QFont& font, int width);

// Paragraphs (the explain view's steps) as one layout element of fixed width whose height is the
// wrapped text's: setWidth() lays the text out and pins the element to that size.
class TextPanel : public QCPLayoutElement
{
  public:
    TextPanel(QCustomPlot* plot, const std::vector<TextBlock>& blocks, const QFont& font);
    int setWidth(int width); // returns the height
    int textHeight() const { return m_height; }

  protected:
    void draw(QCPPainter* painter) override;

  private:
    QTextDocument m_doc;
    int m_height = 0;
};

} // namespace poslab::figure
