#pragma once

#include <QList>
#include <QString>

#include <string>

// The interface language (issue 16), shared by the app and poslab-cli. Each language is a set of
// .qm files compiled from resources/translations/*.ts at build time and embedded under
// ":/i18n/": poslab_core (worked examples, lessons' chrome words, scheme descriptions: core's
// trCore), poslab_widgets, poslab_figure and poslab_gui, plus Qt's own (qtbase) when the system has
// it. English is the source language: it needs no file.
namespace poslab::figure {

struct Language
{
    QString code;   // "en", "zh_CN"
    QString native; // its own name, for the menu: "English", "简体中文"
};
const QList<Language>& languages();

// A locale or language name as people type it ("zh_CN", "zh-CN", "zh", "zh_CN.UTF-8", "en_US",
// "C") as one of languages()' codes; an empty string when PosLab does not speak it.
QString languageCode(const QString& name);
// The system locale's language (QLocale::system(): Chinese in Simplified script → zh_CN), else en.
QString systemLanguage();

// Makes `code` (one of languages()') the interface language: installs its translators in the
// QCoreApplication when there is one (Qt then sends every widget a LanguageChange event) and routes
// core's trCore through them. Switching back and forth is cheap: each language's files are loaded
// once and kept. Returns false and sets `error` (one line) when a file cannot be loaded.
bool setLanguage(const QString& code, QString* error = nullptr);
QString language(); // the code set last ("en" before any call)

// Installs the current language's translators into a QCoreApplication made after setLanguage
// (poslab-cli figure makes its QApplication late).
void installLanguage();

// `source` as `code`'s catalogues translate it, whatever the interface language is: a figure speaks
// its session's language (figure::Words). The source itself for en, an unknown code or a missing entry.
QString translateIn(const QString& code, const char* context, const char* source,
                    const char* disambiguation = nullptr);

// A scheme's title (SchemeInfo::title, marked in core with POSLAB_TR_NOOP("Scheme", …)) and its kind
// (schemeKindName / schemeKindLabel: "absolute", "relative", …) in `code`'s words; the explorer
// passes language().
QString schemeTitleIn(const QString& code, const std::string& title);
QString schemeKindIn(const QString& code, const std::string& kind);
// A scheme's notes (SchemeInfo::notes), a parameter's help (ParamSpec::doc) and a score term's name
// (ScoreTerm::name: "content-content", "(b) content-position", …), marked in core with
// POSLAB_TR_NOOP("SchemeNotes" / "SchemeParam" / "ScoreTerm", …) and kept English there: they are data
// too (schemes --format json, compute --matrix, session files). The formula and the paper stay as
// they are.
QString schemeNotesIn(const QString& code, const std::string& notes);
QString paramDocIn(const QString& code, const std::string& doc);
QString scoreTermIn(const QString& code, const std::string& term);

} // namespace poslab::figure
