#!/usr/bin/env bash
# Instructions a prefetcher lane executes per epoch of Gen1 from 43,200 s (topology_bench's
# lane_epoch/Gen1_counted: 101 epochs minus 1, so that loading the platform cancels out), counted by
# valgrind's callgrind: the same count on every run of one build, where times on a shared machine drift by
# 10-30 % within the hour. A proxy for time (it ignores cache misses and divisions' latency): compare builds
# with it, then confirm with day_run.sh.
#   tools/bench/lane_instructions.sh   (TOPOLOGY_BENCH=path/to/topology_bench compares another build)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bench=${TOPOLOGY_BENCH:-$root/build/tools/bench/topology_bench}
command -v valgrind > /dev/null || { echo "lane_instructions.sh: valgrind is not installed (tools/setup.sh installs it)" >&2; exit 2; }
[[ -x $bench ]] || { echo "lane_instructions.sh: no $bench (cmake --build --preset default)" >&2; exit 2; }
count() {  # prints nothing unless the benchmark ran (an older build has no lane_epoch/Gen1_counted)
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bench" \
    --benchmark_filter="lane_epoch/Gen1_counted/43200/iterations:$1\$" 2>&1 |
    awk '/^lane_epoch\/Gen1_counted/ {ran = 1} /Collected :/ {count = $4} END {if (ran) print count}'
}
one=$(count 1)
many=$(count 101)
[[ -n $one && -n $many ]] || { echo "lane_instructions.sh: $bench has no lane_epoch/Gen1_counted benchmark (or callgrind failed)" >&2; exit 1; }
echo "lane epoch (Gen1 from 43,200 s): $(( (many - one) / 100 )) instructions per epoch ($bench)"
