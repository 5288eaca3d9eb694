#include "commandline.h"

#include "lessons.h"
#include "quotedvalue.h"

#include <language.h>

#include <QSettings>

#include <engine/terms.h>
#include <scheme.h>

#include <QCommandLineParser>
#include <QRegularExpression>

#include <algorithm>
#include <climits>
#include <exception>
#include <map>

namespace poslab::gui {

namespace {

CommandLine error(const QString& message)
{
    CommandLine result;
    result.action = CommandLine::Action::Error;
    result.message = message;
    return result;
}

QString defaultScheme()
{
    const auto names = schemeNames();
    for (const char* preferred : {"alibi", "rope"}) {
        if (std::find(names.begin(), names.end(), preferred) != names.end())
            return QString::fromLatin1(preferred);
    }
    return names.empty() ? QStringLiteral("alibi") : QString::fromStdString(names.front());
}

// An integer option, at least `lo`; false with a one-line message otherwise (core checks the rest).
bool intOption(const QCommandLineParser& parser, const QCommandLineOption& option, int lo, int* out,
               QString* message)
{
    if (!parser.isSet(option)) return true;
    bool ok = false;
    const QString text = parser.value(option);
    const int v = text.toInt(&ok);
    if (!ok || v < lo) {
        *message = lo == INT_MIN ? QStringLiteral("--%1 must be an integer, got %2")
                                       .arg(option.names().constLast(), quotedValue(text))
                                 : QStringLiteral("--%1 must be an integer of at least %2, got %3")
                                       .arg(option.names().constLast())
                                       .arg(lo)
                                       .arg(quotedValue(text));
        return false;
    }
    *out = v;
    return true;
}

// A core field error in the words of this command line.
QString commandLineMessage(const FieldError& e)
{
    // clang-format off
    static const std::map<std::string, const char*> flags = {
        {"positions", "--positions"}, {"text", "--text"},     {"tokenizer", "--tokenizer"},
        {"scheme", "--scheme"},       {"params", "--param"},  {"d_model", "--d-model"},
        {"heads", "--heads"},         {"head", "--head"},     {"causal", "--causal"},
        {"seed", "--seed"},           {"matrix", "--matrix"}, {"range", "--range"},
        {"cell.i", "--select"},       {"cell.j", "--select"}, {"compare.scheme", "--compare"},
        {"compare.shift", "--shift"}, {"positions_only", "--positions-only"}};
    // clang-format on
    const auto flag = [](const std::string& field) {
        const auto it = flags.find(field);
        return it != flags.end() ? std::string(it->second) : coreFieldName(field);
    };
    return QString::fromStdString(e.renderRange(flag));
}

// The request as core validates it (the selected cell against the sequence, the head against the
// model, ...), then --matrix against the scheme, as the matrix box offers them: probs, logits, bias,
// delta, bucket for schemes with buckets, the scheme's score terms.
QString checkRequest(const LabRequest& request)
{
    const std::string& matrix = request.matrix;
    try {
        LabRequest check = request;
        check.pool.fallback = true; // the explorer streams what is too long for n × n
        validate(check, LabProduct::Views);
        if (matrix == "probs" || matrix == "logits" || matrix == "bias" || matrix == "delta") return {};
        const auto scheme = makeScheme(request.scheme, request.params, request.effectiveModel());
        if (matrix == "bucket") {
            scheme->bucket(0, 0); // throws the scheme's own "has no buckets" message
            return {};
        }
        if (matrix == "positions" && scheme->countsPositions()) return {};
        const std::vector<std::string> terms = oracleTermNames(*scheme);
        if (std::find(terms.begin(), terms.end(), matrix) != terms.end()) return {};
        QStringList names{QStringLiteral("probs"), QStringLiteral("logits"), QStringLiteral("bias"),
                          QStringLiteral("delta")};
        if (scheme->hasBucket()) names << QStringLiteral("bucket");
        if (scheme->countsPositions()) names << QStringLiteral("positions");
        for (const auto& t : terms)
            names << QString::fromStdString(t);
        return QStringLiteral("--matrix must be one of %1 for %2, got %3")
            .arg(names.join(QStringLiteral(", ")), QString::fromStdString(request.scheme),
                 quotedValue(QString::fromStdString(matrix)));
    } catch (const FieldError& e) {
        return commandLineMessage(e);
    } catch (const std::exception& e) {
        const QString what = QString::fromUtf8(e.what());
        return matrix == "bucket" ? QStringLiteral("--matrix bucket: %1").arg(what) : what;
    }
}

} // namespace

CommandLine parseCommandLine(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("PosLab: positional encodings in attention, on screen."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QString scheme = defaultScheme();
    const QCommandLineOption text({QStringLiteral("t"), QStringLiteral("text")},
                                  QStringLiteral("The sequence."), QStringLiteral("TEXT"));
    const QCommandLineOption example(
        QStringLiteral("example"), QStringLiteral("The built-in example: \"%1\", positions only (λ = 0; the "
                                                  "default without --text)")
                                       .arg(kExampleText));
    const QCommandLineOption positions(QStringLiteral("positions"),
                                       QStringLiteral("N bare positions (no content) instead of text; "
                                                      "long sequences are streamed and pooled."),
                                       QStringLiteral("N"));
    const QCommandLineOption tokenizer(QStringLiteral("tokenizer"), QStringLiteral("word (default) or char."),
                                       QStringLiteral("MODE"), QStringLiteral("word"));
    const QCommandLineOption schemeOption(QStringLiteral("scheme"),
                                          QStringLiteral("Positional scheme (default %1).").arg(scheme),
                                          QStringLiteral("NAME"), scheme);
    const QCommandLineOption matrix(
        QStringLiteral("matrix"),
        QStringLiteral("probs (default), logits, bias, delta, bucket (schemes with buckets) or one "
                       "of the scheme's score terms; checked against the scheme."),
        QStringLiteral("NAME"), QStringLiteral("probs"));
    const QCommandLineOption view(QStringLiteral("view"),
                                  QStringLiteral("heatmap (default), heads, delta-curve, compare, "
                                                 "encoding (the absolute encoding itself), context (rope "
                                                 "trained at L0, run at n) or explain (the heatmap and the "
                                                 "selected cell's worked example)."),
                                  QStringLiteral("VIEW"), QStringLiteral("heatmap"));
    const QCommandLineOption head(QStringLiteral("head"), QStringLiteral("Head shown (default 0)."),
                                  QStringLiteral("K"), QStringLiteral("0"));
    const QCommandLineOption heads(QStringLiteral("heads"), QStringLiteral("Number of heads (default 4)."),
                                   QStringLiteral("H"));
    const QCommandLineOption dModel(QStringLiteral("d-model"), QStringLiteral("Model width (default 64)."),
                                    QStringLiteral("D"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Seed (default 0)."),
                                  QStringLiteral("S"));
    const QCommandLineOption causal(QStringLiteral("causal"), QStringLiteral("Decoder (causal) mask."));
    const QCommandLineOption positionsOnly(QStringLiteral("positions-only"),
                                           QStringLiteral("No content: λ = 0."));
    const QCommandLineOption compare(
        QStringLiteral("compare"), QStringLiteral("Second scheme of the compare view (default sinusoidal)."),
        QStringLiteral("NAME"), QStringLiteral("sinusoidal"));
    const QCommandLineOption shift(QStringLiteral("shift"),
                                   QStringLiteral("Position shift s of the compare view (default 8)."),
                                   QStringLiteral("S"), QStringLiteral("8"));
    const QCommandLineOption select(QStringLiteral("select"),
                                    QStringLiteral("Selected cell, e.g. 3,1 (query i, key j)."),
                                    QStringLiteral("I,J"));
    const QCommandLineOption param(QStringLiteral("param"),
                                   QStringLiteral("Scheme parameter (repeatable), checked when computed."),
                                   QStringLiteral("KEY=VALUE"));
    const QCommandLineOption logScale(QStringLiteral("log-scale"),
                                      QStringLiteral("Logarithmic colour scale."));
    const QCommandLineOption colorMap(QStringLiteral("colormap"),
                                      QStringLiteral("viridis (default), magma or cividis."),
                                      QStringLiteral("MAP"), QStringLiteral("viridis"));
    const QCommandLineOption range(
        QStringLiteral("range"),
        QStringLiteral("Δ range of the Δ-curve view, 1 to %1 (default 32).").arg(kMaxShownRange),
        QStringLiteral("R"), QStringLiteral("32"));
    const QCommandLineOption lesson(QStringLiteral("lesson"),
                                    QStringLiteral("Open a built-in lesson (Help > Lessons), e.g. rope."),
                                    QStringLiteral("ID"));
    const QCommandLineOption open(QStringLiteral("open"),
                                  QStringLiteral("Open a session (.poslab) or a figure PosLab exported "
                                                 "(.png, .pdf, .svg): exactly its view."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Render the window offscreen to a PNG (.png) and "
                                                       "exit."),
                                        QStringLiteral("FILE.png"));
    const QCommandLineOption size(QStringLiteral("size"),
                                  QStringLiteral("Window size for --screenshot, at least %1x%2 (default "
                                                 "1400x900).")
                                      .arg(kMinScreenshotSize.width())
                                      .arg(kMinScreenshotSize.height()),
                                  QStringLiteral("WxH"), QStringLiteral("1400x900"));
    const QCommandLineOption present(QStringLiteral("present"),
                                     QStringLiteral("Presentation mode: full screen, the view alone in large "
                                                    "type, a \u0394 slider (F11 or Esc leaves)."));
    const QCommandLineOption sweep(QStringLiteral("sweep"),
                                   QStringLiteral("With --present: the \u0394 slider at D (the shift s in "
                                                  "the compare view)."),
                                   QStringLiteral("D"));
    const QCommandLineOption lang(
        QStringLiteral("lang"),
        QStringLiteral("Interface language: en or zh_CN (default: View › Language's "
                       "choice, else the system locale's)."),
        QStringLiteral("CODE"));
    parser.addOptions({text,    example, positions, tokenizer, schemeOption, param,    matrix,
                       view,    head,    heads,     dModel,    seed,         causal,   positionsOnly,
                       compare, shift,   range,     select,    logScale,     colorMap, screenshot,
                       size,    lesson,  open,      present,   sweep,        lang});

    if (!parser.parse(arguments)) return error(parser.errorText());
    if (parser.isSet(helpOption))
        return {CommandLine::Action::Help,
                {},
                parser.helpText().replace(QStringLiteral("<executable_name>"), QStringLiteral("poslab"))};
    if (parser.isSet(versionOption))
        return {CommandLine::Action::Version, {}, QStringLiteral("poslab %1").arg(POSLAB_VERSION)};
    if (!parser.positionalArguments().isEmpty())
        return error(QStringLiteral("unexpected argument %1")
                         .arg(quotedValue(parser.positionalArguments().constFirst())));
    if (parser.isSet(text) && parser.isSet(example))
        return error(QStringLiteral("--text and --example exclude each other"));
    if (parser.isSet(positions) && (parser.isSet(text) || parser.isSet(example)))
        return error(
            QStringLiteral("--positions excludes --%1").arg(parser.isSet(text) ? "text" : "example"));
    if (parser.isSet(open)) {
        // The file says everything the view depends on; these would silently lose to it.
        for (const QCommandLineOption* other :
             {&text,    &example, &positions, &tokenizer, &schemeOption, &param,    &matrix,
              &view,    &head,    &heads,     &dModel,    &seed,         &causal,   &positionsOnly,
              &compare, &shift,   &range,     &select,    &logScale,     &colorMap, &lesson}) {
            if (parser.isSet(*other))
                return error(QStringLiteral("--open takes the whole view from the file; it excludes --%1")
                                 .arg(other->names().constLast()));
        }
        if (parser.value(open).isEmpty()) return error(QStringLiteral("--open needs a file name"));
    }

    CommandLine result;
    GuiOptions& options = result.options;
    LabRequest& request = options.request;
    request.text = parser.isSet(text)        ? parser.value(text).toStdString()
                   : parser.isSet(positions) ? std::string()
                                             : std::string(kExampleText);
    request.scheme = parser.value(schemeOption).toStdString();
    request.model.causal = parser.isSet(causal);
    // The first picture teaches position: the built-in example starts with positions only (λ = 0),
    // so that what the map shows is the scheme's pattern, not the seeded model's random content.
    request.positionsOnly = parser.isSet(positionsOnly) || (!parser.isSet(text) && !parser.isSet(positions));
    request.compareScheme = parser.value(compare).toStdString();
    try {
        request.tokenizer = parseTokenizerMode(parser.value(tokenizer).toStdString());
        describeScheme(request.scheme); // throws for unknown names
        describeScheme(request.compareScheme);
    } catch (const std::exception& e) {
        return error(QString::fromUtf8(e.what()));
    }
    options.explain = parser.value(view) == QLatin1String("explain");
    if (!options.explain && !parseView(parser.value(view), &options.view))
        return error(
            QStringLiteral("--view must be one of heatmap, heads, delta-curve, compare, encoding, context, "
                           "explain, got %1")
                .arg(quotedValue(parser.value(view))));
    options.viewGiven = parser.isSet(view);
    request.compare = options.view == View::Compare;
    request.matrix = parser.value(matrix).toStdString();
    request.range = 32;
    QString message;
    int seedValue = 0;
    // Integers here; their ranges are core's (checkRequest). Bare positions and the Δ range start at 1.
    if (!intOption(parser, heads, INT_MIN, &request.model.heads, &message) ||
        !intOption(parser, dModel, INT_MIN, &request.model.dModel, &message) ||
        !intOption(parser, seed, 0, &seedValue, &message) ||
        !intOption(parser, head, INT_MIN, &request.head, &message) ||
        !intOption(parser, shift, INT_MIN, &request.shift, &message) ||
        !intOption(parser, positions, 1, &request.positions, &message) ||
        !intOption(parser, range, 1, &request.range, &message))
        return error(message);
    request.model.seed = static_cast<std::uint64_t>(seedValue);
    options.logScale = parser.isSet(logScale);
    options.present = parser.isSet(present);
    if (parser.isSet(lang)) {
        options.language = poslab::figure::languageCode(parser.value(lang));
        if (options.language.isEmpty())
            return error(
                QStringLiteral("--lang must be en or zh_CN, got %1").arg(quotedValue(parser.value(lang))));
    }
    if (parser.isSet(sweep) && !options.present) return error(QStringLiteral("--sweep needs --present"));
    if (parser.isSet(sweep) && !intOption(parser, sweep, INT_MIN + 1, &options.sweep, &message))
        return error(message);
    for (const QString& kv : parser.values(param)) {
        const qsizetype eq = kv.indexOf(u'=');
        if (eq <= 0)
            return error(QStringLiteral("--param must look like KEY=VALUE, got %1").arg(quotedValue(kv)));
        request.params[kv.left(eq).toStdString()] = kv.mid(eq + 1).toStdString();
    }
    if (parser.isSet(select)) {
        const auto cell = QRegularExpression(QStringLiteral("^(\\d+),(\\d+)$")).match(parser.value(select));
        if (!cell.hasMatch())
            return error(
                QStringLiteral("--select must look like 3,1, got %1").arg(quotedValue(parser.value(select))));
        request.cellI = cell.captured(1).toInt();
        request.cellJ = cell.captured(2).toInt();
    }
    bool knownMap = false;
    for (auto map : {widgets::ColorMap::Viridis, widgets::ColorMap::Magma, widgets::ColorMap::Cividis}) {
        if (widgets::colorMapName(map) == parser.value(colorMap)) {
            options.colorMap = map;
            knownMap = true;
        }
    }
    if (!knownMap)
        return error(QStringLiteral("--colormap must be one of viridis, magma, cividis, got %1")
                         .arg(quotedValue(parser.value(colorMap))));

    const auto match =
        QRegularExpression(QStringLiteral("^(\\d{1,5})x(\\d{1,5})$")).match(parser.value(size));
    if (!match.hasMatch())
        return error(
            QStringLiteral("--size must look like 1200x800, got %1").arg(quotedValue(parser.value(size))));
    options.size = QSize(match.captured(1).toInt(), match.captured(2).toInt());
    if (options.size.width() < kMinScreenshotSize.width() ||
        options.size.height() < kMinScreenshotSize.height())
        return error(
            QStringLiteral("--size must be at least %1x%2 (the window's panels need the room), got %3")
                .arg(kMinScreenshotSize.width())
                .arg(kMinScreenshotSize.height())
                .arg(quotedValue(parser.value(size))));
    if (parser.isSet(lesson)) {
        options.lesson = parser.value(lesson);
        QStringList ids;
        try {
            for (const Lesson& l : builtinLessons())
                ids << l.id;
        } catch (const std::exception& e) {
            return error(QString::fromUtf8(e.what()));
        }
        if (!ids.contains(options.lesson))
            return error(QStringLiteral("--lesson must be one of %1, got %2")
                             .arg(ids.join(QStringLiteral(", ")), quotedValue(options.lesson)));
    }
    options.open = parser.value(open);
    options.screenshot = parser.value(screenshot);
    if (parser.isSet(screenshot) && options.screenshot.isEmpty())
        return error(QStringLiteral("--screenshot needs a file name"));
    if (!options.screenshot.isEmpty() &&
        !options.screenshot.endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
        return error(QStringLiteral("--screenshot writes PNG only: the file name must end in .png, got %1")
                         .arg(quotedValue(options.screenshot)));
    // A lesson or a file brings its own sequence, scheme and view; otherwise they are checked here,
    // where one line can say what is wrong.
    if (options.lesson.isEmpty() && options.open.isEmpty()) {
        if (const QString m = checkRequest(request); !m.isEmpty()) return error(m);
    }
    return result;
}

// The language: --lang, else View › Language's choice (not for screenshots, which show only what
// their command line asks), else the system locale's.
QString applyStartLanguage(const GuiOptions& options, bool* chosen)
{
    QString language = options.language;
    if (language.isEmpty() && options.screenshot.isEmpty())
        language = figure::languageCode(QSettings().value(QStringLiteral("language")).toString());
    if (chosen) *chosen = !language.isEmpty();
    if (language.isEmpty()) language = figure::systemLanguage();
    QString error;
    if (!figure::setLanguage(language, &error))
        return error.isEmpty() ? QStringLiteral("cannot set the language") : error;
    return {};
}

} // namespace poslab::gui
