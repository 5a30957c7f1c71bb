// What the viewer reads from a folder written by `orbitsim run`: its effective platform, horizon and
// summary, failures, per-node utilisation and (with a power model) per-satellite power samples.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "faults/failure_trace.hpp"
#include "viewer/node_states.hpp"

namespace orbitsim {

struct RunFolder {
  std::string dir;
  std::string platform_file;  // dir/platform.yaml
  nlohmann::json summary;     // summary.json
  double horizon_s = 0.0;
  std::vector<FailureEvent> failures;
  std::vector<double> utilisation;  // per node, from nodes.csv
  std::vector<PowerSample> power;   // power.csv; empty without a power model
};

// Whether `path` is a run folder (a directory) rather than a platform file.
bool is_run_folder(const std::string& path);
// Reads the summary and platform location; throws InputError naming the missing file.
RunFolder open_run_folder(const std::string& dir);
// Reads the per-node files, against the platform's node names (satellites first).
void read_run_outputs(RunFolder& run, const std::vector<std::string>& node_names, int satellites);

}  // namespace orbitsim
