#pragma once

#include "explorerstate.h"
#include <lab.h>

#include <QSize>
#include <QString>

#include <QStringList>
#include <climits>

namespace poslab::gui {

inline constexpr char kExampleText[] = "The cat sat on the mat because the mat was warm.";
inline constexpr QSize kMinScreenshotSize{640, 480}; // below it the docks squeeze the views to nothing

// The command line's request (view fields included: matrix, head, Δ range, selected cell) and
// what the window shows it with.
struct GuiOptions
{
    LabRequest request; // what the window starts with
    View view = View::Heatmap;
    bool viewGiven = false; // otherwise the window keeps the view it remembers
    bool explain = false;   // --view explain: the heatmap with the worked-example panel shown
    QString lesson;         // --lesson ID: a built-in lesson's set-up instead of the options above
    QString open;           // --open FILE: a session, or a figure carrying one, instead of the options above
    bool logScale = false;
    widgets::ColorMap colorMap = widgets::ColorMap::Viridis;
    bool present = false; // --present: presentation mode (View › Presentation)
    int sweep = INT_MIN;  // --sweep D: its Δ slider at D (INT_MIN: where it starts)
    QString language;   // --lang CODE: "en" or "zh_CN" (empty: View › Language's choice, else the system's)
    QString screenshot; // PNG to write offscreen, then exit
    QSize size{1400, 900};
};

struct CommandLine
{
    enum class Action
    {
        Run,
        Help,
        Version,
        Error
    };
    Action action = Action::Run;
    GuiOptions options;
    QString message; // help text, version or the error (one line)
};

// Parses argv (arguments[0] is the program) before any QApplication exists, so that
// --screenshot can pick the offscreen platform. Names are checked against core's registries.
CommandLine parseCommandLine(const QStringList& arguments);

// Sets the interface language the explorer starts in (figure::setLanguage): --lang, else View ›
// Language's choice kept in QSettings ("language"; not for screenshots), else the system locale's.
// `chosen`: a language was asked for, not the system's. Returns an error line, empty on success.
QString applyStartLanguage(const GuiOptions& options, bool* chosen = nullptr);

} // namespace poslab::gui
