#include "metrics/power_report.hpp"

#include <fmt/format.h>

namespace orbitsim {

std::string power_csv(const std::vector<PowerSample>& samples, const std::vector<std::string>& names) {
  std::string out = "t_s,satellite,generation_w,load_w,battery_wh,soc,radiator_k,accelerator_k,pstate,sunlit,throttled,shed\n";
  for (const auto& p : samples)
    out += fmt::format("{:.6f},{},{:.3f},{:.3f},{:.6f},{:.6f},{:.3f},{:.3f},{},{},{},{}\n", p.t_s,
                       names[static_cast<size_t>(p.satellite)], p.generation_w, p.load_w, p.battery_wh, p.soc,
                       p.radiator_k, p.accelerator_k, p.pstate, p.sunlit ? 1 : 0, p.throttled ? 1 : 0, p.shed);
  return out;
}

nlohmann::json power_summary(const PowerTotals& t, const WorkloadEnergy& work) {
  const EnergyFlows& f = t.flows;
  const double consumed_j = f.consumed_wh * 3600.0;
  auto per = [](double joules, long units) { return units > 0 ? nlohmann::json(joules / static_cast<double>(units)) : nlohmann::json(); };
  return {
      {"generated_wh", f.generated_wh},
      {"consumed_wh", f.consumed_wh},
      {"curtailed_wh", f.curtailed_wh},
      {"charged_wh", f.charge_input_wh},
      {"discharged_wh", f.drawn_wh},
      {"unmet_wh", f.unmet_wh},
      {"battery_losses_wh", f.charge_input_wh - (t.stored_end_wh - t.stored_start_wh) - f.drawn_wh},
      {"stored_start_wh", t.stored_start_wh},
      {"stored_end_wh", t.stored_end_wh},
      {"accelerator_energy_wh", t.accelerator_energy_j / 3600.0},
      {"sunlit_fraction", t.satellite_s > 0 ? t.sunlit_s / t.satellite_s : 0.0},
      {"throttled_satellite_h", t.throttled_s / 3600.0},
      {"training_shed_satellite_h", t.training_shed_s / 3600.0},
      {"brownout_satellite_h", t.brownout_s / 3600.0},
      {"overheat_satellite_h", t.overheat_s / 3600.0},
      {"dark_satellite_h", t.dark_s / 3600.0},
      {"energy_per_iteration_j", per(consumed_j, work.iterations_done)},
      {"accelerator_energy_per_iteration_j", per(t.accelerator_energy_j, work.iterations_done)},
      {"training_compute_energy_per_iteration_j", per(work.training_compute_j, work.iterations_done)},
      {"energy_per_output_token_j", per(consumed_j, work.output_tokens)},
      {"serving_energy_per_output_token_j", per(work.serving_j, work.output_tokens)},
  };
}

}  // namespace orbitsim
