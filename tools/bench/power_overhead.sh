#!/usr/bin/env bash
# What the power model costs: a scenario run with the power model off and on, interleaved `REPEATS`
# times; prints each wall time and the median ratio on/off. Both runs use the same platform, with the
# `starcloud-h100` power profile switched on by --set for the second.
#   tools/bench/power_overhead.sh [SCENARIO] [REPEATS]   (default: the README's default scenario, 3)
set -euo pipefail
scenario=${1:-workloads/scenarios/starlink_shell1_default.yaml}
repeats=${2:-3}
exe=${ORBITSIM:-build/orbitsim}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
wall() { /usr/bin/time -f %e "$exe" run "$scenario" --quiet --out "$out/run" "$@" 2>&1 >/dev/null | tail -1; }
off=() on=()
for ((i = 0; i < repeats; i++)); do
  off+=("$(wall --set platform.power.enabled=false)")
  on+=("$(wall --set platform.power.profile=starcloud-h100)")
done
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
m_off=$(median "${off[@]}") m_on=$(median "${on[@]}")
echo "scenario: $scenario ($(nproc) cores, $(uname -m))"
echo "power off, wall s: ${off[*]} (median $m_off)"
echo "power on,  wall s: ${on[*]} (median $m_on)"
awk -v a="$m_on" -v b="$m_off" 'BEGIN {printf "ratio on/off (medians): %.2f\n", a / b}'
