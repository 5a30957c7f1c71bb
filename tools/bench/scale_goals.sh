#!/usr/bin/env bash
# Issue 11's scale goals on this machine: the day benchmarks one after the other, then a table of each goal's
# figure against its target.
#   1. Gen1's day (day_run.sh) in under 60 s wall on 2 cores;
#   2. a 20,000-satellite day (walker20k_day.sh) in under 600 s with a peak RSS under 2 GB, each epoch (its
#      positions, ISL/GSL state and Router, built by the prefetch lanes) in under 20 ms of CPU;
#   3. the real constellation's day (tle_day.sh: 10,361 element sets, 10x the Azure rate, 20 training jobs,
#      failures on) in under 600 s;
#   4. the speed-up of 2 threads over 1 on Gen1's day (day_run.sh again with THREADS=1).
# About 12 minutes on a 2-core machine whose other users are quiet; each run prints its figures as the day
# scripts do. Times on a shared machine drift by 10-30 % within the hour: run it twice before concluding.
#   tools/bench/scale_goals.sh     (ORBITSIM=path/to/orbitsim: another build; KEEP=DIR keeps the four runs)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
runs=${KEEP:-$(mktemp -d)}
[[ -n "${KEEP:-}" ]] || trap 'rm -rf "$runs"' EXIT
mkdir -p "$runs"

run() {  # NAME THREADS SCRIPT
  echo "== $1 ($3${2:+, THREADS=$2})"
  KEEP="$runs/$1" THREADS=$2 INSTRUCTIONS='' "$here/$3"
}
run gen1 "" day_run.sh
run gen1_one_thread 1 day_run.sh
run walker20k "" walker20k_day.sh
run tle "" tle_day.sh

/usr/bin/python3 - "$runs" <<'PY'
import json
import sys

def info(name):
    return json.load(open(f"{sys.argv[1]}/{name}/out/run_info.json"))

gen1, one, walker, tle = info("gen1"), info("gen1_one_thread"), info("walker20k"), info("tle")
lanes_cpu_s = sum(walker["cpu_time_s"]["prefetch_lanes"])
epoch_ms = 1e3 * lanes_cpu_s / max(1, walker["topology_epochs_built_ahead"])
rows = [
    ("1", "Gen1 day, wall", "< 60 s", f"{gen1['wall_time_s']:.1f} s", gen1["wall_time_s"] < 60),
    ("2", "20,000-satellite day, wall", "< 600 s", f"{walker['wall_time_s']:.1f} s", walker["wall_time_s"] < 600),
    ("2", "20,000-satellite day, peak RSS", "< 2,048 MB", f"{walker['peak_rss_mb']:,.0f} MB", walker["peak_rss_mb"] < 2048),
    ("2", "20,000-satellite epoch, lanes' CPU", "< 20 ms", f"{epoch_ms:.2f} ms", epoch_ms < 20),
    ("3", "TLE day, wall", "< 600 s", f"{tle['wall_time_s']:.1f} s", tle["wall_time_s"] < 600),
    ("4", "Gen1 day, 1 thread's wall / 2 threads'", "reported", f"{one['wall_time_s'] / gen1['wall_time_s']:.2f}x", None),
]
print(f"\n{'goal':<5}{'figure':<40}{'target':<12}{'measured':<12}")
for goal, what, target, measured, met in rows:
    print(f"{goal:<5}{what:<40}{target:<12}{measured:<12}{'' if met is None else 'met' if met else 'MISSED'}")
PY
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(uname -m)"
