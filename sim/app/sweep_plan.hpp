// The points of a sweep and what they add up to: one implementation behind `sweep` and `compare` (a
// comparison is the sweep of its failure settings x policies x seeds). A point is one run: a combination
// of axis values, a policy and a seed, with the --set overrides that make it.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "config/sweep_config.hpp"
#include "metrics/replication_interval.hpp"

namespace orbitsim {

struct SweepPoint {
  std::string id;  // c<combination>[-<policy>]-s<seed>: its folder under runs/
  size_t combination = 0;
  std::string policy;  // empty when the sweep names none
  long seed = 0;
  std::vector<std::string> sets;  // the sweep's own, the axis values, the policy's
};

// Combinations in order (the last axis fastest), then policies, then seeds. Throws InputError at the
// sweep's `policies` line for an unknown policy.
std::vector<SweepPoint> plan_sweep(const SweepConfig& sweep);

// A run is complete when it wrote a summary of its whole horizon.
bool run_complete(const std::string& dir);

// One (combination, policy): its complete runs and each metric over their seeds.
struct SweepGroup {
  size_t combination = 0;
  std::string policy;
  size_t complete_runs = 0;
  std::map<std::string, ReplicationInterval> metrics;  // by name, the sweep's metrics
};
std::vector<SweepGroup> aggregate_sweep(const SweepConfig& sweep, const std::vector<SweepPoint>& points,
                                        const std::string& runs_dir);

}  // namespace orbitsim
