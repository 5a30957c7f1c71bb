// Analytic propagator for near-circular orbits: two-body motion plus the secular J2 drift of the
// ascending node, the argument of perigee and the mean anomaly (Vallado, Fundamentals of
// Astrodynamics, eqs. 9-41). Eccentricity enters to first order through the eccentricity vector, which
// is what formation-flying clusters need (|e| ~ 1e-4, error ~ a*e^2 < 1 mm).
#pragma once

#include <cmath>
#include <limits>

#include "core/constants.hpp"
#include "core/vec3.hpp"

namespace orbitsim {

struct CircularElements {
  double semi_major_axis_m = 0.0;
  double inclination_rad = 0.0;
  double raan_rad = 0.0;              // right ascension of the ascending node at t = 0
  double arg_latitude_rad = 0.0;      // mean argument of latitude (omega + M) at t = 0
  double eccentricity_x = 0.0;        // e*cos(omega) at t = 0
  double eccentricity_y = 0.0;        // e*sin(omega) at t = 0
};

// The sine and cosine of the last node longitude asked for: the satellites of a Walker plane, propagated
// one after the other, share their plane's node, whose sine and cosine are then computed once.
class NodeSinCos {
 public:
  void at(double raan_rad, double& sin_out, double& cos_out) {
    if (raan_rad != raan_rad_) raan_rad_ = raan_rad, sin_ = std::sin(raan_rad), cos_ = std::cos(raan_rad);
    sin_out = sin_, cos_out = cos_;
  }

 private:
  double raan_rad_ = std::numeric_limits<double>::quiet_NaN(), sin_ = 0.0, cos_ = 0.0;
};

class KeplerJ2 {
 public:
  KeplerJ2(const CircularElements& elements, double mu_m3ps2, double earth_radius_m, double j2);

  // Inertial position (Earth-centred, equator and equinox of date), metres, at t seconds after t = 0;
  // `node` (optional) keeps the node's sine and cosine for the next satellite.
  Vec3 position_eci_m(double t_s, NodeSinCos* node = nullptr) const;

  const CircularElements& elements() const { return elements_; }
  double mean_motion_radps() const { return mean_motion_radps_; }
  double raan_rate_radps() const { return raan_rate_radps_; }
  double perigee_rate_radps() const { return perigee_rate_radps_; }
  double arg_latitude_rate_radps() const { return arg_latitude_rate_radps_; }

 private:
  CircularElements elements_;
  double mean_motion_radps_;
  double raan_rate_radps_;
  double perigee_rate_radps_;
  double arg_latitude_rate_radps_;  // d(omega + M)/dt
  double cos_i_, sin_i_;
};

}  // namespace orbitsim
