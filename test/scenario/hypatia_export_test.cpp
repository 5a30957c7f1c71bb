// `orbitsim export hypatia`: the folder it writes reads back as the same platform (links, stations,
// orbits within the TLE format's precision), and following its forwarding-state files hop by hop gives
// the path `orbitsim route` prints.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "config/platform_config.hpp"
#include "world/world_builder.hpp"
#include "run_command.hpp"
#include "topology/topology_builder.hpp"

namespace orbitsim {
namespace {

using testing::read_all;
using testing::run_orbitsim;

const std::string kMini = std::string(ORBITSIM_SOURCE_DIR) + "/test/data/hypatia_mini";

std::string folder(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("orbitsim_hypatia_export_test_" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

std::string platform_for(const std::string& dir, const std::string& state_folder) {
  const std::string path = dir + "/platform_" + std::to_string(std::hash<std::string>{}(state_folder)) + ".yaml";
  std::ofstream(path) << "name: h\nepoch_utc: 2000-01-01T00:00:00Z\nellipsoid: wgs72\nshells:\n"
                         "  - {name: mini, type: hypatia, folder: " << state_folder << "}\n";
  return path;
}

TEST(HypatiaExport, TheFolderReadsBackAsTheSamePlatform) {
  const std::string dir = folder("roundtrip");
  const std::string original = platform_for(dir, kMini);
  const auto r = run_orbitsim("export hypatia " + original + " --times 0:400:200 --quiet --to " + dir + "/state");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const PlatformConfig a = load_platform_config(original), b = load_platform_config(platform_for(dir, dir + "/state"));
  World wa = build_world(a), wb = build_world(b);
  ASSERT_EQ(wb.constellation.size(), wa.constellation.size());
  EXPECT_EQ(wb.constellation.info(5).name, "Mini-550 5");
  ASSERT_EQ(wb.ground_stations.size(), 3u);
  for (size_t g = 0; g < 3; ++g) EXPECT_LT(distance(wa.ground_stations[g].ecef_m, wb.ground_stations[g].ecef_m), 0.01);
  EXPECT_NEAR(*b.network.gsl.max_range_km, *a.network.gsl.max_range_km, 1e-6);
  for (double t : {0.0, 3600.0}) {
    std::vector<SatelliteState> sa, sb;
    wa.constellation.states(t, sa);
    wb.constellation.states(t, sb);
    double worst = 0.0;
    for (size_t i = 0; i < sa.size(); ++i) worst = std::max(worst, distance(sa[i].ecef_m, sb[i].ecef_m));
    EXPECT_LT(worst, 50.0) << t;  // TLE angles to 1e-4 deg: 12 m along track
  }
  std::set<std::pair<int, int>> la, lb;
  for (const auto& l : TopologyBuilder(wa, a.network, shell_links(a.shells)).build(0.0).links) la.insert({l.a, l.b});
  for (const auto& l : TopologyBuilder(wb, b.network, shell_links(b.shells)).build(0.0).links) lb.insert({l.a, l.b});
  EXPECT_EQ(la, lb);
}

TEST(HypatiaExport, FollowingTheForwardingStateGivesTheRoutedPath) {
  const std::string dir = folder("fstate");
  const std::string platform = platform_for(dir, kMini);
  ASSERT_EQ(run_orbitsim("export hypatia " + platform + " --times 0:400:200 --quiet --to " + dir + "/state").exit_code, 0);
  // The state at 400 s: the first file, then each file's changes.
  std::map<std::pair<int, int>, int> next_hop;
  std::vector<std::string> files = {"fstate_0.txt", "fstate_200000000000.txt", "fstate_400000000000.txt"};
  size_t first_lines = 0;
  for (const auto& f : files) {
    std::istringstream in(read_all(dir + "/state/" + f));
    std::string line;
    while (std::getline(in, line)) {
      int current, destination, next;
      ASSERT_EQ(std::sscanf(line.c_str(), "%d,%d,%d", &current, &destination, &next), 3) << line;
      next_hop[{current, destination}] = next;
      if (f == files.front()) ++first_lines;
    }
  }
  EXPECT_EQ(first_lines, 144u * 3u + 3u * 2u);  // every satellite and every other station to each station
  const auto route = run_orbitsim("route " + platform + " --from Tokyo --to Shanghai --times 400:400:1 --quiet");
  ASSERT_EQ(route.exit_code, 0) << route.err;
  const std::string expected = route.out.substr(route.out.find('\n') + 1);
  ASSERT_NE(expected.find(",Tokyo-Mini-550 "), std::string::npos) << expected;  // reachable at 400 s
  std::string path = "Tokyo";
  for (int node = 144, hops = 0; node != 146 && hops < 200; ++hops) {
    node = next_hop.at({node, 146});
    ASSERT_GE(node, 0);
    path += "-" + (node >= 144 ? std::string("Shanghai") : "Mini-550 " + std::to_string(node));
  }
  EXPECT_NE(expected.find("," + path + ","), std::string::npos) << path << "\n" << expected;
}


TEST(HypatiaExport, LinksChosenByRangeCannotBeAFixedListAndSayWhy) {
  const auto r = run_orbitsim("export hypatia platforms/suncatcher_cluster.yaml --quiet --to " + folder("ranged"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("suncatcher_cluster.yaml: shells: expected ISL patterns plus-grid, ring, file or none"),
            std::string::npos) << r.err;
}

}  // namespace
}  // namespace orbitsim
