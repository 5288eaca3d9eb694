// A session as `poslab-cli figure --session FILE` and the explorer's File › Open read it: the bytes
// of a .poslab file (POSLAB_FUZZ_KIND 0) or of a figure carrying one (1: PNG text chunk, 2: PDF XMP
// packet, 3: SVG <metadata>), through extractSession and sessionFromJson. Every input gets either
// one Error or a valid session that writes and reads back to itself.
#include "fuzzcheck.h"

#include <embed.h>
#include <error.h>
#include <session.h>

#include <QByteArray>
#include <QGuiApplication>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>

namespace {

// A figure's magic first, so that mutations that break it still exercise that reader.
QByteArray asKind(const QByteArray& bytes)
{
    switch (POSLAB_FUZZ_KIND) {
    case 1: {
        const QByteArray magic("\x89PNG\r\n\x1a\n", 8);
        return bytes.startsWith(magic) ? bytes : magic + bytes;
    }
    case 2:
        return bytes.startsWith("%PDF-") ? bytes : "%PDF-" + bytes;
    case 3:
        return bytes.trimmed().startsWith("<?xml") || bytes.trimmed().startsWith("<svg") ? bytes
                                                                                         : "<svg" + bytes;
    default:
        return bytes;
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv)
{
    // QImageReader (the PNG text chunk) wants an application, as the product has one.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    static QGuiApplication app(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace poslab::figure;
    const QByteArray bytes =
        asKind(QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size)));
    QByteArray json = bytes;
    if (POSLAB_FUZZ_KIND != 0) {
        std::optional<QByteArray> embedded;
        try {
            embedded = extractSession(bytes); // XML it cannot read is an Error, never a crash
        } catch (const poslab::Error&) {
            return 0;
        }
        if (!embedded) return 0;
        json = *embedded;
    }
    Session session;
    try {
        session = sessionFromJson(json);
    } catch (const poslab::Error&) {
        return 0;
    }
    // What was accepted is valid, and saving it loses nothing.
    validateSession(session);
    const Session again = sessionFromJson(sessionToJson(session));
    FUZZ_CHECK(again == session);
    FUZZ_CHECK(sessionFromJson(sessionToJson(session, true)) == session);
    return 0;
}
