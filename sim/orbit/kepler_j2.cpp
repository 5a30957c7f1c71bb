#include "orbit/kepler_j2.hpp"

#include <cmath>

namespace orbitsim {

KeplerJ2::KeplerJ2(const CircularElements& e, double mu, double earth_radius_m, double j2)
    : elements_(e), cos_i_(std::cos(e.inclination_rad)), sin_i_(std::sin(e.inclination_rad)) {
  const double a = e.semi_major_axis_m;
  mean_motion_radps_ = std::sqrt(mu / (a * a * a));
  const double k = j2 * (earth_radius_m / a) * (earth_radius_m / a) * mean_motion_radps_;
  const double c2 = cos_i_ * cos_i_;
  raan_rate_radps_ = -1.5 * k * cos_i_;
  perigee_rate_radps_ = 0.75 * k * (5.0 * c2 - 1.0);
  const double mean_anomaly_rate = mean_motion_radps_ + 0.75 * k * (3.0 * c2 - 1.0);
  arg_latitude_rate_radps_ = perigee_rate_radps_ + mean_anomaly_rate;
}

Vec3 KeplerJ2::position_eci_m(double t, NodeSinCos* node) const {
  const auto& e = elements_;
  const double lambda = e.arg_latitude_rad + arg_latitude_rate_radps_ * t;
  const double raan = e.raan_rad + raan_rate_radps_ * t;
  double r = e.semi_major_axis_m;
  double u = lambda;
  if (e.eccentricity_x != 0.0 || e.eccentricity_y != 0.0) {
    // The eccentricity vector turns with the argument of perigee.
    const double w = perigee_rate_radps_ * t;
    const double ex = e.eccentricity_x * std::cos(w) - e.eccentricity_y * std::sin(w);
    const double ey = e.eccentricity_x * std::sin(w) + e.eccentricity_y * std::cos(w);
    const double cl = std::cos(lambda), sl = std::sin(lambda);
    r *= 1.0 - ex * cl - ey * sl;
    u += 2.0 * (ex * sl - ey * cl);
  }
  const double cu = std::cos(u), su = std::sin(u);
  double so = 0.0, co = 0.0;
  if (node) {
    node->at(raan, so, co);
  } else {
    co = std::cos(raan), so = std::sin(raan);
  }
  return {r * (cu * co - su * cos_i_ * so), r * (cu * so + su * cos_i_ * co), r * su * sin_i_};
}

}  // namespace orbitsim
