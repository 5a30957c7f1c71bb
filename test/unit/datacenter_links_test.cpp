// Data centres: servers at their site, fibre to every station at the great circle's length times the route
// factor, a fabric between the servers of each data centre, and nothing else.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "config/platform_config.hpp"
#include "core/constants.hpp"
#include "orbit/frames.hpp"
#include "topology/router.hpp"
#include "topology/topology_builder.hpp"
#include "world/world_builder.hpp"
#include "platform_file.hpp"

namespace orbitsim {
namespace {

std::string write_platform(const std::string& name, const std::string& yaml) {
  return testing::write_temp_platform("orbitsim_datacenter_links_test_" + name, yaml);
}

// A data centre's servers stand at its site, are linked to every station by fibre (the great circle
// times the route factor, at c / 1.468) and to nothing else: no GSL, no laser, even beside a station or
// under a shell with inter-shell lasers.
TEST(Topology, DataCentreServersAreReachedOverFibreOnly) {
  const std::string yaml =
      "name: dc\nepoch_utc: 2026-06-21T00:00:00Z\nshells:\n"
      "  - {name: a, walker: 53:264/12/1, altitude_km: 550}\n"
      "  - {name: dc, type: datacenter, latitude_deg: 48.85, longitude_deg: 2.35, servers: 2, "
      "fibre: {bandwidth_bps: 4e10, route_factor: 1.5}}\n"
      "ground_stations:\n  - {name: Paris, latitude_deg: 48.85, longitude_deg: 2.35}\n"
      "  - {name: Oslo, latitude_deg: 59.91, longitude_deg: 10.75}\n  - {name: Quito, latitude_deg: -0.18, longitude_deg: -78.47}\n"
      "network:\n  inter_shell_isl: {pattern: nearest-within-range, terminals: 2}\n";
  const PlatformConfig config = load_platform_config(write_platform("datacenter", yaml));
  World world = build_world(config);
  TopologyBuilder builder(world, config.network, shell_links(config.shells));
  ASSERT_EQ(builder.satellites(), 266);
  EXPECT_EQ(builder.name(264), "dc_s0");
  EXPECT_TRUE(builder.earth_fixed(265));
  EXPECT_FALSE(builder.earth_fixed(0));
  EXPECT_EQ(builder.isl_terminals(264), 0);
  const std::map<std::string, std::pair<double, double>> sites{{"Paris", {48.85, 2.35}}, {"Oslo", {59.91, 10.75}},
                                                                {"Quito", {-0.18, -78.47}}};
  for (double t : {0.0, 3000.0}) {
    const TopologySnapshot s = builder.build(t);
    int fibres = 0;
    for (const TopologyLink& l : s.links) {
      const bool server_end = l.a >= 264 && l.a < 266;
      if (l.kind == LinkKind::kFabric) continue;  // server to server: the next test
      if (l.kind != LinkKind::kFibre) {
        EXPECT_FALSE(server_end || (l.b >= 264 && l.b < 266)) << "a laser or radio link to a server";
        continue;
      }
      ++fibres;
      ASSERT_TRUE(server_end && s.is_station(l.b));
      // Haversine on the mean-radius sphere: the ellipsoid makes at most ~0.5 % of difference.
      const auto [lat, lon] = sites.at(builder.name(l.b));
      const double p1 = 48.85 * kDegToRad, p2 = lat * kDegToRad, dl = (lon - 2.35) * kDegToRad;
      const double h = std::pow(std::sin((p2 - p1) / 2), 2) + std::cos(p1) * std::cos(p2) * std::pow(std::sin(dl / 2), 2);
      const double great_circle_m = 2 * 6371e3 * std::asin(std::sqrt(h));
      EXPECT_NEAR(l.length_m, 1.5 * great_circle_m, 0.005 * great_circle_m + 1.0) << builder.name(l.b);
      EXPECT_EQ(l.bandwidth_bps, 4e10);
      EXPECT_DOUBLE_EQ(l.delay_s(), l.length_m * 1.468 / kSpeedOfLight_mps);
      EXPECT_LT(distance(s.position_ecef_m[static_cast<size_t>(l.a)], s.position_ecef_m[266]), 1e-6) << "at the site (Paris)";
    }
    EXPECT_EQ(fibres, 2 * 3);
    // A route from a station to a server is its fibre, with the fibre's delay.
    Router router(s, false);
    const Path p = router.path(builder.node_named("Oslo"), 264);
    ASSERT_EQ(p.links.size(), 1u);
    EXPECT_DOUBLE_EQ(p.delay_s, s.links[static_cast<size_t>(p.links[0])].delay_s());
  }
}

// Inside a data centre every pair of servers is linked by the fabric, at its latency and bandwidth; no
// fabric joins two data centres; a route between two servers of one data centre is its fabric link.
TEST(Topology, ADataCentresServersAreLinkedPairwiseByItsFabricAndNothingElse) {
  const std::string yaml =
      "name: dc\nepoch_utc: 2026-06-21T00:00:00Z\nshells:\n"
      "  - {name: a, type: datacenter, latitude_deg: 48.85, longitude_deg: 2.35, servers: 5, "
      "fabric: {bandwidth_bps: 2e11, latency_s: 3e-6}}\n"
      "  - {name: b, type: datacenter, latitude_deg: 48.85, longitude_deg: 2.35, servers: 3}\n"
      "  - {name: c, type: datacenter, latitude_deg: 48.85, longitude_deg: 2.35, servers: 4, fabric: {enabled: false}}\n"
      "ground_stations:\n  - {name: Paris, latitude_deg: 48.85, longitude_deg: 2.35}\n";
  const PlatformConfig config = load_platform_config(write_platform("fabric", yaml));
  World world = build_world(config);
  TopologyBuilder builder(world, config.network, shell_links(config.shells));
  const TopologySnapshot s = builder.build(100.0);
  std::set<std::pair<int, int>> fabric;
  for (const TopologyLink& l : s.links) {
    if (l.kind != LinkKind::kFabric) continue;
    EXPECT_TRUE(fabric.insert({l.a, l.b}).second);
    ASSERT_LT(l.a, l.b);
    const bool in_a = l.b < 5;
    EXPECT_TRUE(in_a || (l.a >= 5 && l.b < 8)) << builder.name(l.a) << " - " << builder.name(l.b);
    EXPECT_DOUBLE_EQ(l.delay_s(), in_a ? 3e-6 : 2e-6);  // b: the default latency
    EXPECT_EQ(l.bandwidth_bps, in_a ? 2e11 : 400e9);
  }
  EXPECT_EQ(fabric.size(), 5u * 4 / 2 + 3u * 2 / 2);  // c has none
  Router router(s, false);
  const Path p = router.path(1, 3);
  ASSERT_EQ(p.hops(), 1);
  EXPECT_EQ(s.links[static_cast<size_t>(p.links[0])].kind, LinkKind::kFabric);
  EXPECT_DOUBLE_EQ(p.delay_s, 3e-6);
  EXPECT_FALSE(router.path(1, 6).reachable());  // a to b: only through Paris, which does not relay
  EXPECT_FALSE(router.path(8, 9).reachable());  // c: no fabric
  // A failed server loses its fabric links.
  std::vector<bool> down(static_cast<size_t>(s.nodes()), false);
  down[2] = true;
  int to_failed = 0;
  for (const TopologyLink& l : builder.build(100.0, &down).links) to_failed += l.a == 2 || l.b == 2;
  EXPECT_EQ(to_failed, 0);
}

}  // namespace
}  // namespace orbitsim
