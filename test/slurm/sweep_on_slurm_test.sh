#!/usr/bin/env bash
# `orbitsim sweep --backend slurm` against a real one-node Slurm brought up here (tools/slurm/local_slurm.sh)
# and torn down at the end: a sweep of 2 failure rates x 2 policies x 3 seeds gives the same sweep.csv,
# byte for byte, as the local backend; its runs went through a job array and a merge job; a point that
# cannot run is reported by id, the merge job does not run, and --resume runs that point alone and
# completes the sweep. Prints one line per check and "N passed, M failed".
#   bash test/slurm/sweep_on_slurm_test.sh path/to/orbitsim      (as root; tools/setup.sh installed Slurm)
set -uo pipefail
orbitsim=$(realpath "${1:?usage: $0 path/to/orbitsim}")
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/orbitsim_slurm_test.XXXXXX)
passed=0 failed=0
check() {  # name, then a command that succeeds when the check passes
  local name=$1; shift
  if "$@"; then echo "PASS $name"; passed=$((passed + 1)); else echo "FAIL $name"; failed=$((failed + 1)); fi
}
finish() {
  "$root/tools/slurm/local_slurm.sh" down 2>/dev/null
  rm -rf "$work"
  echo "$passed passed, $failed failed"
  [[ $failed -eq 0 && $passed -gt 0 ]]
}
trap 'finish; exit $?' EXIT

if ! up=$("$root/tools/slurm/local_slurm.sh" up); then
  check "a one-node Slurm comes up" false
  exit 1
fi
eval "$up"
check "a one-node Slurm comes up" test "$(sinfo -h -N -o '%T')" = idle

cat > "$work/sweep.yaml" <<YAML
scenario: $root/workloads/scenarios/starlink_shell1_training.yaml
set: {duration_s: 300, faults.satellite_failure_rate_per_day: 20}
axes:
  - {key: faults.rate_scale, values: [0.5, 1]}
policies: [none, checkpoint-restart]
seeds: {from: 1, to: 3}
metrics: [jobs_finished_fraction, lost_iterations, jct_mean_s]
YAML

"$orbitsim" sweep "$work/sweep.yaml" --out "$work/local" > /dev/null 2>&1
check "the local backend completes" test -f "$work/local/sweep.csv"

"$orbitsim" sweep "$work/sweep.yaml" --backend slurm --points-per-task 4 --out "$work/slurm" > "$work/slurm.out" 2> "$work/slurm.err"
check "the Slurm backend completes" test $? -eq 0
check "sweep.csv is the local backend's, byte for byte" cmp -s "$work/local/sweep.csv" "$work/slurm/sweep.csv"
array=$(sed -n 's/.*Slurm job array \([0-9]*\) .*/\1/p' "$work/slurm.err")
merge=$(sed -n 's/.*merge job \([0-9]*\);.*/\1/p' "$work/slurm.err")
check "3 array tasks of 4 runs ran and completed under Slurm" \
  test "$(squeue -h --states=all -j "$array" -o '%T' | sort | uniq -c | tr -s ' ')" = " 3 COMPLETED"
check "the merge job ran after them and wrote sweep.csv" \
  test "$(squeue -h --states=all -j "$merge" -o '%T')" = COMPLETED -a -f "$work/slurm/slurm/merge_$merge.log"
check "each task's log exists" test "$(ls "$work"/slurm/slurm/task_"$array"_*.log | wc -l)" -eq 3

# A point whose run folder cannot be made (a file in its place) fails.
mkdir -p "$work/fail/runs" && echo "not a folder" > "$work/fail/runs/c1-none-s2"
"$orbitsim" sweep "$work/sweep.yaml" --backend slurm --out "$work/fail" > /dev/null 2> "$work/fail.err"
check "a failed point makes the sweep exit 1" test $? -eq 1
check "the failed point is named" grep -q "points failed: c1-none-s2" "$work/fail.err"
check "the merge job did not run" grep -q "did not run" "$work/fail.err"
check "sweep.csv says what is missing" grep -q "^# incomplete: 11 of 12 points complete; failed: c1-none-s2" "$work/fail/sweep.csv"
rm "$work/fail/runs/c1-none-s2"
"$orbitsim" sweep "$work/sweep.yaml" --backend slurm --resume --out "$work/fail" > /dev/null 2> "$work/resume.err"
check "--resume completes it" test $? -eq 0
check "--resume ran only the missing point" grep -q "12 points, 1 to run (11 complete)" "$work/resume.err"
check "the resumed sweep.csv is the local backend's" cmp -s "$work/local/sweep.csv" "$work/fail/sweep.csv"
