// Intervals over seeds that respect what a metric is: never outside the observed values (so a fraction
// stays in [0, 1]), a point for identical values, none for a single value, and the textbook width
// for a large sample.
#include <gtest/gtest.h>

#include <cmath>

#include "metrics/replication_interval.hpp"

namespace orbitsim {
namespace {

TEST(ReplicationInterval, AFractionOverTwoSeedsStaysAFraction) {
  // Student's t over 2 seeds gives 0.5 +- 6.35 here: an interval of [-5.9, 6.9] for a fraction.
  const ReplicationInterval r = replication_interval({0.0, 1.0});
  EXPECT_EQ(r.n, 2u);
  EXPECT_DOUBLE_EQ(r.mean, 0.5);
  EXPECT_NEAR(r.sd, std::sqrt(0.5), 1e-12);
  EXPECT_GE(r.ci95_low, 0.0);
  EXPECT_LE(r.ci95_high, 1.0);
  EXPECT_LT(r.ci95_low, r.mean);
  EXPECT_GT(r.ci95_high, r.mean);
}

TEST(ReplicationInterval, IdenticalValuesGiveAPointAndASingleValueNoInterval) {
  const ReplicationInterval same = replication_interval({0.7, 0.7, 0.7});
  EXPECT_EQ(same.sd, 0.0);
  EXPECT_EQ(same.ci95_low, 0.7);
  EXPECT_EQ(same.ci95_high, 0.7);
  const ReplicationInterval one = replication_interval({3.0, NAN});  // a run without that figure is left out
  EXPECT_EQ(one.n, 1u);
  EXPECT_EQ(one.mean, 3.0);
  EXPECT_TRUE(std::isnan(one.sd));
  EXPECT_TRUE(std::isnan(one.ci95_low));
  EXPECT_TRUE(std::isnan(replication_interval({}).mean));
}

TEST(ReplicationInterval, ALargeSampleGivesTheNormalWidthAndTheSameIntervalEveryTime) {
  std::vector<double> v;
  for (int i = 0; i < 40; ++i) v.push_back(10.0 + std::sin(1.7 * i) * 3.0);  // spread, not sorted
  const ReplicationInterval r = replication_interval(v);
  const double normal_half_width = 1.96 * r.sd / std::sqrt(40.0);
  EXPECT_NEAR((r.ci95_high - r.ci95_low) / 2.0, normal_half_width, 0.1 * normal_half_width);
  EXPECT_NEAR((r.ci95_high + r.ci95_low) / 2.0, r.mean, 0.1 * normal_half_width);
  const ReplicationInterval again = replication_interval(v);
  EXPECT_EQ(again.ci95_low, r.ci95_low);
  EXPECT_EQ(again.ci95_high, r.ci95_high);
}

}  // namespace
}  // namespace orbitsim
