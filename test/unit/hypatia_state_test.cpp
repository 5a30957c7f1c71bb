// Hypatia state folders read as is (TLEs, ISL list, stations, GSL range rule), bad ones refused with file
// and line, and orbitsim's paths over them against Hypatia's own forwarding state.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "config/platform_config.hpp"
#include "core/input_error.hpp"
#include "topology/router.hpp"
#include "topology/topology_builder.hpp"
#include "world/world_builder.hpp"
#include "platform_file.hpp"

namespace orbitsim {
namespace {

std::string write_platform(const std::string& name, const std::string& yaml) {
  return testing::write_temp_platform("orbitsim_hypatia_state_test_" + name, yaml);
}

// A Hypatia state folder read as is: its TLEs in orbit order, exactly its ISL list, its stations and its
// GSL range rule.
const std::string kHypatiaMini = std::string(ORBITSIM_SOURCE_DIR) + "/test/data/hypatia_mini";

std::set<std::pair<int, int>> isl_pairs(const TopologySnapshot& s) {
  std::set<std::pair<int, int>> out;
  for (const auto& l : s.links)
    if (l.kind == LinkKind::kIsl) out.insert({l.a, l.b});
  return out;
}

TEST(Hypatia, AStateFolderGivesItsSatellitesLinksStationsAndGslRule) {
  const PlatformConfig config = load_platform_config(write_platform(
      "hypatia", "name: h\nepoch_utc: 2000-01-01T00:00:00Z\nellipsoid: wgs72\nshells:\n  - name: mini\n"
                 "    type: hypatia\n    folder: " + kHypatiaMini + "\n"));
  World world = build_world(config);
  ASSERT_EQ(world.constellation.size(), 144u);
  EXPECT_EQ(world.constellation.info(27).name, "Mini-550 27");
  EXPECT_EQ(world.constellation.info(27).plane, 2);
  EXPECT_EQ(world.constellation.info(27).index, 3);
  ASSERT_EQ(world.ground_stations.size(), 3u);
  EXPECT_EQ(world.ground_stations[2].name, "Shanghai");
  ASSERT_TRUE(config.network.gsl.max_range_km);
  EXPECT_NEAR(*config.network.gsl.max_range_km, 1089.6864181956202, 1e-9);
  std::set<std::pair<int, int>> listed;
  std::ifstream in(kHypatiaMini + "/isls.txt");
  for (int a, b; in >> a >> b;) listed.insert({std::min(a, b), std::max(a, b)});
  ASSERT_EQ(listed.size(), 288u);
  TopologyBuilder builder(world, config.network, shell_links(config.shells));
  const TopologySnapshot s = builder.build(0.0);
  EXPECT_EQ(isl_pairs(s), listed);
  // The same TLEs as an element set declaring its planes: +Grid gives the same links.
  const PlatformConfig grid = load_platform_config(write_platform(
      "hypatia_grid", "name: g\nepoch_utc: 2000-01-01T00:00:00Z\nshells:\n  - name: mini\n    type: elements\n"
                      "    file: " + kHypatiaMini + "/tles.txt\n    format: hypatia-tles\n    isl: {pattern: plus-grid}\n"));
  World grid_world = build_world(grid);
  EXPECT_EQ(isl_pairs(TopologyBuilder(grid_world, grid.network, shell_links(grid.shells)).build(0.0)), listed);
}

// Bad Hypatia input: file, line and what is wrong.
TEST(Hypatia, BadFoldersAreRefusedWithFileAndLine) {
  const auto dir = std::filesystem::temp_directory_path() / "orbitsim_topology_test_bad_hypatia";
  std::filesystem::remove_all(dir);
  std::filesystem::copy(kHypatiaMini, dir);
  const std::string platform = write_platform(
      "bad_hypatia", "name: h\nepoch_utc: 2000-01-01T00:00:00Z\nshells:\n  - {name: mini, type: hypatia, folder: " +
                         dir.string() + "}\n");
  auto error = [&] {
    try {
      const PlatformConfig c = load_platform_config(platform);
      World w = build_world(c);
      TopologyBuilder b(w, c.network, shell_links(c.shells));
      return std::string("accepted");
    } catch (const InputError& e) {
      return std::string(e.what());
    }
  };
  const std::string isls = (dir / "isls.txt").string(), tles = (dir / "tles.txt").string();
  std::ofstream(isls, std::ios::app) << "143 144\n";
  EXPECT_EQ(error(), isls + ":289: pair: expected satellites of shell mini (0 to 143), got 144");
  std::filesystem::copy_file(kHypatiaMini + "/isls.txt", isls, std::filesystem::copy_options::overwrite_existing);
  std::ofstream(isls, std::ios::app) << "1 0\n";
  EXPECT_EQ(error(), isls + ":289: pair: expected a pair not listed before, got \"1 0\", as on line 1");
  std::filesystem::copy_file(kHypatiaMini + "/isls.txt", isls, std::filesystem::copy_options::overwrite_existing);
  std::string text;
  {
    std::ifstream in(kHypatiaMini + "/tles.txt");
    std::stringstream ss;
    ss << in.rdbuf();
    text = ss.str();
  }
  std::ofstream(tles) << "12 11" << text.substr(text.find('\n'));
  EXPECT_EQ(error(), tles + ":1: header: expected 132 element sets (12 orbits x 11), got 144 in the file");
}


// Hypatia's own satgenpy (snkas/hypatia @ 0ac531c) generated Starlink-550 (72 x 22) and Telesat-1015
// (27 x 13), +Grid, top-100 cities, and their forwarding state (algorithm_free_one_only_over_isls);
// test/data/hypatia_* keep the state folders and, for 25 station pairs at 0, 50, 100 and 150 s, the
// path Hypatia's fstate gives and its length by satgenpy's geometry. orbitsim, reading the same folder
// as is (stations reach every satellite in range, as in satgenpy), routes each pair over the same
// satellites (measured: all 100 of each, lengths within 120 m and 86 m; SGP4 implementations differ by metres).
class HypatiaReference : public ::testing::TestWithParam<std::string> {};

TEST_P(HypatiaReference, PathsOverItsStateMatchItsForwardingState) {
  const std::string folder = std::string(ORBITSIM_SOURCE_DIR) + "/test/data/" + GetParam();
  const PlatformConfig config = load_platform_config(write_platform(
      GetParam(), "name: s\nepoch_utc: 2000-01-01T00:00:00Z\nellipsoid: wgs72\nshells:\n  - name: hypatia\n"
                    "    type: hypatia\n    folder: " + folder + "\n"));
  World world = build_world(config);
  TopologyBuilder builder(world, config.network, shell_links(config.shells));
  std::ifstream in(folder + "/reference_paths.csv");
  std::string line;
  std::getline(in, line);
  int rows = 0;
  std::map<double, TopologySnapshot> snapshots;
  while (std::getline(in, line)) {
    std::stringstream ss(line);
    std::string t, src, dst, hops, path, length;
    std::getline(ss, t, ',');
    std::getline(ss, src, ',');
    std::getline(ss, dst, ',');
    std::getline(ss, hops, ',');
    std::getline(ss, path, ',');
    std::getline(ss, length, ',');
    const double t_s = std::stod(t);
    if (!snapshots.count(t_s)) snapshots.emplace(t_s, builder.build(t_s));
    Router router(snapshots.at(t_s), false);
    const Path p = router.path(builder.node_named(src), builder.node_named(dst));
    ++rows;
    if (hops == "0") {
      EXPECT_FALSE(p.reachable()) << line;
      continue;
    }
    ASSERT_TRUE(p.reachable()) << line;
    EXPECT_EQ(static_cast<int>(p.links.size()), std::stoi(hops)) << line;
    EXPECT_NEAR(p.distance_m, std::stod(length), 1000.0) << line;
    std::string ours;
    for (int n : p.nodes) ours += (ours.empty() ? "" : "-") + std::to_string(n);
    EXPECT_EQ(ours, path) << line;
  }
  EXPECT_EQ(rows, 100);
}

INSTANTIATE_TEST_SUITE_P(Hypatia, HypatiaReference, ::testing::Values("hypatia_starlink_550", "hypatia_telesat_1015"));

// Telesat-1015's GSL range (5,845 km) reaches below the horizon; with line of sight required, orbitsim
// keeps Hypatia's path wherever that path's ground links are above the horizon, and finds a longer one
// (or none) exactly where Hypatia's goes through the Earth.
TEST(Hypatia, LineOfSightChangesTelesatPathsExactlyWhereHypatiasGslsAreBelowTheHorizon) {
  const std::string folder = std::string(ORBITSIM_SOURCE_DIR) + "/test/data/hypatia_telesat_1015";
  const PlatformConfig config = load_platform_config(write_platform(
      "hypatia_los", "name: s\nepoch_utc: 2000-01-01T00:00:00Z\nellipsoid: wgs72\nshells:\n  - name: telesat\n"
                     "    type: hypatia\n    folder: " + folder + "\nnetwork: {gsl: {line_of_sight: true}}\n"));
  World world = build_world(config);
  TopologyBuilder builder(world, config.network, shell_links(config.shells));
  std::ifstream in(folder + "/reference_paths.csv");
  std::string line;
  std::getline(in, line);
  int same = 0, through_earth = 0;
  while (std::getline(in, line)) {
    std::vector<std::string> f;  // t_s, src, dst, hops, path, length_m
    std::string field;
    for (std::stringstream ss(line); std::getline(ss, field, ',');) f.push_back(field);
    const TopologySnapshot s = builder.build(std::stod(f[0]));
    std::vector<int> nodes;
    for (std::stringstream ss(f[4]); std::getline(ss, field, '-');) nodes.push_back(std::stoi(field));
    auto above_horizon = [&](int station_node, int satellite) {
      const GroundStation& g = world.ground_stations[static_cast<size_t>(station_node - s.satellites)];
      return elevation_rad(g.ecef_m, g.site, s.position_ecef_m[static_cast<size_t>(satellite)]) > 0.0;
    };
    const bool visible = above_horizon(nodes.front(), nodes[1]) && above_horizon(nodes.back(), nodes[nodes.size() - 2]);
    const Path p = Router(s, false).path(builder.node_named(f[1]), builder.node_named(f[2]));
    std::string ours;
    for (int n : p.nodes) ours += (ours.empty() ? "" : "-") + std::to_string(n);
    if (visible) {
      ++same;
      EXPECT_EQ(ours, f[4]) << line;
    } else {
      ++through_earth;
      EXPECT_TRUE(!p.reachable() || p.distance_m > std::stod(f[5]) + 1000.0) << line;
    }
  }
  EXPECT_EQ(same + through_earth, 100);
  EXPECT_GT(through_earth, 0);
  std::cout << "Telesat-1015 reference paths: " << same << " with both GSLs above the horizon, " << through_earth
            << " through the Earth\n";
}

}  // namespace
}  // namespace orbitsim
