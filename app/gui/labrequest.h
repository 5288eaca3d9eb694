#pragma once

#include "heatmapdata.h"

#include <lab.h>
#include <model.h>
#include <params.h>
#include <table.h>
#include <tokenizer.h>

#include <QMetaType>
#include <QString>

#include <string>

namespace poslab::gui {

// Everything one heatmap depends on, as plain values (what the controls edit).
struct LabRequest
{
    std::string text;
    TokenizerMode tokenizer = TokenizerMode::Word;
    std::string scheme = "alibi";
    RawParams params;
    ModelConfig model;
    ComputeRequest compute; // what, head
};

struct LabResult
{
    LabRequest request;
    Table table;                  // exactly what core computed
    widgets::HeatmapData heatmap; // the same numbers, labelled for painting
    int n = 0;
    double elapsedMs = 0.0; // core time: tokenizing, scheme, attention, table
};

// Runs core synchronously (the driver calls it on its worker thread). Throws poslab::Error.
LabResult computeLab(const LabRequest& request);

// Labels, titles, colour semantics and the causal mask for a core table. 1-D tables become one row.
widgets::HeatmapData heatmapFromTable(const Table& table, const LabRequest& request);

bool isSignedWhat(What what);
QString valueLabel(What what);

} // namespace poslab::gui

Q_DECLARE_METATYPE(poslab::gui::LabResult)
