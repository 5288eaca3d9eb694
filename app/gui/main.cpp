#include "commandline.h"
#include "driver.h"
#include "explorerstate.h"
#include "lessonspanel.h"
#include "mainwindow.h"
#include "presentationbar.h"
#include "screenshot.h"
#include "sessionfiles.h"

#include <allocator.h>
#include <engine/cpuisa.h>
#include <error.h>
#include <language.h>

#include <QApplication>
#include <QIcon>
#include <QSettings>
#include <QTimer>

#include <cstdio>

using namespace poslab::gui;
namespace figure = poslab::figure;

namespace {

constexpr int kScreenshotTimeoutMs = 120'000;

int fail(const QString& message, int code)
{
    std::fprintf(stderr, "poslab: error: %s\n", qPrintable(message));
    return code;
}

// The window's starting state, then the first request (compare mode only when it is shown); or the
// lesson's set-up; or the opened file's. A screenshot shows the worked example only when it was asked
// for. Returns why the file could not be opened, or an empty string.
QString start(MainWindow& window, const GuiOptions& options)
{
    if (!options.screenshot.isEmpty()) window.setWalkPanelVisible(options.explain);
    if (!options.open.isEmpty()) {
        QString error;
        window.sessionFiles()->open(options.open, &error); // an explain session shows the worked example
        return error;
    }
    if (!options.lesson.isEmpty()) {
        window.setLessonsPanelVisible(true);
        window.lessonsPanel()->openLesson(options.lesson);
        return {};
    }
    if (options.explain) window.setWalkPanelVisible(true);
    if (options.present) {
        window.setPresenting(true);
        if (options.sweep != INT_MIN) window.presentationBar()->setStart(options.sweep);
    }
    ExplorerState* state = window.state();
    if (options.viewGiven || !options.screenshot.isEmpty()) {
        state->setView(options.view);
        window.keepView();
    }
    const poslab::LabRequest& asked = options.request;
    state->setMatrix(QString::fromStdString(asked.matrix));
    state->setHead(asked.head);
    state->setDeltaRange(asked.range);
    state->setCell(asked.cellI, asked.cellJ);
    state->setLogScale(options.logScale);
    state->setColorMap(options.colorMap);
    poslab::LabRequest request = asked;
    request.compare = state->view() == View::Compare;
    window.driver()->request(request);
    return {};
}

// Shows the window offscreen, waits for the first result (or error) and writes the PNG.
int runScreenshot(QApplication& app, MainWindow& window, const GuiOptions& options)
{
    int code = 0;
    QString computeError;
    auto finish = [&] {
        const QString error = saveScreenshot(window, options.size, options.screenshot);
        if (!error.isEmpty())
            code = fail(error, 1);
        else if (!computeError.isEmpty())
            code = fail(computeError, 1); // the PNG shows the error too
        app.exit(code);
    };
    // The whole result: a slow request's first picture (the head shown alone) is not the last.
    QObject::connect(window.driver(), &Driver::resultAvailable, &app, [&](const poslab::LabResult& result) {
        if (!result.request.onlyHead) QTimer::singleShot(0, &app, finish);
    });
    QObject::connect(window.driver(), &Driver::failed, &app, [&](const QString& message) {
        computeError = message;
        QTimer::singleShot(0, &app, finish);
    });
    QTimer::singleShot(kScreenshotTimeoutMs, &app, [&] {
        computeError = QStringLiteral("no result after %1 s").arg(kScreenshotTimeoutMs / 1000);
        finish();
    });

    window.resize(options.size);
    window.show();
    if (const QString error = start(window, options); !error.isEmpty()) return fail(error, 2);
    app.exec();
    return code;
}

// Image readers' warnings (libpng on a tampered figure: "zTXt: CRC error") are dropped: opening
// such a file ends in PosLab's own message, and nothing from a library comes before it.
QtMessageHandler g_qtHandler = nullptr;

void dropImageReaderWarnings(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (context.category && qstrcmp(context.category, "qt.gui.imageio") == 0) return;
    if (g_qtHandler) g_qtHandler(type, context, message);
}

} // namespace

int main(int argc, char** argv)
{
    g_qtHandler = qInstallMessageHandler(dropImageReaderWarnings);
    poslab::retainFreedMemory(); // recomputes reuse pages instead of faulting in fresh ones
    try {
        poslab::applyCpuIsaCap();
    } catch (const poslab::Error& e) {
        return fail(QString::fromUtf8(e.what()), 2);
    }
    QStringList arguments;
    for (int k = 0; k < argc; ++k)
        arguments << QString::fromLocal8Bit(argv[k]);
    const CommandLine command = parseCommandLine(arguments);
    switch (command.action) {
    case CommandLine::Action::Error:
        return fail(command.message, 2);
    case CommandLine::Action::Help:
    case CommandLine::Action::Version:
        std::fputs(qPrintable(command.message + u'\n'), stdout);
        return 0;
    case CommandLine::Action::Run:
        break;
    }
    const GuiOptions& options = command.options;
    if (!options.screenshot.isEmpty() && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen"); // headless: no display needed

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("PosLab"));
    QApplication::setApplicationName(QStringLiteral("poslab"));
    QApplication::setApplicationVersion(QStringLiteral(POSLAB_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.poslab.poslab")); // packaging/
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/poslab.svg")));

    bool chosen = false;
    if (const QString error = applyStartLanguage(options, &chosen); !error.isEmpty()) return fail(error, 2);

    MainWindow window;
    window.setLanguageChosen(chosen);
    if (!options.screenshot.isEmpty()) return runScreenshot(app, window, options);

    window.attachSettings();
    window.show();
    if (const QString error = start(window, options); !error.isEmpty()) return fail(error, 2);
    return app.exec();
}
