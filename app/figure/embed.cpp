#include "embed.h"

#include "error.h"

#include <QBuffer>
#include <QImageReader>
#include <QXmlStreamReader>
#include <QtEndian>

namespace poslab::figure {

namespace {

QByteArray xmlEscape(const QByteArray& text)
{
    return QString::fromUtf8(text).toHtmlEscaped().toUtf8();
}

// The text of the first <session> element in kSessionNamespace inside `xml`. XML the reader gives up
// on (a billion laughs stops at Qt's entity expansion limit) is an Error in Qt's words, not an empty
// session that would then read as corrupt JSON.
std::optional<QByteArray> sessionElement(const QByteArray& xml)
{
    QXmlStreamReader reader(xml);
    auto failed = [&reader] {
        return Error("its XML cannot be read: " + reader.errorString().toStdString() + " (line " +
                     std::to_string(reader.lineNumber()) + ")");
    };
    while (!reader.atEnd()) {
        if (reader.readNext() == QXmlStreamReader::StartElement && reader.name() == QLatin1String("session") &&
            reader.namespaceUri() == QLatin1String(kSessionNamespace)) {
            QByteArray text = reader.readElementText().toUtf8();
            if (reader.hasError()) throw failed();
            return text;
        }
    }
    // XML that never names PosLab's namespace, or is only cut short, carries no session; other XML
    // that does name it, but cannot be read up to the element, is an error.
    if (reader.hasError() && reader.error() != QXmlStreamReader::PrematureEndOfDocumentError &&
        xml.contains(kSessionNamespace))
        throw failed();
    return std::nullopt;
}

// The PNG up to its first chunk that claims more bytes than the file has left: libpng allocates and
// clears what a chunk's length field says (up to 2 GiB) before it finds the file too short.
QByteArray wholePngChunks(const QByteArray& png)
{
    qsizetype at = 8; // the signature
    while (png.size() - at >= 12) {
        const quint32 length = qFromBigEndian<quint32>(png.constData() + at);
        if (length > quint64(png.size() - at - 12)) break;
        at += 12 + qsizetype(length); // length, type, data, CRC
    }
    return png.left(at);
}

} // namespace

QByteArray xmpPacket(const QByteArray& sessionJson, const QString& title, const QString& creator)
{
    // Uncompressed in the PDF (Qt writes the metadata stream as is), so readers can find it.
    QByteArray x;
    x += "<?xpacket begin='\xef\xbb\xbf' id='W5M0MpCehiHzreSzNTczkc9d'?>\n"
         "<x:xmpmeta xmlns:x='adobe:ns:meta/'>\n"
         "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>\n"
         "<rdf:Description rdf:about='' xmlns:dc='http://purl.org/dc/elements/1.1/'"
         " xmlns:xmp='http://ns.adobe.com/xap/1.0/' xmlns:poslab='";
    x += kSessionNamespace;
    x += "'>\n<dc:title><rdf:Alt><rdf:li xml:lang='x-default'>" + xmlEscape(title.toUtf8()) +
         "</rdf:li></rdf:Alt></dc:title>\n";
    x += "<xmp:CreatorTool>" + xmlEscape(creator.toUtf8()) + "</xmp:CreatorTool>\n";
    x += "<poslab:session>" + xmlEscape(sessionJson) + "</poslab:session>\n";
    x += "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end='w'?>";
    return x;
}

QByteArray embedInSvg(const QByteArray& svg, const QByteArray& sessionJson)
{
    const qsizetype open = svg.indexOf("<svg");
    const qsizetype end = open < 0 ? -1 : svg.indexOf('>', open);
    if (end < 0) return svg;
    QByteArray meta = "\n<metadata><poslab:session xmlns:poslab=\"";
    meta += kSessionNamespace;
    meta += "\">" + xmlEscape(sessionJson) + "</poslab:session></metadata>";
    QByteArray out = svg;
    out.insert(end + 1, meta);
    return out;
}

FileKind sniffFileKind(const QByteArray& bytes)
{
    if (bytes.startsWith("\x89PNG\r\n\x1a\n")) return FileKind::Png;
    if (bytes.startsWith("%PDF-")) return FileKind::Pdf;
    const QByteArray head = bytes.left(512).trimmed();
    if (head.startsWith("<?xml") || head.startsWith("<svg")) return FileKind::Svg;
    return FileKind::Other;
}

std::optional<QByteArray> extractSession(const QByteArray& bytes)
{
    switch (sniffFileKind(bytes)) {
    case FileKind::Png: {
        QBuffer buffer;
        buffer.setData(wholePngChunks(bytes));
        buffer.open(QIODevice::ReadOnly);
        QImageReader reader(&buffer, "png");
        const QString text = reader.text(QString::fromLatin1(kPngSessionKey));
        if (text.isEmpty()) return std::nullopt;
        return text.toUtf8();
    }
    case FileKind::Pdf: {
        const qsizetype begin = bytes.indexOf("<x:xmpmeta");
        const qsizetype end = begin < 0 ? -1 : bytes.indexOf("</x:xmpmeta>", begin);
        if (end < 0) return std::nullopt;
        return sessionElement(bytes.mid(begin, end + 12 - begin));
    }
    case FileKind::Svg:
        return sessionElement(bytes);
    case FileKind::Other:
        break;
    }
    return std::nullopt;
}

} // namespace poslab::figure
