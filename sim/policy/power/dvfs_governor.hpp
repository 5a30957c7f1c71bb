// DVFS governors: the accelerators' performance state a satellite asks for, from its battery, its
// eclipse forecast and its temperature. One small policy per file, chosen by name (scenario
// `power.governor`). The firmware's thermal throttling applies on top: the slower state wins.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "policy/policy_registry.hpp"

namespace orbitsim {

struct GovernorView {
  int current_pstate = 0;
  std::vector<double> busy_power_w;  // all accelerators busy at each pstate, fastest first
  double other_load_w = 0.0;         // bus and terminals
  double generation_w = 0.0;         // array output now
  double battery_wh = 0.0, floor_wh = 0.0, capacity_wh = 0.0;
  double charge_efficiency = 1.0, discharge_efficiency = 1.0;
  bool eclipse_known = false;        // an eclipse is under way or due within the forecast horizon
  double eclipse_start_in_s = 0.0;   // 0 when under way
  double eclipse_end_in_s = 0.0;
  double accelerator_c = 0.0, software_throttle_c = 87.0, hysteresis_k = 2.0;
};

class DvfsGovernor {
 public:
  virtual ~DvfsGovernor() = default;
  virtual int choose(const GovernorView& view) const = 0;
  // Whether choose() reads the eclipse forecast (finding it costs a shadow scan ahead).
  virtual bool reads_eclipse_forecast() const { return false; }
};

using DvfsGovernorInfo = PolicyEntry<DvfsGovernor>;

const std::vector<DvfsGovernorInfo>& dvfs_governors();
// Nothing when `name` is unknown.
std::unique_ptr<DvfsGovernor> make_dvfs_governor(const std::string& name);

// The battery energy at the end of the next (or current) eclipse if the accelerators ran busy at
// `before` until it starts (charging from the array's surplus) and at `during` through it (Wh).
double battery_after_next_eclipse_wh(const GovernorView& view, int before, int during);

}  // namespace orbitsim
