#include "gemm.h"

namespace poslab::engine {

namespace {

using dt = dnnl::memory::data_type;

dt inputType(Precision p)
{
    return p == Precision::BF16 ? dt::bf16 : dt::f32;
}

} // namespace

struct GemmCache::Entry
{
    dnnl::matmul primitive;
    dnnl::memory::desc a, b, c, scratch;
    std::string impl;
    std::map<GemmShape, dnnl::reorder> packers; // packB from each source layout
    struct Slot
    {
        dnnl::memory a, b, c, pad;
        bool ready = false;
    };
    std::vector<Slot> slots;
};

GemmCache::GemmCache(const dnnl::engine& eng) : m_engine(eng) {}
GemmCache::~GemmCache() = default;

void GemmCache::setThreadSlots(int slots)
{
    std::lock_guard lock(m_mutex);
    m_slots = slots;
    m_scratch.resize(slots);
    for (auto& [shape, e] : m_entries)
        e->slots.resize(slots);
}

void GemmCache::clear()
{
    std::lock_guard lock(m_mutex);
    m_entries.clear();
}

GemmCache::Entry& GemmCache::entry(const GemmShape& s)
{
    std::lock_guard lock(m_mutex);
    auto it = m_entries.find(s);
    if (it != m_entries.end()) return *it->second;
    using dims = dnnl::memory::dims;
    auto e = std::make_unique<Entry>();
    // C = A · B with explicit strides: A {M, K}, B {K, N} (transposed storage: strides {1, ldb}).
    e->a = dnnl::memory::desc(dims{s.m, s.k}, inputType(s.precision),
                              s.transA ? dims{1, s.lda} : dims{s.lda, 1});
    e->b = s.packedB
               ? dnnl::memory::desc(dims{s.k, s.n}, inputType(s.precision), dnnl::memory::format_tag::any)
               : dnnl::memory::desc(dims{s.k, s.n}, inputType(s.precision),
                                    s.transB ? dims{1, s.ldb} : dims{s.ldb, 1});
    e->c = dnnl::memory::desc(dims{s.m, s.n}, dt::f32, dims{s.ldc, 1});
    dnnl::primitive_attr attr;
    attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
    if (s.accumulate) {
        dnnl::post_ops ops;
        ops.append_sum(1.f); // C += A · B
        attr.set_post_ops(ops);
    }
    const dnnl::matmul::primitive_desc pd(dnnl::matmul::desc(e->a, e->b, e->c), attr, m_engine);
    e->b = pd.weights_desc(); // the packed layout oneDNN chose, for packedB
    e->scratch = pd.scratchpad_desc();
    e->impl = pd.impl_info_str();
    e->primitive = dnnl::matmul(pd);
    e->slots.resize(m_slots);
    return *m_entries.emplace(s, std::move(e)).first->second;
}

void GemmCache::prepare(const GemmShape& shape)
{
    entry(shape);
}

std::string GemmCache::implementation(const GemmShape& shape)
{
    return entry(shape).impl;
}

dnnl::memory::desc GemmCache::packedLayout(const GemmShape& shape)
{
    return entry(shape).b;
}

bool GemmCache::sameBlocking(const GemmShape& shape, const dnnl::memory::desc& layout)
{
    const dnnl_memory_desc_t& a = entry(shape).b.data;
    const dnnl_memory_desc_t& b = layout.data;
    if (a.ndims != b.ndims || a.data_type != b.data_type || a.format_kind != dnnl_blocked ||
        b.format_kind != dnnl_blocked)
        return false;
    const dnnl_blocking_desc_t &x = a.format_desc.blocking, &y = b.format_desc.blocking;
    if (x.inner_nblks != y.inner_nblks) return false;
    for (int i = 0; i < a.ndims; ++i)
        if (x.strides[i] != y.strides[i]) return false;
    for (int i = 0; i < x.inner_nblks; ++i)
        if (x.inner_blks[i] != y.inner_blks[i] || x.inner_idxs[i] != y.inner_idxs[i]) return false;
    return true;
}

void GemmCache::packB(const GemmShape& shape, const GemmShape& from, const void* b, void* dst,
                      const dnnl::stream& stream)
{
    Entry& e = entry(shape);
    const dnnl::memory::desc src = entry(from).b;
    dnnl::reorder packer;
    {
        std::lock_guard lock(m_mutex);
        auto it = e.packers.find(from);
        if (it == e.packers.end())
            it =
                e.packers
                    .emplace(from, dnnl::reorder(dnnl::reorder::primitive_desc(m_engine, src, m_engine, e.b)))
                    .first;
        packer = it->second;
    }
    dnnl::memory in(src, m_engine, const_cast<void*>(b)), out(e.b, m_engine, dst);
    packer.execute(stream, in, out);
}

void GemmCache::run(const GemmShape& shape, const void* a, const void* b, float* c,
                    const dnnl::stream& stream, int slot)
{
    Entry& e = entry(shape);
    Entry::Slot& s = e.slots[slot];
    // Only this slot's thread touches its scratch buffer, so growing it here is safe.
    std::vector<char>& scratch = m_scratch[slot];
    const std::size_t bytes = e.scratch.get_size();
    if (scratch.size() < bytes + 64) scratch.resize(bytes + 64);
    if (!s.ready) {
        s.a = dnnl::memory(e.a, m_engine, const_cast<void*>(a));
        s.b = dnnl::memory(e.b, m_engine, const_cast<void*>(b));
        s.c = dnnl::memory(e.c, m_engine, c);
        s.pad = dnnl::memory(e.scratch, m_engine, scratch.data());
        s.ready = true;
    } else {
        s.a.set_data_handle(const_cast<void*>(a));
        s.b.set_data_handle(const_cast<void*>(b));
        s.c.set_data_handle(c);
        s.pad.set_data_handle(scratch.data());
    }
    e.primitive.execute(
        stream,
        {{DNNL_ARG_SRC, s.a}, {DNNL_ARG_WEIGHTS, s.b}, {DNNL_ARG_DST, s.c}, {DNNL_ARG_SCRATCHPAD, s.pad}});
}

} // namespace poslab::engine
