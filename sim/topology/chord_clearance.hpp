// Whether a laser link's straight line clears the Earth (with its atmosphere) — asked of every laser link
// at every epoch.
#pragma once

#include <algorithm>

#include "core/vec3.hpp"

namespace orbitsim {

// Shortest distance from Earth's centre to the segment AB, minus the (spherical) Earth radius.
inline double chord_min_altitude_m(const Vec3& a, const Vec3& b, double earth_radius_m) {
  const Vec3 ab = b - a;
  const double t = std::clamp(-a.dot(ab) / ab.dot(ab), 0.0, 1.0);
  return (a + ab * t).norm() - earth_radius_m;
}

// chord_min_altitude_m(a, b) >= min_altitude_m, mostly without its division and square root: the point of
// AB nearest the centre is within half the segment of an end (the foot of the perpendicular splits it), so
// its squared distance is at least min(|a|^2, |b|^2) - |ab|^2 / 4. When that bound clears the altitude by a
// metre, far beyond rounding, the exact test would agree; links much shorter than the horizon all do.
// `length_m`: |ab|, as the caller measured it (its rounding is far inside the metre).
// Coincident ends are left to the exact test, which never clears them (its nearest point is undefined).
// chord_bound_clears is that bound for the lower end's squared radius: it grows with the radius and falls
// with the length, rounding included, so where it holds for the lowest satellite and the longest length of
// a search, chord_clears holds for every pair of distinct satellites in it.
inline bool chord_bound_clears(double lower_end_r2_m2, double length_m, double earth_radius_m, double min_altitude_m) {
  const double clear_m = earth_radius_m + min_altitude_m + 1.0;
  return lower_end_r2_m2 - length_m * length_m / 4.0 >= clear_m * clear_m;
}

inline bool chord_clears(const Vec3& a, const Vec3& b, double length_m, double earth_radius_m, double min_altitude_m) {
  if (length_m > 0.0 && chord_bound_clears(std::min(a.dot(a), b.dot(b)), length_m, earth_radius_m, min_altitude_m)) return true;
  return chord_min_altitude_m(a, b, earth_radius_m) >= min_altitude_m;
}

inline bool chord_clears(const Vec3& a, const Vec3& b, double earth_radius_m, double min_altitude_m) {
  return chord_clears(a, b, distance(a, b), earth_radius_m, min_altitude_m);
}

}  // namespace orbitsim
