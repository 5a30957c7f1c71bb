// How far a satellite can move in the Earth-fixed frame in a given time, whatever its orbit: for a caller
// holding positions from a moment ago (the network's current epoch) that must not miss a satellite that
// has come closer since.
#pragma once

#include <cmath>
#include <limits>

#include "core/vec3.hpp"

namespace orbitsim {

// The Earth's mean angular velocity (IERS Conventions 2010, table 1.1).
inline constexpr double kEarthRotation_radps = 7.292115e-5;
// A body on a bound orbit moves slower than the escape speed where it is, sqrt(2 mu / r): 11.18 km/s at
// the equatorial radius, below which SGP4 reports a decayed satellite (and a Kepler orbit would be
// underground). 12 km/s leaves room for the J2 and drag terms' departures from a Kepler orbit's speed.
inline constexpr double kFastestInertialSpeed_mps = 12e3;

// At most how far a satellite at `ecef_m` can be from there `dt_s` later (or earlier): its Earth-fixed
// velocity is its inertial one less the frame's rotation (omega x r), so its speed is below 12 km/s plus
// omega |r|, where |r| itself grows by at most that speed times dt. +inf beyond an hour, or when `ecef_m`
// is not a position (NaN).
inline double farthest_ecef_move_m(const Vec3& ecef_m, double dt_s) {
  constexpr double kLongest_s = 3600.0;  // omega dt <= 0.27: the growth of |r| below stays a bound
  const double dt = std::fabs(dt_s);
  if (!(dt <= kLongest_s)) return std::numeric_limits<double>::infinity();
  // |r| over the interval: below r0 + s dt with s = V + omega r_max; r_max = (r0 + V dt) / (1 - omega dt).
  const double r_max_m = (ecef_m.norm() + kFastestInertialSpeed_mps * dt) / (1.0 - kEarthRotation_radps * dt);
  const double move_m = dt * (kFastestInertialSpeed_mps + kEarthRotation_radps * r_max_m);
  return move_m >= 0.0 ? move_m : std::numeric_limits<double>::infinity();
}

}  // namespace orbitsim
