#!/usr/bin/env bash
# The AVX-512 and AVX2 tables of docs/performance.md: attention at n = 1024, 2048, 4096 (8 heads of
# 64, fp32) and pooled streaming at n = 65,536 into 1024 × 1024 cells (one head of 64), each run under
# the caps of one ISA (POSLAB_CPU_ISA for PosLab's kernels, ONEDNN_MAX_CPU_ISA for oneDNN), the ISAs
# interleaved, every number with the load average at its start. Ratios are to the same run's sgemm.
#
#   tests/bench/isa-table.sh [POSLAB_CLI] [ROUNDS] [ISA...]
#   e.g. tests/bench/isa-table.sh build/app/cli/poslab-cli 3 avx512 avx2
set -euo pipefail
cli=${1:-build/app/cli/poslab-cli}
rounds=${2:-3}
shift $(($# < 2 ? $# : 2))
isas=("$@")
if [ ${#isas[@]} -eq 0 ]; then
    read -r -a isas <<<"$("$cli" isa | grep -E '^(avx2|avx512)$' | sort -r | tr '\n' ' ')"
fi

field() { grep -o "\"$1\": [^,}]*" | head -n 1 | sed 's/.*: //; s/"//g'; }
onednn_cap() { case "$1" in avx2) echo AVX2 ;; scalar | sse4) echo SSE41 ;; *) echo ALL ;; esac; }

echo "# $(grep -m 1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(nproc) cores, $(date -u +%FT%TZ)"
printf '%-7s %-18s %-7s %10s %9s %12s %7s %9s %s\n' cap onednn n ms GFLOP/s sgemm_GF/s ratio rss_MiB load
for round in $(seq "$rounds"); do
    for isa in "${isas[@]}"; do
        for n in 1024 2048 4096 65536; do
            load=$(cut -d ' ' -f 1 /proc/loadavg)
            if [ "$n" -eq 65536 ]; then
                json=$(POSLAB_CPU_ISA=$isa ONEDNN_MAX_CPU_ISA=$(onednn_cap "$isa") "$cli" bench --n "$n" \
                    --heads 1 --head-dim 64 --scheme alibi --pool 1024 --repeats 3 --format json)
                ms=$(field pooled_ms <<<"$json")
                rss=$(field peak_rss_mib <<<"$json")
            else
                json=$(POSLAB_CPU_ISA=$isa ONEDNN_MAX_CPU_ISA=$(onednn_cap "$isa") "$cli" bench --n "$n" \
                    --heads 8 --head-dim 64 --format json)
                ms=$(field attention_ms <<<"$json")
                rss=-
            fi
            printf '%-7s %-18s %-7s %10.1f %9.1f %12.1f %7.3f %9s %s\n' "$(field kernel_isa <<<"$json")" \
                "$(field onednn_isa <<<"$json")" "$n" "$ms" "$(field gflops <<<"$json")" \
                "$(field sgemm_gflops <<<"$json")" "$(field ratio_to_sgemm <<<"$json")" \
                "${rss%.*}" "$load"
        done
    done
done
