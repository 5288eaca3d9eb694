#include "scheme.h"

#include "error.h"
#include "i18n.h"
#include "schemes/schemes.h"

#include <cmath>

namespace poslab {

std::string schemeKindName(SchemeKind kind)
{
    switch (kind) {
    // The values of `poslab-cli schemes --format json`'s "kind"; marked so that the explorer and the
    // figures can show them in the interface's words (figure::schemeKindIn).
    case SchemeKind::None: return POSLAB_TR_NOOP("SchemeKind", "none");
    case SchemeKind::Absolute: return POSLAB_TR_NOOP("SchemeKind", "absolute");
    case SchemeKind::Relative: return POSLAB_TR_NOOP("SchemeKind", "relative");
    }
    return "?";
}

std::string schemeKindLabel(const Scheme& scheme)
{
    if (scheme.info().kind == SchemeKind::Relative && scheme.hasAbsolute()) return POSLAB_TR_NOOP("SchemeKind", "absolute + relative");
    return schemeKindName(scheme.info().kind);
}

Scheme::Scheme(SchemeInfo info, const RawParams& raw, const ModelConfig& model)
    : m_info(std::move(info)), m_params(ParamSet::parse(m_info.name, m_info.params, raw)), m_model(model)
{
    m_model.validate();
}

void Scheme::fail(const std::string& message) const
{
    throw Error(m_info.name + ": " + message);
}

Eigen::MatrixXd Scheme::absoluteAt(int, int n) const
{
    return Eigen::MatrixXd::Zero(n, m_model.dModel);
}

std::vector<ScoreTerm> Scheme::scoreTerms(const HeadContext& ctx) const
{
    const double s = schemes::defaultScale(m_model);
    const Eigen::MatrixXd qe = ctx.content * ctx.wq;
    const Eigen::MatrixXd ke = ctx.content * ctx.wk;
    std::vector<ScoreTerm> terms;
    // scores = (e_i + p_i) W_q · ((e_j + p_j) W_k)ᵀ / √d, expanded into its four products.
    // Term names are data (compute --matrix, session files): marked here, translated where shown.
    terms.push_back({POSLAB_TR_NOOP("ScoreTerm", "content-content"), s * qe * ke.transpose()});
    if (hasAbsolute()) {
        const Eigen::MatrixXd qp = ctx.pe * ctx.wq;
        const Eigen::MatrixXd kp = ctx.pe * ctx.wk;
        terms.push_back({POSLAB_TR_NOOP("ScoreTerm", "content-position"), s * qe * kp.transpose()});
        terms.push_back({POSLAB_TR_NOOP("ScoreTerm", "position-content"), s * qp * ke.transpose()});
        terms.push_back({POSLAB_TR_NOOP("ScoreTerm", "position-position"), s * qp * kp.transpose()});
    }
    return terms;
}

Eigen::MatrixXd Scheme::valueTerm(const HeadContext&, const Eigen::MatrixXd&) const
{
    return {};
}

double Scheme::scoreScale() const
{
    return schemes::defaultScale(m_model);
}

HeadPlan Scheme::headPlan(const HeadContext&) const
{
    return {};
}

long long Scheme::bucket(int, int) const
{
    throw Error(
        fill(trCore("Scheme", "%1 has no buckets (bucket applies to t5, shaw and deberta)"), {m_info.name}));
}

std::vector<double> Scheme::slopes() const
{
    throw Error(fill(trCore("Scheme", "%1 has no slopes (slopes apply to alibi)"), {m_info.name}));
}

Eigen::MatrixXd Scheme::countedPositions(const HeadContext&) const
{
    throw Error(fill(trCore("Scheme", "%1 counts no positions (positions apply to cope)"), {m_info.name}));
}

RopeFrequencies Scheme::frequencies(int) const
{
    throw Error(fill(trCore("Scheme", "%1 has no rotary frequencies (freqs apply to rope)"), {m_info.name}));
}

namespace {

struct Entry
{
    SchemeInfo (*info)();
    std::unique_ptr<Scheme> (*make)(const RawParams&, const ModelConfig&);
};

const std::vector<Entry>& registry()
{
    using namespace schemes;
    static const std::vector<Entry> entries = {
        {noneInfo, makeNone},   {sinusoidalInfo, makeSinusoidal},
        {learnedInfo, makeLearned}, {shawInfo, makeShaw},
        {transformerXlInfo, makeTransformerXl}, {t5Info, makeT5},
        {alibiInfo, makeAlibi}, {ropeInfo, makeRope},
        {debertaInfo, makeDeberta}, {seedLinearInfo, makeSeedLinear},
        {kerpleInfo, makeKerple}, {nopeInfo, makeNope}, {xposInfo, makeXpos},
        {fireInfo, makeFire},   {copeInfo, makeCope},
    };
    return entries;
}

const std::vector<SchemeInfo>& infos()
{
    static const std::vector<SchemeInfo> all = [] {
        std::vector<SchemeInfo> v;
        for (const auto& e : registry())
            v.push_back(e.info());
        return v;
    }();
    return all;
}

std::string knownNames()
{
    std::string s;
    for (const auto& i : infos())
        s += (s.empty() ? "" : ", ") + i.name;
    return s;
}

Error unknownScheme(const std::string& name)
{
    return Error(fill(trCore("Scheme", "unknown scheme %1 (known: %2)"), {quoteInput(name), knownNames()}));
}

} // namespace

std::vector<std::string> schemeNames()
{
    std::vector<std::string> names;
    for (const auto& i : infos())
        names.push_back(i.name);
    return names;
}

const SchemeInfo& describeScheme(const std::string& name)
{
    for (const auto& i : infos())
        if (i.name == name)
            return i;
    throw unknownScheme(name);
}

std::unique_ptr<Scheme> makeScheme(const std::string& name, const RawParams& raw, const ModelConfig& model)
{
    const auto& all = infos();
    for (std::size_t k = 0; k < all.size(); ++k)
        if (all[k].name == name)
            return registry()[k].make(raw, model);
    throw unknownScheme(name);
}

namespace schemes {

Eigen::MatrixXd sinusoid(const Eigen::VectorXd& positions, int d, double base, SinusoidLayout layout)
{
    const int half = d / 2;
    std::vector<double> omega(half);
    for (int k = 0; k < half; ++k)
        omega[k] = std::pow(base, -2.0 * k / d);
    Eigen::MatrixXd pe(positions.size(), d);
    for (Eigen::Index r = 0; r < positions.size(); ++r) {
        for (int k = 0; k < half; ++k) {
            const double a = positions[r] * omega[k];
            if (layout == SinusoidLayout::Interleaved) {
                pe(r, 2 * k) = std::sin(a);
                pe(r, 2 * k + 1) = std::cos(a);
            } else {
                pe(r, k) = std::sin(a);
                pe(r, half + k) = std::cos(a);
            }
        }
    }
    return pe;
}

Eigen::VectorXd positionRange(int start, int n)
{
    Eigen::VectorXd p(n);
    for (int i = 0; i < n; ++i)
        p[i] = start + i;
    return p;
}

double defaultScale(const ModelConfig& model)
{
    return 1.0 / std::sqrt(static_cast<double>(model.headDim()));
}

HeadPlan offsetBiasPlan(int head, int n, const OffsetBias& bias)
{
    HeadPlan plan;
    plan.offsetBias.reserve(static_cast<std::size_t>(2 * n - 1));
    for (int o = 0; o < 2 * n - 1; ++o) // offset index o is Δ + n − 1
        plan.offsetBias.push_back(bias(head, o - (n - 1)));
    return plan;
}

DeltaCurve perHeadBiasCurve(int heads, int range, const OffsetBias& bias)
{
    DeltaCurve c;
    c.columns.push_back("delta");
    for (int h = 0; h < heads; ++h)
        c.columns.push_back("bias_head" + std::to_string(h));
    c.rows.resize(2 * range + 1, heads + 1);
    for (int r = 0; r <= 2 * range; ++r) {
        c.rows(r, 0) = r - range;
        for (int h = 0; h < heads; ++h)
            c.rows(r, h + 1) = bias(h, r - range);
    }
    return c;
}

} // namespace schemes
} // namespace poslab
