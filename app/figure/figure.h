#pragma once

#include "figurecontent.h"
#include "session.h"

#include <lab.h>
#include <lablimits.h>

#include <QByteArray>
#include <QImage>
#include <QSize>
#include <QSizeF>
#include <QString>

#include <optional>

// Figures for papers from a session: compute with the caller's Lab (the request's engine, oneDNN f32
// as the app and poslab-cli compute by default; the explain view with the reference engine its walk
// uses), lay out a standalone QCustomPlot at the size in mm, and write PNG, PDF or SVG carrying the
// session. Rendering needs a QApplication (QCustomPlot is a widget); the offscreen platform is
// enough. Errors: poslab::Error.
namespace poslab::figure {

enum class FigureFormat { Png, Pdf, Svg };
FigureFormat parseFigureFormat(const std::string& name);              // png | pdf | svg, else Error
std::optional<FigureFormat> formatFromFileName(const QString& path); // by suffix
std::string figureFormatName(FigureFormat format);

// What the session's view shows (Error when the view does not apply, e.g. explain without a cell).
FigureContent computeFigure(Lab& lab, const Session& session);

struct RenderedFigure
{
    QByteArray bytes;  // the whole file, session embedded
    QSizeF sizeMm;     // height resolved when automatic
    QSize pixels;      // PNG only: round(mm × dpi / 25.4)
};
RenderedFigure renderFigure(Lab& lab, const Session& session, FigureFormat format);
RenderedFigure renderFigure(const Session& session, const FigureContent& content, FigureFormat format);
QImage renderImage(Lab& lab, const Session& session); // the PNG's image, e.g. for a preview

// Atomic (see outputfiles.h): on failure nothing is left at `path` and the Error says why.
void exportFigure(Lab& lab, const Session& session, FigureFormat format, const QString& path);
void writeBytesAtomically(const QString& path, const QByteArray& bytes);

// The numbers shown, as poslab-cli compute writes them: format from the suffix (.csv, .npy, .json;
// checkDataFileName throws for any other).
void checkDataFileName(const QString& path);
QByteArray figureData(const FigureContent& content, const QString& path);
void writeFigureData(const FigureContent& content, const QString& path);

} // namespace poslab::figure
