// The command-line contract users and scripts rely on: help and version exit 0, bad input exits 2 with
// one file:line message, positions prints the documented columns, deterministically.
#include <gtest/gtest.h>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <vector>
#include <sstream>
#include <nlohmann/json.hpp>

#include "run_command.hpp"

namespace orbitsim {
namespace {

using testing::count_lines;
using testing::run_orbitsim;

TEST(Cli, HelpAndVersionExitZero) {
  const auto help = run_orbitsim("--help");
  EXPECT_EQ(help.exit_code, 0);
  for (const char* sub : {"validate", "positions", "summary", "route", "topology", "transfer"}) {
    EXPECT_NE(help.out.find(sub), std::string::npos);
    const auto sub_help = run_orbitsim(std::string(sub) + " --help");
    EXPECT_EQ(sub_help.exit_code, 0) << sub;
    EXPECT_NE(sub_help.out.find("Usage: orbitsim " + std::string(sub)), std::string::npos) << sub_help.out;
  }
  const auto version = run_orbitsim("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.out.find("SimGrid 3.32"), std::string::npos) << version.out;
}

TEST(Cli, BadInputExitsTwoWithOneLineNamingFileAndLine) {
  const auto no_sub = run_orbitsim("");
  EXPECT_EQ(no_sub.exit_code, 2);
  const auto unknown_option = run_orbitsim("positions platforms/suncatcher_cluster.yaml --bogus");
  EXPECT_EQ(unknown_option.exit_code, 2);
  const auto missing = run_orbitsim("validate platforms/no_such_platform.yaml");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.err, "orbitsim: platforms/no_such_platform.yaml: no such file\n");
  const auto bad_times = run_orbitsim("positions platforms/suncatcher_cluster.yaml --times 10:0:1");
  EXPECT_EQ(bad_times.exit_code, 2);
  EXPECT_NE(bad_times.err.find("--times: expected START:STOP:STEP"), std::string::npos) << bad_times.err;
  const auto bad_sats = run_orbitsim("positions platforms/suncatcher_cluster.yaml --sats 5000");
  EXPECT_EQ(bad_sats.exit_code, 2);
  EXPECT_NE(bad_sats.err.find("--sats: expected ids within 0..80"), std::string::npos) << bad_sats.err;
  // Non-finite numbers are bad input for every command (they once printed an empty table, or crashed).
  for (const char* args : {"topology platforms/suncatcher_cluster.yaml --time nan",
                           "summary platforms/suncatcher_cluster.yaml --time inf",
                           "transfer platforms/starlink_gen1_shell1.yaml --from Tokyo --to London --start nan",
                           "trace generate --platform platforms/suncatcher_cluster.yaml --to /tmp/orbitsim_nan.csv --rate nan"}) {
    const auto r = run_orbitsim(args);
    EXPECT_EQ(r.exit_code, 2) << args;
    EXPECT_NE(r.err.find("expected a finite number"), std::string::npos) << args << ": " << r.err;
    EXPECT_TRUE(r.out.empty()) << args;
  }
}

TEST(Cli, MalformedPlatformFileReportsFileLineAndKey) {
  const std::string path = std::filesystem::temp_directory_path() / "orbitsim_cli_malformed.yaml";
  std::ofstream(path) << "name: x\nepoch_utc: 2026-01-01T00:00:00Z\nshells:\n  - name: a\n    walker: 53:1584/72/1\n"
                         "    altitude_km: -5\n";
  const auto r = run_orbitsim("validate " + path);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "orbitsim: " + path + ":6: shells[0].altitude_km: expected a number in [160, 2000], got \"-5\"\n");
  EXPECT_EQ(count_lines(r.err), 1u);
}

TEST(Cli, PositionsPrintsOneRowPerSatelliteAndTimeDeterministically) {
  const auto r = run_orbitsim("positions platforms/suncatcher_cluster.yaml --times 0:60:30");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')),
            "sat_id,name,shell,plane,index,t_s,x_m,y_m,z_m,lat_deg,lon_deg,alt_m,sunlit");
  EXPECT_EQ(count_lines(r.out), 1u + 81u * 3u);
  EXPECT_EQ(run_orbitsim("positions platforms/suncatcher_cluster.yaml --times 0:60:30").out, r.out);

  const auto json = run_orbitsim("positions platforms/suncatcher_cluster.yaml --times 0:60:30 --format json --sats 0..4");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto rows = nlohmann::json::parse(json.out);
  ASSERT_EQ(rows.size(), 15u);
  EXPECT_EQ(rows[0]["name"], "cluster_m0");
  EXPECT_EQ(rows[14]["t_s"], 60.0);
  EXPECT_NEAR(rows[0]["alt_m"].get<double>(), 650e3, 25e3);
}

// Velocities by frame: Earth-fixed = inertial minus the Earth's rotation (same magnitude after the
// rotation), and the inertial speed gives the orbit's energy -mu / 2a (within J2's 0.2 %).
TEST(Cli, PositionsGiveVelocitiesConsistentAcrossFramesAndWithTheOrbit) {
  const std::string args = "positions platforms/starlink_gen1_shell1.yaml --sats 0,500,1000 --times 0:600:300 --velocity";
  const auto ecef = run_orbitsim(args), eci = run_orbitsim(args + " --frame eci");
  ASSERT_EQ(ecef.exit_code, 0) << ecef.err;
  ASSERT_EQ(eci.exit_code, 0) << eci.err;
  const auto fixed = testing::csv_rows(ecef.out), inertial = testing::csv_rows(eci.out);
  ASSERT_EQ(fixed.size(), 9u);
  ASSERT_EQ(inertial.size(), 9u);
  constexpr double kEarthRate_rad_s = 7.2921158553e-5, kMu = 3.986004418e14, kA = 6378137.0 + 550e3;
  for (size_t k = 0; k < fixed.size(); ++k) {
    auto v = [](const std::map<std::string, std::string>& row, const char* c) { return std::stod(row.at(c)); };
    const double x = v(inertial[k], "x_m"), y = v(inertial[k], "y_m"), z = v(inertial[k], "z_m");
    const double vx = v(inertial[k], "vx_mps") + kEarthRate_rad_s * y, vy = v(inertial[k], "vy_mps") - kEarthRate_rad_s * x;
    const double relative = std::sqrt(vx * vx + vy * vy + std::pow(v(inertial[k], "vz_mps"), 2));
    const double earth_fixed = std::sqrt(std::pow(v(fixed[k], "vx_mps"), 2) + std::pow(v(fixed[k], "vy_mps"), 2) +
                                         std::pow(v(fixed[k], "vz_mps"), 2));
    // The sidereal angle comes from a double Julian date (~40 us resolution): ~2 cm/s of Earth-fixed speed.
    EXPECT_NEAR(earth_fixed, relative, 0.05) << k;
    const double speed2 = std::pow(v(inertial[k], "vx_mps"), 2) + std::pow(v(inertial[k], "vy_mps"), 2) +
                          std::pow(v(inertial[k], "vz_mps"), 2);
    const double energy = speed2 / 2.0 - kMu / std::sqrt(x * x + y * y + z * z);
    EXPECT_NEAR(energy / (-kMu / (2.0 * kA)), 1.0, 2e-3) << k;
    EXPECT_EQ(fixed[k].at("lat_deg"), inertial[k].at("lat_deg"));  // geodetic either way
  }
  // Without the options the columns and numbers are those of before.
  const auto plain = run_orbitsim("positions platforms/starlink_gen1_shell1.yaml --sats 0 --times 0:0:1");
  EXPECT_EQ(plain.out.substr(0, plain.out.find('\n')), "sat_id,name,shell,plane,index,t_s,x_m,y_m,z_m,lat_deg,lon_deg,alt_m,sunlit");
}

TEST(Cli, ValidatePrintsTheEffectiveConfigurationAndSummaryTheGeometry) {
  const auto v = run_orbitsim("validate platforms/starlink_gen1_shell1.yaml");
  ASSERT_EQ(v.exit_code, 0) << v.err;
  EXPECT_NE(v.out.find("valid; 1584 satellites, 100 ground stations"), std::string::npos) << v.out;
  EXPECT_NE(v.out.find("phasing: hypatia-half-slot"), std::string::npos);
  const auto s = run_orbitsim("summary platforms/starlink_gen1_shell1.yaml");
  ASSERT_EQ(s.exit_code, 0) << s.err;
  EXPECT_NE(s.out.find("1584"), std::string::npos);
  // Over the day, not the instant: the dawn-dusk cluster is in full sun at its epoch but in its eclipse
  // season (physics.md 4b: up to 19.7 min per orbit at 650 km, ~80 % sunlit that day).
  const auto sso = run_orbitsim("summary platforms/suncatcher_cluster.yaml");
  ASSERT_EQ(sso.exit_code, 0) << sso.err;
  std::istringstream lines(sso.out);
  std::string line;
  while (std::getline(lines, line) && line.rfind("cluster ", 0) != 0) {
  }
  std::istringstream fields(line);
  std::vector<std::string> f;
  for (std::string x; fields >> x;) f.push_back(x);
  ASSERT_EQ(f.size(), 8u) << sso.out;
  EXPECT_EQ(f[5], "100.0%");                          // sunlit at t = 0
  EXPECT_NEAR(std::stod(f[6]), 80.0, 1.0) << line;   // sunlit_day
  EXPECT_NEAR(std::stod(f[7]), 19.7, 0.5) << line;   // max_eclipse_min
}

TEST(Cli, RoutePrintsOneRowPerTimeAndAnEmptyPathWhenUnreachable) {
  const auto r = run_orbitsim("route platforms/starlink_gen1_shell1.yaml --from Tokyo --to London --times 0:20:10");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')), "t_s,src,dst,hops,path,distance_m,one_way_delay_s");
  EXPECT_EQ(count_lines(r.out), 4u);
  EXPECT_NE(r.out.find("\n0.000,Tokyo,London,"), std::string::npos);
  // The 1 km Suncatcher cluster is seen by few gateways at a time: Ikire (Nigeria) to Akita (Japan)
  // cannot both see it.
  const auto gap = run_orbitsim("route platforms/suncatcher_cluster.yaml --from Ikire --to Akita --times 0:0:1");
  ASSERT_EQ(gap.exit_code, 0) << gap.err;
  EXPECT_NE(gap.out.find("\n0.000,Ikire,Akita,0,,,\n"), std::string::npos) << gap.out;
  const auto unknown = run_orbitsim("route platforms/starlink_gen1_shell1.yaml --from Atlantis --to London");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("--from: expected the name of a ground station or satellite"), std::string::npos);
}

TEST(Cli, NamesAreMatchedIgnoringCaseListedAndSuggested) {
  // Lower case finds the station, and the output spells it as the platform does.
  const auto r = run_orbitsim("route platforms/starlink_gen1_shell1.yaml --from tokyo --to LONDON --times 0:0:1");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\n0.000,Tokyo,London,"), std::string::npos) << r.out;
  const auto typo = run_orbitsim("route platforms/starlink_gen1_shell1.yaml --from Londn --to Tokyo");
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("got \"Londn\"; did you mean \"London\"?"), std::string::npos) << typo.err;
  // `stations` lists every station of the file (100 cities) with its coordinates, and filters by name.
  const auto all = run_orbitsim("stations platforms/starlink_gen1_shell1.yaml");
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_EQ(count_lines(all.out), 101u);
  EXPECT_NE(all.out.find("\nTokyo,35.68950,139.69171,0,1\n"), std::string::npos) << all.out.substr(0, 300);
  const auto some = run_orbitsim("stations platforms/suncatcher_cluster.yaml --satellites --match M8");
  ASSERT_EQ(some.exit_code, 0) << some.err;
  EXPECT_EQ(some.out, "name,shell,plane,slot\ncluster_m8,cluster,-1,8\ncluster_m80,cluster,-1,80\n");
}

TEST(Cli, ValidateChecksAScenarioAsRunDoes) {
  const auto ok = run_orbitsim("validate workloads/scenarios/starlink_shell1_default.yaml");
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("valid scenario; platform platforms/starlink_gen1_shell1.yaml (1584 satellites, 100 ground "
                        "stations), 4 models, 5 training jobs, 1482 inference requests"),
            std::string::npos)
      << ok.out.substr(0, 400);
  EXPECT_NE(ok.out.find("\n  accelerator_group: h100x1\n"), std::string::npos);
  // No full-precision float noise in the effective configuration.
  EXPECT_EQ(ok.out.find("0000000000"), std::string::npos) << ok.out;
  // A cross-file mistake is found without simulating, at the key's line, with the station's nearest names.
  const std::string dir = ::testing::TempDir() + "/validate_scenario";
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/s.yaml") << "name: s\nplatform: " ORBITSIM_SOURCE_DIR "/platforms/suncatcher_cluster.yaml\n"
                                    "workload:\n  models: " ORBITSIM_SOURCE_DIR "/workloads/models.yaml\n"
                                    "training:\n  checkpoint_target: ground\n  checkpoint_station: akta\n";
  const auto bad = run_orbitsim("validate " + dir + "/s.yaml");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find(dir + "/s.yaml:7: training.checkpoint_station: expected a ground station"), std::string::npos)
      << bad.err;
  EXPECT_NE(bad.err.find("got \"akta\"; did you mean \"Akita\"?"), std::string::npos) << bad.err;
  const auto run = run_orbitsim("run " + dir + "/s.yaml --quiet --out " + dir + "/out");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err, bad.err);
}

TEST(Cli, TopologyExportsTheSameLinksAsCsvAndGraphml) {
  const auto csv = run_orbitsim("topology platforms/kuiper_630.yaml --time 60");
  const auto graphml = run_orbitsim("topology platforms/kuiper_630.yaml --time 60 --format graphml");
  const auto nodes = run_orbitsim("topology platforms/kuiper_630.yaml --time 60 --nodes");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  ASSERT_EQ(graphml.exit_code, 0) << graphml.err;
  size_t edges = 0;
  for (size_t pos = 0; (pos = graphml.out.find("<edge ", pos)) != std::string::npos; ++pos) ++edges;
  EXPECT_EQ(edges + 1, count_lines(csv.out));
  EXPECT_EQ(count_lines(nodes.out), 1u + 1156u + 100u);
  EXPECT_EQ(graphml.out.rfind("</graphml>\n"), graphml.out.size() - 11);
  // Over a range: each instant's rows as --time gives them, led by t_s.
  const auto range = run_orbitsim("topology platforms/kuiper_630.yaml --times 0:60:60");
  ASSERT_EQ(range.exit_code, 0) << range.err;
  std::string expected = "t_s," + csv.out.substr(0, csv.out.find('\n') + 1);
  for (const char* t : {"0", "60"}) {
    const auto one = run_orbitsim(std::string("topology platforms/kuiper_630.yaml --time ") + t);
    std::istringstream rows(one.out.substr(one.out.find('\n') + 1));
    for (std::string row; std::getline(rows, row);) expected += std::string(t) + ".000," + row + "\n";
  }
  EXPECT_EQ(range.out, expected);
}

TEST(Cli, TransferRunsOnSimGridAndPassesSimGridOptionsThrough) {
  const auto r = run_orbitsim(
      "transfer platforms/starlink_gen1_shell1.yaml --from Tokyo --to Delhi --bytes 2.5e9 --cfg=network/optim:Lazy");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string row = r.out.substr(r.out.find('\n') + 1);
  // 2.5e9 B at 20 Gbit/s = 1 s, plus the path's propagation delay (~49 ms).
  const double end_s = std::stod(row.substr(row.find(',') + 1));
  EXPECT_GT(end_s, 1.0);
  EXPECT_LT(end_s, 1.1);
  const auto bad = run_orbitsim("transfer platforms/starlink_gen1_shell1.yaml --from Tokyo --to Delhi --bogus");
  EXPECT_EQ(bad.exit_code, 2);
}

}  // namespace
}  // namespace orbitsim
