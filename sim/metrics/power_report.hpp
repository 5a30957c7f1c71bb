// Power metrics of a run: power.csv (per satellite, at every time-series sample and at every change of
// power state) and the power part of summary.json.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "power/power_records.hpp"

namespace orbitsim {

// Columns: t_s,satellite,generation_w,load_w,battery_wh,soc,radiator_k,accelerator_k,pstate,sunlit,
// throttled,shed (shed: empty, training (shed, inference still served), brownout, overheat or dark).
std::string power_csv(const std::vector<PowerSample>& samples, const std::vector<std::string>& node_names);
// The work done and the accelerator energy drawn while doing it (J): the training jobs' compute steps
// on their satellites, the serving engines' prefill and decode steps on theirs.
struct WorkloadEnergy {
  long iterations_done = 0;
  double training_compute_j = 0.0;
  long output_tokens = 0;
  double serving_j = 0.0;
};

// Energies in Wh (J for per-unit figures), satellite time in hours; null per-unit figures when there
// was no such work.
nlohmann::json power_summary(const PowerTotals& totals, const WorkloadEnergy& work);

}  // namespace orbitsim
