// The streaming pass of the oneDNN engine (OneDnnEngine::pooled) over one tile of query rows: the
// same key blocks and online softmax as the full pass (tile.cpp), with the output matmul skipped and
// the exp pass fused with pooling. Each query row keeps its cells' values relative to the max they
// were pooled at, rescaled when the max grows, and merges them into its thread's grid at the end of
// the tile. Nothing n × n is ever held.

#include "engine/kernels.h"
#include "engine/onednnimpl.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace poslab {

void OneDnnEngine::Impl::pooledTile(const engine::Tile& t, const engine::PoolSink& sink, int slot)
{
    namespace k = engine::kernels;
    const int n = t.n, rows = t.rows;
    const int end = t.causal ? t.i0 + rows : n; // keys some row of the tile sees
    const int block = engine::headKeyBlock(t.plan, t.h, keyBlock);
    const std::vector<int>& e = *sink.keyEdges;
    const int cells = static_cast<int>(e.size()) - 1;
    engine::Scratch& sc = t.sc;
    sc.s.resize(static_cast<std::size_t>(t.tileRows) * block);
    sc.m.assign(rows, -std::numeric_limits<float>::infinity());
    sc.l.assign(rows, 0.f);
    // a row's cells [0, cellEnd) hold values (no clearing: 1 MiB per tile was 3% of a run)
    sc.cellVal.resize(static_cast<std::size_t>(rows) * cells);
    sc.cellRef.resize(static_cast<std::size_t>(rows) * cells);
    sc.cellEnd.assign(rows, 0);
    for (int j0 = 0; j0 < end; j0 += block) {
        const int bw =
            std::min({block, n - j0, engine::roundUp(end - j0, 128)}); // computed keys [j0, j0 + bw)
        blockProducts(t, j0, bw, slot);
        // pooling cells met by this block, with edges relative to j0
        const int cb0 = static_cast<int>(std::upper_bound(e.begin(), e.end(), j0) - e.begin()) - 1;
        const int cb1 = static_cast<int>(std::lower_bound(e.begin(), e.end(), j0 + bw) - e.begin());
        const int cbCount = cb1 - cb0;
        sc.localEdges.resize(cbCount + 1);
        for (int c = 0; c <= cbCount; ++c)
            sc.localEdges[c] = std::clamp(e[cb0 + c] - j0, 0, bw);

        for (int r = 0; r < rows; ++r) {
            const int lenb = t.visible(r, j0, bw);
            if (lenb == 0) continue; // a causal block entirely after this query
            float* row = t.row(r, bw);
            const float mb = t.logits(r, j0, bw, lenb, lenb, row);
            // online softmax: e = exp(logit − m'), l = α·l + Σe, e pooled, not stored
            const engine::Tile::Step step = t.step(r, mb);
            // Each cell keeps its value relative to the max it was pooled at (cellRef). Only the
            // block's first cell can hold an earlier block's value, when it began before j0 (the
            // previous block wrote it); the others are written in place.
            float* val = sc.cellVal.data() + static_cast<std::size_t>(r) * cells + cb0;
            float* ref = sc.cellRef.data() + static_cast<std::size_t>(r) * cells + cb0;
            const float carried = e[cb0] < j0 ? val[0] * std::exp(ref[0] - step.max) : 0.f;
            float sum = 0.f;
            if (mb - step.max < k::kExpLowest) // every e of this block is exactly 0 (kernels.h): skip it
                std::fill_n(val, cbCount, 0.f);
            else
                sum = k::expPoolRow(row, lenb, step.max, sc.localEdges.data(), cbCount, sink.poolMax, val);
            val[0] = sink.poolMax ? std::max(carried, val[0]) : carried + val[0];
            std::fill_n(ref, cbCount, step.max);
            sc.cellEnd[r] = cb1;
            t.fold(r, step, sum);
        }
    }
    // p = value · exp(ref − m) / l, merged into this thread's grid row of the query's cell
    for (int r = 0; r < rows; ++r) {
        const std::vector<int>& re = *sink.rowEdges;
        const int a = static_cast<int>(std::upper_bound(re.begin(), re.end(), t.i0 + r) - re.begin()) - 1;
        k::finishCells((*sink.pools)[slot].data() + static_cast<std::size_t>(a) * cells,
                       sc.cellVal.data() + static_cast<std::size_t>(r) * cells,
                       sc.cellRef.data() + static_cast<std::size_t>(r) * cells, sc.cellEnd[r], sc.m[r],
                       1.f / sc.l[r], sink.poolMax);
    }
}

} // namespace poslab
