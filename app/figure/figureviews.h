#pragma once

#include "figurecontent.h"
#include "session.h"

#include <attention.h>
#include <engine/engine.h>
#include <table.h>
#include <tokenizer.h>

#include <QStringList>

#include <string>
#include <vector>

// Inside computeFigure: the views' content from core results, and the helpers they share.
namespace poslab::figure::detail {

QStringList toLabels(const std::vector<std::string>& texts);
QString matrixTitle(const std::string& matrix);
bool isAttentionMatrix(const std::string& matrix); // probs, logits, bias
// Rows [firstRow, firstRow + n) of an n-column table as a heatmap of the session's matrix.
widgets::HeatmapData heatmapOf(const Table& t, std::size_t firstRow, const Session& s,
                               const QStringList& labels);

// The numbers the app shows and `poslab-cli compute` writes by default: oneDNN in f32, every head's
// probs, logits and bias. The explain view alone uses the reference engine, whose numbers its walk prints.
AttentionResult appAttention(AttentionEngine& engine, const Scheme& scheme, const Sequence& seq);
std::string appEngineName(); // "onednn f32", for the data's "engine"

// The session's scheme and its compare scheme at positions start + shift + k, beside A − B; the
// table stacks A, B and A − B (3n × n) and records the largest changes the shift makes.
FigureContent compareFigure(const Session& s, const Sequence& seq);

// The session's heatmap with the walk of its cell outlined, and the walk's steps as text.
FigureContent explainFigure(const Session& s, const Sequence& seq);

} // namespace poslab::figure::detail
