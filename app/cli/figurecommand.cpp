// `poslab-cli figure`: a figure for papers (PNG, PDF, SVG) from a session or from the same options
// as compute. Qt is started here only, on the offscreen platform unless QT_QPA_PLATFORM says otherwise.

#include "cliargs.h"
#include "commands.h"
#include "modeloptions.h"

#include "error.h"

#include <figure.h>
#include <session.h>

#include <QApplication>

#include <climits>
#include <memory>
#include <tuple>
#include <utility>

namespace poslab::cli {

namespace {

const std::vector<OptionSpec>& figureOptions()
{
    static const std::vector<OptionSpec> specs = [] {
        std::vector<OptionSpec> v = modelOptionSpecs();
        v.insert(v.end(), {{"session"}, {"start"}, {"view"}, {"what"}, {"head"}, {"range"}, {"cell"},
                           {"compare-scheme"}, {"shift"}, {"format"},
                           {"width-mm"}, {"height-mm"}, {"preset"}, {"dpi"}, {"font-family"}, {"font-size"},
                           {"colormap"}, {"log-scale", false}, {"title"}, {"out"}, {"data-out"},
                           {"session-out"}});
        return v;
    }();
    return specs;
}

const char* const kSequenceOptions[] = {"scheme", "param", "text", "tokenizer", "n", "d-model", "heads",
                                        "causal", "seed", "lambda", "temperature", "start"};

figure::Session sessionFromOptions(const CliArgs& opts)
{
    figure::Session s;
    s.scheme = required(opts, "figure", "scheme");
    s.params = rawParams(opts.values("param"));
    s.model = modelConfig(opts);
    const Sequence seq = sequence(opts, "figure"); // the same checks and messages as compute
    if (auto n = opts.value("n")) {
        s.n = seq.size();
    } else {
        s.text = *opts.value("text");
        s.tokenizer = parseTokenizerMode(opts.value("tokenizer").value_or("word"));
    }
    if (auto v = opts.value("start")) s.start = parseIntOption("start", *v, 0, 1'000'000);
    return s;
}

// "I,J" (query row, key column), both whole numbers >= 0; the session checks them against n.
std::pair<int, int> parseCell(const std::string& text)
{
    const auto comma = text.find(',');
    if (comma == std::string::npos) throw Error("--cell needs I,J (query row, key column), got '" + text + "'");
    return {parseIntOption("cell", text.substr(0, comma), 0, INT_MAX),
            parseIntOption("cell", text.substr(comma + 1), 0, INT_MAX)};
}

// A QApplication for this command only (destroyed before static destruction, which Qt needs);
// none when one exists already. Qt's warnings are dropped: errors are one line, from us.
std::unique_ptr<QApplication> startQt()
{
    if (QCoreApplication::instance()) return nullptr;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext&, const QString&) {});
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
           "                         [--view heatmap|heads|delta-curve|compare|explain]\n"
           "                         [--what probs|logits|bias|delta|bucket|pe] [--head K] [--range R]\n"
           "                         [--cell I,J] [--compare-scheme NAME] [--shift S] [--format png|pdf|svg]\n"
           "                         [--width-mm W [--height-mm H] | --preset one-column|two-column]\n"
           "                         [--dpi D] [--font-family F] [--font-size PT] [--colormap NAME]\n"
           "                         [--log-scale] [--title T] --out FILE [--data-out FILE] [--session-out FILE]\n"
           "\n"
           "Writes a figure for a paper: PDF and SVG keep text and axes as vectors, heatmap cells are\n"
           "rectangles up to 64 per side, beyond an image at --dpi without smoothing; a PNG is\n"
           "round(mm x dpi / 25.4) pixels. Every figure\n"
           "carries its session, so '--session figure.png' (or .pdf, .svg, .poslab) renders it again.\n"
           "\n"
           "Options:\n"
           "  --session FILE         a .poslab session or a figure made by PosLab; view and style\n"
           "                         options below override it, sequence and model options may not\n" +
           modelOptionsHelp() +
           "  --start S              position of the first token (default: 0)\n"
           "  --view V               heatmap (one head), heads (all heads), delta-curve, compare (two\n"
           "                         schemes at positions shifted by S, their difference, and the\n"
           "                         largest change the shift makes), explain (the heatmap with the\n"
           "                         worked example of --cell, its steps and numbers as text)\n"
           "                         (default: heatmap)\n"
           "  --what WHAT            matrix: probs, logits, bias, delta, bucket, pe (default: probs;\n"
           "                         compare and explain: probs, logits or bias)\n"
           "  --head K               head for heatmap, delta-curve, compare and explain (default: 0)\n"
           "  --range R              delta-curve covers Δ in [-R, R] (default: 16)\n"
           "  --cell I,J             the selected cell: query i (row), key j (column); outlined, and\n"
           "                         the cell the explain view walks\n"
           "  --compare-scheme NAME  compare: the second scheme, default parameters (default: sinusoidal)\n"
           "  --shift S              compare: every position offset by S (default: 8)\n"
           "  --format png|pdf|svg   default: from the --out suffix\n"
           "  --preset P             one-column (85 mm wide) or two-column (175 mm wide)\n"
           "  --width-mm W           width in mm (default: 85)\n"
           "  --height-mm H          height in mm (default: square cells / the curve's aspect)\n"
           "  --dpi D                PNG resolution and heatmap raster in PDF/SVG (default: 300)\n"
           "  --font-family F        default: DejaVu Sans\n"
           "  --font-size PT         default: 8\n"
           "  --colormap NAME        viridis|magma|cividis|grayscale (signed data: diverging unless grayscale)\n"
           "  --log-scale            probabilities on a log colour scale\n"
           "  --title T              title ('' for none; default: automatic)\n"
           "  --out FILE             the figure, written atomically\n"
           "  --data-out FILE        the numbers shown, .csv, .npy or .json (as compute writes them)\n"
           "  --session-out FILE     the session, as a .poslab file\n"
           "  -h, --help             show this help\n";
}

std::string runFigure(const std::vector<std::string>& args)
{
    const CliArgs opts = CliArgs::parse("figure", figureOptions(), args);
    if (opts.helpRequested()) return figureUsage();

    const std::string out = required(opts, "figure", "out");
    if (out.empty()) throw Error("--out needs a file name");
    figure::Session s;
    if (auto path = opts.value("session")) {
        for (const char* name : kSequenceOptions)
            if (opts.has(name))
                throw Error(std::string("--") + name + " cannot be combined with --session (the session fixes it)");
        s = figure::loadSession(QString::fromStdString(*path));
    } else {
        s = sessionFromOptions(opts);
    }
    if (auto v = opts.value("view")) s.view = figure::parseFigureView(*v);
    if (auto v = opts.value("what")) s.matrix = *v;
    if (auto v = opts.value("head")) s.head = parseIntOption("head", *v, INT_MIN, INT_MAX);
    if (auto v = opts.value("range")) s.range = parseIntOption("range", *v, INT_MIN, INT_MAX);
    if (auto v = opts.value("cell")) std::tie(s.cellI, s.cellJ) = parseCell(*v);
    if (auto v = opts.value("compare-scheme")) s.compareScheme = *v;
    if (auto v = opts.value("shift")) s.shift = parseIntOption("shift", *v, INT_MIN, INT_MAX);
    if (opts.has("preset") && opts.has("width-mm")) throw Error("give either --preset or --width-mm, not both");
    if (auto v = opts.value("preset")) s.style.widthMm = figure::presetWidthMm(*v);
    if (auto v = opts.value("width-mm")) s.style.widthMm = parseRealOption("width-mm", *v);
    if (auto v = opts.value("height-mm")) s.style.heightMm = parseRealOption("height-mm", *v);
    if (auto v = opts.value("dpi")) s.style.dpi = parseIntOption("dpi", *v, INT_MIN, INT_MAX);
    if (auto v = opts.value("font-family")) s.style.fontFamily = *v;
    if (auto v = opts.value("font-size")) s.style.fontSize = parseRealOption("font-size", *v);
    if (auto v = opts.value("colormap")) s.style.colormap = *v;
    if (opts.has("log-scale")) s.style.logScale = true;
    if (auto v = opts.value("title")) s.style.title = *v;
    figure::validateSession(s);

    const QString outPath = QString::fromStdString(out);
    std::optional<figure::FigureFormat> format = figure::formatFromFileName(outPath);
    if (auto v = opts.value("format")) format = figure::parseFigureFormat(*v);
    if (!format) throw Error("cannot tell the format from '" + out + "': give --format png|pdf|svg");

    const figure::FigureContent content = figure::computeFigure(s);
    const auto app = startQt();
    const figure::RenderedFigure rendered = figure::renderFigure(s, content, *format);
    figure::writeBytesAtomically(outPath, rendered.bytes);
    if (auto v = opts.value("data-out")) figure::writeFigureData(content, QString::fromStdString(*v));
    if (auto v = opts.value("session-out")) figure::saveSession(s, QString::fromStdString(*v));
    return {};
}

} // namespace poslab::cli
