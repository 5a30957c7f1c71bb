#!/usr/bin/env bash
# A simulated day of a 20,000-satellite constellation (one 53 deg 550 km Walker-delta shell of 200 planes
# x 100 satellites, +Grid lasers) with the top-100 cities as stations and a light diurnal inference load
# (trace generate --kind diurnal --rate 0.5: ~43,000 requests a day, lengths resampled from
# workloads/data/azure_llm_2023_code.csv, Llama-3.1-8B, nearest-visible placement): issue 11's goal 2.
# Builds the platform and scenario in a temporary folder, runs it and prints wall time, real-time factor
# and peak RSS, with the machine.
#   tools/bench/walker20k_day.sh [DURATION_S]   (default 86400)
# ORBITSIM=path/to/orbitsim compares another build; KEEP=DIR keeps the run folder there; THREADS=N sets
# `run --threads` (default: every core the process may use).
source "$(dirname "$0")/bench_common.sh" "$@"
cat > "$work/platform.yaml" <<YAML
name: walker-20000
description: one 53 deg 550 km Walker-delta shell of 200 planes x 100 satellites, with the top-100 cities
epoch_utc: 2026-06-21T00:00:00Z
shells:
  - {name: w, walker: 53:20000/200/1, altitude_km: 550}
ground_stations:
  - file: $root/platforms/ground/hypatia_cities_top100.basic.txt
YAML
write_day_scenario walker20k-day-bench "$work/platform.yaml" 0.5 "" < /dev/null
run_and_print_figures
