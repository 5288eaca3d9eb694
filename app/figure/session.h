#pragma once

#include <model.h>
#include <params.h>
#include <tokenizer.h>

#include <QByteArray>
#include <QString>

#include <optional>
#include <string>
#include <vector>

// A `.poslab` session: everything a view depends on, as plain values, and its JSON form
// {"format": "poslab-session", "version": 1, ...}. Reading validates every field (scheme, parameters
// and model included) and throws poslab::Error with one line; nothing is changed on error.
namespace poslab::figure {

enum class FigureView { Heatmap, Heads, DeltaCurve, Compare, Explain };
FigureView parseFigureView(const std::string& name); // Error lists the accepted names
std::string figureViewName(FigureView view);
std::vector<std::string> figureMatrixNames(); // pe, delta, bucket, bias, logits, probs
std::vector<std::string> colormapNames();     // viridis, magma, cividis, grayscale

struct FigureStyle
{
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

struct Session
{
    std::string text; // the sequence, when n == 0
    int n = 0;        // > 0: n bare positions
    TokenizerMode tokenizer = TokenizerMode::Word;
    std::string scheme = "alibi";
    RawParams params;
    ModelConfig model;
    int start = 0; // position of the first token
    FigureView view = FigureView::Heatmap;
    std::string matrix = "probs"; // pe | delta | bucket | bias | logits | probs
    int head = 0;
    int cellI = -1, cellJ = -1; // selected cell; −1: none
    int range = 16;             // Δ-curve: Δ in [−range, range]
    // Compare view: scheme against compareScheme (default parameters), both with every position
    // offset by shift, beside their difference; each also against itself unshifted.
    std::string compareScheme = "sinusoidal";
    int shift = 8;
    FigureStyle style;
};
bool operator==(const Session& a, const Session& b);

constexpr int kSessionVersion = 1;
constexpr double kOneColumnMm = 85.0;
constexpr double kTwoColumnMm = 175.0;
double presetWidthMm(const std::string& preset); // "one-column" | "two-column", else Error

void validateSession(const Session& s); // the checks reading does, for sessions built in code
QByteArray sessionToJson(const Session& s, bool compact = false);
Session sessionFromJson(const QByteArray& json); // Error: corrupt, wrong format, newer version, bad field

// A .poslab file, or a PNG/PDF/SVG figure carrying its session. Errors name the file.
Session loadSession(const QString& path);
void saveSession(const Session& s, const QString& path); // all or nothing (outputfiles.h)

} // namespace poslab::figure
