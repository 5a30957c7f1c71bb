// The quick test of a laser link's clearance above the Earth, pinned to the exact one: random links from
// neighbours to the far side of the planet, and links whose lowest point is within millimetres of the limit;
// and the searches that skip the test where its bound holds for all their pairs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

#include "config/platform_config.hpp"
#include "platform_file.hpp"
#include "topology/chord_clearance.hpp"
#include "topology/topology_builder.hpp"
#include "world/world_builder.hpp"

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

// The range-chosen links' rings skip chord_clears where chord_bound_clears holds at the lowest satellite and
// the ring's longest length: then every pair of distinct satellites in the ring must clear, up to the very
// length and radius where the bound stops holding.
TEST(ChordClearance, WhereTheBoundHoldsForASearchEveryChordInItClears) {
  std::mt19937_64 random(5);
  std::uniform_real_distribution<double> unit(0.0, 1.0), angle(-M_PI, M_PI);
  int checked = 0;
  for (double lowest_altitude_m : {200e3, 340e3, 550e3, 1200e3}) {
    const double lowest_r_m = kEarthRadius_m + lowest_altitude_m;
    // The longest length for which the bound holds at that radius, to the last bit.
    double holds_m = 0.0, fails_m = 2.0 * lowest_r_m;
    for (int k = 0; k < 200; ++k) {
      const double mid_m = (holds_m + fails_m) / 2;
      (chord_bound_clears(lowest_r_m * lowest_r_m, mid_m, kEarthRadius_m, kGrazing_m) ? holds_m : fails_m) = mid_m;
    }
    ASSERT_GT(holds_m, 1000e3) << lowest_altitude_m;
    for (int k = 0; k < 20000; ++k) {
      // Ends at the lowest radius or up to 300 km above it; lengths up to the limit, a tenth of them within a
      // metre of it.
      const double ra = lowest_r_m + (k % 3 == 0 ? 0.0 : 300e3 * unit(random));
      const double rb = lowest_r_m + (k % 5 == 0 ? 0.0 : 300e3 * unit(random));
      const double length_m = k % 10 == 0 ? holds_m - unit(random) : holds_m * unit(random);
      // b on the circle of that length around a, in a random direction (if it reaches).
      const double cos_angle = (ra * ra + rb * rb - length_m * length_m) / (2 * ra * rb);
      if (std::fabs(cos_angle) > 1.0) continue;
      const double lat = angle(random) / 2, lon = angle(random), bearing = angle(random), apart = std::acos(cos_angle);
      const Vec3 a = at(ra - kEarthRadius_m, lat, lon);
      const Vec3 east{-std::sin(lon), std::cos(lon), 0.0};
      const Vec3 north{-std::sin(lat) * std::cos(lon), -std::sin(lat) * std::sin(lon), std::cos(lat)};
      const Vec3 direction = east * std::sin(bearing) + north * std::cos(bearing);
      const Vec3 b = (a * (std::cos(apart) / a.norm()) + direction * std::sin(apart)) * rb;
      const double measured_m = distance(a, b);
      if (measured_m > holds_m || measured_m == 0.0 || b.dot(b) < lowest_r_m * lowest_r_m || a.dot(a) < lowest_r_m * lowest_r_m) continue;
      ASSERT_TRUE(chord_clears(a, b, measured_m, kEarthRadius_m, kGrazing_m))
          << lowest_altitude_m << " m, length " << measured_m << " of " << holds_m;
      ++checked;
    }
  }
  EXPECT_GT(checked, 50000);
}

// Where a ring skips chord_clears, the satellites that chord_clears would have refused for want of a
// direction, coincident ones, are still never linked: two copies of one Walker shell (element sets that
// repeat), linked by inter-shell lasers, then by all-within-range lasers.
TEST(ChordClearance, SearchesThatSkipTheTestNeverLinkCoincidentSatellites) {
  const std::string shells = "name: twins\nepoch_utc: 2026-06-21T00:00:00Z\nshells:\n";
  for (const std::string& isl : {std::string("{pattern: none}"), std::string("{pattern: all-within-range, terminals: 2, max_range_km: 2000}")}) {
    const bool ranged = isl.find("all-within-range") != std::string::npos;
    const std::string yaml = shells + "  - {name: a, walker: 53:60/6/1, altitude_km: 550, isl: " + isl + "}\n" +
                             "  - {name: b, walker: 53:60/6/1, altitude_km: 550, isl: " + isl + "}\n" +
                             (ranged ? "" : "network:\n  inter_shell_isl: {pattern: nearest-within-range, terminals: 1, max_range_km: 2000}\n");
    const PlatformConfig config = load_platform_config(testing::write_temp_platform(
        std::string("orbitsim_chord_clearance_test_") + (ranged ? "ranged" : "inter_shell"), yaml));
    World world = build_world(config);
    TopologyBuilder builder(world, config.network, shell_links(config.shells));
    for (double t_s : {0.0, 600.0}) {
      const TopologySnapshot s = builder.build(t_s);
      int lasers = 0;
      for (const TopologyLink& l : s.links) {
        if (l.kind != LinkKind::kIsl) continue;
        ++lasers;
        EXPECT_GT(l.length_m, 1000.0) << l.a << "-" << l.b << (ranged ? " (all-within-range)" : " (inter-shell)");
      }
      EXPECT_GT(lasers, 30) << (ranged ? "all-within-range" : "inter-shell");
    }
  }
}

}  // namespace
}  // namespace orbitsim
