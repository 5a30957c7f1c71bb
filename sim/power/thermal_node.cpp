#include "power/thermal_node.hpp"

#include <algorithm>
#include <cmath>

#include "core/constants.hpp"
#include "power/solar_array.hpp"

namespace orbitsim {

double earth_view_factor_nadir(double rho) { return std::sin(rho) * std::sin(rho); }

double earth_view_factor_edge_on(double rho) { return (rho - std::sin(rho) * std::cos(rho)) / kPi; }

double environment_heat_w(const PowerConfig& c, const SunGeometry& sun) {
  // Faces seeing Earth, and the Earth view factor of each.
  const bool nadir = c.radiator_orientation == RadiatorOrientation::kNadir;
  const double earth_faces = nadir ? 1.0 : std::min(2, c.radiator_faces);
  const double f = nadir ? earth_view_factor_nadir(sun.earth_half_angle_rad) : earth_view_factor_edge_on(sun.earth_half_angle_rad);
  const double area = c.radiator_area_m2;
  const double earth_ir_w = c.radiator_emissivity * c.earth_ir_w_per_m2 * f * area * earth_faces;
  // Albedo: sunlight reflected by the day side under the satellite, falling off with the Sun's zenith angle there.
  const double albedo_w =
      c.radiator_absorptivity * c.albedo * kSolarConstant_w_per_m2 * f * area * earth_faces * std::max(0.0, sun.cos_zenith);
  // A zenith face (nadir orientation, two faces) sees the Sun when it stands above the local horizontal.
  const double direct_w = nadir && c.radiator_faces >= 2 ? c.radiator_absorptivity * kSolarConstant_w_per_m2 * area *
                                                                std::max(0.0, sun.cos_zenith) * sun.illuminated_fraction
                                                          : 0.0;
  return earth_ir_w + albedo_w + direct_w;
}

ThermalNode::ThermalNode(const PowerConfig& c, double initial_k)
    : heat_capacity_j_per_k_(c.heat_capacity_j_per_k),
      emitting_w_per_k4_(c.radiator_emissivity * kStefanBoltzmann_w_per_m2k4 * c.radiator_area_m2 * c.radiator_faces),
      temperature_k_(initial_k) {}

double ThermalNode::derivative(double t_k, double heat_in_w) const {
  return (heat_in_w - emitting_w_per_k4_ * t_k * t_k * t_k * t_k) / heat_capacity_j_per_k_;
}

void ThermalNode::advance(double heat_in_w, double dt_s, double step_s) {
  if (dt_s <= 0) return;
  const long steps = std::max(1L, static_cast<long>(std::ceil(dt_s / step_s - 1e-9)));
  const double h = dt_s / static_cast<double>(steps);
  double t = temperature_k_;
  for (long i = 0; i < steps; ++i) {
    const double k1 = derivative(t, heat_in_w);
    const double k2 = derivative(t + 0.5 * h * k1, heat_in_w);
    const double k3 = derivative(t + 0.5 * h * k2, heat_in_w);
    const double k4 = derivative(t + h * k3, heat_in_w);
    t = std::max(0.0, t + h / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4));
  }
  temperature_k_ = t;
}

double ThermalNode::equilibrium_k(double heat_in_w) const {
  return std::pow(std::max(0.0, heat_in_w) / emitting_w_per_k4_, 0.25);
}

}  // namespace orbitsim
