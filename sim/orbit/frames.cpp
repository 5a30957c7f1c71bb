#include "orbit/frames.hpp"

#include <algorithm>
#include <cmath>

namespace orbitsim {

Vec3 eci_to_ecef(const Vec3& v, double gmst) { return EarthRotation(gmst).eci_to_ecef(v); }

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
  // Closed form of Heikkinen (1982) as given by Zhu (IEEE TAES 30(3), 1994): exact, no iteration.
  const double b = a * (1.0 - f);
  const double ep2 = (a * a - b * b) / (b * b);
  const double z2 = r.z * r.z, p2 = p * p;
  const double big_f = 54.0 * b * b * z2;
  const double big_g = p2 + (1.0 - e2) * z2 - e2 * (a * a - b * b);
  const double c = e2 * e2 * big_f * p2 / (big_g * big_g * big_g);
  const double s = std::cbrt(1.0 + c + std::sqrt(c * c + 2.0 * c));
  const double k = s + 1.0 + 1.0 / s;
  const double big_p = big_f / (3.0 * k * k * big_g * big_g);
  const double q = std::sqrt(1.0 + 2.0 * e2 * e2 * big_p);
  const double r0 = -big_p * e2 * p / (1.0 + q) +
                    std::sqrt(0.5 * a * a * (1.0 + 1.0 / q) - big_p * (1.0 - e2) * z2 / (q * (1.0 + q)) - 0.5 * big_p * p2);
  const double t = p - e2 * r0;
  const double u = std::sqrt(t * t + z2);
  const double v = std::sqrt(t * t + (1.0 - e2) * z2);
  const double z0 = b * b * r.z / (a * v);
  g.altitude_m = u * (1.0 - b * b / (a * v));
  g.latitude_rad = std::atan((r.z + ep2 * z0) / p);
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
