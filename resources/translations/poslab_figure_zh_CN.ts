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
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>bias</source>
        <translation>偏置</translation>
    </message>
    <message>
        <source>bucket</source>
        <translation>分桶</translation>
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
<context>
    <name>Session</name>
    <message>
        <source>session field %1 must be a string</source>
        <translation>会话字段 %1 必须是字符串</translation>
    </message>
    <message>
        <source>session field %1 must be true or false</source>
        <translation>会话字段 %1 必须是 true 或 false</translation>
    </message>
    <message>
        <source>session field %1 must be a number</source>
        <translation>会话字段 %1 必须是数字</translation>
    </message>
    <message>
        <source>session field %1 must be in [%2, %3], got %4</source>
        <translation>会话字段 %1 必须在 [%2, %3] 内，实际为 %4</translation>
    </message>
    <message>
        <source>session field %1 must be a whole number, got %2</source>
        <translation>会话字段 %1 必须是整数，实际为 %2</translation>
    </message>
    <message>
        <source>session field %1 must be an object</source>
        <translation>会话字段 %1 必须是对象</translation>
    </message>
    <message>
        <source>session field %1 must be a whole number in [0, 2^64)</source>
        <translation>会话字段 %1 必须是 [0, 2^64) 内的整数</translation>
    </message>
    <message>
        <source>session field %1 must be a whole number</source>
        <translation>会话字段 %1 必须是整数</translation>
    </message>
    <message>
        <source>session has both &apos;text&apos; and &apos;n&apos;; give one</source>
        <translation>会话同时有 &apos;text&apos; 和 &apos;n&apos;；只能给出其中一个</translation>
    </message>
    <message>
        <source>session has neither &apos;text&apos; nor &apos;n&apos;</source>
        <translation>会话既没有 &apos;text&apos; 也没有 &apos;n&apos;</translation>
    </message>
    <message>
        <source>session has no &apos;scheme&apos;</source>
        <translation>会话没有 &apos;scheme&apos;</translation>
    </message>
    <message>
        <source>session field %1 must be a string, number or boolean</source>
        <translation>会话字段 %1 必须是字符串、数字或布尔值</translation>
    </message>
    <message>
        <source>session field %1 must be [i, j] or null</source>
        <translation>会话字段 %1 必须是 [i, j] 或 null</translation>
    </message>
    <message>
        <source>session field %1 must be &quot;%2&quot; or an object with a &quot;path&quot;</source>
        <translation>会话字段 %1 必须是 &quot;%2&quot;，或带有 &quot;path&quot; 的对象</translation>
    </message>
    <message>
        <source>session field %1 must name the checkpoint (a folder or a file)</source>
        <translation>会话字段 %1 必须指明检查点（文件夹或文件）</translation>
    </message>
    <message>
        <source>session field %1 must be a tensor name</source>
        <translation>会话字段 %1 必须是张量名</translation>
    </message>
    <message>
        <source>session field %1 must be a list of tensors</source>
        <translation>会话字段 %1 必须是张量列表</translation>
    </message>
    <message>
        <source>session field %1 must have a role and a tensor</source>
        <translation>会话字段 %1 必须有 role 和 tensor</translation>
    </message>
    <message>
        <source>session field %1 must be 64 lowercase hex digits</source>
        <translation>会话字段 %1 必须是 64 位小写十六进制数字</translation>
    </message>
    <message>
        <source>unknown view %1 (expected %2)</source>
        <translation>未知视图 %1（应为 %2）</translation>
    </message>
    <message>
        <source>session: unknown language %1 (expected %2)</source>
        <translation>会话：未知语言 %1（应为 %2）</translation>
    </message>
    <message>
        <source>unknown language %1 (expected %2)</source>
        <translation>未知语言 %1（应为 %2）</translation>
    </message>
    <message>
        <source>unknown preset %1 (expected one-column|two-column)</source>
        <translation>未知预设 %1（应为 one-column|two-column）</translation>
    </message>
    <message>
        <source>session: n must be in [1, %1] (0: the sequence is its text), got %2</source>
        <translation>会话：n 必须在 [1, %1] 内（0 表示序列取自文本），实际为 %2</translation>
    </message>
    <message>
        <source>session: unknown matrix %1 (expected %2)</source>
        <translation>会话：未知矩阵 %1（应为 %2）</translation>
    </message>
    <message>
        <source>session: %1</source>
        <translation>会话：%1</translation>
    </message>
    <message>
        <source>session: unknown colormap %1 (expected %2)</source>
        <translation>会话：未知色图 %1（应为 %2）</translation>
    </message>
    <message>
        <source>session: font family is empty</source>
        <translation>会话：字体族为空</translation>
    </message>
    <message>
        <source>session: font size must be in [2, 72] pt</source>
        <translation>会话：字号必须在 [2, 72] pt 内</translation>
    </message>
    <message>
        <source>session: width must be in [10, 1000] mm</source>
        <translation>会话：宽度必须在 [10, 1000] mm 内</translation>
    </message>
    <message>
        <source>session: height must be 0 (automatic) or in [10, 1000] mm</source>
        <translation>会话：高度必须为 0（自动）或在 [10, 1000] mm 内</translation>
    </message>
    <message>
        <source>session: dpi must be in [30, 2400]</source>
        <translation>会话：dpi 必须在 [30, 2400] 内</translation>
    </message>
    <message>
        <source>not a PosLab session: corrupt JSON at offset %1 (%2)</source>
        <translation>不是 PosLab 会话：偏移 %1 处的 JSON 已损坏（%2）</translation>
    </message>
    <message>
        <source>not a PosLab session: the JSON is not an object</source>
        <translation>不是 PosLab 会话：JSON 不是对象</translation>
    </message>
    <message>
        <source>not a PosLab session (&quot;format&quot; is not &quot;poslab-session&quot;)</source>
        <translation>不是 PosLab 会话（&quot;format&quot; 不是 &quot;poslab-session&quot;）</translation>
    </message>
    <message>
        <source>session format version %1 was written by a newer PosLab (this one reads version %2)</source>
        <translation>会话格式版本 %1 由更新的 PosLab 写出（本版本只读取版本 %2）</translation>
    </message>
    <message>
        <source>session field %1 must be 1 or %2</source>
        <translation>会话字段 %1 必须是 1 或 %2</translation>
    </message>
    <message>
        <source>session has no &apos;request&apos;</source>
        <translation>会话没有 &apos;request&apos;</translation>
    </message>
    <message>
        <source>session field %1 must be %2, got %3</source>
        <translation>会话字段 %1 必须是 %2，实际为 %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>too large to be a session or figure (more than %1 MiB)</source>
        <translation>文件太大，不是会话或图（超过 %1 MiB）</translation>
    </message>
    <message>
        <source>cannot open (%1)</source>
        <translation>无法打开（%1）</translation>
    </message>
    <message>
        <source>cannot read (%1)</source>
        <translation>无法读取（%1）</translation>
    </message>
    <message>
        <source>not a PosLab session or figure (neither JSON nor PNG, PDF or SVG)</source>
        <translation>不是 PosLab 会话或图（既不是 JSON，也不是 PNG、PDF 或 SVG）</translation>
    </message>
    <message>
        <source>this figure carries no PosLab session</source>
        <translation>这张图中没有嵌入 PosLab 会话</translation>
    </message>
</context>
</TS>
