// `orbitsim run` with power modelled, end to end: a brown-out is a failure like any other (the same
// failure replayed without the power model, as a SEFI of the same duration, gives the same jobs.csv),
// power.csv and summary.json account for every watt-hour, reruns are byte-identical, and the SSO
// comparison example runs.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <vector>
#include <string>

#include "world/world_builder.hpp"
#include "run_command.hpp"
#include "topology/topology_builder.hpp"

namespace orbitsim {
namespace {

using testing::csv_rows;
using testing::read_all;
using testing::run_orbitsim;

// This process's own folder (ctest runs cases side by side), removed when the process ends.
std::string folder() {
  struct RemovedAtExit {
    std::filesystem::path dir;
    ~RemovedAtExit() {
      std::error_code ignored;
      std::filesystem::remove_all(dir, ignored);
    }
  };
  static const RemovedAtExit own{std::filesystem::temp_directory_path() /
                                 ("orbitsim_power_run_test_" + std::to_string(::getpid()))};
  std::filesystem::create_directories(own.dir);
  return own.dir.string();
}

// A 12-satellite ring whose array (2 m2, ~720 W) cannot carry a busy H100 (~890 W with bus and links):
// the battery falls to its floor within minutes, the accelerators are shed, recharge, and come back.
std::string write_brownout_scenario() {
  const std::string dir = folder();
  std::ofstream(dir + "/platform.yaml")
      << "name: brownout-ring\nepoch_utc: 2026-03-20T00:00:00Z\nshells:\n"
         "  - {name: r, walker: 97.6:12/1/0, altitude_km: 550, isl: {pattern: ring}}\n"
         "power: {profile: starcloud-h100, array_area_m2: 2.0, battery_capacity_wh: 200, initial_soc: 0.8,\n"
         "        radiator_area_m2: 3.0}\n";
  std::ofstream(dir + "/jobs.csv") << "job_id,arrival_s,model,num_nodes,iterations,tokens_per_iter,ckpt_interval_iters,zero_stage\n"
                                      "j,0,llama2-7b,8,100000,65536,5,1\n";
  std::ofstream(dir + "/scenario.yaml")
      << "name: brownout\nplatform: platform.yaml\nseed: 3\nduration_s: 1800\nworkload:\n  models: "
      << ORBITSIM_SOURCE_DIR << "/workloads/models.yaml\n  jobs: jobs.csv\ntraining: {placement: contiguous-in-plane}\n"
         "failover: {training: checkpoint-restart}\n";
  return dir + "/scenario.yaml";
}

std::string without_column(const std::string& csv, int column) {
  std::string out, line;
  std::istringstream in(csv);
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::stringstream ss(line);
    for (std::string f; std::getline(ss, f, ',');) fields.push_back(f);
    fields.erase(fields.begin() + column);
    for (size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + fields[i];
    out += "\n";
  }
  return out;
}

TEST(PowerRun, ABrownOutIsHandledExactlyLikeTheSameFailureReplayedWithoutPower) {
  const std::string scenario = write_brownout_scenario(), dir = folder();
  const auto a = run_orbitsim("run " + scenario + " --quiet --out " + dir + "/a");
  ASSERT_EQ(a.exit_code, 0) << a.err;
  const std::string failures = read_all(dir + "/a/failures.csv");
  ASSERT_NE(failures.find(",shed,"), std::string::npos) << failures;
  ASSERT_NE(failures.find(",brownout"), std::string::npos);
  // Shedding order: a satellite stops training before its accelerators go (inference would still run).
  std::map<std::string, double> training_shed_at;
  for (const auto& f : csv_rows(failures)) {
    if (f.at("kind") == "shed-training" && !training_shed_at.count(f.at("target")))
      training_shed_at[f.at("target")] = std::stod(f.at("time_s"));
    if (f.at("kind") == "shed") {
      ASSERT_TRUE(training_shed_at.count(f.at("target"))) << f.at("target");
      EXPECT_LT(training_shed_at.at(f.at("target")), std::stod(f.at("time_s"))) << f.at("target");
    }
  }
  EXPECT_FALSE(training_shed_at.empty());
  const auto summary = nlohmann::json::parse(read_all(dir + "/a/summary.json"));
  EXPECT_GT(summary["training"]["restarts"].get<long>(), 0);
  EXPECT_GT(summary["power"]["brownout_satellite_h"].get<double>(), 0.0);
  EXPECT_EQ(summary["power"]["throttled_satellite_h"].get<double>(), 0.0);  // only energy acts here

  // The same failures, as SEFIs of the same dates and durations, without the power model.
  std::ofstream(dir + "/as_sefi.csv") << std::regex_replace(failures, std::regex(",shed,"), ",sefi,");
  const auto b = run_orbitsim("run " + scenario + " --quiet --set platform.power.enabled=false --set faults.trace=" + dir +
                              "/as_sefi.csv --out " + dir + "/b");
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_EQ(read_all(dir + "/a/jobs.csv"), read_all(dir + "/b/jobs.csv"));
  // The power run's own failures.csv replayed without power gives the same jobs, too.
  const auto c = run_orbitsim("run " + scenario + " --quiet --set platform.power.enabled=false --set faults.trace=" + dir +
                              "/a/failures.csv --out " + dir + "/c");
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_EQ(read_all(dir + "/a/jobs.csv"), read_all(dir + "/c/jobs.csv"));
  EXPECT_EQ(without_column(read_all(dir + "/a/failures.csv"), 4), without_column(read_all(dir + "/c/failures.csv"), 4));

  // Rerun: byte-identical, power.csv included.
  const auto again = run_orbitsim("run " + scenario + " --quiet --out " + dir + "/a2");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  for (const char* f : {"jobs.csv", "failures.csv", "power.csv", "summary.json", "timeseries.csv"})
    EXPECT_EQ(read_all(dir + "/a/" + f), read_all(dir + "/a2/" + f)) << f;
}

// With the terminals' reserve at the floor, a brown-out also takes the laser terminals down (the bus
// stays up): failures.csv names each terminal, and replaying it without power gives the same jobs.
TEST(PowerRun, ALowBatteryShedsTheLaserTerminalsBeforeTheBus) {
  const std::string scenario = write_brownout_scenario(), dir = folder();
  const std::string sets = " --set platform.power.inference_reserve_fraction=0 --set platform.power.bus_reserve_soc=0.75";
  ASSERT_EQ(run_orbitsim("run " + scenario + " --quiet" + sets + " --out " + dir + "/t").exit_code, 0);
  std::map<std::string, int> terminals_shed;
  for (const auto& f : csv_rows(read_all(dir + "/t/failures.csv"))) {
    EXPECT_NE(f.at("kind"), "satellite");  // nobody went dark
    if (f.at("kind") == "isl" && f.at("cause") == "brownout") ++terminals_shed[f.at("target").substr(0, f.at("target").rfind(':'))];
  }
  ASSERT_FALSE(terminals_shed.empty());
  for (const auto& [satellite, n] : terminals_shed) EXPECT_EQ(n % 2, 0) << satellite;  // both ring terminals each time
  const auto summary = nlohmann::json::parse(read_all(dir + "/t/summary.json"));
  EXPECT_EQ(summary["power"]["dark_satellite_h"].get<double>(), 0.0);
  ASSERT_EQ(run_orbitsim("run " + scenario + " --quiet --set platform.power.enabled=false --set faults.trace=" + dir +
                         "/t/failures.csv --out " + dir + "/u")
                .exit_code,
            0);
  EXPECT_EQ(read_all(dir + "/t/jobs.csv"), read_all(dir + "/u/jobs.csv"));
}

// Ground radio chains draw gsl_chain_w per ground link the satellite holds: over 10 minutes of the SSO
// cluster the consumption grows by that wattage times the GSL link-seconds the topology gives (counted
// here every 2 s; within the power model's 10 s steps).
TEST(PowerRun, EachGroundLinkHeldDrawsItsRadioChain) {
  const std::string dir = folder();
  const std::string common = "run workloads/scenarios/sso_vs_inclined_power.yaml --quiet --set duration_s=600 "
                             "--set platform.power.gsl_chain_w=";
  ASSERT_EQ(run_orbitsim(common + "0 --out " + dir + "/g0").exit_code, 0);
  ASSERT_EQ(run_orbitsim(common + "100 --out " + dir + "/g100").exit_code, 0);
  const double extra_wh = nlohmann::json::parse(read_all(dir + "/g100/summary.json"))["power"]["consumed_wh"].get<double>() -
                          nlohmann::json::parse(read_all(dir + "/g0/summary.json"))["power"]["consumed_wh"].get<double>();
  const PlatformConfig config = load_platform_config(std::string(ORBITSIM_SOURCE_DIR) + "/platforms/power_sso_cluster.yaml");
  World world = build_world(config);
  TopologyBuilder topology(world, config.network, shell_links(config.shells));
  double link_s = 0.0;
  for (double t = 0.0; t < 600.0; t += 2.0)
    for (const TopologyLink& l : topology.build(t).links) link_s += l.kind == LinkKind::kGsl ? 2.0 : 0.0;
  ASSERT_GT(link_s, 0.0);
  EXPECT_NEAR(extra_wh, 100.0 * link_s / 3600.0, 0.05 * 100.0 * link_s / 3600.0);
}

// A satellite lost for good (a permanent failure) draws nothing: its battery only charges.
TEST(PowerRun, AFailedSatelliteDrawsNoPower) {
  const std::string scenario = write_brownout_scenario(), dir = folder();
  std::ofstream(dir + "/lost.csv") << "time_s,target,kind,duration_s,cause\n0,r_p0_s10,satellite,inf,trace\n";
  ASSERT_EQ(run_orbitsim("run " + scenario + " --quiet --set faults.trace=" + dir + "/lost.csv --out " + dir + "/l").exit_code, 0);
  double last_wh = 0.0;
  int rows = 0;
  for (const auto& p : csv_rows(read_all(dir + "/l/power.csv"))) {
    if (p.at("satellite") != "r_p0_s10" || std::stod(p.at("t_s")) == 0.0) continue;
    EXPECT_EQ(std::stod(p.at("load_w")), 0.0) << p.at("t_s");
    EXPECT_GE(std::stod(p.at("battery_wh")), last_wh) << p.at("t_s");
    last_wh = std::stod(p.at("battery_wh"));
    ++rows;
  }
  EXPECT_GT(rows, 3);
}

TEST(PowerRun, TheSummaryAccountsForEveryWattHour) {
  const std::string scenario = write_brownout_scenario(), dir = folder();
  ASSERT_EQ(run_orbitsim("run " + scenario + " --quiet --out " + dir + "/e").exit_code, 0);
  const auto p = nlohmann::json::parse(read_all(dir + "/e/summary.json"))["power"];
  const double generated = p["generated_wh"], consumed = p["consumed_wh"], curtailed = p["curtailed_wh"],
               charged = p["charged_wh"], discharged = p["discharged_wh"], stored_delta = p["stored_end_wh"].get<double>() - p["stored_start_wh"].get<double>();
  EXPECT_NEAR(generated, consumed - discharged + charged + curtailed, 1e-6 * generated);
  EXPECT_NEAR(stored_delta, charged * 0.95 - discharged / 0.95, 1e-6 * generated);
  EXPECT_GT(p["accelerator_energy_wh"].get<double>(), 0.0);
  EXPECT_EQ(p["unmet_wh"].get<double>(), 0.0);
  // power.csv: a row per satellite at t = 0 and at every sample; a shed row names its cause.
  const std::string csv = read_all(dir + "/e/power.csv");
  EXPECT_EQ(csv.rfind("t_s,satellite,generation_w,load_w,battery_wh,soc,radiator_k,accelerator_k,pstate,sunlit,throttled,shed\n", 0), 0u);
  EXPECT_NE(csv.find(",brownout\n"), std::string::npos);
  // The plotting script draws the state of charge, the temperatures and the throttled time.
  const int rc = std::system(("cd '" + std::string(ORBITSIM_SOURCE_DIR) + "' && /usr/bin/python3 tools/plot_run.py " + dir +
                              "/e --to " + dir + "/plots > /dev/null")
                                 .c_str());
  EXPECT_EQ(rc, 0);
  for (const char* png : {"power.png", "throttled_map.png"})
    EXPECT_GT(std::filesystem::file_size(dir + "/plots/" + png), 10000u) << png;
}

TEST(PowerRun, AnEnergyAwareGovernorSlowsDownInsteadOfBrowningOut) {
  const std::string scenario = write_brownout_scenario(), dir = folder();
  // An eclipse is what it forecasts: a 53 deg orbit at the March equinox has one every orbit.
  const std::string sets = " --set platform.shells.0.walker=53:12/1/0 --set platform.power.array_area_m2=3.5 "
                           "--set platform.power.battery_capacity_wh=1200 --set platform.power.initial_soc=1 --set duration_s=7200";
  ASSERT_EQ(run_orbitsim("run " + scenario + " --quiet" + sets + " --out " + dir + "/max").exit_code, 0);
  ASSERT_EQ(run_orbitsim("run " + scenario + " --quiet" + sets + " --set power.governor=energy-aware --out " + dir + "/ea").exit_code, 0);
  const auto max = nlohmann::json::parse(read_all(dir + "/max/summary.json"))["power"];
  const auto ea = nlohmann::json::parse(read_all(dir + "/ea/summary.json"))["power"];
  auto shed_h = [](const nlohmann::json& p) {
    return p["training_shed_satellite_h"].get<double>() + p["brownout_satellite_h"].get<double>();
  };
  EXPECT_GT(shed_h(max), 0.0);
  EXPECT_LT(shed_h(ea), shed_h(max));
  EXPECT_GT(ea["throttled_satellite_h"].get<double>(), 0.0);
}

// Runs `command` with the ride-through eclipse policy into DIR/ride and with `policy` into DIR/<policy>;
// their summaries.
std::pair<nlohmann::json, nlohmann::json> ride_through_and(const std::string& dir, const std::string& policy,
                                                           const std::string& command) {
  for (const std::string p : {std::string("ride-through"), policy}) {
    const auto r = run_orbitsim(command + " --set power.eclipse_training=" + p + " --out " + dir + "/" +
                                (p == "ride-through" ? "ride" : p));
    EXPECT_EQ(r.exit_code, 0) << r.err;
  }
  return {nlohmann::json::parse(read_all(dir + "/ride/summary.json")),
          nlohmann::json::parse(read_all(dir + "/" + policy + "/summary.json"))};
}

// The dawn-dusk cluster at the June solstice, with a battery too small to ride a 20 min eclipse busy:
// pausing through the eclipse keeps every satellite up and does more work than riding through.
TEST(PowerRun, PausingThroughTheEclipseAvoidsTheBrownOutsOfRidingThrough) {
  const std::string dir = folder();
  const auto [ride, pause] = ride_through_and(dir, "pause",
                                              "run workloads/scenarios/sso_vs_inclined_power.yaml --quiet --set duration_s=7200 "
                                              "--set platform.power.battery_capacity_wh=1000");
  EXPECT_GT(ride["power"]["brownout_satellite_h"].get<double>(), 0.0);
  EXPECT_GT(ride["training"]["restarts"].get<long>(), 0);
  EXPECT_EQ(pause["power"]["brownout_satellite_h"].get<double>(), 0.0);
  EXPECT_EQ(pause["power"]["training_shed_satellite_h"].get<double>(), 0.0);
  EXPECT_EQ(pause["training"]["restarts"].get<long>(), 0);
  // Each job paused once, for about the eclipse (19.9 min at 650 km, beta ~ 0 at this date; physics.md 4b).
  const auto jobs = csv_rows(read_all(dir + "/pause/jobs.csv"));
  for (const auto& j : jobs) {
    EXPECT_EQ(j.at("eclipse_pauses"), "1") << j.at("job_id");
    EXPECT_NEAR(std::stod(j.at("paused_s")), 1190.0, 60.0) << j.at("job_id");
  }
  EXPECT_EQ(jobs.size(), 4u);
}

// The inclined twin's rings spread over planes always have ranks in shadow: riding through browns them
// out (and restarts jobs); shrinking rests exactly the ranks in shadow (rank-seconds rested match the
// shadow time power.csv records for the job's satellites, within the iteration a rank leaves early and
// rejoins late), never browns out and trains more.
TEST(PowerRun, ShrinkingRestsTheRanksInShadowInsteadOfBrowningThemOut) {
  const std::string dir = folder();
  const auto [ride, shrink] = ride_through_and(
      dir, "shrink", "run workloads/scenarios/sso_vs_inclined_power_inclined.yaml --quiet --set duration_s=7200");
  EXPECT_GT(ride["power"]["training_shed_satellite_h"].get<double>(), 0.0);
  EXPECT_GT(ride["training"]["restarts"].get<long>(), 0);
  EXPECT_EQ(shrink["power"]["training_shed_satellite_h"].get<double>(), 0.0);
  EXPECT_EQ(shrink["power"]["brownout_satellite_h"].get<double>(), 0.0);
  EXPECT_EQ(shrink["training"]["restarts"].get<long>(), 0);
  long ride_iterations = 0, shrink_iterations = 0;
  for (const auto& j : csv_rows(read_all(dir + "/ride/jobs.csv"))) ride_iterations += std::stol(j.at("iterations_done"));
  // Shadow time per satellite from power.csv: sunlit is constant between rows (a row at every eclipse event).
  std::map<std::string, std::vector<std::pair<double, bool>>> sunlit;
  for (const auto& p : csv_rows(read_all(dir + "/shrink/power.csv")))
    sunlit[p.at("satellite")].emplace_back(std::stod(p.at("t_s")), p.at("sunlit") == "1");
  for (const auto& j : csv_rows(read_all(dir + "/shrink/jobs.csv"))) {
    shrink_iterations += std::stol(j.at("iterations_done"));
    const double start = std::stod(j.at("start_s")), end = j.at("end_s").empty() ? 7200.0 : std::stod(j.at("end_s"));
    double shadow_s = 0.0;
    std::stringstream ss(j.at("satellites"));
    for (std::string sat; std::getline(ss, sat, ';');) {
      const auto& v = sunlit.at(sat);
      for (size_t i = 0; i < v.size(); ++i) {
        const double lo = std::max(v[i].first, start), hi = std::min(i + 1 < v.size() ? v[i + 1].first : 7200.0, end);
        if (!v[i].second && hi > lo) shadow_s += hi - lo;
      }
    }
    const double rested_s = std::stod(j.at("rested_rank_s"));
    EXPECT_GT(shadow_s, 0.0) << j.at("job_id");
    EXPECT_GE(rested_s, 0.99 * shadow_s) << j.at("job_id");
    EXPECT_LE(rested_s, 1.06 * shadow_s) << j.at("job_id");
  }
  EXPECT_GT(shrink_iterations, ride_iterations * 11 / 10);
}

TEST(PowerRun, BadPowerInputExitsWithFileLineAndKey) {
  const std::string scenario = write_brownout_scenario();
  const auto r = run_orbitsim("run " + scenario + " --set platform.power.shutdown_c=80");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("power.shutdown_c: expected throttle_software_c < throttle_hardware_c < shutdown_c"), std::string::npos)
      << r.err;
  const auto g = run_orbitsim("run " + scenario + " --set power.governor=turbo");
  EXPECT_EQ(g.exit_code, 2);
  EXPECT_NE(g.err.find("power.governor: expected one of max-performance, energy-aware, thermal-aware"), std::string::npos) << g.err;
}

}  // namespace
}  // namespace orbitsim
