// `orbitsim compare` end to end: policies against the same failures with confidence intervals, an
// interrupted comparison summarising the runs that completed, a failed run reported as such.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "run_command.hpp"

namespace orbitsim {
namespace {

using testing::count_lines;
using testing::csv_rows;
using testing::read_all;
using testing::run_orbitsim;

std::string out_dir(const std::string& name) {
  return testing::vacant_temp_path("orbitsim_compare_test_" + name);
}

TEST(Compare, PoliciesSeeTheSameFailuresAndCheckpointRestartDegradesMoreGracefully) {
  const std::string out = out_dir("compare");
  const auto r = run_orbitsim("compare workloads/scenarios/starlink_shell1_training.yaml --policies none,checkpoint-restart "
                              "--seeds 1:2 --failure-scale 0,1 --set faults.satellite_failure_rate_per_day=20 --out " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string csv = read_all(out + "/comparison.csv");
  ASSERT_EQ(count_lines(csv), 6u) << csv;  // method line, header, 2 policies x 2 scales
  ASSERT_EQ(csv.rfind("# ci95: percentile bootstrap", 0), 0u) << csv;
  std::map<std::string, std::vector<double>> finished;  // "policy@scale" -> jobs finished: mean, sd, low, high
  std::stringstream ss(csv);
  std::string line;
  std::getline(ss, line);
  std::getline(ss, line);
  ASSERT_EQ(line.rfind("policy,failure_scale,kill_fraction,runs,jobs_finished_fraction_mean,jobs_finished_fraction_sd,"
                       "jobs_finished_fraction_ci95_low,jobs_finished_fraction_ci95_high,", 0), 0u) << line;
  while (std::getline(ss, line)) {
    std::vector<std::string> f;
    std::stringstream fields(line);
    for (std::string x; std::getline(fields, x, ',');) f.push_back(x);
    for (int i = 4; i < 8; ++i) finished[f[0] + "@" + f[1]].push_back(std::stod(f[static_cast<size_t>(i)]));
  }
  EXPECT_EQ(finished["none@0"][0], 1.0);
  EXPECT_EQ(finished["checkpoint-restart@0"][0], 1.0);
  EXPECT_EQ(finished["none@0"][1], 0.0);  // the same in both seeds: no spread, a point interval
  EXPECT_EQ(finished["none@0"][3], 1.0);
  EXPECT_GT(finished["checkpoint-restart@1"][0], finished["none@1"][0]);
  for (const auto& [group, v] : finished) {  // a fraction's interval stays a fraction, around its mean
    EXPECT_GE(v[2], 0.0) << group;
    EXPECT_LE(v[3], 1.0) << group;
    EXPECT_LE(v[2], v[0]) << group;
    EXPECT_GE(v[3], v[0]) << group;
  }
  // A restarted job computed more than it kept: its throughput exceeds its goodput by the iterations lost.
  int restarted = 0;
  for (const char* run : {"c1-checkpoint-restart-s1", "c1-checkpoint-restart-s2"})
    for (const auto& row : csv_rows(read_all(out + "/runs/" + run + "/jobs.csv"))) {
      if (row.at("goodput_tokens_per_s").empty() || std::stol(row.at("lost_iterations")) == 0) continue;
      ++restarted;
      const double done = std::stod(row.at("iterations_done")), lost = std::stod(row.at("lost_iterations"));
      const double goodput = std::stod(row.at("goodput_tokens_per_s")), throughput = std::stod(row.at("throughput_tokens_per_s"));
      EXPECT_GT(throughput, goodput) << run << " " << row.at("job_id");
      EXPECT_NEAR(throughput * done, goodput * (done + lost + std::stod(row.at("recomputed_steps"))), 1e-3 * throughput * done)
          << run << " " << row.at("job_id");
    }
  EXPECT_GT(restarted, 0);
  // Common random numbers: the two policies' runs of a seed drew the same failures.
  EXPECT_EQ(read_all(out + "/runs/c1-none-s2/failures.csv"), read_all(out + "/runs/c1-checkpoint-restart-s2/failures.csv"));
  EXPECT_EQ(std::system(("/usr/bin/python3 " + std::string(ORBITSIM_SOURCE_DIR) + "/tools/plot_compare.py " + out +
                         " > /dev/null").c_str()), 0);
  EXPECT_TRUE(std::filesystem::exists(out + "/degradation_jobs_finished_fraction.png"));
}

TEST(Compare, AnInterruptedComparisonStopsItsRunsAndSummarisesTheCompletedOnes) {
  const std::string out = out_dir("compare_interrupted");
  const std::string cmd = "cd '" + std::string(ORBITSIM_SOURCE_DIR) + "' && ('" + ORBITSIM_EXE +
                          "' compare workloads/scenarios/starlink_shell1_default.yaml --policies none --seeds 1:40 --jobs 1"
                          " --set duration_s=300 --out " + out + " > /dev/null 2>&1 & pid=$!; sleep 6; kill -TERM $pid;"
                          " wait $pid; echo $? > " + out + ".rc)";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  ASSERT_EQ(std::stoi(read_all(out + ".rc")), 143) << "the comparison ended before the signal, or did not stop for it";
  const std::string csv = read_all(out + "/comparison.csv");
  ASSERT_EQ(csv.rfind("# incomplete: interrupted by SIGTERM; ", 0), 0u) << csv;
  const int completed = std::stoi(csv.substr(csv.find("SIGTERM; ") + 9));
  EXPECT_LT(completed, 40);  // 40 runs take far longer than the 6 s before the signal
  int interrupted = 0, finished = 0;
  for (int seed = 1; seed <= 40; ++seed) {
    const std::string summary = out + "/runs/c0-none-s" + std::to_string(seed) + "/summary.json";
    if (!std::filesystem::exists(summary)) continue;  // never started
    (nlohmann::json::parse(read_all(summary))["interrupted"].get<bool>() ? interrupted : finished) += 1;
  }
  EXPECT_EQ(finished, completed);
  EXPECT_LE(interrupted, 1);  // the run under way when the signal came
  // One row for the policy when a run completed (its "runs" column says how many), none otherwise.
  EXPECT_EQ(count_lines(csv), completed > 0 ? 4u : 3u) << csv;
  if (completed > 0) EXPECT_NE(csv.find("\nnone,1,0," + std::to_string(completed) + ","), std::string::npos) << csv;
}

// A run that fails for a reason other than its input (here: its output folder is a file) makes the
// comparison fail with exit 1, not 2 (bad input), and the other runs still complete.
TEST(Compare, AFailedRunIsAFailureOfTheMachineNotOfTheInput) {
  const std::string out = out_dir("compare_failed_run");
  std::filesystem::remove_all(out);
  std::filesystem::create_directories(out + "/runs");
  std::ofstream(out + "/runs/c0-none-s2") << "not a folder\n";
  const auto r = run_orbitsim("compare workloads/scenarios/starlink_shell1_default.yaml --policies none --seeds 1:2 "
                              "--jobs 1 --set duration_s=20 --out " + out);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("run " + out + "/runs/c0-none-s2 failed"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("orbitsim: error: 1 of 2 runs failed (messages above)"), std::string::npos) << r.err;
  EXPECT_TRUE(std::filesystem::exists(out + "/runs/c0-none-s1/summary.json"));
}

}  // namespace
}  // namespace orbitsim
