// The network as users meet it end to end: the shipped multi-shell constellation carries a whole
// failure-free hour of diurnal LLM load without losing a request.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

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

}  // namespace
}  // namespace orbitsim
