#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

// Core's words in the interface language (issue 16). Core has no Qt: it marks each user-visible
// sentence with trCore(context, source) or POSLAB_TR_NOOP(context, source), and Qt's lupdate finds
// them (resources/translations/CMakeLists.txt passes -tr-function-alias translate+=trCore,
// QT_TRANSLATE_NOOP+=POSLAB_TR_NOOP). A front end with Qt installs a translator that looks the
// source up in the .qm files (app/figure/language.cpp); without one, trCore returns the English
// source. Numbers, formulas and symbols are never translated: they go in through %1 … %9 (fill).
//
//   Step s{trCore("Walk", "Offset"), "Δ = j − i", fill(trCore("Walk", "The offset is %1."),
//   {std::to_string(d)})};
#define POSLAB_TR_NOOP(context, source) source

namespace poslab {

// Returns the translation of `source` in `context` (and `disambiguation`, lupdate's comment), or an
// empty string when there is none. A front end installs it once, before core computes; switching
// the language later swaps what it looks up, not the function.
using CoreTranslator = std::string (*)(const char* context, const char* source, const char* disambiguation);
void setCoreTranslator(CoreTranslator translator);

// `source` in the interface language (the source itself when no translator is installed or the
// translator has none). `context` groups messages for translators ("Walk", "SeedWalk", "Scheme").
std::string trCore(const char* context, const char* source, const char* disambiguation = nullptr);

// `pattern` with %1 … %9 replaced by args[0] … args[8] (each %k once or more; "%%" is one '%').
// Translations may reorder the placeholders, so every sentence with numbers is one pattern.
std::string fill(std::string_view pattern, std::initializer_list<std::string_view> args);

} // namespace poslab
