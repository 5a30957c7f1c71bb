// Request generators: seeded and reproducible, with the statistical shape each one promises.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <sstream>

#include "config/platform_config.hpp"
#include "world/world_builder.hpp"
#include "core/constants.hpp"
#include "core/input_error.hpp"
#include "workload/station_weights.hpp"
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

namespace orbitsim {
namespace {

// Demand weighted by population: Zipf's law over the shipped top-100 (sorted by population) gives the
// k-th city 1/k of the first's requests; a population column gives each city its share. Every station's
// count is within 4 binomial standard deviations of its expected share.
TEST(StationWeights, ZipfAndPopulationSpreadRequestsInProportion) {
  GeneratorOptions o = options("poisson", 20000.0, 2.0);  // ~40,000 requests
  o.station_weighting = StationWeighting::kZipf;
  const auto zipf = rows(generate_requests(o));
  std::map<std::string, double> count;
  for (const auto& r : zipf) ++count[r.station];
  const std::vector<double> w = station_weights(o.stations, StationWeighting::kZipf);
  ASSERT_EQ(w.size(), 100u);
  double harmonic = 0.0;
  for (int k = 1; k <= 100; ++k) harmonic += 1.0 / k;
  EXPECT_NEAR(w[0], 1.0 / harmonic, 1e-12);
  EXPECT_NEAR(w[9], 0.1 / harmonic, 1e-12);
  const double n = static_cast<double>(zipf.size());
  for (size_t k = 0; k < o.stations.size(); ++k)
    EXPECT_NEAR(count[o.stations[k].name], n * w[k], 4.0 * std::sqrt(n * w[k] * (1.0 - w[k]))) << o.stations[k].name;
  EXPECT_GT(count["Tokyo"], 1.8 * count["Delhi"]);  // ranks 1 and 2

  // Populations 3:1:0 are refused (the third has none); 3:1:6 give shares 0.3, 0.1, 0.6.
  std::vector<GroundStation> three(o.stations.begin(), o.stations.begin() + 3);
  three[0].population = 3e6, three[1].population = 1e6;
  EXPECT_THROW(station_weights(three, StationWeighting::kPopulation), InputError);
  three[2].population = 6e6;
  EXPECT_EQ(station_weights(three, StationWeighting::kPopulation), (std::vector<double>{0.3, 0.1, 0.6}));
  o.stations = three;
  o.station_weighting = StationWeighting::kPopulation;
  std::map<std::string, double> by_population;
  const auto people = rows(generate_requests(o));
  for (const auto& r : people) ++by_population[r.station];
  const double m = static_cast<double>(people.size());
  for (const auto& [k, share] : std::vector<std::pair<size_t, double>>{{0, 0.3}, {1, 0.1}, {2, 0.6}})
    EXPECT_NEAR(by_population[three[k].name], m * share, 4.0 * std::sqrt(m * share * (1.0 - share)));
  // Uniform stays the default and unchanged.
  EXPECT_EQ(GeneratorOptions{}.station_weighting, StationWeighting::kUniform);
}

TEST(StationWeights, AStationFileMayCarryAPopulation) {
  const auto dir = std::filesystem::temp_directory_path() / "orbitsim_station_population";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "basic.txt") << "0,Tokyo,35.6895,139.69171,0,37400068\n1,Delhi,28.66667,77.21667,0\n";
  const auto basic = read_ground_station_file((dir / "basic.txt").string(), kWgs84);
  EXPECT_EQ(basic[0].population, 37400068.0);
  EXPECT_EQ(basic[1].population, 0.0);  // not given
  std::ofstream(dir / "extended.txt") << "0,Tokyo,35.6895,139.69171,0,-3954843.3,3354935.2,3700263.8\n";
  EXPECT_EQ(read_ground_station_file((dir / "extended.txt").string(), kWgs84)[0].population, 0.0);  // Hypatia's x,y,z
  std::ofstream(dir / "header.csv") << "name,latitude_deg,longitude_deg,population\nLagos,6.45,3.39,15388000\n";
  EXPECT_EQ(read_ground_station_file((dir / "header.csv").string(), kWgs84)[0].population, 15388000.0);
  std::ofstream(dir / "bad.txt") << "0,Tokyo,35.6895,139.69171,0,many\n";
  try {
    read_ground_station_file((dir / "bad.txt").string(), kWgs84);
    ADD_FAILURE() << "a bad population was read";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("bad.txt:1: population"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace orbitsim
