// Worked examples: the walk from tokens to one attention weight, with the real numbers.

#include "explain.h"

#include "error.h"
#include "i18n.h"
#include "schemes/cellterms.h"
#include "validate.h"

#include <cmath>

namespace poslab {

namespace {

Quantity scalar(const std::string& name, double v)
{
    Eigen::MatrixXd m(1, 1);
    m(0, 0) = v;
    return {name, m, {}, {}, {}};
}

Quantity vec(const std::string& name, const Eigen::VectorXd& v)
{
    return {name, v.transpose(), {}, {}, {}};
}

Quantity text(const std::string& name, const std::string& t)
{
    return {name, {}, {}, {}, t};
}

// Everything the scheme-specific steps need about the pair.
struct Pair
{
    const Scheme& scheme;
    const Sequence& seq;
    const AttentionResult& result;
    const AttentionPlan& plan;
    int h, i, j, n, o;
    Eigen::VectorXd q, k;   // q_i, k_j before any rotation
    double term(const std::string& prefix) const
    {
        for (const auto& t : result.heads[h].terms)
            if (t.name.rfind(prefix, 0) == 0)
                return t.value(i, j);
        throw Error("internal: no term " + quoteInput(prefix));
    }
};

void shawSteps(const Pair& p, std::vector<Step>& steps)
{
    const long long k = p.scheme.params().integer("k");
    const int idx = p.plan.heads[p.h].keyTable.rowOfOffset[p.o];
    const Eigen::VectorXd aK = p.plan.heads[p.h].keyTable.rows.row(idx);
    steps.push_back({trCore("Walk", "Clip the offset"), "index = clip(Δ, −k, k) + k",
                     trCore("Walk", "Offsets beyond ±k share the edge embedding: the model cannot tell them apart."),
                     {scalar("Δ", p.j - p.i), scalar("k", static_cast<double>(k))},
                     {scalar("clip(Δ, −k, k)", static_cast<double>(idx - k)), scalar("index", idx)}, false, {},
                     {{p.i, p.j}}, {p.j - p.i}});
    steps.push_back({trCore("Walk", "Relative key term"), "q_i · a^K[index] / √d",
                     trCore("Walk", "The key of token j is k_j + a^K[index]; this is the extra part of the score."),
                     {vec("q_i", p.q), vec("a^K[index]", aK), scalar("1/√d", p.plan.scale)},
                     {scalar("q_i·a^K·(1/√d)", p.plan.scale * p.q.dot(aK))}, false, {}, {{p.i, p.j}}, {p.j - p.i}});
    steps.push_back({trCore("Walk", "Relative value term"), "z_i = Σ_j α_ij (v_j + a^V[index_ij])",
                     trCore("Walk", "The output also mixes in a^V by clipped offset (it does not change α_ij)."),
                     {vec("a^V[index]", p.plan.heads[p.h].valueTable.rows.row(idx).transpose())},
                     {}, false, {}, {}, {p.j - p.i}});
}

void t5Steps(const Pair& p, std::vector<Step>& steps)
{
    const long long numBuckets = p.scheme.params().integer("num_buckets");
    const long long maxDistance = p.scheme.params().integer("max_distance");
    const bool bidirectional = p.scheme.params().boolean("bidirectional");
    long long n = p.i - p.j;   // T5: n = −relative_position, relative_position = memory − query = j − i
    std::string branch;
    long long half = numBuckets;
    if (bidirectional) {
        half = numBuckets / 2;
        if (n < 0) {
            branch = fill(trCore("Walk", "key after the query (n < 0): start at bucket %1, n = |n|"), {std::to_string(half)});
        } else {
            branch = trCore("Walk", "key at or before the query (n ≥ 0): start at bucket 0");
        }
        n = std::llabs(n);
    } else {
        branch = n < 0 ? trCore("Walk", "decoder: a future key (n < 0) is clamped to n = 0")
                       : trCore("Walk", "decoder: n ≥ 0 stays");
        n = std::max(n, 0LL);
    }
    const long long maxExact = half / 2;
    std::vector<Quantity> results = {text(trCore("Walk", "direction"), branch), scalar("n", static_cast<double>(n)),
                                     scalar("max_exact", static_cast<double>(maxExact))};
    std::string formula = trCore("Walk", "n = i − j; bucket = offset + (n < max_exact ? n : max_exact + "
                                         "⌊log(n/max_exact) / log(max_distance/max_exact) · (buckets − max_exact)⌋, "
                                         "capped at buckets − 1)");
    if (n < maxExact) {
        results.push_back(text(trCore("Walk", "branch"), trCore("Walk", "exact: n < max_exact, bucket offset + n")));
    } else {
        const double raw = std::log(static_cast<double>(n) / maxExact) /
                           std::log(static_cast<double>(maxDistance) / maxExact) * (half - maxExact);
        results.push_back(text(trCore("Walk", "branch"), trCore("Walk", "logarithmic: n ≥ max_exact")));
        results.push_back(scalar("log(n/max_exact)/log(max_distance/max_exact)·(buckets−max_exact)", raw));
        results.push_back(scalar(fill(trCore("Walk", "max_exact + ⌊…⌋ (capped at %1)"), {std::to_string(half - 1)}),
                                 static_cast<double>(std::min<long long>(maxExact + static_cast<long long>(raw), half - 1))));
    }
    const long long bucket = p.scheme.bucket(p.i, p.j);
    results.push_back(scalar("bucket", static_cast<double>(bucket)));
    steps.push_back({trCore("Walk", "Bucket of the offset"), formula,
                     trCore("Walk", "T5 measures memory − query = j − i and works with n = i − j; half the buckets are "
                                    "exact, the rest grow logarithmically up to max_distance (float32 arithmetic, "
                                    "as in T5's code)."),
                     {scalar("Δ = j − i", p.j - p.i), scalar("num_buckets", static_cast<double>(numBuckets)),
                      scalar("max_distance", static_cast<double>(maxDistance)),
                      text("bidirectional", bidirectional ? trCore("Walk", "true") : trCore("Walk", "false"))},
                     results, false, {}, {{p.i, p.j}}, {p.j - p.i}});
    steps.push_back({trCore("Walk", "Look up the bias"), "b = table[bucket, h]",
                     trCore("Walk", "One learned scalar per bucket and head; T5 does not divide q·k by √d."),
                     {scalar("bucket", static_cast<double>(bucket)), scalar(trCore("Walk", "head"), p.h)},
                     {scalar("b[bucket, h]", p.plan.heads[p.h].offsetBias[p.o])}, false, {}, {{p.i, p.j}},
                     {p.j - p.i}});
}

void alibiSteps(const Pair& p, std::vector<Step>& steps)
{
    const int heads = p.plan.model.heads;
    const double m = p.scheme.slopes()[p.h];
    const bool pow2 = (heads & (heads - 1)) == 0;
    steps.push_back({trCore("Walk", "The head's slope"),
                     pow2 ? std::string("m_h = 2^(−8(h+1)/H)")
                          : trCore("Walk", "H not a power of two: slopes of the power of two below H, then every "
                                           "other slope of twice that"),
                     trCore("Walk", "Each head gets a fixed slope from a geometric sequence; nothing is learned."),
                     {scalar("H", heads), scalar("h", p.h)}, {scalar("m_h", m), scalar("log2 m_h", std::log2(m))},
                     false, {}, {}, {}});
    steps.push_back({trCore("Walk", "Linear bias"), "bias = −m_h · |j − i|",
                     trCore("Walk", "Farther keys are penalised linearly, with no position limit: this is why ALiBi "
                                    "extrapolates beyond the trained length."),
                     {scalar("m_h", m), scalar("|Δ|", std::abs(p.j - p.i))},
                     {scalar("bias", p.plan.heads[p.h].offsetBias[p.o])}, false, {}, {{p.i, p.j}}, {p.j - p.i}});
}

std::string ropeScalingFormula(RopeScaling s)
{
    switch (s) {
    case RopeScaling::None:
        return "θ_c = base^(−2c/r), r = int(head_dim · rotary_fraction)";
    case RopeScaling::Linear:
        return "θ'_c = θ_c / factor";
    case RopeScaling::Dynamic:
        return "base' = base·(factor·L/L0 − (factor − 1))^(r/(r−2)), L = max(n, L0);  θ'_c = base'^(−2c/r)";
    case RopeScaling::Yarn:
        return "θ'_c = (θ_c/factor)·(1 − γ_c) + θ_c·γ_c, γ_c = 1 − clamp((c − low)/(high − low), 0, 1);  "
               "a = 0.1·ln(factor) + 1";
    case RopeScaling::LongRope:
        return "θ'_c = θ_c / ext_c, ext = long_factor if n > L0 else short_factor;  a = √(1 + ln(factor)/ln "
               "L0)";
    case RopeScaling::Llama3:
        return "λ_c = 2π/θ_c:  λ_c > L0/low → θ_c/factor;  λ_c < L0/high → θ_c;  else (1 − s)·θ_c/factor + "
               "s·θ_c, "
               "s = (L0/λ_c − low)/(high − low)";
    }
    return {};
}

// The scaling step: HF's inv_freq before and after, and the attention factor a (cos and sin are
// multiplied by a, so the logit by a²).
void ropeScalingStep(const Pair& p, std::vector<Step>& steps)
{
    const ParamSet& ps = p.scheme.params();
    const RopeScaling scaling = parseRopeScaling(ps.choice("scaling"));
    if (scaling == RopeScaling::None && ps.real("rotary_fraction") == 1.0) return;
    const RopeFrequencies f = p.scheme.frequencies(p.n);
    Quantity table{
        trCore("Walk", "inv_freq per pair"), Eigen::MatrixXd(f.invFreq.size(), 3), {}, {"θ_c", "θ'_c", "θ'_c / θ_c"}, {}};
    for (std::size_t c = 0; c < f.invFreq.size(); ++c) {
        table.value.row(c) << f.invFreqUnscaled[c], f.invFreq[c], f.invFreq[c] / f.invFreqUnscaled[c];
        table.rowLabels.push_back("c = " + std::to_string(c));
    }
    std::vector<Quantity> inputs = {text("scaling", ropeScalingName(scaling)),
                                    scalar("factor", ps.real("factor")),
                                    scalar("L0", static_cast<double>(ps.integer("original_max_position"))),
                                    scalar("n", p.n),
                                    scalar(trCore("Walk", "rotary dims r"), 2.0 * f.invFreq.size()),
                                    scalar("head_dim", p.plan.model.headDim())};
    std::vector<Quantity> results = {
        table, scalar(trCore("Walk", "attention factor a"), f.attentionFactor),
        scalar(trCore("Walk", "a² (multiplies the rotary part of the logit)"), f.attentionFactor * f.attentionFactor)};
    if (scaling == RopeScaling::Dynamic) results.push_back(scalar("base'", f.dynamicBase));
    if (scaling == RopeScaling::LongRope)
        results.push_back(
            text(trCore("Walk", "factors used"), f.longFactors ? "long_factor (n > L0)" : "short_factor (n ≤ L0)"));
    steps.push_back(
        {trCore("Walk", "Scale the frequencies"),
         ropeScalingFormula(scaling),
         trCore("Walk", "As Hugging Face transformers' modeling_rope_utils.py computes (inv_freq, "
                        "attention_factor) (here in float64). Only the first r dims of a head rotate; the rest "
                        "pass unchanged."),
         inputs,
         results,
         false,
         {},
         {},
         {p.j - p.i}});
}

void ropeSteps(const Pair& p, std::vector<Step>& steps)
{
    ropeScalingStep(p, steps);
    const RotaryPlan& r = p.plan.rotary;
    const int pi = r.start + p.i, pj = r.start + p.j;
    Quantity angles{trCore("Walk", "angles per pair"), Eigen::MatrixXd(r.theta.size(), 4), {}, {"θ_c", "i·θ_c", "j·θ_c", "Δ·θ_c"}, {}};
    for (std::size_t c = 0; c < r.theta.size(); ++c) {
        angles.value.row(c) << r.theta[c], pi * r.theta[c], pj * r.theta[c], (pj - pi) * r.theta[c];
        angles.rowLabels.push_back("c = " + std::to_string(c));
    }
    steps.push_back({trCore("Walk", "Rotation angles"), trCore("Walk", "θ_c = base^(−2c/d); q_i turns by i·θ_c, k_j by j·θ_c"),
                     r.interleaved ? trCore("Walk", "Pairs are dims (2c, 2c+1) (GPT-J, RoFormer).")
                                   : trCore("Walk", "Pairs are dims (c, c + d/2) (GPT-NeoX, LLaMA)."),
                     {scalar("i", pi), scalar("j", pj)}, {angles}, false, {}, {}, {p.j - p.i}});
    const Eigen::VectorXd qr = rotateAt(p.q, pi, r), kr = rotateAt(p.k, pj, r);
    RotaryPlan once = r; // R(Δθ) scaled by a² once: q̃_i·k̃_j = a²·q_i·R(Δθ)k_j on the rotary dims
    once.scale = r.scale * r.scale;
    const Eigen::VectorXd kDelta = rotateAt(p.k, pj - pi, once);
    steps.push_back({trCore("Walk", "Rotate q and k"),
                     r.scale == 1.0
                         ? "q̃_i = R(i·θ) q_i,  k̃_j = R(j·θ) k_j"
                         : "q̃_i = a·R(i·θ) q_i,  k̃_j = a·R(j·θ) k_j  (a = " + formatReal(r.scale) + ")",
                     trCore("Walk", "Only the angle between them survives the dot product: q̃_i·k̃_j = q_i·R((j − i)θ) k_j."),
                     {vec("q_i", p.q), vec("k_j", p.k)},
                     {vec("q̃_i", qr), vec("k̃_j", kr), scalar("q̃_i·k̃_j / √d", p.plan.scale * qr.dot(kr)),
                      scalar(trCore("Walk", "q_i·R(Δθ)k_j / √d (angle Δθ alone)"), p.plan.scale * p.q.dot(kDelta))},
                     false,
                     {},
                     {{p.i, p.j}},
                     {p.j - p.i}});
}

void debertaSteps(const Pair& p, std::vector<Step>& steps)
{
    const HeadPlan& hp = p.plan.heads[p.h];
    const int row = hp.keyTable.rowOfOffset[p.o];
    const long long bucket = p.scheme.bucket(p.i, p.j);
    steps.push_back({trCore("Walk", "Log-bucket the offset"), "δ = log-bucket(i − j); row = clamp(δ + span, 0, 2·span − 1)",
                     trCore("Walk", "DeBERTa measures query − key; PosLab shows bucket(Δ) = −δ. Near offsets keep "
                                    "their own bucket, far ones share logarithmically spaced buckets."),
                     {scalar(trCore("Walk", "i − j (DeBERTa's sign)"), p.i - p.j)},
                     {scalar("δ", static_cast<double>(-bucket)),
                      scalar(trCore("Walk", "bucket(Δ) (PosLab's sign)"), static_cast<double>(bucket)),
                      scalar(trCore("Walk", "table row"), row)},
                     false, {}, {{p.i, p.j}}, {p.j - p.i}});
    const Eigen::VectorXd kr = hp.keyTable.rows.row(row), qr = hp.queryTable.rows.row(row);
    steps.push_back({trCore("Walk", "Disentangled terms"), "c2p = q_i·K^r_δ / √(3d),  p2c = k_j·Q^r_δ / √(3d)",
                     trCore("Walk", "K^r and Q^r are the relative embeddings projected by the head's W_k and W_q."),
                     {vec("K^r[row]", kr), vec("Q^r[row]", qr)},
                     {scalar("c2p", p.plan.scale * p.q.dot(kr)), scalar("p2c", p.plan.scale * p.k.dot(qr))}, false,
                     {}, {{p.i, p.j}}, {p.j - p.i}});
}

void transformerXlSteps(const Pair& p, std::vector<Step>& steps)
{
    const HeadPlan& hp = p.plan.heads[p.h];
    const Eigen::VectorXd wr = hp.keyTable.rows.row(hp.keyTable.rowOfOffset[p.o]);
    const double s = p.plan.scale;
    steps.push_back({trCore("Walk", "Four terms"), trCore("Walk", "(a) q_i·k_j  (b) q_i·W_R R_{i−j}  (c) u·k_j  (d) v·W_R R_{i−j}, all / √d"),
                     trCore("Walk", "R is a sinusoid of the distance i − j; u and v are global biases shared by every query."),
                     {scalar("i − j", p.i - p.j), vec("W_R R_{i−j}", wr), vec("u", hp.keyBias)},
                     {scalar("(a)", s * p.q.dot(p.k)), scalar("(b)", s * p.q.dot(wr)), scalar("(c)", s * hp.keyBias.dot(p.k)),
                      scalar("(d)", hp.offsetBias[p.o])},
                     false, {}, {{p.i, p.j}}, {p.j - p.i}});
}

void seedLinearSteps(const Pair& p, std::vector<Step>& steps)
{
    const int delta = p.j - p.i;
    const DeltaCurve c = p.scheme.deltaCurve(std::abs(delta));
    const Eigen::VectorXd e = c.rows.row(delta + std::abs(delta)).tail(c.rows.cols() - 1).transpose();
    const bool masked = p.plan.model.causal && p.j > p.i;
    const Eigen::VectorXd wkE = p.plan.heads[p.h].keyTable.rows.row(p.plan.heads[p.h].keyTable.rowOfOffset[p.o]);
    steps.push_back({trCore("Walk", "Δ-embedding"), "E(Δ) = act(Linear(Δ) + Bias) = act(w·Δ + b)",
                     trCore("Walk", "The article's Attention Embedding: a linear map of the scalar offset."),
                     {scalar("Δ", delta)}, {vec("E(Δ)", e)}, false, {}, {}, {delta}});
    steps.push_back({trCore("Walk", "RPE on the key"), "RPE_ij = PE_j + Mask_ij·E(Δ);  term = q_i·W_k Mask_ij E(Δ) / √d",
                     trCore("Walk", "The article never says where RPE enters attention; PosLab puts it on the key of the pair."),
                     {scalar("Mask_ij", masked ? 0.0 : 1.0), vec("W_k E(Δ)", wkE)},
                     {scalar("q_i·W_k E(Δ) / √d", masked ? 0.0 : p.plan.scale * p.q.dot(wkE))}, false, {},
                     {{p.i, p.j}}, {delta}});
}

void kerpleSteps(const Pair& p, std::vector<Step>& steps)
{
    const bool power = p.scheme.params().choice("form") == "power";
    double pv = 0.0, av = 0.0, rawP = 0.0, rawA = 0.0;
    for (const auto& v : p.scheme.headValues()) {
        const double x = v.values[p.h];
        if (v.name == "p") pv = x;
        else if (v.name == "a") av = x;
        else if (v.name == "p before clamp") rawP = x;
        else if (v.name == "a before clamp") rawA = x;
    }
    steps.push_back({trCore("Walk", "The head's kernel parameters"),
                     power ? trCore("Walk", "p_h ≥ 0.01, 0.01 ≤ a_h ≤ 2 (clamped)") : trCore("Walk", "p_h ≥ 0.01, a_h ≥ 0.01 (clamped)"),
                     trCore("Walk", "Drawn per head from the seed as the official init, or given; the official code "
                                    "clamps them before every use."),
                     {scalar("h", p.h), scalar(trCore("Walk", "p_h as drawn or given"), rawP),
                      scalar(trCore("Walk", "a_h as drawn or given"), rawA)},
                     {scalar("p_h", pv), scalar("a_h", av)}, false, {}, {}, {}});
    const int d = std::abs(p.j - p.i);
    steps.push_back({trCore("Walk", "Kernel bias"), power ? "bias = −p_h·|Δ|^(a_h)" : "bias = −p_h·log(1 + a_h·|Δ|)",
                     power ? trCore("Walk", "A power of the distance: a_h < 1 flattens far offsets, a_h = 1 is ALiBi's line.")
                           : trCore("Walk", "The logarithm grows ever more slowly: far keys are penalised far less than by ALiBi."),
                     {scalar("|Δ|", d), scalar("p_h", pv), scalar("a_h", av)},
                     {scalar(power ? "|Δ|^(a_h)" : "log(1 + a_h·|Δ|)", power ? std::pow(d, av) : std::log1p(av * d)),
                      scalar("bias", p.plan.heads[p.h].offsetBias[p.o])},
                     false, {}, {{p.i, p.j}}, {p.j - p.i}});
}

void xposSteps(const Pair& p, std::vector<Step>& steps)
{
    const RotaryPlan& r = p.plan.rotary;
    const int pi = r.start + p.i, pj = r.start + p.j, delta = p.j - p.i;
    const int half = static_cast<int>(r.theta.size());
    Quantity scales{trCore("Walk", "scale per pair"), Eigen::MatrixXd(half, 4), {}, {"ζ_c", "ζ_c^(m_i/B)", "ζ_c^(−m_j/B)", "ζ_c^(−Δ/B)"}, {}};
    for (int c = 0; c < half; ++c) {
        scales.value.row(c) << r.zeta[c], rotaryScale(r, pi, c, RotarySide::Query),
            rotaryScale(r, pj, c, RotarySide::Key), std::pow(r.zeta[c], -delta / r.scaleBase);
        scales.rowLabels.push_back("c = " + std::to_string(c));
    }
    steps.push_back({trCore("Walk", "Per-pair scale"), trCore("Walk", "ζ_c = (2c + 0.4d)/(1.4d); q's pair c × ζ_c^(m_i/B), k's × ζ_c^(−m_j/B), m = position + min_pos"),
                     trCore("Walk", "torchscale centres m on the sequence (min_pos = −(start + n) // 2); in q̃·k̃ only "
                                    "ζ_c^((m_i − m_j)/B) = ζ_c^(−Δ/B) is left: below 1 for keys before the query, a decay."),
                     {scalar("min_pos", r.scaleOrigin), scalar("B (scale_base)", r.scaleBase), scalar("m_i", pi + r.scaleOrigin),
                      scalar("m_j", pj + r.scaleOrigin)},
                     {scales}, false, {}, {}, {delta}});
    const Eigen::VectorXd qr = rotateAt(p.q, pi, r, RotarySide::Query), kr = rotateAt(p.k, pj, r, RotarySide::Key);
    const Eigen::VectorXd kDelta = rotateAt(p.k, delta, r);   // the rotation by Δθ alone
    double relative = 0.0;
    for (int c = 0; c < half; ++c)
        relative += std::pow(r.zeta[c], -delta / r.scaleBase) * (p.q[2 * c] * kDelta[2 * c] + p.q[2 * c + 1] * kDelta[2 * c + 1]);
    steps.push_back({trCore("Walk", "Rotate and scale q and k"), "q̃_i = ζ^(m_i/B)⊙R(i·θ) q_i,  k̃_j = ζ^(−m_j/B)⊙R(j·θ) k_j",
                     trCore("Walk", "Pairs are interleaved (2c, 2c+1), as torchscale's rotate_every_two; θ_c = base^(−2c/d)."),
                     {vec("q_i", p.q), vec("k_j", p.k)},
                     {vec("q̃_i", qr), vec("k̃_j", kr), scalar("q̃_i·k̃_j / √d", p.plan.scale * qr.dot(kr)),
                      scalar(trCore("Walk", "Σ_c ζ_c^(−Δ/B)·q_i·R(Δθ_c)k_j / √d (Δ alone)"), p.plan.scale * relative)},
                     false, {}, {{p.i, p.j}}, {delta}});
}

// NoPE: the only position signal is the causal mask; at λ = 0 it makes the first layer uniform.
void nopeSteps(const Pair& p, std::vector<Step>& steps)
{
    const bool causal = p.plan.model.causal;
    const double lambda = p.seq.hasContent ? p.plan.model.lambda : 0.0;
    if (!causal) {
        steps.push_back({trCore("Walk", "No mask, no position"), "score_ij = q_i·k_j / √d",
                         trCore("Walk", "Without the causal mask this is an encoder: permuting the tokens permutes "
                                        "rows and columns alike, and nothing in the scores can tell where a token is."),
                         {text("causal", trCore("Walk", "false"))}, {}, false, {}, {}, {}});
        return;
    }
    const int visible = p.i + 1;
    std::vector<Quantity> results = {scalar(trCore("Walk", "keys visible to query i"), visible),
                                     scalar(trCore("Walk", "uniform weight 1/(i + 1)"), 1.0 / visible),
                                     scalar("p_ij", p.result.heads[p.h].probs(p.i, p.j))};
    steps.push_back({trCore("Walk", "The mask is the position"), trCore("Walk", "query i sees keys 0..i; at λ = 0: p_ij = 1/(i + 1) for j ≤ i"),
                     lambda == 0.0 ? trCore("Walk", "Every token has the same content, so every visible score is "
                                                    "equal: the first layer averages over the prefix, and the weight "
                                                    "1/(i + 1) tells the layer i.")
                                   : trCore("Walk", "With content (λ > 0) the scores differ by token, not by position; "
                                                    "only the prefix length i + 1 is a position signal."),
                     {text("causal", trCore("Walk", "true")), scalar("λ", lambda)}, results, false, {},
                     {{p.i, p.j}}, {}});
}

// FIRE: the distance through ψ, normalised by the query's position, then the head's MLP output.
void fireSteps(const Pair& p, std::vector<Step>& steps)
{
    const auto* fire = dynamic_cast<const schemes::FireBias*>(p.plan.heads[p.h].cell.get());
    if (!fire) throw Error("internal: fire without its cell term");
    const double c = p.scheme.params().real("c"), threshold = p.scheme.params().real("L");
    const int pi = p.seq.start + p.i, pj = p.seq.start + p.j;
    const double x = fire->input(p.i, p.j);
    steps.push_back({trCore("Walk", "Log distance, normalised by the query's position"),
                     "ψ(x) = log(c·|x| + 1);  x_ij = ψ(i − j) / (ψ(max(i, L)) + 10⁻⁶)",
                     pi <= threshold ? trCore("Walk", "The query sits at or below L: the normaliser is ψ(L), the same for every "
                                                       "such query, so here the bias depends on Δ alone.")
                                     : trCore("Walk", "The query sits beyond L: the normaliser ψ(i) grows with i, so the "
                                                       "same Δ maps to a smaller x further on (not shift-invariant)."),
                     {scalar("i", pi), scalar("j", pj), scalar("c", c), scalar("L", threshold)},
                     {scalar("ψ(i − j)", fire->psi(pi - pj)), scalar("ψ(max(i, L)) + 10⁻⁶", fire->normaliser(p.i)),
                      scalar("x_ij", x)},
                     false, {}, {{p.i, p.j}}, {p.j - p.i}});
    const schemes::FireMlp& mlp = fire->mlp();
    const Eigen::VectorXd hidden = mlp.hidden(x);
    int on = 0;
    for (Eigen::Index k = 0; k < hidden.size(); ++k)
        on += hidden[k] > 0.0 ? 1 : 0;
    steps.push_back({trCore("Walk", "The MLP"), "b = Σ_k w2[h, k]·max(0, w1_k·x + b1_k) + b2[h]",
                     fill(trCore("Walk", "One small MLP (seeded, untrained) maps x to one bias per head; %1 of %2 "
                                         "hidden units are on at this x."),
                          {std::to_string(on), std::to_string(hidden.size())}),
                     {scalar("x_ij", x), vec("max(0, w1·x + b1)", hidden),
                      vec("w2[h, ·]", mlp.w2.row(p.h).transpose()), scalar("b2[h]", mlp.b2[p.h])},
                     {scalar("bias", mlp.eval(p.h, x))}, false, {}, {{p.i, p.j}}, {p.j - p.i}});
}

// CoPE: the gates of the row count key j's position, then the embedding is interpolated.
void copeSteps(const Pair& p, std::vector<Step>& steps)
{
    const auto* cope = dynamic_cast<const schemes::CopeTerm*>(p.plan.heads[p.h].cell.get());
    if (!cope) throw Error("internal: cope without its cell term");
    const Eigen::VectorXd g = cope->gates(p.i);
    const int last = cope->lastKey(p.i);
    std::vector<std::pair<int, int>> counted;
    Quantity gates{"g_it, t = j.." + std::to_string(last), Eigen::MatrixXd(1, std::max(0, last - p.j + 1)), {}, {}, {}};
    for (int t = p.j; t <= last; ++t) {
        gates.value(0, t - p.j) = g[t];
        gates.colLabels.push_back("t = " + std::to_string(t));
        counted.emplace_back(p.i, t);
    }
    double pos = 0.0;
    cope->positions(p.i, p.j, 1, &pos);
    steps.push_back({trCore("Walk", "Gates count the position"), "g_it = σ(q_i·k_t / √d);  p_ij = min(Σ_{t=j..i} g_it, npos − 1)",
                     last < p.j ? trCore("Walk", "Key j is hidden from query i: no gate counts it, p_ij = 0.")
                                : trCore("Walk", "Each key from j to the query adds its gate (between 0 and 1): the "
                                                 "position of j is how many keys since j the query finds relevant, "
                                                 "not how many there are."),
                     {gates, scalar("npos", cope->npos())},
                     {scalar("Σ gates", last < p.j ? 0.0 : g.segment(p.j, last - p.j + 1).sum()), scalar(trCore("Walk", "counted position p_ij"), pos)},
                     false, {}, counted, {}});
    const int lo = static_cast<int>(std::floor(pos)), hi = static_cast<int>(std::ceil(pos));
    const double w = pos - std::floor(pos);
    const double fLo = cope->q().row(p.i).dot(cope->embedding().row(lo));
    const double fHi = cope->q().row(p.i).dot(cope->embedding().row(hi));
    steps.push_back({trCore("Walk", "Interpolate the embedding"), "term = (q_i·e[⌈p⌉]·w + q_i·e[⌊p⌋]·(1 − w)) / √d,  w = p − ⌊p⌋",
                     trCore("Walk", "Counted positions are fractional: the logits of the two integer positions around p are mixed."),
                     {scalar("⌊p⌋", lo), scalar("⌈p⌉", hi), scalar("w", w), scalar("q_i·e[⌊p⌋]", fLo),
                      scalar("q_i·e[⌈p⌉]", fHi), scalar("1/√d", cope->scale())},
                     {scalar("term", cope->scale() * (fHi * w + fLo * (1 - w)))}, false, {}, {{p.i, p.j}}, {}});
}

} // namespace

Walk explain(const Scheme& scheme, const Sequence& seq, int head, int i, int j)
{
    return explain(scheme, seq, referenceAttention(scheme, seq), makePlan(scheme, seq), head, i, j);
}

Walk explain(const Scheme& scheme, const Sequence& seq, const AttentionResult& result, const AttentionPlan& plan,
             int head, int i, int j)
{
    const int n = seq.size();
    checkHead(head, plan.model.heads);
    checkCell(i, j, n);
    const int hd = plan.model.headDim();
    const Eigen::MatrixXd x = plan.content + plan.pe;
    const Eigen::VectorXd q = (x.row(i) * plan.proj->wq.middleCols(head * hd, hd)).transpose();
    const Eigen::VectorXd k = (x.row(j) * plan.proj->wk.middleCols(head * hd, hd)).transpose();
    const Pair p{scheme, seq, result, plan, head, i, j, n, j - i + n - 1, q, k};
    const auto labels = seq.labels();

    Walk w;
    w.scheme = scheme.info().name;
    w.title = fill(trCore("Walk", "%1: query %2 (%3) → key %4 (%5), head %6"),
                   {trCore("Scheme", scheme.info().title.c_str()), std::to_string(i), labels[i], std::to_string(j),
                    labels[j], std::to_string(head)});
    w.head = head;
    w.i = i;
    w.j = j;
    w.steps.push_back({trCore("Walk", "Tokens and offset"), "Δ = j − i",
                       trCore("Walk", "Positions are 0-based; i is the query (row), j the key (column)."),
                       {text(trCore("Walk", "token i"), labels[i]), text(trCore("Walk", "token j"), labels[j])},
                       {scalar("i", seq.start + i), scalar("j", seq.start + j), scalar("Δ", j - i)}, false, {},
                       {{i, j}}, {j - i}});
    w.steps.push_back({trCore("Walk", "Content vectors"), "e = λ·c(token) + (1 − λ)·u",
                       seq.hasContent ? trCore("Walk", "Each token text has its own seeded vector; u is shared by all tokens.")
                                      : trCore("Walk", "Bare positions: every token has the same content u."),
                       {scalar("λ", seq.hasContent ? plan.model.lambda : 0.0)},
                       {vec("e_i", plan.content.row(i).transpose()), vec("e_j", plan.content.row(j).transpose())},
                       false, {}, {}, {}});
    if (scheme.hasAbsolute()) {
        const Eigen::VectorXd pi = plan.pe.row(i), pj = plan.pe.row(j);
        w.steps.push_back({trCore("Walk", "Absolute encoding"), "x_p = e_p + PE_p",
                           scheme.info().name == "sinusoidal"
                               ? trCore("Walk", "PE_i·PE_j = Σ_k cos(ω_k·Δ) depends only on the offset, not on where "
                                                "the pair sits.")
                               : trCore("Walk", "The encoding is added to the content before the projections."),
                           {vec("PE_i", pi), vec("PE_j", pj)},
                           {scalar("PE_i·PE_j", pi.dot(pj)), vec("x_i", x.row(i).transpose()),
                            vec("x_j", x.row(j).transpose())},
                           false, {}, {}, {j - i}});
    } else if (scheme.info().kind == SchemeKind::None) {
        w.steps.push_back({trCore("Walk", "No position"), "x_p = e_p",
                           plan.model.causal
                               ? trCore("Walk", "Nothing in x tells positions apart; only the causal mask does (query "
                                                "i sees keys 0..i).")
                               : trCore("Walk", "Nothing tells positions apart: two equal tokens get equal rows, and "
                                                "shuffling the tokens only permutes the map."),
                           {}, {}, false, {}, {}, {}});
    }
    w.steps.push_back({trCore("Walk", "Project to query and key"), "q_i = x_i W_q^h,  k_j = x_j W_k^h",
                       fill(trCore("Walk", "Head h uses its own %1 columns of the seeded projections."),
                            {std::to_string(hd)}),
                       {}, {vec("q_i", q), vec("k_j", k)}, false, {}, {}, {}});

    const std::string& name = scheme.info().name;
    if (name == "shaw")
        shawSteps(p, w.steps);
    else if (name == "t5")
        t5Steps(p, w.steps);
    else if (name == "alibi")
        alibiSteps(p, w.steps);
    else if (name == "rope")
        ropeSteps(p, w.steps);
    else if (name == "deberta")
        debertaSteps(p, w.steps);
    else if (name == "transformer-xl")
        transformerXlSteps(p, w.steps);
    else if (name == "seed-linear")
        seedLinearSteps(p, w.steps);
    else if (name == "kerple")
        kerpleSteps(p, w.steps);
    else if (name == "nope")
        nopeSteps(p, w.steps);
    else if (name == "xpos")
        xposSteps(p, w.steps);
    else if (name == "fire")
        fireSteps(p, w.steps);
    else if (name == "cope")
        copeSteps(p, w.steps);

    const HeadResult& hr = result.heads[head];
    Quantity terms{trCore("Walk", "score terms"), Eigen::MatrixXd(hr.terms.size(), 1), {}, {trCore("Walk", "value")}, {}};
    double sum = 0.0;
    for (std::size_t t = 0; t < hr.terms.size(); ++t) {
        terms.value(t, 0) = hr.terms[t].value(i, j);
        terms.rowLabels.push_back(trCore("ScoreTerm", hr.terms[t].name.c_str())); // marked in the schemes
        sum += hr.terms[t].value(i, j);
    }
    const bool masked = plan.model.causal && j > i;
    w.logit = hr.logits(i, j);
    w.steps.push_back({trCore("Walk", "Score"), trCore("Walk", "logit = (Σ terms) / T"),
                       masked ? trCore("Walk", "Key j comes after query i: the causal mask hides it (−∞).")
                              : trCore("Walk", "The terms add up; the temperature T divides the sum."),
                       {terms, scalar("T", plan.model.temperature)},
                       {scalar(trCore("Walk", "Σ terms"), sum), scalar("logit", w.logit)}, false, {}, {{i, j}}, {}});
    double mx = -INFINITY, z = 0.0;
    for (int c = 0; c < n; ++c)
        mx = std::max(mx, hr.logits(i, c));
    for (int c = 0; c < n; ++c)
        z += std::isinf(hr.logits(i, c)) ? 0.0 : std::exp(hr.logits(i, c) - mx);
    w.prob = hr.probs(i, j);
    std::vector<std::pair<int, int>> row;
    for (int c = 0; c < n; ++c)
        row.emplace_back(i, c);
    w.steps.push_back({trCore("Walk", "Softmax over row i"), "p_ij = exp(logit_ij − max) / Σ_c exp(logit_ic − max)",
                       trCore("Walk", "Subtracting the row maximum keeps exp from overflowing and changes nothing."),
                       {scalar("max_c logit_ic", mx), scalar("Σ_c exp(logit_ic − max)", z)},
                       {scalar("p_ij", w.prob)}, false, {}, row, {}});
    return w;
}

} // namespace poslab
