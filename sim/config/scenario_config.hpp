// A scenario: a platform file, the workload (model catalog, training jobs), policies, seed and run
// options. Parsed once and validated; documented key by key in workloads/README.md.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "config/platform_config.hpp"

namespace orbitsim {

struct TrainingScenarioConfig {
  std::string placement = "contiguous-in-plane";
  std::string checkpoint_target = "neighbour";  // neighbour | ground
  std::string checkpoint_station;               // ground target: a station name
  double satellite_failure_rate_per_day = 2.9e-4;  // Young's interval; physics.md 5c, per accelerator-day
};

struct ScenarioConfig {
  std::string source_file;
  std::string name;
  std::string platform_file;  // resolved
  PlatformConfig platform;
  unsigned long seed = 1;
  double duration_s = 3600.0;
  std::string models_file;  // resolved
  std::string jobs_file;    // resolved; empty when the scenario has no training jobs
  TrainingScenarioConfig training;
  double timeseries_interval_s = 60.0;
  std::string network_optim = "Full";
  std::vector<std::pair<std::string, std::string>> overrides;  // as given with --set
};

// Overrides whose key starts with "platform." apply to the platform file's document.
ScenarioConfig load_scenario_config(const std::string& path,
                                    const std::vector<std::pair<std::string, std::string>>& overrides = {});
// The scenario's own keys with every default filled in (the platform is written separately).
std::string to_yaml(const ScenarioConfig& config);

}  // namespace orbitsim
