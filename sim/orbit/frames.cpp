#include "orbit/frames.hpp"

#include <algorithm>
#include <cmath>

namespace orbitsim {

Vec3 eci_to_ecef(const Vec3& v, double gmst) {
  const double c = std::cos(gmst), s = std::sin(gmst);
  return {c * v.x + s * v.y, -s * v.x + c * v.y, v.z};
}

Vec3 ecef_to_eci(const Vec3& v, double gmst) {
  const double c = std::cos(gmst), s = std::sin(gmst);
  return {c * v.x - s * v.y, s * v.x + c * v.y, v.z};
}

Geodetic ecef_to_geodetic(const Vec3& r, const EarthModel& earth) {
  const double a = earth.radius_m;
  const double f = earth.flattening;
  const double e2 = f * (2.0 - f);
  const double p = std::hypot(r.x, r.y);
  Geodetic g;
  g.longitude_rad = std::atan2(r.y, r.x);
  if (p < 1e-6) {  // on the polar axis the iteration below divides by cos(latitude) = 0
    g.latitude_rad = r.z >= 0 ? kPi / 2 : -kPi / 2;
    g.altitude_m = std::fabs(r.z) - a * (1.0 - f);
    return g;
  }
  // Fixed-point iteration on latitude; converges to < 1e-12 rad in a handful of steps below 40,000 km.
  double lat = std::atan2(r.z, p * (1.0 - e2));
  double h = 0.0;
  for (int i = 0; i < 10; ++i) {
    const double sin_lat = std::sin(lat);
    const double n = a / std::sqrt(1.0 - e2 * sin_lat * sin_lat);
    h = p / std::cos(lat) - n;
    const double next = std::atan2(r.z, p * (1.0 - e2 * n / (n + h)));
    const bool converged = std::fabs(next - lat) < 1e-13;
    lat = next;
    if (converged) break;
  }
  const double sin_lat = std::sin(lat);
  const double n = a / std::sqrt(1.0 - e2 * sin_lat * sin_lat);
  g.latitude_rad = lat;
  g.altitude_m = p / std::cos(lat) - n;
  return g;
}

Vec3 geodetic_to_ecef(const Geodetic& g, const EarthModel& earth) {
  const double f = earth.flattening;
  const double e2 = f * (2.0 - f);
  const double sin_lat = std::sin(g.latitude_rad), cos_lat = std::cos(g.latitude_rad);
  const double n = earth.radius_m / std::sqrt(1.0 - e2 * sin_lat * sin_lat);
  return {(n + g.altitude_m) * cos_lat * std::cos(g.longitude_rad),
          (n + g.altitude_m) * cos_lat * std::sin(g.longitude_rad), (n * (1.0 - e2) + g.altitude_m) * sin_lat};
}

double elevation_rad(const Vec3& observer_ecef, const Geodetic& observer, const Vec3& target_ecef) {
  const Vec3 up{std::cos(observer.latitude_rad) * std::cos(observer.longitude_rad),
                std::cos(observer.latitude_rad) * std::sin(observer.longitude_rad), std::sin(observer.latitude_rad)};
  const Vec3 los = target_ecef - observer_ecef;
  return std::asin(std::clamp(los.dot(up) / los.norm(), -1.0, 1.0));
}

}  // namespace orbitsim
