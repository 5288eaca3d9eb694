#pragma once

// Internal to core: each scheme's description and factory, and the helpers several schemes share.

#include "scheme.h"

#include <functional>
#include <memory>

namespace poslab::schemes {

SchemeInfo noneInfo();
SchemeInfo sinusoidalInfo();
SchemeInfo learnedInfo();
SchemeInfo shawInfo();
SchemeInfo transformerXlInfo();
SchemeInfo t5Info();
SchemeInfo alibiInfo();
SchemeInfo ropeInfo();
SchemeInfo debertaInfo();
SchemeInfo seedLinearInfo();
SchemeInfo kerpleInfo();
SchemeInfo nopeInfo();
SchemeInfo xposInfo();
SchemeInfo fireInfo();
SchemeInfo copeInfo();

std::unique_ptr<Scheme> makeNone(const RawParams& raw, const ModelConfig& model);
std::unique_ptr<Scheme> makeSinusoidal(const RawParams& raw, const ModelConfig& model);
std::unique_ptr<Scheme> makeLearned(const RawParams& raw, const ModelConfig& model);
std::unique_ptr<Scheme> makeShaw(const RawParams& raw, const ModelConfig& model);
std::unique_ptr<Scheme> makeTransformerXl(const RawParams& raw, const ModelConfig& model);
std::unique_ptr<Scheme> makeT5(const RawParams& raw, const ModelConfig& model);
std::unique_ptr<Scheme> makeAlibi(const RawParams& raw, const ModelConfig& model);
std::unique_ptr<Scheme> makeRope(const RawParams& raw, const ModelConfig& model);
std::unique_ptr<Scheme> makeDeberta(const RawParams& raw, const ModelConfig& model);
std::unique_ptr<Scheme> makeSeedLinear(const RawParams& raw, const ModelConfig& model);
std::unique_ptr<Scheme> makeKerple(const RawParams& raw, const ModelConfig& model);
std::unique_ptr<Scheme> makeNope(const RawParams& raw, const ModelConfig& model);
std::unique_ptr<Scheme> makeXpos(const RawParams& raw, const ModelConfig& model);
std::unique_ptr<Scheme> makeFire(const RawParams& raw, const ModelConfig& model);
std::unique_ptr<Scheme> makeCope(const RawParams& raw, const ModelConfig& model);

enum class SinusoidLayout { Interleaved, Concat };

// Row r is the sinusoid of position positions[r] over d dims (d even):
// interleaved: [sin(p·ω_0), cos(p·ω_0), sin(p·ω_1), ...]; concat: [sin(p·ω_0..), cos(p·ω_0..)],
// ω_k = base^(−2k/d).
Eigen::MatrixXd sinusoid(const Eigen::VectorXd& positions, int d, double base, SinusoidLayout layout);

// Positions start .. start + n − 1 as a vector.
Eigen::VectorXd positionRange(int start, int n);

// The scale of q·k used by most schemes: 1/√head_dim.
double defaultScale(const ModelConfig& model);

// Schemes whose whole effect is a bias per head and offset (ALiBi, KERPLE): the head's plan is that
// bias for every offset of an n-token sequence, and the Δ-curve has one column per head.
using OffsetBias = std::function<double(int head, int delta)>;
HeadPlan offsetBiasPlan(int head, int n, const OffsetBias& bias);
DeltaCurve perHeadBiasCurve(int heads, int range, const OffsetBias& bias);

} // namespace poslab::schemes
