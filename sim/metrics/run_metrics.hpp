// The figures a comparison or a sweep aggregates over seeds, each read from a run's summary.json: NaN
// when the run has no such figure (no training jobs, no power model).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace orbitsim {

struct RunMetric {
  const char* name;
  std::function<double(const nlohmann::json& summary)> read;
};

const std::vector<RunMetric>& run_metrics();
// nullptr when no metric has that name.
const RunMetric* find_run_metric(const std::string& name);
std::string run_metric_names();  // comma-separated, for error messages and help

}  // namespace orbitsim
