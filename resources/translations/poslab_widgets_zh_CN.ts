<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>WalkHtml</name>
    <message>
        <source>%1 (%2 values)</source>
        <translation>%1（%2 个值）</translation>
    </message>
    <message>
        <source>… %1 more</source>
        <translation>… 还有 %1 个</translation>
    </message>
    <message>
        <source>… %1 values</source>
        <translation>… 共 %1 个值</translation>
    </message>
    <message>
        <source>Article:</source>
        <translation>原文：</translation>
    </message>
    <message>
        <source>Does not add up</source>
        <translation>此处对不上</translation>
    </message>
    <message>
        <source>What adds up:</source>
        <translation>更正：</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
</context>
<context>
    <name>poslab::widgets::ContextView</name>
    <message>
        <source>kept</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>interpolated</source>
        <translation>插值</translation>
    </message>
    <message>
        <source>ramp</source>
        <translation>过渡</translation>
    </message>
    <message>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Nothing computed yet</source>
        <translation>尚未计算</translation>
    </message>
    <message>
        <source>wavelength 2π/θ</source>
        <translation>波长 2π/θ</translation>
    </message>
    <message>
        <source>unscaled</source>
        <translation>未缩放</translation>
    </message>
    <message>
        <source>angle (radians)</source>
        <translation>角度（弧度）</translation>
    </message>
    <message>
        <source>L0·θ: trained</source>
        <translation>L0·θ：训练所见</translation>
    </message>
    <message>
        <source>(L − 1)·θ′: reached at L</source>
        <translation>(L − 1)·θ′：长度 L 时达到</translation>
    </message>
    <message>
        <source>new angles: %1 pairs</source>
        <translation>新角度：%1 个维度对</translation>
    </message>
    <message>
        <source>2π: a full turn</source>
        <translation>2π：转满一周</translation>
    </message>
    <message>
        <source>distance i − j (a query at L − 1 and its keys)</source>
        <translation>距离 i − j（位于 L − 1 的查询与它的各个键）</translation>
    </message>
    <message>
        <source>score (q = k)</source>
        <translation>分数（q = k）</translation>
    </message>
    <message>
        <source>rotary pair k</source>
        <translation>旋转维度对 k</translation>
    </message>
</context>
<context>
    <name>poslab::widgets::DeltaCurveView</name>
    <message>
        <source>Nothing computed yet</source>
        <translation>尚未计算</translation>
    </message>
</context>
<context>
    <name>poslab::widgets::HeadGridView</name>
    <message>
        <source>head %1</source>
        <translation>头 %1</translation>
    </message>
    <message>
        <source>%1, each head from its lowest to its highest (titles)%2</source>
        <translation>%1，每个头从其最小值到最大值（见标题）%2</translation>
    </message>
    <message>
        <source>, log</source>
        <translation>，对数刻度</translation>
    </message>
    <message>
        <source>head %1: %2 … %3</source>
        <translation>头 %1：%2 … %3</translation>
    </message>
    <message>
        <source>Nothing computed yet</source>
        <translation>尚未计算</translation>
    </message>
</context>
<context>
    <name>poslab::widgets::HeatmapView</name>
    <message>
        <source>Nothing computed yet</source>
        <translation>尚未计算</translation>
    </message>
    <message>
        <source>masked</source>
        <translation>已遮蔽</translation>
    </message>
    <message>
        <source>bucket %1</source>
        <translation>分桶 %1</translation>
    </message>
    <message>
        <source>query i</source>
        <translation>查询 i</translation>
    </message>
    <message>
        <source>key j</source>
        <translation>键 j</translation>
    </message>
    <message>
        <source>cells of 1 token</source>
        <translation>每格 1 个词元</translation>
    </message>
    <message>
        <source>cells of %1 × %1 tokens</source>
        <translation>每格 %1 × %1 个词元</translation>
    </message>
    <message>
        <source>magnified (%1); computing tokens %2–%3 × %4–%5 at screen resolution…</source>
        <translation>已放大（%1）；正在按屏幕分辨率计算词元 %2–%3 × %4–%5…</translation>
    </message>
</context>
<context>
    <name>poslab::widgets::LessonsView</name>
    <message>
        <source>Open lesson</source>
        <translation>打开课程</translation>
    </message>
    <message>
        <source>Set up the explorer for this lesson (double click, Enter)</source>
        <translation>按本课程设置探索器（双击或按 Enter）</translation>
    </message>
</context>
<context>
    <name>poslab::widgets::WalkView</name>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <source>Previous step (Left, Page Up)</source>
        <translation>上一步（Left、Page Up）</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <source>Next step (Right, Page Down)</source>
        <translation>下一步（Right、Page Down）</translation>
    </message>
    <message>
        <source>Does not add up: %1</source>
        <translation>此处对不上：%1</translation>
    </message>
    <message>
        <source>No worked example</source>
        <translation>没有逐步演算</translation>
    </message>
    <message>
        <source>Select a cell to walk from the tokens to its attention weight.</source>
        <translation>选中一个单元格，从词元一步步算到它的注意力权重。</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
</context>
</TS>
