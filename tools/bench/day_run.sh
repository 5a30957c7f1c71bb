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
write_day_scenario gen1-day-bench "$root/platforms/starlink_gen1.yaml" 2.45 "$root/workloads/jobs/starlink_training_demo.csv" <<YAML
training: {placement: contiguous-in-plane, checkpoint_target: neighbour}
YAML
run_and_print_figures
