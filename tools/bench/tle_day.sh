#!/usr/bin/env bash
# Issue 11's goal 3: the real constellation for a day. platforms/starlink_tle_2026.yaml (10,361 SGP4
# element sets, ranged lasers) with 10x the Azure code trace's rate (trace generate --kind diurnal --rate
# 24.5: ~2.1 million requests a day, lengths resampled from workloads/data/azure_llm_2023_code.csv,
# Llama-3.1-8B, nearest-visible) and 20 training jobs (the 5 demo jobs 4 times, each copy 5 s later) with
# satellite failures on (faults.satellite_failure_rate_per_day 0.01; checkpoint-restart, retry).
# Training is placed by `cluster` (the free satellites nearest an anchor, the ring in nearest-neighbour
# order): an element set has no planes, so `contiguous-in-plane` falls back to platform order and puts
# ring neighbours thousands of km apart (tools/README.md: 3.1x slower for the first 120 s, half the MFU).
# PLACEMENT=contiguous-in-plane restores it.
# Builds the scenario in a temporary folder, runs it and prints wall time, real-time factor and peak RSS.
#   tools/bench/tle_day.sh [DURATION_S]   (default 86400)
# ORBITSIM=path/to/orbitsim compares another build; KEEP=DIR keeps the run folder there; THREADS=N sets
# `run --threads` (default: every core the process may use).
source "$(dirname "$0")/bench_common.sh" "$@"
demo="$root/workloads/jobs/starlink_training_demo.csv"
{
  grep '^#' "$demo"
  grep -v '^#' "$demo" | head -1
  for copy in 0 1 2 3; do
    grep -v '^#' "$demo" | tail -n +2 | awk -F, -v k=$copy 'BEGIN { OFS = "," } { $1 = $1 "-" k; $2 = $2 + 5 * k; print }'
  done | sort -t, -k2,2n -s
} > "$work/jobs.csv"
write_day_scenario tle-day-bench "$root/platforms/starlink_tle_2026.yaml" 24.5 "$work/jobs.csv" <<YAML
training: {placement: ${PLACEMENT:-cluster}, checkpoint_target: neighbour}
faults: {satellite_failure_rate_per_day: 0.01}
failover: {training: checkpoint-restart, inference: retry}
YAML
run_and_print_figures
