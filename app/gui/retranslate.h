#pragma once

#include <functional>

class QWidget;

namespace poslab::gui {

// Live language switching (issue 16): Qt sends every widget QEvent::LanguageChange when View ›
// Language installs other translators. Where a text is made beside its widget (the shared combo
// boxes of the heatmap and head views, a label in a row), these keep the tr() call there.
//
// Calls `retranslate` now and again at each LanguageChange `widget` receives.
void retranslateWith(QWidget* widget, std::function<void()> retranslate);
// Calls `changed` at each LanguageChange `widget` receives (not now).
void onLanguageChange(QWidget* widget, std::function<void()> changed);

} // namespace poslab::gui
