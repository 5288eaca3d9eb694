#pragma once

#include "deltacurveview.h"
#include "heatmapdata.h"
#include <lab.h>

#include <analysis.h>

#include <QSize>
#include <QStringList>

// Turns a LabResult into what the widgets paint, through core/analysis: no attention is computed
// here, matrices are only selected, pooled and labelled.
namespace poslab::gui {

// "probs", "logits", "bias", "delta", then "bucket" when the scheme has buckets, then the terms.
QStringList matrixChoices(const SchemeRun& run);
// Why `what` is not shown for `result`: not available at this n (pooled), the result's notice, or
// still being computed.
QString unavailableText(const LabResult& result, const QString& what);
// Why `what`, which needs `matrix` (or the score terms when `matrix` is empty), can never be shown
// for `result`, however long one waits: only the probabilities were streamed, or the score terms do
// not exist at this n. Empty when it is at hand or a newer request computes it.
QString missingText(const LabResult& result, const QString& matrix, const QString& what);
bool isSignedMatrix(const QString& matrix);
// A matrix as the views name it: a score term in the interface's words ("(b) content-position" is
// core's name and the key the request and the session keep), the others by their key.
QString matrixTitle(const QString& matrix);
QString matrixValueLabel(const QString& matrix);
// How a block of cells becomes one when there are more cells than pixels: "max", "mean", and for
// signed matrices "max |·|" (the value of largest magnitude, with its sign, so that a block of large
// negative values does not look positive).
QString poolingLabel(Pooling pooling, bool isSigned);
PooledMatrix poolMatrix(const Eigen::MatrixXd& m, QSize capacity, Pooling pooling, bool isSigned,
                        bool causal);
// A Δ-curve column (core's key, as the CSV and JSON keep it) as a legend entry in the interface's
// words: "bias_head0" -> "head 0", "cos_pair3" -> "cos(θ₃Δ) pair 3", "bias_i512_head1" -> "i = 512,
// head 1".
QString curveSeriesName(const std::string& column);

// The full n × n matrix (masked entries stay as core has them: −inf logits).
Eigen::MatrixXd fullMatrix(const SchemeRun& run, int head, const QString& matrix);
bool maskApplies(const QString& matrix); // attention matrices hide j > i under a causal mask

struct HeatmapOptions
{
    QSize capacity{4096, 4096}; // at most this many cells (pixels of the view)
    Pooling pooling = Pooling::Max;
    QString title; // prefix; pooling is added when it applies
};

widgets::HeatmapData heatmapOf(const Eigen::MatrixXd& m, const QString& matrix, const LabResult& result,
                               const HeatmapOptions& options, const Eigen::MatrixXd* buckets = nullptr);
// A long sequence's streamed probabilities (result.isPooled()): cells of token ranges, pooled again
// by whole cells when the view has fewer pixels; the title says how.
widgets::HeatmapData pooledHeatmap(const LabResult& result, const HeatmapOptions& options);
widgets::HeatmapData heatmapFor(const LabResult& result, const SchemeRun& run, int head,
                                const QString& matrix, const HeatmapOptions& options);

// The scheme's Δ-curve over [−range, range] and the measured profile of `head` (mean probability
// along each diagonal), with the selected Δ marked (NaN: none).
widgets::CurvePlotData curveFor(const LabResult& result, int head, int range, double selectedDelta);

// The encoding view's pictures of core's absoluteEncoding: the n × d_model PE (rows positions,
// columns dimensions), the n × n cosine similarity of its rows, that similarity's Δ-profile, and the
// leading principal components as curves over position (legend "PC1 (62 % of variance)") with the
// norm ‖PE_i‖ on the right axis.
struct EncodingPictures
{
    widgets::HeatmapData pe;
    widgets::HeatmapData similarity; // empty above kMaxTermsN positions
    widgets::CurvePlotData profile;
    widgets::CurvePlotData components; // no PC series above kMaxTermsN positions (the norm stays)
};
// "PC2 (31 % of variance)": component c (0-based) and its fraction of the variance.
QString componentName(int c, double explained);
// core's absoluteEncoding of the result's scheme at its positions, the n × n similarity and the
// components up to kMaxTermsN positions. Error for schemes without an absolute encoding (core's
// message). The panel keeps it for its result: resizing only pools and labels again.
AbsoluteEncoding resultEncoding(const LabResult& result);
EncodingPictures encodingPictures(const LabResult& result, const AbsoluteEncoding& encoding, QSize peCapacity,
                                  QSize similarityCapacity, Pooling pooling);

// RoFormer's relative upper bound (core's ropeDecayBound) for a head of `headDim` dimensions with
// the scheme's own frequencies, over [−range, range], divided by its value at Δ = 0. Error for
// schemes without rotary frequencies.
widgets::CurveSeries decayBoundSeries(const LabResult& result, int headDim, int range);
bool hasRotaryFrequencies(const Scheme& scheme);

} // namespace poslab::gui
