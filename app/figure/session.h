#pragma once

#include <request.h>

#include <QByteArray>
#include <QString>

#include <optional>
#include <string>
#include <vector>

// A `.poslab` session: the lab request (core's one request type) and, beside it, how a figure presents
// it (the view and the style), as plain values; and its JSON form {"format": "poslab-session",
// "version": 2, "request": {...}, "view": ..., "style": {...}}. Version 1 files, which kept the
// request's fields at the top level, are read too. Reading validates every field (core validates the
// request) and throws poslab::Error with one line, "session: ..."; nothing is changed on error.
namespace poslab::figure {

// Context and Freqs (rope only): the context-extension view's Δ-curves per scaling and its wavelengths
// per pair, at L = the session's sequence length (core/contextextension.h).
// PeComponents: the encoding view's principal components over position and each position's norm.
enum class FigureView { Heatmap, Heads, DeltaCurve, Compare, Explain, Context, Freqs, PeComponents };
FigureView parseFigureView(const std::string& name); // Error lists the accepted names
std::string figureViewName(FigureView view);
std::vector<std::string> figureMatrixNames(); // pe, delta, bucket, bias, logits, probs
std::vector<std::string> colormapNames();     // viridis, magma, cividis, grayscale

// The family a figure's text takes by default in `language` (en: DejaVu Sans; zh_CN: WenQuanYi Micro
// Hei, a TrueType CJK font that Qt's PDF engine embeds with a faithful ToUnicode map, so that the
// Chinese stays text a reader can select and search; Noto Sans CJK maps some characters to look-alike
// radicals, 力 → ⼒). Error for a language PosLab does not speak.
std::string defaultFontFamily(const std::string& language);
// Families a figure in `language` falls back to for characters its family lacks (zh_CN: the CJK
// default, then DejaVu Sans, so that no glyph is left to fontconfig's choice); empty for en.
std::vector<std::string> fallbackFontFamilies(const std::string& language);

struct FigureStyle
{
    std::string language = "en";      // the figure's words: en | zh_CN (figure::languages())
    std::string colormap = "viridis"; // viridis | magma | cividis | grayscale (signed data: diverging)
    bool logScale = false;            // probabilities only
    std::string fontFamily = "DejaVu Sans";
    double fontSize = 8.0;            // pt
    std::optional<std::string> title; // unset: the automatic title; "" : none
    double widthMm = 85.0;
    double heightMm = 0.0; // 0: from the view (square heatmap cells, the curve's aspect)
    int dpi = 300;         // PNG pixels and the PDF/SVG heatmap raster
    friend bool operator==(const FigureStyle&, const FigureStyle&) = default;
};

// The request's fields a session records: the sequence (positions, or text and tokenizer; start), the
// scheme and its parameters, the model (λ = 0 for positions only), the weights, the engine, the view
// fields (matrix, head, cell, Δ range), the compare scheme and shift, and the pooling. Which runs a
// view needs (every head, terms, compare) follows from `view`; see figureRequest.
struct Session : LabRequest
{
    FigureView view = FigureView::Heatmap;
    FigureStyle style;
};
bool operator==(const Session& a, const Session& b);

constexpr int kSessionVersion = 2;
constexpr double kOneColumnMm = 85.0;
constexpr double kTwoColumnMm = 175.0;
double presetWidthMm(const std::string& preset); // "one-column" | "two-column", else Error

// Makes `language` the figure's language; a font family that was the old language's default becomes
// the new one's (a family chosen by hand stays). Error (one line) for a language PosLab does not speak.
void setFigureLanguage(FigureStyle& style, const std::string& language);

// The request the session's view computes: compare runs for the compare view.
LabRequest figureRequest(const Session& session);
void validateSession(const Session& s); // the checks reading does, for sessions built in code
QByteArray sessionToJson(const Session& s, bool compact = false);
Session sessionFromJson(const QByteArray& json); // Error: corrupt, wrong format, newer version, bad field

// A .poslab file, or a PNG/PDF/SVG figure carrying its session. Errors name the file.
Session loadSession(const QString& path);
void saveSession(const Session& s, const QString& path); // all or nothing (outputfiles.h)

} // namespace poslab::figure
