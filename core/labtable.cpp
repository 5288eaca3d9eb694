#include "labtable.h"

#include "analysis.h"
#include "contextextension.h"
#include "weights.h"

#include "engine/onednnengine.h"
#include "error.h"
#include "i18n.h"

#include <array>
#include <numbers>

namespace poslab {

namespace {

constexpr std::array kWhat = {std::pair{What::Pe, "pe"},
                              std::pair{What::PeComponents, "pe-components"},
                              std::pair{What::PeNorms, "pe-norms"},
                              std::pair{What::Delta, "delta"},
                              std::pair{What::Bucket, "bucket"},
                              std::pair{What::Bias, "bias"},
                              std::pair{What::Slopes, "slopes"},
                              std::pair{What::Logits, "logits"},
                              std::pair{What::Probs, "probs"},
                              std::pair{What::DeltaCurve, "delta-curve"},
                              std::pair{What::Freqs, "freqs"},
                              std::pair{What::Context, "context"},
                              std::pair{What::ContextCurves, "context-curves"},
                              std::pair{What::Out, "out"},
                              std::pair{What::Positions, "positions"}};

// The model as the request gives it: bare positions have no content, so λ changes no number of
// theirs, and the table reports the λ that was asked for.
Table baseTable(const Scheme& scheme, const LabRequest& request, What what)
{
    Table t;
    t.scheme = scheme.info().name;
    t.what = whatName(what);
    t.params = scheme.params().canonical();
    const ModelConfig& m = request.model;
    t.model = {{"d_model", std::to_string(m.dModel)},   {"heads", std::to_string(m.heads)},
               {"causal", m.causal ? "true" : "false"}, {"seed", std::to_string(m.seed)},
               {"lambda", formatReal(m.lambda)},        {"temperature", formatReal(m.temperature)}};
    // Where the scheme's tables came from: the checkpoint and a fingerprint of each tensor used.
    if (const auto& loaded = scheme.model().loaded) {
        t.text.emplace_back("weights", loaded->spec.path);
        for (const TensorPrint& p : loaded->prints()) {
            t.text.emplace_back("tensor." + p.role, p.tensor);
            t.text.emplace_back("sha256." + p.role, p.sha256);
        }
    }
    return t;
}

void fillMatrix(Table& t, const Eigen::MatrixXd& m)
{
    t.shape = {static_cast<std::size_t>(m.rows()), static_cast<std::size_t>(m.cols())};
    t.data.resize(m.size());
    for (Eigen::Index r = 0; r < m.rows(); ++r)
        for (Eigen::Index c = 0; c < m.cols(); ++c)
            t.data[r * m.cols() + c] = m(r, c) + 0.0; // + 0.0 turns −0 into 0
}

// The context-extension view at L = n: one row per rotary pair, or one row per distance t with a
// score and an attention column per scaling (core/contextextension.h).
void fillContext(Table& t, const ContextExtension& x, bool pairs)
{
    t.model.emplace_back("n", std::to_string(x.length));
    t.meta = {{"scaling", ropeScalingName(x.scaling)},
              {"factor", formatReal(x.factor)},
              {"L0", std::to_string(x.originalMax)},
              {"L", std::to_string(x.length)},
              {"attention_factor", formatReal(x.attentionFactor)},
              {"dtype", RopeFrequencies::dtype}};
    if (pairs) {
        t.columns = {"pair",
                     "inv_freq_unscaled",
                     "inv_freq",
                     "wavelength_unscaled",
                     "wavelength",
                     "wavelength_over_L0_unscaled",
                     "wavelength_over_L0",
                     "stretch",
                     "kind",
                     "angle_below_L0",
                     "full_turn",
                     "angle_at_L",
                     "unseen"};
        t.meta.emplace_back("kind",
                            "0 kept (left alone), 1 interpolated (stretch = factor), 2 ramp (between), "
                            "3 other");
        for (std::size_t k = 0; k < x.pairs.size(); ++k) {
            const ContextPair& p = x.pairs[k];
            t.data.insert(t.data.end(), {double(k), p.theta, p.thetaScaled, p.wavelength, p.wavelengthScaled,
                                         p.wavelength / x.originalMax, p.wavelengthScaled / x.originalMax,
                                         p.stretch, double(static_cast<int>(p.kind)), p.angleBelowL0,
                                         double(p.fullTurn), p.angleAtL, double(p.unseen)});
        }
        t.shape = {x.pairs.size(), t.columns.size()};
        return;
    }
    t.columns = {"distance"};
    for (const ContextCurve& c : x.curves)
        t.columns.push_back("score_" + ropeScalingName(c.scaling));
    for (const ContextCurve& c : x.curves)
        t.columns.push_back("attention_" + ropeScalingName(c.scaling));
    t.meta.emplace_back("curve_factor", formatReal(x.curveFactor));
    for (const ContextCurve& c : x.curves) {
        const std::string name = ropeScalingName(c.scaling);
        t.meta.emplace_back("attention_factor_" + name, formatReal(c.attentionFactor));
        t.meta.emplace_back("attention_beyond_L0_" + name, formatReal(c.massBeyondL0));
        t.meta.emplace_back("unseen_pairs_" + name, std::to_string(c.unseenPairs));
    }
    for (const ContextExtension::Skipped& skipped : x.skipped)
        t.meta.emplace_back("skipped_" + ropeScalingName(skipped.scaling), skipped.reason);
    const std::size_t rows = std::size_t(x.length);
    t.data.reserve(rows * t.columns.size());
    for (std::size_t r = 0; r < rows; ++r) {
        t.data.push_back(double(r));
        for (const ContextCurve& c : x.curves)
            t.data.push_back(c.score[r]);
        for (const ContextCurve& c : x.curves)
            t.data.push_back(c.attention[r]);
    }
    t.shape = {rows, t.columns.size()};
}

} // namespace

What parseWhat(const std::string& name)
{
    for (const auto& [w, n] : kWhat)
        if (name == n) return w;
    std::string all;
    for (const auto& [w, n] : kWhat)
        all += (all.empty() ? "" : ", ") + std::string(n);
    throw FieldError("matrix", fill(trCore("Errors", "unknown {matrix} %1 (use one of: %2)"),
                                    {FieldError::literal(quoteInput(name)), all}));
}

std::string whatName(What what)
{
    for (const auto& [w, n] : kWhat)
        if (w == what) return n;
    return "?";
}

std::vector<std::string> whatNames()
{
    std::vector<std::string> v;
    for (const auto& [w, n] : kWhat)
        v.emplace_back(n);
    return v;
}

bool needsAttention(What what)
{
    return what == What::Bias || what == What::Logits || what == What::Probs || what == What::Out;
}

Table tableFromResult(const Scheme& scheme, const Sequence& seq, const AttentionResult& result,
                      const LabRequest& request)
{
    const int n = seq.size();
    const What what = parseWhat(request.matrix);
    Table t = baseTable(scheme, request, what);
    if (what != What::Slopes && what != What::DeltaCurve && what != What::Freqs && what != What::Context &&
        what != What::ContextCurves)
        t.tokens = seq.labels();
    switch (what) {
    case What::Pe:
        fillMatrix(t, scheme.absoluteAt(seq.start, n));
        break;
    case What::PeComponents: {
        const AbsoluteEncoding e = absoluteEncoding(scheme, seq.start, n, false);
        fillMatrix(t, e.components);
        for (Eigen::Index c = 0; c < e.components.cols(); ++c) {
            const std::string name = "pc" + std::to_string(c + 1);
            t.columns.push_back(name);
            t.meta.emplace_back("explained_" + name, formatReal(e.explained(c)));
        }
        t.meta.emplace_back("signs", "scikit-learn's: each component's largest |loading| positive");
        break;
    }
    case What::PeNorms: {
        const AbsoluteEncoding e = absoluteEncoding(scheme, seq.start, n, false, false);
        t.shape = {std::size_t(n)};
        t.data.assign(e.norms.data(), e.norms.data() + e.norms.size());
        t.columns = {"norm"};
        break;
    }
    case What::Delta:
    case What::Bucket: {
        const bool delta = what == What::Delta;
        t.integer = true;
        t.shape = {static_cast<std::size_t>(n), static_cast<std::size_t>(n)};
        t.data.resize(static_cast<std::size_t>(n) * n);
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j)
                t.data[static_cast<std::size_t>(i) * n + j] =
                    static_cast<double>(delta ? j - i : scheme.bucket(i, j));
        break;
    }
    case What::Slopes: {
        const std::vector<double> s = scheme.slopes();
        t.shape = {s.size()};
        t.data = s;
        t.columns = {"slope"};
        break;
    }
    case What::Bias:
    case What::Logits:
    case What::Probs:
    case What::Out: {
        if (result.heads.size() != static_cast<std::size_t>(scheme.model().heads) || result.n() != n ||
            request.head < 0 || request.head >= scheme.model().heads)
            throw Error("internal: attention result does not match the request");
        const HeadResult& h = result.heads[std::size_t(request.head)];
        fillMatrix(t, what == What::Bias     ? h.bias
                      : what == What::Logits ? h.logits
                      : what == What::Out    ? h.output
                                             : h.probs);
        if (what == What::Out)
            for (Eigen::Index c = 0; c < h.output.cols(); ++c)
                t.columns.push_back("z" + std::to_string(c));
        t.model.emplace_back("head", std::to_string(request.head));
        break;
    }
    case What::Freqs: {
        // One row per rotary pair, for this sequence's length (dynamic and longrope depend on it).
        const RopeFrequencies f = scheme.frequencies(n);
        const std::size_t pairs = f.invFreq.size();
        t.shape = {pairs, 4};
        t.columns = {"pair", "inv_freq", "inv_freq_unscaled", "wavelength"};
        for (std::size_t c = 0; c < pairs; ++c)
            t.data.insert(t.data.end(), {static_cast<double>(c), f.invFreq[c], f.invFreqUnscaled[c],
                                         2 * std::numbers::pi / f.invFreq[c]});
        t.model.emplace_back("n", std::to_string(n));
        t.meta = {{"attention_factor", formatReal(f.attentionFactor)}, {"dtype", RopeFrequencies::dtype}};
        break;
    }
    case What::Context:
    case What::ContextCurves:
        fillContext(t, contextExtension(scheme, n), what == What::Context);
        break;
    case What::Positions: {
        // on the inputs the engines see: content, the scheme's pe, the seeded projections of the head
        const ModelConfig& m = scheme.model();
        const int hd = m.headDim(), h = request.head;
        Eigen::MatrixXd content = contentVectors(seq, m), pe = scheme.absoluteAt(seq.start, n);
        layerInputs(m, content, pe);
        const std::shared_ptr<const Projections> proj = Projections::shared(m);
        const HeadContext ctx{m, h, seq.start, content, pe, proj->wq.middleCols(h * hd, hd),
                              proj->wk.middleCols(h * hd, hd), proj->wv.middleCols(h * hd, hd)};
        fillMatrix(t, scheme.countedPositions(ctx));
        t.model.emplace_back("head", std::to_string(h));
        break;
    }
    case What::DeltaCurve: {
        const DeltaCurve c = scheme.deltaCurve(request.range);
        fillMatrix(t, c.rows);
        t.columns = c.columns;
        t.model.emplace_back("range", std::to_string(request.range));
        break;
    }
    }
    if (needsAttention(what) && request.engine == EngineKind::OneDnn && request.precision == Precision::BF16)
        t.model.emplace_back("dtype", "bf16");
    return t;
}

Table pooledTable(const Scheme& scheme, const PooledProbs& p, const LabRequest& request)
{
    Table t = baseTable(scheme, request, What::Probs);
    fillMatrix(t, p.grid);
    const auto range = [](const std::vector<int>& e, std::size_t a) {
        return e[a + 1] - e[a] == 1
                   ? std::to_string(e[a])
                   : std::to_string(e[a]).append("\u2013").append(std::to_string(e[a + 1] - 1));
    };
    for (std::size_t a = 0; a + 1 < p.edges.size(); ++a)
        t.tokens.push_back(
            p.isRegion()
                ? range(p.edges, a)
                : std::to_string(p.edges[a]).append("\u2013").append(std::to_string(p.edges[a + 1] - 1)));
    if (p.isRegion())
        for (std::size_t b = 0; b + 1 < p.keyEdges.size(); ++b)
            t.columns.push_back(range(p.keyEdges, b));
    t.model.emplace_back("head", std::to_string(request.head));
    if (p.isRegion()) {
        t.model.emplace_back("rows", std::to_string(p.edges.front()) + ":" + std::to_string(p.edges.back()));
        t.model.emplace_back("keys",
                             std::to_string(p.keyEdges.front()) + ":" + std::to_string(p.keyEdges.back()));
        t.model.emplace_back("tokens_per_cell", std::to_string(p.step));
    }
    t.model.emplace_back("pool", std::to_string(p.isRegion() ? request.pool.cells.value_or(kFallbackPoolCells)
                                                             : int(p.grid.rows())));
    t.model.emplace_back("pool_mode", poolModeName(request.pool.mode));
    if (request.precision == Precision::BF16) t.model.emplace_back("dtype", "bf16");
    return t;
}

std::string engineLabel(const LabRequest& request)
{
    if (request.engine == EngineKind::Reference) return engineKindName(EngineKind::Reference);
    return engineKindName(EngineKind::OneDnn) + " " + precisionName(request.precision);
}

} // namespace poslab
