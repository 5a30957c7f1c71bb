// The Sun's position from the low-precision ephemeris of the Astronomical Almanac (accuracy ~0.01 deg,
// Vallado, Fundamentals of Astrodynamics, algorithm 29), and Earth's shadow on a satellite.
#pragma once

#include "core/vec3.hpp"
#include "orbit/julian_date.hpp"

namespace orbitsim {

enum class ShadowModel {
  kCylindrical,  // shadow is a cylinder of Earth's radius behind Earth (no penumbra)
  kConical,      // umbra and penumbra cones from the Sun's and Earth's apparent disks
};

// Earth-centred inertial (mean equator and equinox of date) Sun position, metres.
Vec3 sun_position_eci_m(const JulianDate& when);

// Fraction of the solar disk visible from `satellite_eci_m`, in [0, 1]. Cylindrical gives 0 or 1.
double illuminated_fraction(const Vec3& satellite_eci_m, const Vec3& sun_eci_m, double earth_radius_m,
                            ShadowModel model);

// A satellite counts as sunlit when more than half of the solar disk is visible.
inline bool is_sunlit(const Vec3& satellite_eci_m, const Vec3& sun_eci_m, double earth_radius_m,
                      ShadowModel model) {
  return illuminated_fraction(satellite_eci_m, sun_eci_m, earth_radius_m, model) > 0.5;
}

}  // namespace orbitsim
