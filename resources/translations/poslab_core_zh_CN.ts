<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Errors</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>cannot write &apos;&apos;: no file name given</source>
        <translation>无法写入 &apos;&apos;：未给出文件名</translation>
    </message>
    <message>
        <source>cannot write %1: it is a kernel file (/proc or /sys), not a file to replace</source>
        <translation>无法写入 %1：这是内核文件（/proc 或 /sys），不是可替换的文件</translation>
    </message>
    <message>
        <source>%1 and %2 are the same file</source>
        <translation>%1 与 %2 是同一个文件</translation>
    </message>
    <message>
        <source>cannot write %1: it is a folder</source>
        <translation>无法写入 %1：这是一个文件夹</translation>
    </message>
    <message>
        <source>cannot write %1: there is no folder %2</source>
        <translation>无法写入 %1：文件夹 %2 不存在</translation>
    </message>
    <message>
        <source>cannot write to standard output: %1</source>
        <translation>无法写入标准输出：%1</translation>
    </message>
    <message>
        <source>POSLAB_MEMORY_BUDGET must be a number of bytes, got %1</source>
        <translation>POSLAB_MEMORY_BUDGET 必须是字节数，实际为 %1</translation>
    </message>
    <message>
        <source>%1 needs %2 (the memory budget is %3, from available memory)</source>
        <translation>%1需要 %2 内存（内存预算为 %3，按可用内存估算）</translation>
    </message>
    <message>
        <source>%1 needs %2 (the memory budget is %3, from available memory); %4</source>
        <translation>%1需要 %2 内存（内存预算为 %3，按可用内存估算）；%4</translation>
    </message>
    <message>
        <source>context: no curve for scaling %1</source>
        <translation>context：缩放方式 %1 没有对应曲线</translation>
    </message>
    <message>
        <source>context: the length L must be at least 1, got %1</source>
        <translation>context：长度 L 至少为 1，实际为 %1</translation>
    </message>
    <message>
        <source>%1 must be between %2 and %3, got %4</source>
        <translation>%1 必须在 %2 到 %3 之间，实际为 %4</translation>
    </message>
    <message>
        <source>%1 must be between %2 and %3 (%4), got %5</source>
        <translation>%1 必须在 %2 到 %3 之间（%4），实际为 %5</translation>
    </message>
    <message>
        <source>unknown format %1 (use text, markdown or json)</source>
        <translation>未知格式 %1（可用 text、markdown 或 json）</translation>
    </message>
    <message>
        <source>%1: unexpected text after the JSON value at byte %2</source>
        <translation>%1：第 %2 字节处，JSON 值之后还有多余的文本</translation>
    </message>
    <message>
        <source>%1: expected &apos;%3&apos; at byte %2</source>
        <translation>%1：第 %2 字节处应为 &apos;%3&apos;</translation>
    </message>
    <message>
        <source>%1: nested deeper than %3 levels at byte %2</source>
        <translation>%1：第 %2 字节处嵌套超过 %3 层</translation>
    </message>
    <message>
        <source>%1: the text ends where a value should be at byte %2</source>
        <translation>%1：第 %2 字节处文本结束，此处应有一个值</translation>
    </message>
    <message>
        <source>%1: not a JSON value at byte %2</source>
        <translation>%1：第 %2 字节处不是 JSON 值</translation>
    </message>
    <message>
        <source>%1: expected a key in quotes at byte %2</source>
        <translation>%1：第 %2 字节处应为带引号的键</translation>
    </message>
    <message>
        <source>%1: duplicate key %3 at byte %2</source>
        <translation>%1：第 %2 字节处键 %3 重复</translation>
    </message>
    <message>
        <source>%1: a \u escape needs four hex digits at byte %2</source>
        <translation>%1：第 %2 字节处 \u 转义需要四位十六进制数字</translation>
    </message>
    <message>
        <source>%1: invalid UTF-8 at byte %2</source>
        <translation>%1：第 %2 字节处 UTF-8 编码无效</translation>
    </message>
    <message>
        <source>%1: invalid UTF-8 (cut short) at byte %2</source>
        <translation>%1：第 %2 字节处 UTF-8 编码无效（被截断）</translation>
    </message>
    <message>
        <source>%1: a string is not closed at byte %2</source>
        <translation>%1：第 %2 字节处字符串未闭合</translation>
    </message>
    <message>
        <source>%1: a control character inside a string at byte %2</source>
        <translation>%1：第 %2 字节处字符串内有控制字符</translation>
    </message>
    <message>
        <source>%1: a lone low surrogate at byte %2</source>
        <translation>%1：第 %2 字节处有孤立的低位代理项</translation>
    </message>
    <message>
        <source>%1: a lone high surrogate at byte %2</source>
        <translation>%1：第 %2 字节处有孤立的高位代理项</translation>
    </message>
    <message>
        <source>%1: an unknown escape at byte %2</source>
        <translation>%1：第 %2 字节处有未知的转义序列</translation>
    </message>
    <message>
        <source>%1: a number needs digits after its point at byte %2</source>
        <translation>%1：第 %2 字节处数字的小数点后缺少数字</translation>
    </message>
    <message>
        <source>%1: a number needs digits in its exponent at byte %2</source>
        <translation>%1：第 %2 字节处数字的指数部分缺少数字</translation>
    </message>
    <message>
        <source>null</source>
        <comment>JSON kind</comment>
        <translation>null</translation>
    </message>
    <message>
        <source>a boolean</source>
        <comment>JSON kind</comment>
        <translation>布尔值</translation>
    </message>
    <message>
        <source>a number</source>
        <comment>JSON kind</comment>
        <translation>数字</translation>
    </message>
    <message>
        <source>a string</source>
        <comment>JSON kind</comment>
        <translation>字符串</translation>
    </message>
    <message>
        <source>an array</source>
        <comment>JSON kind</comment>
        <translation>数组</translation>
    </message>
    <message>
        <source>an object</source>
        <comment>JSON kind</comment>
        <translation>对象</translation>
    </message>
    <message>
        <source>a value</source>
        <comment>JSON kind</comment>
        <translation>值</translation>
    </message>
    <message>
        <source>unknown {matrix} %1 (use one of: %2)</source>
        <translation>未知的 {matrix} %1（可选：%2）</translation>
    </message>
    <message>
        <source>{d_model} %1 is not divisible by {heads} %2</source>
        <translation>{d_model} %1 不能被 {heads} %2 整除</translation>
    </message>
    <message>
        <source>the text has no tokens</source>
        <translation>文本中没有词元</translation>
    </message>
    <message>
        <source>n must be at least 1, got %1</source>
        <translation>n 至少为 1，实际为 %1</translation>
    </message>
    <message>
        <source>n must be at most %1, got %2</source>
        <translation>n 至多为 %1，实际为 %2</translation>
    </message>
    <message>
        <source>its header is not the dict NumPy writes: a key that is not a string at header byte %1</source>
        <translation>其文件头不是 NumPy 写出的字典：文件头第 %1 字节处的键不是字符串</translation>
    </message>
    <message>
        <source>its header is not the dict NumPy writes: the key %2 twice at header byte %1</source>
        <translation>其文件头不是 NumPy 写出的字典：文件头第 %1 字节处键 %2 重复出现</translation>
    </message>
    <message>
        <source>its header is not the dict NumPy writes: expected &apos;,&apos; or &apos;}&apos; at header byte %1</source>
        <translation>其文件头不是 NumPy 写出的字典：文件头第 %1 字节处应为 &apos;,&apos; 或 &apos;}&apos;</translation>
    </message>
    <message>
        <source>its header is not the dict NumPy writes: text after the dict at header byte %1</source>
        <translation>其文件头不是 NumPy 写出的字典：文件头第 %1 字节处，字典之后还有多余的文本</translation>
    </message>
    <message>
        <source>its header is not the dict NumPy writes: expected &apos;%2&apos; at header byte %1</source>
        <translation>其文件头不是 NumPy 写出的字典：文件头第 %1 字节处应为 &apos;%2&apos;</translation>
    </message>
    <message>
        <source>its header is not the dict NumPy writes: a dimension above 2^64 at header byte %1</source>
        <translation>其文件头不是 NumPy 写出的字典：文件头第 %1 字节处的维度超过 2^64</translation>
    </message>
    <message>
        <source>its header is not the dict NumPy writes: expected a non-negative integer at header byte %1</source>
        <translation>其文件头不是 NumPy 写出的字典：文件头第 %1 字节处应为非负整数</translation>
    </message>
    <message>
        <source>its header is not the dict NumPy writes: a string that is not closed at header byte %1</source>
        <translation>其文件头不是 NumPy 写出的字典：文件头第 %1 字节处字符串未闭合</translation>
    </message>
    <message>
        <source>its header is not the dict NumPy writes: an escape in a string at header byte %1</source>
        <translation>其文件头不是 NumPy 写出的字典：文件头第 %1 字节处字符串中有转义序列</translation>
    </message>
    <message>
        <source>its header is not the dict NumPy writes: expected &apos;,&apos; or &apos;)&apos; in the shape at header byte %1</source>
        <translation>其文件头不是 NumPy 写出的字典：文件头第 %1 字节处，shape 中应为 &apos;,&apos; 或 &apos;)&apos;</translation>
    </message>
    <message>
        <source>its header is not the dict NumPy writes: a structured dtype (PosLab reads plain float arrays) at header byte %1</source>
        <translation>其文件头不是 NumPy 写出的字典：文件头第 %1 字节处是结构化 dtype（PosLab 只读取普通浮点数组）</translation>
    </message>
    <message>
        <source>its header is not the dict NumPy writes: a value other than a string, True, False or a tuple at header byte %1</source>
        <translation>其文件头不是 NumPy 写出的字典：文件头第 %1 字节处的值不是字符串、True、False 或元组</translation>
    </message>
    <message>
        <source>not an NPY file (no \x93NUMPY magic)</source>
        <translation>不是 NPY 文件（没有 \x93NUMPY 魔数）</translation>
    </message>
    <message>
        <source>NPY format version %1.%2 is not one PosLab reads (1.0, 2.0 or 3.0)</source>
        <translation>PosLab 不能读取 NPY 格式版本 %1.%2（只支持 1.0、2.0 或 3.0）</translation>
    </message>
    <message>
        <source>the NPY file ends inside its header length</source>
        <translation>NPY 文件在文件头长度字段中途结束</translation>
    </message>
    <message>
        <source>the NPY header would be %1 bytes, the file has %2 after its length</source>
        <translation>NPY 文件头应有 %1 字节，但长度字段之后文件只剩 %2 字节</translation>
    </message>
    <message>
        <source>the NPY header does not end with a newline</source>
        <translation>NPY 文件头不以换行符结尾</translation>
    </message>
    <message>
        <source>the NPY header is not ASCII</source>
        <translation>NPY 文件头不是 ASCII 文本</translation>
    </message>
    <message>
        <source>the NPY header has an unknown key %1</source>
        <translation>NPY 文件头含有未知的键 %1</translation>
    </message>
    <message>
        <source>the NPY header needs descr, fortran_order and shape</source>
        <translation>NPY 文件头必须包含 descr、fortran_order 和 shape</translation>
    </message>
    <message>
        <source>the NPY descr must be a string</source>
        <translation>NPY 的 descr 必须是字符串</translation>
    </message>
    <message>
        <source>the NPY fortran_order must be True or False</source>
        <translation>NPY 的 fortran_order 必须是 True 或 False</translation>
    </message>
    <message>
        <source>the NPY shape must be a tuple</source>
        <translation>NPY 的 shape 必须是元组</translation>
    </message>
    <message>
        <source>the array is in Fortran order; save it in C order (numpy.ascontiguousarray) to read it</source>
        <translation>该数组按 Fortran 顺序存储；请先按 C 顺序保存（numpy.ascontiguousarray）再读取</translation>
    </message>
    <message>
        <source>the NPY dtype %1 is not one PosLab reads (float16, float32 or float64)</source>
        <translation>PosLab 不能读取 NPY 的 dtype %1（只支持 float16、float32 或 float64）</translation>
    </message>
    <message>
        <source>the NPY shape overflows 64 bits</source>
        <translation>NPY 的 shape 超出 64 位范围</translation>
    </message>
    <message>
        <source>the NPY data size overflows 64 bits</source>
        <translation>NPY 的数据大小超出 64 位范围</translation>
    </message>
    <message>
        <source>the NPY shape and dtype need %1 bytes of data, the file has %2</source>
        <translation>NPY 的 shape 和 dtype 需要 %1 字节数据，文件中有 %2 字节</translation>
    </message>
    <message>
        <source>too short for a ZIP archive (no end record)</source>
        <translation>文件太短，不是 ZIP 归档（没有结束记录）</translation>
    </message>
    <message>
        <source>no ZIP end record (not an NPZ archive, or cut short)</source>
        <translation>没有 ZIP 结束记录（不是 NPZ 归档，或文件被截断）</translation>
    </message>
    <message>
        <source>a ZIP64 archive without its locator</source>
        <translation>ZIP64 归档缺少定位记录</translation>
    </message>
    <message>
        <source>the ZIP64 end record is not where its locator says</source>
        <translation>ZIP64 结束记录不在定位记录所指的位置</translation>
    </message>
    <message>
        <source>a multi-volume ZIP archive</source>
        <translation>这是分卷 ZIP 归档</translation>
    </message>
    <message>
        <source>the ZIP central directory lies outside the file</source>
        <translation>ZIP 中央目录位于文件之外</translation>
    </message>
    <message>
        <source>the ZIP central directory is too small for its %1 entries</source>
        <translation>ZIP 中央目录太小，容纳不下其声明的 %1 个条目</translation>
    </message>
    <message>
        <source>ZIP central directory entry %1 is malformed</source>
        <translation>ZIP 中央目录第 %1 个条目格式错误</translation>
    </message>
    <message>
        <source>ZIP central directory entry %1 runs past the directory</source>
        <translation>ZIP 中央目录第 %1 个条目超出了目录末尾</translation>
    </message>
    <message>
        <source>member %1 has a malformed extra field</source>
        <translation>成员 %1 的扩展字段格式错误</translation>
    </message>
    <message>
        <source>member %1 has a short ZIP64 extra field</source>
        <translation>成员 %1 的 ZIP64 扩展字段过短</translation>
    </message>
    <message>
        <source>member %1 is encrypted</source>
        <translation>成员 %1 已加密</translation>
    </message>
    <message>
        <source>member %1 uses ZIP compression method %2 (numpy writes 0, stored, or 8, deflate)</source>
        <translation>成员 %1 使用 ZIP 压缩方法 %2（numpy 只写 0 即不压缩，或 8 即 deflate）</translation>
    </message>
    <message>
        <source>member %1 is stored but its sizes differ (%2 and %3)</source>
        <translation>成员 %1 未压缩，但其两个大小不一致（%2 与 %3）</translation>
    </message>
    <message>
        <source>member %1 is not an .npy array (numpy.savez writes only NAME.npy)</source>
        <translation>成员 %1 不是 .npy 数组（numpy.savez 只写出 NAME.npy）</translation>
    </message>
    <message>
        <source>two members are named %1</source>
        <translation>有两个成员都名为 %1</translation>
    </message>
    <message>
        <source>member %1: no local header where the directory says</source>
        <translation>成员 %1：目录所指位置没有本地文件头</translation>
    </message>
    <message>
        <source>member %1&apos;s data lies outside the file</source>
        <translation>成员 %1 的数据位于文件之外</translation>
    </message>
    <message>
        <source>member %1 overlaps the next part of the archive</source>
        <translation>成员 %1 与归档的下一部分重叠</translation>
    </message>
    <message>
        <source>zlib cannot start inflating</source>
        <translation>zlib 无法开始解压</translation>
    </message>
    <message>
        <source>member %1 does not inflate to the %2 bytes its directory entry says</source>
        <translation>成员 %1 解压后不是其目录条目所说的 %2 字节</translation>
    </message>
    <message>
        <source>the NPZ archive has no arrays</source>
        <translation>NPZ 归档中没有数组</translation>
    </message>
    <message>
        <source>the NPZ arrays&apos; sizes overflow 64 bits</source>
        <translation>NPZ 数组的总大小超出 64 位范围</translation>
    </message>
    <message>
        <source>the NPZ archive&apos;s arrays, inflated (numpy.savez_compressed)</source>
        <translation>解压后的 NPZ 数组（numpy.savez_compressed）</translation>
    </message>
    <message>
        <source>save them with numpy.savez (stored members are read in place)</source>
        <translation>请改用 numpy.savez 保存（未压缩的成员可直接原地读取）</translation>
    </message>
    <message>
        <source>member %1 fails its CRC-32 check</source>
        <translation>成员 %1 未通过 CRC-32 校验</translation>
    </message>
    <message>
        <source>member %1: %2</source>
        <translation>成员 %1：%2</translation>
    </message>
    <message>
        <source>%1: parameter %2 must be an integer in [%3, %4], got %5</source>
        <translation>%1：参数 %2 必须是 [%3, %4] 内的整数，实际为 %5</translation>
    </message>
    <message>
        <source>%1: parameter %2 must be a number in [%3, %4], got %5</source>
        <translation>%1：参数 %2 必须是 [%3, %4] 内的数，实际为 %5</translation>
    </message>
    <message>
        <source>%1: parameter %2 must be true or false, got %3</source>
        <translation>%1：参数 %2 必须是 true 或 false，实际为 %3</translation>
    </message>
    <message>
        <source>%1: parameter %2 must be comma-separated numbers, each in [%3, %4], got %5</source>
        <translation>%1：参数 %2 必须是逗号分隔的数，每个都在 [%3, %4] 内，实际为 %5</translation>
    </message>
    <message>
        <source>%1: parameter %2 must be one of %3, got %4</source>
        <translation>%1：参数 %2 必须是 %3 之一，实际为 %4</translation>
    </message>
    <message>
        <source>%1: parameter %2 must be comma-separated numbers, each in [%3, %4], value %5 is %6</source>
        <translation>%1：参数 %2 必须是逗号分隔的数，每个都在 [%3, %4] 内，但第 %5 个值是 %6</translation>
    </message>
    <message>
        <source>%1: parameter %2 is longer than %3 characters</source>
        <translation>%1：参数名 %2 超过 %3 个字符</translation>
    </message>
    <message>
        <source>%1: parameter %2 has a value longer than %3 characters: %4</source>
        <translation>%1：参数 %2 的值超过 %3 个字符：%4</translation>
    </message>
    <message>
        <source>%1 has no parameter %2 (it takes none)</source>
        <translation>%1 没有参数 %2（它不接受任何参数）</translation>
    </message>
    <message>
        <source>%1 has no parameter %2 (it takes: %3)</source>
        <translation>%1 没有参数 %2（它接受：%3）</translation>
    </message>
    <message>
        <source>rope: %1</source>
        <translation>rope：%1</translation>
    </message>
    <message>
        <source>%1 has %2 values; scaling=longrope needs %3 (rotary_dims/2)</source>
        <translation>%1 有 %2 个值；scaling=longrope 需要 %3 个（rotary_dims/2）</translation>
    </message>
    <message>
        <source>high_freq_factor (%1) must be greater than low_freq_factor (%2) for scaling=llama3</source>
        <translation>scaling=llama3 要求 high_freq_factor（%1）大于 low_freq_factor（%2）</translation>
    </message>
    <message>
        <source>rope: unknown scaling %1</source>
        <translation>rope：未知的缩放方式 %1</translation>
    </message>
    <message>
        <source>rotary_dims = int(head_dim · rotary_fraction) must be even and at least 2, got %1</source>
        <translation>rotary_dims = int(head_dim · rotary_fraction) 必须是不小于 2 的偶数，实际为 %1</translation>
    </message>
    <message>
        <source>scaling=dynamic needs rotary_dims &gt; 2 (its exponent is d/(d − 2))</source>
        <translation>scaling=dynamic 要求 rotary_dims &gt; 2（其指数为 d/(d − 2)）</translation>
    </message>
    <message>
        <source>scaling=dynamic gives base&apos; = %1 (factor %2): it must be positive</source>
        <translation>scaling=dynamic 得到 base&apos; = %1（factor %2）：它必须为正</translation>
    </message>
    <message>
        <source>tensor %1 is %2, not an object</source>
        <translation>张量 %1 是%2，不是对象</translation>
    </message>
    <message>
        <source>tensor %1 has an unknown field %2</source>
        <translation>张量 %1 含有未知字段 %2</translation>
    </message>
    <message>
        <source>tensor %1 needs dtype, shape and data_offsets</source>
        <translation>张量 %1 必须有 dtype、shape 和 data_offsets</translation>
    </message>
    <message>
        <source>tensor %1: dtype must be a string</source>
        <translation>张量 %1：dtype 必须是字符串</translation>
    </message>
    <message>
        <source>tensor %1 has an unknown dtype %2</source>
        <translation>张量 %1 的 dtype %2 未知</translation>
    </message>
    <message>
        <source>tensor %1: shape must be an array</source>
        <translation>张量 %1：shape 必须是数组</translation>
    </message>
    <message>
        <source>tensor %1: shape must hold non-negative integers, got %2</source>
        <translation>张量 %1：shape 只能包含非负整数，实际为 %2</translation>
    </message>
    <message>
        <source>tensor %1: its shape overflows 64 bits</source>
        <translation>张量 %1：其 shape 超出 64 位范围</translation>
    </message>
    <message>
        <source>tensor %1: its size in bytes overflows 64 bits</source>
        <translation>张量 %1：其字节数超出 64 位范围</translation>
    </message>
    <message>
        <source>tensor %1: its %2 values do not fill whole bytes</source>
        <translation>张量 %1：其 %2 值不能填满整数个字节</translation>
    </message>
    <message>
        <source>tensor %1: data_offsets must be [begin, end]</source>
        <translation>张量 %1：data_offsets 必须是 [begin, end]</translation>
    </message>
    <message>
        <source>tensor %1: data_offsets must be non-negative integers below 2^64, got [%2, %3]</source>
        <translation>张量 %1：data_offsets 必须是小于 2^64 的非负整数，实际为 [%2, %3]</translation>
    </message>
    <message>
        <source>tensor %1: data_offsets are inverted [%2, %3]</source>
        <translation>张量 %1：data_offsets 首尾颠倒 [%2, %3]</translation>
    </message>
    <message>
        <source>tensor %1 has %2 bytes but its dtype %3 and shape %4 need %5</source>
        <translation>张量 %1 有 %2 字节，但其 dtype %3 和 shape %4 需要 %5 字节</translation>
    </message>
    <message>
        <source>too short to be a safetensors file (%1 bytes)</source>
        <translation>文件太短，不是 safetensors 文件（%1 字节）</translation>
    </message>
    <message>
        <source>not a safetensors file: its header would be %1 bytes (at most %2)</source>
        <translation>不是 safetensors 文件：其文件头将有 %1 字节（至多 %2）</translation>
    </message>
    <message>
        <source>not a safetensors file: its header would be %1 bytes, the file has %2 after the length</source>
        <translation>不是 safetensors 文件：其文件头将有 %1 字节，但长度字段之后文件只有 %2 字节</translation>
    </message>
    <message>
        <source>not a safetensors file: its header does not start with &apos;{&apos;</source>
        <translation>不是 safetensors 文件：其文件头不以 &apos;{&apos; 开头</translation>
    </message>
    <message>
        <source>the safetensors header</source>
        <translation>safetensors 文件头</translation>
    </message>
    <message>
        <source>the safetensors header is not a JSON object</source>
        <translation>safetensors 文件头不是 JSON 对象</translation>
    </message>
    <message>
        <source>__metadata__ must be an object of strings</source>
        <translation>__metadata__ 必须是由字符串组成的对象</translation>
    </message>
    <message>
        <source>__metadata__ %1 must be a string, not %2</source>
        <translation>__metadata__ %1 必须是字符串，而不是%2</translation>
    </message>
    <message>
        <source>tensor %1 begins at data byte %2, inside the tensor before it (which ends at %3)</source>
        <translation>张量 %1 从数据第 %2 字节开始，落在前一个张量之内（前一个张量止于 %3）</translation>
    </message>
    <message>
        <source>tensor %1 begins at data byte %2, leaving a hole after the tensor before it (which ends at %3)</source>
        <translation>张量 %1 从数据第 %2 字节开始，与前一个张量之间留有空隙（前一个张量止于 %3）</translation>
    </message>
    <message>
        <source>tensor %1 ends at data byte %2 + %3, past the end of the file (%4 bytes of data)</source>
        <translation>张量 %1 止于数据第 %2 + %3 字节，超出了文件末尾（数据共 %4 字节）</translation>
    </message>
    <message>
        <source>the tensors end at data byte %1 but the file has %2 bytes of data</source>
        <translation>张量止于数据第 %1 字节，但文件有 %2 字节数据</translation>
    </message>
    <message>
        <source>unknown format %1 (expected csv, json or npy)</source>
        <translation>未知格式 %1（应为 csv、json 或 npy）</translation>
    </message>
    <message>
        <source>tensor %1 is %2, not a floating-point type PosLab reads (F16, BF16, F32, F64)</source>
        <translation>张量 %1 是 %2，不是 PosLab 能读取的浮点类型（F16、BF16、F32、F64）</translation>
    </message>
    <message>
        <source>tensor %1 lies outside the file</source>
        <translation>张量 %1 位于文件之外</translation>
    </message>
    <message>
        <source>tensor %1 as double</source>
        <translation>张量 %1（按 double 计）</translation>
    </message>
    <message>
        <source>pick a smaller tensor</source>
        <translation>请选择较小的张量</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>not a regular file (a folder, device or pipe cannot hold tensors)</source>
        <translation>不是普通文件（文件夹、设备或管道中不会有张量）</translation>
    </message>
    <message>
        <source>cannot map it (%1)</source>
        <translation>无法映射该文件（%1）</translation>
    </message>
    <message>
        <source>, … (%1 tensors)</source>
        <translation>，…（共 %1 个张量）</translation>
    </message>
    <message>
        <source>%1: no tensor %2 (it has none)</source>
        <translation>%1：没有张量 %2（文件中没有张量）</translation>
    </message>
    <message>
        <source>%1: no tensor %2 (it has %3)</source>
        <translation>%1：没有张量 %2（文件中有 %3）</translation>
    </message>
    <message>
        <source>invalid UTF-8 at byte %1</source>
        <translation>第 %1 字节处 UTF-8 编码无效</translation>
    </message>
    <message>
        <source>the text has %1 bytes, more than %2 (%3 MiB)</source>
        <translation>文本有 %1 字节，超过上限 %2（%3 MiB）</translation>
    </message>
    <message>
        <source>the text has %1 tokens, more than %2</source>
        <translation>文本有 %1 个词元，超过上限 %2</translation>
    </message>
    <message>
        <source>unknown tokenizer %1 (use word or char)</source>
        <translation>未知的分词方式 %1（可用 word 或 char）</translation>
    </message>
    <message>
        <source>n = %1 is too long for a full n × n table (at most %2): add {pool} 1024 for a pooled heatmap</source>
        <translation>n = %1 太长，无法计算完整的 n × n 表（至多 %2）：加上 {pool} 1024 可得到池化热力图</translation>
    </message>
    <message>
        <source>n = %1 is too long for a full n × n table (at most %2)</source>
        <translation>n = %1 太长，无法计算完整的 n × n 表（至多 %2）</translation>
    </message>
    <message>
        <source>n = %1 tokens with {d_model} %2</source>
        <translation>n = %1 个词元（{d_model} %2）</translation>
    </message>
    <message>
        <source>use a shorter sequence or a smaller {d_model}</source>
        <translation>请使用更短的序列或更小的 {d_model}</translation>
    </message>
    <message>
        <source>use a shorter sequence</source>
        <translation>请使用更短的序列</translation>
    </message>
    <message>
        <source>use {engine} onednn, fewer {heads} or a shorter sequence</source>
        <translation>请改用 {engine} onednn、减少 {heads}，或使用更短的序列</translation>
    </message>
    <message>
        <source>use {pool} 1024 for pooled probabilities, or a shorter sequence</source>
        <translation>请用 {pool} 1024 得到池化后的概率，或使用更短的序列</translation>
    </message>
    <message>
        <source>n = %1 with %2 heads: the %3 table (n × n)</source>
        <translation>n = %1、%2 个头时的 %3 表（n × n）</translation>
    </message>
    <message>
        <source>the worked example walks one cell: give {cell.i} and {cell.j}</source>
        <translation>逐步演算针对单个单元格：请给出 {cell.i} 和 {cell.j}</translation>
    </message>
    <message>
        <source>{compare.scheme}: %1</source>
        <translation>{compare.scheme}：%1</translation>
    </message>
    <message>
        <source>{pool} needs {engine} onednn (the reference engine holds n × n)</source>
        <translation>{pool} 需要 {engine} onednn（参考引擎要保存完整的 n × n）</translation>
    </message>
    <message>
        <source>%1 %2:%3 is not a range of tokens in the %4-token sequence (a:b with 0 &lt;= a &lt; b &lt;= %4)</source>
        <translation>%1 %2:%3 不是这个 %4 个词元的序列中的词元范围（应为 a:b，且 0 &lt;= a &lt; b &lt;= %4）</translation>
    </message>
    <message>
        <source>{region.rows} is streamed, which {engine} onednn does</source>
        <translation>{region.rows} 需要流式计算，只有 {engine} onednn 支持</translation>
    </message>
    <message>
        <source>{region.rows} applies to {matrix} probs only</source>
        <translation>{region.rows} 只适用于 {matrix} probs</translation>
    </message>
    <message>
        <source>{pool} applies to {matrix} probs only</source>
        <translation>{pool} 只适用于 {matrix} probs</translation>
    </message>
    <message>
        <source>%1 is relative: it adds no absolute encoding (try {matrix} bias or delta-curve)</source>
        <translation>%1 是相对位置编码：它不添加绝对位置编码（可试试 {matrix} bias 或 delta-curve）</translation>
    </message>
    <message>
        <source>{head} %1 is out of range (the model has %2 heads: 0..%3)</source>
        <translation>{head} %1 超出范围（模型有 %2 个头：0..%3）</translation>
    </message>
    <message>
        <source>%1 = %2 is outside the %3-token sequence (0..%4)</source>
        <translation>%1 = %2 超出了这个 %3 个词元的序列（0..%4）</translation>
    </message>
    <message>
        <source>score terms are computed for n &lt;= %1 only, got n = %2</source>
        <translation>只在 n &lt;= %1 时计算分数分项，实际 n = %2</translation>
    </message>
    <message>
        <source>0: all cores</source>
        <translation>0：使用全部核心</translation>
    </message>
    <message>
        <source>the reference engine computes in double: {dtype} applies to {engine} onednn</source>
        <translation>参考引擎以 double 计算：{dtype} 只适用于 {engine} onednn</translation>
    </message>
    <message>
        <source>%1: %2 bytes is too large for %3 (at most 16 MiB)</source>
        <translation>%1：%2 字节，对 %3 来说太大（至多 16 MiB）</translation>
    </message>
    <message>
        <source>%1: cannot read it</source>
        <translation>%1：无法读取</translation>
    </message>
    <message>
        <source>config.json: %1 must be an integer, not %2</source>
        <translation>config.json：%1 必须是整数，而不是%2</translation>
    </message>
    <message>
        <source>config.json: %1 must be a number, not %2</source>
        <translation>config.json：%1 必须是数，而不是%2</translation>
    </message>
    <message>
        <source>config.json: %1 must be an object, not %2</source>
        <translation>config.json：%1 必须是对象，而不是%2</translation>
    </message>
    <message>
        <source>config.json: %1.%2 must be a string</source>
        <translation>config.json：%1.%2 必须是字符串</translation>
    </message>
    <message>
        <source>config.json: %1.rope_theta must be a number</source>
        <translation>config.json：%1.rope_theta 必须是数</translation>
    </message>
    <message>
        <source>config.json: %1.%2 must be a list of numbers</source>
        <translation>config.json：%1.%2 必须是数的列表</translation>
    </message>
    <message>
        <source>config.json is not a JSON object</source>
        <translation>config.json 不是 JSON 对象</translation>
    </message>
    <message>
        <source>config.json: layer_norm_eps must be between 0 and 1, got %1</source>
        <translation>config.json：layer_norm_eps 必须在 0 与 1 之间，实际为 %1</translation>
    </message>
    <message>
        <source>%1: no tensor %2</source>
        <translation>%1：没有张量 %2</translation>
    </message>
    <message>
        <source>%1: no such file or folder</source>
        <translation>%1：没有这个文件或文件夹</translation>
    </message>
    <message>
        <source>no weight_map object</source>
        <translation>没有 weight_map 对象</translation>
    </message>
    <message>
        <source>weight_map values must be file names</source>
        <translation>weight_map 的值必须是文件名</translation>
    </message>
    <message>
        <source>shard %1 is not a file name in this folder</source>
        <translation>分片 %1 不是本文件夹中的文件名</translation>
    </message>
    <message>
        <source>names %1 in %2, which has no such tensor</source>
        <translation>指明 %1 在 %2 中，但该文件没有这个张量</translation>
    </message>
    <message>
        <source>%1: no .safetensors or .npy weights (pytorch_model.bin is a Python pickle, which PosLab does not run; convert it to safetensors)</source>
        <translation>%1：没有 .safetensors 或 .npy 权重（pytorch_model.bin 是 Python pickle，PosLab 不会执行它；请先转换为 safetensors）</translation>
    </message>
    <message>
        <source>%1: no .safetensors or .npy weights</source>
        <translation>%1：没有 .safetensors 或 .npy 权重</translation>
    </message>
    <message>
        <source>n = %1 is streamed, which {engine} onednn does</source>
        <translation>n = %1 需要流式计算，这只有 {engine} onednn 能做</translation>
    </message>
</context>
<context>
    <name>Lab</name>
    <message>
        <source>n = %1: %2 (the n × n matrices would need %3, more than the explorer&apos;s %4)</source>
        <translation>n = %1：%2（n × n 矩阵需要 %3，超过了探索器的 %4）</translation>
    </message>
    <message>
        <source>n = %1: score terms are computed for n ≤ %2 only (no worked example, no term matrices)</source>
        <translation>n = %1：分数项只在 n ≤ %2 时计算（没有逐步演算，也没有分数项矩阵）</translation>
    </message>
    <message>
        <source>n = %1: compare mode needs %2 of matrices, more than the explorer&apos;s %3</source>
        <translation>n = %1：对比模式的矩阵需要 %2，超过了探索器的 %3</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <comment>two notices in one line</comment>
        <translation>%1；%2</translation>
    </message>
    <message>
        <source>probabilities streamed and mean-pooled into %1 × %1 cells of %2 × %2 tokens</source>
        <translation>概率经流式计算后按均值池化为 %1 × %1 个单元，每个单元 %2 × %2 个词元</translation>
    </message>
    <message>
        <source>probabilities streamed and max-pooled into %1 × %1 cells of %2 × %2 tokens</source>
        <translation>概率经流式计算后按最大值池化为 %1 × %1 个单元，每个单元 %2 × %2 个词元</translation>
    </message>
    <message>
        <source>tokens %1 × %2, 1 token per cell</source>
        <translation>词元 %1 × %2，每个单元 1 个词元</translation>
    </message>
    <message>
        <source>tokens %1 × %2, %3 × %3 tokens per cell</source>
        <translation>词元 %1 × %2，每个单元 %3 × %3 个词元</translation>
    </message>
</context>
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
    <message>
        <source>%1 has no buckets (bucket applies to t5, shaw and deberta)</source>
        <translation>%1 没有分桶（bucket 只适用于 t5、shaw 和 deberta）</translation>
    </message>
    <message>
        <source>%1 has no slopes (slopes apply to alibi)</source>
        <translation>%1 没有斜率（slopes 只适用于 alibi）</translation>
    </message>
    <message>
        <source>%1 counts no positions (positions apply to cope)</source>
        <translation>%1 不计数位置（positions 只适用于 cope）</translation>
    </message>
    <message>
        <source>%1 has no rotary frequencies (freqs apply to rope)</source>
        <translation>%1 没有旋转频率（freqs 只适用于 rope）</translation>
    </message>
    <message>
        <source>unknown scheme %1 (known: %2)</source>
        <translation>未知的方案 %1（已知的有：%2）</translation>
    </message>
    <message>
        <source>needs an even d_model (sin/cos pairs), got %1</source>
        <translation>需要偶数的 d_model（sin/cos 成对），实际为 %1</translation>
    </message>
    <message>
        <source>the checkpoint %1 has no position table under a common name (say which tensor is the role position_table)</source>
        <translation>检查点 %1 中没有以常见名称命名的位置表（请指明哪个张量担任角色 position_table）</translation>
    </message>
    <message>
        <source>the table %1 has %2 columns, so d_model must be %2, not %3</source>
        <translation>表 %1 有 %2 列，所以 d_model 必须是 %2，而不是 %3</translation>
    </message>
    <message>
        <source>max_len %1 differs from the %2 rows of the table %3 (leave max_len out)</source>
        <translation>max_len %1 与表 %3 的 %2 行不一致（请不要给出 max_len）</translation>
    </message>
    <message>
        <source>the sequence reaches position %1 but the table has max_len %2 rows (raise max_len)</source>
        <translation>序列到达位置 %1，但表只有 max_len = %2 行（请增大 max_len）</translation>
    </message>
    <message>
        <source>the counted positions depend on the tokens (gates σ(q_i·k_j/√d)), so there is no curve of Δ alone: see an input&apos;s counted positions (the positions matrix) and its measured profile</source>
        <translation>计数位置取决于词元（门控 σ(q_i·k_j/√d)），所以不存在只关于 Δ 的曲线：请查看某个输入的计数位置（positions 矩阵）及其实测剖面</translation>
    </message>
    <message>
        <source>bucket_size must be 0 (no log buckets) or at least 2, got 1</source>
        <translation>bucket_size 必须为 0（不用对数分桶）或至少为 2，实际为 1</translation>
    </message>
    <message>
        <source>max_position %1 must exceed bucket_size/2 + 1 = %2 for the log buckets</source>
        <translation>对数分桶要求 max_position %1 大于 bucket_size/2 + 1 = %2</translation>
    </message>
    <message>
        <source>the checkpoint %1 has no relative embeddings under a common name (say which tensor is the role deberta_rel)</source>
        <translation>检查点 %1 中没有以常见名称命名的相对位置嵌入（请指明哪个张量担任角色 deberta_rel）</translation>
    </message>
    <message>
        <source>the table %1 has %2 rows but 2 · span = %3 (span = bucket_size, or max_position without buckets)</source>
        <translation>表 %1 有 %2 行，但 2 · span = %3（span 即 bucket_size；不分桶时为 max_position）</translation>
    </message>
    <message>
        <source>the config asks for layer-normed relative embeddings, but the checkpoint has no encoder LayerNorm weight and bias of %1 values</source>
        <translation>配置要求对相对位置嵌入做 LayerNorm，但检查点中没有 %1 个值的编码器 LayerNorm 权重和偏置</translation>
    </message>
    <message>
        <source>needs an even d_model for the sinusoid R, got %1</source>
        <translation>正弦编码 R 需要偶数的 d_model，实际为 %1</translation>
    </message>
    <message>
        <source>needs an even head dimension (rotation pairs), got %1 (d_model %2 / heads %3)</source>
        <translation>需要偶数的头维度（按维度对旋转），实际为 %1（d_model %2 / 头数 %3）</translation>
    </message>
    <message>
        <source>rotary_fraction %1 gives rotary_dims = int(%2 × %1) = %3; it must be even and at least 2</source>
        <translation>rotary_fraction %1 给出 rotary_dims = int(%2 × %1) = %3；它必须是偶数且至少为 2</translation>
    </message>
    <message>
        <source>pe=sinusoidal needs an even d_model, got %1</source>
        <translation>pe=sinusoidal 需要偶数的 d_model，实际为 %1</translation>
    </message>
    <message>
        <source>the sequence reaches position %1 but the PE table has max_len %2 rows (raise max_len)</source>
        <translation>序列到达位置 %1，但 PE 表只有 max_len = %2 行（请增大 max_len）</translation>
    </message>
    <message>
        <source>num_buckets %1 leaves no exact bucket (a bidirectional t5 needs num_buckets &gt;= 4)</source>
        <translation>num_buckets %1 留不出精确桶（双向的 t5 需要 num_buckets &gt;= 4）</translation>
    </message>
    <message>
        <source>num_buckets %1 leaves no exact bucket (needs num_buckets &gt;= 2)</source>
        <translation>num_buckets %1 留不出精确桶（需要 num_buckets &gt;= 2）</translation>
    </message>
    <message>
        <source>max_distance %1 must exceed the %2 exact buckets (num_buckets%3)</source>
        <translation>max_distance %1 必须大于精确桶的个数 %2（num_buckets%3）</translation>
    </message>
    <message>
        <source>the checkpoint %1 has no encoder relative attention bias (%2; bidirectional=false takes the decoder&apos;s, or say which tensor is the role %2)</source>
        <translation>检查点 %1 中没有编码器的相对注意力偏置（%2；bidirectional=false 会取解码器的，或者请指明哪个张量担任角色 %2）</translation>
    </message>
    <message>
        <source>the checkpoint %1 has no decoder relative attention bias (%2; bidirectional=true takes the encoder&apos;s, or say which tensor is the role %2)</source>
        <translation>检查点 %1 中没有解码器的相对注意力偏置（%2；bidirectional=true 会取编码器的，或者请指明哪个张量担任角色 %2）</translation>
    </message>
    <message>
        <source>num_buckets is %1 but the table %2 has %3 buckets</source>
        <translation>num_buckets 为 %1，但表 %2 有 %3 个桶</translation>
    </message>
    <message>
        <source>the table %1 has one column per head: heads must be %2, not %3</source>
        <translation>表 %1 每个头占一列：头数必须是 %2，而不是 %3</translation>
    </message>
    <message>
        <source>positions %1..%2 put the scale ζ^(m/B) near 10^%3, beyond float&apos;s range (10^30 here): use a larger scale_base or fewer positions</source>
        <translation>位置 %1..%2 使缩放因子 ζ^(m/B) 接近 10^%3，超出了 float 的范围（此处为 10^30）：请使用更大的 scale_base 或更少的位置</translation>
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
    <name>SchemeNotes</name>
    <message>
        <source>Attention is permutation-equivariant: shuffling the tokens permutes the map and changes nothing else.</source>
        <translation>注意力是置换等变的：打乱词元只会相应地置换注意力图，其他什么都不变。</translation>
    </message>
    <message>
        <source>layout=interleaved is the paper&apos;s sin on even dims, cos on odd; layout=concat puts all sines first, then all cosines (tensor2tensor, Transformer-XL), same frequencies. PE_i·PE_j depends only on j − i.</source>
        <translation>layout=interleaved 即论文的排法：偶数维放 sin，奇数维放 cos；layout=concat 先放全部正弦，再放全部余弦（tensor2tensor、Transformer-XL），频率相同。PE_i·PE_j 只取决于 j − i。</translation>
    </message>
    <message>
        <source>P is drawn once from the seed (entries N(0, init_std²)) and stands in for a trained table, or is a checkpoint&apos;s own (--weights: GPT-2 wpe, BERT position_embeddings; max_len is then its rows); positions at or beyond max_len have no row, so longer sequences are an error.</source>
        <translation>P 由种子一次性生成（元素服从 N(0, init_std²)），用来代替训练好的表；也可以是检查点自带的表（--weights：GPT-2 的 wpe、BERT 的 position_embeddings；此时 max_len 就是它的行数）。位置大于或等于 max_len 时没有对应的行，所以更长的序列会报错。</translation>
    </message>
    <message>
        <source>Transcribed from facebookresearch/RAM context_position.py (ContextPosSelfAttn.forward, its defaults: gates from the attention&apos;s own q·k, divided by √d). Content decides position: key j&apos;s position from query i counts the gates of keys j..i, so the same Δ gets different positions in different sentences, and no Δ-curve exists without an input (compute --what positions shows the counted positions). The embedding e (zeros at init there) is drawn N(0, 1) from the seed. Meant with --causal; with the mask off nothing hides later keys, so the count runs from j to the end of the sequence, as the official code does without a mask.</source>
        <translation>转写自 facebookresearch/RAM 的 context_position.py（ContextPosSelfAttn.forward 及其默认设置：门控来自注意力自身的 q·k，再除以 √d）。由内容决定位置：从查询 i 看，键 j 的位置是对键 j..i 的门控计数，所以同一个 Δ 在不同的句子里会得到不同的位置；没有输入就不存在 Δ 曲线（compute --what positions 显示计数位置）。嵌入 e（官方代码中初始化为零）由种子按 N(0, 1) 生成。应与 --causal 一起使用；关闭掩码时没有什么遮住后面的键，计数会从 j 一直数到序列末尾，与官方代码在没有掩码时的做法相同。</translation>
    </message>
    <message>
        <source>DeBERTa measures query − key (i − j); PosLab converts at the edge: the bucket shown is bucket(Δ) = −δ(i, j), Δ = j − i. Log buckets as in DeBERTa-v2 (make_log_bucket_position, in float64 as microsoft/DeBERTa&apos;s da_utils.py; ports that compute it in float32 can differ by one bucket at some non-default settings; bucket_size 0 = plain clipping as in v1); the table row is clamp(δ + span, 0, 2·span − 1). As in the official code, p2c gathers with the same δ(i, j) as c2p (the paper writes δ(j, i)). K^r = P·W_k and Q^r = P·W_q share the content projections (v2&apos;s share_att_key); P is drawn from the seed (N(0, 1)).</source>
        <translation>DeBERTa 度量的是 查询 − 键（i − j）；PosLab 在边界处换算：显示的分桶是 bucket(Δ) = −δ(i, j)，Δ = j − i。对数分桶与 DeBERTa-v2 相同（make_log_bucket_position，与 microsoft/DeBERTa 的 da_utils.py 一样用 float64 计算；用 float32 计算的移植版本在某些非默认设置下可能差一个桶；bucket_size 为 0 时即 v1 的简单截断）；表的行号为 clamp(δ + span, 0, 2·span − 1)。与官方代码一致，p2c 与 c2p 用同一个 δ(i, j) 取值（论文写的是 δ(j, i)）。K^r = P·W_k 与 Q^r = P·W_q 共用内容投影（v2 的 share_att_key）；P 由种子生成（N(0, 1)）。</translation>
    </message>
    <message>
        <source>Transcribed from the paper&apos;s pseudo-code (class FIRE): ψ uses |c·x|, the normaliser gets + 1e-6, i and j are absolute positions (start + index). The MLP is drawn from the seed as PyTorch&apos;s nn.Linear init (weights and biases U(±1/√fan_in)): an untrained FIRE. The bias depends on the query&apos;s position through ψ(max(i, L)), so FIRE is not shift-invariant: queries at or below L share one curve of Δ, beyond L the curve is squeezed as i grows (the Δ-curve shows i = L, 4L, 16L; compare with a shift past L to see it). The paper is causal (i ≥ j); with the mask off ψ(|i − j|) is symmetric, so a key after the query gets the bias of the key as far before it.</source>
        <translation>转写自论文的伪代码（class FIRE）：ψ 使用 |c·x|，归一化项加上 1e-6，i 和 j 是绝对位置（start + 序号）。MLP 按 PyTorch 中 nn.Linear 的初始化方式由种子生成（权重和偏置服从 U(±1/√fan_in)）：这是一个未经训练的 FIRE。偏置通过 ψ(max(i, L)) 依赖于查询的位置，所以 FIRE 不具有平移不变性：位置不超过 L 的查询共用一条 Δ 曲线，超过 L 后曲线随 i 增大而被压缩（Δ 曲线显示 i = L、4L、16L；用越过 L 的平移做对比即可看到）。论文是因果的（i ≥ j）；关闭掩码时 ψ(|i − j|) 是对称的，所以查询之后的键得到与查询之前同样距离的键相同的偏置。</translation>
    </message>
    <message>
        <source>Per-head p and a are drawn from the seed as the official init (log: p = 2·U, a = U; power: p = U, a = 2·U) unless given, then clamped as the official code does: p, a ≥ 0.01, and the power exponent a ≤ 2. The official power code names the coefficient bias_a and the exponent bias_p; PosLab follows the paper (p coefficient, a exponent). The paper is causal (its diff is tril(i − j)); with the mask off PosLab applies the kernel to |Δ|, symmetric as for ALiBi.</source>
        <translation>每个头的 p 和 a 若未给出，就按官方初始化由种子生成（log：p = 2·U，a = U；power：p = U，a = 2·U），然后像官方代码一样截断：p, a ≥ 0.01，且 power 形式的指数 a ≤ 2。官方的 power 代码把系数叫作 bias_a、把指数叫作 bias_p；PosLab 沿用论文的叫法（p 为系数，a 为指数）。论文是因果的（其 diff 为 tril(i − j)）；关闭掩码时 PosLab 对 |Δ| 应用核函数，与 ALiBi 一样是对称的。</translation>
    </message>
    <message>
        <source>Meant with --causal. Without the mask (an encoder) attention is permutation-equivariant: shuffling the tokens only permutes the map, so positions are invisible. With the mask, query i sees keys 0..i, and at λ = 0 (every token the same content) all its scores are equal: the first layer attends uniformly, p_ij = 1/(i + 1), whose output can encode i (the papers&apos; argument). Nothing beyond that: the scores never see Δ.</source>
        <translation>应与 --causal 一起使用。没有掩码时（编码器）注意力是置换等变的：打乱词元只会置换注意力图，所以位置不可见。有掩码时，查询 i 看到键 0..i；在 λ = 0 时（每个词元的内容相同）它的所有分数都相等：第一层均匀地分配注意力，p_ij = 1/(i + 1)，其输出可以编码 i（这两篇论文的论证）。除此之外别无其他：分数从不看到 Δ。</translation>
    </message>
    <message>
        <source>a^K and a^V have 2k+1 rows of head_dim, shared across heads as in the paper, drawn from the seed (N(0, 1)). Offsets beyond ±k share the edge row, so the map is flat there.</source>
        <translation>a^K 和 a^V 各有 2k+1 行、每行 head_dim 维，与论文一样由所有头共用，由种子生成（N(0, 1)）。超出 ±k 的偏移共用边缘的那一行，所以注意力图在那里是平的。</translation>
    </message>
    <message>
        <source>R is the sinusoid of the distance i − j = −Δ in the official code&apos;s layout (all sines, then all cosines); in an encoder (not causal) i − j is also negative. u, v (per head) and W_R are drawn from the seed. Terms (a)–(d) as in the paper, scaled by 1/√d as in the official code.</source>
        <translation>R 是距离 i − j = −Δ 的正弦编码，采用官方代码的排法（先全部正弦，再全部余弦）；在编码器中（非因果）i − j 也可以为负。u、v（每个头各一个）和 W_R 由种子生成。(a)–(d) 各项与论文相同，并像官方代码一样乘以 1/√d。</translation>
    </message>
    <message>
        <source>Slopes follow the paper&apos;s code for any head count (6, 12, 24 heads: the closest power of two, then every other slope of twice that). The paper is causal (a decoder mask); in an encoder the bias is symmetric, −m·|Δ|.</source>
        <translation>对任意头数，斜率都按论文的代码计算（6、12、24 个头：先取最接近的 2 的幂的斜率，再从其两倍头数的斜率中每隔一个取一个）。论文是因果的（解码器掩码）；在编码器中偏置是对称的：−m·|Δ|。</translation>
    </message>
    <message>
        <source>layout=half rotates dims c and c + d/2 together (GPT-NeoX, LLaMA); layout=interleaved rotates 2c and 2c + 1 (GPT-J, RoFormer). The two are not interchangeable on the same weights. scaling follows Hugging Face transformers&apos; modeling_rope_utils.py (computed in float64, HF uses float32); the attention factor multiplies cos and sin, so the logit scales by its square. dynamic and longrope use the sequence length n (dynamic: max(n, L0); longrope: long_factor when n &gt; L0).</source>
        <translation>layout=half 把第 c 维和第 c + d/2 维一起旋转（GPT-NeoX、LLaMA）；layout=interleaved 旋转第 2c 维和第 2c + 1 维（GPT-J、RoFormer）。对同一组权重，两者不能互换。scaling 按 Hugging Face transformers 的 modeling_rope_utils.py 计算（这里用 float64，HF 用 float32）；注意力因子同时乘在 cos 和 sin 上，所以 logit 按它的平方缩放。dynamic 和 longrope 使用序列长度 n（dynamic：max(n, L0)；longrope：n &gt; L0 时用 long_factor）。</translation>
    </message>
    <message>
        <source>Reproduced as far as it is computable: the article adds a Δ-embedding to an absolute PE but never says where the sum enters attention; here it rides on the key of each pair. The article writes RPE_i = PE_i + Mask_i·E_i, indexing everything by one token; PosLab reads it per (query i, key j) pair: the key carries its own PE_j, and E is taken at the pair&apos;s Δ = j − i. w, b are drawn like torch.nn.Linear(1, d) (U(−1, 1)); Δ enters unnormalised, as in the article, so far keys dominate on long sequences (logits of several hundred at n = 300, beyond float32&apos;s precision: the oneDNN engine computes this term in double, relative to each row&apos;s largest, which makes it slower for this scheme). Mask_ij is 1 where query i may see key j.</source>
        <translation>在可计算的范围内复现：文章把 Δ 嵌入加到绝对位置编码 PE 上，却从未说明这个和从哪里进入注意力；这里让它附在每一对的键上。文章写作 RPE_i = PE_i + Mask_i·E_i，所有下标都只对应一个词元；PosLab 按（查询 i，键 j）对来理解：键带着自己的 PE_j，E 取这一对的 Δ = j − i。w、b 按 torch.nn.Linear(1, d) 的方式生成（U(−1, 1)）；Δ 与文章中一样不经归一化直接输入，所以在长序列上远处的键占主导（n = 300 时 logit 达到几百，超出 float32 的精度：oneDNN 引擎用 double 计算这一项，并相对于每行的最大值计算，因此这个方案会更慢）。查询 i 可以看到键 j 时 Mask_ij 为 1。</translation>
    </message>
    <message>
        <source>relative_position = memory − query = j − i, as in T5&apos;s code. Bidirectional: half the buckets for keys after the query (Δ &gt; 0). Unidirectional: keys after the query share bucket 0. The bucket arithmetic is done in float32 and truncated, as in the official code; no 1/√d scaling, as in T5. The bias table (num_buckets × heads) is drawn from the seed (N(0, 1)).</source>
        <translation>relative_position = memory − query = j − i，与 T5 的代码相同。双向：一半的桶留给查询之后的键（Δ &gt; 0）。单向：查询之后的键共用第 0 个桶。分桶运算与官方代码一样用 float32 进行并截断取整；与 T5 一样不乘 1/√d。偏置表（num_buckets × 头数）由种子生成（N(0, 1)）。</translation>
    </message>
    <message>
        <source>As torchscale: pairs are interleaved (2c, 2c+1); the angle uses the position i, the scale the centred position m_i = i + min_pos, min_pos = −(start + n) // 2, which cancels in q̃·k̃ but keeps the factors near 1. ζ_c &lt; 1, so a key Δ before the query is damped by ζ_c^(|Δ|/B); xPos is causal: with the mask off, keys after the query are amplified instead. θ_c = base^(−2c/d).</source>
        <translation>与 torchscale 相同：维度对交错排列（2c, 2c+1）；角度使用位置 i，缩放使用居中的位置 m_i = i + min_pos，min_pos = −(start + n) // 2，它在 q̃·k̃ 中相互抵消，但让各个因子保持在 1 附近。ζ_c &lt; 1，所以在查询之前、相距 |Δ| 的键被衰减为 ζ_c^(|Δ|/B) 倍；xPos 是因果的：关闭掩码时，查询之后的键反而被放大。θ_c = base^(−2c/d)。</translation>
    </message>
</context>
<context>
    <name>SchemeParam</name>
    <message>
        <source>wavelength base (must be &gt; 0)</source>
        <translation>波长基数（必须 &gt; 0）</translation>
    </message>
    <message>
        <source>where the sin and cos of one frequency sit</source>
        <translation>同一频率的 sin 和 cos 放在哪些维</translation>
    </message>
    <message>
        <source>rows in the table (longest sequence)</source>
        <translation>表的行数（最长序列）</translation>
    </message>
    <message>
        <source>standard deviation of the table&apos;s entries</source>
        <translation>表中元素的标准差</translation>
    </message>
    <message>
        <source>positions embedded (counted positions clamp at npos − 1); 0: n + 1, never clamped</source>
        <translation>嵌入的位置个数（计数位置在 npos − 1 处截断）；0：n + 1，从不截断</translation>
    </message>
    <message>
        <source>position buckets (0: no log buckets)</source>
        <translation>位置分桶数（0：不用对数分桶）</translation>
    </message>
    <message>
        <source>maximum relative position</source>
        <translation>最大相对位置</translation>
    </message>
    <message>
        <source>log scale of ψ(x) = log(c·|x| + 1)</source>
        <translation>ψ(x) = log(c·|x| + 1) 中的对数尺度</translation>
    </message>
    <message>
        <source>threshold: the normaliser is ψ(max(i, L))</source>
        <translation>阈值：归一化项为 ψ(max(i, L))</translation>
    </message>
    <message>
        <source>hidden units of the MLP (seeded)</source>
        <translation>MLP 的隐藏单元数（由种子生成）</translation>
    </message>
    <message>
        <source>kernel: −p·log(1 + a·|Δ|) or −p·|Δ|^a</source>
        <translation>核函数：−p·log(1 + a·|Δ|) 或 −p·|Δ|^a</translation>
    </message>
    <message>
        <source>coefficient of every head; 0 draws each head&apos;s from the seed (clamped to ≥ 0.01)</source>
        <translation>每个头的系数；0 表示每个头的系数由种子生成（截断到 ≥ 0.01）</translation>
    </message>
    <message>
        <source>log: distance scale, power: exponent (clamped to ≤ 2); 0 draws each head&apos;s from the seed</source>
        <translation>log：距离尺度；power：指数（截断到 ≤ 2）；0 表示每个头的值由种子生成</translation>
    </message>
    <message>
        <source>clipping distance</source>
        <translation>截断距离</translation>
    </message>
    <message>
        <source>wavelength base of R (must be &gt; 0)</source>
        <translation>R 的波长基数（必须 &gt; 0）</translation>
    </message>
    <message>
        <source>wavelength base θ (must be &gt; 0; HF rope_theta)</source>
        <translation>波长基数 θ（必须 &gt; 0；即 HF 的 rope_theta）</translation>
    </message>
    <message>
        <source>which dims form a rotation pair</source>
        <translation>哪些维组成一个旋转对</translation>
    </message>
    <message>
        <source>context extension, as HF modeling_rope_utils.py computes (inv_freq, attention_factor)</source>
        <translation>上下文扩展，按 HF modeling_rope_utils.py 的方式计算（inv_freq、attention_factor）</translation>
    </message>
    <message>
        <source>scaling factor (context length ÷ L0)</source>
        <translation>缩放因子（上下文长度 ÷ L0）</translation>
    </message>
    <message>
        <source>L0, the pretrained context (HF original_max_position_embeddings)</source>
        <translation>L0，预训练时的上下文长度（HF 的 original_max_position_embeddings）</translation>
    </message>
    <message>
        <source>yarn: rotations where extrapolation ends</source>
        <translation>yarn：外推结束处的旋转圈数</translation>
    </message>
    <message>
        <source>yarn: rotations where interpolation begins</source>
        <translation>yarn：插值开始处的旋转圈数</translation>
    </message>
    <message>
        <source>yarn: mscale of the attention factor (0: not given)</source>
        <translation>yarn：注意力因子的 mscale（0：未给出）</translation>
    </message>
    <message>
        <source>yarn: its denominator&apos;s mscale (0: not given; both needed)</source>
        <translation>yarn：其分母中的 mscale（0：未给出；两者需同时给出）</translation>
    </message>
    <message>
        <source>yarn: floor/ceil the ramp&apos;s bounds</source>
        <translation>yarn：对斜坡区间的边界取 floor/ceil</translation>
    </message>
    <message>
        <source>llama3: frequencies whose wavelength is above L0/this are divided by factor</source>
        <translation>llama3：波长大于 L0/此值 的频率除以 factor</translation>
    </message>
    <message>
        <source>llama3: wavelengths below L0/this are kept</source>
        <translation>llama3：波长小于 L0/此值 的部分保持不变</translation>
    </message>
    <message>
        <source>yarn, longrope: multiplies cos and sin (0: derived, as HF)</source>
        <translation>yarn、longrope：乘在 cos 和 sin 上（0：像 HF 一样推导得出）</translation>
    </message>
    <message>
        <source>longrope: rotary_dims/2 divisors of inv_freq for n ≤ L0</source>
        <translation>longrope：n ≤ L0 时 inv_freq 的 rotary_dims/2 个除数</translation>
    </message>
    <message>
        <source>longrope: rotary_dims/2 divisors of inv_freq for n &gt; L0</source>
        <translation>longrope：n &gt; L0 时 inv_freq 的 rotary_dims/2 个除数</translation>
    </message>
    <message>
        <source>rotary_dims = int(head_dim · this); the rest pass unrotated (HF partial_rotary_factor)</source>
        <translation>rotary_dims = int(head_dim · 此值)；其余维不旋转（HF 的 partial_rotary_factor）</translation>
    </message>
    <message>
        <source>the absolute PE the Δ-embedding is added to (the article&apos;s code: nn.Embedding)</source>
        <translation>Δ 嵌入所加到的绝对位置编码（文章的代码：nn.Embedding）</translation>
    </message>
    <message>
        <source>rows of the learned PE table</source>
        <translation>可学习 PE 表的行数</translation>
    </message>
    <message>
        <source>activation after Linear(Δ) + Bias (the article mentions one, its formula has none)</source>
        <translation>Linear(Δ) + Bias 之后的激活函数（文章提到了激活函数，但其公式中没有）</translation>
    </message>
    <message>
        <source>Δ is multiplied by this before Linear</source>
        <translation>Δ 在进入 Linear 之前乘以此值</translation>
    </message>
    <message>
        <source>number of buckets (&gt;= 2; &gt;= 4 if bidirectional)</source>
        <translation>分桶数（&gt;= 2；双向时 &gt;= 4）</translation>
    </message>
    <message>
        <source>offsets at or beyond it share the last bucket</source>
        <translation>大于或等于它的偏移共用最后一个桶</translation>
    </message>
    <message>
        <source>encoder (true) or decoder (false) buckets</source>
        <translation>编码器（true）或解码器（false）的分桶</translation>
    </message>
    <message>
        <source>wavelength base of the rotation (must be &gt; 0)</source>
        <translation>旋转的波长基数（必须 &gt; 0）</translation>
    </message>
    <message>
        <source>B: the decay ζ_c^(|Δ|/B) per distance</source>
        <translation>B：随距离的衰减 ζ_c^(|Δ|/B)</translation>
    </message>
</context>
<context>
    <name>ScoreTerm</name>
    <message>
        <source>content-content</source>
        <translation>内容-内容</translation>
    </message>
    <message>
        <source>content-position</source>
        <translation>内容-位置</translation>
    </message>
    <message>
        <source>position-content</source>
        <translation>位置-内容</translation>
    </message>
    <message>
        <source>position-position</source>
        <translation>位置-位置</translation>
    </message>
    <message>
        <source>contextual position q_i·e[p_ij] / √d</source>
        <translation>上下文位置 q_i·e[p_ij] / √d</translation>
    </message>
    <message>
        <source>c2p content-to-position</source>
        <translation>c2p 内容到位置</translation>
    </message>
    <message>
        <source>p2c position-to-content</source>
        <translation>p2c 位置到内容</translation>
    </message>
    <message>
        <source>FIRE bias f(ψ(i − j)/ψ(max(i, L)))</source>
        <translation>FIRE 偏置 f(ψ(i − j)/ψ(max(i, L)))</translation>
    </message>
    <message>
        <source>kernel bias −p·|Δ|^a</source>
        <translation>核偏置 −p·|Δ|^a</translation>
    </message>
    <message>
        <source>kernel bias −p·log(1 + a·|Δ|)</source>
        <translation>核偏置 −p·log(1 + a·|Δ|)</translation>
    </message>
    <message>
        <source>content-position (a^K)</source>
        <translation>内容-位置（a^K）</translation>
    </message>
    <message>
        <source>(b) content-position</source>
        <translation>(b) 内容-位置</translation>
    </message>
    <message>
        <source>(c) global content bias</source>
        <translation>(c) 全局内容偏置</translation>
    </message>
    <message>
        <source>(d) global position bias</source>
        <translation>(d) 全局位置偏置</translation>
    </message>
    <message>
        <source>linear bias −m·|Δ|</source>
        <translation>线性偏置 −m·|Δ|</translation>
    </message>
    <message>
        <source>rotation (rotated − unrotated)</source>
        <translation>旋转（旋转后 − 未旋转）</translation>
    </message>
    <message>
        <source>Δ-embedding q_i·W_k·Mask⊙E(Δ)</source>
        <translation>Δ 嵌入 q_i·W_k·Mask⊙E(Δ)</translation>
    </message>
    <message>
        <source>bucket bias b[bucket, h]</source>
        <translation>分桶偏置 b[bucket, h]</translation>
    </message>
    <message>
        <source>rotation and scale (xPos − unrotated)</source>
        <translation>旋转与缩放（xPos − 未旋转）</translation>
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
    <message>
        <source>[3 · d_model] (a vector)</source>
        <translation>[3 · d_model]（向量）</translation>
    </message>
    <message>
        <source>[d_model] (a vector)</source>
        <translation>[d_model]（向量）</translation>
    </message>
    <message>
        <source>%1 in %2 is %3 × %4 but must be %5</source>
        <translation>%2 中的 %1 是 %3 × %4，但必须是 %5</translation>
    </message>
    <message>
        <source>%1 has q_proj but no k_proj for layer %2</source>
        <translation>%1 有第 %2 层的 q_proj，却没有 k_proj</translation>
    </message>
    <message>
        <source>kv_heads · %1 × %2 with kv_heads dividing the %3 heads</source>
        <translation>kv_heads · %1 × %2，且 kv_heads 整除 %3 个头</translation>
    </message>
    <message>
        <source>%1 × %2 (n tokens × d_model)</source>
        <translation>%1 × %2（n 个词元 × d_model）</translation>
    </message>
    <message>
        <source>unknown tensor role %1 (known: %2)</source>
        <translation>未知的张量角色 %1（已知：%2）</translation>
    </message>
    <message>
        <source>the tensor role %1 names no tensor</source>
        <translation>张量角色 %1 没有指明张量</translation>
    </message>
    <message>
        <source>%1 (the session&apos;s weights)</source>
        <translation>%1（会话所用的权重）</translation>
    </message>
    <message>
        <source>%1 has no tensor %2 (an inputs file holds x, w_q, w_k and w_v)</source>
        <translation>%1 没有张量 %2（输入文件应包含 x、w_q、w_k 和 w_v）</translation>
    </message>
    <message>
        <source>%1 (for %2)</source>
        <translation>%1（用于 %2）</translation>
    </message>
    <message>
        <source>%1 in %2 is %3: %4 must be %5</source>
        <translation>%2 中的 %1 是 %3：%4 必须是 %5</translation>
    </message>
    <message>
        <source>%1 %2 as double</source>
        <translation>%1 %2（以 double 存放）</translation>
    </message>
    <message>
        <source>use a smaller tensor</source>
        <translation>请使用更小的张量</translation>
    </message>
    <message>
        <source>%1 no longer has the tensor %2 the session used for %3</source>
        <translation>%1 已不再包含会话用作 %3 的张量 %2</translation>
    </message>
    <message>
        <source>%1 in %2 has changed since the session was saved (SHA-256 %3, the session recorded %4)</source>
        <translation>%2 中的 %1 在会话保存之后已改变（SHA-256 为 %3，会话记录的是 %4）</translation>
    </message>
</context>
</TS>
