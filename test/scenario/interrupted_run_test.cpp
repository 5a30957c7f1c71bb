// An `orbitsim run` stopped by SIGINT or SIGTERM: outputs as of where it stopped, equal to the whole
// run's up to there, readable by the plotting script, and the signal's exit code.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
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
  return testing::vacant_temp_path("orbitsim_interrupted_run_test_" + name);
}

// Runs the default scenario in the background and sends `signal` after `after_s` of wall time; returns
// the exit code.
int run_and_interrupt(const std::string& out, const char* signal, double after_s) {
  const std::string rc_file = out + ".rc";
  const std::string cmd = "cd '" + std::string(ORBITSIM_SOURCE_DIR) + "' && ('" + ORBITSIM_EXE +
                          "' run workloads/scenarios/starlink_shell1_default.yaml --quiet --out " + out +
                          " > /dev/null 2>&1 & pid=$!; sleep " + std::to_string(after_s) + "; kill -" + signal +
                          " $pid; wait $pid; echo $? > " + rc_file + ")";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
  return std::stoi(read_all(rc_file));
}

// Lines of a CSV whose first column (a time) is at most `until`, header included.
std::vector<std::string> lines_until(const std::string& csv, double until, size_t time_column = 0) {
  std::vector<std::string> out;
  std::stringstream ss(csv);
  std::string line;
  while (std::getline(ss, line)) {
    std::stringstream fields(line);
    std::string field;
    for (size_t i = 0; i <= time_column; ++i) std::getline(fields, field, ',');
    if (out.empty() || std::stod(field) <= until) out.push_back(line);
  }
  return out;
}

TEST(Run, AnInterruptedRunWritesItsOutputsAsOfWhereItStopped) {
  const std::string full = out_dir("interrupt_reference"), cut = out_dir("interrupt_sigint");
  const auto started = std::chrono::steady_clock::now();
  ASSERT_EQ(run_orbitsim("run workloads/scenarios/starlink_shell1_default.yaml --quiet --out " + full).exit_code, 0);
  // Half-way through the run as this machine runs it (its setup, before the signals are watched, is far
  // shorter): a fixed delay would come after the end on a fast machine.
  const double halfway_s = 0.5 * std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ASSERT_EQ(run_and_interrupt(cut, "INT", halfway_s), 130) << "the run ended before the signal, or did not stop for it";
  const auto summary = nlohmann::json::parse(read_all(cut + "/summary.json"));
  const auto info = nlohmann::json::parse(read_all(cut + "/run_info.json"));
  EXPECT_TRUE(summary["interrupted"].get<bool>());
  EXPECT_EQ(info["interruption"]["signal"], "SIGINT");
  const double reached = summary["simulated_s"].get<double>();
  EXPECT_GT(reached, 0.0);
  EXPECT_LT(reached, 1800.0);
  EXPECT_EQ(info["interruption"]["simulated_s"].get<double>(), reached);
  // Up to the interruption, the rows are those of the uninterrupted run (at the very instant it stopped,
  // a sample or a failure may or may not have been taken yet).
  const double before = reached - 1e-6;
  const auto samples = lines_until(read_all(cut + "/timeseries.csv"), before);
  EXPECT_EQ(samples, lines_until(read_all(full + "/timeseries.csv"), before));
  EXPECT_GT(samples.size(), 2u);
  EXPECT_EQ(lines_until(read_all(cut + "/failures.csv"), before), lines_until(read_all(full + "/failures.csv"), before));
  EXPECT_EQ(lines_until(read_all(cut + "/timeseries.csv"), reached), lines_until(read_all(cut + "/timeseries.csv"), 1e9));
  std::map<std::string, std::string> reference;
  for (const auto& row : csv_rows(read_all(full + "/requests.csv"))) reference[row.at("req_id")] = row.at("last_token_s");
  int finished = 0;
  for (const auto& row : csv_rows(read_all(cut + "/requests.csv")))
    if (row.at("status") == "finished") {
      ++finished;
      EXPECT_EQ(row.at("last_token_s"), reference.at(row.at("req_id")));
      EXPECT_LE(std::stod(row.at("last_token_s")), reached);
    }
  EXPECT_GT(finished, 0);
  EXPECT_EQ(count_lines(read_all(cut + "/requests.csv")), count_lines(read_all(full + "/requests.csv")));  // every request
  // The plotting script reads the folder.
  EXPECT_EQ(std::system(("cd '" + std::string(ORBITSIM_SOURCE_DIR) + "' && /usr/bin/python3 tools/plot_run.py " + cut +
                         " --to " + cut + "/plots > /dev/null")
                            .c_str()),
            0);
  // SIGTERM (a batch system's way) stops it the same way, with its own exit code.
  const std::string term = out_dir("interrupt_sigterm");
  ASSERT_EQ(run_and_interrupt(term, "TERM", halfway_s), 143);
  EXPECT_TRUE(nlohmann::json::parse(read_all(term + "/summary.json"))["interrupted"].get<bool>());
}

}  // namespace
}  // namespace orbitsim
