#include "orbit/sun_synchronous.hpp"

#include <cmath>

#include "orbit/sun.hpp"

namespace orbitsim {

std::optional<double> sun_synchronous_inclination_rad(double a, const EarthModel& earth) {
  const double cos_i = -(2.0 / 3.0) * kSunMeanMotion_radps * std::pow(a, 3.5) /
                       (earth.j2 * earth.radius_m * earth.radius_m * std::sqrt(earth.mu_m3ps2));
  if (cos_i < -1.0) return std::nullopt;
  return std::acos(cos_i);
}

double raan_for_ltan_rad(double ltan_h, const JulianDate& epoch) {
  const Vec3 sun = sun_position_eci_m(epoch);
  const double sun_right_ascension = std::atan2(sun.y, sun.x);
  // Local mean solar time 12:00 faces the Sun; each hour is 15 deg of right ascension.
  return std::remainder(sun_right_ascension + (ltan_h - 12.0) * kPi / 12.0, kTwoPi);
}

}  // namespace orbitsim
