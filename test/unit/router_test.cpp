// Shortest paths by delay: the documented tie-break and ground-relay rule on hand-built snapshots, and
// single-path searches pinned to the full routing trees on shipped platforms and on ties.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "config/platform_config.hpp"
#include "core/constants.hpp"
#include "topology/router.hpp"
#include "topology/topology_builder.hpp"
#include "world/world_builder.hpp"

namespace orbitsim {
namespace {

// A hand-built snapshot: two equal-delay paths 0-1-3 and 0-2-3, a longer 0-4-3, and a station 5
// that would be a shortcut between 0 and 3 if ground relaying were allowed.
TopologySnapshot diamond() {
  TopologySnapshot s;
  s.satellites = 5;
  s.stations = 2;  // 5: a relay candidate, 6: a station attached to 3
  s.position_ecef_m.assign(7, Vec3{});
  s.node_up.assign(7, true);
  s.links = {{0, 1, LinkKind::kIsl, 1000.0, 1e9, 0, 0}, {1, 3, LinkKind::kIsl, 1000.0, 1e9, 0, 0},
             {0, 2, LinkKind::kIsl, 1000.0, 1e9, 0, 0}, {2, 3, LinkKind::kIsl, 1000.0, 1e9, 0, 0},
             {0, 4, LinkKind::kIsl, 1500.0, 1e9, 0, 0}, {4, 3, LinkKind::kIsl, 1500.0, 1e9, 0, 0},
             {0, 5, LinkKind::kGsl, 100.0, 1e9, 0, 0},  {3, 5, LinkKind::kGsl, 100.0, 1e9, 0, 0},
             {3, 6, LinkKind::kGsl, 500.0, 1e9, 0, 0}};
  return s;
}

TEST(Router, ShortestPathTieBreakAndNoGroundRelay) {
  const TopologySnapshot s = diamond();
  Router router(s, false);
  const Path p = router.path(0, 3);
  EXPECT_EQ(p.nodes, (std::vector<int>{0, 1, 3}));  // ties between 1 and 2: the lower id
  EXPECT_DOUBLE_EQ(p.distance_m, 2000.0);
  EXPECT_EQ(router.path(2, 6).nodes, (std::vector<int>{2, 3, 6}));
  EXPECT_EQ(router.path(6, 0).nodes, (std::vector<int>{6, 3, 1, 0}));
  Router relaying(s, true);
  EXPECT_EQ(relaying.path(0, 3).nodes, (std::vector<int>{0, 5, 3}));
  EXPECT_DOUBLE_EQ(relaying.path(0, 3).delay_s, 200.0 / kSpeedOfLight_mps);
}

// A path searched alone (A* toward the source, stopping once it is settled) is the path the full tree
// gives, link for link, for satellites, stations and data-centre servers, with failed satellites, with
// and without ground relaying: on Gen1 (inter-shell lasers), on the 2026 TLE constellation (ranged links)
// and on the ground data centres (fibre, and a fabric whose servers share one position).
TEST(Router, ASinglePathSearchGivesTheFullTreesPath) {
  for (const std::string name : {"starlink_gen1", "starlink_tle_2026", "ground_datacenters"}) {
    const PlatformConfig config = load_platform_config(std::string(ORBITSIM_SOURCE_DIR) + "/platforms/" + name + ".yaml");
    World world = build_world(config);
    TopologyBuilder builder(world, config.network, shell_links(config.shells));
    std::vector<bool> down(static_cast<size_t>(builder.nodes()), false);
    for (int s = 0; s < builder.satellites(); s += 37) down[static_cast<size_t>(s)] = true;
    const TopologySnapshot s = builder.build(300.0, &down);
    int compared = 0, unreachable = 0, multi_hop = 0, fabric = 0;
    for (bool relay : {false, true}) {
      Router single(s, relay), full(s, relay);
      // Every pair on a small platform; 150 spread over the large ones.
      const bool every_pair = s.nodes() <= 200;
      for (int k = 0; k < (every_pair ? s.nodes() * s.nodes() : 150); ++k) {
        const int a = every_pair ? k / s.nodes() : (k * 7919) % s.nodes();
        const int b = every_pair ? k % s.nodes() : (k * 104729 + 13) % s.nodes();
        full.tree_to(b);
        const Path x = single.path(a, b), y = full.path(a, b);
        EXPECT_EQ(x.nodes, y.nodes) << name << ": " << a << " -> " << b;
        EXPECT_EQ(x.links, y.links) << name << ": " << a << " -> " << b;
        EXPECT_EQ(x.distance_m, y.distance_m);
        ++compared;
        unreachable += x.reachable() ? 0 : 1;
        multi_hop += x.hops() > 2 ? 1 : 0;
        fabric += x.hops() == 1 && s.links[static_cast<size_t>(x.links[0])].kind == LinkKind::kFabric ? 1 : 0;
      }
      EXPECT_EQ(single.trees_computed(), 0u);
    }
    EXPECT_EQ(compared, s.nodes() <= 200 ? 2 * s.nodes() * s.nodes() : 300) << name;
    EXPECT_GT(unreachable, 0) << name;  // the failed satellites among the sources
    if (name == "ground_datacenters")
      EXPECT_GT(fabric, 0);  // servers of one data centre, at one position
    else
      EXPECT_GT(multi_hop, 100) << name;
  }
}

// A grid whose shortest paths tie everywhere (every monotone staircase between two nodes has the same
// delay), so that A* must settle every tied neighbour before the source to keep the lowest-id tie-break.
// Also with the nodes spread three times further apart than their links are long: the straight line is
// then no lower bound unless scaled to the links, as the Router does.
TEST(Router, ASinglePathSearchKeepsTheTieBreakWhereManyPathsTie) {
  for (const double spread : {1.0, 3.0}) {
    const int side = 7;
    TopologySnapshot s;
    s.satellites = side * side;
    s.stations = 1;
    for (int i = 0; i < side; ++i)
      for (int j = 0; j < side; ++j) s.position_ecef_m.push_back(Vec3{7e6, i * 1e6 * spread, j * 1e6 * spread});
    s.position_ecef_m.push_back(Vec3{6.4e6, 3e6 * spread, 3e6 * spread});  // the station under the middle
    s.node_up.assign(static_cast<size_t>(s.nodes()), true);
    for (int i = 0; i < side; ++i)
      for (int j = 0; j < side; ++j) {
        const int v = i * side + j;
        if (i + 1 < side) s.links.push_back({v, v + side, LinkKind::kIsl, 1e6, 1e9, 0, 0});
        if (j + 1 < side) s.links.push_back({v, v + 1, LinkKind::kIsl, 1e6, 1e9, 0, 0});
      }
    s.links.push_back({3 * side + 3, s.satellites, LinkKind::kGsl, 6e5, 1e9, 0, 0});
    Router single(s, false), full(s, false);
    int tied = 0;
    for (int a = 0; a < s.nodes(); ++a)
      for (int b = 0; b < s.nodes(); ++b) {
        full.tree_to(b);
        const Path x = single.path(a, b), y = full.path(a, b);
        ASSERT_EQ(x.nodes, y.nodes) << "spread " << spread << ": " << a << " -> " << b;
        ASSERT_EQ(x.links, y.links);
        tied += (a / side != b / side && a % side != b % side && !s.is_station(a) && !s.is_station(b)) ? 1 : 0;
      }
    EXPECT_GT(tied, 1000);
    // The tie-break: lowest id first, so along the rows' ids (j + 1) before the next row (i + 1).
    EXPECT_EQ(single.path(0, side + 1).nodes, (std::vector<int>{0, 1, side + 1}));
  }
}

// Random meshes whose links are longer than their chords by random factors: searches meet many shorter
// paths to nodes already reached (the heap's decrease-key) and many ties, where a search that settled a
// node out of order would stop at the source with a longer path than the full tree's.
TEST(Router, ASinglePathSearchGivesTheFullTreesPathOnRandomMeshes) {
  std::mt19937_64 random(5);
  std::uniform_real_distribution<double> coordinate_m(-3e6, 3e6), stretch(1.0, 3.0);
  for (int mesh = 0; mesh < 20; ++mesh) {
    TopologySnapshot s;
    s.satellites = 80;
    s.stations = 0;
    for (int v = 0; v < s.satellites; ++v) s.position_ecef_m.push_back(Vec3{7e6 + coordinate_m(random), coordinate_m(random), coordinate_m(random)});
    s.node_up.assign(static_cast<size_t>(s.nodes()), true);
    for (int a = 0; a < s.satellites; ++a)
      for (int k = 0; k < 3; ++k) {
        const int b = static_cast<int>(random() % static_cast<unsigned>(s.satellites));
        if (b == a) continue;
        // Rounded to 100 km: many paths of exactly the same length.
        const double length_m = 1e5 * std::ceil(stretch(random) * distance(s.position_ecef_m[static_cast<size_t>(a)],
                                                                             s.position_ecef_m[static_cast<size_t>(b)]) / 1e5);
        s.links.push_back({a, b, LinkKind::kIsl, length_m, 1e9, 0, 0});
      }
    Router single(s, false), full(s, false);
    for (int b = 0; b < s.nodes(); ++b) {  // the trees against Bellman-Ford's distances (independent of any heap)
      std::vector<double> oracle(static_cast<size_t>(s.nodes()), INFINITY);
      oracle[static_cast<size_t>(b)] = 0.0;
      for (bool changed = true; changed;) {
        changed = false;
        for (const TopologyLink& l : s.links)
          for (auto [from, to] : {std::pair{l.a, l.b}, std::pair{l.b, l.a}})
            if (const double through = oracle[static_cast<size_t>(to)] + l.delay_s(); through < oracle[static_cast<size_t>(from)])
              oracle[static_cast<size_t>(from)] = through, changed = true;
      }
      const RoutingTree& tree = full.tree_to(b);
      for (int v = 0; v < s.nodes(); ++v) ASSERT_EQ(tree.delay_s[static_cast<size_t>(v)], oracle[static_cast<size_t>(v)]) << b << " " << v;
    }
    for (int a = 0; a < s.nodes(); ++a)
      for (int b = 0; b < s.nodes(); ++b) {
        full.tree_to(b);
        const Path x = single.path(a, b), y = full.path(a, b);
        ASSERT_EQ(x.nodes, y.nodes) << "mesh " << mesh << ": " << a << " -> " << b;
        ASSERT_EQ(x.distance_m, y.distance_m);
      }
  }
}

TEST(Router, UnreachableDestinationGivesAnEmptyPath) {
  TopologySnapshot s = diamond();
  s.satellites = 6;
  s.stations = 2;
  s.position_ecef_m.assign(8, Vec3{});
  s.node_up.assign(8, true);  // node 7 is a station with no link
  Router router(s, false);
  EXPECT_FALSE(router.path(0, 7).reachable());
  EXPECT_FALSE(router.path(7, 0).reachable());
  EXPECT_EQ(router.path(3, 3).nodes, (std::vector<int>{3}));
}

}  // namespace
}  // namespace orbitsim
