<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Driver</name>
    <message>
        <source>computation failed</source>
        <translation>计算失败</translation>
    </message>
    <message>
        <source>the sequence</source>
        <translation>序列</translation>
    </message>
    <message>
        <source>Tokenizer</source>
        <translation>分词器</translation>
    </message>
    <message>
        <source>Positions only</source>
        <translation>仅位置</translation>
    </message>
    <message>
        <source>Scheme</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>头数</translation>
    </message>
    <message>
        <source>Head shown</source>
        <translation>显示的头</translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>掩码</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Matrix</source>
        <translation>矩阵</translation>
    </message>
    <message>
        <source>Δ range</source>
        <translation>Δ 范围</translation>
    </message>
    <message>
        <source>Against</source>
        <translation>对比方案</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>平移</translation>
    </message>
    <message>
        <source>Pooling</source>
        <translation>池化</translation>
    </message>
    <message>
        <source>computation cancelled</source>
        <translation>计算已取消</translation>
    </message>
    <message>
        <source>the pooled size</source>
        <translation>池化后的大小</translation>
    </message>
    <message>
        <source>the number of positions</source>
        <translation>位置数</translation>
    </message>
    <message>
        <source>the first position</source>
        <translation>起始位置</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>the layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>the engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <source>the precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>the threads</source>
        <translation>线程数</translation>
    </message>
    <message>
        <source>the rows shown</source>
        <translation>显示的行</translation>
    </message>
    <message>
        <source>the keys shown</source>
        <translation>显示的键</translation>
    </message>
</context>
<context>
    <name>Examples</name>
    <message>
        <source>Seed article (session)</source>
        <translation>原始文章（会话）</translation>
    </message>
    <message>
        <source>seed-linear on 6 positions, cell (1, 4) and its worked example</source>
        <translation>seed-linear，6 个位置，单元格 (1, 4) 及其逐步演算</translation>
    </message>
    <message>
        <source>Sinusoidal vs RoPE</source>
        <translation>正弦位置编码与 RoPE</translation>
    </message>
    <message>
        <source>RoPE beside sinusoidal, both shifted by 8: only the absolute one moves</source>
        <translation>RoPE 与正弦位置编码并列，都平移 8：只有绝对位置编码会变</translation>
    </message>
    <message>
        <source>ALiBi heads</source>
        <translation>ALiBi 的各个头</translation>
    </message>
    <message>
        <source>Eight causal ALiBi heads on 64 positions: steep and shallow slopes</source>
        <translation>64 个位置上的 8 个因果 ALiBi 头：斜率有陡有缓</translation>
    </message>
    <message>
        <source>T5 buckets at long range</source>
        <translation>长距离上的 T5 分桶</translation>
    </message>
    <message>
        <source>T5&apos;s log-spaced buckets on 200 positions, saturating beyond 128</source>
        <translation>T5 在 200 个位置上的对数间隔分桶，超过 128 后饱和</translation>
    </message>
    <message>
        <source>Shaw clipping (k = 2)</source>
        <translation>Shaw 截断（k = 2）</translation>
    </message>
    <message>
        <source>Absolute vs relative under a shift</source>
        <translation>平移下的绝对与相对位置编码</translation>
    </message>
    <message>
        <source>ALiBi against sinusoidal on a sentence, every position shifted by 8</source>
        <translation>在一个句子上对比 ALiBi 与正弦位置编码，每个位置都平移 8</translation>
    </message>
    <message>
        <source>Shaw&apos;s relative positions clipped to [−2, 2]: the bucket matrix</source>
        <translation>Shaw 的相对位置截断到 [−2, 2]：分桶矩阵</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>shift s = %1: max |M(s) − M(0)| = &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>平移 s = %1：max |M(s) − M(0)| = &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <source>pairs </source>
        <translation>频率对 </translation>
    </message>
    <message>
        <source>The context-extension view is about RoPE: a rotary model trained at L0 and run at a longer L. The scheme is %1.</source>
        <translation>上下文扩展视图针对 RoPE：在长度 L0 上训练、在更长的 L 上运行的旋转位置编码模型。当前方案是 %1。</translation>
    </message>
    <message>
        <source>L = %1 is longer than this view draws (%2): poslab-cli compute --what context-curves writes any length.</source>
        <translation>L = %1 超过本视图能绘制的长度（%2）：poslab-cli compute --what context-curves 可以输出任意长度。</translation>
    </message>
    <message>
        <source>rope without scaling: trained at L0 = %1, run at L = %2</source>
        <translation>rope，无缩放：在 L0 = %1 上训练，在 L = %2 上运行</translation>
    </message>
    <message>
        <source>rope, %1 ×%2: trained at L0 = %3, run at L = %4</source>
        <translation>rope，%1 ×%2：在 L0 = %3 上训练，在 L = %4 上运行</translation>
    </message>
    <message>
        <source> · curves at factor %1</source>
        <translation> · 曲线取因子 %1</translation>
    </message>
    <message>
        <source> · attention factor a = %1 · %2 of %3 pairs see angles never seen below L0</source>
        <translation> · 注意力因子 a = %1 · %3 个频率对中有 %2 个出现了 L0 以内从未见过的角度</translation>
    </message>
    <message>
        <source> · not drawn: %1 (these parameters cannot evaluate it)</source>
        <translation> · 未绘制：%1（这组参数无法计算它）</translation>
    </message>
    <message>
        <source>%1: %2 past L0</source>
        <translation>%1：%2 落在 L0 之外</translation>
    </message>
    <message>
        <source>Which matrix of the head to show: probabilities, logits, the positional bias, Δ, the bucket index, or one term of the score</source>
        <translation>显示该头的哪个矩阵：概率、logit（未归一化分数）、位置偏置、Δ、分桶编号，或分数中的某一项</translation>
    </message>
    <message>
        <source>Colour map for unsigned values; signed values always use the diverging blue–white–red map with white at 0</source>
        <translation>无符号值的色图；有符号值总是使用蓝–白–红发散色图，0 为白色</translation>
    </message>
    <message>
        <source>&amp;Log scale</source>
        <translation>对数刻度(&amp;L)</translation>
    </message>
    <message>
        <source>Logarithmic colour scale (probabilities and other unsigned values)</source>
        <translation>对数色标（概率及其他无符号值）</translation>
    </message>
    <message>
        <source>mean pooling</source>
        <translation>均值池化</translation>
    </message>
    <message>
        <source>When there are more cells than pixels, each drawn cell is the max or the mean of a block; for signed matrices (logits, bias, terms, Δ) max is max |·|: the value of largest magnitude, with its sign</source>
        <translation>单元格多于像素时，每个绘制的单元格取一块的最大值或均值；对有符号矩阵（logit、偏置、分数项、Δ），最大值指 max |·|：绝对值最大的那个值，保留其符号</translation>
    </message>
    <message>
        <source>Colour map of the values shown</source>
        <translation>所显示数值的色图</translation>
    </message>
    <message>
        <source>Values of both signs use the diverging blue–white–red map with white at 0; the colour map applies to one-signed values</source>
        <translation>正负都有的值使用蓝–白–红发散色图，0 为白色；色图只用于单一符号的值</translation>
    </message>
    <message>
        <source>Logarithmic colour scale (probabilities)</source>
        <translation>对数色标（概率）</translation>
    </message>
    <message>
        <source>A log scale applies to probabilities, not to signed values such as logits and biases</source>
        <translation>对数刻度只适用于概率，不适用于 logit、偏置这类有符号值</translation>
    </message>
    <message>
        <source>%1 needs n × n matrices: unavailable at n = %2
(only the probabilities of the head shown are streamed and pooled)</source>
        <translation>%1 需要 n × n 矩阵：n = %2 时不可用
（只对显示的头的概率做流式计算和池化）</translation>
    </message>
    <message>
        <source>computing %1…</source>
        <translation>正在计算%1…</translation>
    </message>
    <message>
        <source>%1: unavailable at n = %2 (score terms are computed for n ≤ %3 only)</source>
        <translation>%1：n = %2 时不可用（分数项只在 n ≤ %3 时计算）</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>头 %1</translation>
    </message>
    <message>
        <source>(d) head %1</source>
        <translation>(d) 头 %1</translation>
    </message>
    <message>
        <source>%1, head %2</source>
        <translation>%1，头 %2</translation>
    </message>
    <message>
        <source>cos(θ%1Δ) pair %2</source>
        <translation>cos(θ%1Δ)，第 %2 对</translation>
    </message>
    <message>
        <source>Σ cos(θΔ), all pairs</source>
        <translation>Σ cos(θΔ)，全部频率对</translation>
    </message>
    <message>
        <source>mean PE_i·PE_{i+Δ}</source>
        <translation>PE_i·PE_{i+Δ} 的均值</translation>
    </message>
    <message>
        <source>table row</source>
        <translation>表行</translation>
    </message>
    <message>
        <source>clip index</source>
        <translation>截断编号</translation>
    </message>
    <message>
        <source>measured profile: unavailable at n = %1</source>
        <translation>实测剖面：n = %1 时不可用</translation>
    </message>
    <message>
        <source>measured profile: computing…</source>
        <translation>实测剖面：正在计算…</translation>
    </message>
    <message>
        <source>%1 · no Δ-curve without an input: mean attention of head %2</source>
        <translation>%1 · 没有输入就没有 Δ 曲线：头 %2 的平均注意力</translation>
    </message>
    <message>
        <source>(the scheme has no curve of Δ alone)</source>
        <translation>（该方案没有只依赖 Δ 的曲线）</translation>
    </message>
    <message>
        <source>position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>dimension k</source>
        <translation>维度 k</translation>
    </message>
    <message>
        <source>PE value</source>
        <translation>PE 值</translation>
    </message>
    <message>
        <source>%1 · PE: %2 positions × %3 dimensions</source>
        <translation>%1 · PE：%2 个位置 × %3 个维度</translation>
    </message>
    <message>
        <source>%1 · Δ-profile of the similarity</source>
        <translation>%1 · 相似度的 Δ 剖面</translation>
    </message>
    <message>
        <source>mean cos(PEᵢ, PEᵢ₊Δ)</source>
        <translation>cos(PEᵢ, PEᵢ₊Δ) 的均值</translation>
    </message>
    <message>
        <source>cos(PEᵢ, PEⱼ): n × n, unavailable at n = %1 (at most %2 positions)</source>
        <translation>cos(PEᵢ, PEⱼ)：n × n，n = %1 时不可用（最多 %2 个位置）</translation>
    </message>
    <message>
        <source>position i</source>
        <translation>位置 i</translation>
    </message>
    <message>
        <source>position j</source>
        <translation>位置 j</translation>
    </message>
    <message>
        <source>cos(PEᵢ, PEⱼ)</source>
        <translation>cos(PEᵢ, PEⱼ)</translation>
    </message>
    <message>
        <source>%1 · cosine similarity of positions</source>
        <translation>%1 · 位置之间的余弦相似度</translation>
    </message>
    <message>
        <source>mean along each diagonal</source>
        <translation>各对角线的均值</translation>
    </message>
    <message>
        <source>RoFormer bound, head dim %1 (÷ its value at Δ = 0)</source>
        <translation>RoFormer 上界，头维度 %1（÷ 其在 Δ = 0 处的值）</translation>
    </message>
    <message>
        <source>max |·| pooling</source>
        <translation>max |·| 池化</translation>
    </message>
    <message>
        <source>max pooling</source>
        <translation>最大值池化</translation>
    </message>
    <message>
        <source>term (d)</source>
        <translation>项 (d)</translation>
    </message>
    <message>
        <source>attention probability</source>
        <translation>注意力概率</translation>
    </message>
    <message>
        <source>logit (score / T)</source>
        <translation>logit（分数 / T）</translation>
    </message>
    <message>
        <source>positional part of the logit</source>
        <translation>logit 中的位置部分</translation>
    </message>
    <message>
        <source>bucket index</source>
        <translation>分桶编号</translation>
    </message>
    <message>
        <source>counted position p_ij (CoPE)</source>
        <translation>计数位置 p_ij（CoPE）</translation>
    </message>
    <message>
        <source>score term: %1</source>
        <translation>分数项：%1</translation>
    </message>
    <message>
        <source>
%1×%2 shown as %3×%4 (%5 of %6×%7 cells)</source>
        <translation>
%1×%2 显示为 %3×%4（%6×%7 个单元格取 %5）</translation>
    </message>
    <message>
        <source>, shown as %1 × %2</source>
        <translation>，显示为 %1 × %2</translation>
    </message>
    <message>
        <source>mean attention along Δ (head %1)</source>
        <translation>沿 Δ 的平均注意力（头 %1）</translation>
    </message>
    <message>
        <source>%1 (scheme)</source>
        <translation>%1（方案）</translation>
    </message>
    <message>
        <source>, %1 of %2 shown</source>
        <translation>，显示 %2 个中的 %1 个</translation>
    </message>
    <message>
        <source>%1 · Δ-curve and mean attention of head %2</source>
        <translation>%1 · Δ 曲线与头 %2 的平均注意力</translation>
    </message>
    <message>
        <source>i = %1, head %2</source>
        <translation>i = %1，头 %2</translation>
    </message>
    <message>
        <source>bias</source>
        <translation>偏置</translation>
    </message>
    <message>
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>bucket</source>
        <translation>分桶</translation>
    </message>
    <message>
        <source>ζ%1^(−Δ/B)·cos(θ%1Δ) pair %2</source>
        <translation>ζ%1^(−Δ/B)·cos(θ%1Δ)，第 %2 对</translation>
    </message>
    <message>
        <source>Σ ζ^(−Δ/B)·cos(θΔ), all pairs</source>
        <translation>Σ ζ^(−Δ/B)·cos(θΔ)，全部频率对</translation>
    </message>
    <message>
        <source>%1 · principal components and norm over position</source>
        <translation>%1 · 主成分与各位置的范数</translation>
    </message>
    <message>
        <source>component score</source>
        <translation>主成分得分</translation>
    </message>
    <message>
        <source>norm ‖PEᵢ‖</source>
        <translation>范数 ‖PEᵢ‖</translation>
    </message>
    <message>
        <source>%1 · norm over position; principal components unavailable at n = %2 (at most %3 positions)</source>
        <translation>%1 · 各位置的范数；n = %2 时不计算主成分（至多 %3 个位置）</translation>
    </message>
</context>
<context>
    <name>poslab::gui::BusyOverlay</name>
    <message>
        <source>Recomputing… %1 %</source>
        <translation>正在重新计算… %1 %</translation>
    </message>
    <message>
        <source>Recomputing…</source>
        <translation>正在重新计算…</translation>
    </message>
    <message>
        <source>
Esc cancels</source>
        <translation>
按 Esc 取消</translation>
    </message>
</context>
<context>
    <name>poslab::gui::ComparePanel</name>
    <message>
        <source>The second scheme (default parameters); the first is the one picked on the left</source>
        <translation>第二个方案（默认参数）；第一个是左侧选中的方案</translation>
    </message>
    <message>
        <source>Every position is offset by s: token k sits at position s + k</source>
        <translation>每个位置都偏移 s：第 k 个词元位于位置 s + k</translation>
    </message>
    <message>
        <source>A and B</source>
        <translation>A 与 B</translation>
    </message>
    <message>
        <source>shift of A</source>
        <translation>A 的平移</translation>
    </message>
    <message>
        <source>shift of B</source>
        <translation>B 的平移</translation>
    </message>
    <message>
        <source>The two schemes and their difference, or one scheme&apos;s shift test: the same tokens at positions 0.. (M(0)) and s.. (M(s)), and M(s) − M(0)</source>
        <translation>两个方案及其差，或单个方案的平移检验：同样的词元放在位置 0..（M(0)）和 s..（M(s)），以及 M(s) − M(0)</translation>
    </message>
    <message>
        <source>&amp;Against:</source>
        <translation>对比(&amp;A)：</translation>
    </message>
    <message>
        <source>S&amp;hift s:</source>
        <translation>平移 s(&amp;H)：</translation>
    </message>
    <message>
        <source>Matri&amp;x:</source>
        <translation>矩阵(&amp;X)：</translation>
    </message>
    <message>
        <source>Sho&amp;w:</source>
        <translation>显示(&amp;W)：</translation>
    </message>
    <message>
        <source>Compare mode computes when this view is shown.</source>
        <translation>对比模式在显示本视图时计算。</translation>
    </message>
    <message>
        <source>Compare mode</source>
        <translation>对比模式</translation>
    </message>
    <message>
        <source>%1 − %2</source>
        <translation>%1 − %2</translation>
    </message>
    <message>
        <source>%1 difference</source>
        <translation>%1 之差</translation>
    </message>
    <message>
        <source>&lt;b&gt;difference&lt;/b&gt;&lt;br&gt;max |A − B| = &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>&lt;b&gt;差&lt;/b&gt;&lt;br&gt;max |A − B| = &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1, head %2: M(0), positions %3</source>
        <translation>%1，头 %2：M(0)，位置 %3</translation>
    </message>
    <message>
        <source>%1, head %2: M(s), positions %3</source>
        <translation>%1，头 %2：M(s)，位置 %3</translation>
    </message>
    <message>
        <source>M(s) − M(0), on the maps&apos; scale</source>
        <translation>M(s) − M(0)，与两图同一色标</translation>
    </message>
    <message>
        <source>%1: M(s) − M(0)</source>
        <translation>%1：M(s) − M(0)</translation>
    </message>
    <message>
        <source>&lt;b&gt;M(0)&lt;/b&gt;: %1 (%2)&lt;br&gt;the tokens at positions %3</source>
        <translation>&lt;b&gt;M(0)&lt;/b&gt;：%1（%2）&lt;br&gt;词元位于位置 %3</translation>
    </message>
    <message>
        <source>&lt;b&gt;M(s)&lt;/b&gt;: the same tokens and weights&lt;br&gt;at positions %1 (s = %2)</source>
        <translation>&lt;b&gt;M(s)&lt;/b&gt;：同样的词元和权重&lt;br&gt;位于位置 %1（s = %2）</translation>
    </message>
    <message>
        <source>&lt;b&gt;M(s) − M(0)&lt;/b&gt;&lt;br&gt;max |·| = &lt;b&gt;%1&lt;/b&gt; (head %2), %3 (every head)</source>
        <translation>&lt;b&gt;M(s) − M(0)&lt;/b&gt;&lt;br&gt;max |·| = &lt;b&gt;%1&lt;/b&gt;（头 %2），%3（所有头）</translation>
    </message>
    <message>
        <source>%1, head %2, s = %3</source>
        <translation>%1，头 %2，s = %3</translation>
    </message>
</context>
<context>
    <name>poslab::gui::ContextPanel</name>
    <message>
        <source>rope&apos;s scaling: how the frequencies are stretched (HF rope_type)</source>
        <translation>rope 的 scaling：频率如何拉伸（HF rope_type）</translation>
    </message>
    <message>
        <source>rope&apos;s factor: the context length divided by L0</source>
        <translation>rope 的 factor：上下文长度除以 L0</translation>
    </message>
    <message>
        <source>L0, the length the model was trained at (original_max_position)</source>
        <translation>L0，模型训练时的长度（original_max_position）</translation>
    </message>
    <message>
        <source>L, the length the model runs at: the sequence&apos;s n (bare positions)</source>
        <translation>L，模型运行时的长度：序列的 n（纯位置）</translation>
    </message>
    <message>
        <source>&amp;Scaling:</source>
        <translation>缩放(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Factor:</source>
        <translation>因子(&amp;F)：</translation>
    </message>
    <message>
        <source>L&amp;0:</source>
        <translation>L&amp;0：</translation>
    </message>
    <message>
        <source>&amp;L:</source>
        <translation>&amp;L：</translation>
    </message>
    <message>
        <source>Use &amp;RoPE, yarn ×4</source>
        <translation>使用 &amp;RoPE，yarn ×4</translation>
    </message>
    <message>
        <source>Switch the scheme to rope with yarn scaling ×4 from L0 = n/4</source>
        <translation>把方案切换为 rope，用 yarn 缩放 ×4，L0 = n/4</translation>
    </message>
</context>
<context>
    <name>poslab::gui::DeltaCurvePanel</name>
    <message>
        <source>RoFormer &amp;bound</source>
        <translation>RoFormer 上界(&amp;B)</translation>
    </message>
    <message>
        <source>head dim </source>
        <translation>头维度 </translation>
    </message>
    <message>
        <source>Head dimension d of the bound (even); the model&apos;s own heads may be smaller</source>
        <translation>上界所用的头维度 d（偶数）；模型自身的头可以更小</translation>
    </message>
    <message>
        <source>Δ runs over [−range, range]</source>
        <translation>Δ 取遍 [−range, range]</translation>
    </message>
    <message>
        <source>Δ &amp;range:</source>
        <translation>Δ 范围(&amp;R)：</translation>
    </message>
    <message>
        <source>Lines: the scheme&apos;s value (left axis); dots: mean attention along each diagonal (right axis); red: the selected cell&apos;s Δ.</source>
        <translation>线：方案的值（左轴）；点：每条对角线上的平均注意力（右轴）；红色：所选单元格的 Δ。</translation>
    </message>
    <message>
        <source>, relative bound</source>
        <translation>，相对上界</translation>
    </message>
    <message>
        <source>RoFormer §3.4.3: the relative upper bound (1/(d/2)) Σⱼ |Sⱼ|, Sⱼ = Σ_{k&lt;j} e^{iΔθₖ}, with the scheme&apos;s own frequencies, divided by its value at Δ = 0: how far apart tokens&apos; rotations stop adding up (rotary schemes)</source>
        <translation>RoFormer §3.4.3：相对上界 (1/(d/2)) Σⱼ |Sⱼ|，Sⱼ = Σ_{k&lt;j} e^{iΔθₖ}，用该方案自己的频率，再除以其在 Δ = 0 处的值：词元相距多远时旋转不再叠加（旋转类方案）</translation>
    </message>
</context>
<context>
    <name>poslab::gui::EncodingPanel</name>
    <message>
        <source>Relative schemes act on the scores, not the inputs: see their bias and Δ-curve. Sinusoidal and learned add an encoding to show here.</source>
        <translation>相对位置编码作用在分数上，而不是输入上：请看它们的偏置和 Δ 曲线。正弦位置编码和可学习位置编码会在输入上加编码，显示在这里。</translation>
    </message>
    <message>
        <source>PE: what the scheme adds to every token&apos;s input, row i position i&apos;s vector; under it, the directions along which positions differ most, as curves over position, and each vector&apos;s length. Beside it, how alike two positions&apos; vectors are, and that averaged over pairs Δ apart.</source>
        <translation>PE：方案加到每个词元输入上的向量，第 i 行是位置 i 的向量；其下是位置之间差异最大的几个方向（主成分）随位置变化的曲线，以及每个向量的长度。旁边是两个位置的向量有多相似，以及对相距 Δ 的位置对取的平均。</translation>
    </message>
</context>
<context>
    <name>poslab::gui::ExportDialog</name>
    <message>
        <source>&amp;None</source>
        <translation>无(&amp;N)</translation>
    </message>
    <message>
        <source>Also write the &amp;data as</source>
        <translation>同时写出数据(&amp;D)，格式</translation>
    </message>
    <message>
        <source>Export Figure</source>
        <translation>导出图</translation>
    </message>
    <message>
        <source>PNG (raster)</source>
        <translation>PNG（位图）</translation>
    </message>
    <message>
        <source>PDF (vector, text selectable)</source>
        <translation>PDF（矢量，文字可选）</translation>
    </message>
    <message>
        <source>SVG (vector)</source>
        <translation>SVG（矢量）</translation>
    </message>
    <message>
        <source>One column (%1 mm)</source>
        <translation>单栏（%1 mm）</translation>
    </message>
    <message>
        <source>Two columns (%1 mm)</source>
        <translation>双栏（%1 mm）</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source> mm</source>
        <translation> mm</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>PNG pixels per inch, and the resolution of heatmap cells inside PDF and SVG</source>
        <translation>PNG 每英寸像素数，也是 PDF 和 SVG 中热力图单元格的分辨率</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>Sequential map for probabilities and indices; signed data is always diverging</source>
        <translation>概率和编号使用的顺序色图；有符号数据总是使用发散色图</translation>
    </message>
    <message>
        <source>The exact numbers shown, beside the figure, as poslab-cli compute writes them</source>
        <translation>图中所示的精确数值，放在图旁边，格式与 poslab-cli compute 的输出相同</translation>
    </message>
    <message>
        <source>&amp;View:</source>
        <translation>视图(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Size:</source>
        <translation>尺寸(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Width × height:</source>
        <translation>宽 × 高(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Resolution:</source>
        <translation>分辨率(&amp;R)：</translation>
    </message>
    <message>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <source>F&amp;ont:</source>
        <translation>字体(&amp;O)：</translation>
    </message>
    <message>
        <source>Font si&amp;ze:</source>
        <translation>字号(&amp;Z)：</translation>
    </message>
    <message>
        <source>&amp;Colour map:</source>
        <translation>色图(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>%1 × %2 mm · PNG %3 × %4 px</source>
        <translation>%1 × %2 mm · PNG %3 × %4 像素</translation>
    </message>
    <message>
        <source>%1 figure (*.%2)</source>
        <translation>%1 图 (*.%2)</translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation>热力图</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>多头</translation>
    </message>
    <message>
        <source>Δ-curve</source>
        <translation>Δ 曲线</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Worked example</source>
        <translation>逐步演算</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>RoPE frequencies</source>
        <translation>RoPE 频率</translation>
    </message>
    <message>
        <source>Principal components</source>
        <translation>主成分</translation>
    </message>
</context>
<context>
    <name>poslab::gui::HeadsPanel</name>
    <message>
        <source>&amp;Matrix:</source>
        <translation>矩阵(&amp;M)：</translation>
    </message>
    <message>
        <source>one scale</source>
        <translation>统一色标</translation>
    </message>
    <message>
        <source>scale per head</source>
        <translation>每个头单独色标</translation>
    </message>
    <message>
        <source>log scale per head</source>
        <translation>每个头单独对数色标</translation>
    </message>
    <message>
        <source>One colour scale for every head, or each head from its own lowest to its highest value (in its title); ALiBi starts with a log scale per head, where each head&apos;s slope shows as its own gradient</source>
        <translation>所有头共用一个色标，或每个头从自己的最小值到最大值（写在标题里）；ALiBi 默认每个头单独使用对数色标，每个头的斜率显示为各自的渐变</translation>
    </message>
    <message>
        <source>The head grid</source>
        <translation>头网格</translation>
    </message>
    <message>
        <source>Use fewer tokens or heads for every head&apos;s matrices.</source>
        <translation>要看每个头的矩阵，请减少词元或头的数量。</translation>
    </message>
    <message>
        <source>%1 of every head</source>
        <translation>每个头的 %1</translation>
    </message>
    <message>
        <source>%1 · %2 of every head, %3</source>
        <translation>%1 · 每个头的 %2，%3</translation>
    </message>
    <message>
        <source>one colour scale</source>
        <translation>统一色标</translation>
    </message>
    <message>
        <source>a colour range per head</source>
        <translation>每个头单独的色标范围</translation>
    </message>
    <message>
        <source>a log colour range per head</source>
        <translation>每个头单独的对数色标范围</translation>
    </message>
    <message>
        <source> (%1 of %2×%3 cells)</source>
        <translation>（%2×%3 个单元格取 %1）</translation>
    </message>
    <message>
        <source>Click a head to focus it (the heatmap and Δ-curve follow); double-click to open it.</source>
        <translation>单击一个头以选中它（热力图和 Δ 曲线随之切换）；双击打开它。</translation>
    </message>
</context>
<context>
    <name>poslab::gui::HeatmapPanel</name>
    <message>
        <source>&amp;Matrix:</source>
        <translation>矩阵(&amp;M)：</translation>
    </message>
    <message>
        <source>, head %1</source>
        <translation>，头 %1</translation>
    </message>
    <message>
        <source>%1 of head %2</source>
        <translation>头 %2 的 %1</translation>
    </message>
    <message>
        <source>selected: %1</source>
        <translation>已选：%1</translation>
    </message>
    <message>
        <source>Hover a cell for its value; click to select it, wheel to zoom, drag to pan, double-click to reset.</source>
        <translation>悬停在单元格上查看数值；单击选中，滚轮缩放，拖动平移，双击复原。</translation>
    </message>
</context>
<context>
    <name>poslab::gui::MainWindow</name>
    <message>
        <source>PosLab</source>
        <translation>PosLab</translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation>热力图</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>多头</translation>
    </message>
    <message>
        <source>Δ-curve</source>
        <translation>Δ 曲线</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation>序列</translation>
    </message>
    <message>
        <source>Scheme and model</source>
        <translation>方案与模型</translation>
    </message>
    <message>
        <source>Worked example</source>
        <translation>逐步演算</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Computing: %1 (Esc cancels)</source>
        <translation>正在计算：%1（按 Esc 取消）</translation>
    </message>
    <message>
        <source>Cancel computation</source>
        <translation>取消计算</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>E&amp;xamples</source>
        <translation>示例(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Seed article example</source>
        <translation>原始文章的示例(&amp;S)</translation>
    </message>
    <message>
        <source>The seed article&apos;s worked example (n = 6, i = 1, j = 4), checked step by step, with seed-linear on 6 positions</source>
        <translation>原始文章的逐步演算（n = 6，i = 1，j = 4），逐步核对，使用 seed-linear，6 个位置</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Quit PosLab</source>
        <translation>退出 PosLab</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Heatmap</source>
        <translation>热力图(&amp;H)</translation>
    </message>
    <message>
        <source>H&amp;eads</source>
        <translation>多头(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Δ-curve</source>
        <translation>Δ 曲线(&amp;Δ)</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>对比(&amp;C)</translation>
    </message>
    <message>
        <source>E&amp;ncoding</source>
        <translation>编码(&amp;N)</translation>
    </message>
    <message>
        <source>Con&amp;text</source>
        <translation>上下文(&amp;T)</translation>
    </message>
    <message>
        <source>Show the %1 view</source>
        <translation>显示“%1”视图</translation>
    </message>
    <message>
        <source>&amp;Next head</source>
        <translation>下一个头(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous head</source>
        <translation>上一个头(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Presentation</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Full screen for a lecture: the view alone in large type, a Δ slider under it, PgUp/PgDn step through the worked example; Esc leaves</source>
        <translation>用于讲课的全屏：只显示视图，字号放大，下方有 Δ 滑块，PgUp/PgDn 逐步浏览逐步演算；按 Esc 退出</translation>
    </message>
    <message>
        <source>Show or hide the selected cell&apos;s worked example</source>
        <translation>显示或隐藏所选单元格的逐步演算</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Lessons…</source>
        <translation>课程(&amp;L)…</translation>
    </message>
    <message>
        <source>Guided lessons: each sets the explorer up for one idea and explains it</source>
        <translation>引导式课程：每一课为一个概念设置好探索器并加以讲解</translation>
    </message>
    <message>
        <source>&amp;About PosLab</source>
        <translation>关于 PosLab(&amp;A)</translation>
    </message>
    <message>
        <source>What PosLab is</source>
        <translation>PosLab 是什么</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>Show the Qt version and licence</source>
        <translation>显示 Qt 的版本和许可证</translation>
    </message>
    <message>
        <source>The %1 view needs n × n matrices: showing the heatmap</source>
        <translation>“%1”视图需要 n × n 矩阵：改为显示热力图</translation>
    </message>
    <message>
        <source>n = %1 · heads %2 · %3 ms</source>
        <translation>n = %1 · %2 个头 · %3 毫秒</translation>
    </message>
    <message>
        <source> · head %1 first, every head computing…</source>
        <translation> · 先显示头 %1，正在计算所有头…</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>About PosLab</source>
        <translation>关于 PosLab</translation>
    </message>
    <message>
        <source>&lt;b&gt;PosLab %1&lt;/b&gt;&lt;p&gt;A desktop lab for positional encodings in attention: %2 schemes, one toy model, every matrix on screen.&lt;/p&gt;</source>
        <translation>&lt;b&gt;PosLab %1&lt;/b&gt;&lt;p&gt;研究注意力中位置编码的桌面实验室：%2 种方案，一个玩具模型，每个矩阵都显示在屏幕上。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Show or hide the lessons</source>
        <translation>显示或隐藏课程</translation>
    </message>
    <message>
        <source>Show or hide the sequence panel</source>
        <translation>显示或隐藏序列面板</translation>
    </message>
    <message>
        <source>Show or hide the scheme and model panel</source>
        <translation>显示或隐藏方案与模型面板</translation>
    </message>
    <message>
        <source>Show the next head (Ctrl+])</source>
        <translation>显示下一个头（Ctrl+]）</translation>
    </message>
    <message>
        <source>Show the previous head (Ctrl+[)</source>
        <translation>显示上一个头（Ctrl+[）</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;System (%1)</source>
        <translation>跟随系统（%1）(&amp;S)</translation>
    </message>
</context>
<context>
    <name>poslab::gui::ModelFiles</name>
    <message>
        <source>Open &amp;Model…</source>
        <translation>打开模型(&amp;M)…</translation>
    </message>
    <message>
        <source>Show the positions a real model learned: a model folder (config.json + safetensors) or a .safetensors/.npy file</source>
        <translation>显示真实模型学到的位置：模型文件夹（config.json + safetensors），或 .safetensors/.npy 文件</translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>Weights (*.safetensors *.npy)</source>
        <translation>权重文件 (*.safetensors *.npy)</translation>
    </message>
    <message>
        <source>Model folder config (config.json)</source>
        <translation>模型文件夹配置 (config.json)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Use &amp;Seeded Weights</source>
        <translation>使用种子生成的权重(&amp;S)</translation>
    </message>
    <message>
        <source>Back to the seeded toy model&apos;s tables</source>
        <translation>回到由种子生成的玩具模型的表</translation>
    </message>
    <message>
        <source>%1: no position table, T5 bias, DeBERTa relative embeddings, q/k projections or layer inputs (x, w_q, w_k, w_v)</source>
        <translation>%1：没有位置表、T5 偏置、DeBERTa 相对位置嵌入、q/k 投影，也没有层输入（x、w_q、w_k、w_v）</translation>
    </message>
    <message>
        <source>%1: no position table, T5 bias, DeBERTa relative embeddings, q/k projections or layer inputs (x, w_q, w_k, w_v); it has %2, which the explorer does not show yet</source>
        <translation>%1：没有位置表、T5 偏置、DeBERTa 相对位置嵌入、q/k 投影，也没有层输入（x、w_q、w_k、w_v）；它有 %2，但探索器暂时还不能显示</translation>
    </message>
</context>
<context>
    <name>poslab::gui::PresentationBar</name>
    <message>
        <source>Play: move the slider step by step (again: pause)</source>
        <translation>播放：逐步移动滑块（再按一次：暂停）</translation>
    </message>
    <message>
        <source>shift s</source>
        <translation>平移 s</translation>
    </message>
    <message>
        <source>Every position offset by s: the compare view recomputes</source>
        <translation>每个位置偏移 s：对比视图会重新计算</translation>
    </message>
    <message>
        <source>Δ = j − i</source>
        <translation>Δ = j − i</translation>
    </message>
    <message>
        <source>The diagonal Δ on the heatmap and its point on the Δ-curve</source>
        <translation>热力图上的对角线 Δ 及其在 Δ 曲线上的点</translation>
    </message>
    <message>
        <source>s = %1</source>
        <translation>s = %1</translation>
    </message>
    <message>
        <source>Δ = %1</source>
        <translation>Δ = %1</translation>
    </message>
</context>
<context>
    <name>poslab::gui::SchemePanel</name>
    <message>
        <source>Model width; must be divisible by the number of heads</source>
        <translation>模型宽度；必须能被头数整除</translation>
    </message>
    <message>
        <source>Number of attention heads</source>
        <translation>注意力头的数量</translation>
    </message>
    <message>
        <source>The head the heatmap and Δ-curve show (Ctrl+[ / Ctrl+])</source>
        <translation>热力图和 Δ 曲线显示的头（Ctrl+[ / Ctrl+]）</translation>
    </message>
    <message>
        <source>encoder (bidirectional)</source>
        <translation>编码器（双向）</translation>
    </message>
    <message>
        <source>decoder (causal)</source>
        <translation>解码器（因果）</translation>
    </message>
    <message>
        <source>Decoder: query i sees only keys j ≤ i</source>
        <translation>解码器：查询 i 只能看到 j ≤ i 的键</translation>
    </message>
    <message>
        <source>Seeds content vectors, projections and random tables</source>
        <translation>用于生成内容向量、投影和随机表的种子</translation>
    </message>
    <message>
        <source>Logits are divided by it before the softmax</source>
        <translation>softmax 之前 logit 先除以它</translation>
    </message>
    <message>
        <source>Scheme</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>&amp;Scheme:</source>
        <translation>方案(&amp;S)：</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>d_mode&amp;l:</source>
        <translation>d_model(&amp;L)：</translation>
    </message>
    <message>
        <source>H&amp;eads:</source>
        <translation>头数(&amp;E)：</translation>
    </message>
    <message>
        <source>Head &amp;shown:</source>
        <translation>显示的头(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Mask:</source>
        <translation>掩码(&amp;M)：</translation>
    </message>
    <message>
        <source>See&amp;d:</source>
        <translation>种子(&amp;D)：</translation>
    </message>
    <message>
        <source>λ (&amp;content):</source>
        <translation>λ（内容）(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Temperature:</source>
        <translation>温度(&amp;T)：</translation>
    </message>
    <message>
        <source>Weights:</source>
        <translation>权重：</translation>
    </message>
    <message>
        <source>comma-separated</source>
        <translation>逗号分隔</translation>
    </message>
    <message>
        <source>Does not apply to bare positions: every token gets the same neutral content u (in effect λ = 0). Type a text to give tokens content.</source>
        <translation>不适用于纯位置：每个词元都得到相同的中性内容 u（实际上 λ = 0）。输入文本即可让词元带有内容。</translation>
    </message>
    <message>
        <source>λ = 0 while “Positions only” is ticked (Sequence panel)</source>
        <translation>勾选“仅位置”时 λ = 0（序列面板）</translation>
    </message>
    <message>
        <source>seeded toy model</source>
        <translation>由种子生成的玩具模型</translation>
    </message>
    <message>
        <source>Every table is drawn from the seed (File › Open Model… reads a checkpoint&apos;s)</source>
        <translation>所有表都由种子生成（文件 › 打开模型… 可读取检查点中的表）</translation>
    </message>
    <message>
        <source>&lt;br&gt;range %1 … %2, default %3</source>
        <translation>&lt;br&gt;范围 %1 … %2，默认 %3</translation>
    </message>
    <message>
        <source>Content weight: e_i = λ·c(token_i) + (1 − λ)·u</source>
        <translation>内容权重：e_i = λ·c(token_i) + (1 − λ)·u</translation>
    </message>
</context>
<context>
    <name>poslab::gui::SequencePanel</name>
    <message>
        <source>&amp;Positions only (λ = 0)</source>
        <translation>仅位置（λ = 0）(&amp;P)</translation>
    </message>
    <message>
        <source>Type or paste a sequence</source>
        <translation>输入或粘贴一个序列</translation>
    </message>
    <message>
        <source>The sequence attention runs on</source>
        <translation>注意力所作用的序列</translation>
    </message>
    <message>
        <source>word: runs of letters and digits, each punctuation mark and CJK character alone; char: one token per character</source>
        <translation>按词：连续的字母和数字为一个词元，每个标点和每个汉字单独成词元；按字符：每个字符一个词元</translation>
    </message>
    <message>
        <source>Every token gets the same neutral content: only positions differ</source>
        <translation>每个词元都得到相同的中性内容：只有位置不同</translation>
    </message>
    <message>
        <source>&amp;Tokenizer:</source>
        <translation>分词器(&amp;T)：</translation>
    </message>
    <message>
        <source>Se&amp;quence:</source>
        <translation>序列(&amp;Q)：</translation>
    </message>
    <message numerus="yes">
        <source>%n bare position(s), no content: type to replace them</source>
        <translation>
            <numerusform>%n 个纯位置，没有内容：输入文本即可替换</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n 个词元</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… 还有 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>word</source>
        <translation>按词</translation>
    </message>
    <message>
        <source>char</source>
        <translation>按字符</translation>
    </message>
</context>
<context>
    <name>poslab::gui::SessionFiles</name>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>Start again from the built-in example, untitled</source>
        <translation>从内置示例重新开始，未命名</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a session (.poslab) or a figure exported by PosLab</source>
        <translation>打开会话（.poslab）或 PosLab 导出的图</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save the sequence, scheme, model, view and style as a session</source>
        <translation>把序列、方案、模型、视图和样式保存为会话</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save the session under a new name</source>
        <translation>用新名称保存会话</translation>
    </message>
    <message>
        <source>&amp;Export Figure…</source>
        <translation>导出图(&amp;E)…</translation>
    </message>
    <message>
        <source>Write the view as a PNG, PDF or SVG figure for a paper, with its session</source>
        <translation>把视图写成用于论文的 PNG、PDF 或 SVG 图，并附上会话</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>no example %1</source>
        <translation>没有示例 %1</translation>
    </message>
    <message>
        <source>PosLab</source>
        <translation>PosLab</translation>
    </message>
    <message>
        <source>%1[*] — PosLab</source>
        <translation>%1[*] — PosLab</translation>
    </message>
    <message>
        <source>%1 has unsaved changes.</source>
        <translation>%1 有未保存的更改。</translation>
    </message>
    <message>
        <source>Save them before going on?</source>
        <translation>继续之前先保存吗？</translation>
    </message>
    <message>
        <source>Open Session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>Save Session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>PosLab sessions (*.poslab)</source>
        <translation>PosLab 会话 (*.poslab)</translation>
    </message>
    <message>
        <source>PosLab sessions and figures (*.poslab *.png *.pdf *.svg)</source>
        <translation>PosLab 会话和图 (*.poslab *.png *.pdf *.svg)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>poslab::gui::TensorPickerDialog</name>
    <message>
        <source>A learned position table (learned)</source>
        <translation>可学习的位置表（learned）</translation>
    </message>
    <message>
        <source>A GPT-2 layer: position table, ln_1 and c_attn (learned)</source>
        <translation>GPT-2 的一层：位置表、ln_1 与 c_attn（learned）</translation>
    </message>
    <message>
        <source>T5 encoder bias (t5)</source>
        <translation>T5 编码器偏置（t5）</translation>
    </message>
    <message>
        <source>T5 decoder bias, one-directional (t5)</source>
        <translation>T5 解码器偏置，单向（t5）</translation>
    </message>
    <message>
        <source>DeBERTa relative embeddings, LayerNorm optional (deberta)</source>
        <translation>DeBERTa 相对位置嵌入，LayerNorm 可选（deberta）</translation>
    </message>
    <message>
        <source>A RoPE layer: q_proj and k_proj (rope)</source>
        <translation>RoPE 的一层：q_proj 与 k_proj（rope）</translation>
    </message>
    <message>
        <source>Which tensor is which?</source>
        <translation>哪个张量是什么？</translation>
    </message>
    <message>
        <source>&amp;Holds:</source>
        <translation>内容(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Layer:</source>
        <translation>层(&amp;L)：</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>No tensor of %1 has a name PosLab knows. Pick what it holds and which tensor plays each part; only tensors whose shape fits are offered.</source>
        <translation>%1 中没有 PosLab 认识的张量名。请选择它包含什么，以及每一部分由哪个张量担任；只列出形状相符的张量。</translation>
    </message>
    <message>
        <source>%1 has no floating-point tensor whose shape fits every part of this.</source>
        <translation>%1 中没有形状与此项每一部分都相符的浮点张量。</translation>
    </message>
</context>
<context>
    <name>poslab::gui::WalkPanel</name>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Previous step</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>First step</source>
        <translation>第一步</translation>
    </message>
    <message>
        <source>Last step</source>
        <translation>最后一步</translation>
    </message>
    <message>
        <source>%1 of the worked example</source>
        <translation>逐步演算的%1</translation>
    </message>
    <message>
        <source>The worked example</source>
        <translation>逐步演算</translation>
    </message>
    <message>
        <source>Click a heatmap cell (i, j) to see every step from the tokens to its attention weight p&lt;sub&gt;ij&lt;/sub&gt;, with the numbers the heatmap shows.</source>
        <translation>单击热力图单元格 (i, j)，查看得到 p&lt;sub&gt;ij&lt;/sub&gt; 的每一步。</translation>
    </message>
    <message>
        <source>the worked example of head %1</source>
        <translation>头 %1 的逐步演算</translation>
    </message>
    <message>
        <source>The seed article&apos;s own example (§4.3), checked step by step: ⚠ marks where it does not add up. Click a heatmap cell for this model&apos;s walk.</source>
        <translation>原始文章自己的示例（§4.3），逐步核对：⚠ 标出对不上的地方。单击热力图单元格可查看本模型的逐步演算。</translation>
    </message>
</context>
</TS>
