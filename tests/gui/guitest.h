#pragma once

#include <QObject>

#include <functional>
#include <memory>

// One test executable, several QTest classes: each registers itself and the shared main
// (guitestmain.cpp) runs them on the offscreen platform with a fixed 96 DPI. `-list` names every
// test function as Class.function without running anything (ctest's one entry per function,
// guitests.cmake); `-class Class [function...]` runs one class, or some of its functions.
namespace poslab::test {

using TestFactory = std::function<std::unique_ptr<QObject>()>;
bool registerGuiTest(const QMetaObject* meta, TestFactory factory);

} // namespace poslab::test

#define POSLAB_GUI_TEST(Class)                                                                               \
    namespace {                                                                                              \
    const bool Class##Registered =                                                                           \
        poslab::test::registerGuiTest(&Class::staticMetaObject, [] { return std::make_unique<Class>(); });   \
    }
