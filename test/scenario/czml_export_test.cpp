// `orbitsim export czml`: well-formed CZML (unique ids, ISO 8601 intervals, one clock), positions that
// Cesium's Lagrange interpolation keeps within 1 km of the orbit, links shown exactly while they are in
// the topology, failed satellites coloured from their failure time, and bad input refused.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "run_command.hpp"

namespace orbitsim {
namespace {

using testing::read_all;
using testing::run_orbitsim;

std::string dir_for(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("orbitsim_czml_test_" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

std::vector<std::map<std::string, std::string>> csv(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header;
  std::stringstream h(line);
  for (std::string c; std::getline(h, c, ',');) header.push_back(c);
  std::vector<std::map<std::string, std::string>> rows;
  while (std::getline(in, line)) {
    std::stringstream r(line);
    std::map<std::string, std::string> row;
    for (size_t i = 0; i < header.size(); ++i) std::getline(r, row[header[i]], ',');
    rows.push_back(row);
  }
  return rows;
}

// Seconds of "2026-06-21T00:MM:SS.fffZ" after 2026-06-21T00:00:00Z (the shipped platforms' epoch day).
double seconds_into_day(const std::string& iso) {
  return std::stod(iso.substr(11, 2)) * 3600 + std::stod(iso.substr(14, 2)) * 60 + std::stod(iso.substr(17, 6));
}

TEST(CzmlExport, ARunFolderGivesWellFormedCzmlWithFailedSatellitesInRed) {
  const std::string dir = dir_for("run"), run = dir + "/run";
  ASSERT_EQ(run_orbitsim("run workloads/scenarios/starlink_shell1_default.yaml --quiet --set duration_s=120"
                         " --set faults.satellite_failure_rate_per_day=40 --out " + run).exit_code, 0);
  const auto r = run_orbitsim("export czml " + run + " --to " + dir + "/c.czml --route Tokyo:London");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto packets = nlohmann::json::parse(read_all(dir + "/c.czml"));
  ASSERT_GT(packets.size(), 1585u);
  const auto& document = packets[0];
  EXPECT_EQ(document["id"], "document");
  EXPECT_EQ(document["version"], "1.0");
  EXPECT_EQ(document["clock"]["interval"], "2026-06-21T00:00:00.000Z/2026-06-21T00:02:00.000Z");
  const std::regex iso_interval(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$)");

  std::set<std::string> ids;
  for (const auto& p : packets) EXPECT_TRUE(ids.insert(p["id"].get<std::string>()).second) << p["id"];
  size_t satellites = 0, links = 0, routes = 0;
  for (size_t i = 1; i < packets.size(); ++i) {
    const auto& p = packets[i];
    const std::string id = p["id"];
    if (p.contains("position") && p["position"].contains("epoch")) {  // a satellite
      ++satellites;
      EXPECT_EQ(p["position"]["epoch"], "2026-06-21T00:00:00.000Z");
      EXPECT_EQ(p["position"]["referenceFrame"], "FIXED");
      const auto& c = p["position"]["cartesian"];
      ASSERT_EQ(c.size() % 4, 0u);
      for (size_t k = 4; k < c.size(); k += 4) EXPECT_GT(c[k].get<double>(), c[k - 4].get<double>());
      EXPECT_GE(c[c.size() - 4].get<double>(), 120.0);  // samples reach the end of the clock
    }
    if (p.contains("polyline")) {
      for (const auto& ref : p["polyline"]["positions"]["references"]) {
        const std::string target = ref;
        EXPECT_EQ(target.substr(target.find('#')), "#position");
        EXPECT_TRUE(ids.count(target.substr(0, target.find('#')))) << target;
      }
      if (id.rfind("route-", 0) == 0) {
        ++routes;
        for (const auto& a : p["availability"]) EXPECT_TRUE(std::regex_match(a.get<std::string>(), iso_interval)) << a;
        continue;
      }
      ++links;
      // `show` covers the clock exactly, interval after interval, and is true somewhere.
      const auto& show = p["polyline"]["show"];
      std::string expected_start = "2026-06-21T00:00:00.000Z";
      bool shown = false;
      for (const auto& s : show) {
        const std::string interval = s["interval"];
        ASSERT_TRUE(std::regex_match(interval, iso_interval)) << interval;
        EXPECT_EQ(interval.substr(0, interval.find('/')), expected_start) << id;
        expected_start = interval.substr(interval.find('/') + 1);
        EXPECT_LT(seconds_into_day(interval.substr(0, interval.find('/'))), seconds_into_day(expected_start)) << id;
        shown = shown || s["boolean"].get<bool>();
      }
      EXPECT_EQ(expected_start, "2026-06-21T00:02:00.000Z") << id;
      EXPECT_TRUE(shown) << id;
    }
  }
  EXPECT_EQ(satellites, 1584u);
  EXPECT_GT(links, 3000u);
  EXPECT_GE(routes, 1u);
  EXPECT_NE(r.err.find(std::to_string(packets.size() - 1) + " entities"), std::string::npos) << r.err;

  // Every satellite that failed is red from its failure time to the end, and not before.
  const auto failures = csv(read_all(run + "/failures.csv"));
  ASSERT_FALSE(failures.empty());
  std::map<std::string, nlohmann::json> by_name;
  for (const auto& p : packets)
    if (p.contains("name")) by_name[p["name"]] = p;
  for (const auto& f : failures) {
    if (f.at("kind") != "satellite") continue;
    const auto& colour = by_name.at(f.at("target"))["point"]["color"];
    ASSERT_TRUE(colour.is_array()) << f.at("target");
    const auto& last = colour.back();
    EXPECT_EQ(last["rgba"], nlohmann::json({255, 0, 0, 255}));
    const std::string interval = last["interval"];
    EXPECT_NEAR(seconds_into_day(interval.substr(0, interval.find('/'))), std::stod(f.at("time_s")), 0.0011);
    EXPECT_NE(colour.front()["rgba"], nlohmann::json({255, 0, 0, 255}));
  }
}

// Cesium interpolates the samples with a degree-5 Lagrange polynomial: at the midpoints between
// samples, where it errs most, it must stay within 1 km of the propagated position.
TEST(CzmlExport, InterpolatedPositionsStayWithinOneKilometreOfTheOrbit) {
  const std::string dir = dir_for("interpolation");
  ASSERT_EQ(run_orbitsim("export czml platforms/starlink_gen1_shell1.yaml --to " + dir + "/c.czml --links none"
                         " --sats 0..9 --times 0:6000:60 --quiet").exit_code, 0);
  const auto packets = nlohmann::json::parse(read_all(dir + "/c.czml"));
  const auto truth = csv(run_orbitsim("positions platforms/starlink_gen1_shell1.yaml --times 210:5790:60 --sats 0..9").out);
  ASSERT_EQ(truth.size(), 10u * 94);
  double worst_m = 0.0;
  for (const auto& row : truth) {
    const auto& c = packets[static_cast<size_t>(1 + std::stoi(row.at("sat_id")))]["position"]["cartesian"];
    const double t = std::stod(row.at("t_s"));
    const auto first = static_cast<size_t>(std::floor(t / 60.0)) - 2;  // 3 samples each side of t
    double p[3] = {0, 0, 0};
    for (size_t i = first; i < first + 6; ++i) {
      double weight = 1.0;
      for (size_t j = first; j < first + 6; ++j)
        if (j != i) weight *= (t - c[4 * j].get<double>()) / (c[4 * i].get<double>() - c[4 * j].get<double>());
      for (int axis = 0; axis < 3; ++axis) p[axis] += weight * c[4 * i + 1 + static_cast<size_t>(axis)].get<double>();
    }
    worst_m = std::max(worst_m, std::hypot(p[0] - std::stod(row.at("x_m")), p[1] - std::stod(row.at("y_m")),
                                           p[2] - std::stod(row.at("z_m"))));
  }
  EXPECT_LT(worst_m, 1000.0);
  std::cout << "worst interpolation error " << worst_m << " m\n";
}

// A link is shown at a topology instant exactly when `orbitsim topology` lists it then.
TEST(CzmlExport, LinksAreShownExactlyWhileTheyAreInTheTopology) {
  const std::string dir = dir_for("links");
  ASSERT_EQ(run_orbitsim("export czml platforms/starlink_gen1_shell1.yaml --to " + dir + "/c.czml --times 0:300:30 --quiet").exit_code, 0);
  const auto packets = nlohmann::json::parse(read_all(dir + "/c.czml"));
  for (double t : {0.0, 120.0, 270.0}) {
    std::set<std::string> expected, shown;
    for (const auto& l : csv(run_orbitsim("topology platforms/starlink_gen1_shell1.yaml --time " + std::to_string(t)).out)) {
      const int a = std::stoi(l.at("node_a")), b = std::stoi(l.at("node_b"));
      expected.insert(l.at("kind") + "-sat-" + std::to_string(a) + "-" + (b < 1584 ? "sat-" + std::to_string(b) : "gs-" + std::to_string(b - 1584)));
    }
    for (const auto& p : packets) {
      if (!p.contains("polyline")) continue;
      for (const auto& s : p["polyline"]["show"]) {
        const std::string interval = s["interval"];
        const double start = seconds_into_day(interval.substr(0, interval.find('/')));
        const double stop = seconds_into_day(interval.substr(interval.find('/') + 1));
        if (start <= t && t < stop && s["boolean"].get<bool>()) shown.insert(p["id"].get<std::string>());
      }
    }
    EXPECT_EQ(shown, expected) << t;
    EXPECT_GT(expected.size(), 3000u);
  }
}

// With a power model, a satellite is blue from a power sample that finds it in eclipse, and magenta
// from one that finds its accelerators shed, as power.csv says.
TEST(CzmlExport, PowerSamplesColourEclipseAndShedSatellites) {
  const std::string dir = dir_for("power"), run = dir + "/run";
  ASSERT_EQ(run_orbitsim("run workloads/scenarios/sso_vs_inclined_power_inclined.yaml --quiet --set duration_s=7200 --out " + run)
                .exit_code, 0);
  ASSERT_EQ(run_orbitsim("export czml " + run + " --to " + dir + "/c.czml --links none --quiet").exit_code, 0);
  const auto packets = nlohmann::json::parse(read_all(dir + "/c.czml"));
  std::map<std::pair<std::string, long>, std::map<std::string, std::string>> samples;  // (satellite, ms) -> row
  for (const auto& row : csv(read_all(run + "/power.csv")))
    samples[{row.at("satellite"), std::lround(std::stod(row.at("t_s")) * 1000)}] = row;
  int eclipse = 0, shed = 0;
  for (const auto& p : packets) {
    if (p["id"].get<std::string>().rfind("sat-", 0) != 0 || !p["point"]["color"].is_array()) continue;
    for (const auto& c : p["point"]["color"]) {
      const std::string interval = c["interval"];
      const long ms = std::lround(seconds_into_day(interval.substr(0, interval.find('/'))) * 1000);
      const auto it = samples.find({p["name"], ms});
      if (c["rgba"] == nlohmann::json({70, 90, 200, 255})) {
        ++eclipse;
        ASSERT_NE(it, samples.end()) << p["name"] << " " << interval;
        EXPECT_EQ(it->second.at("sunlit"), "0");
        EXPECT_EQ(it->second.at("shed"), "");
        EXPECT_EQ(it->second.at("throttled"), "0");
      } else if (c["rgba"] == nlohmann::json({255, 0, 255, 255}) && it != samples.end()) {
        ++shed;
        EXPECT_NE(it->second.at("shed"), "");
      }
    }
  }
  EXPECT_GT(eclipse, 10);
  EXPECT_GT(shed, 0);
  EXPECT_NE(packets[1]["description"].get<std::string>().find("battery state of charge down to"), std::string::npos);
}

TEST(CzmlExport, BadInputExitsTwoWithOneLine) {
  const std::string dir = dir_for("bad");
  const std::string platform = "platforms/starlink_gen1_shell1.yaml";
  for (const auto& [args, message] : std::vector<std::pair<std::string, std::string>>{
           {platform + " --route Tokyo:Atlantis", "--route: expected A:B, two nodes of the platform (ground stations or satellites), got \"Atlantis\""},
           {platform + " --route Tokyo", "--route: expected A:B"},
           {platform + " --route s1_p0_s99:Tokyo", "got \"s1_p0_s99\""},
           {platform + " --links lasers", "--links: expected isl, gsl, both (isl,gsl) or none, got \"lasers\""},
           {platform + " --times 5:5:1", "--times: expected START:STOP:STEP with STOP > START"},
           {dir, dir + ": run folder: expected the outputs of orbitsim run (platform.yaml, summary.json, failures.csv, nodes.csv), got no platform.yaml"}}) {
    const auto r = run_orbitsim("export czml " + args + " --to " + dir + "/c.czml");
    EXPECT_EQ(r.exit_code, 2) << args;
    EXPECT_NE(r.err.find(message), std::string::npos) << args << ": " << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir + "/c.czml")) << args;
  }
}

}  // namespace
}  // namespace orbitsim
