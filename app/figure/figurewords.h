#pragma once

#include "language.h"

#include <QString>

#include <string>

namespace poslab::figure {

// A figure's own words (titles, axis labels, legends) in its session's language (style.language),
// whatever the interface language is: the explorer may export a figure of a session in another
// language, and a figure made again from its embedded session speaks as it did. lupdate reads
// `words.translate("context", "source")` like QCoreApplication::translate.
class Words
{
  public:
    explicit Words(const std::string& language) : m_language(QString::fromStdString(language)) {}
    QString translate(const char* context, const char* source, const char* disambiguation = nullptr) const
    {
        return translateIn(m_language, context, source, disambiguation);
    }

  private:
    QString m_language;
};

} // namespace poslab::figure
