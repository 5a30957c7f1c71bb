#include "policy/power/dvfs_governor.hpp"

#include <algorithm>

#include "policy/power/governors.hpp"

namespace orbitsim {

const std::vector<DvfsGovernorInfo>& dvfs_governors() {
  static const std::vector<DvfsGovernorInfo> kGovernors{
      {"max-performance", "the fastest state (only the firmware's thermal throttling slows it)",
       [] { return std::make_unique<MaxPerformance>(); }},
      {"energy-aware", "the fastest state whose battery forecast stays above the floor through the next eclipse",
       [] { return std::make_unique<EnergyAware>(); }},
      {"thermal-aware", "steps clocks down before the software-throttle temperature and up when cool",
       [] { return std::make_unique<ThermalAware>(); }},
  };
  return kGovernors;
}

std::unique_ptr<DvfsGovernor> make_dvfs_governor(const std::string& name) {
  return make_named(dvfs_governors(), name);
}

double battery_after_next_eclipse_wh(const GovernorView& v, int before, int during) {
  auto step = [&](double energy_wh, double generation_w, double seconds, int pstate) {
    const double load_w = v.busy_power_w[static_cast<size_t>(pstate)] + v.other_load_w;
    const double net_w = generation_w - load_w;
    const double stored_w = net_w >= 0 ? net_w * v.charge_efficiency : net_w / v.discharge_efficiency;
    return std::min(v.capacity_wh, energy_wh + stored_w * seconds / 3600.0);
  };
  const double entry_wh = step(v.battery_wh, v.generation_w, v.eclipse_start_in_s, before);
  return step(entry_wh, 0.0, v.eclipse_end_in_s - v.eclipse_start_in_s, during);
}

}  // namespace orbitsim
