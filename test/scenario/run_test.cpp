// `orbitsim run` end to end on the shipped scenarios: every job accounted for, byte-identical outputs
// for an identical seed, overrides validated like the file, bad workload rows named by file and line.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "run_command.hpp"

namespace orbitsim {
namespace {

using testing::count_lines;
using testing::csv_rows;
using testing::first_column_ids;
using testing::read_all;
using testing::run_orbitsim;

std::string out_dir(const std::string& name) {
  return testing::vacant_temp_path("orbitsim_run_test_" + name);
}

std::string fmt_time(double t_s) {
  char text[64];
  std::snprintf(text, sizeof text, "%.6f", t_s);
  return text;
}

TEST(Run, EveryJobAndRequestAppearsExactlyOnceAndTheSummaryAddsUp) {
  const std::string out = out_dir("conservation");
  const auto r = run_orbitsim("run workloads/scenarios/starlink_shell1_default.yaml --quiet --out " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string input = read_all(std::string(ORBITSIM_SOURCE_DIR) + "/workloads/jobs/starlink_training_demo.csv");
  const std::string output = read_all(out + "/jobs.csv");
  EXPECT_EQ(first_column_ids(output), first_column_ids(input));
  EXPECT_EQ(count_lines(output), 1 + first_column_ids(input).size());
  const auto summary = nlohmann::json::parse(read_all(out + "/summary.json"));
  int by_status = 0;
  for (const auto& [status, n] : summary["training"]["jobs_by_status"].items()) by_status += n.get<int>();
  EXPECT_EQ(by_status, static_cast<int>(first_column_ids(input).size()));
  EXPECT_EQ(summary["training"]["jobs_by_status"]["finished"], 5);
  for (const char* f : {"nodes.csv", "timeseries.csv", "scenario.yaml", "platform.yaml", "run_info.json"})
    EXPECT_TRUE(std::filesystem::exists(out + "/" + f)) << f;
  EXPECT_NE(r.out.find("training jobs: 5 submitted; 5 finished"), std::string::npos) << r.out;
  // Training tokens per second: each job's kept iterations x its tokens (tokens_per_iter per satellite x
  // satellites) over its run from start to end; the summary's over the horizon.
  std::map<std::string, std::map<std::string, std::string>> submitted;
  std::string header_and_rows;  // without the provenance lines
  for (std::stringstream lines(input); std::getline(lines, header_and_rows);)
    if (header_and_rows.rfind('#', 0) != 0) break;
  header_and_rows += "\n" + input.substr(input.find(header_and_rows) + header_and_rows.size() + 1);
  for (const auto& row : csv_rows(header_and_rows)) submitted[row.at("job_id")] = row;
  double kept_tokens = 0.0;
  for (const auto& row : csv_rows(output)) {
    const auto& in = submitted.at(row.at("job_id"));
    const double tokens = std::stod(in.at("tokens_per_iter")) * std::stod(in.at("num_nodes")) * std::stod(row.at("iterations_done"));
    kept_tokens += tokens;
    EXPECT_NEAR(std::stod(row.at("goodput_tokens_per_s")),
                tokens / (std::stod(row.at("end_s")) - std::stod(row.at("start_s"))), 1e-3) << row.at("job_id");
    EXPECT_EQ(row.at("throughput_tokens_per_s"), row.at("goodput_tokens_per_s"));  // nothing lost without failures
  }
  EXPECT_NEAR(summary["training"]["goodput_tokens_per_s"].get<double>(), kept_tokens / 1800.0, 1e-6);
  // Requests: every row of the input appears once in requests.csv, finished or with its reason.
  const std::string requests_in = read_all(std::string(ORBITSIM_SOURCE_DIR) + "/workloads/requests/azure_code_first10min.csv");
  const std::string requests_out = read_all(out + "/requests.csv");
  EXPECT_EQ(first_column_ids(requests_out), first_column_ids(requests_in));
  EXPECT_EQ(count_lines(requests_out), 1 + first_column_ids(requests_in).size());
  int requests_by_status = 0;
  for (const auto& [status, n] : summary["inference"]["requests_by_status"].items()) requests_by_status += n.get<int>();
  EXPECT_EQ(requests_by_status, 1482);
  EXPECT_GT(summary["inference"]["ttft_s"]["p50"].get<double>(), 0.0);
  // Each finished request's time in parts that add up to its E2E (and TTFT), within the 1 us of the cells;
  // the prompt's upload takes at least the light time down from the 550 km shell per hop.
  int finished = 0;
  for (const auto& row : csv_rows(requests_out)) {
    if (row.at("status") != "finished") continue;
    ++finished;
    auto v = [&](const char* column) { return std::stod(row.at(column)); };
    const double parts = v("retry_wait_s") + v("uplink_s") + v("queue_s") + v("prefill_s") + v("decode_s") + v("downlink_s");
    EXPECT_NEAR(parts, v("e2e_s"), 4e-6) << row.at("req_id");
    EXPECT_NEAR(v("retry_wait_s") + v("uplink_s") + v("queue_s") + v("prefill_s") + v("first_token_downlink_s"), v("ttft_s"), 3e-6);
    EXPECT_GE(v("uplink_s"), v("uplink_hops") * 550e3 / 299792458.0) << row.at("req_id");
    EXPECT_GT(v("prefill_s"), 0.0);
    EXPECT_EQ(v("decode_s") > 0.0, std::stol(row.at("output_tokens")) > 1) << row.at("req_id");
  }
  EXPECT_EQ(finished, summary["inference"]["requests_by_status"]["finished"].get<int>());
  const auto& shares = summary["inference"]["latency_breakdown"];
  EXPECT_NEAR(shares["network_time_share"].get<double>() + shares["waiting_time_share"].get<double>() +
                  shares["compute_time_share"].get<double>(), 1.0, 1e-9);
  EXPECT_NE(r.out.find("where the finished requests' time went"), std::string::npos) << r.out;
  // The plotting script turns the folder into figures.
  const std::string plots = out + "/plots";
  const int rc = std::system(("cd '" + std::string(ORBITSIM_SOURCE_DIR) + "' && /usr/bin/python3 tools/plot_run.py " + out +
                              " --to " + plots + " --map-time 100 --route Tokyo:London > " + out + "/plot_run.txt")
                                 .c_str());
  EXPECT_EQ(rc, 0);
  for (const char* png : {"latency_cdf.png", "throughput.png", "utilisation_map.png", "map.png"})
    EXPECT_GT(std::filesystem::file_size(plots + "/" + png), 10000u) << png;
  // A panel for each part the run has (no failures here: no failure panel), the CDFs' marks and SLO lines.
  const std::string drawn = read_all(out + "/plot_run.txt");
  EXPECT_NE(drawn.find("latency_cdf.png (p50, p99, SLO)"), std::string::npos) << drawn;
  EXPECT_NE(drawn.find("throughput.png (serving, links, training)"), std::string::npos) << drawn;
  EXPECT_NE(drawn.find("training.png"), std::string::npos) << drawn;  // its jobs count tokens
  // The map draws the routes in use at t = 100 s (requests in flight, training rings) and the one asked.
  const size_t at = drawn.find("map.png (");
  ASSERT_NE(at, std::string::npos) << drawn;
  EXPECT_GT(std::stoi(drawn.substr(at + 9)), 1) << drawn;
  EXPECT_GT(std::filesystem::file_size(plots + "/training.png"), 10000u);
}

// ... on any number of threads.
TEST(Run, TheSameScenarioAndSeedGiveByteIdenticalOutputs) {
  const std::string a = out_dir("seed_a"), b = out_dir("seed_b");
  ASSERT_EQ(run_orbitsim("run workloads/scenarios/starlink_shell1_default.yaml --quiet --seed 7 --threads 1 --out " + a).exit_code, 0);
  ASSERT_EQ(run_orbitsim("run workloads/scenarios/starlink_shell1_default.yaml --quiet --seed 7 --threads 2 --out " + b).exit_code, 0);
  for (const char* f : {"jobs.csv", "requests.csv", "nodes.csv", "timeseries.csv", "events.csv", "summary.json", "scenario.yaml",
                        "platform.yaml"})
    EXPECT_EQ(read_all(a + "/" + f), read_all(b + "/" + f)) << f;
  EXPECT_NE(read_all(a + "/summary.json").find("\"seed\": 7"), std::string::npos);
}

// run_info.json says which thread bounds a run: CPU seconds of the simulation's thread and of each prefetch
// lane (none on one thread), each within the run's wall time.
TEST(Run, RunInfoGivesTheCpuTimeOfTheSimulationThreadAndOfEachLane) {
  for (int threads : {1, 2}) {
    const std::string out = out_dir("cpu_time_" + std::to_string(threads));
    ASSERT_EQ(run_orbitsim("run workloads/scenarios/starlink_shell1_default.yaml --quiet --threads " + std::to_string(threads) +
                           " --out " + out).exit_code, 0);
    const auto info = nlohmann::json::parse(read_all(out + "/run_info.json"));
    const double wall_s = info["wall_time_s"].get<double>();
    const double simulation_s = info["cpu_time_s"]["simulation_thread"].get<double>();
    EXPECT_GT(simulation_s, 0.0);
    EXPECT_LE(simulation_s, wall_s * 1.01 + 0.01);
    const auto lanes = info["cpu_time_s"]["prefetch_lanes"].get<std::vector<double>>();
    EXPECT_EQ(lanes.size(), threads == 1 ? 0u : 2u);
    for (double lane_s : lanes) {
      EXPECT_GT(lane_s, 0.0) << "every lane built epochs";
      EXPECT_LE(lane_s, wall_s * 1.01 + 0.01);
    }
  }
}

// Every failure model at once, then the effective scenario.yaml the run wrote (which names its data
// files relative to the output folder) run again: the same outputs, byte for byte.
TEST(Run, TheEffectiveScenarioOfARunWithEveryFailureModelReplaysIt) {
  const std::string a = out_dir("all_faults_a"), b = out_dir("all_faults_b");
  const std::string faults =
      " --set duration_s=300 --set faults.satellite_lifetime=weibull --set faults.weibull_shape=0.7"
      " --set faults.weibull_scale_days=1 --set faults.infant_mortality_fraction=0.02"
      " --set faults.infant_mortality_days=0.01"
      " --set faults.sefi_rate_per_accelerator_day=5 --set faults.seu_rate_per_bit_day=1e-9"
      " --set faults.isl_terminal_failure_rate_per_day=2 --set faults.station_outage_rate_per_day=10"
      " --set faults.station_maintenance_interval_days=1 --set faults.plane_failure_rate_per_day=5"
      " --set faults.solar_storm_rate_per_day=2000 --set faults.solar_storm_fraction=0.01"
      " --set faults.solar_storm_duration_s=60"
      " --set failover.training=hot-spare --set failover.inference=hedged";
  // Failures invalidate the epochs a second thread builds ahead: the run on two threads, its replay on one.
  ASSERT_EQ(run_orbitsim("run workloads/scenarios/starlink_shell1_default.yaml --quiet --threads 2" + faults + " --out " + a).exit_code, 0);
  const auto summary = nlohmann::json::parse(read_all(a + "/summary.json"));
  for (const char* kind : {"satellite", "station", "sefi", "seu", "isl"})
    EXPECT_GT(summary["failures"]["by_kind"].value(kind, 0), 0) << kind;
  const std::string failures = read_all(a + "/failures.csv");
  for (const char* cause : {",weibull", ",infant-mortality", ",sefi", ",seu-saa", ",isl-terminal", ",station-outage",
                            ",maintenance", ",plane", ",solar-storm"})
    EXPECT_NE(failures.find(cause), std::string::npos) << cause;
  // The time series counts the satellites down: some at some sample, never more than the constellation.
  std::istringstream series(read_all(a + "/timeseries.csv"));
  std::string line;
  std::getline(series, line);
  EXPECT_NE(line.find(",satellites_down,stations_down"), std::string::npos);
  int most_down = 0;
  while (std::getline(series, line)) {
    const auto last = line.rfind(','), before = line.rfind(',', last - 1);
    most_down = std::max(most_down, std::stoi(line.substr(before + 1, last - before - 1)));
  }
  EXPECT_GT(most_down, 0);
  EXPECT_LE(most_down, 1584);
  // The figures draw the failures at their own times, in a panel of their own.
  ASSERT_EQ(std::system(("cd '" + std::string(ORBITSIM_SOURCE_DIR) + "' && /usr/bin/python3 tools/plot_run.py " + a +
                         " --to " + a + "/plots > " + a + "/plot_run.txt")
                            .c_str()),
            0);
  EXPECT_NE(read_all(a + "/plot_run.txt").find("throughput.png (serving, links, training, failures)"), std::string::npos)
      << read_all(a + "/plot_run.txt");
  ASSERT_EQ(run_orbitsim("run " + a + "/scenario.yaml --quiet --threads 1 --out " + b).exit_code, 0);
  for (const char* f : {"jobs.csv", "requests.csv", "nodes.csv", "timeseries.csv", "failures.csv", "events.csv", "summary.json"})
    EXPECT_EQ(read_all(a + "/" + f), read_all(b + "/" + f)) << f;
}

TEST(Run, OverridesChangeTheRunAndAreValidatedLikeTheFile) {
  const std::string out = out_dir("override");
  const auto r = run_orbitsim(
      "run workloads/scenarios/starlink_shell1_training.yaml --quiet --set training.placement=least-loaded "
      "--set platform.network.topology_epoch_s=10 --out " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string scenario = read_all(out + "/scenario.yaml");
  EXPECT_NE(scenario.find("placement: least-loaded"), std::string::npos);
  EXPECT_NE(read_all(out + "/platform.yaml").find("topology_epoch_s: 10"), std::string::npos);
  const auto bad = run_orbitsim("run workloads/scenarios/starlink_shell1_training.yaml --set training.placement=random");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("training.placement: expected one of contiguous-in-plane, least-loaded, cluster, power-aware, got \"random\""),
            std::string::npos) << bad.err;
}

// MFU is the catalog's model FLOP utilisation (0.40) scaled by the share of the time a job's satellites
// spent computing, and by 3/4 under full recomputation (its extra forward pass is not model FLOPs):
// recomputed here from jobs.csv of a failure-free training run.
// Young's interval (ckpt_interval_iters -1) is sized by the run's own satellite and SEFI failures: none,
// never a checkpoint; more, a shorter interval, as tau ~ 1 / sqrt(rate).
TEST(Run, TheAutomaticCheckpointIntervalFollowsTheRunsFailureRate) {
  struct Sized {
    long interval = -1;
    double stops = 0;
  };
  auto run = [](const std::string& rate) {
    const std::string out = out_dir("young_" + rate);
    const auto r = run_orbitsim("run workloads/scenarios/starlink_shell1_default.yaml --quiet --set duration_s=300 "
                                "--set workload.requests= --set faults.sefi_rate_per_accelerator_day=" + rate + " --out " + out);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    Sized s;
    for (const auto& row : csv_rows(read_all(out + "/failures.csv"))) s.stops += row.at("kind") == "sefi" ? 1 : 0;
    for (const auto& row : csv_rows(read_all(out + "/jobs.csv")))
      if (row.at("job_id") == "llama7b-dp22-auto") s.interval = std::stol(row.at("checkpoint_interval_iters"));
    return s;
  };
  EXPECT_EQ(run("0").interval, 0);
  const Sized slow = run("1"), fast = run("8");
  ASSERT_GT(slow.stops, 0);
  ASSERT_GT(fast.stops, slow.stops);
  EXPECT_GT(fast.interval, 1);
  EXPECT_NEAR(static_cast<double>(fast.interval), slow.interval * std::sqrt(slow.stops / fast.stops), 1.0)
      << slow.interval << " for " << slow.stops << " SEFIs vs " << fast.interval << " for " << fast.stops;
}

TEST(Run, MfuIsTheCatalogsUtilisationTimesTheShareOfTimeSpentComputing) {
  const std::string out = out_dir("mfu");
  ASSERT_EQ(run_orbitsim("run workloads/scenarios/starlink_shell1_training.yaml --quiet --out " + out).exit_code, 0);
  std::istringstream in(read_all(out + "/jobs.csv"));
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header;
  for (std::stringstream ss(line); std::getline(ss, line, ',');) header.push_back(line);
  double model_s = 0.0, held_s = 0.0;
  while (std::getline(in, line)) {
    std::map<std::string, std::string> f;
    std::stringstream ss(line);
    for (const auto& name : header) std::getline(ss, f[name], ',');
    ASSERT_EQ(f["status"], "finished") << line;
    ASSERT_EQ(f["restarts"], "0") << line;
    const double nodes = std::stod(f["num_nodes"]), recompute = f["activation_recompute"] == "full" ? 0.75 : 1.0;
    model_s += 0.40 * recompute * std::stod(f["mean_compute_s"]) * std::stod(f["iterations_done"]) * nodes;
    held_s += (std::stod(f["end_s"]) - std::stod(f["start_s"])) * nodes;
  }
  const double mfu = nlohmann::json::parse(read_all(out + "/summary.json"))["training"]["mfu"].get<double>();
  EXPECT_NEAR(mfu, model_s / held_s, 1e-6 * mfu);
  EXPECT_LT(mfu, 0.40);
}

// Orbit vs ground is one switch: the default scenario on platforms/ground_datacenters.yaml (the same
// cities, three data centres of 8 servers, no satellites) serves every request over fibre, each from the
// data centre nearest its city, its upload taking the fibre's delay at c / 1.468 plus the prompt's bytes.
TEST(Run, TheGroundBaselineIsOneSwitchAndServesEachCityFromItsNearestDataCentre) {
  const std::string out = out_dir("ground_baseline");
  const auto r = run_orbitsim("run workloads/scenarios/starlink_shell1_default.yaml --quiet "
                              "--set platform=../../platforms/ground_datacenters.yaml --out " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, std::pair<double, double>> city;
  std::ifstream cities(std::string(ORBITSIM_SOURCE_DIR) + "/platforms/ground/hypatia_cities_top100.basic.txt");
  for (std::string line; std::getline(cities, line);) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string x; std::getline(ss, x, ',');) f.push_back(x);
    city[f[1]] = {std::stod(f[2]), std::stod(f[3])};
  }
  const std::map<std::string, std::pair<double, double>> site{
      {"virginia", {39.0438, -77.4874}}, {"frankfurt", {50.1109, 8.6821}}, {"singapore", {1.2897, 103.8501}}};
  auto great_circle_m = [](std::pair<double, double> a, std::pair<double, double> b) {
    const double p1 = a.first * M_PI / 180, p2 = b.first * M_PI / 180, dl = (b.second - a.second) * M_PI / 180;
    const double h = std::pow(std::sin((p2 - p1) / 2), 2) + std::cos(p1) * std::cos(p2) * std::pow(std::sin(dl / 2), 2);
    return 2 * 6371e3 * std::asin(std::sqrt(h));
  };
  const auto rows = csv_rows(read_all(out + "/requests.csv"));
  ASSERT_EQ(rows.size(), 1482u);
  size_t at_formula = 0;
  for (const auto& row : rows) {
    ASSERT_EQ(row.at("status"), "finished") << row.at("req_id") << ": " << row.at("reason");
    const std::string server = row.at("serving_satellite"), dc = server.substr(0, server.find("_s"));
    ASSERT_TRUE(site.count(dc)) << server;
    EXPECT_EQ(row.at("uplink_hops"), "1");
    const auto where = city.at(row.at("source_gs"));
    double nearest_m = 1e300;
    for (const auto& [name, at] : site) nearest_m = std::min(nearest_m, great_circle_m(where, at));
    const double chosen_m = great_circle_m(where, site.at(dc));
    EXPECT_LE(chosen_m, 1.005 * nearest_m) << row.at("source_gs") << " served in " << dc;
    // Up: the fibre's delay (a 6,371 km sphere is within 1 % of the ellipsoid) plus the prompt at 100 Gbit/s,
    // more only while another upload from the city to that server shares the link.
    const double formula_s = chosen_m * 1.468 / 299792458.0 + std::stod(row.at("input_tokens")) * 4.0 * 8 / 100e9;
    const double uplink_s = std::stod(row.at("uplink_s"));
    EXPECT_GE(uplink_s, 0.99 * formula_s - 1e-6) << row.at("req_id");
    at_formula += std::fabs(uplink_s - formula_s) <= 0.01 * formula_s + 2e-6 ? 1 : 0;
  }
  EXPECT_GE(at_formula, rows.size() * 95 / 100);
  const auto summary = nlohmann::json::parse(read_all(out + "/summary.json"));
  // Training: a job runs on one data centre's servers (8 each), over its fabric; larger ones fail at once.
  for (const auto& job : csv_rows(read_all(out + "/jobs.csv"))) {
    if (std::stoi(job.at("num_nodes")) > 8) {
      EXPECT_EQ(job.at("status"), "failed") << job.at("job_id");
      EXPECT_NE(job.at("failure").find("in orbit or in one data centre, the largest has 8"), std::string::npos);
      continue;
    }
    EXPECT_EQ(job.at("status"), "finished") << job.at("job_id") << ": " << job.at("failure");
    std::set<std::string> sites;
    std::stringstream nodes(job.at("satellites"));
    for (std::string node; std::getline(nodes, node, ';');) sites.insert(node.substr(0, node.find("_s")));
    EXPECT_EQ(sites.size(), 1u) << job.at("job_id") << ": " << job.at("satellites");
  }
  EXPECT_EQ(summary["training"]["jobs_by_status"].value("finished", 0), 2);
}

TEST(Run, ABadJobRowIsReportedWithFileLineAndColumn) {
  const auto dir = std::filesystem::temp_directory_path() / "orbitsim_run_test_bad_jobs";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "jobs.csv") << "# test\njob_id,arrival_s,model,num_nodes,iterations,iter_compute_s,zero_stage\n"
                                     "a,0,llama2-7b,4,10,1.5,1\nb,5,llama2-7b,many,10,1.5,1\n";
  std::ofstream(dir / "scenario.yaml") << "name: bad\nplatform: " << ORBITSIM_SOURCE_DIR
                                       << "/platforms/suncatcher_cluster.yaml\nworkload:\n  models: " << ORBITSIM_SOURCE_DIR
                                       << "/workloads/models.yaml\n  jobs: jobs.csv\n";
  const auto r = run_orbitsim("run " + (dir / "scenario.yaml").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "orbitsim: " + (dir / "jobs.csv").string() + ":4: num_nodes: expected an integer in [1, 81], got \"many\"\n");
}

TEST(Run, FailuresAreTheSameForEveryPolicyOfASeedAndCanBeReplayed) {
  const std::string none = out_dir("fail_none"), restart = out_dir("fail_restart"), replay = out_dir("fail_replay");
  const std::string common = "run workloads/scenarios/starlink_shell1_training.yaml --quiet --seed 3 "
                             "--set faults.satellite_failure_rate_per_day=20 ";
  ASSERT_EQ(run_orbitsim(common + "--set failover.training=none --out " + none).exit_code, 0);
  ASSERT_EQ(run_orbitsim(common + "--set failover.training=checkpoint-restart --out " + restart).exit_code, 0);
  const std::string failures = read_all(none + "/failures.csv");
  // Each of the 1,584 satellites fails at most once (for good), exponentially at 20 per day: over the
  // 1,800 s a binomial count of mean 1,584 (1 - exp(-20 x 1,800 / 86,400)) = 539.8, sd 18.9.
  const auto drawn = csv_rows(failures);
  const double p = 1.0 - std::exp(-20.0 * 1800.0 / 86400.0);
  EXPECT_NEAR(static_cast<double>(drawn.size()), 1584 * p, 4.0 * std::sqrt(1584 * p * (1.0 - p)));
  for (const auto& row : drawn) EXPECT_EQ(row.at("kind") + "/" + row.at("cause"), "satellite/exponential");
  EXPECT_EQ(read_all(restart + "/failures.csv"), failures);  // common random numbers
  const auto summary_none = nlohmann::json::parse(read_all(none + "/summary.json"));
  const auto summary_restart = nlohmann::json::parse(read_all(restart + "/summary.json"));
  EXPECT_GT(summary_none["training"]["jobs_by_status"].value("failed", 0), 0);
  // events.csv: every failure replayed at its time, and each job's state changes ending in its status,
  // a failed job's with the failure that ended it.
  const auto events = csv_rows(read_all(none + "/events.csv"));
  std::multiset<std::pair<std::string, std::string>> failed_events, failure_rows;
  for (const auto& e : events)
    if (e.at("subsystem") == "faults" && e.at("event") == "failed") failed_events.insert({e.at("time_s"), e.at("entity")});
  for (const auto& f : csv_rows(failures))
    failure_rows.insert({fmt_time(std::stod(f.at("time_s"))), f.at("target")});
  EXPECT_EQ(failed_events, failure_rows);
  std::map<std::string, std::pair<std::string, std::string>> last;  // job -> (event, detail)
  double previous_s = 0.0;
  for (const auto& e : events) {
    EXPECT_GE(std::stod(e.at("time_s")), previous_s);
    previous_s = std::stod(e.at("time_s"));
    if (e.at("subsystem") == "training") last[e.at("entity")] = {e.at("event"), e.at("detail")};
  }
  for (const auto& job : csv_rows(read_all(none + "/jobs.csv"))) {
    EXPECT_EQ(last[job.at("job_id")].first, job.at("status")) << job.at("job_id");
    if (job.at("status") == "failed") EXPECT_EQ(last[job.at("job_id")].second, job.at("failure"));
  }
  EXPECT_LT(summary_restart["training"]["jobs_by_status"].value("failed", 0),
            summary_none["training"]["jobs_by_status"].value("failed", 0));
  // Replaying the written failures with the model off gives the same run.
  ASSERT_EQ(run_orbitsim("run workloads/scenarios/starlink_shell1_training.yaml --quiet --seed 3 "
                         "--set failover.training=none --set faults.trace=" + none + "/failures.csv --out " + replay)
                .exit_code, 0);
  EXPECT_EQ(read_all(replay + "/jobs.csv"), read_all(none + "/jobs.csv"));
}

// A failure whose node is marked down but whose host SimGrid turns off a few simcalls later, while a
// checkpoint-restart recovery starts its transfers: this run once aborted inside SimGrid
// (CommImpl.cpp:144 `to_->is_on()`), found by workloads/sweeps/failure_rate_vs_policy.yaml.
TEST(Run, ATransferStartedAsItsEndFailsNeverAbortsTheRun) {
  const std::string out = out_dir("host_off_race");
  const auto r = run_orbitsim("run workloads/scenarios/suncatcher_failover.yaml --quiet --seed 9 --set faults.rate_scale=2"
                              " --set failover.training=checkpoint-restart --out " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto summary = nlohmann::json::parse(read_all(out + "/summary.json"));
  EXPECT_EQ(summary["training"]["jobs_by_status"].value("finished", 0), summary["training"]["jobs_submitted"].get<int>());
  EXPECT_GT(summary["failures"]["total"].get<int>(), 0);
}

// Every scenario shipped in workloads/scenarios runs (a short horizon), registered from the listing.
class ShippedScenario : public ::testing::TestWithParam<std::string> {};

TEST_P(ShippedScenario, RunsAndWritesItsOutputs) {
  const std::string name = std::filesystem::path(GetParam()).stem().string();
  const std::string out = out_dir("shipped_" + name);
  const auto r = run_orbitsim("run " + GetParam() + " --quiet --set duration_s=120 --out " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto summary = nlohmann::json::parse(read_all(out + "/summary.json"));
  EXPECT_EQ(summary["simulated_s"], 120.0);
  for (const char* f : {"jobs.csv", "requests.csv", "nodes.csv", "timeseries.csv", "failures.csv", "events.csv"})
    EXPECT_TRUE(std::filesystem::exists(out + "/" + f)) << f;
  EXPECT_EQ(summary.contains("power"), std::filesystem::exists(out + "/power.csv"));  // power modelled: its outputs
}

std::vector<std::string> shipped_scenarios() {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(std::string(ORBITSIM_SOURCE_DIR) + "/workloads/scenarios"))
    if (e.path().extension() == ".yaml") files.push_back("workloads/scenarios/" + e.path().filename().string());
  std::sort(files.begin(), files.end());
  return files;
}

INSTANTIATE_TEST_SUITE_P(Scenarios, ShippedScenario, ::testing::ValuesIn(shipped_scenarios()), [](const auto& info) {
  std::string n = std::filesystem::path(info.param).stem().string();
  std::replace_if(n.begin(), n.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
  return n;
});


// workloads/scenarios/suncatcher_pipeline*.yaml: Llama-2-70B on 81 satellites, 9 x 9 pipelines and
// ZeRO-3 over 81 ranks. The 1F1B bubble is (p - 1) / m of the compute; over the 53 deg shell's 100 Gbps
// ISLs ZeRO-3's collectives cost far more than the pipeline's, on the 1.6 Tbps cluster they do not.
TEST(Run, PipelinesMakeTheInclinedShellTrainableWhereZero3NeedsTheCluster) {
  std::map<std::string, std::map<std::string, double>> exposed_s, iteration_s;
  for (const std::string platform : {"", "_inclined"}) {
    const std::string out = out_dir("pipeline" + platform);
    const auto r = run_orbitsim("run workloads/scenarios/suncatcher_pipeline" + platform + ".yaml --quiet --out " + out);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const auto& job : csv_rows(read_all(out + "/jobs.csv"))) {
      ASSERT_EQ(job.at("status"), "finished") << job.at("job_id");
      exposed_s[platform][job.at("job_id")] = std::stod(job.at("mean_exposed_comm_s"));
      iteration_s[platform][job.at("job_id")] = std::stod(job.at("mean_iteration_s"));
      if (job.at("pipeline_stages") == "9") {
        EXPECT_EQ(job.at("micro_batches"), "36");
        EXPECT_NEAR(std::stod(job.at("mean_bubble_s")), 8.0 / 36.0 * std::stod(job.at("mean_compute_s")), 1e-3);
      }
    }
  }
  const std::string pp = "llama70b-pp9-dp9", zero3 = "llama70b-zero3-dp81";
  EXPECT_GT(exposed_s["_inclined"][pp], exposed_s[""][pp]);           // 100 Gbps and 4,700 km hops cost
  EXPECT_GT(exposed_s["_inclined"][zero3], 3 * exposed_s["_inclined"][pp]);
  EXPECT_LT(iteration_s["_inclined"][pp], iteration_s["_inclined"][zero3]);  // pipelines win on the shell
  EXPECT_LT(iteration_s[""][zero3], iteration_s[""][pp]);                    // no bubble wins on the cluster
}

}  // namespace
}  // namespace orbitsim
