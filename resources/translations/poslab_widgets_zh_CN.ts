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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>interpolated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ramp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing computed yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wavelength 2π/θ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unscaled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>angle (radians)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L0·θ: trained</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(L − 1)·θ′: reached at L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new angles: %1 pairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2π: a full turn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>distance i − j (a query at L − 1 and its keys)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>score (q = k)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>poslab::widgets::DeltaCurveView</name>
    <message>
        <source>Nothing computed yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>poslab::widgets::HeadGridView</name>
    <message>
        <source>head %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, each head from its lowest to its highest (titles)%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>head %1: %2 … %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing computed yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>poslab::widgets::HeatmapView</name>
    <message>
        <source>Nothing computed yet</source>
        <translation type="unfinished"></translation>
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
