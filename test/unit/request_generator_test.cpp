// Request generators: seeded and reproducible, with the statistical shape each one promises.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <numeric>
#include <sstream>

#include "config/platform_config.hpp"
#include "world/world_builder.hpp"
#include "core/constants.hpp"
#include "workload/request_generator.hpp"

namespace orbitsim {
namespace {

struct Row {
  double arrival_s;
  std::string station;
};

std::vector<Row> rows(const std::string& csv) {
  std::vector<Row> out;
  std::stringstream ss(csv);
  std::string line;
  while (std::getline(ss, line)) {
    if (line.empty() || line[0] == '#' || line.rfind("req_id", 0) == 0) continue;
    std::stringstream fields(line);
    std::string id, arrival, station;
    std::getline(fields, id, ',');
    std::getline(fields, arrival, ',');
    std::getline(fields, station, ',');
    out.push_back({std::stod(arrival), station});
  }
  return out;
}

GeneratorOptions options(const std::string& kind, double duration_s, double rate) {
  static const PlatformConfig config =
      load_platform_config(std::string(ORBITSIM_SOURCE_DIR) + "/platforms/starlink_gen1_shell1.yaml");
  static const World world = build_world(config);
  GeneratorOptions o;
  o.kind = kind;
  o.duration_s = duration_s;
  o.rate_per_s = rate;
  o.stations = world.ground_stations;
  o.epoch = config.epoch;
  return o;
}

std::pair<double, double> gap_mean_and_cv(const std::vector<Row>& r) {
  std::vector<double> gaps;
  for (size_t i = 1; i < r.size(); ++i) gaps.push_back(r[i].arrival_s - r[i - 1].arrival_s);
  const double mean = std::accumulate(gaps.begin(), gaps.end(), 0.0) / static_cast<double>(gaps.size());
  double var = 0.0;
  for (double g : gaps) var += (g - mean) * (g - mean);
  return {mean, std::sqrt(var / static_cast<double>(gaps.size())) / mean};
}

TEST(RequestGenerator, PoissonHasTheRateAndUnitCoefficientOfVariationAndIsSeeded) {
  const GeneratorOptions o = options("poisson", 20000.0, 1.0);
  const std::string csv = generate_requests(o);
  EXPECT_EQ(generate_requests(o), csv);
  GeneratorOptions other = o;
  other.seed = 2;
  EXPECT_NE(generate_requests(other), csv);
  const auto r = rows(csv);
  EXPECT_NEAR(static_cast<double>(r.size()), 20000.0, 5 * std::sqrt(20000.0));  // 5 sigma
  const auto [mean, cv] = gap_mean_and_cv(r);
  EXPECT_NEAR(mean, 1.0, 0.05);
  EXPECT_NEAR(cv, 1.0, 0.05);  // exponential inter-arrivals
}

TEST(RequestGenerator, DiurnalPeaksInTheLocalAfternoon) {
  GeneratorOptions o = options("diurnal", 86400.0, 0.5);
  o.diurnal_amplitude = 0.8;
  std::map<std::string, double> longitude;
  for (const auto& s : o.stations) longitude[s.name] = s.site.longitude_rad * kRadToDeg;
  long afternoon = 0, night = 0;
  for (const auto& r : rows(generate_requests(o))) {
    const JulianDate now = o.epoch.plus_seconds(r.arrival_s);
    const double h = std::fmod(std::fmod(now.fraction * 24.0 + 12.0 + longitude[r.station] / 15.0, 24.0) + 24.0, 24.0);
    if (h >= 10 && h < 18) ++afternoon;
    if (h >= 22 || h < 6) ++night;
  }
  // Expected ratio of the integrals of 1 + 0.8 cos(...) over the two 8-hour windows: about 5.
  EXPECT_GT(static_cast<double>(afternoon) / static_cast<double>(night), 3.5);
}

TEST(RequestGenerator, TraceShapedKeepsTheTracesBurstinessAtTheRequestedRate) {
  GeneratorOptions o = options("trace-shaped", 36000.0, 2.0);
  o.samples = read_azure_samples(std::string(ORBITSIM_SOURCE_DIR) + "/workloads/data/azure_llm_2023_code.csv");
  const auto [mean, cv] = gap_mean_and_cv(rows(generate_requests(o)));
  EXPECT_NEAR(mean, 0.5, 0.5 * 0.15);
  EXPECT_GT(cv, 3.0);  // the Azure code trace is very bursty (inter-arrival CV 13)
}

}  // namespace
}  // namespace orbitsim
