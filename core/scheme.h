#pragma once

#include "model.h"
#include "params.h"
#include "plan.h"
#include "ropescaling.h"

#include <memory>
#include <string>
#include <vector>

#include <Eigen/Core>

namespace poslab {

enum class SchemeKind { None, Absolute, Relative };
std::string schemeKindName(SchemeKind kind);
class Scheme;
// The kind of this instance, for labels: "absolute + relative" for a relative scheme whose
// parameters add an absolute PE too (seed-linear with pe = learned or sinusoidal).
std::string schemeKindLabel(const Scheme& scheme);

struct SchemeInfo
{
    std::string name;      // as typed on the command line: "t5", "rope", ...
    std::string title;     // "T5 relative buckets"
    SchemeKind kind = SchemeKind::None;
    std::string formula;   // one line, Unicode math, PosLab's sign (Δ = j − i)
    std::string paper;     // authors, year, title
    std::string notes;     // conventions converted at the edge, traps handled
    std::vector<ParamSpec> params;
};

// One additive part of a head's pre-softmax score, already scaled (n × n).
struct ScoreTerm
{
    std::string name;      // "content-content", "content-position", "(b) content-position", ...
    Eigen::MatrixXd value;
};

// What a scheme sees of one head. x = content + pe is what the projections act on.
struct HeadContext
{
    const ModelConfig& model;
    int head = 0;
    int start = 0;                    // position of the first token
    const Eigen::MatrixXd& content;   // n × d_model, e_i
    const Eigen::MatrixXd& pe;        // n × d_model, the scheme's absolute encoding (zeros if none)
    Eigen::MatrixXd wq, wk, wv;       // d_model × head_dim, this head's columns
    int n() const { return static_cast<int>(content.rows()); }
};

// The scheme's value as a function of Δ: row r is Δ = −R + r, column 0 is Δ itself.
struct DeltaCurve
{
    std::vector<std::string> columns;
    Eigen::MatrixXd rows;
};

class Scheme
{
public:
    virtual ~Scheme() = default;
    const SchemeInfo& info() const { return m_info; }
    const ParamSet& params() const { return m_params; }
    const ModelConfig& model() const { return m_model; }

    // Absolute encoding added to the inputs, n × d_model; zeros for schemes without one.
    virtual bool hasAbsolute() const { return m_info.kind == SchemeKind::Absolute; }
    // Rows are positions start .. start + n − 1 (start > 0 is the compare view's shift).
    Eigen::MatrixXd absolute(int n) const { return absoluteAt(0, n); }
    virtual Eigen::MatrixXd absoluteAt(int start, int n) const;

    // The head's score split into named terms, each scaled; their sum is the logit before the
    // temperature and the mask. terms[0] is always the content-only part ("content-content").
    // Default: x = e + p split into content-content, content-position, position-content,
    // position-position, each q·k / √head_dim.
    virtual std::vector<ScoreTerm> scoreTerms(const HeadContext& ctx) const;

    // Extra value contribution (n × head_dim) given the head's probabilities; empty if none (Shaw's a^V).
    virtual Eigen::MatrixXd valueTerm(const HeadContext& ctx, const Eigen::MatrixXd& probs) const;

    // Index of the relative embedding or bias used for (i, j): T5 bucket, Shaw clip index, DeBERTa
    // log bucket. Throws poslab::Error for schemes without one.
    virtual bool hasBucket() const { return false; }
    virtual long long bucket(int i, int j) const;

    virtual std::vector<double> slopes() const;   // ALiBi only; Error elsewhere
    // RoPE's inv_freq (scaled and not) and attention factor for an n-token sequence; Error elsewhere.
    virtual RopeFrequencies frequencies(int n) const;

    // Values a scheme holds per head, after any clamping (KERPLE's p and a); empty for most schemes.
    struct HeadValues
    {
        std::string name;
        std::vector<double> values;   // one per head
    };
    virtual std::vector<HeadValues> headValues() const { return {}; }

    virtual DeltaCurve deltaCurve(int range) const = 0;
    // False when the scheme's value is no function of Δ (CoPE): deltaCurve then throws its reason.
    virtual bool hasDeltaCurve() const { return true; }

    // CoPE's counted positions p_ij of one head for ctx's input (n × n); Error for other schemes.
    virtual Eigen::MatrixXd countedPositions(const HeadContext& ctx) const;
    virtual bool countsPositions() const { return false; }

    // The same scheme as tables a fused engine can use (see plan.h). Defaults: 1/√head_dim, no
    // rotation, no tables (none and the absolute schemes, whose work is all in pe).
    virtual double scoreScale() const;
    // n is the sequence length: RoPE's dynamic and longrope scalings depend on it.
    virtual RotaryPlan rotary(int /*n*/) const { return {}; }
    virtual HeadPlan headPlan(const HeadContext& ctx) const;

protected:
    Scheme(SchemeInfo info, const RawParams& raw, const ModelConfig& model);
    [[noreturn]] void fail(const std::string& message) const;   // throws Error("<name>: message")

    SchemeInfo m_info;
    ParamSet m_params;
    ModelConfig m_model;
};

// Registry. Names in display order; describe() works without a model.
std::vector<std::string> schemeNames();
const SchemeInfo& describeScheme(const std::string& name);   // Error for unknown names
std::unique_ptr<Scheme> makeScheme(const std::string& name, const RawParams& raw, const ModelConfig& model);

} // namespace poslab
