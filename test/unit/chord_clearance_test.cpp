// The quick test of a laser link's clearance above the Earth, pinned to the exact one: random links from
// neighbours to the far side of the planet, and links whose lowest point is within millimetres of the limit.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "topology/chord_clearance.hpp"

namespace orbitsim {
namespace {

constexpr double kEarthRadius_m = 6371e3, kGrazing_m = 80e3;

Vec3 at(double altitude_m, double latitude_rad, double longitude_rad) {
  const double r = kEarthRadius_m + altitude_m;
  return {r * std::cos(latitude_rad) * std::cos(longitude_rad), r * std::cos(latitude_rad) * std::sin(longitude_rad),
          r * std::sin(latitude_rad)};
}

TEST(ChordClearance, TheQuickBoundDecidesAsTheExactTest) {
  std::mt19937_64 random(11);
  std::uniform_real_distribution<double> altitude_m(300e3, 1300e3), angle(-M_PI, M_PI), separation_rad(0.0, 1.3);
  int clear = 0, blocked = 0, clear_beyond_the_bound = 0;
  for (int k = 0; k < 200000; ++k) {
    const double lat = angle(random) / 2, lon = angle(random), bearing = angle(random), apart = separation_rad(random);
    const Vec3 a = at(altitude_m(random), lat, lon);
    const Vec3 b = at(altitude_m(random), lat + apart * std::cos(bearing), lon + apart * std::sin(bearing));
    const bool exact = chord_min_altitude_m(a, b, kEarthRadius_m) >= kGrazing_m;
    ASSERT_EQ(chord_clears(a, b, kEarthRadius_m, kGrazing_m), exact) << k;
    ASSERT_EQ(chord_clears(a, b, distance(b, a), kEarthRadius_m, kGrazing_m), exact) << k << ": with the length given";
    (exact ? clear : blocked)++;
    const double bound_m = kEarthRadius_m + kGrazing_m + 1.0;
    clear_beyond_the_bound += exact && std::min(a.dot(a), b.dot(b)) - (b - a).dot(b - a) / 4 < bound_m * bound_m ? 1 : 0;
  }
  EXPECT_GT(clear, 10000);
  EXPECT_GT(blocked, 10000);
  EXPECT_GT(clear_beyond_the_bound, 1000);  // clear links that the exact test had to decide
  const Vec3 p = at(550e3, 0.4, 1.2);
  EXPECT_EQ(chord_clears(p, p, kEarthRadius_m, kGrazing_m), chord_min_altitude_m(p, p, kEarthRadius_m) >= kGrazing_m)
      << "coincident satellites (phased shells of one altitude)";
}

// Two satellites at one altitude whose chord's midpoint is `offset_m` above the grazing altitude: on the
// equator, then tilted about the x axis onto an inclined great circle.
TEST(ChordClearance, LinksGrazingTheLimitWithinMillimetres) {
  for (double altitude_m : {340e3, 550e3, 1200e3})
    for (double offset_m : {-1e-3, -1e-6, 0.0, 1e-6, 1e-3, 0.5, 0.999, 1.0, 1.001, 2.0})
      for (double tilt_rad : {0.0, 0.93}) {
        const double half_angle = std::acos((kEarthRadius_m + kGrazing_m + offset_m) / (kEarthRadius_m + altitude_m));
        auto tilted = [&](const Vec3& p) {
          return Vec3{p.x, p.y * std::cos(tilt_rad) - p.z * std::sin(tilt_rad), p.y * std::sin(tilt_rad) + p.z * std::cos(tilt_rad)};
        };
        const Vec3 a = tilted(at(altitude_m, 0.0, -half_angle)), b = tilted(at(altitude_m, 0.0, half_angle));
        const bool exact = chord_min_altitude_m(a, b, kEarthRadius_m) >= kGrazing_m;
        EXPECT_EQ(chord_clears(a, b, kEarthRadius_m, kGrazing_m), exact) << altitude_m << " m, offset " << offset_m << " m, tilt " << tilt_rad;
        EXPECT_EQ(chord_clears(a, b, distance(a, b), kEarthRadius_m, kGrazing_m), exact) << "with the length given";
      }
}

}  // namespace
}  // namespace orbitsim
