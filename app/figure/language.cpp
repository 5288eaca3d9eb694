#include "language.h"

#include <i18n.h>

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QMutex>
#include <QMutexLocker>
#include <QThread>
#include <QTranslator>

#include <atomic>
#include <map>
#include <memory>
#include <vector>

namespace poslab::figure {

namespace {

// Each domain's catalogue (resources/translations/CMakeLists.txt); core's first, since trCore looks
// only at it.
constexpr const char* kDomains[] = {"poslab_core", "poslab_widgets", "poslab_figure", "poslab_gui"};

struct Catalogue
{
    std::vector<std::unique_ptr<QTranslator>> translators; // kDomains' order, then Qt's own
    QTranslator* core = nullptr;
};

QMutex g_mutex;
std::map<QString, std::unique_ptr<Catalogue>> g_loaded; // never unloaded: a worker may still read one
std::atomic<const Catalogue*> g_current{nullptr};
QString g_code = QStringLiteral("en");
std::vector<QTranslator*> g_installed;

std::string translateCore(const char* context, const char* source, const char* disambiguation)
{
    const Catalogue* catalogue = g_current.load();
    if (!catalogue || !catalogue->core) return {};
    return catalogue->core->translate(context, source, disambiguation).toStdString();
}

// Loads (once) the catalogue of `code`; nullptr and `error` when a file is missing.
const Catalogue* catalogueOf(const QString& code, QString* error)
{
    auto found = g_loaded.find(code);
    if (found != g_loaded.end()) return found->second.get();
    auto catalogue = std::make_unique<Catalogue>();
    // Translators live in the application's thread whichever thread loads them first (a figure
    // preview may, through translateIn): they are installed into the application from there.
    QThread* home = QCoreApplication::instance() ? QCoreApplication::instance()->thread() : nullptr;
    const auto newTranslator = [home] {
        auto translator = std::make_unique<QTranslator>();
        if (home && translator->thread() != home) translator->moveToThread(home);
        return translator;
    };
    for (const char* domain : kDomains) {
        auto translator = newTranslator();
        const QString file = QStringLiteral(":/i18n/%1_%2.qm").arg(QLatin1String(domain), code);
        if (!translator->load(file)) {
            if (error) *error = QStringLiteral("cannot load the %1 translation (%2)").arg(code, file);
            return nullptr;
        }
        if (qstrcmp(domain, "poslab_core") == 0) catalogue->core = translator.get();
        catalogue->translators.push_back(std::move(translator));
    }
    // Qt's own words (standard buttons, file dialogs), when the system has them (qt6-translations-l10n)
    auto qt = newTranslator();
    if (qt->load(QLocale(code), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        catalogue->translators.push_back(std::move(qt));
    return g_loaded.emplace(code, std::move(catalogue)).first->second.get();
}

void installLocked()
{
    if (!QCoreApplication::instance()) return;
    for (QTranslator* translator : g_installed)
        QCoreApplication::removeTranslator(translator);
    g_installed.clear();
    if (const Catalogue* catalogue = g_current.load())
        for (const auto& translator : catalogue->translators) {
            QCoreApplication::installTranslator(translator.get());
            g_installed.push_back(translator.get());
        }
}

} // namespace

const QList<Language>& languages()
{
    static const QList<Language> all = {{QStringLiteral("en"), QStringLiteral("English")},
                                        {QStringLiteral("zh_CN"), QStringLiteral("简体中文")}};
    return all;
}

QString languageCode(const QString& name)
{
    QString n = name.trimmed();
    n = n.left(n.indexOf(u'.') < 0 ? n.size() : n.indexOf(u'.')); // zh_CN.UTF-8
    n = n.left(n.indexOf(u'@') < 0 ? n.size() : n.indexOf(u'@'));
    n.replace(u'-', u'_');
    const QString lower = n.toLower();
    if (lower == QLatin1String("c") || lower == QLatin1String("posix") || lower == QLatin1String("en") ||
        lower.startsWith(QLatin1String("en_")))
        return QStringLiteral("en");
    if (lower == QLatin1String("zh") || lower == QLatin1String("zh_cn") || lower == QLatin1String("zh_sg") ||
        lower == QLatin1String("zh_hans") || lower.startsWith(QLatin1String("zh_hans_")))
        return QStringLiteral("zh_CN");
    return {};
}

QString systemLanguage()
{
    const QLocale locale = QLocale::system();
    if (locale.language() == QLocale::Chinese &&
        (locale.script() == QLocale::SimplifiedHanScript ||
         (locale.script() == QLocale::AnyScript &&
          (locale.territory() == QLocale::China || locale.territory() == QLocale::Singapore))))
        return QStringLiteral("zh_CN");
    return QStringLiteral("en");
}

bool setLanguage(const QString& code, QString* error)
{
    QMutexLocker lock(&g_mutex);
    if (languageCode(code) != code || code.isEmpty()) {
        if (error) *error = QStringLiteral("unknown language '%1' (PosLab speaks en and zh_CN)").arg(code);
        return false;
    }
    const Catalogue* catalogue = nullptr;
    if (code != QLatin1String("en")) {
        catalogue = catalogueOf(code, error);
        if (!catalogue) return false;
    }
    g_current.store(catalogue);
    g_code = code;
    poslab::setCoreTranslator(&translateCore);
    installLocked();
    return true;
}

QString language()
{
    QMutexLocker lock(&g_mutex);
    return g_code;
}

void installLanguage()
{
    QMutexLocker lock(&g_mutex);
    installLocked();
}

QString translateIn(const QString& code, const char* context, const char* source, const char* disambiguation)
{
    if (code != QLatin1String("en") && languageCode(code) == code) {
        QMutexLocker lock(&g_mutex);
        if (const Catalogue* catalogue = catalogueOf(code, nullptr))
            for (const auto& translator : catalogue->translators) {
                const QString text = translator->translate(context, source, disambiguation);
                if (!text.isEmpty()) return text;
            }
    }
    return QString::fromUtf8(source);
}

QString schemeTitleIn(const QString& code, const std::string& title)
{
    return translateIn(code, "Scheme", title.c_str());
}

QString schemeKindIn(const QString& code, const std::string& kind)
{
    return translateIn(code, "SchemeKind", kind.c_str());
}

QString schemeNotesIn(const QString& code, const std::string& notes)
{
    return translateIn(code, "SchemeNotes", notes.c_str());
}

QString paramDocIn(const QString& code, const std::string& doc)
{
    return translateIn(code, "SchemeParam", doc.c_str());
}

QString scoreTermIn(const QString& code, const std::string& term)
{
    return translateIn(code, "ScoreTerm", term.c_str());
}

} // namespace poslab::figure
