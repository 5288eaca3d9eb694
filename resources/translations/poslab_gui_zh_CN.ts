<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Examples</name>
    <message>
        <source>Seed article (session)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seed-linear on 6 positions, cell (1, 4) and its worked example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sinusoidal vs RoPE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RoPE beside sinusoidal, both shifted by 8: only the absolute one moves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALiBi heads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Eight causal ALiBi heads on 64 positions: steep and shallow slopes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T5 buckets at long range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T5&apos;s log-spaced buckets on 200 positions, saturating beyond 128</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shaw clipping (k = 2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shaw&apos;s relative positions clipped to [™, 2]: the bucket matrix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Absolute vs relative under a shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALiBi against sinusoidal on a sentence, every position shifted by 8</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>shift s = %1: max |M(s) − M(0)| = &lt;b&gt;%2&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pairs </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The context-extension view is about RoPE: a rotary model trained at L0 and run at a longer L. The scheme is %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L = %1 is longer than this view draws (%2): poslab-cli compute --what context-curves writes any length.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rope without scaling: trained at L0 = %1, run at L = %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rope, %1 ×%2: trained at L0 = %3, run at L = %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · curves at factor %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · attention factor a = %1 · %2 of %3 pairs see angles never seen below L0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · not drawn: %1 (these parameters cannot evaluate it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 past L0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which matrix of the head to show: probabilities, logits, the positional bias, Δ, the bucket index, or one term of the score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour map for unsigned values; signed values always use the diverging blue–white–red map with white at 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Log scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logarithmic colour scale (probabilities and other unsigned values)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mean pooling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When there are more cells than pixels, each drawn cell is the max or the mean of a block; for signed matrices (logits, bias, terms, Δ) max is max |·|: the value of largest magnitude, with its sign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 pooling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour map of the values shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values of both signs use the diverging blue–white–red map with white at 0; the colour map applies to one-signed values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logarithmic colour scale (probabilities)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A log scale applies to probabilities, not to signed values such as logits and biases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which tensor is which?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tensor of %1 has a name PosLab knows. Pick the tensor and what it holds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tensor:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Holds:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no 2-D floating-point tensor PosLab could show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs n × n matrices: unavailable at n = %2
(only the probabilities of the head shown are streamed and pooled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>computing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: unavailable at n = %2 (score terms are computed for n ≤ %3 only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>head %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(d) head %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, head %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cos(θ%1Δ) pair %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Σ cos(θΔ), all pairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mean PE_i·PE_{i+Δ}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>table row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>clip index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>measured profile: unavailable at n = %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>measured profile: computing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · no Δ-curve without an input: mean attention of head %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the scheme has no curve of Δ alone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dimension k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PE value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · PE: %2 positions × %3 dimensions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · Δ-profile of the similarity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mean cos(PEᵢ, PEᵢ₊Δ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cos(PEᵢ, PEⱼ): n × n, unavailable at n = %1 (at most %2 positions)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>position i</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>position j</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cos(PEᵢ, PEⱼ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · cosine similarity of positions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mean along each diagonal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RoFormer bound, head dim %1 (÷ its value at Δ = 0)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>poslab::gui::BusyOverlay</name>
    <message>
        <source>Recomputing… %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recomputing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
Esc cancels</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>poslab::gui::ComparePanel</name>
    <message>
        <source>The second scheme (default parameters); the first is the one picked on the left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every position is offset by s: token k sits at position s + k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A and B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shift of A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shift of B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two schemes and their difference, or one scheme&apos;s shift test: the same tokens at positions 0.. (M(0)) and s.. (M(s)), and M(s) − M(0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Against:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;hift s:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matri&amp;x:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sho&amp;w:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare mode computes when this view is shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 − %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;difference&lt;/b&gt;&lt;br&gt;max |A − B| = &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, head %2: M(0), positions %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, head %2: M(s), positions %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>M(s) − M(0), on the maps&apos; scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: M(s) − M(0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;M(0)&lt;/b&gt;: %1 (%2)&lt;br&gt;the tokens at positions %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;M(s)&lt;/b&gt;: the same tokens and weights&lt;br&gt;at positions %1 (s = %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;M(s) − M(0)&lt;/b&gt;&lt;br&gt;max |·| = &lt;b&gt;%1&lt;/b&gt; (head %2), %3 (every head)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>poslab::gui::ContextPanel</name>
    <message>
        <source>Use &amp;RoPE, yarn ൴</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rope&apos;s scaling: how the frequencies are stretched (HF rope_type)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rope&apos;s factor: the context length divided by L0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L0, the length the model was trained at (original_max_position)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L, the length the model runs at: the sequence&apos;s n (bare positions)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch the scheme to rope with yarn scaling ×4 from L0 = n/4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Scaling:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Factor:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L&amp;0:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;L:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>poslab::gui::DeltaCurvePanel</name>
    <message>
        <source>RoFormer &amp;bound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RoFormer ੳ.4.3: the relative upper bound (1/(d/2)) Σⱼ |Sⱼ|, Sⱼ = Σ_{k&lt;j} e^{iΔθₖ}, with the scheme&apos;s own frequencies, divided by its value at Δ = 0: how far apart tokens&apos; rotations stop adding up (rotary schemes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>head dim </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head dimension d of the bound (even); the model&apos;s own heads may be smaller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Δ runs over [−range, range]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Δ &amp;range:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines: the scheme&apos;s value (left axis); dots: mean attention along each diagonal (right axis); red: the selected cell&apos;s Δ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, relative bound</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>poslab::gui::EncodingPanel</name>
    <message>
        <source>PE: what the scheme adds to every token&apos;s input, row i position i&apos;s vector. Beside it, how alike two positions&apos; vectors are, and that averaged over pairs Δ apart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relative schemes act on the scores, not the inputs: see their bias and Δ-curve. Sinusoidal and learned add an encoding to show here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>poslab::gui::ExportDialog</name>
    <message>
        <source>&amp;None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also write the &amp;data as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Figure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG (raster)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (vector, text selectable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SVG (vector)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One column (%1 mm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two columns (%1 mm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG pixels per inch, and the resolution of heatmap cells inside PDF and SVG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> pt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sequential map for probabilities and indices; signed data is always diverging</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exact numbers shown, beside the figure, as poslab-cli compute writes them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Width × height:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resolution:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> dpi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;ont:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Font si&amp;ze:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Colour map:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2 mm · PNG %3 × %4 px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 figure (*.%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>poslab::gui::HeadsPanel</name>
    <message>
        <source>&amp;Matrix:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scale per head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log scale per head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One colour scale for every head, or each head from its own lowest to its highest value (in its title); ALiBi starts with a log scale per head, where each head&apos;s slope shows as its own gradient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The head grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use fewer tokens or heads for every head&apos;s matrices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of every head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 of every head, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one colour scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a colour range per head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a log colour range per head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (%1 of %2×%3 cells)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a head to focus it (the heatmap and Δ-curve follow); double-click to open it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>poslab::gui::HeatmapPanel</name>
    <message>
        <source>&amp;Matrix:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, head %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of head %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>selected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hover a cell for its value; click to select it, wheel to zoom, drag to pan, double-click to reset.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>poslab::gui::MainWindow</name>
    <message>
        <source>PosLab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Δ-curve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheme and model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worked example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing: %1 (Esc cancels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel computation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>E&amp;xamples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Seed article example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The seed article&apos;s worked example (n = 6, i = 1, j = 4), checked step by step, with seed-linear on 6 positions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit PosLab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Heatmap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>H&amp;eads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Δ-curve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;ncoding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Con&amp;text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the %1 view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Previous head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Presentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full screen for a lecture: the view alone in large type, a Δ slider under it, PgUp/PgDn step through the worked example; Esc leaves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the selected cell&apos;s worked example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lessons…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guided lessons: each sets the explorer up for one idea and explains it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About PosLab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What PosLab is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the Qt version and licence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 view needs n × n matrices: showing the heatmap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>n = %1 · heads %2 · %3 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · head %1 first, every head computing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About PosLab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;PosLab %1&lt;/b&gt;&lt;p&gt;A desktop lab for positional encodings in attention: %2 schemes, one toy model, every matrix on screen.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>poslab::gui::ModelFiles</name>
    <message>
        <source>Open &amp;Model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the positions a real model learned: a model folder (config.json + safetensors) or a .safetensors/.npy file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights (*.safetensors *.npy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model folder config (config.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use &amp;Seeded Weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the seeded toy model&apos;s tables</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>poslab::gui::PresentationBar</name>
    <message>
        <source>Play: move the slider step by step (again: pause)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shift s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every position offset by s: the compare view recomputes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Δ = j − i</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The diagonal Δ on the heatmap and its point on the Δ-curve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>s = %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Δ = %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>poslab::gui::SchemePanel</name>
    <message>
        <source>Model width; must be divisible by the number of heads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of attention heads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The head the heatmap and Δ-curve show (Ctrl+[ / Ctrl+])</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encoder (bidirectional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decoder (causal)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoder: query i sees only keys j ≤ i</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seeds content vectors, projections and random tables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logits are divided by it before the softmax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Scheme:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;d_model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>H&amp;eads:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head &amp;shown:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mask:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>See&amp;d:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>λ (&amp;content):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Temperature:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>comma-separated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content weight: e_i = λ୼(token_i) + (1 − λ)·u</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Does not apply to bare positions: every token gets the same neutral content u (in effect λ = 0). Type a text to give tokens content.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>λ = 0 while “Positions only” is ticked (Sequence panel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seeded toy model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every table is drawn from the seed (File › Open Model… reads a checkpoint&apos;s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>poslab::gui::SequencePanel</name>
    <message>
        <source>&amp;Positions only (λ = 0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type or paste a sequence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sequence attention runs on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>word: runs of letters and digits, each punctuation mark and CJK character alone; char: one token per character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every token gets the same neutral content: only positions differ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tokenizer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se&amp;quence:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n bare position(s), no content: type to replace them</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>poslab::gui::SessionFiles</name>
    <message>
        <source>&amp;New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start again from the built-in example, untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a session (.poslab) or a figure exported by PosLab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the sequence, scheme, model, view and style as a session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the session under a new name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export Figure…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the view as a PNG, PDF or SVG figure for a paper, with its session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no example %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PosLab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1[*] — PosLab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has unsaved changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save them before going on?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PosLab sessions (*.poslab)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>poslab::gui::WalkPanel</name>
    <message>
        <source>Next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of the worked example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The seed article&apos;s own example (ੴ.3), checked step by step: ⚠ marks where it does not add up. Click a heatmap cell for this model&apos;s walk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The worked example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a heatmap cell (i, j) to see every step from the tokens to its attention weight p&lt;sub&gt;ij&lt;/sub&gt;, with the numbers the heatmap shows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the worked example of head %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
