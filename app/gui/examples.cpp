#include "examples.h"

#include <QCoreApplication>

namespace poslab::gui {

const std::vector<Example>& builtinExamples()
{
    static const std::vector<Example> examples = {
        {QStringLiteral("seed-article"), QCoreApplication::translate("Examples", "Seed article (session)"),
         QCoreApplication::translate("Examples",
                                     "seed-linear on 6 positions, cell (1, 4) and its worked example")},
        {QStringLiteral("sinusoidal-vs-rope"), QCoreApplication::translate("Examples", "Sinusoidal vs RoPE"),
         QCoreApplication::translate(
             "Examples", "RoPE beside sinusoidal, both shifted by 8: only the absolute one moves")},
        {QStringLiteral("alibi-heads"), QCoreApplication::translate("Examples", "ALiBi heads"),
         QCoreApplication::translate("Examples",
                                     "Eight causal ALiBi heads on 64 positions: steep and shallow slopes")},
        {QStringLiteral("t5-long-range"), QCoreApplication::translate("Examples", "T5 buckets at long range"),
         QCoreApplication::translate("Examples",
                                     "T5's log-spaced buckets on 200 positions, saturating beyond 128")},
        {QStringLiteral("shaw-clipping"), QCoreApplication::translate("Examples", "Shaw clipping (k = 2)"),
         QCoreApplication::translate("Examples",
                                     "Shaw's relative positions clipped to [\u22122, 2]: the bucket matrix")},
        {QStringLiteral("absolute-vs-relative-shift"),
         QCoreApplication::translate("Examples", "Absolute vs relative under a shift"),
         QCoreApplication::translate("Examples",
                                     "ALiBi against sinusoidal on a sentence, every position shifted by 8")},
    };
    return examples;
}

} // namespace poslab::gui
