// `orbitsim sweep`: every point of a grid runs with its own effective scenario, points that differ only
// in policy see the same failures, sweep.csv aggregates each metric over seeds within its range, a
// failed point is reported by id and --resume runs only what is missing, and bad sweeps are refused
// before anything runs.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "run_command.hpp"

namespace orbitsim {
namespace {

using testing::count_lines;
using testing::read_all;
using testing::run_orbitsim;

std::string dir_for(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("orbitsim_sweep_test_" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

std::string write(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
  return path;
}

const std::string kTrainingSweep =
    "scenario: " + std::string(ORBITSIM_SOURCE_DIR) + "/workloads/scenarios/starlink_shell1_training.yaml\n"
    "set: {duration_s: 600, faults.satellite_failure_rate_per_day: 20}\n"
    "axes:\n  - {key: faults.rate_scale, values: [0, 1]}\n"
    "policies: [none, checkpoint-restart]\n"
    "seeds: {from: 1, to: 2}\n"
    "metrics: [jobs_finished_fraction, lost_iterations]\n";

std::vector<std::vector<std::string>> rows(const std::string& csv) {
  std::vector<std::vector<std::string>> out;
  std::istringstream in(csv);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::stringstream fields(line);
    for (std::string x; std::getline(fields, x, ',');) f.push_back(x);
    out.push_back(f);
  }
  return out;
}

TEST(Sweep, AGridRunsEveryPointWithCommonRandomNumbersAndAggregatesOverSeeds) {
  const std::string dir = dir_for("grid");
  const std::string sweep = write(dir + "/s.yaml", kTrainingSweep);
  const auto r = run_orbitsim("sweep " + sweep + " --out " + dir + "/out");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string csv = read_all(dir + "/out/sweep.csv");
  ASSERT_EQ(csv.rfind("# ci95: percentile bootstrap", 0), 0u) << csv;
  const auto table = rows(csv);
  ASSERT_EQ(table.size(), 1u + 2 * 2 * 2) << csv;  // header, 2 scales x 2 policies x 2 metrics
  EXPECT_EQ(table[0], (std::vector<std::string>{"combination", "faults.rate_scale", "policy", "metric", "runs", "mean", "sd",
                                                "ci95_low", "ci95_high"}));
  // Each point ran with its own effective scenario: the axis value and the policy are in it.
  const std::string effective = read_all(dir + "/out/runs/c1-checkpoint-restart-s2/scenario.yaml");
  EXPECT_NE(effective.find("rate_scale: 1"), std::string::npos);
  EXPECT_NE(effective.find("training: checkpoint-restart"), std::string::npos);
  // Common random numbers: the same failures for both policies of a seed.
  EXPECT_EQ(read_all(dir + "/out/runs/c1-none-s2/failures.csv"), read_all(dir + "/out/runs/c1-checkpoint-restart-s2/failures.csv"));
  // The mean is the seeds' mean, the interval a fraction's.
  std::map<std::string, std::vector<std::string>> by_key;
  for (size_t i = 1; i < table.size(); ++i) by_key[table[i][1] + "/" + table[i][2] + "/" + table[i][3]] = table[i];
  double sum = 0.0;
  for (int seed : {1, 2}) {
    const auto s = nlohmann::json::parse(read_all(dir + "/out/runs/c1-none-s" + std::to_string(seed) + "/summary.json"));
    sum += s["training"]["jobs_by_status"].value("finished", 0) / s["training"]["jobs_submitted"].get<double>();
  }
  const auto& fraction = by_key.at("1/none/jobs_finished_fraction");
  EXPECT_EQ(fraction[4], "2");
  EXPECT_NEAR(std::stod(fraction[5]), sum / 2, 1e-6);
  for (const auto& [key, row] : by_key)
    if (row[3] == "jobs_finished_fraction") {
      EXPECT_GE(std::stod(row[7]), 0.0) << key;
      EXPECT_LE(std::stod(row[8]), 1.0) << key;
    }
  EXPECT_EQ(by_key.at("0/none/lost_iterations")[5], "0");  // no failures at scale 0
  // The plotting script draws each metric against the axis.
  EXPECT_EQ(std::system(("/usr/bin/python3 " + std::string(ORBITSIM_SOURCE_DIR) + "/tools/plot_sweep.py " + dir +
                         "/out > /dev/null").c_str()), 0);
  EXPECT_GT(std::filesystem::file_size(dir + "/out/sweep_jobs_finished_fraction.png"), 10000u);
}

// A point whose output folder cannot be made fails; the others complete and are aggregated; --resume
// runs that point alone and the result is the uninterrupted sweep's, byte for byte.
TEST(Sweep, AFailedPointIsReportedByIdAndResumeRunsOnlyWhatIsMissing) {
  const std::string dir = dir_for("resume");
  const std::string sweep = write(dir + "/s.yaml", kTrainingSweep);
  ASSERT_EQ(run_orbitsim("sweep " + sweep + " --out " + dir + "/whole").exit_code, 0);
  std::filesystem::create_directories(dir + "/out/runs");
  write(dir + "/out/runs/c1-none-s2", "a file where the run's folder should be\n");
  const auto failed = run_orbitsim("sweep " + sweep + " --out " + dir + "/out");
  EXPECT_EQ(failed.exit_code, 1);
  EXPECT_NE(failed.err.find("1 points failed: c1-none-s2"), std::string::npos) << failed.err;
  const std::string partial = read_all(dir + "/out/sweep.csv");
  EXPECT_EQ(partial.rfind("# incomplete: 7 of 8 points complete; failed: c1-none-s2", 0), 0u) << partial;
  std::filesystem::remove(dir + "/out/runs/c1-none-s2");
  const auto resumed = run_orbitsim("sweep " + sweep + " --out " + dir + "/out --resume");
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.err.find("8 points, 1 to run (7 complete)"), std::string::npos) << resumed.err;
  EXPECT_EQ(read_all(dir + "/out/sweep.csv"), read_all(dir + "/whole/sweep.csv"));
  const auto dry = run_orbitsim("sweep " + sweep + " --out " + dir + "/out --resume --dry-run");
  EXPECT_EQ(dry.exit_code, 0);
  EXPECT_EQ(count_lines(dry.out), 9u);  // the plan and 8 points, all complete
  EXPECT_NE(dry.out.find("c1-none-s2  --seed 2 --set duration_s=600"), std::string::npos) << dry.out;
}

// The shipped sweeps are valid: every axis value makes a valid scenario (checked by --dry-run).
TEST(Sweep, TheShippedSweepsAreValid) {
  for (const auto& f : std::filesystem::directory_iterator(std::string(ORBITSIM_SOURCE_DIR) + "/workloads/sweeps")) {
    const auto r = run_orbitsim("sweep " + f.path().string() + " --dry-run");
    EXPECT_EQ(r.exit_code, 0) << f.path() << ": " << r.err;
    EXPECT_GE(count_lines(r.out), 11u) << f.path();
  }
}

TEST(Sweep, BadSweepsAreRefusedWithFileAndLineBeforeAnythingRuns) {
  const std::string dir = dir_for("bad");
  const std::string scenario = "scenario: " + std::string(ORBITSIM_SOURCE_DIR) + "/workloads/scenarios/starlink_shell1_default.yaml\n";
  for (const auto& [yaml, message] : std::vector<std::pair<std::string, std::string>>{
           {scenario + "axes:\n  - {key: training.bogus_key, values: [1]}\n", "s.yaml:3: axis training.bogus_key = 1: "},
           {scenario + "axes:\n  - {key: faults.rate_scale, range: {from: 2, to: 1, step: 1}}\n",
            "axes[0].range.to: expected a value >= from (2): the range is empty, got 1"},
           {scenario + "combine: zip\naxes:\n  - {key: faults.rate_scale, values: [1, 2]}\n  - {key: seed, values: [1]}\n",
            "axes[1].values: expected 2 values, as many as the first axis (combine: zip), got 1"},
           {scenario + "metrics: [happiness]\n", "metrics: expected metrics among jobs_finished_fraction"},
           {scenario + "policies: [none, pray]\n", "policies: expected policies among"},
           {scenario + "axes:\n  - {key: faults.rate_scale, range: {from: 0, to: 200, step: 1}}\nseeds: {from: 1, to: 100}\n",
            "20100 points (201 combinations x 1 policies x 100 seeds): more than 10000 runs need --yes"},
       }) {
    const std::string sweep = write(dir + "/s.yaml", yaml);
    const auto r = run_orbitsim("sweep " + sweep + " --out " + dir + "/out");
    EXPECT_EQ(r.exit_code, 2) << yaml;
    EXPECT_NE(r.err.find(message), std::string::npos) << yaml << "\n" << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir + "/out")) << yaml;
  }
}

}  // namespace
}  // namespace orbitsim
