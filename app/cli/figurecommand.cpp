// `poslab-cli figure`: a figure for papers (PNG, PDF, SVG) from a session or from the same options
// as compute. Qt is started here only, on the offscreen platform unless QT_QPA_PLATFORM says otherwise.

#include "cliargs.h"
#include "commands.h"
#include "modeloptions.h"

#include "error.h"
#include "lab.h"

#include <figure.h>
#include <language.h>
#include <outputfiles.h>
#include <scheme.h>
#include <session.h>

#include <QApplication>
#include <QFontDatabase>
#include <QFontInfo>

#include <climits>
#include <cstdio>
#include <memory>
#include <tuple>
#include <utility>

namespace poslab::cli {

namespace {

const std::vector<OptionSpec>& figureOptions()
{
    static const std::vector<OptionSpec> specs = [] {
        std::vector<OptionSpec> v = modelOptionSpecs();
        v.insert(v.end(), {{"session"},     {"start"},
                           {"view"},        {"what"},
                           {"head"},        {"range"},
                           {"cell"},        {"compare-scheme"},
                           {"shift"},       {"format"},
                           {"width-mm"},    {"height-mm"},
                           {"preset"},      {"dpi"},
                           {"font-family"}, {"font-size"},
                           {"colormap"},    {"log-scale", false},
                           {"title"},       {"out"},
                           {"data-out"},    {"session-out"},
                           {"lang"}});
        return v;
    }();
    return specs;
}

const char* const kSequenceOptions[] = {"scheme", "param",  "text", "tokenizer", "n",           "d-model",
                                        "heads",  "causal", "seed", "lambda",    "temperature", "start",
                                        "weights", "tensor", "layer", "inputs"};

figure::Session sessionFromOptions(const CliArgs& opts)
{
    figure::Session s;
    s.scheme = required(opts, "figure", "scheme");
    s.params = rawParams(opts.values("param"));
    s.model = modelConfig(opts);
    applyWeightOptions(opts, s);
    if (auto n = opts.value("n")) {
        // Checked here: a figure draws every cell of n × n, so its limit is not compute's.
        if (parseIntOption("n", *n, INT_MIN, INT_MAX) > kMaxFigureTokens)
            throw Error("--n must be between 1 and " + std::to_string(kMaxFigureTokens) +
                        " for a figure, got " + *n +
                        " (for longer sequences, pooled probabilities: poslab-cli compute --pool)");
        s.positions = parseIntOption("n", *n, 1, kMaxFigureTokens);
    }
    if (auto v = opts.value("start")) s.start = parseIntOption("start", *v, INT_MIN, INT_MAX);
    if (inputsGiveSequence(opts)) { // applyWeightOptions took x's rows
        if (s.positions > kMaxFigureTokens)
            throw Error("--inputs: x has " + std::to_string(s.positions) + " rows, more than the " +
                        std::to_string(kMaxFigureTokens) + " tokens a figure draws");
        return s;
    }
    sequence(opts, "figure"); // the same checks and messages as compute
    if (!opts.has("n")) {
        s.text = *opts.value("text");
        s.tokenizer = parseTokenizerMode(opts.value("tokenizer").value_or("word"));
    }
    return s;
}

// "I,J" (query row, key column); core checks that both are in [0, n).
std::pair<int, int> parseCell(const std::string& text)
{
    const auto comma = text.find(',');
    if (comma == std::string::npos)
        throw Error("--cell needs I,J (query row, key column), got " + quoteInput(text));
    return {parseIntOption("cell", text.substr(0, comma), INT_MIN, INT_MAX),
            parseIntOption("cell", text.substr(comma + 1), INT_MIN, INT_MAX)};
}

double parseRealInRange(const std::string& option, const std::string& text, double lo, double hi,
                        const std::string& unit)
{
    const double v = parseRealOption(option, text);
    if (!(v >= lo && v <= hi))
        throw Error("--" + option + " must be between " + QString::number(lo).toStdString() + " and " +
                    QString::number(hi).toStdString() + unit + ", got " + QString::number(v).toStdString());
    return v;
}

void checkName(const std::string& option, const std::string& value, const std::vector<std::string>& names)
{
    std::string list;
    for (const std::string& name : names) {
        if (name == value) return;
        list += (list.empty() ? "" : "|") + name;
    }
    throw Error("unknown --" + option + " " + quoteInput(value) + " (expected " + list + ")");
}

// The options that apply to one view only: given with another view, they would be ignored.
void checkOptionsApply(const CliArgs& opts, const figure::Session& s)
{
    const std::string view = figure::figureViewName(s.view);
    for (const char* name : {"compare-scheme", "shift"})
        if (opts.has(name) && s.view != figure::FigureView::Compare)
            throw Error(std::string("--") + name + " applies only to --view compare (the view is " + view +
                        ")");
    if (opts.has("range") && s.view != figure::FigureView::DeltaCurve)
        throw Error("--range applies only to --view delta-curve (the view is " + view + ")");
    if (opts.has("log-scale")) {
        if (s.view == figure::FigureView::DeltaCurve || s.view == figure::FigureView::Context ||
            s.view == figure::FigureView::Freqs || s.view == figure::FigureView::PeComponents)
            throw Error("--log-scale applies to heatmaps of probabilities, not to --view " + view);
        if (s.matrix != "probs")
            throw Error("--log-scale applies to probabilities only (--what probs), not to " + s.matrix);
    }
}

// An unknown family would fall back silently: an error for --font-family, a warning for a session's.
void checkFont(const figure::Session& s, bool fromOption)
{
    const QString family = QString::fromStdString(s.style.fontFamily);
    if (QFontDatabase::hasFamily(family)) return;
    const std::string fallback = QFontInfo(QFont(family)).family().toStdString();
    if (fromOption)
        throw Error("--font-family: no font family " + quoteInput(s.style.fontFamily) +
                    " is installed (list them with: fc-list : family)");
    std::fprintf(stderr, "poslab-cli: warning: font family %s is not installed; using %s\n",
                 quoteInput(s.style.fontFamily).c_str(), quoteInput(fallback).c_str());
}

// A QApplication for this command only (destroyed before static destruction, which Qt needs);
// none when one exists already.
std::unique_ptr<QApplication> startQt()
{
    if (QCoreApplication::instance()) return nullptr;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "poslab-cli";
    static char* argv[] = {name, nullptr};
    return std::make_unique<QApplication>(argc, argv);
}

} // namespace

std::string figureUsage()
{
    return "Usage: poslab-cli figure (--session FILE | --scheme NAME [--param KEY=VALUE]...\n"
           "                          (--text \"...\" [--tokenizer word|char] | --n N) [model options])\n"
           "                         [--view heatmap|heads|delta-curve|compare|explain|context|freqs|\n"
           "                         pe-components]\n"
           "                         [--what probs|logits|bias|delta|bucket|pe] [--head K] [--range R]\n"
           "                         [--cell I,J] [--compare-scheme NAME] [--shift S] [--format "
           "png|pdf|svg]\n"
           "                         [--width-mm W [--height-mm H] | --preset one-column|two-column]\n"
           "                         [--dpi D] [--font-family F] [--font-size PT] [--colormap NAME]\n"
           "                         [--log-scale] [--title T] [--lang en|zh_CN] --out FILE\n"
           "                         [--data-out FILE] [--session-out FILE]\n"
           "\n"
           "Writes a figure for a paper: PDF and SVG keep text and axes as vectors, heatmap cells are\n"
           "rectangles up to 64 per side, beyond a lossless image at --dpi without smoothing; a PNG is\n"
           "round(mm x dpi / 25.4) pixels. Numbers as the app computes them (oneDNN f32; explain:\n"
           "the reference engine). At most 2048 tokens (longer: poslab-cli compute --pool). Every\n"
           "figure carries its session, so '--session figure.png' (or .pdf, .svg, .poslab) renders it\n"
           "again. Every output is checked first and all are written or none; a symlink is followed,\n"
           "a FIFO or device (/dev/stdout) is written in place.\n"
           "\n"
           "Options:\n"
           "  --session FILE         a .poslab session or a figure made by PosLab; view and style\n"
           "                         options below override it, sequence and model options may not\n" +
           modelOptionsHelp() +
           "  --start S              position of the first token (default: 0)\n"
           "  --view V               heatmap (one head), heads (all heads), delta-curve, compare (two\n"
           "                         schemes at positions shifted by S, their difference, and the\n"
           "                         largest change the shift makes), explain (the heatmap with the\n"
           "                         worked example of --cell, its steps and numbers as text),\n"
           "                         context (rope trained at original_max_position L0, run at L = n:\n"
           "                         the score past L0 under every scaling), freqs (rope: each pair's\n"
           "                         wavelength before and after scaling against L0, log axis),\n"
           "                         pe-components (the absolute encoding's first 3 principal\n"
           "                         components over position, and each position's norm)\n"
           "                         (default: heatmap)\n"
           "  --what WHAT            matrix: probs, logits, bias, delta, bucket, pe (default: probs;\n"
           "                         compare and explain: probs, logits or bias)\n"
           "  --head K               head for heatmap, delta-curve, compare and explain (default: 0)\n"
           "  --range R              delta-curve only: Δ in [-R, R] (default: 16)\n"
           "  --cell I,J             the selected cell: query i (row), key j (column); outlined, and\n"
           "                         the cell the explain view walks\n"
           "  --compare-scheme NAME  compare only: the second scheme, default parameters (default: "
           "sinusoidal)\n"
           "  --shift S              compare only: every position offset by S (default: 8)\n"
           "  --format png|pdf|svg   default: from the --out suffix, which it must agree with\n"
           "  --preset P             one-column (85 mm wide) or two-column (175 mm wide)\n"
           "  --width-mm W           width in mm (default: 85)\n"
           "  --height-mm H          height in mm (default: square cells / the curve's aspect)\n"
           "  --dpi D                PNG resolution and heatmap raster in PDF/SVG (default: 300)\n"
           "  --font-family F        an installed family (fc-list : family; default: DejaVu Sans,\n"
           "                         in zh_CN WenQuanYi Micro Hei, embedded in PDFs as selectable text)\n"
           "  --font-size PT         default: 8\n"
           "  --colormap NAME        viridis|magma|cividis|grayscale (signed data: diverging unless "
           "grayscale)\n"
           "  --log-scale            probabilities (--what probs) on a log colour scale\n"
           "  --title T              title ('' for none; default: automatic)\n"
           "  --lang CODE            the figure's words in en or zh_CN (default: the session's, else\n"
           "                         en); numbers, formulas and scheme names stay as they are\n"
           "  --out FILE             the figure, written atomically\n"
           "  --data-out FILE        the numbers shown, .csv, .npy or .json (as compute writes them)\n"
           "  --session-out FILE     the session, as a .poslab file\n"
           "  -h, --help             show this help\n";
}

std::string runFigure(const std::vector<std::string>& args)
{
    const CliArgs opts = CliArgs::parse("figure", figureOptions(), args);
    if (opts.helpRequested()) return figureUsage();
    // Qt's and its libraries' warnings (libpng reading a tampered figure: "iCCP: ...", "CRC error")
    // are dropped from here on: an error is one line, from us, and nothing comes before it.
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext&, const QString&) {});

    // Every output is checked before anything is computed, drawn or written.
    const std::string out = required(opts, "figure", "out");
    const QString outPath = QString::fromStdString(out);
    figure::checkOutputPath(outPath, "--out");
    std::optional<figure::FigureFormat> format = figure::formatFromFileName(outPath);
    if (auto v = opts.value("format")) {
        const figure::FigureFormat given = figure::parseFigureFormat(*v);
        if (format && *format != given)
            throw Error("--format " + *v + " contradicts --out " + quoteInput(out) + " (a ." +
                        figure::figureFormatName(*format) + " file): give one or make them agree");
        format = given;
    }
    if (!format)
        throw Error("cannot tell the format from " + quoteInput(out) + ": give --format png|pdf|svg");
    std::optional<QString> dataPath, sessionPath;
    if (auto v = opts.value("data-out")) {
        dataPath = QString::fromStdString(*v);
        figure::checkDataFileName(*dataPath);
        figure::checkOutputPath(*dataPath, "--data-out");
    }
    if (auto v = opts.value("session-out")) {
        sessionPath = QString::fromStdString(*v);
        figure::checkOutputPath(*sessionPath, "--session-out");
    }

    figure::Session s;
    if (auto path = opts.value("session")) {
        for (const char* name : kSequenceOptions)
            if (opts.has(name))
                throw Error(std::string("--") + name +
                            " cannot be combined with --session (the session fixes it)");
        s = figure::loadSession(QString::fromStdString(*path));
    } else {
        s = sessionFromOptions(opts);
    }
    // The figure's language: --lang, else the session's. It is also the interface language of this
    // run, so that core's words (a worked example's steps) speak it too.
    if (auto v = opts.value("lang")) {
        setLanguage(*v);
        figure::setFigureLanguage(s.style, figure::language().toStdString());
    } else {
        setLanguage(s.style.language);
    }
    // Options override the session; core checks them below, and its messages name the option.
    const auto integer = [&](const char* name) {
        return parseIntOption(name, *opts.value(name), INT_MIN, INT_MAX);
    };
    if (auto v = opts.value("view")) s.view = figure::parseFigureView(*v);
    if (auto v = opts.value("what")) {
        checkName("what", *v, figure::figureMatrixNames());
        s.matrix = *v;
    }
    if (opts.has("head")) s.head = integer("head");
    if (opts.has("range")) s.range = integer("range");
    if (auto v = opts.value("cell")) std::tie(s.cellI, s.cellJ) = parseCell(*v);
    if (auto v = opts.value("compare-scheme")) s.compareScheme = *v;
    if (opts.has("shift")) s.shift = integer("shift");
    if (opts.has("preset") && opts.has("width-mm"))
        throw Error("give either --preset or --width-mm, not both");
    if (auto v = opts.value("preset")) s.style.widthMm = figure::presetWidthMm(*v);
    if (auto v = opts.value("width-mm")) s.style.widthMm = parseRealInRange("width-mm", *v, 10, 1000, " mm");
    if (auto v = opts.value("height-mm")) {
        s.style.heightMm = parseRealOption("height-mm", *v);
        if (s.style.heightMm != 0)
            s.style.heightMm = parseRealInRange("height-mm", *v, 10, 1000, " mm (or 0: automatic)");
    }
    if (auto v = opts.value("dpi")) s.style.dpi = parseIntOption("dpi", *v, 30, 2400);
    if (auto v = opts.value("font-family")) {
        if (v->empty()) throw Error("--font-family needs a family name");
        s.style.fontFamily = *v;
    }
    if (auto v = opts.value("font-size")) s.style.fontSize = parseRealInRange("font-size", *v, 2, 72, " pt");
    if (auto v = opts.value("colormap")) {
        checkName("colormap", *v, figure::colormapNames());
        s.style.colormap = *v;
    }
    if (opts.has("log-scale")) s.style.logScale = true;
    if (auto v = opts.value("title")) s.style.title = *v;
    checkOptionsApply(opts, s);
    validate(figure::figureRequest(s), LabProduct::Views); // the request, in the options' words
    figure::validateSession(s);                            // then the figure's own fields

    const auto app = startQt();
    figure::installLanguage(); // the QApplication is younger than the language
    checkFont(s, opts.has("font-family"));
    Lab lab;
    const figure::FigureContent content = figure::computeFigure(lab, s);
    const figure::RenderedFigure rendered = figure::renderFigure(s, content, *format);
    // All or nothing, the data before the figure: a failure leaves every file as it was.
    std::vector<figure::OutputFile> files;
    if (dataPath) files.push_back({*dataPath, figure::figureData(content, *dataPath)});
    files.push_back({outPath, rendered.bytes});
    if (sessionPath) files.push_back({*sessionPath, figure::sessionToJson(s)});
    figure::writeAllOrNothing(files);
    return {};
}

} // namespace poslab::cli
