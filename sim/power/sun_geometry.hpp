// Where the Sun is seen from a satellite: how much of its disk is visible, how high it stands above
// the local horizontal plane, and how far it is from the orbit plane (the beta angle). What the solar
// array and the radiator need, from the orbit layer's positions and Sun ephemeris.
#pragma once

#include "core/vec3.hpp"
#include "orbit/sun.hpp"

namespace orbitsim {

struct SunGeometry {
  double illuminated_fraction = 1.0;  // of the solar disk, in [0, 1] (0 or 1 with a cylindrical shadow)
  double cos_zenith = 0.0;            // r.s: the Sun's elevation seen from the satellite's zenith direction
  double sin_beta = 0.0;              // h.s: sine of the Sun's angle to the orbit plane
  double earth_half_angle_rad = 0.0;  // Earth's angular radius seen from the satellite: sin = R / r
};

// `position_eci_m` now and `position_later_eci_m` a moment later fix the orbit plane (a later position on
// the same radius leaves sin_beta at 0: for callers that do not need it).
SunGeometry sun_geometry(const Vec3& position_eci_m, const Vec3& position_later_eci_m, const Vec3& sun_eci_m,
                         double earth_radius_m, ShadowModel shadow);

}  // namespace orbitsim
