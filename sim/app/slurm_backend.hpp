// `sweep --backend slurm`: the runs of a sweep as one Slurm job array (several points per task, so that
// short runs do not drown in the scheduler's one-second waves), then a merge job that depends on it
// (afterok, cancelled if any task fails) and writes sweep.csv; followed by polling squeue (clusters
// without accounting have no sacct) with a progress line. Everything the jobs run is written under
// DIR/slurm: commands.txt (one `orbitsim run` per line), task.sh, and the jobs' logs.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "app/interrupt.hpp"
#include "app/run_launcher.hpp"

namespace orbitsim {

struct SlurmSweep {
  std::string work_dir;       // DIR/slurm
  std::string scenario_file;  // absolute
  std::vector<RunRequest> runs;
  int points_per_task = 4;
  std::vector<std::string> sbatch_options;  // passed to both sbatch calls (--partition=..., --time=...)
  std::vector<std::string> merge_command;   // argv of the merge job
  double poll_interval_s = 0.5;
};

struct SlurmOutcome {
  std::string array_job, merge_job;
  bool merged = false;                  // the merge job completed
  std::vector<std::string> task_states;  // "<task> <state>" per array task, from squeue --states=all
};

// Submits, waits and reports; `runs_done()` counts the runs complete so far (for the progress line).
// On SIGINT/SIGTERM the jobs are cancelled. Throws std::runtime_error when sbatch or squeue fail.
SlurmOutcome run_on_slurm(const SlurmSweep& sweep, const std::function<size_t()>& runs_done,
                          const InterruptSignals& interrupts);

// The text as one shell word.
std::string shell_quote(const std::string& text);

}  // namespace orbitsim
