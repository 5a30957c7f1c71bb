// Element sets' positions from SGP4's knots (Sgp4Knots, as the topology's epochs take them) against SGP4 at
// each time itself: within a centimetre, with the same validity, for the shipped Starlink snapshot over a
// day and for the near-Earth cases of the SGP4 verification set (decaying orbits, high eccentricities).
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "config/platform_config.hpp"
#include "orbit/constellation.hpp"
#include "sgp4_verification_cases.hpp"
#include "world/world_builder.hpp"

namespace orbitsim {
namespace {

struct Agreement {
  double largest_m = 0.0;  // farthest an interpolated position was from SGP4's
  int compared = 0;
};

// Positions of `interpolated` (through knots) and `exact` (the same satellites, SGP4 at each time) at each
// of `times_s`: the validity must agree, and valid positions are compared.
Agreement compare(Constellation& interpolated, Constellation& exact, const std::vector<double>& times_s) {
  Agreement a;
  const size_t n = exact.size();
  std::vector<Vec3> p(n), q(n);
  std::vector<char> p_ok(n), q_ok(n);
  for (double t : times_s) {
    interpolated.positions_ecef_m(t, p, p_ok);
    exact.positions_ecef_m(t, q, q_ok);
    for (size_t i = 0; i < n; ++i) {
      EXPECT_EQ(p_ok[i], q_ok[i]) << exact.info(i).name << " at " << t << " s";
      if (!p_ok[i] || !q_ok[i]) continue;
      a.largest_m = std::max(a.largest_m, distance(p[i], q[i]));
      ++a.compared;
    }
  }
  return a;
}

TEST(Sgp4Knots, TheStarlinkSnapshotIsWithinACentimetreOfSgp4OverADay) {
  const PlatformConfig config = load_platform_config(std::string(ORBITSIM_SOURCE_DIR) + "/platforms/starlink_tle_2026.yaml");
  World interpolated = build_world(config), exact = build_world(config);
  interpolated.constellation.interpolate_element_sets();
  std::vector<double> times_s;
  for (double t = 0.0; t < 40.0; t += 1.0) times_s.push_back(t);  // epochs as a run asks for them
  for (double t = 40.25; t < 86400.0; t += 2711.3) times_s.push_back(t);  // and across the day, off the second
  const Agreement a = compare(interpolated.constellation, exact.constellation, times_s);
  EXPECT_GT(a.compared, 700000);
  EXPECT_GT(a.largest_m, 0.0) << "the knots were not used";
  EXPECT_LT(a.largest_m, 0.01);
  RecordProperty("largest_difference_m", std::to_string(a.largest_m));
}

TEST(Sgp4Knots, TheVerificationSetsNearEarthCasesAreWithinACentimetreOfSgp4) {
  int cases = 0;
  double largest_m = 0.0;
  for (const auto& [e, start_min, stop_min, step_min] : read_sgp4_verification_cases()) {
    if (Sgp4(e).deep_space()) continue;
    Constellation interpolated(e.epoch, kWgs72, ShadowModel::kCylindrical), exact(e.epoch, kWgs72, ShadowModel::kCylindrical);
    interpolated.add({0, e.name, "ver"}, e);
    exact.add({0, e.name, "ver"}, e);
    interpolated.interpolate_element_sets();
    std::vector<double> times_s;
    for (double t = start_min * 60.0; t <= stop_min * 60.0; t += 13.7) times_s.push_back(t);
    const Agreement a = compare(interpolated, exact, times_s);
    largest_m = std::max(largest_m, a.largest_m);
    ++cases;
  }
  EXPECT_EQ(cases, 9);
  EXPECT_GT(largest_m, 0.0);
  EXPECT_LT(largest_m, 0.01);
  RecordProperty("largest_difference_m", std::to_string(largest_m));
}

}  // namespace
}  // namespace orbitsim
