// The network as users meet it end to end: the shipped multi-shell constellation carries a whole
// failure-free hour of diurnal LLM load without losing a request; tokens sent as delays give what tokens
// sent as SimGrid flows give.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "run_command.hpp"

namespace orbitsim {
namespace {

using testing::csv_rows;
using testing::read_all;
using testing::run_orbitsim;

TEST(Gen1, AFailureFreeHourOfDiurnalLoadFinishesEveryRequest) {
  const auto out = (std::filesystem::temp_directory_path() / "orbitsim_network_run_test_gen1_hour").string();
  std::filesystem::remove_all(out);
  const auto r = run_orbitsim("run workloads/scenarios/starlink_gen1_diurnal_hour.yaml --quiet --out " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto rows = csv_rows(read_all(out + "/requests.csv"));
  ASSERT_EQ(rows.size(), 7996u);
  for (const auto& row : rows) EXPECT_EQ(row.at("status"), "finished") << row.at("req_id") << ": " << row.at("reason");
  const auto summary = nlohmann::json::parse(read_all(out + "/summary.json"));
  EXPECT_EQ(summary["inference"]["requests_by_status"]["finished"], 7996) << summary.dump(2);
}

// Both ways of sending tokens under satellite, accelerator, terminal and station failures (retries
// included): the same outcome for every request, and its times within the 1 us that requests.csv prints.
TEST(Tokens, AsDelaysTheyArriveWhenAsFlowsTheyWouldUnderFailures) {
  std::vector<std::map<std::string, std::string>> runs[2];
  for (int i = 0; i < 2; ++i) {
    const std::string model = i == 0 ? "flow" : "delay";
    const auto out = (std::filesystem::temp_directory_path() / ("orbitsim_network_run_test_tokens_" + model)).string();
    std::filesystem::remove_all(out);
    const auto r = run_orbitsim("run workloads/scenarios/starlink_shell1_inference_failover.yaml --quiet --set duration_s=300 "
                                "--set faults.satellite_failure_rate_per_day=30 --set faults.station_outage_rate_per_day=50 "
                                "--set inference.token_transfer=" + model + " --out " + out);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    runs[i] = csv_rows(read_all(out + "/requests.csv"));
  }
  ASSERT_EQ(runs[0].size(), runs[1].size());
  int finished = 0, retried = 0;
  for (size_t k = 0; k < runs[0].size(); ++k) {
    const auto &flow = runs[0][k], &delay = runs[1][k];
    for (const char* field : {"req_id", "status", "reason", "serving_satellite", "attempts", "resends", "stream_handovers"})
      EXPECT_EQ(flow.at(field), delay.at(field)) << flow.at("req_id") << " " << field;
    for (const char* field : {"prompt_delivered_s", "first_token_s", "last_token_s", "e2e_s", "max_token_gap_s"})
      if (!flow.at(field).empty() && !delay.at(field).empty())
        EXPECT_NEAR(std::atof(flow.at(field).c_str()), std::atof(delay.at(field).c_str()), 1.5e-6) << flow.at("req_id") << " " << field;
    finished += flow.at("status") == "finished";
    retried += std::atoi(flow.at("attempts").c_str()) > 1;
  }
  EXPECT_GT(finished, 100);
  EXPECT_GT(retried, 0);  // failures reached requests
}

}  // namespace
}  // namespace orbitsim
