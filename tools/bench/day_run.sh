#!/usr/bin/env bash
# A simulated day of the shipped Starlink Gen1 (4,408 satellites, 197 gateways): a diurnal inference load
# at the Azure code trace's mean rate (trace generate --kind diurnal --rate 2.45, lengths resampled from
# workloads/data/azure_llm_2023_code.csv, served by Llama-3.1-8B whose context holds them; 211,246 requests
# over a day) and the 5 demo training jobs.
# Builds the scenario from the shipped files in a temporary folder, runs it and prints wall time,
# real-time factor and peak RSS, with the machine.
#   tools/bench/day_run.sh [DURATION_S]   (default 86400; e.g. 3600 for an hour)
# ORBITSIM=path/to/orbitsim compares another build; KEEP=DIR keeps the run folder there; THREADS=N sets
# `run --threads` (default: every core the process may use).
source "$(dirname "$0")/bench_common.sh" "$@"
"$exe" trace generate --kind diurnal --rate 2.45 --seed 1 --duration-s "$duration" --model llama3.1-8b \
  --lengths-from "$root/workloads/data/azure_llm_2023_code.csv" --platform "$root/platforms/starlink_gen1.yaml" \
  --to "$work/requests.csv" 2>/dev/null
cat > "$work/scenario.yaml" <<YAML
name: gen1-day-bench
platform: $root/platforms/starlink_gen1.yaml
seed: 1
duration_s: $duration
timeseries_interval_s: 600
workload:
  models: $root/workloads/models.yaml
  jobs: $root/workloads/jobs/starlink_training_demo.csv
  requests: $work/requests.csv
training: {placement: contiguous-in-plane, checkpoint_target: neighbour}
inference: {placement: nearest-visible, accelerator_group: h100x1}
YAML
run_and_print_figures
