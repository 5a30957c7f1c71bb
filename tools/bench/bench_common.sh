# Sourced by the day-scale benchmark scripts (day_run.sh, walker20k_day.sh) with their arguments: the
# duration, the build to run (ORBITSIM=), the run folder (KEEP=, else a temporary one), scenario keys to
# override (SET="key=value ...", passed to `run --set`, e.g. SET=network_optim=Lazy), and the run itself.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
duration=${1:-86400}
exe=${ORBITSIM:-$root/build/orbitsim}
work=${KEEP:-$(mktemp -d)}
[[ -n "${KEEP:-}" ]] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work"

# Runs "$work/scenario.yaml" (with `--threads $THREADS` when set) and prints wall time, real-time factor,
# peak RSS and what the workloads got through, with the machine.
run_and_print_figures() {
  # shellcheck disable=SC2086  # SET holds several words on purpose
  "$exe" run "$work/scenario.yaml" --out "$work/out" ${THREADS:+--threads "$THREADS"} ${SET:+--set $SET} > "$work/stdout.txt"
  /usr/bin/python3 "$root/tools/bench/run_figures.py" "$work/out" "$duration"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(uname -m)"
}
