#include "examples.h"

#include <QCoreApplication>

namespace poslab::gui {

std::vector<Example> builtinExamples()
{
    struct Entry
    {
        const char* id;
        const char* title;
        const char* tip;
    };
    // Translated at each call: the menu shows them in the language of the moment.
    static const Entry entries[] = {
        {"seed-article", QT_TRANSLATE_NOOP("Examples", "Seed article (session)"),
         QT_TRANSLATE_NOOP("Examples", "seed-linear on 6 positions, cell (1, 4) and its worked example")},
        {"sinusoidal-vs-rope", QT_TRANSLATE_NOOP("Examples", "Sinusoidal vs RoPE"),
         QT_TRANSLATE_NOOP("Examples",
                           "RoPE beside sinusoidal, both shifted by 8: only the absolute one moves")},
        {"alibi-heads", QT_TRANSLATE_NOOP("Examples", "ALiBi heads"),
         QT_TRANSLATE_NOOP("Examples", "Eight causal ALiBi heads on 64 positions: steep and shallow slopes")},
        {"t5-long-range", QT_TRANSLATE_NOOP("Examples", "T5 buckets at long range"),
         QT_TRANSLATE_NOOP("Examples", "T5's log-spaced buckets on 200 positions, saturating beyond 128")},
        {"shaw-clipping", QT_TRANSLATE_NOOP("Examples", "Shaw clipping (k = 2)"),
         QT_TRANSLATE_NOOP("Examples", "Shaw's relative positions clipped to [−2, 2]: the bucket matrix")},
        {"absolute-vs-relative-shift", QT_TRANSLATE_NOOP("Examples", "Absolute vs relative under a shift"),
         QT_TRANSLATE_NOOP("Examples",
                           "ALiBi against sinusoidal on a sentence, every position shifted by 8")},
    };
    std::vector<Example> examples;
    for (const Entry& e : entries)
        examples.push_back({QString::fromLatin1(e.id), QCoreApplication::translate("Examples", e.title),
                            QCoreApplication::translate("Examples", e.tip)});
    return examples;
}

} // namespace poslab::gui
