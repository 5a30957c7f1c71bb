// Neighbour lists built for positions ahead of the epoch at hand (LaterPositions): they hold every pair or
// satellite within range at that epoch, whatever the later positions are, and serve more of the epochs
// that follow than lists built for the epoch itself.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "config/platform_config.hpp"
#include "topology/pair_neighbours.hpp"
#include "topology/station_neighbours.hpp"
#include "world/world_builder.hpp"

namespace orbitsim {
namespace {

struct Gen1 {
  World world = build_world(load_platform_config(std::string(ORBITSIM_SOURCE_DIR) + "/platforms/starlink_gen1.yaml"));
  std::vector<int> satellites, shell_of;
  std::vector<Vec3> stations_m;
  Gen1() {
    std::map<std::string, int> shells;
    for (size_t i = 0; i < world.constellation.size(); ++i) {
      satellites.push_back(static_cast<int>(i));
      shell_of.push_back(shells.emplace(world.constellation.info(i).shell, static_cast<int>(shells.size())).first->second);
    }
    for (const auto& gs : world.ground_stations) stations_m.push_back(gs.ecef_m);
  }
  std::vector<Vec3> at(double t_s) {
    std::vector<Vec3> position_m(world.constellation.size());
    std::vector<char> valid(position_m.size());
    world.constellation.positions_ecef_m(t_s, position_m, valid, nullptr);
    return position_m;
  }
};

// Every pair of satellites of different shells within range_m, by brute force.
std::vector<std::pair<int, int>> pairs_within_range(const std::vector<Vec3>& position_m, const std::vector<int>& shell_of, double range_m) {
  std::vector<std::pair<int, int>> pairs;
  for (size_t a = 0; a < position_m.size(); ++a)
    for (size_t b = a + 1; b < position_m.size(); ++b)
      if (shell_of[a] != shell_of[b] && distance(position_m[a], position_m[b]) <= range_m) pairs.emplace_back(a, b);
  return pairs;
}

void expect_holds(const PairsByLowerEnd& list, const std::vector<std::pair<int, int>>& wanted, const std::string& context) {
  for (const auto& [a, b] : wanted) {
    const auto partners = list.partners_of(a);
    ASSERT_NE(std::find(partners.begin(), partners.end(), b), partners.end()) << context << ": " << a << "-" << b;
  }
}

TEST(NeighbourLists, APairListBuiltAheadHoldsEveryPairInRangeNowAndServesMoreEpochs) {
  constexpr double kRange_m = 250e3, kMargin_m = 100e3;
  Gen1 gen1;
  const std::vector<Vec3> now_m = gen1.at(600.0);
  const auto wanted = pairs_within_range(now_m, gen1.shell_of, kRange_m);
  ASSERT_GT(wanted.size(), 1000u);
  const LaterPositions true_later = [&](double lead_s) { return gen1.at(600.0 + lead_s); };
  const LaterPositions far_off = [&](double) {  // too far from now: the list is built for now instead
    std::vector<Vec3> moved = now_m;
    for (Vec3& p : moved) p = p * 1.2;
    return moved;
  };
  const LaterPositions none = [](double) { return std::vector<Vec3>{}; };
  for (const auto& [name, later] : {std::pair{"ahead", true_later}, std::pair{"far off", far_off}, std::pair{"none", none}}) {
    PairNeighbours list(kMargin_m);
    ASSERT_TRUE(list.update(now_m, kRange_m, gen1.satellites, gen1.shell_of, nullptr, later));
    expect_holds(list.pairs(), wanted, name);
  }
  // Along two minutes, second by second: lists built ahead are rebuilt less often, and always hold the pairs.
  size_t built_ahead = 0, built_for_the_epoch = 0;
  PairNeighbours ahead(kMargin_m), for_the_epoch(kMargin_m);
  for (double t = 0.0; t < 120.0; t += 1.0) {
    const std::vector<Vec3> position_m = gen1.at(t);
    built_ahead += ahead.update(position_m, kRange_m, gen1.satellites, gen1.shell_of, nullptr,
                                [&](double lead_s) { return gen1.at(t + lead_s); });
    built_for_the_epoch += for_the_epoch.update(position_m, kRange_m, gen1.satellites, gen1.shell_of, nullptr);
    if (static_cast<int>(t) % 20 == 7) expect_holds(ahead.pairs(), pairs_within_range(position_m, gen1.shell_of, kRange_m), "at " + std::to_string(t));
    // Every pair's length now is within the drift of the length the list holds for it (which searches rely
    // on to stop early), and the drift within the margin.
    const PairsByLowerEnd& kept = ahead.pairs();
    EXPECT_LE(ahead.drift_m(), kMargin_m);
    for (size_t a = 0; a + 1 < kept.first.size(); ++a)
      for (uint32_t c = kept.first[a]; c < kept.first[a + 1]; ++c)
        ASSERT_LE(std::fabs(distance(position_m[a], position_m[static_cast<size_t>(kept.partner[c])]) - kept.length_m[c]), ahead.drift_m())
            << "at " << t << ": " << a << "-" << kept.partner[c];
  }
  EXPECT_LE(5 * built_ahead, 4 * built_for_the_epoch) << built_ahead << " vs " << built_for_the_epoch;
}

TEST(NeighbourLists, StationListsBuiltAheadHoldEverySatelliteInRangeNowAndServeMoreEpochs) {
  constexpr double kRange_m = 2000e3, kMargin_m = 200e3;
  Gen1 gen1;
  auto expect_lists_hold = [&](const StationNeighbours& lists, const std::vector<Vec3>& position_m, const std::string& context) {
    for (size_t g = 0; g < gen1.stations_m.size(); ++g)
      for (size_t i = 0; i < position_m.size(); ++i)
        if (distance(position_m[i], gen1.stations_m[g]) <= kRange_m)
          ASSERT_TRUE(std::binary_search(lists.of(g).begin(), lists.of(g).end(), static_cast<int>(i))) << context << ", station " << g;
  };
  const std::vector<Vec3> now_m = gen1.at(600.0);
  StationNeighbours far_off(kMargin_m);
  ASSERT_TRUE(far_off.update(now_m, gen1.stations_m, kRange_m, [&](double) { return gen1.at(600.0 + 3600.0); }));
  expect_lists_hold(far_off, now_m, "far off");
  size_t built_ahead = 0, built_for_the_epoch = 0;
  StationNeighbours ahead(kMargin_m), for_the_epoch(kMargin_m);
  for (double t = 0.0; t < 300.0; t += 1.0) {
    const std::vector<Vec3> position_m = gen1.at(t);
    built_ahead += ahead.update(position_m, gen1.stations_m, kRange_m, [&](double lead_s) { return gen1.at(t + lead_s); });
    built_for_the_epoch += for_the_epoch.update(position_m, gen1.stations_m, kRange_m);
    if (static_cast<int>(t) % 50 == 7) expect_lists_hold(ahead, position_m, "at " + std::to_string(t));
  }
  EXPECT_LE(5 * built_ahead, 4 * built_for_the_epoch) << built_ahead << " vs " << built_for_the_epoch;
}

}  // namespace
}  // namespace orbitsim
