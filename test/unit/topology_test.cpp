// Topology and routing: delays equal geometry, GSL visibility flips at the elevation mask, ISL rules,
// the routing the simulation asks of a built platform (router_test.cpp has the Router on its own;
// snapshot_builds_test.cpp, the same snapshot however an epoch is built; hypatia_state_test.cpp, Hypatia's
// state folders; datacenter_links_test.cpp, data centres' fibre and fabric).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <tuple>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>

#include "config/platform_config.hpp"
#include "world/world_builder.hpp"
#include "core/constants.hpp"
#include "orbit/frames.hpp"
#include "topology/router.hpp"
#include "topology/topology_builder.hpp"
#include "platform_file.hpp"

namespace orbitsim {
namespace {

std::string write_platform(const std::string& name, const std::string& yaml) {
  return testing::write_temp_platform("orbitsim_topology_test_" + name, yaml);
}

const std::string kShell1 = std::string(ORBITSIM_SOURCE_DIR) + "/platforms/starlink_gen1_shell1.yaml";

TEST(Route, DelayEqualsStraightLineGeometryOverC) {
  const PlatformConfig config = load_platform_config(kShell1);
  World world = build_world(config);
  TopologyBuilder builder(world, config.network, shell_links(config.shells));
  World reference = build_world(config);  // positions recomputed independently of the builder
  for (double t : {0.0, 137.0, 1800.0}) {
    const TopologySnapshot s = builder.build(t);
    Router router(s, false);
    const Path p = router.path(builder.node_named("Tokyo"), builder.node_named("London"));
    ASSERT_TRUE(p.reachable()) << t;
    std::vector<SatelliteState> states;
    reference.constellation.states(t, states);
    auto position = [&](int node) {
      return node < s.satellites ? states[static_cast<size_t>(node)].ecef_m
                                 : reference.ground_stations[static_cast<size_t>(node - s.satellites)].ecef_m;
    };
    double length = 0.0;
    for (size_t i = 0; i + 1 < p.nodes.size(); ++i) length += distance(position(p.nodes[i]), position(p.nodes[i + 1]));
    EXPECT_NEAR(p.delay_s, length / kSpeedOfLight_mps, 1e-9 * p.delay_s);
    EXPECT_NEAR(p.distance_m, length, 1e-9 * length);
    // First and last hops are GSLs, the rest ISLs; no ground station in the middle.
    for (size_t i = 1; i + 1 < p.nodes.size(); ++i) EXPECT_LT(p.nodes[i], s.satellites);
  }
}

TEST(Gsl, VisibilityFlipsExactlyAtTheElevationMask) {
  const std::string path = write_platform(
      "gsl", "name: one\nepoch_utc: 2026-06-21T00:00:00Z\nshells:\n"
             "  - {name: s, walker: 53:1/1/0, altitude_km: 550, isl: {pattern: none}}\n"
             "ground_stations:\n  - {name: G, latitude_deg: 20, longitude_deg: 30}\n"
             "network:\n  gsl: {min_elevation_deg: 25, selection: highest-elevation}\n");
  const PlatformConfig config = load_platform_config(path);
  World world = build_world(config);
  TopologyBuilder builder(world, config.network, shell_links(config.shells));
  const GroundStation& g = world.ground_stations[0];
  auto elevation_deg = [&](double t) {
    const Vec3 sat = eci_to_ecef(world.constellation.position_eci_m(0, t), world.constellation.gmst_rad(t));
    return elevation_rad(g.ecef_m, g.site, sat) * kRadToDeg;
  };
  auto linked = [&](double t) { return !builder.build(t).links.empty(); };
  int flips = 0;
  for (double t = 0; t < 86400.0 && flips < 4; t += 10.0) {
    if ((elevation_deg(t) >= 25.0) == (elevation_deg(t + 10.0) >= 25.0)) continue;
    double lo = t, hi = t + 10.0;  // bisect the crossing of 25 deg on the independent geometry
    const bool rising = elevation_deg(lo) < 25.0;
    for (int i = 0; i < 50; ++i) {
      const double mid = 0.5 * (lo + hi);
      ((elevation_deg(mid) < 25.0) == rising ? lo : hi) = mid;
    }
    EXPECT_EQ(linked(lo - 1e-3), !rising) << "crossing at t = " << hi;
    EXPECT_EQ(linked(hi + 1e-3), rising) << "crossing at t = " << hi;
    ++flips;
  }
  EXPECT_GE(flips, 2);  // at least one pass seen: a rise and a set
}

TEST(Isl, PlusGridHasFourNeighboursAndTheLatitudeCutoffRemovesCrossPlaneLinks) {
  const std::string base =
      "name: g\nepoch_utc: 2026-06-21T00:00:00Z\nshells:\n  - name: s\n    walker: 53:1584/72/1\n"
      "    altitude_km: 550\n";
  const PlatformConfig full = load_platform_config(write_platform("grid", base));
  World w1 = build_world(full);
  const TopologySnapshot s1 = TopologyBuilder(w1, full.network, shell_links(full.shells)).build(0.0);
  EXPECT_EQ(s1.links.size(), 2u * 1584u);
  // Exactly the cross-plane pairs whose two ends are within the cutoff in geodetic latitude (the
  // builder settles most by the geocentric sine; 53.05 deg puts satellites of this 53 deg shell, which
  // reach ~53.17 deg geodetic, in the band where only the exact conversion decides).
  for (const char* cutoff_deg : {"45", "53.05"}) {
    const PlatformConfig cut = load_platform_config(
        write_platform(std::string("cutoff_") + cutoff_deg, base + "    isl: {latitude_cutoff_deg: " + cutoff_deg + "}\n"));
    World w2 = build_world(cut);
    TopologyBuilder b2(w2, cut.network, shell_links(cut.shells));
    const double cutoff_rad = std::stod(cutoff_deg) * kDegToRad;
    for (double t : {0.0, 600.0, 1234.5}) {
      const TopologySnapshot s2 = b2.build(t);
      std::vector<SatelliteState> states;
      w2.constellation.states(t, states);
      auto plane = [&](int i) { return w2.constellation.info(static_cast<size_t>(i)).plane; };
      auto within = [&](int i) { return std::fabs(states[static_cast<size_t>(i)].geodetic.latitude_rad) <= cutoff_rad; };
      std::set<std::pair<int, int>> expected, got;
      for (const auto& [a, b] : b2.static_isl_pairs())
        if (plane(a) != plane(b) && within(a) && within(b)) expected.insert({std::min(a, b), std::max(a, b)});
      for (const auto& l : s2.links)
        if (plane(l.a) != plane(l.b)) got.insert({l.a, l.b});
      EXPECT_EQ(got, expected) << cutoff_deg << " deg at " << t << " s";
      EXPECT_GT(got.size(), 0u);
      EXPECT_LT(got.size(), 1584u);
    }
  }
}

TEST(Isl, WalkerStarLeavesTheSeamOpenAndRangedLinksRespectTerminals) {
  const PlatformConfig star = load_platform_config(std::string(ORBITSIM_SOURCE_DIR) + "/platforms/polar_star_1015.yaml");
  World w = build_world(star);
  const TopologySnapshot s = TopologyBuilder(w, star.network, shell_links(star.shells)).build(0.0);
  for (const auto& l : s.links) {
    if (l.kind != LinkKind::kIsl) continue;
    const int pa = w.constellation.info(static_cast<size_t>(l.a)).plane, pb = w.constellation.info(static_cast<size_t>(l.b)).plane;
    EXPECT_FALSE((pa == 0 && pb == 26) || (pa == 26 && pb == 0)) << "link across the seam";
  }
  // The shipped cluster links every pair within 300 m (unlimited terminals); with 4 terminals each
  // satellite keeps at most 4 of those links, and the budget binds: the cluster has pairs to spare.
  PlatformConfig cluster = load_platform_config(std::string(ORBITSIM_SOURCE_DIR) + "/platforms/suncatcher_cluster.yaml");
  World wc = build_world(cluster);
  auto isl_degrees = [&](const PlatformConfig& config) {
    const TopologySnapshot sc = TopologyBuilder(wc, config.network, shell_links(config.shells)).build(0.0);
    std::vector<int> degree(wc.constellation.size(), 0);
    for (const auto& l : sc.links) {
      if (l.kind != LinkKind::kIsl) continue;
      EXPECT_LE(l.length_m, 300.0);
      ++degree[static_cast<size_t>(l.a)];
      ++degree[static_cast<size_t>(l.b)];
    }
    return degree;
  };
  const std::vector<int> unlimited = isl_degrees(cluster);
  ASSERT_GT(*std::max_element(unlimited.begin(), unlimited.end()), 4);
  std::get<FormationConfig>(cluster.shells.front()).isl.terminals = 4;
  const std::vector<int> budgeted = isl_degrees(cluster);
  EXPECT_LE(*std::max_element(budgeted.begin(), budgeted.end()), 4);
  EXPECT_EQ(*std::max_element(budgeted.begin(), budgeted.end()), 4);
}


// A station's own radio chains (a gateway with several) replace the platform's max_links_per_station for
// it alone; the effective platform keeps them.
TEST(Gsl, AStationWithSeveralRadioChainsKeepsThatManyLinks) {
  const std::string path = write_platform(
      "chains", "name: c\nepoch_utc: 2026-06-21T00:00:00Z\nshells:\n  - {name: s, walker: 53:1584/72/1, altitude_km: 550}\n"
                "ground_stations:\n  - {name: Gateway, latitude_deg: 0, longitude_deg: 0, radio_chains: 3}\n"
                "  - {name: User, latitude_deg: 10, longitude_deg: 10}\n");
  const PlatformConfig config = load_platform_config(path);
  World world = build_world(config);
  TopologyBuilder builder(world, config.network, shell_links(config.shells));
  EXPECT_EQ(builder.station_chains(0), 3);
  EXPECT_EQ(builder.station_chains(1), 1);
  for (double t : {0.0, 600.0}) {
    std::map<int, std::set<int>> links;
    for (const auto& l : builder.build(t).links)
      if (l.kind == LinkKind::kGsl) links[l.b].insert(l.a);
    EXPECT_EQ(links[1584].size(), 3u) << t;
    EXPECT_EQ(links[1585].size(), 1u) << t;
  }
  std::ofstream(path) << to_yaml(config, std::filesystem::path(path).parent_path().string());
  EXPECT_EQ(load_platform_config(path).ground_stations.size(), 2u);
  EXPECT_EQ(std::get<GroundStationSiteConfig>(load_platform_config(path).ground_stations[0]).radio_chains, 3);
}

// The simple version range-chosen links must equal: every pair `eligible` takes within `range_m` whose
// chord clears the 80 km grazing altitude, sorted by (length, a, b), accepted while both ends have fewer
// than `terminals` links.
std::set<std::pair<int, int>> greedy_reference(const TopologySnapshot& s, double earth_radius_m, double range_m,
                                               int terminals, const std::function<bool(int, int)>& eligible) {
  std::vector<std::tuple<double, int, int>> candidates;
  for (int a = 0; a < s.satellites; ++a)
    for (int b = a + 1; b < s.satellites; ++b) {
      const Vec3 &pa = s.position_ecef_m[static_cast<size_t>(a)], &pb = s.position_ecef_m[static_cast<size_t>(b)];
      const Vec3 ab = pb - pa;
      const double u = std::clamp(-pa.dot(ab) / ab.dot(ab), 0.0, 1.0);
      if (eligible(a, b) && distance(pa, pb) <= range_m && (pa + ab * u).norm() >= earth_radius_m + 80e3)
        candidates.emplace_back(distance(pa, pb), a, b);
    }
  std::sort(candidates.begin(), candidates.end());
  std::map<int, int> used;
  std::set<std::pair<int, int>> accepted;
  for (const auto& [length, a, b] : candidates)
    if (used[a] < terminals && used[b] < terminals) ++used[a], ++used[b], accepted.insert({a, b});
  return accepted;
}

// Three shells of different inclinations and altitudes, two inter-shell terminals each.
const char* const kThreeShells =
    "name: three\nepoch_utc: 2026-06-21T00:00:00Z\nshells:\n"
    "  - {name: a, walker: 53:264/12/1, altitude_km: 550}\n"
    "  - {name: b, walker: 70:120/10/1, altitude_km: 570}\n"
    "  - {name: c, type: walker-star, walker: 97.6:60/6/1, altitude_km: 560, isl: {pattern: ring}}\n";

TEST(Isl, InterShellLinksAreTheGreedyNearestFirstChoiceWithinTerminalsAndRange) {
  const std::string path = write_platform(
      "inter_shell", std::string(kThreeShells) +
                         "network:\n  inter_shell_isl: {pattern: nearest-within-range, terminals: 2, max_range_km: 2000}\n");
  const PlatformConfig config = load_platform_config(path);
  World world = build_world(config);
  TopologyBuilder builder(world, config.network, shell_links(config.shells));
  auto shell = [&](int sat) { return world.constellation.info(static_cast<size_t>(sat)).shell; };
  EXPECT_EQ(builder.isl_terminals(0), 6);    // plus-grid 4 + 2
  EXPECT_EQ(builder.isl_terminals(400), 4);  // ring 2 + 2
  for (double t : {0.0, 1234.0, 5000.0}) {
    const TopologySnapshot s = builder.build(t);
    const auto expected = greedy_reference(s, world.constellation.earth().radius_m, 2000e3, 2,
                                           [&](int a, int b) { return shell(a) != shell(b); });

    std::set<std::pair<int, int>> actual;
    std::map<int, std::set<int>> ports;
    for (const auto& l : s.links) {
      if (l.kind != LinkKind::kIsl || shell(l.a) == shell(l.b)) continue;
      EXPECT_LT(l.a, l.b);
      EXPECT_TRUE(actual.insert({l.a, l.b}).second) << "duplicate " << l.a << "-" << l.b;
      EXPECT_EQ(l.bandwidth_bps, 100e9);
      for (const auto& [sat, port] : {std::pair{l.a, l.port_a}, std::pair{l.b, l.port_b}}) {
        const int first = builder.isl_terminals(sat) - 2;
        EXPECT_GE(port, first);
        EXPECT_LT(port, first + 2);
        EXPECT_TRUE(ports[sat].insert(port).second) << "terminal used twice on " << sat;
      }
    }
    EXPECT_EQ(actual, expected) << t;
    EXPECT_GT(actual.size(), 100u);
    // Deterministic: the same instant gives the same links in the same order.
    const TopologySnapshot again = builder.build(t);
    ASSERT_EQ(again.links.size(), s.links.size());
    for (size_t i = 0; i < s.links.size(); ++i) EXPECT_EQ(std::tie(again.links[i].a, again.links[i].b), std::tie(s.links[i].a, s.links[i].b));
  }
}

// Sparse low shells without a range limit: the outer rings reach the horizon, where chords graze the
// atmosphere and the rings must ask chord_clears again (they skip it only where its bound holds for all).
TEST(Isl, InterShellLinksToTheHorizonAreTheGreedyChoiceToo) {
  const PlatformConfig config = load_platform_config(write_platform(
      "inter_shell_horizon", "name: low\nepoch_utc: 2026-06-21T00:00:00Z\nshells:\n"
                             "  - {name: a, walker: 53:6/3/1, altitude_km: 300, isl: {pattern: none}}\n"
                             "  - {name: b, walker: 70:6/3/1, altitude_km: 350, isl: {pattern: none}}\n"
                             "network:\n  inter_shell_isl: {pattern: nearest-within-range, terminals: 3}\n"));
  World world = build_world(config);
  TopologyBuilder builder(world, config.network, shell_links(config.shells));
  const auto shell = [&](int sat) { return world.constellation.info(static_cast<size_t>(sat)).shell; };
  const double inf = std::numeric_limits<double>::infinity();
  size_t links = 0;
  for (double t = 0.0; t < 6000.0; t += 97.0) {
    const TopologySnapshot s = builder.build(t);
    std::set<std::pair<int, int>> actual;
    for (const auto& l : s.links)
      if (l.kind == LinkKind::kIsl) actual.insert({l.a, l.b});
    EXPECT_EQ(actual, greedy_reference(s, world.constellation.earth().radius_m, inf, 3,
                                       [&](int a, int b) { return shell(a) != shell(b); })) << t;
    links += actual.size();
  }
  EXPECT_GT(links, 400u);  // 466 over the 62 epochs
}

// Shells are id ranges of the constellation (with their planes), and the builder's ISL settings apply to
// them by position: each shell's pattern holds within its own range, whatever the satellites are called.
TEST(Topology, EachShellIsAnIdRangeAndGetsItsOwnIslSettings) {
  const PlatformConfig config = load_platform_config(write_platform("ranges", kThreeShells));
  World world = build_world(config);
  const auto& shells = world.constellation.shells();
  ASSERT_EQ(shells.size(), 3u);
  const std::vector<std::tuple<std::string, int, int, int, int>> expected{
      {"a", 0, 264, 12, 22}, {"b", 264, 120, 10, 12}, {"c", 384, 60, 6, 10}};
  for (size_t k = 0; k < 3; ++k) {
    EXPECT_EQ(std::tie(shells[k].name, shells[k].first, shells[k].count, shells[k].planes, shells[k].per_plane),
              expected[k]);
    for (int i = shells[k].first; i < shells[k].first + shells[k].count; ++i)
      ASSERT_EQ(world.constellation.info(static_cast<size_t>(i)).shell, shells[k].name) << i;
  }
  TopologyBuilder builder(world, config.network, shell_links(config.shells));
  std::vector<int> degree(world.constellation.size(), 0);
  for (const auto& l : builder.build(0.0).links) {
    if (l.kind != LinkKind::kIsl) continue;
    ++degree[static_cast<size_t>(l.a)], ++degree[static_cast<size_t>(l.b)];
    const auto shell_of = [&](int sat) { return sat < 264 ? 0 : sat < 384 ? 1 : 2; };
    EXPECT_EQ(shell_of(l.a), shell_of(l.b)) << l.a << "-" << l.b;  // no inter-shell ISLs configured
  }
  for (int i = 0; i < 384; ++i) EXPECT_EQ(degree[static_cast<size_t>(i)], 4) << i;  // plus-grid
  for (int i = 384; i < 444; ++i) EXPECT_EQ(degree[static_cast<size_t>(i)], 2) << i;  // ring: ahead and behind
  EXPECT_THROW(TopologyBuilder(world, config.network, {ShellLinks{}, ShellLinks{}}), std::invalid_argument);
}


// What `nearest-visible` placement relies on to skip the routing tree (SimPlatform::direct_links): the
// nodes a station links to directly are exactly those whose shortest route to it is that link, at that
// link's delay to the last bit (a straight line is the shortest way), on full Gen1 (gateways with
// several radio chains, inter-shell lasers) and on the ground baseline (fibre, fabric).
TEST(Routing, ADirectGroundLinkIsTheShortestRouteToItsStation) {
  for (const std::string name : {"starlink_gen1", "ground_datacenters"}) {
    const PlatformConfig config = load_platform_config(std::string(ORBITSIM_SOURCE_DIR) + "/platforms/" + name + ".yaml");
    World world = build_world(config);
    TopologyBuilder builder(world, config.network, shell_links(config.shells));
    for (double t : {0.0, 1234.0}) {
      const TopologySnapshot s = builder.build(t);
      Router router(s, config.network.relay_through_ground);
      size_t direct = 0;
      for (int gs = s.satellites; gs < s.nodes(); ++gs) {
        std::map<int, double> linked;
        for (const TopologyLink& l : s.links)
          if ((l.kind == LinkKind::kGsl || l.kind == LinkKind::kFibre) && l.b == gs) linked[l.a] = l.delay_s();
        const RoutingTree& tree = router.tree_to(gs);
        std::map<int, double> first_hop_is_the_station;
        for (int v = 0; v < s.satellites; ++v)
          if (tree.next_hop[static_cast<size_t>(v)] == gs) first_hop_is_the_station[v] = tree.delay_s[static_cast<size_t>(v)];
        ASSERT_EQ(linked, first_hop_is_the_station) << name << " at " << t << " s, station " << builder.name(gs);
        direct += linked.size();
      }
      EXPECT_GT(direct, static_cast<size_t>(s.stations)) << name;  // several links per station somewhere
    }
  }
}

// All-within-range links (element sets' default) are searched in rings too: the same links as one
// global nearest-first greedy over every pair within range.
TEST(Isl, RangedLinksAreTheGreedyNearestFirstChoiceWithinTerminalsAndRange) {
  const std::string path = write_platform(
      "ranged", "name: r\nepoch_utc: 2026-06-21T00:00:00Z\nshells:\n"
                "  - {name: a, walker: 53:600/30/1, altitude_km: 550, isl: {pattern: all-within-range, terminals: 3, max_range_km: 1500}}\n");
  const PlatformConfig config = load_platform_config(path);
  World world = build_world(config);
  TopologyBuilder builder(world, config.network, shell_links(config.shells));
  for (double t : {0.0, 777.0}) {
    const TopologySnapshot s = builder.build(t);
    const auto expected = greedy_reference(s, world.constellation.earth().radius_m, 1500e3, 3, [](int, int) { return true; });
    std::set<std::pair<int, int>> actual;
    for (const auto& l : s.links)
      if (l.kind == LinkKind::kIsl) EXPECT_TRUE(actual.insert({l.a, l.b}).second);
    EXPECT_EQ(actual, expected) << t;
    EXPECT_GT(actual.size(), 500u);
  }
}

// Terminals of different ranges in one formation: a pair links within the shorter of its two ranges (the
// rings, which search as far as the longest, skip that test only where both reach).
TEST(Isl, RangedLinksOfTerminalsWithDifferentRangesKeepToTheShorter) {
  const PlatformConfig config = load_platform_config(write_platform(
      "ranged_mixed", "name: r\nepoch_utc: 2026-06-21T00:00:00Z\nshells:\n"
                      "  - {name: a, walker: 53:60/6/1, altitude_km: 550, isl: {pattern: all-within-range, terminals: 3, max_range_km: 1500}}\n"
                      "  - {name: b, walker: 70:60/6/1, altitude_km: 600, isl: {pattern: all-within-range, terminals: 3, max_range_km: 4000}}\n"));
  World world = build_world(config);
  TopologyBuilder builder(world, config.network, shell_links(config.shells));
  const auto range_m = [&](int sat) { return world.constellation.info(static_cast<size_t>(sat)).shell == "a" ? 1500e3 : 4000e3; };
  size_t beyond_shorter_range = 0;
  for (double t : {0.0, 777.0, 3000.0}) {
    const TopologySnapshot s = builder.build(t);
    std::set<std::pair<int, int>> actual;
    for (const auto& l : s.links)
      if (l.kind == LinkKind::kIsl) actual.insert({l.a, l.b}), beyond_shorter_range += l.length_m > 1500e3;
    EXPECT_EQ(actual, greedy_reference(s, world.constellation.earth().radius_m, 4000e3, 3, [&](int a, int b) {
                return distance(s.position_ecef_m[static_cast<size_t>(a)], s.position_ecef_m[static_cast<size_t>(b)]) <=
                       std::min(range_m(a), range_m(b));
              })) << t;
  }
  EXPECT_GT(beyond_shorter_range, 0u);  // b's pairs among themselves
}

TEST(Isl, InterShellLinksSkipFailedTerminalsAndNoneKeepsShellsApart) {
  const std::string path = write_platform(
      "inter_shell_failed", std::string(kThreeShells) + "network:\n  inter_shell_isl: {pattern: nearest-within-range}\n");
  const PlatformConfig config = load_platform_config(path);
  World world = build_world(config);
  TopologyBuilder builder(world, config.network, shell_links(config.shells));
  auto shell = [&](int sat) { return world.constellation.info(static_cast<size_t>(sat)).shell; };
  auto inter_shell_links_of = [&](const TopologySnapshot& s, int sat) {
    int n = 0;
    for (const auto& l : s.links)
      if (l.kind == LinkKind::kIsl && shell(l.a) != shell(l.b) && (l.a == sat || l.b == sat)) ++n;
    return n;
  };
  const TopologySnapshot s = builder.build(0.0);
  int linked = -1;
  for (int sat = 0; sat < s.satellites && linked < 0; ++sat)
    if (inter_shell_links_of(s, sat) == 1) linked = sat;
  ASSERT_GE(linked, 0);
  const std::set<std::pair<int, int>> failed{{linked, builder.isl_terminals(linked) - 1}};
  EXPECT_EQ(inter_shell_links_of(builder.build(0.0, nullptr, &failed), linked), 0);

  std::ofstream(path) << std::string(kThreeShells);
  const PlatformConfig apart = load_platform_config(path);
  World world_apart = build_world(apart);
  for (const auto& l : TopologyBuilder(world_apart, apart.network, shell_links(apart.shells)).build(0.0).links)
    if (l.kind == LinkKind::kIsl) EXPECT_EQ(shell(l.a), shell(l.b));
  // The effective configuration keeps the choice.
  std::ofstream(path) << to_yaml(config, std::filesystem::path(path).parent_path().string());
  EXPECT_EQ(load_platform_config(path).network.inter_shell_isl.pattern, InterShellIslPattern::kNearestWithinRange);
}

// The GSL search visits only satellites near each station: it must still find every visible one, at a
// low mask, the default mask and with the range rule, for the shells and gateways of Gen1.
TEST(Gsl, EveryVisibleSatelliteIsACandidate) {
  for (const std::string rule : {"min_elevation_deg: 0", "min_elevation_deg: 25", "max_range_km: 1500"}) {
    const std::string path = write_platform(
        "gsl_search", "name: g\nepoch_utc: 2026-06-21T00:00:00Z\nshells:\n"
                      "  - {name: s1, walker: 53:1584/72/1, altitude_km: 550, isl: {pattern: none}}\n"
                      "  - {name: s3, walker: 70:720/36/1, altitude_km: 570, isl: {pattern: none}}\n"
                      "ground_stations:\n  - file: " + std::string(ORBITSIM_SOURCE_DIR) +
                          "/platforms/ground/starlink_gateways_skapoor68.basic.txt\n"
                          "  - {name: Pole, latitude_deg: 89.9, longitude_deg: 0, altitude_m: 2800}\n"
                          "network:\n  gsl: {selection: all-visible, " + rule + "}\n");
    const PlatformConfig config = load_platform_config(path);
    World world = build_world(config);
    TopologyBuilder builder(world, config.network, shell_links(config.shells));
    for (double t : {0.0, 2000.0}) {
      const TopologySnapshot s = builder.build(t);
      std::set<std::pair<int, int>> linked, expected;
      for (const auto& l : s.links)
        if (l.kind == LinkKind::kGsl) linked.insert({l.a, l.b});
      for (int g = 0; g < s.stations; ++g) {
        const GroundStation& gs = world.ground_stations[static_cast<size_t>(g)];
        for (int i = 0; i < s.satellites; ++i) {
          const Vec3& p = s.position_ecef_m[static_cast<size_t>(i)];
          const double elevation_deg = elevation_rad(gs.ecef_m, gs.site, p) * kRadToDeg;
          const bool ok = config.network.gsl.max_range_km ? elevation_deg > 0.0 && distance(p, gs.ecef_m) <= 1500e3
                                                          : elevation_deg >= config.network.gsl.min_elevation_deg;
          if (ok) expected.insert({i, s.satellites + g});
        }
      }
      EXPECT_EQ(linked, expected) << rule << " at " << t;
      EXPECT_GT(expected.size(), 1000u);
    }
  }
}

}  // namespace
}  // namespace orbitsim