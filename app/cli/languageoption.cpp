// `--lang CODE` of explain and figure (issue 16): the language of the worked example's words and of
// a figure's titles and labels. The translations are Qt's .qm files, so a poslab-cli built without
// the GUI (POSLAB_BUILD_GUI=OFF) speaks English only and says so.

#include "commands.h"

#include "error.h"
#include "validate.h"

#ifdef POSLAB_HAVE_FIGURE
#include <language.h>
#endif

namespace poslab::cli {

void setLanguage(const std::string& name)
{
#ifdef POSLAB_HAVE_FIGURE
    const QString code = figure::languageCode(QString::fromStdString(name));
    if (code.isEmpty()) throw Error("--lang must be en or zh_CN, got " + quoteInput(name));
    if (QString error; !figure::setLanguage(code, &error)) throw Error(error.toStdString());
#else
    if (name != "en")
        throw Error("--lang " + quoteInput(name) +
                    ": this poslab-cli was built without Qt (POSLAB_BUILD_GUI=OFF) and speaks English only");
#endif
}

} // namespace poslab::cli
