#pragma once

#include "model.h"

#include <QString>

#include <map>
#include <string>
#include <vector>

namespace poslab::gui {

// What a lesson sets up, as plain values (resources/lessons/lessons.json, "session").
struct SessionSetup
{
    QString text; // the tokens of this text, or, when empty, n bare positions
    int n = 0;
    QString tokenizer = QStringLiteral("word"); // "word" | "char", for text
    QString scheme;
    std::map<std::string, std::string> params; // poslab::RawParams, validated by makeScheme
    ModelConfig model;
    QString view; // "heatmap", "heads", "delta-curve", "compare", "context", "explain"
    QString what =
        QStringLiteral("probs"); // the matrix: "probs", "logits", "bias", "delta", "bucket", a term
    int head = 0;
    int range = 0;              // Δ-curve range R; 0: the view's default
    int cellI = -1, cellJ = -1; // the selected cell (query i, key j); −1: none
    QString walk;               // "seed-article", or empty: the walk of the selected cell
    bool hasText() const { return !text.isEmpty(); }
};

struct Lesson
{
    QString id, title, text;
    SessionSetup setup;
};

inline constexpr int kLessonsVersion = 1; // the newest "version" this build reads

// Parses a lessons file. Throws poslab::Error with one line naming the file and, where it applies,
// the lesson and key: not JSON, a "format" other than "poslab-lessons", a newer "version", a missing
// or mistyped field.
std::vector<Lesson> parseLessons(const QByteArray& json, const QString& source);
std::vector<Lesson> loadLessons(const QString& path); // reads the file (a ":/" resource too), then parses
std::vector<Lesson> builtinLessons();                 // ":/lessons/lessons.json", built into the binary

// A lesson's words in another language (issue 16): resources/lessons/lessons.<code>.json holds
// {"format": "poslab-lesson-texts", "version": 1, "language": code, "lessons": [{"id", "title", "text"}]}.
// Only words: a set-up ("session") or any other member is an error, so set-ups live in lessons.json
// alone. Errors as parseLessons' (one line naming the file, the lesson and the key).
struct LessonText
{
    QString id, title, text;
};
std::vector<LessonText> parseLessonTexts(const QByteArray& json, const QString& source,
                                         const QString& language);
QString builtinLessonTextsPath(const QString& language); // ":/lessons/lessons.<code>.json"
// Replaces the title and text of each lesson `texts` names; a lesson it lacks keeps its English words.
// An id that `lessons` lacks is an error naming `source`.
void applyLessonTexts(std::vector<Lesson>& lessons, const std::vector<LessonText>& texts,
                      const QString& source);
// The built-in lessons in `language` (figure::language()'s codes): English for "en" and for a language
// without a file; otherwise the file's words over the English set-ups.
std::vector<Lesson> builtinLessons(const QString& language);

} // namespace poslab::gui
