// Runs of one scenario as child `orbitsim run` processes, several at a time, for `compare` and `sweep`:
// each with its own seed, output folder and --set overrides, the cores shared among the runs under way.
// On SIGINT or SIGTERM the signal goes to the runs under way (each writes its outputs as of then) and
// no more start.
#pragma once

#include <string>
#include <vector>

#include "app/interrupt.hpp"

namespace orbitsim {

struct RunRequest {
  std::string dir;
  long seed = 0;
  std::vector<std::string> sets;  // key.path=value, in order
};

// kBadInput: the run refused its input (exit 2: a --set value only this point has); kFailed: any other
// failure (the machine: a full disk, a crash); kNotRun: stopped by a signal, or never started.
enum class RunOutcome { kCompleted, kBadInput, kFailed, kNotRun };

// `label` names the command in the progress line and in "run DIR failed" messages on stderr.
std::vector<RunOutcome> launch_runs(const std::string& scenario_file, const std::vector<RunRequest>& runs, unsigned jobs,
                                    const std::string& label, const InterruptSignals& interrupts);

// The overrides that select a policy by name: the training and/or inference failover policy, DVFS
// governor or eclipse training policy of that name. Throws InputError naming `option` and listing the
// policies when a name is none of them.
std::vector<std::string> policy_sets(const std::string& policy, const std::string& option);
// "training failover (a, b), inference failover (c), both (d), DVFS governors (e), eclipse training (f)".
std::string policy_names_by_kind();

}  // namespace orbitsim
