// Inference metrics of a run, measured at the ground station: requests.csv (one row per request,
// finished or with the reason it did not) and the inference part of summary.json.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/scenario_config.hpp"
#include "workload/inference_record.hpp"

namespace orbitsim {

// requests.csv, written to `out` as its rows are formatted.
void write_requests_csv(std::ostream& out, const std::vector<InferenceRequestRecord>& records,
                        const std::vector<std::string>& node_names, int satellites, const InferenceScenarioConfig& options);
nlohmann::json inference_summary(const std::vector<InferenceRequestRecord>& records,
                                 const InferenceScenarioConfig& options, double horizon_s);

}  // namespace orbitsim
