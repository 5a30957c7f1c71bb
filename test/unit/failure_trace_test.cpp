// Failure data: drawn failures follow the configured rate and depend on the seed alone; failures.csv
// round-trips and bad rows are named by file and line.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "core/input_error.hpp"
#include "faults/failure_trace.hpp"

namespace orbitsim {
namespace {

std::vector<std::string> names(int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back("sat" + std::to_string(i));
  return out;
}

TEST(FailureDraws, CountsAgreeWithTheRateAndTheSeedAloneDecides) {
  const int n = 20000;
  const double rate_per_day = 0.01, horizon_s = 30 * 86400.0;
  const auto a = draw_satellite_failures(names(n), rate_per_day, horizon_s, 7);
  // Each satellite fails within the horizon with p = 1 - exp(-rate * days): binomial mean and sigma.
  const double p = 1.0 - std::exp(-rate_per_day * 30.0);
  EXPECT_NEAR(static_cast<double>(a.size()), n * p, 4.0 * std::sqrt(n * p * (1.0 - p)));
  EXPECT_EQ(draw_satellite_failures(names(n), rate_per_day, horizon_s, 7).size(), a.size());
  const auto b = draw_satellite_failures(names(n), rate_per_day, horizon_s, 7);
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].time_s, b[i].time_s);
  EXPECT_NE(draw_satellite_failures(names(n), rate_per_day, horizon_s, 8).front().time_s, a.front().time_s);
  for (size_t i = 1; i < a.size(); ++i) EXPECT_LE(a[i - 1].time_s, a[i].time_s);
  EXPECT_TRUE(draw_satellite_failures(names(n), 0.0, horizon_s, 7).empty());
}

TEST(FailureTrace, RoundTripsAndRejectsUnknownTargets) {
  const auto dir = std::filesystem::temp_directory_path() / "orbitsim_failure_trace_test";
  std::filesystem::create_directories(dir);
  const std::vector<std::string> nodes{"s0", "s1", "Tokyo"};
  const std::vector<FailureEvent> events{{5.0, "s1", "satellite"}, {7.5, "Tokyo", "station", 60.0}};
  std::ofstream(dir / "f.csv") << failure_trace_csv(events);
  const auto back = read_failure_trace((dir / "f.csv").string(), nodes, 2);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].target, "s1");
  EXPECT_TRUE(std::isinf(back[0].duration_s));
  EXPECT_EQ(back[1].duration_s, 60.0);
  std::ofstream(dir / "bad.csv") << "time_s,target,kind,duration_s\n1,s0,satellite,\n2,Tokyo,satellite,\n";
  try {
    read_failure_trace((dir / "bad.csv").string(), nodes, 2);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), (dir / "bad.csv").string() +
                                         ":3: target: expected the name of a satellite of the platform, got \"Tokyo\"");
  }
}

}  // namespace
}  // namespace orbitsim
