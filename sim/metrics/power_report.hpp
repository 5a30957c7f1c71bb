// Power metrics of a run: power.csv (per satellite, at every time-series sample and at every change of
// power state) and the power part of summary.json.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "power/power_records.hpp"

namespace orbitsim {

// Columns: t_s,satellite,generation_w,load_w,battery_wh,soc,radiator_k,accelerator_k,pstate,sunlit,
// throttled,shed (shed: empty, brownout, overheat or dark).
std::string power_csv(const std::vector<PowerSample>& samples, const std::vector<std::string>& node_names);
// Energies in Wh (J for per-unit figures), satellite time in hours. `iterations_done` and
// `output_tokens` are the run's useful work (null per-unit figures when there is none).
nlohmann::json power_summary(const PowerTotals& totals, long iterations_done, long output_tokens);

}  // namespace orbitsim
