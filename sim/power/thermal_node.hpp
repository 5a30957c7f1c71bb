// One lumped thermal node per satellite (the radiator and the structure it is bolted to):
//   C dT/dt = P_dissipated + Q_environment - eps * sigma * A_radiating * T^4
// integrated with a fixed-step RK4 (PowerConfig::thermal_step_s). The environment is Earth IR and
// albedo on the radiator faces by view factor, plus direct Sun on a zenith face (physics.md 4a).
// The accelerator junction sits junction_k_per_w * P_accelerator above the node.
#pragma once

#include "power/power_config.hpp"
#include "power/sun_geometry.hpp"

namespace orbitsim {

inline constexpr double kStefanBoltzmann_w_per_m2k4 = 5.670374419e-8;  // CODATA 2018

// Earth's view factor from one radiator face: sin^2(rho) facing nadir, (rho - sin rho cos rho)/pi
// edge-on, where rho is Earth's angular radius seen from the satellite.
double earth_view_factor_nadir(double earth_half_angle_rad);
double earth_view_factor_edge_on(double earth_half_angle_rad);
// Heat absorbed by the radiator from Earth IR, albedo and direct Sun (W).
double environment_heat_w(const PowerConfig& config, const SunGeometry& sun);

class ThermalNode {
 public:
  ThermalNode(const PowerConfig& config, double initial_k);
  double temperature_k() const { return temperature_k_; }
  // `dt_s` at a constant heat input (dissipated + absorbed, W), in steps of at most `step_s`.
  void advance(double heat_in_w, double dt_s, double step_s);
  // The temperature at which the radiator sheds exactly `heat_in_w`.
  double equilibrium_k(double heat_in_w) const;

 private:
  double derivative(double temperature_k, double heat_in_w) const;
  double heat_capacity_j_per_k_;
  double emitting_w_per_k4_;  // eps * sigma * A over every face
  double temperature_k_;
};

}  // namespace orbitsim
