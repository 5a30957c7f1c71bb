#include "power/sun_geometry.hpp"

#include <algorithm>
#include <cmath>

namespace orbitsim {

SunGeometry sun_geometry(const Vec3& position_eci_m, const Vec3& position_later_eci_m, const Vec3& sun_eci_m,
                         double earth_radius_m, ShadowModel shadow) {
  SunGeometry g;
  const Vec3 s = sun_eci_m.unit();
  const Vec3 r = position_eci_m.unit();
  const Vec3 h = position_eci_m.cross(position_later_eci_m);
  g.illuminated_fraction = illuminated_fraction(position_eci_m, sun_eci_m, earth_radius_m, shadow);
  g.cos_zenith = r.dot(s);
  g.sin_beta = h.norm() > 0.0 ? std::clamp(h.unit().dot(s), -1.0, 1.0) : 0.0;
  g.earth_half_angle_rad = std::asin(std::min(1.0, earth_radius_m / position_eci_m.norm()));
  return g;
}

}  // namespace orbitsim
