#include "power/satellite_power.hpp"

#include <algorithm>

namespace orbitsim {

namespace {
constexpr double kCelsiusZero_k = 273.15;
constexpr double kLevelSlack_wh = 1e-9;  // thresholds reached within rounding
}  // namespace

BatteryConfig battery_config(const PowerConfig& c) {
  return {c.battery_capacity_wh, c.battery_capacity_wh * (1.0 - c.max_depth_of_discharge), c.charge_efficiency,
          c.discharge_efficiency, c.max_charge_w};
}

SatellitePower::SatellitePower(const PowerConfig& config, int accelerators)
    : config_(config), accelerators_(accelerators),
      battery_(battery_config(config), config.initial_soc * config.battery_capacity_wh),
      thermal_(config, config.initial_temperature_k), accelerator_k_(config.initial_temperature_k) {}

double SatellitePower::busy_power_w(int pstate) const {
  return config_.accelerator_tdp_w * config_.pstates[static_cast<size_t>(pstate)].busy_power_fraction * accelerators_;
}

EnergyFlows SatellitePower::advance(double dt_s, double generation_w, const SatelliteLoad& load, double environment_heat_w) {
  if (dt_s <= 0) return {};
  const double accelerator_w = load.accelerator_energy_j / dt_s;
  const double load_w = accelerator_w + load.other_w;
  const double stored_w = battery_.stored_power_w(generation_w, load_w);
  const EnergyFlows flows = battery_.apply(generation_w, load_w, dt_s);
  // Every watt the satellite uses ends up as heat in the node.
  thermal_.advance(flows.consumed_wh * 3600.0 / dt_s + environment_heat_w, dt_s, config_.thermal_step_s);
  update_thermal_state(accelerators_ > 0 ? accelerator_w / accelerators_ : 0.0);
  update_battery_state(stored_w);
  return flows;
}

void SatellitePower::update_thermal_state(double accelerator_w_each) {
  const double node_c = thermal_.temperature_k() - kCelsiusZero_k;
  accelerator_k_ = thermal_.temperature_k() + config_.junction_k_per_w * accelerator_w_each;
  const double junction_c = accelerator_k_ - kCelsiusZero_k;
  // The junction if the accelerators ran busy at `pstate` on the node as it is now.
  auto busy_junction_c = [&](int pstate) {
    return node_c + config_.junction_k_per_w * busy_power_w(pstate) / std::max(1, accelerators_);
  };
  const double hysteresis = config_.thermal_hysteresis_k;
  const int sw = config_.software_throttle_pstate, hw = config_.hardware_slowdown_pstate;
  const int slowest = static_cast<int>(config_.pstates.size()) - 1;
  if (junction_c >= config_.shutdown_c) overheat_ = true;
  if (overheat_) {
    // Back, at the slowest state, once that would stay below the software threshold.
    if (busy_junction_c(slowest) < config_.throttle_software_c - hysteresis) overheat_ = false, firmware_pstate_ = slowest;
    return;
  }
  // Clocks go down at a threshold, and up one level only when the faster level would stay `hysteresis`
  // below its own threshold: the firmware holds the junction near 87 C instead of oscillating past it.
  if (junction_c >= config_.throttle_hardware_c) firmware_pstate_ = std::max(firmware_pstate_, hw);
  else if (junction_c >= config_.throttle_software_c) firmware_pstate_ = std::max(firmware_pstate_, sw);
  if (firmware_pstate_ > sw && busy_junction_c(sw) < config_.throttle_hardware_c - hysteresis) firmware_pstate_ = sw;
  if (firmware_pstate_ > 0 && firmware_pstate_ <= sw && busy_junction_c(0) < config_.throttle_software_c - hysteresis)
    firmware_pstate_ = 0;
}

double SatellitePower::inference_floor_wh() const {
  return floor_wh() - config_.inference_reserve_fraction * battery_.config().capacity_wh;
}

void SatellitePower::update_battery_state(double stored_w) {
  const double e = battery_.energy_wh(), cap = battery_.config().capacity_wh;
  // Shed at `level` while discharging; back at `back_at`.
  auto follow = [&](bool& state, double level, double back_at) {
    if (e <= level + kLevelSlack_wh && stored_w < 0) state = true;
    else if (state && e >= back_at - kLevelSlack_wh) state = false;
  };
  const double resume = config_.resume_soc * cap;
  follow(training_shed_, floor_wh(), resume);
  follow(brownout_, inference_floor_wh(), resume);
  follow(terminals_shed_, config_.bus_reserve_soc * cap, floor_wh());
  follow(dark_, 0.0, floor_wh());
}

double SatellitePower::seconds_to_next_battery_event(double generation_w, double load_w) const {
  const double cap = battery_.config().capacity_wh;
  double next = kNever;
  for (double level : {floor_wh(), inference_floor_wh(), config_.bus_reserve_soc * cap, 0.0, config_.resume_soc * cap}) {
    const double s = battery_.seconds_to_reach(level, generation_w, load_w);
    if (s > 0) next = std::min(next, s);
  }
  return next;
}

}  // namespace orbitsim
