<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
    <name>poslab::widgets::LessonsView</name>
    <message>
        <source>Open lesson</source>
        <translation>打开课程</translation>
    </message>
    <message>
        <source>Set up the explorer for this lesson (double click, Enter)</source>
        <translation>按本课程设置浏览器（双击或按 Enter）</translation>
    </message>
</context>
</TS>
