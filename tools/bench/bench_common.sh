# shellcheck shell=bash
# Sourced by the day-scale benchmark scripts (day_run.sh, walker20k_day.sh, tle_day.sh) with their arguments: the
# duration, the build to run (ORBITSIM=), the run folder (KEEP=, else a temporary one), scenario keys to
# override (SET="key=value ...", passed to `run --set`, e.g. SET=network_optim=Lazy), the scenario they share
# (write_day_scenario) and the run itself.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
duration=${1:-86400}
exe=${ORBITSIM:-$root/build/orbitsim}
work=${KEEP:-$(mktemp -d)}
[[ -n "${KEEP:-}" ]] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work"

# The day scripts' load and scenario. Writes $work/requests.csv, a diurnal trace at RATE requests/s from
# PLATFORM's stations whose lengths are resampled from the Azure code trace (Llama-3.1-8B), and
# $work/scenario.yaml: NAME on PLATFORM with those requests (served nearest-visible on one H100) and the
# training jobs of JOBS_CSV ("" for none); the YAML lines on stdin (training policy, faults) end it.
#   write_day_scenario NAME PLATFORM RATE JOBS_CSV <<YAML ... YAML
write_day_scenario() {
  local name=$1 platform=$2 rate=$3 jobs=$4
  "$exe" trace generate --kind diurnal --rate "$rate" --seed 1 --duration-s "$duration" --model llama3.1-8b \
    --lengths-from "$root/workloads/data/azure_llm_2023_code.csv" --platform "$platform" --to "$work/requests.csv" 2>/dev/null
  {
    printf 'name: %s\nplatform: %s\nseed: 1\nduration_s: %s\ntimeseries_interval_s: 600\n' "$name" "$platform" "$duration"
    printf 'workload:\n  models: %s\n' "$root/workloads/models.yaml"
    [[ -z "$jobs" ]] || printf '  jobs: %s\n' "$jobs"
    printf '  requests: %s\n' "$work/requests.csv"
    printf 'inference: {placement: nearest-visible, accelerator_group: h100x1}\n'
    cat
  } > "$work/scenario.yaml"
}

# Runs "$work/scenario.yaml" (with `--threads $THREADS` when set) and prints wall time, real-time factor,
# peak RSS, the CPU time of the simulation thread and of each prefetch lane, and what the workloads got
# through, with the machine. With INSTRUCTIONS=1 the run is under valgrind's callgrind instead (50-100x
# slower: minutes for a simulated 600 s) and prints the instructions each thread executed: the simulation
# thread's within 0.01 % from run to run of one build, where CPU times here drift by 10-50 % within the hour.
run_and_print_figures() {
  if [[ -n "${INSTRUCTIONS:-}" ]]; then
    count_instructions
    return
  fi
  run_scenario
  /usr/bin/python3 "$root/tools/bench/run_figures.py" "$work/out" "$duration"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(uname -m)"
}

# `run` on the scenario into $work/out, behind the words given (a tool that runs it, or none).
run_scenario() {
  # shellcheck disable=SC2086  # SET holds several words on purpose
  "$@" "$exe" run "$work/scenario.yaml" --out "$work/out" ${THREADS:+--threads "$THREADS"} ${SET:+--set $SET} > "$work/stdout.txt"
}

# Instructions per thread: callgrind --separate-threads writes one profile per thread, numbered in order of
# creation (1: the simulation's).
count_instructions() {
  command -v valgrind > /dev/null || { echo "INSTRUCTIONS=1: valgrind is not installed (tools/setup.sh installs it)" >&2; exit 2; }
  rm -f "$work"/callgrind.out*
  run_scenario valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file="$work/callgrind.out" 2> "$work/callgrind.log"
  for profile in "$work"/callgrind.out-*; do
    printf '%s %s\n' "${profile##*-}" "$(awk '/^summary:/ {print $2}' "$profile")"
  done | awk '{ total += $2; label = $1 == "01" ? "simulation thread" : "thread " $1 + 0;
                printf "instructions: %-18s %9.4f G\n", label, $2 / 1e9 }
              END { printf "instructions: %-18s %9.4f G (%s, callgrind)\n", "all threads", total / 1e9, exe }' exe="$exe"
}
