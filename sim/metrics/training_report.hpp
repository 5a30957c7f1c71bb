// Training metrics of a run: jobs.csv (one row per submitted job, finished or not), nodes.csv (compute
// time per satellite) and the training part of summary.json.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "workload/training_record.hpp"

namespace orbitsim {

// `horizon_s`: where the jobs still running stop counting (their tokens per second).
std::string jobs_csv(const std::vector<TrainingJobRecord>& records, const std::vector<std::string>& node_names,
                     double horizon_s);
// Per satellite: training compute time (at full speed), inference engine time (wall, including any
// slow-down from sharing the accelerator with training) and their sum over the horizon.
std::string nodes_csv(const std::vector<double>& training_busy_s, const std::vector<double>& inference_busy_s,
                      const std::vector<std::string>& node_names, double horizon_s);
// `satellite_peak_flops`: MFU's denominator per satellite held.
nlohmann::json training_summary(const std::vector<TrainingJobRecord>& records, const std::vector<double>& busy_time_s,
                                double horizon_s, double satellite_peak_flops);

}  // namespace orbitsim
