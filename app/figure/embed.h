#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

// A figure carries its session: PNG as a text chunk "poslab-session", PDF inside its XMP metadata
// packet, SVG inside <metadata>; the last two as the element <poslab:session> in kSessionNamespace.
namespace poslab::figure {

inline constexpr char kPngSessionKey[] = "poslab-session";
inline constexpr char kSessionNamespace[] = "urn:poslab:session";

QByteArray xmpPacket(const QByteArray& sessionJson, const QString& title, const QString& creator);
QByteArray embedInSvg(const QByteArray& svg, const QByteArray& sessionJson);

enum class FileKind { Png, Pdf, Svg, Other };
FileKind sniffFileKind(const QByteArray& bytes);

// The session JSON a PNG, PDF or SVG figure carries; nullopt when there is none. Error when the
// XML around it (SVG, PDF's XMP packet) cannot be read.
std::optional<QByteArray> extractSession(const QByteArray& bytes);

} // namespace poslab::figure
