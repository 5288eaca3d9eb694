// The seed article's §4.3 example, reproduced where it is computable and flagged where it is not.
// The article: shared/seeds/000_ea42e9fbd48ad1a0.txt (§3–5).

#include "explain.h"

#include "i18n.h"

#include <sstream>

namespace poslab {

namespace {

Quantity row(const std::string& name, std::initializer_list<double> values)
{
    Eigen::MatrixXd m(1, static_cast<Eigen::Index>(values.size()));
    Eigen::Index c = 0;
    for (double v : values)
        m(0, c++) = v;
    return {name, m, {}, {}, {}};
}

Quantity scalar(const std::string& name, double v) { return row(name, {v}); }
Quantity text(const std::string& name, const std::string& t) { return {name, {}, {}, {}, t}; }

} // namespace

Walk seedArticleWalk()
{
    constexpr int n = 6, i = 1, j = 4;
    const Eigen::VectorXd pe = Eigen::VectorXd::LinSpaced(n, 0.0, n - 1.0);   // the article's PE = (0, 1, …, 5)
    const Eigen::Vector3d emb(0.2, 0.4, 0.6);                                   // its Linear(3) + Bias
    Walk w;
    w.scheme = "seed-linear";
    std::ostringstream peText;
    for (int k = 0; k < n; ++k)
        peText << (k ? ", " : "(") << k;
    peText << ")";
    w.title = fill(trCore("SeedWalk", "Seed article, §4.3: n = %1, PE = %2, positions i = %3 and j = %4"),
                   {std::to_string(n), peText.str(), std::to_string(i), std::to_string(j)});
    w.i = i;
    w.j = j;

    // Each step's quote: lines of the article, verbatim (tests/core/test_explain.cpp finds each in its copy
    // of the article, tests/core/data/seed-article.txt).
    w.steps.push_back({trCore("SeedWalk", "Offset"), "Δ = j − i",
                       trCore("SeedWalk", "The article's step 1: the offset between the two positions."),
                       {scalar("i", i), scalar("j", j)}, {scalar("Δ", j - i)}, false, {}, {{i, j}}, {j - i},
                       "对于位置1和位置4，计算相对位置差异：\n"
                       "\\Delta_1 = 4 - 1 = 3"});

    w.steps.push_back({trCore("SeedWalk", "Δ-embedding"), "Attention Embedding = Linear(Δ) + Bias",
                       trCore("SeedWalk", "The article states the result without the weights. A 3-vector cannot be "
                                          "added to the 6-entry PE below; Linear maps the scalar Δ to a vector of "
                                          "the model width d, so d would have to be both 3 and 6."),
                       {scalar("Δ", j - i)}, {row(trCore("SeedWalk", "Linear(3) + Bias (as stated)"), {0.2, 0.4, 0.6})},
                       true,
                       trCore("SeedWalk", "PosLab's seed-linear: E(Δ) = w·Δ + b with w, b ∈ ℝ^d for one width d; e.g. "
                                          "w = (0, 0, 0), b = (0.2, 0.4, 0.6) reproduces the stated vector for d = 3."),
                       {}, {j - i},
                       "然后，将相对位置差异$\\Delta_1$作为输入，通过线性层和激活函数映射得到相对位置编码：\n"
                       "\\text{Attention Embedding}_1 = \\text{Linear}(3) + \\text{Bias} = (0.2, 0.4, 0.6)"});

    const Eigen::VectorXd padded = pe + (Eigen::VectorXd(n) << emb, Eigen::VectorXd::Zero(n - 3)).finished();
    w.steps.push_back(
        {trCore("SeedWalk", "Relative positional encoding"), "RPE = PE + Mask ⊙ Attention Embedding",
         trCore("SeedWalk", "The article's sum (0.2, 1.4, 2.6, 3.6, 4.6, 5) follows from no rule: the first three "
                            "entries add (0.2, 0.4, 0.6), the next two add 0.6, the last adds nothing."),
         {row("PE", {0, 1, 2, 3, 4, 5}), row("Attention Embedding", {0.2, 0.4, 0.6}), scalar("Mask_ij", 1)},
         {row(trCore("SeedWalk", "RPE (as stated)"), {0.2, 1.4, 2.6, 3.6, 4.6, 5}),
          {trCore("SeedWalk", "RPE with the embedding zero-padded to 6"), padded.transpose(), {}, {}, {}},
          {trCore("SeedWalk", "PE_i + E (PE_i = 1, one scalar per position)"),
           (Eigen::Vector3d::Constant(pe[i]) + emb).transpose(), {}, {}, {}}},
         true,
         trCore("SeedWalk", "Shapes must agree: either PE_i is a d-vector for position i and E(Δ) another d-vector "
                            "(PosLab: RPE_ij = PE_j + Mask_ij·E(Δ), both of width d), or, reading PE as one scalar "
                            "per position, PE_1 + E = (1.2, 1.4, 1.6)."),
         {{i, j}}, {j - i},
         "最后，将相对位置编码与原始位置编码相加，得到最终的相对位置编码：\n"
         "\\text{Relative Positional Encoding}_1 = (0.2, 1.4, 2.6, 3.6, 4.6, 5)"});

    // §5.2's code: relative_pos = arange(1, L+1)[:, None] − arange(L)[None, :]
    Eigen::MatrixXd code(n, n), text_(n, n);
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c) {
            code(r, c) = (r + 1) - c;
            text_(r, c) = c - r;
        }
    std::vector<std::string> idx;
    for (int r = 0; r < n; ++r)
        idx.push_back(std::to_string(r));
    w.steps.push_back({trCore("SeedWalk", "The code's offsets"), "relative_pos = arange(1, L+1)[:, None] − arange(L)[None, :]",
                       trCore("SeedWalk", "The code's matrix is (i + 1) − j: the opposite sign of the text's "
                                          "Δ = j − i, and off by one. At (1, 4) it gives −2, not 3."),
                       {scalar("L (max_len)", n)},
                       {{trCore("SeedWalk", "code: (i + 1) − j"), code, idx, idx, {}},
                        scalar(trCore("SeedWalk", "code at (1, 4)"), code(i, j)),
                        {trCore("SeedWalk", "text: Δ = j − i"), text_, idx, idx, {}},
                        scalar(trCore("SeedWalk", "text at (1, 4)"), text_(i, j))},
                       true, trCore("SeedWalk", "Δ = j − i, i.e. arange(L)[None, :] − arange(L)[:, None]."),
                       {{i, j}}, {j - i},
                       "relative_pos = torch.arange(1, max_len+1).to(device='cuda').unsqueeze(1) - "
                       "torch.arange(max_len).to(device='cuda').unsqueeze(0)"});

    w.steps.push_back({trCore("SeedWalk", "The code's Linear"),
                       "self.attn = nn.Linear(d_model, d_model); attn_emb = self.attn(rel_pos)",
                       trCore("SeedWalk", "rel_pos is an L × L matrix of integers; nn.Linear(d_model, d_model) needs "
                                          "float inputs whose last dimension is d_model. With d_model = 512 and "
                                          "max_len = 128 the call fails (128 ≠ 512, and integer tensors are refused)."),
                       {text("rel_pos", "128 × 128, int64"), text("Linear", "512 → 512, float32")},
                       {text(trCore("SeedWalk", "result"), trCore("SeedWalk", "shape error"))}, true,
                       trCore("SeedWalk", "Feed each offset as a float scalar: Linear(1, d) applied to Δ[..., None] "
                                          "gives an L × L × d tensor of Δ-embeddings (PosLab's seed-linear computes "
                                          "exactly this)."),
                       {}, {},
                       "self.attn = nn.Linear(d_model, d_model)\n"
                       "attn_emb = self.attn(rel_pos)\n"
                       "d_model = 512\n"
                       "max_len = 128"});

    w.steps.push_back({trCore("SeedWalk", "The code's sum"), "output = pos_enc + (attn_emb + pos_enc) · mask",
                       trCore("SeedWalk", "attn_mask[max_len − max_len:] = 1 sets every row, so the mask is all ones "
                                          "and the output is 2·PE + attn_emb: the absolute encoding is counted twice."),
                       {scalar(trCore("SeedWalk", "mask entries"), 1)}, {text("output", "2·PE + attn_emb")}, true,
                       trCore("SeedWalk", "RPE = PE + Mask ⊙ E(Δ) adds PE once, as the article's own formula says."),
                       {}, {},
                       "attn_mask[self.max_len-self.max_len:] = 1\n"
                       "relative_pos_enc = attn_emb + pos_enc\n"
                       "output = pos_enc + relative_pos_enc * pos_mask"});

    w.steps.push_back({trCore("SeedWalk", "What PosLab computes"), "score_ij = q_i·W_k(e_j + PE_j + Mask_ij·E(j − i)) / √d",
                       trCore("SeedWalk", "The computable reading: PE on the inputs, the Δ-embedding on the key of "
                                          "each pair. Open seed-linear with 6 positions and select cell (1, 4) to see "
                                          "every number of it."),
                       {}, {scalar(trCore("SeedWalk", "Δ at (1, 4)"), j - i)}, false, {}, {{i, j}}, {j - i},
                       "相对位置编码的数学表达式为：\n"
                       "\\text{Relative Positional Encoding}_i = \\text{Positional Encoding}_i + "
                       "\\text{Attention Mask}_i \\cdot \\text{Attention Embedding}_i"});
    return w;
}

} // namespace poslab
