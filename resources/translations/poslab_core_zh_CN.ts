<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Scheme</name>
    <message>
        <source>No position information</source>
        <translation>无位置信息</translation>
    </message>
    <message>
        <source>Sinusoidal absolute encoding</source>
        <translation>正弦绝对位置编码</translation>
    </message>
    <message>
        <source>Learned absolute table</source>
        <translation>可学习的绝对位置表</translation>
    </message>
    <message>
        <source>CoPE contextual position encoding</source>
        <translation>CoPE 上下文位置编码</translation>
    </message>
    <message>
        <source>DeBERTa disentangled attention</source>
        <translation>DeBERTa 解耦注意力</translation>
    </message>
    <message>
        <source>FIRE functional interpolation of relative positions</source>
        <translation>FIRE 相对位置的函数插值</translation>
    </message>
    <message>
        <source>KERPLE kernelized relative positions</source>
        <translation>KERPLE 核化相对位置</translation>
    </message>
    <message>
        <source>NoPE: no position encoding (decoder)</source>
        <translation>NoPE：无位置编码（解码器）</translation>
    </message>
    <message>
        <source>Shaw relative positions (clipped)</source>
        <translation>Shaw 相对位置（截断）</translation>
    </message>
    <message>
        <source>Transformer-XL relative attention</source>
        <translation>Transformer-XL 相对注意力</translation>
    </message>
    <message>
        <source>ALiBi linear biases</source>
        <translation>ALiBi 线性偏置</translation>
    </message>
    <message>
        <source>Rotary position embedding (RoPE)</source>
        <translation>旋转位置编码（RoPE）</translation>
    </message>
    <message>
        <source>The seed article&apos;s Δ-embedding (Linear(Δ) + Bias)</source>
        <translation>原始文章的 Δ 嵌入（Linear(Δ) + Bias）</translation>
    </message>
    <message>
        <source>T5 relative position buckets</source>
        <translation>T5 相对位置分桶</translation>
    </message>
    <message>
        <source>xPos: RoPE with an exponential decay</source>
        <translation>xPos：带指数衰减的 RoPE</translation>
    </message>
</context>
<context>
    <name>SchemeKind</name>
    <message>
        <source>none</source>
        <translation>无编码</translation>
    </message>
    <message>
        <source>absolute</source>
        <translation>绝对编码</translation>
    </message>
    <message>
        <source>relative</source>
        <translation>相对编码</translation>
    </message>
    <message>
        <source>absolute + relative</source>
        <translation>绝对 + 相对编码</translation>
    </message>
</context>
<context>
    <name>SeedWalk</name>
    <message>
        <source>Seed article, §4.3: n = %1, PE = %2, positions i = %3 and j = %4</source>
        <translation>原始文章 §4.3：n = %1，PE = %2，位置 i = %3 与 j = %4</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>偏移</translation>
    </message>
    <message>
        <source>The article&apos;s step 1: the offset between the two positions.</source>
        <translation>原文第 1 步：两个位置之间的偏移。</translation>
    </message>
    <message>
        <source>Δ-embedding</source>
        <translation>Δ 嵌入</translation>
    </message>
    <message>
        <source>The article states the result without the weights. A 3-vector cannot be added to the 6-entry PE below; Linear maps the scalar Δ to a vector of the model width d, so d would have to be both 3 and 6.</source>
        <translation>原文只给出结果，没有给出权重。3 维向量无法与下面有 6 个分量的 PE 相加；Linear 把标量 Δ 映射为模型宽度 d 的向量，所以 d 必须既是 3 又是 6。</translation>
    </message>
    <message>
        <source>Linear(3) + Bias (as stated)</source>
        <translation>Linear(3) + Bias（原文所给）</translation>
    </message>
    <message>
        <source>PosLab&apos;s seed-linear: E(Δ) = w·Δ + b with w, b ∈ ℝ^d for one width d; e.g. w = (0, 0, 0), b = (0.2, 0.4, 0.6) reproduces the stated vector for d = 3.</source>
        <translation>PosLab 的 seed-linear：E(Δ) = w·Δ + b，其中 w, b ∈ ℝ^d，只有一个宽度 d；例如 w = (0, 0, 0)、b = (0.2, 0.4, 0.6) 在 d = 3 时就得到原文所给的向量。</translation>
    </message>
    <message>
        <source>Relative positional encoding</source>
        <translation>相对位置编码</translation>
    </message>
    <message>
        <source>The article&apos;s sum (0.2, 1.4, 2.6, 3.6, 4.6, 5) follows from no rule: the first three entries add (0.2, 0.4, 0.6), the next two add 0.6, the last adds nothing.</source>
        <translation>原文的和 (0.2, 1.4, 2.6, 3.6, 4.6, 5) 不符合任何一种算法：前三个分量加了 (0.2, 0.4, 0.6)，接下来两个加了 0.6，最后一个什么也没加。</translation>
    </message>
    <message>
        <source>RPE (as stated)</source>
        <translation>RPE（原文所给）</translation>
    </message>
    <message>
        <source>RPE with the embedding zero-padded to 6</source>
        <translation>嵌入补零到 6 维后的 RPE</translation>
    </message>
    <message>
        <source>PE_i + E (PE_i = 1, one scalar per position)</source>
        <translation>PE_i + E（PE_i = 1，每个位置一个标量）</translation>
    </message>
    <message>
        <source>Shapes must agree: either PE_i is a d-vector for position i and E(Δ) another d-vector (PosLab: RPE_ij = PE_j + Mask_ij·E(Δ), both of width d), or, reading PE as one scalar per position, PE_1 + E = (1.2, 1.4, 1.6).</source>
        <translation>形状必须一致：要么 PE_i 是位置 i 的 d 维向量、E(Δ) 是另一个 d 维向量（PosLab：RPE_ij = PE_j + Mask_ij·E(Δ)，二者宽度都是 d），要么把 PE 看作每个位置一个标量，此时 PE_1 + E = (1.2, 1.4, 1.6)。</translation>
    </message>
    <message>
        <source>The code&apos;s offsets</source>
        <translation>代码中的偏移</translation>
    </message>
    <message>
        <source>The code&apos;s matrix is (i + 1) − j: the opposite sign of the text&apos;s Δ = j − i, and off by one. At (1, 4) it gives −2, not 3.</source>
        <translation>代码的矩阵是 (i + 1) − j：与正文的 Δ = j − i 符号相反，而且错开一位。在 (1, 4) 处它给出 −2，而不是 3。</translation>
    </message>
    <message>
        <source>code: (i + 1) − j</source>
        <translation>代码：(i + 1) − j</translation>
    </message>
    <message>
        <source>code at (1, 4)</source>
        <translation>代码在 (1, 4) 处</translation>
    </message>
    <message>
        <source>text: Δ = j − i</source>
        <translation>正文：Δ = j − i</translation>
    </message>
    <message>
        <source>text at (1, 4)</source>
        <translation>正文在 (1, 4) 处</translation>
    </message>
    <message>
        <source>Δ = j − i, i.e. arange(L)[None, :] − arange(L)[:, None].</source>
        <translation>Δ = j − i，即 arange(L)[None, :] − arange(L)[:, None]。</translation>
    </message>
    <message>
        <source>The code&apos;s Linear</source>
        <translation>代码中的 Linear</translation>
    </message>
    <message>
        <source>rel_pos is an L × L matrix of integers; nn.Linear(d_model, d_model) needs float inputs whose last dimension is d_model. With d_model = 512 and max_len = 128 the call fails (128 ≠ 512, and integer tensors are refused).</source>
        <translation>rel_pos 是 L × L 的整数矩阵；nn.Linear(d_model, d_model) 要求浮点输入，且最后一维为 d_model。d_model = 512、max_len = 128 时这个调用会失败（128 ≠ 512，而且整数张量会被拒绝）。</translation>
    </message>
    <message>
        <source>result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>shape error</source>
        <translation>形状错误</translation>
    </message>
    <message>
        <source>Feed each offset as a float scalar: Linear(1, d) applied to Δ[..., None] gives an L × L × d tensor of Δ-embeddings (PosLab&apos;s seed-linear computes exactly this).</source>
        <translation>把每个偏移作为浮点标量输入：Linear(1, d) 作用于 Δ[..., None]，得到 L × L × d 的 Δ 嵌入张量（PosLab 的 seed-linear 正是这样计算的）。</translation>
    </message>
    <message>
        <source>The code&apos;s sum</source>
        <translation>代码中的求和</translation>
    </message>
    <message>
        <source>attn_mask[max_len − max_len:] = 1 sets every row, so the mask is all ones and the output is 2·PE + attn_emb: the absolute encoding is counted twice.</source>
        <translation>attn_mask[max_len − max_len:] = 1 设置了每一行，所以掩码处处为一，输出是 2·PE + attn_emb：绝对位置编码被算了两次。</translation>
    </message>
    <message>
        <source>mask entries</source>
        <translation>掩码的元素</translation>
    </message>
    <message>
        <source>RPE = PE + Mask ⊙ E(Δ) adds PE once, as the article&apos;s own formula says.</source>
        <translation>RPE = PE + Mask ⊙ E(Δ) 只加一次 PE，正如原文自己的公式所写。</translation>
    </message>
    <message>
        <source>What PosLab computes</source>
        <translation>PosLab 计算的是什么</translation>
    </message>
    <message>
        <source>The computable reading: PE on the inputs, the Δ-embedding on the key of each pair. Open seed-linear with 6 positions and select cell (1, 4) to see every number of it.</source>
        <translation>可以计算的读法：PE 加在输入上，Δ 嵌入加在每一对的键上。用 6 个位置打开 seed-linear 并选中单元格 (1, 4)，就能看到其中的每个数。</translation>
    </message>
    <message>
        <source>Δ at (1, 4)</source>
        <translation>(1, 4) 处的 Δ</translation>
    </message>
</context>
<context>
    <name>Walk</name>
    <message>
        <source>Clip the offset</source>
        <translation>截断偏移</translation>
    </message>
    <message>
        <source>Offsets beyond ±k share the edge embedding: the model cannot tell them apart.</source>
        <translation>超出 ±k 的偏移共用边缘的嵌入：模型无法区分它们。</translation>
    </message>
    <message>
        <source>Relative key term</source>
        <translation>相对键项</translation>
    </message>
    <message>
        <source>The key of token j is k_j + a^K[index]; this is the extra part of the score.</source>
        <translation>词元 j 的键是 k_j + a^K[index]；这是分数中多出的部分。</translation>
    </message>
    <message>
        <source>Relative value term</source>
        <translation>相对值项</translation>
    </message>
    <message>
        <source>The output also mixes in a^V by clipped offset (it does not change α_ij).</source>
        <translation>输出还按截断后的偏移混入 a^V（它不改变 α_ij）。</translation>
    </message>
    <message>
        <source>key after the query (n &lt; 0): start at bucket %1, n = |n|</source>
        <translation>键在查询之后（n &lt; 0）：从第 %1 个桶开始，n = |n|</translation>
    </message>
    <message>
        <source>key at or before the query (n ≥ 0): start at bucket 0</source>
        <translation>键在查询处或之前（n ≥ 0）：从第 0 个桶开始</translation>
    </message>
    <message>
        <source>decoder: a future key (n &lt; 0) is clamped to n = 0</source>
        <translation>解码器：未来的键（n &lt; 0）被截到 n = 0</translation>
    </message>
    <message>
        <source>decoder: n ≥ 0 stays</source>
        <translation>解码器：n ≥ 0 保持不变</translation>
    </message>
    <message>
        <source>direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>n = i − j; bucket = offset + (n &lt; max_exact ? n : max_exact + ⌊log(n/max_exact) / log(max_distance/max_exact) · (buckets − max_exact)⌋, capped at buckets − 1)</source>
        <translation>n = i − j; bucket = offset + (n &lt; max_exact ? n : max_exact + ⌊log(n/max_exact) / log(max_distance/max_exact) · (buckets − max_exact)⌋，上限为 buckets − 1)</translation>
    </message>
    <message>
        <source>branch</source>
        <translation>分支</translation>
    </message>
    <message>
        <source>exact: n &lt; max_exact, bucket offset + n</source>
        <translation>精确：n &lt; max_exact，桶号为 offset + n</translation>
    </message>
    <message>
        <source>logarithmic: n ≥ max_exact</source>
        <translation>对数：n ≥ max_exact</translation>
    </message>
    <message>
        <source>max_exact + ⌊…⌋ (capped at %1)</source>
        <translation>max_exact + ⌊…⌋（上限 %1）</translation>
    </message>
    <message>
        <source>Bucket of the offset</source>
        <translation>偏移的分桶</translation>
    </message>
    <message>
        <source>T5 measures memory − query = j − i and works with n = i − j; half the buckets are exact, the rest grow logarithmically up to max_distance (float32 arithmetic, as in T5&apos;s code).</source>
        <translation>T5 度量 memory − query = j − i，并使用 n = i − j；一半的桶是精确的，其余的桶按对数增长，直到 max_distance（与 T5 的代码一样用 float32 运算）。</translation>
    </message>
    <message>
        <source>true</source>
        <translation>是</translation>
    </message>
    <message>
        <source>false</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Look up the bias</source>
        <translation>查表得到偏置</translation>
    </message>
    <message>
        <source>One learned scalar per bucket and head; T5 does not divide q·k by √d.</source>
        <translation>每个桶、每个头各有一个可学习的标量；T5 不把 q·k 除以 √d。</translation>
    </message>
    <message>
        <source>head</source>
        <translation>头</translation>
    </message>
    <message>
        <source>The head&apos;s slope</source>
        <translation>该头的斜率</translation>
    </message>
    <message>
        <source>H not a power of two: slopes of the power of two below H, then every other slope of twice that</source>
        <translation>H 不是 2 的幂：先取小于 H 的那个 2 的幂的各斜率，再从其两倍的斜率中隔一个取一个</translation>
    </message>
    <message>
        <source>Each head gets a fixed slope from a geometric sequence; nothing is learned.</source>
        <translation>每个头从一个等比数列中得到固定的斜率；没有任何需要学习的参数。</translation>
    </message>
    <message>
        <source>Linear bias</source>
        <translation>线性偏置</translation>
    </message>
    <message>
        <source>Farther keys are penalised linearly, with no position limit: this is why ALiBi extrapolates beyond the trained length.</source>
        <translation>越远的键受到的惩罚线性增加，且没有位置上限：这正是 ALiBi 能外推到训练长度之外的原因。</translation>
    </message>
    <message>
        <source>inv_freq per pair</source>
        <translation>每对维度的 inv_freq</translation>
    </message>
    <message>
        <source>rotary dims r</source>
        <translation>旋转维数 r</translation>
    </message>
    <message>
        <source>attention factor a</source>
        <translation>注意力因子 a</translation>
    </message>
    <message>
        <source>a² (multiplies the rotary part of the logit)</source>
        <translation>a²（乘在 logit 的旋转部分上）</translation>
    </message>
    <message>
        <source>factors used</source>
        <translation>所用的因子</translation>
    </message>
    <message>
        <source>Scale the frequencies</source>
        <translation>缩放频率</translation>
    </message>
    <message>
        <source>As Hugging Face transformers&apos; modeling_rope_utils.py computes (inv_freq, attention_factor) (here in float64). Only the first r dims of a head rotate; the rest pass unchanged.</source>
        <translation>按 Hugging Face transformers 的 modeling_rope_utils.py 计算 (inv_freq, attention_factor)（这里用 float64）。每个头只有前 r 维旋转，其余维度原样通过。</translation>
    </message>
    <message>
        <source>angles per pair</source>
        <translation>每对维度的角度</translation>
    </message>
    <message>
        <source>Rotation angles</source>
        <translation>旋转角</translation>
    </message>
    <message>
        <source>θ_c = base^(−2c/d); q_i turns by i·θ_c, k_j by j·θ_c</source>
        <translation>θ_c = base^(−2c/d)；q_i 转过 i·θ_c，k_j 转过 j·θ_c</translation>
    </message>
    <message>
        <source>Pairs are dims (2c, 2c+1) (GPT-J, RoFormer).</source>
        <translation>成对的维度是 (2c, 2c+1)（GPT-J、RoFormer）。</translation>
    </message>
    <message>
        <source>Pairs are dims (c, c + d/2) (GPT-NeoX, LLaMA).</source>
        <translation>成对的维度是 (c, c + d/2)（GPT-NeoX、LLaMA）。</translation>
    </message>
    <message>
        <source>Rotate q and k</source>
        <translation>旋转 q 和 k</translation>
    </message>
    <message>
        <source>Only the angle between them survives the dot product: q̃_i·k̃_j = q_i·R((j − i)θ) k_j.</source>
        <translation>点积中只留下二者之间的角度：q̃_i·k̃_j = q_i·R((j − i)θ) k_j。</translation>
    </message>
    <message>
        <source>q_i·R(Δθ)k_j / √d (angle Δθ alone)</source>
        <translation>q_i·R(Δθ)k_j / √d（只含角度 Δθ）</translation>
    </message>
    <message>
        <source>Log-bucket the offset</source>
        <translation>对偏移做对数分桶</translation>
    </message>
    <message>
        <source>DeBERTa measures query − key; PosLab shows bucket(Δ) = −δ. Near offsets keep their own bucket, far ones share logarithmically spaced buckets.</source>
        <translation>DeBERTa 度量 query − key；PosLab 显示 bucket(Δ) = −δ。近的偏移各有自己的桶，远的偏移共用按对数间隔的桶。</translation>
    </message>
    <message>
        <source>i − j (DeBERTa&apos;s sign)</source>
        <translation>i − j（DeBERTa 的符号）</translation>
    </message>
    <message>
        <source>bucket(Δ) (PosLab&apos;s sign)</source>
        <translation>bucket(Δ)（PosLab 的符号）</translation>
    </message>
    <message>
        <source>table row</source>
        <translation>表中的行</translation>
    </message>
    <message>
        <source>Disentangled terms</source>
        <translation>解耦的各项</translation>
    </message>
    <message>
        <source>K^r and Q^r are the relative embeddings projected by the head&apos;s W_k and W_q.</source>
        <translation>K^r 和 Q^r 是经该头的 W_k 和 W_q 投影后的相对嵌入。</translation>
    </message>
    <message>
        <source>Four terms</source>
        <translation>四项</translation>
    </message>
    <message>
        <source>(a) q_i·k_j  (b) q_i·W_R R_{i−j}  (c) u·k_j  (d) v·W_R R_{i−j}, all / √d</source>
        <translation>(a) q_i·k_j  (b) q_i·W_R R_{i−j}  (c) u·k_j  (d) v·W_R R_{i−j}，均 / √d</translation>
    </message>
    <message>
        <source>R is a sinusoid of the distance i − j; u and v are global biases shared by every query.</source>
        <translation>R 是距离 i − j 的正弦编码；u 和 v 是所有查询共用的全局偏置。</translation>
    </message>
    <message>
        <source>Δ-embedding</source>
        <translation>Δ 嵌入</translation>
    </message>
    <message>
        <source>The article&apos;s Attention Embedding: a linear map of the scalar offset.</source>
        <translation>原文的 Attention Embedding：标量偏移的线性映射。</translation>
    </message>
    <message>
        <source>RPE on the key</source>
        <translation>RPE 加在键上</translation>
    </message>
    <message>
        <source>The article never says where RPE enters attention; PosLab puts it on the key of the pair.</source>
        <translation>原文从未说明 RPE 在哪里进入注意力；PosLab 把它加在这一对的键上。</translation>
    </message>
    <message>
        <source>The head&apos;s kernel parameters</source>
        <translation>该头的核参数</translation>
    </message>
    <message>
        <source>p_h ≥ 0.01, 0.01 ≤ a_h ≤ 2 (clamped)</source>
        <translation>p_h ≥ 0.01，0.01 ≤ a_h ≤ 2（截断）</translation>
    </message>
    <message>
        <source>p_h ≥ 0.01, a_h ≥ 0.01 (clamped)</source>
        <translation>p_h ≥ 0.01，a_h ≥ 0.01（截断）</translation>
    </message>
    <message>
        <source>Drawn per head from the seed as the official init, or given; the official code clamps them before every use.</source>
        <translation>按官方的初始化方式由随机种子为每个头抽取，或直接给定；官方代码每次使用前都会截断它们。</translation>
    </message>
    <message>
        <source>p_h as drawn or given</source>
        <translation>抽取或给定的 p_h</translation>
    </message>
    <message>
        <source>a_h as drawn or given</source>
        <translation>抽取或给定的 a_h</translation>
    </message>
    <message>
        <source>Kernel bias</source>
        <translation>核偏置</translation>
    </message>
    <message>
        <source>A power of the distance: a_h &lt; 1 flattens far offsets, a_h = 1 is ALiBi&apos;s line.</source>
        <translation>距离的幂：a_h &lt; 1 使远处的偏移变平，a_h = 1 就是 ALiBi 的直线。</translation>
    </message>
    <message>
        <source>The logarithm grows ever more slowly: far keys are penalised far less than by ALiBi.</source>
        <translation>对数增长得越来越慢：远处的键受到的惩罚远小于 ALiBi。</translation>
    </message>
    <message>
        <source>scale per pair</source>
        <translation>每对维度的缩放</translation>
    </message>
    <message>
        <source>Per-pair scale</source>
        <translation>逐对缩放</translation>
    </message>
    <message>
        <source>ζ_c = (2c + 0.4d)/(1.4d); q&apos;s pair c × ζ_c^(m_i/B), k&apos;s × ζ_c^(−m_j/B), m = position + min_pos</source>
        <translation>ζ_c = (2c + 0.4d)/(1.4d)；q 的第 c 对 × ζ_c^(m_i/B)，k 的 × ζ_c^(−m_j/B)，m = position + min_pos</translation>
    </message>
    <message>
        <source>torchscale centres m on the sequence (min_pos = −(start + n) // 2); in q̃·k̃ only ζ_c^((m_i − m_j)/B) = ζ_c^(−Δ/B) is left: below 1 for keys before the query, a decay.</source>
        <translation>torchscale 让 m 以序列为中心（min_pos = −(start + n) // 2）；q̃·k̃ 中只剩下 ζ_c^((m_i − m_j)/B) = ζ_c^(−Δ/B)：对查询之前的键小于 1，即一种衰减。</translation>
    </message>
    <message>
        <source>Rotate and scale q and k</source>
        <translation>旋转并缩放 q 和 k</translation>
    </message>
    <message>
        <source>Pairs are interleaved (2c, 2c+1), as torchscale&apos;s rotate_every_two; θ_c = base^(−2c/d).</source>
        <translation>成对的维度交错排列 (2c, 2c+1)，同 torchscale 的 rotate_every_two；θ_c = base^(−2c/d)。</translation>
    </message>
    <message>
        <source>Σ_c ζ_c^(−Δ/B)·q_i·R(Δθ_c)k_j / √d (Δ alone)</source>
        <translation>Σ_c ζ_c^(−Δ/B)·q_i·R(Δθ_c)k_j / √d（只含 Δ）</translation>
    </message>
    <message>
        <source>No mask, no position</source>
        <translation>无掩码，无位置</translation>
    </message>
    <message>
        <source>Without the causal mask this is an encoder: permuting the tokens permutes rows and columns alike, and nothing in the scores can tell where a token is.</source>
        <translation>没有因果掩码时这是一个编码器：打乱词元只会同样地置换行和列，分数中没有任何东西能看出词元的位置。</translation>
    </message>
    <message>
        <source>keys visible to query i</source>
        <translation>查询 i 可见的键数</translation>
    </message>
    <message>
        <source>uniform weight 1/(i + 1)</source>
        <translation>均匀权重 1/(i + 1)</translation>
    </message>
    <message>
        <source>The mask is the position</source>
        <translation>掩码即位置</translation>
    </message>
    <message>
        <source>query i sees keys 0..i; at λ = 0: p_ij = 1/(i + 1) for j ≤ i</source>
        <translation>查询 i 看到键 0..i；λ = 0 时：对 j ≤ i，p_ij = 1/(i + 1)</translation>
    </message>
    <message>
        <source>Every token has the same content, so every visible score is equal: the first layer averages over the prefix, and the weight 1/(i + 1) tells the layer i.</source>
        <translation>每个词元的内容都相同，所以每个可见的分数都相等：第一层对前缀取平均，而权重 1/(i + 1) 告诉该层 i 是多少。</translation>
    </message>
    <message>
        <source>With content (λ &gt; 0) the scores differ by token, not by position; only the prefix length i + 1 is a position signal.</source>
        <translation>有内容时（λ &gt; 0），分数随词元而不随位置变化；只有前缀长度 i + 1 是位置信号。</translation>
    </message>
    <message>
        <source>Log distance, normalised by the query&apos;s position</source>
        <translation>对数距离，按查询的位置归一化</translation>
    </message>
    <message>
        <source>The query sits at or below L: the normaliser is ψ(L), the same for every such query, so here the bias depends on Δ alone.</source>
        <translation>查询位于 L 处或之前：归一化因子是 ψ(L)，对所有这样的查询都相同，所以这里的偏置只取决于 Δ。</translation>
    </message>
    <message>
        <source>The query sits beyond L: the normaliser ψ(i) grows with i, so the same Δ maps to a smaller x further on (not shift-invariant).</source>
        <translation>查询位于 L 之后：归一化因子 ψ(i) 随 i 增大，所以同样的 Δ 在更靠后的位置映射到更小的 x（不具有平移不变性）。</translation>
    </message>
    <message>
        <source>The MLP</source>
        <translation>MLP 网络</translation>
    </message>
    <message>
        <source>One small MLP (seeded, untrained) maps x to one bias per head; %1 of %2 hidden units are on at this x.</source>
        <translation>一个小 MLP（由种子生成，未经训练）把 x 映射为每个头一个偏置；在这个 x 处，%2 个隐藏单元中有 %1 个被激活。</translation>
    </message>
    <message>
        <source>Gates count the position</source>
        <translation>门控计数得出位置</translation>
    </message>
    <message>
        <source>Key j is hidden from query i: no gate counts it, p_ij = 0.</source>
        <translation>键 j 对查询 i 不可见：没有门控计入它，p_ij = 0。</translation>
    </message>
    <message>
        <source>Each key from j to the query adds its gate (between 0 and 1): the position of j is how many keys since j the query finds relevant, not how many there are.</source>
        <translation>从 j 到查询的每个键都加上自己的门控值（介于 0 和 1 之间）：j 的位置是查询认为自 j 以来有多少个相关的键，而不是实际有多少个键。</translation>
    </message>
    <message>
        <source>counted position p_ij</source>
        <translation>计数得出的位置 p_ij</translation>
    </message>
    <message>
        <source>Interpolate the embedding</source>
        <translation>对嵌入插值</translation>
    </message>
    <message>
        <source>Counted positions are fractional: the logits of the two integer positions around p are mixed.</source>
        <translation>计数得出的位置是小数：p 两侧两个整数位置的 logit 按比例混合。</translation>
    </message>
    <message>
        <source>%1: query %2 (%3) → key %4 (%5), head %6</source>
        <translation>%1：查询 %2（%3）→ 键 %4（%5），头 %6</translation>
    </message>
    <message>
        <source>Tokens and offset</source>
        <translation>词元与偏移</translation>
    </message>
    <message>
        <source>Positions are 0-based; i is the query (row), j the key (column).</source>
        <translation>位置从 0 开始计数；i 是查询（行），j 是键（列）。</translation>
    </message>
    <message>
        <source>token i</source>
        <translation>词元 i</translation>
    </message>
    <message>
        <source>token j</source>
        <translation>词元 j</translation>
    </message>
    <message>
        <source>Content vectors</source>
        <translation>内容向量</translation>
    </message>
    <message>
        <source>Each token text has its own seeded vector; u is shared by all tokens.</source>
        <translation>每个词元文本有自己的由种子生成的向量；u 为所有词元共用。</translation>
    </message>
    <message>
        <source>Bare positions: every token has the same content u.</source>
        <translation>只有位置：每个词元的内容都是同一个 u。</translation>
    </message>
    <message>
        <source>Absolute encoding</source>
        <translation>绝对位置编码</translation>
    </message>
    <message>
        <source>PE_i·PE_j = Σ_k cos(ω_k·Δ) depends only on the offset, not on where the pair sits.</source>
        <translation>PE_i·PE_j = Σ_k cos(ω_k·Δ) 只取决于偏移，与这一对所在的位置无关。</translation>
    </message>
    <message>
        <source>The encoding is added to the content before the projections.</source>
        <translation>位置编码在投影之前加到内容上。</translation>
    </message>
    <message>
        <source>No position</source>
        <translation>无位置</translation>
    </message>
    <message>
        <source>Nothing in x tells positions apart; only the causal mask does (query i sees keys 0..i).</source>
        <translation>x 中没有任何东西能区分位置；只有因果掩码可以（查询 i 看到键 0..i）。</translation>
    </message>
    <message>
        <source>Nothing tells positions apart: two equal tokens get equal rows, and shuffling the tokens only permutes the map.</source>
        <translation>没有任何东西能区分位置：两个相同的词元得到相同的行，打乱词元只会置换这张图。</translation>
    </message>
    <message>
        <source>Project to query and key</source>
        <translation>投影为查询和键</translation>
    </message>
    <message>
        <source>Head h uses its own %1 columns of the seeded projections.</source>
        <translation>头 h 使用由种子生成的投影矩阵中属于自己的 %1 列。</translation>
    </message>
    <message>
        <source>score terms</source>
        <translation>分数各项</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>logit = (Σ terms) / T</source>
        <translation>logit = (Σ 各项) / T</translation>
    </message>
    <message>
        <source>Key j comes after query i: the causal mask hides it (−∞).</source>
        <translation>键 j 在查询 i 之后：因果掩码把它遮住（−∞）。</translation>
    </message>
    <message>
        <source>The terms add up; the temperature T divides the sum.</source>
        <translation>各项相加，和再除以温度 T，得到 logit（未归一化分数）。</translation>
    </message>
    <message>
        <source>Σ terms</source>
        <translation>Σ 各项</translation>
    </message>
    <message>
        <source>Softmax over row i</source>
        <translation>对第 i 行做 softmax</translation>
    </message>
    <message>
        <source>Subtracting the row maximum keeps exp from overflowing and changes nothing.</source>
        <translation>减去该行的最大值可以防止 exp 溢出，结果不变。</translation>
    </message>
</context>
<context>
    <name>WalkFormat</name>
    <message>
        <source>… %1 values</source>
        <translation>… 共 %1 个值</translation>
    </message>
    <message>
        <source>Article: </source>
        <translation>原文：</translation>
    </message>
    <message>
        <source>[does not add up]</source>
        <translation>[对不上]</translation>
    </message>
    <message>
        <source>Corrected: %1</source>
        <translation>更正：%1</translation>
    </message>
    <message>
        <source>**Formula:** %1</source>
        <translation>**公式：** %1</translation>
    </message>
    <message>
        <source>| quantity | value |</source>
        <translation>| 量 | 值 |</translation>
    </message>
    <message>
        <source>**Does not add up.** %1</source>
        <translation>**此处对不上。** %1</translation>
    </message>
</context>
<context>
    <name>Weights</name>
    <message>
        <source>%1 has %2 but no %3 for layer %4</source>
        <translation>%1 有 %2，但没有第 %4 层的 %3</translation>
    </message>
    <message>
        <source>%1 in %2 is %3 but must be %4 for d_model %5 (%6 %7)</source>
        <translation>%2 中的 %1 形状为 %3，但 d_model 为 %5 时必须是 %4（%6 %7）</translation>
    </message>
    <message>
        <source>{heads} must be %1, the n_head of config.json that the layer&apos;s c_attn is split into, got %2</source>
        <translation>{heads} 必须是 %1，即 config.json 的 n_head（该层的 c_attn 按它分成多个头），实际为 %2</translation>
    </message>
</context>
</TS>
