#include "commandline.h"

#include <scheme.h>

#include <QCommandLineParser>
#include <QRegularExpression>

#include <algorithm>
#include <exception>

namespace poslab::gui {

namespace {

const What kShown[] = {What::Probs, What::Logits, What::Bias, What::Delta, What::Bucket};

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
    const QCommandLineOption example(QStringLiteral("example"),
                                     QStringLiteral("The built-in example: \"%1\"").arg(kExampleText));
    const QCommandLineOption tokenizer(QStringLiteral("tokenizer"), QStringLiteral("word (default) or char."),
                                       QStringLiteral("MODE"), QStringLiteral("word"));
    const QCommandLineOption schemeOption(QStringLiteral("scheme"),
                                          QStringLiteral("Positional scheme (default %1).").arg(scheme),
                                          QStringLiteral("NAME"), scheme);
    const QCommandLineOption what(QStringLiteral("what"),
                                  QStringLiteral("probs (default), logits, bias, delta or bucket."),
                                  QStringLiteral("WHAT"), QStringLiteral("probs"));
    const QCommandLineOption head(QStringLiteral("head"), QStringLiteral("Head index (default 0)."),
                                  QStringLiteral("K"), QStringLiteral("0"));
    const QCommandLineOption causal(QStringLiteral("causal"), QStringLiteral("Decoder (causal) mask."));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Render the window offscreen to a PNG and exit."),
                                        QStringLiteral("FILE.png"));
    const QCommandLineOption size(QStringLiteral("size"),
                                  QStringLiteral("Window size for --screenshot (default 1200x800)."),
                                  QStringLiteral("WxH"), QStringLiteral("1200x800"));
    parser.addOptions({text, example, tokenizer, schemeOption, what, head, causal, screenshot, size});

    if (!parser.parse(arguments)) return error(parser.errorText());
    if (parser.isSet(helpOption))
        return {CommandLine::Action::Help,
                {},
                parser.helpText().replace(QStringLiteral("<executable_name>"), QStringLiteral("poslab"))};
    if (parser.isSet(versionOption))
        return {CommandLine::Action::Version, {}, QStringLiteral("poslab %1").arg(POSLAB_VERSION)};
    if (!parser.positionalArguments().isEmpty())
        return error(
            QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().constFirst()));
    if (parser.isSet(text) && parser.isSet(example))
        return error(QStringLiteral("--text and --example exclude each other"));

    CommandLine result;
    GuiOptions& options = result.options;
    LabRequest& request = options.request;
    request.text = parser.isSet(text) ? parser.value(text).toStdString() : std::string(kExampleText);
    request.scheme = parser.value(schemeOption).toStdString();
    request.model.causal = parser.isSet(causal);
    try {
        request.tokenizer = parseTokenizerMode(parser.value(tokenizer).toStdString());
        describeScheme(request.scheme); // throws for unknown names
        request.compute.what = parseWhat(parser.value(what).toStdString());
    } catch (const std::exception& e) {
        return error(QString::fromUtf8(e.what()));
    }
    if (std::find(std::begin(kShown), std::end(kShown), request.compute.what) == std::end(kShown))
        return error(QStringLiteral("--what must be one of probs, logits, bias, delta, bucket"));

    bool ok = false;
    request.compute.head = parser.value(head).toInt(&ok);
    if (!ok || request.compute.head < 0 || request.compute.head >= request.model.heads)
        return error(QStringLiteral("--head must be an integer in [0, %1], got '%2'")
                         .arg(request.model.heads - 1)
                         .arg(parser.value(head)));

    const auto match =
        QRegularExpression(QStringLiteral("^(\\d{2,5})x(\\d{2,5})$")).match(parser.value(size));
    if (!match.hasMatch())
        return error(QStringLiteral("--size must look like 1200x800, got '%1'").arg(parser.value(size)));
    options.size = QSize(match.captured(1).toInt(), match.captured(2).toInt());
    options.screenshot = parser.value(screenshot);
    if (parser.isSet(screenshot) && options.screenshot.isEmpty())
        return error(QStringLiteral("--screenshot needs a file name"));
    return result;
}

} // namespace poslab::gui
