#pragma once

// The one place that includes QCustomPlot: qcustomplot.h still uses foreach, which a project
// defining QT_NO_FOREACH would reject.
#ifdef QT_NO_FOREACH
#undef QT_NO_FOREACH
#include <qcustomplot.h>
#define QT_NO_FOREACH
#else
#include <qcustomplot.h>
#endif
