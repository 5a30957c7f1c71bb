// One satellite's power and heat, advanced over intervals of constant generation and load, and the
// states they force on it:
//   brown-out  loads are shed as the battery falls: training at its depth-of-discharge floor, then every
//              accelerator (inference) inference_reserve_fraction of the capacity lower, both back above
//              resume_soc; the laser terminals at bus_reserve_soc, and the whole satellite goes dark at an
//              empty battery, both back at the floor;
//   overheat   the accelerator junction reaches the shutdown temperature: the accelerators are shed until
//              they could run at the slowest state below the software-throttle threshold;
//   throttled  firmware clocks: the software-throttle state at 87 C, hardware slowdown at 89 C (H100).
// Pure arithmetic: the SimGrid side (which pstate, which host is off) is PowerController's.
#pragma once

#include "power/battery.hpp"
#include "power/power_config.hpp"
#include "power/thermal_node.hpp"

namespace orbitsim {

enum class ShedCause { kNone, kBrownout, kOverheat };

struct SatelliteLoad {
  double accelerator_energy_j = 0.0;  // consumed by all accelerators over the interval (SimGrid's figure)
  double other_w = 0.0;               // bus and laser terminals
};

class SatellitePower {
 public:
  SatellitePower(const PowerConfig& config, int accelerators);

  // Advances `dt_s` and updates the forced states at its end.
  EnergyFlows advance(double dt_s, double generation_w, const SatelliteLoad& load, double environment_heat_w);

  const Battery& battery() const { return battery_; }
  double radiator_k() const { return thermal_.temperature_k(); }
  double accelerator_k() const { return accelerator_k_; }
  // Accelerators shed (brown-out or overheat), and why; the whole satellite dark (empty battery).
  bool accelerators_shed() const { return brownout_ || overheat_; }
  bool training_shed() const { return training_shed_; }  // the accelerators may still serve inference
  bool terminals_shed() const { return terminals_shed_; }
  ShedCause shed_cause() const { return overheat_ ? ShedCause::kOverheat : brownout_ ? ShedCause::kBrownout : ShedCause::kNone; }
  bool dark() const { return dark_; }
  // The slowest performance state the firmware imposes now (0: none).
  int firmware_pstate() const { return firmware_pstate_; }
  // Power drawn by all accelerators when busy at `pstate` (W).
  double busy_power_w(int pstate) const;
  double idle_power_w() const { return config_.accelerator_idle_w * accelerators_; }
  // The battery level whose crossing changes a forced state, given the load now; +inf when none is near.
  double seconds_to_next_battery_event(double generation_w, double load_w) const;
  double floor_wh() const { return battery_.config().floor_wh; }
  double inference_floor_wh() const;

 private:
  void update_thermal_state(double accelerator_w_each);
  void update_battery_state(double stored_w);

  PowerConfig config_;
  int accelerators_;
  Battery battery_;
  ThermalNode thermal_;
  double accelerator_k_;
  bool training_shed_ = false, brownout_ = false, terminals_shed_ = false, overheat_ = false, dark_ = false;
  int firmware_pstate_ = 0;
};

BatteryConfig battery_config(const PowerConfig& config);

}  // namespace orbitsim
