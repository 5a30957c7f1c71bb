// Every policy, engine-free: a hand-made view in, the decision its definition gives out. Each family is
// reached through its registry, as the scenario's name reaches it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <random>
#include <set>

#include "orbit/ecef_motion.hpp"
#include "policy/failover/inference_failover_policy.hpp"
#include "policy/failover/training_failover_policy.hpp"
#include "policy/gsl/gsl_selection_policy.hpp"
#include "policy/placement/placement_policy.hpp"
#include "policy/serving/serving_policy.hpp"

namespace orbitsim {
namespace {

constexpr double kDeg = M_PI / 180.0;

std::vector<int> satellites_of(const std::vector<GslCandidate>& links) {
  std::vector<int> out;
  for (const auto& l : links) out.push_back(l.satellite);
  return out;
}

// Three satellites in view: 2 and 3 equally near, 3 highest, 1 and 3 staying longest.
const std::vector<GslCandidate> kVisible{{1, 900e3, std::sin(40 * kDeg)}, {2, 700e3, std::sin(30 * kDeg)}, {3, 700e3, std::sin(60 * kDeg)}};

std::vector<int> gsl(const std::string& name, int max_links, std::map<int, double> remaining_s = {}) {
  int asked = 0;
  GslSelectionContext context{max_links, [&](int s) {
                                ++asked;
                                return remaining_s.at(s);
                              }};
  const auto policy = make_gsl_selection_policy(name);
  EXPECT_NE(policy, nullptr) << name;
  const auto chosen = satellites_of(policy->select(kVisible, context));
  if (remaining_s.empty()) {
    EXPECT_EQ(asked, 0) << name << " asked for visibility it does not use (costly)";
  }
  return chosen;
}

TEST(GslPolicies, EachPicksItsBestVisibleSatellitesTiesToTheLowerId) {
  EXPECT_EQ(gsl("nearest", 2), (std::vector<int>{2, 3}));
  EXPECT_EQ(gsl("nearest", 1), (std::vector<int>{2}));
  EXPECT_EQ(gsl("highest-elevation", 2), (std::vector<int>{3, 1}));
  EXPECT_EQ(gsl("longest-remaining-visibility", 2, {{1, 300.0}, {2, 50.0}, {3, 300.0}}), (std::vector<int>{1, 3}));
  EXPECT_EQ(gsl("longest-remaining-visibility", 1, {{1, 120.0}, {2, 50.0}, {3, 300.0}}), (std::vector<int>{3}));
  EXPECT_EQ(gsl("longest-remaining-visibility", 5, {{1, 1.0}, {2, 2.0}, {3, 3.0}}), (std::vector<int>{3, 2, 1}));
  EXPECT_EQ(gsl("all-visible", 1), (std::vector<int>{1, 2, 3}));  // chains shared among the links
}

// The selection sorts only what it keeps: the same satellites in the same order as a stable sort of all of
// them by key, ties (here many: ranges rounded to 10 km) to the lower satellite id.
TEST(GslPolicies, TheBestFewAreTheFirstOfAStableSortByKey) {
  std::vector<GslCandidate> visible;
  for (int satellite = 0; satellite < 60; ++satellite)
    visible.push_back({satellite, 1e4 * std::round((500e3 + 37e3 * ((satellite * 7919) % 23)) / 1e4), std::sin(kDeg * (satellite % 9))});
  for (const auto& key : {std::function<double(const GslCandidate&)>([](const GslCandidate& g) { return g.range_m; }),
                          std::function<double(const GslCandidate&)>([](const GslCandidate& g) { return -g.elevation_rad(); })})
    for (int max_links : {0, 1, 8, 59, 60, 100}) {
      std::vector<GslCandidate> all = visible;
      std::stable_sort(all.begin(), all.end(), [&](const GslCandidate& a, const GslCandidate& b) { return key(a) < key(b); });
      all.resize(std::min(all.size(), static_cast<size_t>(max_links)));
      EXPECT_EQ(satellites_of(take_best(visible, max_links, key)), satellites_of(all)) << max_links << " links";
    }
}

std::optional<int> serve(const std::string& name, const std::vector<ServingCandidate>& candidates) {
  const auto policy = make_serving_policy(name);
  EXPECT_NE(policy, nullptr) << name;
  return policy->choose(candidates);
}

ServingCandidate candidate(int satellite, double delay_s, bool linked, int active, double prefill_s,
                           double endurance_s = std::numeric_limits<double>::infinity()) {
  ServingCandidate c;
  c.satellite = satellite;
  c.route_delay_s = delay_s;
  c.linked = linked;
  c.active_requests = active;
  c.estimated_prefill_s = c.estimated_prefill_after_cache_s = prefill_s;
  c.power_endurance_s = endurance_s;
  return c;
}

TEST(ServingPolicies, EachPicksItsBestCandidateAndNoneFromNothing) {
  // Estimated TTFT 2 x delay + prefill: 1 -> 104 ms, 2 -> 70 ms, 3 -> 75 ms, 4 -> 25 ms (not linked, busiest).
  const std::vector<ServingCandidate> c{candidate(1, 0.002, true, 3, 0.100), candidate(2, 0.020, false, 1, 0.030),
                                        candidate(3, 0.005, true, 1, 0.065), candidate(4, 0.0125, false, 9, 0.0)};
  EXPECT_EQ(serve("nearest-visible", c), 1);  // the linked one with the shorter delay
  EXPECT_EQ(serve("least-loaded", c), 3);     // 2 and 3 have one request each: the shorter delay
  EXPECT_EQ(serve("lowest-latency", c), 4);
  EXPECT_EQ(serve("lowest-latency", {c[0], c[1], c[2]}), 2);
  EXPECT_EQ(serve("lowest-latency", {candidate(5, 0.001, false, 0, 0.010), candidate(6, 0.002, false, 0, 0.008)}), 5);
  // prefix-affinity: lowest-latency on the prompt's uncached part; without caches, lowest-latency's choice.
  EXPECT_EQ(serve("prefix-affinity", c), 4);
  auto cached = c;
  cached[0].cached_prompt_tokens = 4096;
  cached[0].estimated_prefill_after_cache_s = 0.010;  // 2 x 2 ms + 10 ms = 14 ms < 4's 25 ms
  EXPECT_EQ(serve("prefix-affinity", cached), 1);
  EXPECT_EQ(serve("lowest-latency", cached), 4);  // blind to the cache
  // power-aware: lowest-latency among those with 10 min of endurance, else among all.
  auto tired = c;
  tired[3].power_endurance_s = 599.0;
  tired[1].power_endurance_s = 0.0;
  EXPECT_EQ(serve("power-aware", tired), 3);
  for (auto& x : tired) x.power_endurance_s = 10.0;
  EXPECT_EQ(serve("power-aware", tired), 4);
  EXPECT_EQ(serve("nearest-visible", {c[1], c[3]}), std::nullopt);  // no linked satellite
  for (const auto& name : policy_names(serving_policies())) EXPECT_EQ(serve(name, {}), std::nullopt) << name;
}

TEST(PlacementPolicies, LeastLoadedAndPowerAwareTakeTheBestFreeSatellitesInIdOrder) {
  std::vector<SatelliteInfo> satellites;
  for (int i = 0; i < 6; ++i) satellites.push_back({i, "s" + std::to_string(i), "shell", 0, i});
  const std::vector<bool> busy{false, true, false, false, false, false};
  const std::vector<double> busy_time_s{5.0, 0.0, 9.0, 1.0, 5.0, 2.0};
  const std::vector<double> endurance_s{100.0, 1e9, std::numeric_limits<double>::infinity(), 0.0, 700.0, 700.0};
  const PlacementView view{satellites, busy, busy_time_s, [](int) { return Vec3{}; },
                           [&](int s) { return endurance_s[static_cast<size_t>(s)]; }};
  // Least compute so far among the free (1 is busy): 3 (1 s), 5 (2 s), then 0 and 4 tie at 5 s: 0.
  EXPECT_EQ(make_training_placement_policy("least-loaded")->place(3, view), (std::vector<int>{0, 3, 5}));
  // Longest endurance among the free: 2 (inf), then 4 and 5 (700 s).
  EXPECT_EQ(make_training_placement_policy("power-aware")->place(3, view), (std::vector<int>{2, 4, 5}));
  for (const auto& name : policy_names(training_placement_policies()))
    EXPECT_EQ(make_training_placement_policy(name)->place(6, view), std::nullopt) << name << ": only 5 are free";
}

// `cluster` with the network's recent positions measures only the satellites that may be among the nearest
// now, and chooses the same ring as when it measures them all: 400 satellites on a 550 km shell, 120 of them
// in a formation, each now as far as the policy allows for from where it was 0.8 s ago (two fifths toward the
// anchor, a fifth away, the rest less far in any direction), random busy ones, jobs of 1 to 40.
TEST(PlacementPolicies, ClusterWithRecentPositionsChoosesAsWithoutThemAndMeasuresFewer) {
  constexpr int kSatellites = 400;
  constexpr double kAge_s = 0.8;
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> uniform(-1.0, 1.0);
  auto direction = [&] {
    for (;;) {
      const Vec3 v{uniform(random), uniform(random), uniform(random)};
      if (v.norm() > 0.1 && v.norm() <= 1.0) return v * (1.0 / v.norm());
    }
  };
  std::vector<SatelliteInfo> satellites;
  std::vector<Vec3> then_m, now_m;
  // The first 120 in a formation 40 km across, a few kilometres apart (as close as the moves, so that
  // ranks change with them); the others anywhere on the shell.
  const Vec3 formation_m = direction() * 6'928e3;
  for (int i = 0; i < kSatellites; ++i) {
    satellites.push_back({i, "s" + std::to_string(i), "shell"});
    then_m.push_back(i < 120 ? formation_m + direction() * (20e3 * std::fabs(uniform(random))) : direction() * 6'928e3);
  }
  const std::vector<bool> known(kSatellites, true);
  const std::vector<double> busy_time_s(kSatellites, 0.0);
  const RecentPositions recent{then_m, &known, kAge_s};
  const auto cluster = make_training_placement_policy("cluster");
  long measured_with = 0, measured_without = 0;
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<bool> busy(kSatellites);
    for (int i = 0; i < kSatellites; ++i) busy[static_cast<size_t>(i)] = uniform(random) < -0.4;  // 30 % busy
    const int anchor = static_cast<int>(std::find(busy.begin(), busy.end(), false) - busy.begin());
    now_m.clear();
    for (int i = 0; i < kSatellites; ++i) {
      const double error_m = recent.error_m(i);  // as far as the policy allows for
      const Vec3 toward_anchor = then_m[static_cast<size_t>(anchor)] - then_m[static_cast<size_t>(i)];
      const double pick = uniform(random);
      const Vec3 move = pick < -0.2 ? toward_anchor * (error_m / std::max(toward_anchor.norm(), 1.0))
                        : pick > 0.6 ? toward_anchor * (-error_m / std::max(toward_anchor.norm(), 1.0))
                                     : direction() * (error_m * std::fabs(uniform(random)));
      now_m.push_back(then_m[static_cast<size_t>(i)] + move);
    }
    const int count = 1 + static_cast<int>(random() % 40);
    auto view = [&](long* measured, const RecentPositions& r) {
      return PlacementView{satellites, busy, busy_time_s,
                           [&, measured](int s) { ++*measured; return now_m[static_cast<size_t>(s)]; },
                           [](int) { return 0.0; }, 1, r};
    };
    const auto with = cluster->place(count, view(&measured_with, recent));
    const auto without = cluster->place(count, view(&measured_without, {}));
    ASSERT_TRUE(with && without);
    EXPECT_EQ(*with, *without) << "trial " << trial << ", " << count << " satellites";
  }
  EXPECT_LT(measured_with * 2, measured_without) << "the recent positions spared few measurements";
  RecordProperty("measured_with_recent", std::to_string(measured_with));
  RecordProperty("measured_without", std::to_string(measured_without));
}

// The worst case of the moves `cluster` allows for: a satellite 3.5 errors beyond the sixth nearest, all on a
// line through the anchor, comes in by its whole error while the anchor moves toward it by its own and the
// five nearest move away by theirs: it is among the six nearest now, and chosen.
TEST(PlacementPolicies, ClusterWithRecentPositionsTakesASatelliteThatCameInByAllItCould) {
  const double then_y_m[] = {0.0, -3e3, -6e3, -9e3, -12e3, -15e3, 0.0};
  std::vector<SatelliteInfo> satellites;
  std::vector<Vec3> then_m;
  for (int i = 0; i < 7; ++i) {
    satellites.push_back({i, "s" + std::to_string(i), "shell"});
    then_m.push_back({6'928e3, then_y_m[i], 0.0});
  }
  const std::vector<bool> known(7, true), busy(7, false);
  const std::vector<double> busy_time_s(7, 0.0);
  const RecentPositions recent{then_m, &known, 0.8};
  then_m[6].y = 15e3 + 3.5 * recent.error_m(0);
  std::vector<Vec3> now_m = then_m;
  now_m[0].y += recent.error_m(0);
  for (int i = 1; i <= 5; ++i) now_m[static_cast<size_t>(i)].y -= recent.error_m(i);
  now_m[6].y -= recent.error_m(6);
  const PlacementView view{satellites, busy, busy_time_s, [&](int s) { return now_m[static_cast<size_t>(s)]; },
                           [](int) { return 0.0; }, 1, recent};
  const auto ring = make_training_placement_policy("cluster")->place(6, view);
  ASSERT_TRUE(ring);
  EXPECT_NE(std::find(ring->begin(), ring->end(), 6), ring->end()) << "the satellite that came in was left out";
  EXPECT_EQ(std::find(ring->begin(), ring->end(), 5), ring->end());
}

TrainingFailure failure(int ranks, int failed, int spares_left = 0, int replicas_alive = 0, int ranks_at_start = 0) {
  TrainingFailure f;
  f.ranks = ranks;
  f.ranks_at_start = ranks_at_start > 0 ? ranks_at_start : ranks;
  f.failed_satellites = failed;
  f.spares_left = spares_left;
  f.replicas_alive = replicas_alive;
  return f;
}

TEST(TrainingFailoverPolicies, EachRecoversAsDefinedAndFallsBackToCheckpointRestart) {
  const TrainingFailoverOptions options{1, 0.5};
  auto decide = [&](const std::string& name, const TrainingFailure& f) {
    return make_training_failover_policy(name, options)->on_failure(f);
  };
  EXPECT_EQ(decide("none", failure(8, 1)), TrainingRecovery::kAbort);
  EXPECT_EQ(decide("checkpoint-restart", failure(8, 1)), TrainingRecovery::kRestartFromCheckpoint);
  // hot-spare: one spare per job (failover.hot_spares) covers one failed satellite, not two, nor a broken path.
  EXPECT_EQ(make_training_failover_policy("hot-spare", options)->reservation(8).spares, 1);
  EXPECT_EQ(make_training_failover_policy("hot-spare", {3, 0.5})->reservation(8).spares, 3);
  EXPECT_EQ(decide("hot-spare", failure(8, 1, 1)), TrainingRecovery::kReplaceWithSpares);
  EXPECT_EQ(decide("hot-spare", failure(8, 2, 1)), TrainingRecovery::kRestartFromCheckpoint);
  EXPECT_EQ(decide("hot-spare", failure(8, 0, 1)), TrainingRecovery::kRestartFromCheckpoint);
  // elastic: shrinks while the survivors are at least half the submitted ranks.
  EXPECT_EQ(decide("elastic", failure(8, 4)), TrainingRecovery::kShrink);                // 4 of 8 left
  EXPECT_EQ(decide("elastic", failure(5, 2, 0, 0, 8)), TrainingRecovery::kRestartFromCheckpoint);  // 3 of 8
  EXPECT_EQ(decide("elastic", failure(8, 0)), TrainingRecovery::kRestartFromCheckpoint);
  EXPECT_EQ(decide("elastic", failure(1, 1, 0, 0, 1)), TrainingRecovery::kRestartFromCheckpoint);  // nobody left
  // redundant: two replicas; the survivor goes on while one is whole.
  EXPECT_EQ(make_training_failover_policy("redundant", options)->reservation(8).replicas, 2);
  EXPECT_EQ(decide("redundant", failure(8, 1, 0, 1)), TrainingRecovery::kContinueOnReplica);
  EXPECT_EQ(decide("redundant", failure(8, 1, 0, 0)), TrainingRecovery::kRestartFromCheckpoint);
  for (const auto& name : policy_names(training_failover_policies()))
    if (name != "hot-spare" && name != "redundant") {
      EXPECT_EQ(make_training_failover_policy(name, options)->reservation(8).replicas, 1) << name;
      EXPECT_EQ(make_training_failover_policy(name, options)->reservation(8).spares, 0) << name;
    }
}

TEST(InferenceFailoverPolicies, EachRecoversAsDefined) {
  auto decide = [](const std::string& name, int attempts, bool lost, bool alive) {
    return make_inference_failover_policy(name)->on_failure({attempts, lost, alive});
  };
  EXPECT_EQ(decide("none", 1, true, true), InferenceRecovery::kFail);
  EXPECT_EQ(decide("retry", 1, false, false), InferenceRecovery::kRetry);
  EXPECT_EQ(decide("retry", 2, true, true), InferenceRecovery::kRetry);
  EXPECT_EQ(decide("retry", 3, false, false), InferenceRecovery::kFail);  // 3 attempts in all
  EXPECT_EQ(decide("reroute", 1, true, true), InferenceRecovery::kResend);
  EXPECT_EQ(decide("reroute", 1, true, false), InferenceRecovery::kFail);  // the server itself is gone
  EXPECT_EQ(decide("reroute", 1, false, true), InferenceRecovery::kFail);
  EXPECT_EQ(decide("hedged", 1, true, true), InferenceRecovery::kFail);  // the other copy carries on
  for (const auto& name : policy_names(inference_failover_policies()))
    EXPECT_EQ(make_inference_failover_policy(name)->copies(), name == "hedged" ? 2 : 1) << name;
}

TEST(PolicyRegistries, EveryNameMakesItsPolicyAndAnUnknownNameNone) {
  auto check = [](const std::vector<std::string>& names, const std::function<bool(const std::string&)>& makes) {
    EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), names.size());
    for (const auto& name : names) EXPECT_TRUE(makes(name)) << name;
    EXPECT_FALSE(makes("no-such-policy"));
  };
  check(policy_names(gsl_selection_policies()), [](const std::string& n) { return make_gsl_selection_policy(n) != nullptr; });
  check(policy_names(serving_policies()), [](const std::string& n) { return make_serving_policy(n) != nullptr; });
  check(policy_names(training_placement_policies()),
        [](const std::string& n) { return make_training_placement_policy(n) != nullptr; });
  check(policy_names(training_failover_policies()),
        [](const std::string& n) { return make_training_failover_policy(n) != nullptr; });
  check(policy_names(inference_failover_policies()),
        [](const std::string& n) { return make_inference_failover_policy(n) != nullptr; });
}

}  // namespace
}  // namespace orbitsim
