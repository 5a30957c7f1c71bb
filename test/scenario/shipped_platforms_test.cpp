// Every platform shipped in platforms/ loads, builds and propagates: one test per file, registered from
// the directory listing so that a new platform is covered without editing this file.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "config/platform_config.hpp"
#include "world/world_builder.hpp"
#include "topology/router.hpp"
#include "topology/topology_builder.hpp"

namespace orbitsim {
namespace {

std::vector<std::string> shipped_platforms() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(ORBITSIM_SOURCE_DIR) + "/platforms"))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

class ShippedPlatform : public ::testing::TestWithParam<std::string> {};

TEST_P(ShippedPlatform, LoadsAndPropagatesToPlausibleLeoStates) {
  const PlatformConfig config = load_platform_config(GetParam());
  World world = build_world(config);
  ASSERT_GT(world.constellation.size(), 0u);
  EXPECT_GT(world.ground_stations.size(), 0u);
  std::vector<SatelliteState> states;
  for (double t : {0.0, 600.0, 5400.0}) {
    world.constellation.states(t, states);
    size_t valid = 0, sunlit = 0, orbiting = 0;
    for (size_t i = 0; i < states.size(); ++i) {
      const SatelliteState& s = states[i];
      if (!s.valid) continue;
      ++valid;
      if (world.constellation.earth_fixed(i)) {  // a data centre's server: on the ground, where it was put
        EXPECT_LT(std::abs(s.geodetic.altitude_m), 9000.0);
        continue;
      }
      ++orbiting;
      sunlit += s.sunlit;
      EXPECT_GT(s.geodetic.altitude_m, 100e3);
      EXPECT_LT(s.geodetic.altitude_m, 2100e3);
      EXPECT_LE(std::abs(s.geodetic.latitude_rad), kPi / 2);
    }
    // Real element sets may include objects that have decayed since their epoch; synthetic ones never.
    EXPECT_GE(valid, states.size() * 99 / 100) << "t = " << t;
    if (orbiting > 0) EXPECT_GT(sunlit, 0u);
  }
}

// Over their ground links or, on a ground-baseline platform, their fibre (through a data centre).
TEST_P(ShippedPlatform, BuildsATopologyAndRoutesBetweenTwoGroundStations) {
  const PlatformConfig config = load_platform_config(GetParam());
  World world = build_world(config);
  TopologyBuilder builder(world, config.network, shell_links(config.shells));
  // The first instant (minute steps) at which two stations have ground links: route between them.
  for (double t = 0.0; t < 86400.0; t += 60.0) {
    const TopologySnapshot s = builder.build(t);
    std::vector<int> linked;
    for (const auto& l : s.links)
      if ((l.kind == LinkKind::kGsl || l.kind == LinkKind::kFibre) &&
          std::find(linked.begin(), linked.end(), l.b) == linked.end())
        linked.push_back(l.b);
    if (linked.size() < 2) continue;
    Router router(s, config.network.relay_through_ground);
    const Path p = router.path(linked.front(), linked.back());
    ASSERT_TRUE(p.reachable()) << builder.name(linked.front()) << " -> " << builder.name(linked.back()) << " at " << t;
    EXPECT_GE(p.links.size(), 2u);
    EXPECT_GT(p.delay_s, 0.0);
    EXPECT_LT(p.delay_s, 0.5);
    return;
  }
  FAIL() << "no instant in a day with two linked ground stations";
}

INSTANTIATE_TEST_SUITE_P(Platforms, ShippedPlatform, ::testing::ValuesIn(shipped_platforms()),
                         [](const auto& info) {
                           std::string n = std::filesystem::path(info.param).stem().string();
                           std::replace_if(n.begin(), n.end(), [](char c) { return !std::isalnum(c); }, '_');
                           return n;
                         });

}  // namespace
}  // namespace orbitsim
