#include "guitest.h"

#include <QApplication>
#include <QTest>

#include <vector>

namespace poslab::test {

static std::vector<TestFactory>& registry()
{
    static std::vector<TestFactory> factories;
    return factories;
}

bool registerGuiTest(TestFactory factory)
{
    registry().push_back(std::move(factory));
    return true;
}

} // namespace poslab::test

int main(int argc, char** argv)
{
    // Headless and deterministic: no display, fonts at 96 DPI whatever the machine says.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication::setAttribute(Qt::AA_Use96Dpi);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("PosLabTests")); // never the user's settings

    // "-class TestHeatmap" runs one class; the remaining arguments go to QTest (function names, -v2, ...).
    QStringList args = QCoreApplication::arguments();
    QString only;
    if (const qsizetype k = args.indexOf(QStringLiteral("-class")); k > 0 && k + 1 < args.size()) {
        only = args[k + 1];
        args.remove(k, 2);
    }
    int failures = 0;
    for (const auto& factory : poslab::test::registry()) {
        const std::unique_ptr<QObject> test = factory();
        if (only.isEmpty() || only == QLatin1String(test->metaObject()->className()))
            failures += QTest::qExec(test.get(), args);
    }
    return failures == 0 ? 0 : 1;
}
