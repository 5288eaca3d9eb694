#include "session.h"

#include "embed.h"
#include "language.h"
#include "outputfiles.h"

#include <error.h>
#include <i18n.h>
#include <lablimits.h>
#include <scheme.h>
#include <validate.h>
#include <weights.h>

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <array>
#include <cmath>
#include <utility>

namespace poslab::figure {

namespace {

constexpr std::array kViews = {std::pair{FigureView::Heatmap, "heatmap"}, std::pair{FigureView::Heads, "heads"},
                               std::pair{FigureView::DeltaCurve, "delta-curve"},
                               std::pair{FigureView::Compare, "compare"}, std::pair{FigureView::Explain, "explain"},
                               std::pair{FigureView::Context, "context"}, std::pair{FigureView::Freqs, "freqs"},
                               std::pair{FigureView::PeComponents, "pe-components"}};
constexpr std::array kMatrices = {"pe", "delta", "bucket", "bias", "logits", "probs"};
constexpr std::array kColormaps = {"viridis", "magma", "cividis", "grayscale"};
constexpr double kMaxExactInteger = 9007199254740992.0; // 2^53: beyond, JSON numbers lose digits
constexpr qint64 kMaxSessionBytes = 256LL << 20;
constexpr char kSeededWeights[] = "seeded"; // "weights": the seeded toy model (WeightSpec without a path)

template <std::size_t N>
bool oneOf(const std::string& value, const std::array<const char*, N>& names, std::string* list = nullptr)
{
    bool found = false;
    for (const char* name : names) {
        found = found || value == name;
        if (list) *list += (list->empty() ? "" : "|") + std::string(name);
    }
    return found;
}

// `pattern` (marked QT_TRANSLATE_NOOP("Session", …)) in the interface language, %1 … filled.
std::string sessionText(const char* pattern, std::initializer_list<std::string_view> args = {})
{
    return fill(QCoreApplication::translate("Session", pattern).toStdString(), args);
}

// "session field %1 …": %1 the field ("style.dpi"), %2 … `a`, `b`, `c`.
[[noreturn]] void bad(const QString& field, const char* pattern, std::string_view a = {},
                      std::string_view b = {}, std::string_view c = {})
{
    throw Error(sessionText(pattern, {quoteInput(field.toStdString()), a, b, c}));
}

// Typed access to one JSON object; `path` names it in errors ("style.dpi").
class Reader
{
  public:
    Reader(QJsonObject o, QString path) : m_o(std::move(o)), m_path(std::move(path)) {}
    bool has(const char* key) const { return m_o.contains(QLatin1String(key)) && !m_o.value(QLatin1String(key)).isNull(); }
    QJsonValue value(const char* key) const { return m_o.value(QLatin1String(key)); }
    QString name(const char* key) const { return m_path.isEmpty() ? QString::fromLatin1(key) : m_path + '.' + key; }

    std::string string(const char* key, const std::string& fallback) const
    {
        if (!has(key)) return fallback;
        if (!value(key).isString())
            bad(name(key), QT_TRANSLATE_NOOP("Session", "session field %1 must be a string"));
        return value(key).toString().toStdString();
    }
    bool boolean(const char* key, bool fallback) const
    {
        if (!has(key)) return fallback;
        if (!value(key).isBool())
            bad(name(key), QT_TRANSLATE_NOOP("Session", "session field %1 must be true or false"));
        return value(key).toBool();
    }
    double real(const char* key, double fallback, double lo, double hi) const
    {
        if (!has(key)) return fallback;
        if (!value(key).isDouble())
            bad(name(key), QT_TRANSLATE_NOOP("Session", "session field %1 must be a number"));
        const double v = value(key).toDouble();
        if (!(v >= lo && v <= hi))
            bad(name(key), QT_TRANSLATE_NOOP("Session", "session field %1 must be in [%2, %3], got %4"),
                num(lo), num(hi), num(v));
        return v;
    }
    int integer(const char* key, int fallback, int lo, int hi) const
    {
        const double v = real(key, fallback, lo, hi);
        if (v != std::trunc(v))
            bad(name(key), QT_TRANSLATE_NOOP("Session", "session field %1 must be a whole number, got %2"),
                num(v));
        return static_cast<int>(v);
    }
    Reader object(const char* key) const
    {
        if (!has(key)) return Reader({}, name(key));
        if (!value(key).isObject())
            bad(name(key), QT_TRANSLATE_NOOP("Session", "session field %1 must be an object"));
        return Reader(value(key).toObject(), name(key));
    }
    const QJsonObject& json() const { return m_o; }

  private:
    static std::string num(double v) { return QString::number(v, 'g', 17).toStdString(); }
    QJsonObject m_o;
    QString m_path;
};

std::uint64_t readSeed(const Reader& r)
{
    if (!r.has("seed")) return 0;
    const QJsonValue v = r.value("seed");
    if (v.isString()) { // seeds beyond 2^53 are written as text
        bool ok = false;
        const qulonglong s = v.toString().toULongLong(&ok);
        if (!ok)
            bad(r.name("seed"),
                QT_TRANSLATE_NOOP("Session", "session field %1 must be a whole number in [0, 2^64)"));
        return s;
    }
    const double d = r.real("seed", 0, 0, kMaxExactInteger);
    if (d != std::trunc(d))
        bad(r.name("seed"), QT_TRANSLATE_NOOP("Session", "session field %1 must be a whole number"));
    return static_cast<std::uint64_t>(d);
}

// The request's fields version 1 had, from `r`: the top level of a version 1 file, "request" in
// version 2.
void readRequest(const Reader& r, Session& s)
{
    if (r.has("n") && r.has("text"))
        throw Error(sessionText(QT_TRANSLATE_NOOP("Session", "session has both 'text' and 'n'; give one")));
    if (!r.has("n") && !r.has("text"))
        throw Error(sessionText(QT_TRANSLATE_NOOP("Session", "session has neither 'text' nor 'n'")));
    s.positions = r.integer("n", 0, 1, kMaxSessionPositions);
    s.text = r.string("text", "");
    s.tokenizer = parseTokenizerMode(r.string("tokenizer", "word"));
    if (!r.has("scheme")) throw Error(sessionText(QT_TRANSLATE_NOOP("Session", "session has no 'scheme'")));
    s.scheme = r.string("scheme", "");
    const Reader params = r.object("params");
    for (auto it = params.json().begin(); it != params.json().end(); ++it) {
        const QJsonValue v = it.value();
        std::string text;
        if (v.isString())
            text = v.toString().toStdString();
        else if (v.isBool())
            text = v.toBool() ? "true" : "false";
        else if (v.isDouble())
            text = QString::number(v.toDouble(), 'g', 17).toStdString();
        else
            bad(params.name(it.key().toUtf8().constData()),
                QT_TRANSLATE_NOOP("Session", "session field %1 must be a string, number or boolean"));
        s.params[it.key().toStdString()] = text;
    }
    const Reader m = r.object("model");
    s.model.dModel = m.integer("d_model", s.model.dModel, 1, 1 << 20);
    s.model.heads = m.integer("heads", s.model.heads, 1, 1 << 16);
    s.model.causal = m.boolean("causal", s.model.causal);
    s.model.seed = readSeed(m);
    s.model.lambda = m.real("lambda", s.model.lambda, -1e9, 1e9);
    s.model.temperature = m.real("temperature", s.model.temperature, -1e9, 1e9);
    s.start = r.integer("start", 0, 0, kMaxStart);
    s.matrix = r.string("matrix", "probs");
    s.head = r.integer("head", 0, 0, 1 << 16);
    if (r.has("cell")) {
        const QJsonArray cell = r.value("cell").toArray();
        if (!r.value("cell").isArray() || cell.size() != 2 || !cell[0].isDouble() || !cell[1].isDouble())
            bad(r.name("cell"), QT_TRANSLATE_NOOP("Session", "session field %1 must be [i, j] or null"));
        s.cellI = cell[0].toInt(-2);
        s.cellJ = cell[1].toInt(-2);
    }
    s.range = r.integer("range", 16, 0, kMaxShownRange);
    const Reader compare = r.object("compare");
    s.compareScheme = compare.string("scheme", s.compareScheme);
    s.shift = compare.integer("shift", s.shift, 0, kMaxShift);
}

// "weights": "seeded", or a checkpoint: {"path", "layer", "tensors": {role: name}, "used": [print...]}.
// "used" is what the session computed with; loading checks the files still hold those bytes.
WeightSpec readWeights(const Reader& r)
{
    WeightSpec spec;
    if (!r.has("weights")) return spec;
    if (r.value("weights").isString()) {
        if (r.string("weights", kSeededWeights) != kSeededWeights)
            bad(r.name("weights"),
                QT_TRANSLATE_NOOP("Session", "session field %1 must be \"%2\" or an object with a \"path\""),
                kSeededWeights);
        return spec;
    }
    const Reader w = r.object("weights");
    spec.path = w.string("path", "");
    if (spec.path.empty())
        bad(w.name("path"),
            QT_TRANSLATE_NOOP("Session", "session field %1 must name the checkpoint (a folder or a file)"));
    spec.layer = w.integer("layer", 0, 0, 100000);
    const Reader tensors = w.object("tensors");
    for (auto it = tensors.json().begin(); it != tensors.json().end(); ++it) {
        if (!it.value().isString())
            bad(tensors.name("tensors") + '.' + it.key(),
                QT_TRANSLATE_NOOP("Session", "session field %1 must be a tensor name"));
        spec.tensors.emplace_back(it.key().toStdString(), it.value().toString().toStdString());
    }
    if (w.has("used")) {
        if (!w.value("used").isArray())
            bad(w.name("used"), QT_TRANSLATE_NOOP("Session", "session field %1 must be a list of tensors"));
        const QJsonArray used = w.value("used").toArray();
        for (qsizetype k = 0; k < used.size(); ++k) {
            const QString at = w.name("used") + '[' + QString::number(k) + ']';
            if (!used[k].isObject())
                bad(at, QT_TRANSLATE_NOOP("Session", "session field %1 must be an object"));
            const Reader u(used[k].toObject(), at);
            TensorPrint p;
            p.role = u.string("role", "");
            p.tensor = u.string("tensor", "");
            p.file = u.string("file", "");
            p.fileSize = std::uint64_t(u.real("size", 0, 0, kMaxExactInteger));
            p.sha256 = u.string("sha256", "");
            if (p.role.empty() || p.tensor.empty())
                bad(at, QT_TRANSLATE_NOOP("Session", "session field %1 must have a role and a tensor"));
            if (p.sha256.size() != 64 || p.sha256.find_first_not_of("0123456789abcdef") != std::string::npos)
                bad(u.name("sha256"),
                    QT_TRANSLATE_NOOP("Session", "session field %1 must be 64 lowercase hex digits"));
            spec.expect.push_back(std::move(p));
        }
    }
    return spec;
}

QJsonValue weightsJson(const Session& s)
{
    if (s.weights.seeded()) return QLatin1String(kSeededWeights);
    QJsonObject w;
    w["path"] = QString::fromStdString(s.weights.path);
    w["layer"] = s.weights.layer;
    QJsonObject tensors;
    for (const auto& [role, name] : s.weights.tensors)
        tensors[QString::fromStdString(role)] = QString::fromStdString(name);
    w["tensors"] = tensors;
    // What was used: the loaded tensors (cached, so this reads nothing again), or, when the files
    // cannot be read now, what the session recorded before.
    std::vector<TensorPrint> prints = s.weights.expect;
    try {
        prints = s.schemeModel().loaded->prints();
    } catch (const Error&) {
    }
    QJsonArray used;
    for (const TensorPrint& p : prints)
        used.append(QJsonObject{{"role", QString::fromStdString(p.role)},
                                {"tensor", QString::fromStdString(p.tensor)},
                                {"file", QString::fromStdString(p.file)},
                                {"size", double(p.fileSize)},
                                {"sha256", QString::fromStdString(p.sha256)}});
    w["used"] = used;
    return w;
}

// What version 2 added: the weights, the engine and the pooling (version 1: the defaults).
void readEngine(const Reader& r, Session& s)
{
    s.weights = readWeights(r);
    const Reader engine = r.object("engine");
    s.engine = parseEngineKind(engine.string("kind", engineKindName(s.engine)));
    s.precision = parsePrecision(engine.string("dtype", precisionName(s.precision)));
    s.threads = engine.integer("threads", 0, 0, kMaxThreads);
    const Reader pool = r.object("pool");
    if (pool.has("cells")) s.pool.cells = pool.integer("cells", 0, 1, kMaxPoolCells);
    s.pool.mode = parsePoolMode(pool.string("mode", poolModeName(s.pool.mode)));
}

} // namespace

FigureView parseFigureView(const std::string& name)
{
    std::string list;
    for (const auto& [view, text] : kViews) {
        if (name == text) return view;
        list += (list.empty() ? "" : "|") + std::string(text);
    }
    throw Error(
        sessionText(QT_TRANSLATE_NOOP("Session", "unknown view %1 (expected %2)"), {quoteInput(name), list}));
}

std::string figureViewName(FigureView view)
{
    for (const auto& [v, text] : kViews)
        if (v == view) return text;
    return "heatmap";
}

std::vector<std::string> figureMatrixNames()
{
    return {kMatrices.begin(), kMatrices.end()};
}

std::vector<std::string> colormapNames()
{
    return {kColormaps.begin(), kColormaps.end()};
}

namespace {

// "en|zh_CN" when `language` is not one PosLab speaks, else empty.
std::string unknownLanguage(const std::string& language)
{
    std::string list;
    for (const Language& l : languages()) {
        if (l.code.toStdString() == language) return {};
        list += (list.empty() ? "" : "|") + l.code.toStdString();
    }
    return list;
}

// In a session's check, `inSession`: "session: unknown language …".
void checkLanguage(const std::string& language, bool inSession)
{
    if (const std::string list = unknownLanguage(language); !list.empty())
        throw Error(inSession ? sessionText(QT_TRANSLATE_NOOP("Session",
                                                              "session: unknown language %1 (expected %2)"),
                                            {quoteInput(language), list})
                              : sessionText(QT_TRANSLATE_NOOP("Session", "unknown language %1 (expected %2)"),
                                            {quoteInput(language), list}));
}

} // namespace

std::string defaultFontFamily(const std::string& language)
{
    checkLanguage(language, false);
    return language == "zh_CN" ? "WenQuanYi Micro Hei" : "DejaVu Sans";
}

std::vector<std::string> fallbackFontFamilies(const std::string& language)
{
    if (language == "en") return {};
    return {defaultFontFamily(language), "DejaVu Sans"};
}

void setFigureLanguage(FigureStyle& style, const std::string& language)
{
    checkLanguage(language, false);
    if (style.fontFamily == defaultFontFamily(style.language)) style.fontFamily = defaultFontFamily(language);
    style.language = language;
}

double presetWidthMm(const std::string& preset)
{
    if (preset == "one-column") return kOneColumnMm;
    if (preset == "two-column") return kTwoColumnMm;
    throw Error(
        sessionText(QT_TRANSLATE_NOOP("Session", "unknown preset %1 (expected one-column|two-column)"),
                    {quoteInput(preset)}));
}

bool operator==(const Session& a, const Session& b)
{
    const auto recorded = [](const Session& s) {
        const ModelConfig& m = s.model;
        return std::tuple(s.text, s.positions, s.tokenizer, s.start, s.scheme, s.params, m.dModel, m.heads,
                          m.causal, m.seed, m.lambda, m.temperature, s.weights, s.engine, s.precision,
                          s.threads, s.matrix, s.head, s.cellI, s.cellJ, s.range, s.compareScheme, s.shift,
                          s.pool.cells, s.pool.mode);
    };
    return recorded(a) == recorded(b) && a.view == b.view && a.style == b.style;
}

LabRequest figureRequest(const Session& s)
{
    LabRequest r = s;
    r.compare = s.view == FigureView::Compare;
    return r;
}

void validateSession(const Session& s)
{
    if (s.positions < 0 || s.positions > kMaxSessionPositions)
        throw Error(sessionText(
            QT_TRANSLATE_NOOP("Session", "session: n must be in [1, %1] (0: the sequence is its text), "
                                         "got %2"),
            {std::to_string(kMaxSessionPositions), std::to_string(s.positions)}));
    std::string list;
    if (!oneOf(s.matrix, kMatrices, &list))
        throw Error(sessionText(QT_TRANSLATE_NOOP("Session", "session: unknown matrix %1 (expected %2)"),
                                {quoteInput(s.matrix), list}));
    try {
        LabRequest request = figureRequest(s);
        // A session may hold a sequence too long for n × n: whoever computes it decides (the explorer
        // streams it, a figure refuses it).
        request.pool.fallback = true;
        validate(request, LabProduct::Views);
    } catch (const FieldError& e) {
        throw Error(sessionText(QT_TRANSLATE_NOOP("Session", "session: %1"), {e.what()}));
    }
    checkLanguage(s.style.language, true);
    list.clear();
    if (!oneOf(s.style.colormap, kColormaps, &list))
        throw Error(sessionText(QT_TRANSLATE_NOOP("Session", "session: unknown colormap %1 (expected %2)"),
                                {quoteInput(s.style.colormap), list}));
    if (s.style.fontFamily.empty())
        throw Error(sessionText(QT_TRANSLATE_NOOP("Session", "session: font family is empty")));
    if (!(s.style.fontSize >= 2 && s.style.fontSize <= 72))
        throw Error(sessionText(QT_TRANSLATE_NOOP("Session", "session: font size must be in [2, 72] pt")));
    if (!(s.style.widthMm >= 10 && s.style.widthMm <= 1000))
        throw Error(sessionText(QT_TRANSLATE_NOOP("Session", "session: width must be in [10, 1000] mm")));
    if (!(s.style.heightMm == 0 || (s.style.heightMm >= 10 && s.style.heightMm <= 1000)))
        throw Error(sessionText(
            QT_TRANSLATE_NOOP("Session", "session: height must be 0 (automatic) or in [10, 1000] mm")));
    if (s.style.dpi < 30 || s.style.dpi > 2400)
        throw Error(sessionText(QT_TRANSLATE_NOOP("Session", "session: dpi must be in [30, 2400]")));
}

QByteArray sessionToJson(const Session& s, bool compact)
{
    QJsonObject request;
    if (s.positions > 0)
        request["n"] = s.positions;
    else
        request["text"] = QString::fromStdString(s.text);
    request["tokenizer"] = QString::fromStdString(tokenizerModeName(s.tokenizer));
    request["start"] = s.start;
    request["scheme"] = QString::fromStdString(s.scheme);
    QJsonObject params;
    for (const auto& [k, v] : s.params)
        params[QString::fromStdString(k)] = QString::fromStdString(v);
    request["params"] = params;
    QJsonObject model;
    model["d_model"] = s.model.dModel;
    model["heads"] = s.model.heads;
    model["causal"] = s.model.causal;
    if (double(s.model.seed) <= kMaxExactInteger)
        model["seed"] = double(s.model.seed);
    else
        model["seed"] = QString::number(qulonglong(s.model.seed));
    model["lambda"] = s.model.lambda;
    model["temperature"] = s.model.temperature;
    request["model"] = model;
    request["weights"] = weightsJson(s);
    request["engine"] = QJsonObject{{"kind", QString::fromStdString(engineKindName(s.engine))},
                                    {"dtype", QString::fromStdString(precisionName(s.precision))},
                                    {"threads", s.threads}};
    request["matrix"] = QString::fromStdString(s.matrix);
    request["head"] = s.head;
    request["cell"] = s.cellI >= 0 ? QJsonValue(QJsonArray{s.cellI, s.cellJ}) : QJsonValue();
    request["range"] = s.range;
    request["compare"] = QJsonObject{{"scheme", QString::fromStdString(s.compareScheme)}, {"shift", s.shift}};
    request["pool"] = QJsonObject{{"cells", s.pool.cells ? QJsonValue(*s.pool.cells) : QJsonValue()},
                                  {"mode", QString::fromStdString(poolModeName(s.pool.mode))}};
    QJsonObject style;
    style["language"] = QString::fromStdString(s.style.language);
    style["colormap"] = QString::fromStdString(s.style.colormap);
    style["log_scale"] = s.style.logScale;
    style["font_family"] = QString::fromStdString(s.style.fontFamily);
    style["font_size"] = s.style.fontSize;
    style["title"] = s.style.title ? QJsonValue(QString::fromStdString(*s.style.title)) : QJsonValue();
    style["width_mm"] = s.style.widthMm;
    style["height_mm"] = s.style.heightMm;
    style["dpi"] = s.style.dpi;
    QJsonObject o;
    o["format"] = "poslab-session";
    o["version"] = kSessionVersion;
    o["request"] = request;
    o["view"] = QString::fromStdString(figureViewName(s.view));
    o["style"] = style;
    return QJsonDocument(o).toJson(compact ? QJsonDocument::Compact : QJsonDocument::Indented);
}

Session sessionFromJson(const QByteArray& json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        throw Error(
            sessionText(QT_TRANSLATE_NOOP("Session", "not a PosLab session: corrupt JSON at offset %1 (%2)"),
                        {std::to_string(error.offset), error.errorString().toStdString()}));
    if (!doc.isObject())
        throw Error(
            sessionText(QT_TRANSLATE_NOOP("Session", "not a PosLab session: the JSON is not an object")));
    const Reader r(doc.object(), QString());
    if (r.value("format").toString() != QLatin1String("poslab-session"))
        throw Error(sessionText(
            QT_TRANSLATE_NOOP("Session", "not a PosLab session (\"format\" is not \"poslab-session\")")));
    if (!r.value("version").isDouble())
        bad("version", QT_TRANSLATE_NOOP("Session", "session field %1 must be a number"));
    const double version = r.value("version").toDouble();
    if (version > kSessionVersion)
        throw Error(sessionText(
            QT_TRANSLATE_NOOP("Session", "session format version %1 was written by a newer PosLab (this "
                                         "one reads version %2)"),
            {QString::number(version).toStdString(), std::to_string(kSessionVersion)}));
    if (version != 1 && version != kSessionVersion)
        bad("version", QT_TRANSLATE_NOOP("Session", "session field %1 must be 1 or %2"),
            std::to_string(kSessionVersion));

    Session s;
    s.view = parseFigureView(r.string("view", "heatmap"));
    if (version == 1) {
        readRequest(r, s); // version 1 kept the request's fields at the top level
        if (!r.object("compare").has("shift") && s.view == FigureView::Compare) {
            // Sessions written before "compare" existed kept the compare view's shift in "start".
            s.shift = s.start;
            s.start = 0;
        }
    } else {
        if (!r.has("request"))
            throw Error(sessionText(QT_TRANSLATE_NOOP("Session", "session has no 'request'")));
        const Reader request = r.object("request");
        readRequest(request, s);
        readEngine(request, s);
    }
    const Reader st = r.object("style");
    // Absent: en (sessions written before issue 16). The default font follows the language.
    s.style.language = st.string("language", "en");
    if (const std::string list = unknownLanguage(s.style.language); !list.empty())
        bad(st.name("language"), QT_TRANSLATE_NOOP("Session", "session field %1 must be %2, got %3"), list,
            quoteInput(s.style.language));
    s.style.fontFamily = defaultFontFamily(s.style.language);
    s.style.colormap = st.string("colormap", s.style.colormap);
    s.style.logScale = st.boolean("log_scale", false);
    s.style.fontFamily = st.string("font_family", s.style.fontFamily);
    s.style.fontSize = st.real("font_size", s.style.fontSize, 2, 72);
    if (st.has("title")) s.style.title = st.string("title", "");
    s.style.widthMm = st.real("width_mm", s.style.widthMm, 10, 1000);
    s.style.heightMm = st.real("height_mm", 0, 0, 1000);
    s.style.dpi = st.integer("dpi", s.style.dpi, 30, 2400);
    validateSession(s);
    return s;
}

namespace {

bool looksLikeSessionOrFigure(const QByteArray& head)
{
    if (sniffFileKind(head) != FileKind::Other) return true;
    QByteArray text = head.startsWith("\xEF\xBB\xBF") ? head.mid(3) : head; // a UTF-8 byte-order mark
    text = text.trimmed();
    return text.startsWith('{') || text.startsWith('[');
}

} // namespace

Session loadSession(const QString& path)
{
    const std::string quoted = quoteInput(path.toStdString());
    // "'path': what went wrong"
    const auto where = [&](const std::string& what) {
        return Error(sessionText(QT_TRANSLATE_NOOP("Session", "%1: %2"), {quoted, what}));
    };
    const std::string tooLarge =
        sessionText(QT_TRANSLATE_NOOP("Session", "too large to be a session or figure (more than %1 MiB)"),
                    {std::to_string(kMaxSessionBytes >> 20)});
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw where(sessionText(QT_TRANSLATE_NOOP("Session", "cannot open (%1)"),
                                {file.errorString().toStdString()}));
    // A regular file says its size: one over the cap is refused before it is read. The cap is
    // also checked while reading, since size() is 0 for a device, a pipe or /proc.
    if (!file.isSequential() && file.size() > kMaxSessionBytes) throw where(tooLarge);
    QByteArray bytes;
    char chunk[1 << 16];
    for (;;) {
        const qint64 got = file.read(chunk, sizeof chunk);
        if (got < 0)
            throw where(sessionText(QT_TRANSLATE_NOOP("Session", "cannot read (%1)"),
                                    {file.errorString().toStdString()}));
        if (got == 0) break;
        // Beyond one chunk, what the first says it is must be a session (JSON) or a figure: a
        // stream of anything else (/dev/zero) is refused now, not at the cap.
        if (bytes.size() == sizeof chunk && !looksLikeSessionOrFigure(bytes))
            throw where(sessionText(QT_TRANSLATE_NOOP(
                "Session", "not a PosLab session or figure (neither JSON nor PNG, PDF or SVG)")));
        if (bytes.size() + got > kMaxSessionBytes) throw where(tooLarge);
        bytes.append(chunk, got);
    }
    QByteArray json = bytes;
    if (sniffFileKind(bytes) != FileKind::Other) {
        std::optional<QByteArray> embedded;
        try {
            embedded = extractSession(bytes);
        } catch (const Error& e) {
            throw where(e.what());
        }
        if (!embedded)
            throw where(sessionText(QT_TRANSLATE_NOOP("Session", "this figure carries no PosLab session")));
        json = *embedded;
    }
    try {
        return sessionFromJson(json);
    } catch (const Error& e) {
        throw where(e.what());
    }
}

void saveSession(const Session& s, const QString& path)
{
    validateSession(s);
    writeAllOrNothing({{path, sessionToJson(s)}});
}

} // namespace poslab::figure
