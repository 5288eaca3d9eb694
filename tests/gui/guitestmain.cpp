#include "guitest.h"

#include <QApplication>
#include <QByteArrayList>
#include <QDir>
#include <QMetaMethod>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <vector>

namespace poslab::test {

namespace {

struct Registered
{
    const QMetaObject* meta;
    TestFactory make;
};

std::vector<Registered>& registry()
{
    static std::vector<Registered> tests;
    return tests;
}

// QTest's own rule: private slots without arguments, less the fixtures and the *_data tables.
QByteArrayList testFunctions(const QMetaObject* meta)
{
    static const QByteArrayList fixtures{"initTestCase", "cleanupTestCase", "init", "cleanup"};
    QByteArrayList names;
    for (int k = meta->methodOffset(); k < meta->methodCount(); ++k) {
        const QMetaMethod m = meta->method(k);
        if (m.methodType() != QMetaMethod::Slot || m.access() != QMetaMethod::Private ||
            m.parameterCount() != 0)
            continue;
        if (!fixtures.contains(m.name()) && !m.name().endsWith("_data")) names << m.name();
    }
    return names;
}

// Tests run in parallel (ctest -j) and must share nothing but the build: each process gets its own
// settings, data and runtime folders (children such as `poslab --screenshot` inherit them) and works
// in its own directory, so that a stray relative path cannot collide either. Not
// QStandardPaths::setTestModeEnabled: its ~/.qttest would be one folder for every process.
void isolate(const QTemporaryDir& home)
{
    const QDir dir(home.path());
    for (const char* sub : {"config", "data", "state"})
        dir.mkdir(QLatin1String(sub));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(dir.filePath(QStringLiteral("config"))));
    qputenv("XDG_DATA_HOME", QFile::encodeName(dir.filePath(QStringLiteral("data"))));
    qputenv("XDG_STATE_HOME", QFile::encodeName(dir.filePath(QStringLiteral("state"))));
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(home.path())); // Qt wants it 0700, as QTemporaryDir makes it
    QDir::setCurrent(home.path());
}

} // namespace

bool registerGuiTest(const QMetaObject* meta, TestFactory factory)
{
    registry().push_back({meta, std::move(factory)});
    return true;
}

} // namespace poslab::test

int main(int argc, char** argv)
{
    using poslab::test::registry;
    QStringList args;
    for (int k = 0; k < argc; ++k)
        args << QString::fromLocal8Bit(argv[k]);
    if (args.contains(QLatin1String("-list"))) {
        for (const auto& test : registry())
            for (const QByteArray& function : poslab::test::testFunctions(test.meta))
                std::printf("%s.%s\n", test.meta->className(), function.constData());
        return 0;
    }

    const QTemporaryDir home;
    if (!home.isValid()) {
        std::fprintf(stderr, "cannot make a private folder: %s\n", qPrintable(home.errorString()));
        return 1;
    }
    poslab::test::isolate(home);
    // Headless and deterministic: no display, fonts at 96 DPI whatever the machine says.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication::setAttribute(Qt::AA_Use96Dpi);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("PosLabTests")); // never the user's settings

    // "-class TestHeatmap" runs one class; the remaining arguments go to QTest (function names, -v2, ...).
    args = QCoreApplication::arguments();
    QString only;
    if (const qsizetype k = args.indexOf(QStringLiteral("-class")); k > 0 && k + 1 < args.size()) {
        only = args[k + 1];
        args.remove(k, 2);
    }
    int failures = 0, ran = 0;
    for (const auto& test : registry()) {
        if (!only.isEmpty() && only != QLatin1String(test.meta->className())) continue;
        const std::unique_ptr<QObject> object = test.make();
        failures += QTest::qExec(object.get(), args);
        ++ran;
    }
    if (ran == 0) std::fprintf(stderr, "no test class %s\n", qPrintable(only)); // renamed: say so, never pass
    return failures == 0 && ran > 0 ? 0 : 1;
}
