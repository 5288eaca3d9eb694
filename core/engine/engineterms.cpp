// The score decomposition computed by the oneDNN engine: each plan component as an n × n matrix,
// from the same prepared float data the fused pass uses (products by oneDNN matmuls).

#include "engine/onednnimpl.h"
#include "engine/terms.h"

#include "error.h"
#include "validate.h"

namespace poslab {

namespace {

// s · a · bᵀ (n × n) for a, b row-major n × hd floats.
Eigen::MatrixXd product(engine::GemmCache& cache, const dnnl::stream& stream, int slot, int n, int hd,
                        const float* a, const float* b, double s)
{
    // b · aᵀ row-major is a · bᵀ column-major, the layout of the result: one contiguous pass
    std::vector<float> c(static_cast<std::size_t>(n) * n);
    cache.run({n, n, hd, hd, hd, n, true, false, engine::Precision::F32}, b, a, c.data(), stream, slot);
    return s * Eigen::Map<const Eigen::MatrixXf>(c.data(), n, n).cast<double>();
}

std::vector<float> minus(const std::vector<float>& a, const float* b)
{
    std::vector<float> d(a.size());
    for (std::size_t i = 0; i < a.size(); ++i)
        d[i] = a[i] - b[i];
    return d;
}

} // namespace

std::vector<ScoreTerm> OneDnnEngine::terms(const AttentionPlan& plan, int head, const RunOptions& options)
{
    if (const auto lowered = engine::atEngineTemperature(plan)) return terms(*lowered, head, options);
    const int n = plan.n();
    checkTermsN(n);
    checkHead(head, plan.model.heads);
    Impl& m = *m_impl;
    try {
        m.setThreads(resolveThreads(options.threads));
        engine::PrepareRequest req;
        req.heads = {head};
        req.contentOnly.assign(plan.model.heads, false);
        req.contentOnly[head] = true;
        req.values = false;
        m.preparer.prepare(plan, req, m.cache, m.streams, m.heads);
        return m.termsOf(plan, head, 0);
    } catch (const dnnl::error& e) {
        throw Error(std::string("oneDNN failed: ").append(e.what()));
    }
}

// The head's data are prepared with its content-only projections (PrepareRequest::contentOnly).
std::vector<ScoreTerm> OneDnnEngine::Impl::termsOf(const AttentionPlan& plan, int head, int slot)
{
    const int n = plan.n(), hd = plan.model.headDim();
    const dnnl::stream& stream = streams[slot];
    const engine::HeadData& d = heads[head];
    const HeadPlan& hp = plan.heads[head];
    const double s = plan.scale;
    const float* qx = d.queryPlain(); // x W_q, unrotated
    const float* kx = d.keyPlain();
    // x = e + pe is linear: the pe parts are differences, q_p = x W_q − e W_q.
    const float* qc = d.qc.empty() ? qx : d.qc.data();
    const float* kc = d.kc.empty() ? kx : d.kc.data();
    const std::size_t nh = static_cast<std::size_t>(n) * hd;
    std::vector<float> qp, kp;
    if (!d.qc.empty()) {
        qp = minus(std::vector<float>(qx, qx + nh), qc);
        kp = minus(std::vector<float>(kx, kx + nh), kc);
    }
    std::vector<ScoreTerm> out;
    for (Component comp : planComponentList(plan, head)) {
        Eigen::MatrixXd t;
        switch (comp) {
        case Component::CC:
            t = product(cache, stream, slot, n, hd, qc, kc, s);
            break;
        case Component::CP:
            t = product(cache, stream, slot, n, hd, qc, kp.data(), s);
            break;
        case Component::PC:
            t = product(cache, stream, slot, n, hd, qp.data(), kc, s);
            break;
        case Component::PP:
            t = product(cache, stream, slot, n, hd, qp.data(), kp.data(), s);
            break;
        case Component::Rotation:
            t = product(cache, stream, slot, n, hd, d.q.data(), d.k.data(), s) -
                product(cache, stream, slot, n, hd, qx, kx, s);
            break;
        case Component::KeyTable: {
            t.resize(n, n);
            if (d.keyRows > 0) {
                for (int i = 0; i < n; ++i)
                    for (int j = 0; j < n; ++j)
                        t(i, j) =
                            plan.model.temperature *
                            (d.qTable[static_cast<std::size_t>(i) * d.keyRows + d.keyIdx[j - i + n - 1]] +
                             (d.rowAnchor.empty() ? 0.0 : d.rowAnchor[i]));
            } else {
                // q_i · keyWindow[o] for every offset: n × (2n − 1)
                std::vector<float> g(static_cast<std::size_t>(n) * (2 * n - 1));
                cache.run({n, 2 * n - 1, hd, hd, hd, 2 * n - 1, true, false, Precision::F32}, qx,
                          d.keyWindow.data(), g.data(), stream, slot);
                for (int i = 0; i < n; ++i)
                    for (int j = 0; j < n; ++j)
                        t(i, j) = s * g[static_cast<std::size_t>(i) * (2 * n - 1) + (j - i + n - 1)];
            }
            break;
        }
        case Component::QueryTable:
            t.resize(n, n);
            for (int i = 0; i < n; ++i)
                for (int j = 0; j < n; ++j)
                    t(i, j) = plan.model.temperature *
                              d.kTable[static_cast<std::size_t>(j) * d.queryRows + d.queryIdx[j - i + n - 1]];
            break;
        case Component::KeyBias: {
            // colAdd = scale / T · keyBias·k_j
            t.resize(n, n);
            for (int j = 0; j < n; ++j)
                t.col(j).setConstant(static_cast<double>(d.colAdd[j]) * plan.model.temperature);
            break;
        }
        case Component::OffsetBias:
            t.resize(n, n);
            for (int i = 0; i < n; ++i)
                for (int j = 0; j < n; ++j)
                    t(i, j) = hp.offsetBias[j - i + n - 1];
            break;
        case Component::Cell: // evaluated in double, as the tiles do before their float sum
            t = cellMatrix(*hp.cell, n);
            break;
        }
        if (hp.maskTables && (comp == Component::KeyTable || comp == Component::QueryTable))
            t.triangularView<Eigen::StrictlyUpper>().setZero(); // Mask_ij = 0 for hidden keys
        out.push_back({componentName(comp), std::move(t)});
    }
    return out;
}

} // namespace poslab
