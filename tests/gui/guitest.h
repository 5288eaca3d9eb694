#pragma once

#include <QObject>

#include <functional>
#include <memory>

// One test executable, several QTest classes: each registers itself and the shared main
// (guitestmain.cpp) runs them all on the offscreen platform with a fixed 96 DPI.
namespace poslab::test {

using TestFactory = std::function<std::unique_ptr<QObject>()>;
bool registerGuiTest(TestFactory factory);

} // namespace poslab::test

#define POSLAB_GUI_TEST(Class)                                                                               \
    namespace {                                                                                              \
    const bool Class##Registered = poslab::test::registerGuiTest([] { return std::make_unique<Class>(); });  \
    }
