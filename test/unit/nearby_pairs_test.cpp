// The pairs that range-chosen lasers are picked from, pinned to the simplest version: every pair of points
// measured, sorted by (length, a, b). Lattice points give many pairs of exactly the same length (the
// ties of the sort) and repeated points give pairs of length 0.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <tuple>
#include <vector>

#include "core/worker_pool.hpp"
#include "topology/nearby_pairs.hpp"

namespace orbitsim {
namespace {

// Points near a 6,921 km sphere (a 550 km shell), then a lattice of 100 km steps and a few repeats.
std::vector<Vec3> test_points() {
  std::mt19937_64 random(7);
  std::normal_distribution<double> normal;
  std::uniform_real_distribution<double> altitude_m(-20e3, 20e3);
  std::vector<Vec3> points;
  for (int i = 0; i < 2500; ++i) {
    Vec3 direction{normal(random), normal(random), normal(random)};
    points.push_back(direction * ((6921e3 + altitude_m(random)) / direction.norm()));
  }
  for (int x = 0; x < 8; ++x)
    for (int y = 0; y < 8; ++y)
      for (int z = 0; z < 4; ++z) points.push_back({7000e3 + x * 100e3, y * 100e3, z * 100e3});
  for (int i = 0; i < 40; ++i) points.push_back(points[static_cast<size_t>(i * 50)]);
  return points;
}

// Groups as shells: uneven (group 3 holds every 7th point), group 2 empty (no point has it).
std::vector<int> groups_of(size_t n) {
  std::vector<int> group(n);
  for (size_t i = 0; i < n; ++i) group[i] = i % 7 == 0 ? 3 : static_cast<int>(i % 2);
  return group;
}
// Groups as the outer rings of inter-shell lasers see them: one holds most points (group 4: 80 %), two share
// the rest (so that pairs within the minority count too).
std::vector<int> groups_with_a_majority(size_t n) {
  std::vector<int> group(n);
  for (size_t i = 0; i < n; ++i) group[i] = i % 10 == 0 ? 0 : i % 10 == 5 ? 2 : 4;
  return group;
}
bool accept_rule(int a, int b, double length_m) { return !(a % 7 == 0 && length_m < 400e3) && b % 11 != 3; }

std::vector<std::tuple<double, int, int>> measured_one_by_one(const std::vector<Vec3>& p, const std::vector<int>& members,
                                                              MemberGroups group_of, double beyond_m, double max_m,
                                                              bool use_accept) {
  std::vector<std::tuple<double, int, int>> pairs;
  for (size_t x = 0; x < members.size(); ++x)
    for (size_t y = x + 1; y < members.size(); ++y) {
      const int a = std::min(members[x], members[y]), b = std::max(members[x], members[y]);
      const double d = distance(p[static_cast<size_t>(a)], p[static_cast<size_t>(b)]);
      const bool groups_ok = group_of.empty() || group_of[static_cast<size_t>(a)] != group_of[static_cast<size_t>(b)];
      if (groups_ok && d > beyond_m && d <= max_m && (!use_accept || accept_rule(a, b, d))) pairs.emplace_back(d, a, b);
    }
  std::sort(pairs.begin(), pairs.end());
  return pairs;
}

std::vector<std::tuple<double, int, int>> as_tuples(const std::vector<NearbyPair>& pairs) {
  std::vector<std::tuple<double, int, int>> t;
  for (const NearbyPair& p : pairs) t.emplace_back(p.length_m, p.a, p.b);
  return t;
}

std::vector<int> every_third_left_out(size_t n) {
  std::vector<int> members;
  for (int i = 0; i < static_cast<int>(n); ++i)
    if (i % 3 != 1) members.push_back(i);
  return members;
}

TEST(NearbyPairs, FromTheGridAreEveryPairInRangeSortedByLengthThenIds) {
  const std::vector<Vec3> p = test_points();
  const std::vector<int> members = every_third_left_out(p.size()), group = groups_of(p.size()),
                         majority = groups_with_a_majority(p.size());
  WorkerPool two(2), three(3);
  // Rings as the builder asks for them: from 0 (repeated points included), then wider and sparser; every
  // pair, or only pairs across groups (with and without a group holding most members).
  for (const MemberGroups group_of : {MemberGroups{}, MemberGroups{group}, MemberGroups{majority}})
    for (const auto& [beyond_m, max_m] : {std::pair{-1.0, 250e3}, {250e3, 500e3}, {500e3, 1000e3}, {-1.0, 30e3}}) {
      const auto expected = measured_one_by_one(p, members, group_of, beyond_m, max_m, true);
      ASSERT_FALSE(expected.empty());
      for (WorkerPool* workers : {static_cast<WorkerPool*>(nullptr), &two, &three})
        EXPECT_EQ(as_tuples(nearby_pairs(p, members, group_of, beyond_m, max_m, accept_rule, workers)), expected)
            << "ring (" << beyond_m << ", " << max_m << "] on " << (workers ? workers->threads() : 1) << " thread(s), "
            << (group_of.empty() ? "every pair" : group_of.data() == majority.data() ? "across groups, one of most" : "across groups");
    }
  // Fewer pairs than the bucket sort takes on: std::sort alone.
  const std::vector<int> few(members.begin(), members.begin() + 60);
  EXPECT_EQ(as_tuples(nearby_pairs(p, few, {}, -1.0, 3000e3, accept_rule)), measured_one_by_one(p, few, {}, -1.0, 3000e3, true));
  // One group: no pair.
  const std::vector<int> one_group(p.size(), 1);
  EXPECT_TRUE(nearby_pairs(p, members, one_group, -1.0, 3000e3, accept_rule).empty());
}

TEST(NearbyPairs, FromKeptCandidatesMeasuredEarlierAreThoseOfTheGrid) {
  const std::vector<Vec3> p = test_points();
  // The candidates were measured before every point moved by up to 20 km: their lengths then differ from
  // today's by up to 40 km (the drift), and they hold every pair within 510 km + 40 km then.
  constexpr double kMove_m = 20e3, kDrift_m = 2 * kMove_m + 1.0;
  std::mt19937_64 random(11);
  std::uniform_real_distribution<double> step_m(-kMove_m / 2, kMove_m / 2);  // each axis: at most 17 km in all
  std::vector<Vec3> then = p;
  for (Vec3& q : then) q = q + Vec3{step_m(random), step_m(random), step_m(random)};
  std::vector<int> all(p.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
  const std::vector<int> group = groups_of(p.size());
  const PairsByLowerEnd candidates = by_lower_end(pairs_within(then, all, group, 510e3 + kDrift_m), p.size());
  const std::vector<int> members = every_third_left_out(p.size());
  std::vector<char> is_member(p.size(), 0);
  for (int m : members) is_member[static_cast<size_t>(m)] = 1;
  WorkerPool two(2);
  for (WorkerPool* workers : {static_cast<WorkerPool*>(nullptr), &two})
    for (const auto& [beyond_m, max_m] : {std::pair{-1.0, 250e3}, {250e3, 500e3}}) {
      const auto expected = measured_one_by_one(p, members, group, beyond_m, max_m, true);
      EXPECT_EQ(as_tuples(nearby_pairs(p, candidates, kDrift_m, members, is_member, beyond_m, max_m, accept_rule, workers)), expected)
          << "ring (" << beyond_m << ", " << max_m << "]";
      // Without the drift, the search stops too early in a point's partners: a pair that closed in is missed.
      EXPECT_NE(as_tuples(nearby_pairs(p, candidates, 0.0, members, is_member, beyond_m, max_m, accept_rule, workers)), expected);
    }
}

TEST(PairsWithin, AreEveryPairInRangeInAnOrderThatDoesNotDependOnTheThreadCount) {
  const std::vector<Vec3> p = test_points();
  const std::vector<int> members = every_third_left_out(p.size()), group = groups_of(p.size());
  WorkerPool two(2), three(3);
  for (const MemberGroups group_of : {MemberGroups{}, MemberGroups{group}}) {
    const std::vector<NearbyPair> one = pairs_within(p, members, group_of, 350e3);
    auto sorted = as_tuples(one);
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(sorted, measured_one_by_one(p, members, group_of, -1.0, 350e3, false));
    for (WorkerPool* workers : {&two, &three})
      EXPECT_EQ(as_tuples(pairs_within(p, members, group_of, 350e3, workers)), as_tuples(one));
  }
}

// for_each_near as StationNeighbours asks it, with cells of a table (wide ranges) or searched (30 km: more
// cells than the table takes): every member within range of the point, stations' points inside the
// members' box and points around or far beyond it included.
TEST(SpatialGrid, VisitsEveryMemberWithinRangeOfAPointWhereverThePointIs) {
  const std::vector<Vec3> p = test_points();
  const std::vector<int> members = every_third_left_out(p.size());
  const std::vector<Vec3> queries{{6371e3, 0, 0}, {0, -6371e3, 0}, {0, 0, 0}, {7400e3, 300e3, 150e3},
                                  {-7000e3, 0, 0}, {7000e3, 7000e3, 7000e3}, {1e9, 0, 0}, {0, 0, -1e9}, p[5]};
  for (const double range_m : {30e3, 1500e3, 3000e3}) {
    const SpatialGrid grid(p, members, range_m);
    for (const Vec3& q : queries) {
      std::vector<int> visited, expected;
      grid.for_each_near(q, [&](int i) {
        if (distance(p[static_cast<size_t>(i)], q) <= range_m) visited.push_back(i);
      });
      for (int i : members)
        if (distance(p[static_cast<size_t>(i)], q) <= range_m) expected.push_back(i);
      std::sort(visited.begin(), visited.end());
      EXPECT_EQ(visited, expected) << "range " << range_m << " m, point (" << q.x << ", " << q.y << ", " << q.z << ")";
    }
  }
}

}  // namespace
}  // namespace orbitsim
