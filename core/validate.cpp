#include "validate.h"

#include "weights.h"

#include "budget.h"
#include "error.h"
#include "i18n.h"
#include "labtable.h"
#include "scheme.h"

#include <algorithm>
#include <tuple>

namespace poslab {

namespace {

std::string sequenceField(const LabRequest& r)
{
    return r.positions != 0 ? "positions" : "text";
}

Sequence checkedSequence(const LabRequest& r)
{
    try {
        return r.sequence();
    } catch (const Error& e) {
        throw FieldError(sequenceField(r), FieldError::literal(e.what()));
    }
}

// "n = 20000 is too long for a full n × n table (at most 16384)", with the way out when there is one.
void checkSquare(const LabRequest& r, int n, bool poolHelps)
{
    if (n <= kMaxSquareN) return;
    const std::string length = std::to_string(n), most = std::to_string(kMaxSquareN);
    throw FieldError(
        sequenceField(r),
        poolHelps ? fill(trCore("Errors", "n = %1 is too long for a full n \u00d7 n table (at most "
                                          "%2): add {pool} 1024 for a pooled heatmap"),
                         {length, most})
                  : fill(trCore("Errors", "n = %1 is too long for a full n \u00d7 n table (at most %2)"),
                         {length, most}));
}

// Every product keeps a few n × d_model matrices per run (content, encodings, projections,
// outputs): about ten of them in double, plus a token's label.
void checkTokens(const LabRequest& r, int n, const ModelConfig& model)
{
    const double bytes = double(n) * (80.0 * model.dModel + 64.0);
    checkMemory(sequenceField(r), bytes,
                fill(trCore("Errors", "n = %1 tokens with {d_model} %2"),
                     {std::to_string(n), std::to_string(model.dModel)}),
                trCore("Errors", "use a shorter sequence or a smaller {d_model}"));
}

// The n × n matrices of one table: the engine's and the table's copy (the oracle keeps about eight
// a head, for every head).
void checkTableMemory(const LabRequest& r, What what, int n, int heads)
{
    if (r.pool.cells || r.region) return; // cells × cells
    const double square = 8.0 * double(n) * n;
    std::string advice = trCore("Errors", "use a shorter sequence");
    double bytes = 0;
    switch (what) {
    case What::Probs:
    case What::Logits:
    case What::Bias:
    case What::Out:
        if (r.engine == EngineKind::Reference) {
            bytes = (8.0 * heads + 1) * square;
            advice = trCore("Errors", "use {engine} onednn, fewer {heads} or a shorter sequence");
        } else {
            bytes = 2 * square;
            if (what == What::Probs)
                advice = trCore("Errors", "use {pool} 1024 for pooled probabilities, or a shorter sequence");
        }
        break;
    case What::Delta:
    case What::Bucket:
        bytes = 2 * square;
        break;
    case What::Positions: // q·kᵀ, the gates and the positions, and the table
        bytes = 4 * square;
        break;
    default:
        return;
    }
    checkMemory(sequenceField(r), bytes,
                fill(trCore("Errors", "n = %1 with %2 heads: the %3 table (n \u00d7 n)"),
                     {std::to_string(n), std::to_string(heads), FieldError::literal(r.matrix)}),
                advice);
}

void checkSelectedCell(const LabRequest& r, int n, bool required)
{
    if (!required && r.cellI == -1 && r.cellJ == -1) return;
    if (required && !r.hasCell())
        throw FieldError("cell.i",
                         trCore("Errors", "the worked example walks one cell: give {cell.i} and {cell.j}"));
    checkCell(r.cellI, r.cellJ, n);
}

void checkCompare(const LabRequest& r, const ModelConfig& model)
{
    try {
        describeScheme(r.compareScheme);
        // Its default parameters must suit the model only when it is computed.
        if (r.compare) makeScheme(r.compareScheme, {}, model);
    } catch (const Error& e) {
        throw FieldError("compare.scheme",
                         fill(trCore("Errors", "{compare.scheme}: %1"), {FieldError::literal(e.what())}));
    }
    if (r.shift < 0 || r.shift > kMaxShift) throw outOfRange("compare.shift", r.shift, 0, kMaxShift);
}

void checkPool(const LabRequest& r)
{
    if (!r.pool.cells) return;
    checkPoolCells(*r.pool.cells);
    if (r.engine != EngineKind::OneDnn)
        throw FieldError(
            "pool", trCore("Errors", "{pool} needs {engine} onednn (the reference engine holds n \u00d7 n)"));
}

// A region: rows and keys each a non-empty range inside the sequence, of request.head's
// probabilities, streamed (the oneDNN engine).
void checkRegion(const LabRequest& r, int n)
{
    if (!r.region) return;
    const TokenRegion& g = *r.region;
    for (const auto& [field, begin, end] :
         {std::tuple{"region.rows", g.rowBegin, g.rowEnd}, std::tuple{"region.keys", g.keyBegin, g.keyEnd}})
        if (begin < 0 || end > n || begin >= end)
            throw FieldError(field, fill(trCore("Errors", "%1 %2:%3 is not a range of tokens in the %4-token "
                                                          "sequence (a:b with 0 <= a < b <= %4)"),
                                         {"{" + std::string(field) + "}", std::to_string(begin),
                                          std::to_string(end), std::to_string(n)}));
    if (r.engine != EngineKind::OneDnn)
        throw FieldError("region.rows",
                         trCore("Errors", "{region.rows} is streamed, which {engine} onednn does"));
    if (r.matrix != "probs")
        throw FieldError("region.rows", trCore("Errors", "{region.rows} applies to {matrix} probs only"));
}

void checkRange(int range, int most)
{
    if (range < 0 || range > most) throw outOfRange("range", range, 0, most);
}

void checkTable(const LabRequest& r, const Scheme& scheme, int n)
{
    const What what = parseWhat(r.matrix);
    if (needsAttention(what) || r.pool.cells || r.region) checkHead(r.head, scheme.model().heads);
    if (r.pool.cells && what != What::Probs)
        throw FieldError("pool", trCore("Errors", "{pool} applies to {matrix} probs only"));
    if (needsAttention(what) && !r.pool.cells && !r.region) checkSquare(r, n, true);
    checkTableMemory(r, what, n, scheme.model().heads);
    switch (what) {
    case What::Pe:
    case What::PeComponents:
    case What::PeNorms:
        if (scheme.info().kind == SchemeKind::Relative && !scheme.hasAbsolute())
            throw FieldError("matrix",
                             fill(trCore("Errors", "%1 is relative: it adds no absolute encoding (try "
                                                   "{matrix} bias or delta-curve)"),
                                  {FieldError::literal(scheme.info().name)}));
        break;
    case What::Delta:
        checkSquare(r, n, false);
        break;
    case What::Bucket:
        checkSquare(r, n, false);
        if (!scheme.hasBucket()) scheme.bucket(0, 0); // throws the scheme's own message
        break;
    case What::Slopes:
        scheme.slopes(); // throws the scheme's own message for schemes without slopes
        break;
    case What::DeltaCurve:
        checkRange(r.range, kMaxCurveRange);
        break;
    case What::Freqs:
    case What::Context:
    case What::ContextCurves:
        scheme.frequencies(n); // throws the scheme's own message for schemes without rotary frequencies
        break;
    case What::Positions:
        checkHead(r.head, scheme.model().heads);
        checkSquare(r, n, false);
        if (!scheme.countsPositions()) scheme.countedPositions({scheme.model(), 0, 0, {}, {}, {}, {}, {}});
        break;
    case What::Bias:
    case What::Logits:
    case What::Probs:
    case What::Out:
        break;
    }
}

} // namespace

void checkHead(int head, int heads)
{
    if (head < 0 || head >= heads)
        throw FieldError("head",
                         fill(trCore("Errors", "{head} %1 is out of range (the model has %2 heads: 0..%3)"),
                              {std::to_string(head), std::to_string(heads), std::to_string(heads - 1)}),
                         FieldError::Bounds{0, heads - 1, head});
}

void checkCell(int i, int j, int n)
{
    for (const auto& [field, v] : {std::pair{"cell.i", i}, std::pair{"cell.j", j}})
        if (v < 0 || v >= n)
            throw FieldError(field,
                             fill(trCore("Errors", "%1 = %2 is outside the %3-token sequence (0..%4)"),
                                  {"{" + std::string(field) + "}", std::to_string(v), std::to_string(n),
                                   std::to_string(n - 1)}),
                             FieldError::Bounds{0, n - 1, v});
}

void checkTermsN(int n)
{
    if (n > kMaxTermsN)
        throw Error(fill(trCore("Errors", "score terms are computed for n <= %1 only, got n = %2"),
                         {std::to_string(kMaxTermsN), std::to_string(n)}));
}

void checkPoolCells(int cells)
{
    if (cells < 1 || cells > kMaxPoolCells) throw outOfRange("pool", cells, 1, kMaxPoolCells);
}

void checkThreads(int threads)
{
    if (threads < 0 || threads > kMaxThreads)
        throw outOfRange("threads", threads, 0, kMaxThreads, trCore("Errors", "0: all cores"));
}

void checkPrecision(EngineKind engine, Precision precision)
{
    if (engine == EngineKind::Reference && precision != Precision::F32)
        throw FieldError("dtype", trCore("Errors", "the reference engine computes in double: {dtype} applies "
                                                   "to {engine} onednn"));
}

void validate(const LabRequest& r, LabProduct product)
{
    const Sequence seq = checkedSequence(r);
    const int n = seq.size();
    if (r.start < 0 || r.start > kMaxStart) throw outOfRange("start", r.start, 0, kMaxStart);
    const ModelConfig model = r.schemeModel();
    model.validate();
    // A checkpoint's tables are checked by the scheme that takes them; an inputs file's x and W here.
    if (model.loaded) checkLoaded(*model.loaded, n, model);
    const auto scheme = makeScheme(r.scheme, r.params, model); // the scheme's own message
    checkTokens(r, n, model);
    checkThreads(r.threads);
    checkPrecision(r.engine, r.precision);
    checkPool(r);
    checkRegion(r, n);
    checkCompare(r, model);
    switch (product) {
    case LabProduct::Views:
        checkHead(r.head, model.heads);
        checkSelectedCell(r, n, false);
        checkRange(r.range, kMaxShownRange); // a curve drawn
        if (!r.pool.cells && !r.pool.fallback && !r.region) checkSquare(r, n, true);
        break;
    case LabProduct::Table:
        checkTable(r, *scheme, n);
        break;
    case LabProduct::Walk:
        checkHead(r.head, model.heads);
        checkSelectedCell(r, n, true);
        break;
    }
}

} // namespace poslab
