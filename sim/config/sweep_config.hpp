// A sweep file (`orbitsim sweep SWEEP.yaml`): a base scenario, axes over any scenario or platform key
// (the key paths of `run --set`, platform.* for the platform file), crossed as a grid or zipped, the
// policies to compare at every combination, the seeds, and the metrics to aggregate.
//
//   scenario: ../scenarios/starlink_shell1_training.yaml   # relative to this file
//   combine: grid                                          # or zip (axes of equal length, side by side)
//   set: {duration_s: 600}                                 # the same for every point
//   axes:
//     - {key: faults.rate_scale, values: [0, 1, 2]}
//     - {key: platform.shells.0.altitude_km, range: {from: 400, to: 1200, step: 200}}
//     - {key: faults.satellite_failure_rate_per_day, range: {log_from: 0.001, log_to: 1, n: 4}}
//   policies: [none, checkpoint-restart]                   # optional: the scenario's own otherwise
//   seeds: {from: 1, to: 10}
//   metrics: [jobs_finished_fraction, jct_mean_s]          # optional: all of metrics/run_metrics.hpp
#pragma once

#include <string>
#include <vector>

#include "core/input_error.hpp"

namespace orbitsim {

struct SweepAxis {
  std::string key;
  std::vector<std::string> values;  // as --set values; ranges printed with 12 significant digits
  SourceLocation where;
};

struct SweepConfig {
  std::string file;
  std::string scenario_file;
  bool zip = false;
  std::vector<SweepAxis> axes;
  std::vector<std::string> sets;      // "key.path=value"
  std::vector<std::string> policies;  // empty: the scenario's own
  SourceLocation policies_where;
  long first_seed = 1, last_seed = 1;
  std::vector<std::string> metrics;  // names; all when the file gives none

  // Combinations of axis values (the product of the axes' lengths, or their common length when zipped).
  size_t combinations() const;
  // The axis values of combination `c`, one per axis.
  std::vector<std::string> combination(size_t c) const;
  size_t points() const;  // combinations x policies x seeds
};

// Throws InputError naming the file, line and key of anything malformed (an empty range, zipped axes of
// different lengths, an unknown metric).
SweepConfig load_sweep_config(const std::string& path);

}  // namespace orbitsim
