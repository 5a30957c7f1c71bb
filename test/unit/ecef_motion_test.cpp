// farthest_ecef_move_m against the satellites' own motion: no satellite of the shipped Starlink snapshot,
// nor any orbit of the SGP4 verification set (deep space, Molniya, e = 0.97, decaying orbits), moves
// farther in the Earth-fixed frame than the bound says, over a quarter of a second to ten minutes. The
// set's case 33333 is no orbit: it checks SGP4's error code 4, its drag (n-dot 0.26 rev/day^2) collapsing
// an e = 0.995 orbit, and on the way SGP4's positions jump up to 76 times farther a second than the bound.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "config/platform_config.hpp"
#include "orbit/constellation.hpp"
#include "orbit/ecef_motion.hpp"
#include "sgp4_verification_cases.hpp"
#include "world/world_builder.hpp"

namespace orbitsim {
namespace {

// The largest move over its bound, for every valid satellite of `c` between each of `times_s` and `dt_s`
// later: at most 1 when the bound holds.
double largest_share_of_bound(Constellation& c, const std::vector<double>& times_s, double dt_s) {
  const size_t n = c.size();
  std::vector<Vec3> p(n), q(n);
  std::vector<char> p_ok(n), q_ok(n);
  double largest = 0.0;
  for (double t : times_s) {
    c.positions_ecef_m(t, p, p_ok);
    c.positions_ecef_m(t + dt_s, q, q_ok);
    for (size_t i = 0; i < n; ++i)
      if (p_ok[i] && q_ok[i]) largest = std::max(largest, distance(p[i], q[i]) / farthest_ecef_move_m(p[i], dt_s));
  }
  return largest;
}

TEST(EcefMotion, NoStarlinkSatelliteMovesFartherThanTheBound) {
  const PlatformConfig config = load_platform_config(std::string(ORBITSIM_SOURCE_DIR) + "/platforms/starlink_tle_2026.yaml");
  World world = build_world(config);
  double largest = 0.0;
  for (double dt_s : {0.25, 1.0, 60.0, 600.0}) {
    const double share = largest_share_of_bound(world.constellation, {0.0, 31'415.9, 86'000.0}, dt_s);
    EXPECT_LT(share, 1.0) << dt_s << " s";
    EXPECT_GT(share, 0.45) << dt_s << " s: low-orbit satellites move at ~7.6 km/s, the bound is not that loose";
    largest = std::max(largest, share);
  }
  RecordProperty("largest_share_of_bound", std::to_string(largest));
}

TEST(EcefMotion, NoVerificationCaseMovesFartherThanTheBound) {
  double largest = 0.0;
  int cases = 0;
  for (const auto& [e, start_min, stop_min, step_min] : read_sgp4_verification_cases()) {
    if (e.catalog_number == 33333) continue;
    Constellation c(e.epoch, kWgs72, ShadowModel::kCylindrical);
    c.add({0, e.name, "ver"}, e);
    std::vector<double> times_s;
    for (double t_min = start_min; t_min <= stop_min; t_min += std::max(step_min, 1.0)) times_s.push_back(t_min * 60.0);
    for (double dt_s : {1.0, 60.0}) largest = std::max(largest, largest_share_of_bound(c, times_s, dt_s));
    ++cases;
  }
  EXPECT_EQ(cases, 32);
  EXPECT_LT(largest, 1.0);
  RecordProperty("largest_share_of_bound", std::to_string(largest));
}

TEST(EcefMotion, NoBoundBeyondAnHourOrWithoutAPosition) {
  const Vec3 leo_m{6'921e3, 0.0, 0.0};
  EXPECT_NEAR(farthest_ecef_move_m(leo_m, 1.0), 12e3 + 7.292115e-5 * (6'921e3 + 12e3), 1.0);
  EXPECT_EQ(farthest_ecef_move_m(leo_m, -2.0), farthest_ecef_move_m(leo_m, 2.0));
  EXPECT_EQ(farthest_ecef_move_m(leo_m, 3601.0), std::numeric_limits<double>::infinity());
  EXPECT_EQ(farthest_ecef_move_m({std::nan(""), 0.0, 0.0}, 1.0), std::numeric_limits<double>::infinity());
}

}  // namespace
}  // namespace orbitsim
