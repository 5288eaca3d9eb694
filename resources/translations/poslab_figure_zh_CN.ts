<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Figure</name>
    <message>
        <source>head %1</source>
        <translation>头 %1</translation>
    </message>
    <message>
        <source>heads</source>
        <translation>头</translation>
    </message>
    <message>
        <source>pair %1</source>
        <translation>维度对 %1</translation>
    </message>
    <message>
        <source>pairs</source>
        <translation>维度对</translation>
    </message>
    <message>
        <source>query i = %1</source>
        <translation>查询 i = %1</translation>
    </message>
    <message>
        <source>sum over pairs</source>
        <translation>各维度对之和</translation>
    </message>
    <message>
        <source>mean PE(i)·PE(j)</source>
        <translation>平均 PE(i)·PE(j)</translation>
    </message>
    <message>
        <source>other %1</source>
        <translation>其他%1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>a family of curves and their span: heads 0–7</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 (scheme)</source>
        <translation>%1（方案）</translation>
    </message>
    <message>
        <source>mean attention, head %1</source>
        <translation>平均注意力，头 %1</translation>
    </message>
    <message>
        <source>attention probabilities</source>
        <translation>注意力概率</translation>
    </message>
    <message>
        <source>logits</source>
        <translation>logit（未归一化分数）</translation>
    </message>
    <message>
        <source>positional bias</source>
        <translation>位置偏置</translation>
    </message>
    <message>
        <source>bucket index</source>
        <translation>分桶编号</translation>
    </message>
    <message>
        <source>absolute encoding</source>
        <translation>绝对位置编码</translation>
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
        <source>encoding value</source>
        <translation>编码值</translation>
    </message>
    <message>
        <source>position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>dimension</source>
        <translation>维度</translation>
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
        <source>%1, head %2</source>
        <comment>scheme, head shown</comment>
        <translation>%1，头 %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>scheme: matrix shown</comment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Made with %1; its session is in the metadata.</source>
        <translation>由 %1 制作；其会话保存在元数据中。</translation>
    </message>
    <message>
        <source>rope without scaling</source>
        <translation>rope（未缩放）</translation>
    </message>
    <message>
        <source>%1 (%2 % past L0)</source>
        <translation>%1（L0 之外 %2 %）</translation>
    </message>
    <message>
        <source>distance i − j (query at L − 1)</source>
        <translation>距离 i − j（查询位于 L − 1）</translation>
    </message>
    <message>
        <source>score, q = k aligned</source>
        <translation>分数，q = k 对齐</translation>
    </message>
    <message>
        <source>%1: every scaling past L0 = %2 (L = %3)</source>
        <translation>%1：各种缩放在 L0 = %2 之后（L = %3）</translation>
    </message>
    <message>
        <source>unscaled</source>
        <translation>未缩放</translation>
    </message>
    <message>
        <source>scaled (none)</source>
        <translation>缩放（无）</translation>
    </message>
    <message>
        <source>rotary pair k</source>
        <translation>旋转维度对 k</translation>
    </message>
    <message>
        <source>wavelength 2π/θ (positions)</source>
        <translation>波长 2π/θ（位置数）</translation>
    </message>
    <message>
        <source>%1: wavelength per pair against L0 = %2 (L = %3)</source>
        <translation>%1：各维度对的波长与 L0 = %2 对比（L = %3）</translation>
    </message>
    <message>
        <source>… %1 more rows</source>
        <translation>… 另有 %1 行</translation>
    </message>
    <message>
        <source>What adds up:</source>
        <translation>实际成立的是：</translation>
    </message>
    <message>
        <source>difference A − B</source>
        <translation>差值 A − B</translation>
    </message>
    <message>
        <source>Δ&#xa0;under&#xa0;shift: %1</source>
        <translation>平移下的&#xa0;Δ：%1</translation>
    </message>
    <message>
        <source>%1 vs %2, head %3, positions shifted by s = %4</source>
        <translation>%1 对比 %2，头 %3，位置平移 s = %4</translation>
    </message>
    <message>
        <source>‖a_K‖ (keys)</source>
        <translation>‖a_K‖（键）</translation>
    </message>
    <message>
        <source>‖a_V‖ (values)</source>
        <translation>‖a_V‖（值）</translation>
    </message>
    <message>
        <source>position i</source>
        <translation>位置 i</translation>
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
        <source>%1: principal components and norm over position</source>
        <translation>%1：主成分与各位置的范数</translation>
    </message>
    <message>
        <source>PC%1 (%2 % of variance)</source>
        <translation>PC%1（占方差的 %2%）</translation>
    </message>
</context>
</TS>
