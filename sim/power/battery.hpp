// A battery under a piecewise-constant power balance: the array's generation feeds the loads first,
// the surplus charges the battery (charge efficiency, rate limit, capacity) and what is left is
// curtailed; a deficit is drawn from the battery (discharge efficiency). Energies in Wh, powers in W.
// The accounting closes exactly: generated = direct use + charge input + curtailed, and
// stored(t) - stored(0) = charge input * eta_c - drawn / eta_d.
#pragma once

#include <limits>

namespace orbitsim {

struct BatteryConfig {
  double capacity_wh = 1000.0;
  double floor_wh = 0.0;              // the accelerators are shed at this energy
  double charge_efficiency = 0.95;
  double discharge_efficiency = 0.95;
  double max_charge_w = 0.0;          // 0: no limit
};

// Energy flows over one interval, Wh.
struct EnergyFlows {
  double generated_wh = 0.0;
  double consumed_wh = 0.0;        // the loads actually fed
  double charge_input_wh = 0.0;    // taken from the array into the battery (before losses)
  double drawn_wh = 0.0;           // delivered by the battery to the loads (after losses)
  double curtailed_wh = 0.0;       // surplus the full (or rate-limited) battery could not take
  double unmet_wh = 0.0;           // load the empty battery could not feed
  EnergyFlows& operator+=(const EnergyFlows& o);
};

class Battery {
 public:
  Battery(const BatteryConfig& config, double initial_wh);

  double energy_wh() const { return energy_wh_; }
  double soc() const { return energy_wh_ / config_.capacity_wh; }
  const BatteryConfig& config() const { return config_; }

  // `dt_s` at constant generation and load.
  EnergyFlows apply(double generation_w, double load_w, double dt_s);
  // Seconds until the energy reaches `level_wh` at constant generation and load; +inf if it never
  // does (it moves away, or the charge stops at capacity first).
  double seconds_to_reach(double level_wh, double generation_w, double load_w) const;
  // Net power into the stored energy at this balance (W, after losses and the rate limit; 0 when full).
  double stored_power_w(double generation_w, double load_w) const;

 private:
  BatteryConfig config_;
  double energy_wh_;
};

inline constexpr double kNever = std::numeric_limits<double>::infinity();

}  // namespace orbitsim
