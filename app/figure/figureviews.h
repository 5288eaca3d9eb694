#pragma once

#include "figurecontent.h"
#include "figurewords.h"
#include "session.h"

#include <attention.h>
#include <lab.h>
#include <table.h>
#include <tokenizer.h>

#include <QStringList>

#include <string>
#include <vector>

namespace poslab::figure {

// "PC2 (31 % of variance)" in `language` (a figure's or the explorer's): principal component c
// (0-based) and its share of the variance, two significant digits, never an exponent.
QString componentLabelIn(const QString& language, int c, double explained);

} // namespace poslab::figure

// Inside computeFigure: the views' content from core results, and the helpers they share.
namespace poslab::figure::detail {

QStringList toLabels(const std::vector<std::string>& texts);
QString matrixTitle(const std::string& matrix, const Words& words);
bool isAttentionMatrix(const std::string& matrix); // probs, logits, bias
// Rows [firstRow, firstRow + n) of an n-column table as a heatmap of the session's matrix.
widgets::HeatmapData heatmapOf(const Table& t, std::size_t firstRow, const Session& s,
                               const QStringList& labels);

// The session's scheme and its compare scheme at positions start + shift + k, beside A − B; the
// table stacks A, B and A − B (3n × n) and records the largest changes the shift makes (the Lab's
// compare runs, as the explorer's Compare tab shows them).
FigureContent compareFigure(Lab& lab, const Session& s, LabRequest request);

// The session's heatmap with the walk of its cell outlined, and the walk's steps as text (the
// reference engine's numbers, which the walk prints).
FigureContent explainFigure(Lab& lab, const Session& s, LabRequest request);

// rope at L = the sequence's n, trained at L0: every scaling's Δ-curve past L0 (view context, the
// table of compute --what context-curves) or each pair's wavelength before and after scaling against
// L0 on a log axis (view freqs, the table of --what context).
FigureContent contextFigure(Lab& lab, const Session& s, LabRequest request);

// The absolute encoding's leading principal components as curves over position (left axis; legend
// "PC1 (62 % of variance)") and each position's norm ‖PE_i‖ (right axis), from the tables poslab-cli
// compute --what pe-components / pe-norms writes: --data-out holds position, pc1.., norm.
FigureContent componentsFigure(Lab& lab, const Session& s, LabRequest request);

} // namespace poslab::figure::detail
