#include "analysis.h"

#include "error.h"
#include "tablestats.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <limits>

namespace poslab {

namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

bool visible(const Eigen::MatrixXd& m, Eigen::Index i, Eigen::Index j, bool causal)
{
    return std::isfinite(m(i, j)) && !(causal && j > i);
}

bool isIndexColumn(const std::string& name)
{
    return name == "bucket" || name == "clip_index" || name == "table_row";
}

} // namespace

std::vector<double> diagonalProfile(const Eigen::MatrixXd& m, bool causal)
{
    const Eigen::Index n = std::min(m.rows(), m.cols());
    if (n == 0) return {};
    std::vector<double> sum(2 * n - 1, 0.0);
    std::vector<int> count(2 * n - 1, 0);
    for (Eigen::Index i = 0; i < n; ++i) {
        for (Eigen::Index j = 0; j < n; ++j) {
            if (!visible(m, i, j, causal)) continue;
            sum[j - i + n - 1] += m(i, j);
            ++count[j - i + n - 1];
        }
    }
    for (std::size_t k = 0; k < sum.size(); ++k)
        sum[k] = count[k] ? sum[k] / count[k] : kNan;
    return sum;
}

std::string poolingName(Pooling pooling)
{
    return pooling == Pooling::Max ? "max" : "mean";
}

PooledMatrix downsample(const Eigen::MatrixXd& m, int maxRows, int maxCols, Pooling pooling, bool causal)
{
    PooledMatrix out;
    const int rows = static_cast<int>(m.rows());
    const int cols = static_cast<int>(m.cols());
    maxRows = std::max(1, maxRows);
    maxCols = std::max(1, maxCols);
    out.rowStep = std::max(1, (rows + maxRows - 1) / maxRows);
    out.colStep = std::max(1, (cols + maxCols - 1) / maxCols);
    if (!out.pooled()) {
        out.values = m;
        for (int i = 0; i < rows; ++i)
            for (int j = 0; j < cols; ++j)
                if (!visible(m, i, j, causal)) out.values(i, j) = kNan;
        return out;
    }
    const int outRows = (rows + out.rowStep - 1) / out.rowStep;
    const int outCols = (cols + out.colStep - 1) / out.colStep;
    out.values.resize(outRows, outCols);
    for (int r = 0; r < outRows; ++r) {
        for (int c = 0; c < outCols; ++c) {
            double acc = pooling == Pooling::Max ? -std::numeric_limits<double>::infinity() : 0.0;
            int count = 0;
            const int i1 = std::min(rows, (r + 1) * out.rowStep);
            const int j1 = std::min(cols, (c + 1) * out.colStep);
            for (int i = r * out.rowStep; i < i1; ++i) {
                for (int j = c * out.colStep; j < j1; ++j) {
                    if (!visible(m, i, j, causal)) continue;
                    acc = pooling == Pooling::Max ? std::max(acc, m(i, j)) : acc + m(i, j);
                    ++count;
                }
            }
            out.values(r, c) = count == 0 ? kNan : pooling == Pooling::Max ? acc : acc / count;
        }
    }
    return out;
}

Eigen::MatrixXd difference(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, bool causal)
{
    if (a.rows() != b.rows() || a.cols() != b.cols()) throw Error("difference: the matrices differ in shape");
    Eigen::MatrixXd d(a.rows(), a.cols());
    for (Eigen::Index i = 0; i < a.rows(); ++i)
        for (Eigen::Index j = 0; j < a.cols(); ++j)
            d(i, j) = visible(a, i, j, causal) && visible(b, i, j, causal) ? a(i, j) - b(i, j) : kNan;
    return d;
}

double maxAbsDifference(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, bool causal)
{
    if (a.rows() != b.rows() || a.cols() != b.cols()) return std::numeric_limits<double>::infinity();
    double worst = 0.0;
    for (Eigen::Index i = 0; i < a.rows(); ++i) {
        for (Eigen::Index j = 0; j < a.cols(); ++j) {
            const bool va = visible(a, i, j, causal);
            if (va != visible(b, i, j, causal)) return std::numeric_limits<double>::infinity();
            if (va) worst = std::max(worst, std::abs(a(i, j) - b(i, j)));
        }
    }
    return worst;
}

std::vector<std::string> headMatrixNames(const HeadResult& head)
{
    std::vector<std::string> names{"probs", "logits", "bias"};
    for (const auto& t : head.terms)
        names.push_back(t.name);
    return names;
}

const Eigen::MatrixXd& headMatrix(const HeadResult& head, const std::string& name)
{
    if (name == "probs") return head.probs;
    if (name == "logits") return head.logits;
    if (name == "bias") return head.bias;
    for (const auto& t : head.terms)
        if (t.name == name) return t.value;
    throw Error(std::string("no matrix named '").append(name).append("' in this head"));
}

Eigen::MatrixXd deltaMatrix(int n)
{
    Eigen::MatrixXd d(n, n);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            d(i, j) = j - i;
    return d;
}

Eigen::MatrixXd bucketMatrix(const Scheme& scheme, int n)
{
    if (!scheme.hasBucket()) return {};
    Eigen::MatrixXd b(n, n);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            b(i, j) = static_cast<double>(scheme.bucket(i, j));
    return b;
}

CurveLayout curveLayout(const DeltaCurve& curve)
{
    CurveLayout layout;
    for (std::size_t c = 1; c < curve.columns.size(); ++c) {
        if (isIndexColumn(curve.columns[c])) {
            if (layout.indexColumn < 0) layout.indexColumn = static_cast<int>(c);
        } else {
            layout.valueColumns.push_back(static_cast<int>(c));
        }
    }
    if (layout.indexColumn < 0) return layout;
    layout.steps = true;
    if (layout.valueColumns.empty()) // only indices (DeBERTa's bucket, table row): draw the index itself
        for (std::size_t c = 1; c < curve.columns.size(); ++c)
            layout.valueColumns.push_back(static_cast<int>(c));
    const auto& rows = curve.rows;
    for (Eigen::Index r = 0; r + 1 < rows.rows(); ++r)
        if (rows(r, layout.indexColumn) != rows(r + 1, layout.indexColumn))
            layout.boundaries.push_back(rows(r, 0) + 0.5);
    return layout;
}

AbsoluteEncoding absoluteEncoding(const Scheme& scheme, int start, int n, bool withSimilarity, bool withComponents)
{
    if (!scheme.hasAbsolute())
        throw Error(scheme.info().name + (scheme.info().kind == SchemeKind::Relative
                                              ? " is relative: it adds no absolute encoding"
                                              : " adds no absolute encoding"));
    return encodingOf(scheme.absoluteAt(start, n), withSimilarity, withComponents);
}

AbsoluteEncoding encodingOf(Eigen::MatrixXd pe, bool withSimilarity, bool withComponents)
{
    AbsoluteEncoding e;
    e.pe = std::move(pe);
    e.norms = rowNorms(e.pe);
    const int k = int(std::min<Eigen::Index>({kEncodingComponents, e.pe.rows(), e.pe.cols()}));
    if (withComponents && k > 0) {
        PrincipalComponents pc = principalComponents(e.pe, k);
        e.components = std::move(pc.scores);
        e.explained = std::move(pc.explained);
    }
    if (!withSimilarity) return e;
    e.similarity = cosineSimilarity(e.pe);
    e.profile = diagonalProfile(e.similarity, false);
    return e;
}

std::vector<double> ropeDecayBound(const std::vector<double>& invFreq, int range)
{
    if (invFreq.empty()) throw Error("the decay bound needs at least one rotary frequency");
    if (range < 0) throw Error("the decay bound needs a range of at least 0, got " + std::to_string(range));
    const double pairs = double(invFreq.size());
    const double atZero = (pairs + 1) / 2; // |S_j| = j at Δ = 0: the mean of 1 .. d/2
    std::vector<double> bound;
    bound.reserve(std::size_t(2 * range + 1));
    for (int delta = -range; delta <= range; ++delta) {
        std::complex<double> s = 0.0; // S_j, running over j
        double sum = 0.0;             // Σ_{j=1}^{d/2} |S_j|
        for (double theta : invFreq) {
            s += std::polar(1.0, delta * theta);
            sum += std::abs(s);
        }
        bound.push_back(sum / pairs / atZero);
    }
    return bound;
}

std::vector<double> rotaryFrequenciesAt(const Scheme& scheme, int headDim, int n)
{
    ModelConfig model = scheme.model();
    model.heads = 1;
    model.dModel = headDim;
    RawParams raw;
    for (const auto& [key, value] : scheme.params().canonical())
        raw[key] = value;
    return makeScheme(scheme.info().name, raw, model)->frequencies(n).invFreq;
}

} // namespace poslab
