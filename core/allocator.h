#pragma once

namespace poslab {

// Makes the C allocator keep freed memory for reuse instead of returning it to the kernel.
//
// On this kind of machine the first touch of a fresh 4 KiB page costs 2–11 µs (docs/performance.md),
// and glibc serves every allocation above 128 KiB (adjusting up to 32 MiB) from fresh mmap pages and
// trims the heap's top as soon as 128 KiB are free. A recompute allocates its plan (content and pe,
// n × d_model doubles each) and result matrices anew, so without this every recompute pays the page
// faults again: at n = 256 the plan alone took 1–4 ms, of which 0.2 ms is arithmetic.
// With it, allocations up to 256 MiB come from the heap and up to 512 MiB of freed heap stay mapped.
// Call once at the start of main(), before threads start. A no-op where the C library is not glibc.
void retainFreedMemory();

} // namespace poslab
