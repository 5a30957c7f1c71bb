#include "power/battery.hpp"

#include <algorithm>

namespace orbitsim {

EnergyFlows& EnergyFlows::operator+=(const EnergyFlows& o) {
  generated_wh += o.generated_wh;
  consumed_wh += o.consumed_wh;
  charge_input_wh += o.charge_input_wh;
  drawn_wh += o.drawn_wh;
  curtailed_wh += o.curtailed_wh;
  unmet_wh += o.unmet_wh;
  return *this;
}

Battery::Battery(const BatteryConfig& config, double initial_wh)
    : config_(config), energy_wh_(std::clamp(initial_wh, 0.0, config.capacity_wh)) {}

double Battery::stored_power_w(double generation_w, double load_w) const {
  const double surplus_w = generation_w - load_w;
  if (surplus_w < 0) return surplus_w / config_.discharge_efficiency;
  if (energy_wh_ >= config_.capacity_wh) return 0.0;
  const double input_w = config_.max_charge_w > 0 ? std::min(surplus_w, config_.max_charge_w) : surplus_w;
  return input_w * config_.charge_efficiency;
}

EnergyFlows Battery::apply(double generation_w, double load_w, double dt_s) {
  const double hours = dt_s / 3600.0;
  EnergyFlows f;
  f.generated_wh = generation_w * hours;
  const double surplus_wh = (generation_w - load_w) * hours;
  if (surplus_wh >= 0) {
    f.consumed_wh = load_w * hours;
    double input_wh = config_.max_charge_w > 0 ? std::min(surplus_wh, config_.max_charge_w * hours) : surplus_wh;
    input_wh = std::min(input_wh, (config_.capacity_wh - energy_wh_) / config_.charge_efficiency);
    f.charge_input_wh = input_wh;
    f.curtailed_wh = surplus_wh - input_wh;
    energy_wh_ += input_wh * config_.charge_efficiency;
  } else {
    const double wanted_wh = -surplus_wh;
    const double available_wh = energy_wh_ * config_.discharge_efficiency;
    f.drawn_wh = std::min(wanted_wh, available_wh);
    f.unmet_wh = wanted_wh - f.drawn_wh;
    f.consumed_wh = load_w * hours - f.unmet_wh;
    energy_wh_ = std::max(0.0, energy_wh_ - f.drawn_wh / config_.discharge_efficiency);
  }
  return f;
}

double Battery::seconds_to_reach(double level_wh, double generation_w, double load_w) const {
  const double rate_w = stored_power_w(generation_w, load_w);
  const double gap_wh = level_wh - energy_wh_;
  if (rate_w == 0.0 || (gap_wh > 0) != (rate_w > 0)) return gap_wh == 0.0 ? 0.0 : kNever;
  if (level_wh > config_.capacity_wh) return kNever;
  return gap_wh / rate_w * 3600.0;
}

}  // namespace orbitsim
