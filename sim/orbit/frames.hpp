// Reference-frame conversions: TEME/ECI -> ECEF by a GMST rotation (polar motion and the equation of
// the equinoxes are neglected: < 20 m at LEO), and ECEF <-> geodetic on a chosen ellipsoid.
#pragma once

#include <cmath>

#include "core/constants.hpp"
#include "core/vec3.hpp"

namespace orbitsim {

struct Geodetic {
  double latitude_rad = 0.0;
  double longitude_rad = 0.0;  // (-pi, pi]
  double altitude_m = 0.0;     // above the ellipsoid
};

// Rotates an Earth-centred inertial vector (TEME, or the mean-of-date frame of our Kepler model) into
// Earth-fixed coordinates given the Greenwich sidereal angle.
Vec3 eci_to_ecef(const Vec3& eci, double gmst_rad);
// The same rotation for many vectors at one instant: its sine and cosine computed once.
class EarthRotation {
 public:
  explicit EarthRotation(double gmst_rad) : cos_(std::cos(gmst_rad)), sin_(std::sin(gmst_rad)) {}
  Vec3 eci_to_ecef(const Vec3& v) const { return {cos_ * v.x + sin_ * v.y, -sin_ * v.x + cos_ * v.y, v.z}; }

 private:
  double cos_, sin_;
};
Vec3 ecef_to_eci(const Vec3& ecef, double gmst_rad);

Geodetic ecef_to_geodetic(const Vec3& ecef_m, const EarthModel& earth);
Vec3 geodetic_to_ecef(const Geodetic& g, const EarthModel& earth);

// Elevation of `target` seen from an observer at `observer` (both ECEF), above the observer's
// ellipsoid-normal horizon.
double elevation_rad(const Vec3& observer_ecef, const Geodetic& observer, const Vec3& target_ecef);

}  // namespace orbitsim
