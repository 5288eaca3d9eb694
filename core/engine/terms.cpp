#include "engine/terms.h"

#include "error.h"
#include "scheme.h"

namespace poslab {

std::vector<Component> planComponentList(const AttentionPlan& plan, int head)
{
    const HeadPlan& hp = plan.heads[head];
    std::vector<Component> list{Component::CC};
    if (!plan.pe.isZero(0.0)) list.insert(list.end(), {Component::CP, Component::PC, Component::PP});
    if (plan.rotary.enabled) list.push_back(Component::Rotation);
    if (!hp.keyTable.empty()) list.push_back(Component::KeyTable);
    if (!hp.queryTable.empty()) list.push_back(Component::QueryTable);
    if (hp.keyBias.size() > 0) list.push_back(Component::KeyBias);
    if (!hp.offsetBias.empty()) list.push_back(Component::OffsetBias);
    if (hp.cell) list.push_back(Component::Cell);
    return list;
}

std::string componentName(Component c)
{
    switch (c) {
    case Component::CC:
        return "content-content";
    case Component::CP:
        return "content-position";
    case Component::PC:
        return "position-content";
    case Component::PP:
        return "position-position";
    case Component::Rotation:
        return "rotation (rotated − unrotated)";
    case Component::KeyTable:
        return "key table";
    case Component::QueryTable:
        return "query table";
    case Component::KeyBias:
        return "key bias";
    case Component::OffsetBias:
        return "offset bias";
    case Component::Cell:
        return "cell term";
    }
    return "?";
}

std::vector<std::string> oracleTermNames(const Scheme& scheme)
{
    const Sequence one = Sequence::positions(2);
    const ModelConfig& m = scheme.model();
    const Eigen::MatrixXd content = contentVectors(one, m);
    const Eigen::MatrixXd pe = scheme.absolute(one.size());
    const Projections proj = Projections::make(m);
    const int hd = m.headDim();
    const HeadContext ctx{.model = m,
                          .head = 0,
                          .content = content,
                          .pe = pe,
                          .wq = proj.wq.middleCols(0, hd),
                          .wk = proj.wk.middleCols(0, hd),
                          .wv = proj.wv.middleCols(0, hd)};
    std::vector<std::string> names;
    for (const ScoreTerm& t : scheme.scoreTerms(ctx))
        names.push_back(t.name);
    return names;
}

void nameTerms(const Scheme& scheme, AttentionResult& result)
{
    const std::vector<std::string> names = oracleTermNames(scheme);
    for (HeadResult& h : result.heads) {
        if (h.terms.empty()) continue;
        if (h.terms.size() != names.size())
            throw Error("internal: the engine split " + scheme.info().name + " into " +
                        std::to_string(h.terms.size()) + " terms, the scheme into " +
                        std::to_string(names.size()));
        for (std::size_t t = 0; t < names.size(); ++t)
            h.terms[t].name = names[t];
    }
}

} // namespace poslab
