// The lessons file: resources/lessons/lessons.json, built in as ":/lessons/lessons.json"; the words of
// other languages beside it (lessons.zh_CN.json), over the same set-ups.

#include "lessons.h"

#include "error.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <set>

namespace poslab::gui {

namespace {

// Reads one JSON object; every failure names the file, the place and the key on one line.
class Fields
{
  public:
    Fields(QJsonObject object, QString where) : m_object(std::move(object)), m_where(std::move(where)) {}

    bool has(const char* key) const { return m_object.contains(QLatin1String(key)); }
    QJsonValue value(const char* key) const
    {
        if (!has(key)) fail(key, QStringLiteral("is missing"));
        return m_object.value(QLatin1String(key));
    }
    QString string(const char* key) const
    {
        const QJsonValue v = value(key);
        if (!v.isString()) fail(key, QStringLiteral("must be a string"));
        return v.toString();
    }
    double number(const char* key) const
    {
        const QJsonValue v = value(key);
        if (!v.isDouble()) fail(key, QStringLiteral("must be a number"));
        return v.toDouble();
    }
    long long integer(const char* key, double min, double max) const
    {
        return whole(value(key), key, min, max);
    }
    bool boolean(const char* key) const
    {
        const QJsonValue v = value(key);
        if (!v.isBool()) fail(key, QStringLiteral("must be true or false"));
        return v.toBool();
    }
    Fields object(const char* key) const
    {
        const QJsonValue v = value(key);
        if (!v.isObject()) fail(key, QStringLiteral("must be an object"));
        return {v.toObject(), m_where + QLatin1Char('.') + QLatin1String(key)};
    }
    long long whole(const QJsonValue& v, const char* key, double min, double max) const
    {
        const double d = v.toDouble(std::nan(""));
        if (!v.isDouble() || d != std::floor(d) || d < min || d > max)
            fail(key, QStringLiteral("must be a whole number in [%1, %2]")
                          .arg(min, 0, 'g', 16)
                          .arg(max, 0, 'g', 16));
        return static_cast<long long>(d);
    }
    [[noreturn]] void fail(const char* key, const QString& what) const
    {
        throw Error(QStringLiteral("%1: \"%2\" %3").arg(m_where, QLatin1String(key), what).toStdString());
    }
    const QJsonObject& json() const { return m_object; }

  private:
    QJsonObject m_object;
    QString m_where;
};

ModelConfig parseModel(const Fields& f)
{
    ModelConfig m;
    if (f.has("d_model")) m.dModel = static_cast<int>(f.integer("d_model", 1, 1 << 20));
    if (f.has("heads")) m.heads = static_cast<int>(f.integer("heads", 1, 1 << 20));
    if (f.has("causal")) m.causal = f.boolean("causal");
    if (f.has("seed")) m.seed = static_cast<std::uint64_t>(f.integer("seed", 0, 9007199254740992.0));
    if (f.has("lambda")) m.lambda = f.number("lambda");
    if (f.has("temperature")) m.temperature = f.number("temperature");
    return m;
}

// Parameter values are text as typed ("10000"); plain numbers and booleans are accepted and converted.
std::map<std::string, std::string> parseParams(const Fields& f)
{
    std::map<std::string, std::string> params;
    for (auto it = f.json().begin(); it != f.json().end(); ++it) {
        const QJsonValue v = it.value();
        QString text;
        if (v.isString())
            text = v.toString();
        else if (v.isDouble())
            text = QString::number(v.toDouble(), 'g', 17);
        else if (v.isBool())
            text = v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        else
            f.fail(it.key().toUtf8().constData(), QStringLiteral("must be text, a number or true/false"));
        params[it.key().toStdString()] = text.toStdString();
    }
    return params;
}

SessionSetup parseSession(const Fields& f)
{
    SessionSetup s;
    if (f.has("text") == f.has("n"))
        f.fail("text", QStringLiteral("or \"n\": exactly one of them is needed"));
    if (f.has("text")) {
        s.text = f.string("text");
        if (s.text.trimmed().isEmpty()) f.fail("text", QStringLiteral("is empty"));
        if (f.has("tokenizer")) s.tokenizer = f.string("tokenizer");
    } else {
        s.n = static_cast<int>(f.integer("n", 1, 1 << 20));
    }
    s.scheme = f.string("scheme");
    if (f.has("params")) s.params = parseParams(f.object("params"));
    if (f.has("model")) s.model = parseModel(f.object("model"));
    s.view = f.string("view");
    if (f.has("what")) s.what = f.string("what");
    if (f.has("head")) s.head = static_cast<int>(f.integer("head", 0, 1 << 20));
    if (f.has("range")) s.range = static_cast<int>(f.integer("range", 0, 1 << 20));
    if (f.has("cell")) {
        const QJsonValue v = f.value("cell");
        const QJsonArray cell = v.toArray();
        if (!v.isArray() || cell.size() != 2) f.fail("cell", QStringLiteral("must be [i, j]"));
        s.cellI = static_cast<int>(f.whole(cell[0], "cell", 0, 1 << 20));
        s.cellJ = static_cast<int>(f.whole(cell[1], "cell", 0, 1 << 20));
    }
    if (f.has("walk")) s.walk = f.string("walk");
    return s;
}

// The top-level object of a file of `format` ("poslab-lessons", "poslab-lesson-texts"), its version
// checked; `kind` names the file in errors ("lessons file").
Fields topLevel(const QByteArray& json, const QString& source, const QString& format, const QString& kind)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        throw Error(QStringLiteral("%1: not valid JSON at offset %2: %3")
                        .arg(source)
                        .arg(error.offset)
                        .arg(error.errorString())
                        .toStdString());
    if (!doc.isObject())
        throw Error(QStringLiteral("%1: not a %2 (no top-level object)").arg(source, kind).toStdString());
    Fields top(doc.object(), source);
    const QString found = top.has("format") ? top.value("format").toString() : QString();
    if (found != format)
        throw Error(QStringLiteral("%1: not a %2 (format \"%3\", expected \"%4\")")
                        .arg(source, kind, found, format)
                        .toStdString());
    const long long version = top.integer("version", 1, 1e9);
    if (version > kLessonsVersion)
        throw Error(QStringLiteral("%1: version %2 is newer than this PosLab reads (%3); update PosLab")
                        .arg(source)
                        .arg(version)
                        .arg(kLessonsVersion)
                        .toStdString());
    return top;
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw Error(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()).toStdString());
    return file.readAll();
}

} // namespace

std::vector<Lesson> parseLessons(const QByteArray& json, const QString& source)
{
    const Fields top =
        topLevel(json, source, QStringLiteral("poslab-lessons"), QStringLiteral("lessons file"));
    const QJsonValue list = top.value("lessons");
    if (!list.isArray()) top.fail("lessons", QStringLiteral("must be an array"));

    std::vector<Lesson> lessons;
    std::set<QString> ids;
    for (const QJsonValue& item : list.toArray()) {
        const QString where = QStringLiteral("%1: lesson %2").arg(source).arg(lessons.size() + 1);
        if (!item.isObject()) throw Error(QStringLiteral("%1 is not an object").arg(where).toStdString());
        const Fields f(item.toObject(), where);
        Lesson lesson;
        lesson.id = f.string("id");
        const Fields named(item.toObject(), QStringLiteral("%1: lesson \"%2\"").arg(source, lesson.id));
        if (!ids.insert(lesson.id).second) named.fail("id", QStringLiteral("is used twice"));
        lesson.title = named.string("title");
        lesson.text = named.string("text");
        lesson.setup = parseSession(named.object("session"));
        lessons.push_back(std::move(lesson));
    }
    return lessons;
}

std::vector<Lesson> loadLessons(const QString& path)
{
    return parseLessons(readFile(path), path);
}

std::vector<Lesson> builtinLessons()
{
    return loadLessons(QStringLiteral(":/lessons/lessons.json"));
}

std::vector<LessonText> parseLessonTexts(const QByteArray& json, const QString& source,
                                         const QString& language)
{
    const Fields top =
        topLevel(json, source, QStringLiteral("poslab-lesson-texts"), QStringLiteral("lesson texts file"));
    if (top.string("language") != language)
        top.fail("language",
                 QStringLiteral("is \"%1\", expected \"%2\"").arg(top.string("language"), language));
    const QJsonValue list = top.value("lessons");
    if (!list.isArray()) top.fail("lessons", QStringLiteral("must be an array"));

    std::vector<LessonText> texts;
    std::set<QString> ids;
    for (const QJsonValue& item : list.toArray()) {
        const QString where = QStringLiteral("%1: lesson %2").arg(source).arg(texts.size() + 1);
        if (!item.isObject()) throw Error(QStringLiteral("%1 is not an object").arg(where).toStdString());
        LessonText text;
        text.id = Fields(item.toObject(), where).string("id");
        const Fields named(item.toObject(), QStringLiteral("%1: lesson \"%2\"").arg(source, text.id));
        if (!ids.insert(text.id).second) named.fail("id", QStringLiteral("is used twice"));
        for (auto it = named.json().begin(); it != named.json().end(); ++it)
            if (it.key() != QLatin1String("id") && it.key() != QLatin1String("title") &&
                it.key() != QLatin1String("text"))
                named.fail(it.key().toUtf8().constData(),
                           QStringLiteral("does not belong here (only id, title and text; the set-up is "
                                          "lessons.json's)"));
        text.title = named.string("title");
        text.text = named.string("text");
        if (text.title.trimmed().isEmpty()) named.fail("title", QStringLiteral("is empty"));
        if (text.text.trimmed().isEmpty()) named.fail("text", QStringLiteral("is empty"));
        texts.push_back(std::move(text));
    }
    return texts;
}

QString builtinLessonTextsPath(const QString& language)
{
    return QStringLiteral(":/lessons/lessons.%1.json").arg(language);
}

void applyLessonTexts(std::vector<Lesson>& lessons, const std::vector<LessonText>& texts,
                      const QString& source)
{
    for (const LessonText& text : texts) {
        const auto lesson =
            std::find_if(lessons.begin(), lessons.end(), [&](const Lesson& l) { return l.id == text.id; });
        if (lesson == lessons.end())
            throw Error(QStringLiteral("%1: lesson \"%2\" is not one of the lessons")
                            .arg(source, text.id)
                            .toStdString());
        lesson->title = text.title;
        lesson->text = text.text;
    }
}

std::vector<Lesson> builtinLessons(const QString& language)
{
    std::vector<Lesson> lessons = builtinLessons();
    const QString path = builtinLessonTextsPath(language);
    if (language == QLatin1String("en") || !QFile::exists(path)) return lessons;
    applyLessonTexts(lessons, parseLessonTexts(readFile(path), path, language), path);
    return lessons;
}

} // namespace poslab::gui
