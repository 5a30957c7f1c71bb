#include "orbit/sun.hpp"

#include <algorithm>
#include <cmath>

#include "core/constants.hpp"

namespace orbitsim {

Vec3 sun_position_eci_m(const JulianDate& when) {
  const double t = (when.value() - 2451545.0) / 36525.0;  // Julian centuries of TT ~ UT1
  const double mean_longitude_deg = 280.460 + 36000.771 * t;
  const double mean_anomaly_rad = (357.5291092 + 35999.05034 * t) * kDegToRad;
  const double ecliptic_longitude_rad =
      (mean_longitude_deg + 1.914666471 * std::sin(mean_anomaly_rad) + 0.019994643 * std::sin(2 * mean_anomaly_rad)) *
      kDegToRad;
  const double distance_au =
      1.000140612 - 0.016708617 * std::cos(mean_anomaly_rad) - 0.000139589 * std::cos(2 * mean_anomaly_rad);
  const double obliquity_rad = (23.439291 - 0.0130042 * t) * kDegToRad;
  const double r = distance_au * kAstronomicalUnit_m;
  return {r * std::cos(ecliptic_longitude_rad), r * std::cos(obliquity_rad) * std::sin(ecliptic_longitude_rad),
          r * std::sin(obliquity_rad) * std::sin(ecliptic_longitude_rad)};
}

namespace {
// Area of overlap of two disks of angular radii a and b whose centres are c apart, over pi a^2.
double covered_fraction(double a, double b, double c) {
  if (c >= a + b) return 0.0;
  if (c <= b - a) return 1.0;        // the Sun's disk lies entirely behind Earth's
  if (c <= a - b) return (b * b) / (a * a);  // Earth's disk lies inside the Sun's (annular)
  const double x = (c * c + a * a - b * b) / (2.0 * c);
  const double y = std::sqrt(std::max(0.0, a * a - x * x));
  const double area = a * a * std::acos(std::clamp(x / a, -1.0, 1.0)) +
                      b * b * std::acos(std::clamp((c - x) / b, -1.0, 1.0)) - c * y;
  return area / (kPi * a * a);
}
}  // namespace

double illuminated_fraction(const Vec3& sat, const Vec3& sun, double earth_radius_m, ShadowModel model) {
  if (model == ShadowModel::kCylindrical) {
    const Vec3 s = sun.unit();
    const double along = sat.dot(s);
    if (along >= 0.0) return 1.0;
    const double off_axis = (sat - s * along).norm();
    return off_axis < earth_radius_m ? 0.0 : 1.0;
  }
  const Vec3 to_sun = sun - sat;
  const double sun_angular_radius = std::asin(std::min(1.0, kSunRadius_m / to_sun.norm()));
  const double earth_angular_radius = std::asin(std::min(1.0, earth_radius_m / sat.norm()));
  const double separation = std::acos(std::clamp(to_sun.unit().dot((-sat).unit()), -1.0, 1.0));
  return 1.0 - covered_fraction(sun_angular_radius, earth_angular_radius, separation);
}

}  // namespace orbitsim
