// Failure models: drawn counts agree with the configured rates (within 4 sigma of the expected count),
// draws depend on the seed and their own model alone, correlated events hit many satellites at once, the
// SAA box holds a low-inclination orbit ~15 % of the time, and failures.csv round-trips with file:line
// errors for bad rows.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "config/platform_config.hpp"
#include "world/world_builder.hpp"
#include "core/constants.hpp"
#include "core/input_error.hpp"
#include "faults/failure_models.hpp"
#include "faults/failure_trace.hpp"
#include "orbit/frames.hpp"

namespace orbitsim {
namespace {

FaultModelInputs inputs(int satellites, int stations = 0, bool always_in_saa = false) {
  FaultModelInputs in;
  for (int i = 0; i < satellites; ++i) {
    in.satellite_names.push_back("sat" + std::to_string(i));
    in.satellite_plane.push_back(i / 10);  // planes of 10
    in.isl_terminals.push_back(4);
  }
  for (int g = 0; g < stations; ++g) in.station_names.push_back("gs" + std::to_string(g));
  in.latitude_longitude_deg = [always_in_saa](size_t, double) {
    return always_in_saa ? std::pair{-25.0, -45.0} : std::pair{45.0, 10.0};
  };
  return in;
}

// |count - expected| within 4 sigma of a binomial (or Poisson when p is small) count.
void expect_count(double count, double trials, double p) {
  EXPECT_NEAR(count, trials * p, 4.0 * std::sqrt(trials * p * (1.0 - p)) + 1.0) << "p = " << p;
}

TEST(FailureModels, ExponentialLossAgreesWithTheRateAndTheSeedAloneDecides) {
  FaultModelConfig c;
  c.satellite_failure_rate_per_day = 0.01;
  const double horizon_s = 30 * 86400.0;
  const auto a = draw_satellite_lifetimes(c, inputs(20000), horizon_s, 7);
  expect_count(static_cast<double>(a.size()), 20000, 1.0 - std::exp(-0.01 * 30.0));
  const auto b = draw_satellite_lifetimes(c, inputs(20000), horizon_s, 7);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].time_s, b[i].time_s);
  EXPECT_NE(draw_satellite_lifetimes(c, inputs(20000), horizon_s, 8).front().time_s, a.front().time_s);
  c.satellite_failure_rate_per_day = 0.0;
  EXPECT_TRUE(draw_satellite_lifetimes(c, inputs(20000), horizon_s, 7).empty());
}

TEST(FailureModels, WeibullLossIsConditionalOnTheSatellitesAge) {
  FaultModelConfig c;
  c.satellite_lifetime = "weibull";
  c.weibull_shape = 0.5;  // decreasing hazard: young satellites fail more
  c.weibull_scale_days = 2000.0;
  const double days = 60.0;
  auto cumulative = [&](double d) { return 1.0 - std::exp(-std::pow(d / c.weibull_scale_days, c.weibull_shape)); };
  const auto young = draw_satellite_lifetimes(c, inputs(20000), days * 86400.0, 3);
  expect_count(static_cast<double>(young.size()), 20000, cumulative(days));
  c.satellite_age_days = 1000.0;
  const auto old = draw_satellite_lifetimes(c, inputs(20000), days * 86400.0, 3);
  const double p_old = (cumulative(1000.0 + days) - cumulative(1000.0)) / (1.0 - cumulative(1000.0));
  expect_count(static_cast<double>(old.size()), 20000, p_old);
  EXPECT_LT(old.size(), young.size() / 2);
  EXPECT_EQ(young.front().cause, FailureCause::kWeibull);
}

TEST(FailureModels, InfantMortalityKillsItsFractionUniformlyOverTheWindow) {
  FaultModelConfig c;
  c.infant_mortality_fraction = 0.025;  // physics.md 9: 2.5 % within 6 months
  c.infant_mortality_days = 180.0;
  const auto first_month = draw_satellite_lifetimes(c, inputs(40000), 30 * 86400.0, 11);
  expect_count(static_cast<double>(first_month.size()), 40000, 0.025 * 30.0 / 180.0);
  for (const auto& e : first_month) EXPECT_EQ(e.cause, FailureCause::kInfantMortality);
  c.satellite_age_days = 200.0;  // past the window: none
  EXPECT_TRUE(draw_satellite_lifetimes(c, inputs(40000), 30 * 86400.0, 11).empty());
}

TEST(FailureModels, SefisArriveAtTheirRatePerAcceleratorAndLastTheResetTime) {
  FaultModelConfig c;
  c.sefi_rate_per_accelerator_day = 0.03;  // physics.md 9
  FaultModelInputs in = inputs(5000);
  in.accelerators_per_satellite = 4;
  const auto e = draw_sefis(c, in, 10 * 86400.0, 5);
  // Poisson with 0.12 per satellite-day (the 60 s resets take a negligible share of the time).
  expect_count(static_cast<double>(e.size()), 5000 * 10 * 86400.0, 0.12 / 86400.0);
  for (const auto& f : e) {
    EXPECT_EQ(f.kind, FailureKind::kSefi);
    EXPECT_EQ(f.duration_s, 60.0);
  }
}

TEST(FailureModels, UncorrectableUpsetsAreMultipliedInsideTheSaa) {
  FaultModelConfig c;
  c.seu_rate_per_bit_day = 1e-10;
  const double per_day = 1e-10 * 8 * 80e9 * 0.012;  // 0.768 uncorrectable upsets per satellite-day
  const double horizon_s = 86400.0;
  const auto outside = draw_uncorrectable_seus(c, inputs(2000, 0, false), horizon_s, 9);
  const auto inside = draw_uncorrectable_seus(c, inputs(2000, 0, true), horizon_s, 9);
  expect_count(static_cast<double>(outside.size()), 2000 * 86400.0, per_day / 86400.0);
  expect_count(static_cast<double>(inside.size()), 2000 * 86400.0, 20 * per_day / 86400.0);
  EXPECT_EQ(inside.front().cause, FailureCause::kSeuSaa);
  EXPECT_EQ(outside.front().duration_s, 0.0);
}

TEST(FailureModels, TheSaaBoxHoldsAHubbleLikeOrbitAboutFifteenPercentOfTheTime) {
  // physics.md 5a: HST (28.5 deg, ~540 km) spends ~15 % of its time in the SAA.
  const auto dir = std::filesystem::temp_directory_path() / "orbitsim_failure_models_test_saa";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "p.yaml") << "name: hst\nepoch_utc: 2026-06-21T00:00:00Z\nshells:\n"
                                   "  - {name: h, walker: 28.5:1/1/0, altitude_km: 540, isl: {pattern: none}}\n";
  World w = build_world(load_platform_config((dir / "p.yaml").string()));
  const FaultModelConfig c;
  int inside = 0, samples = 0;
  for (double t = 0; t < 10 * 86400.0; t += 30.0, ++samples) {
    const Geodetic g = ecef_to_geodetic(eci_to_ecef(w.constellation.position_eci_m(0, t), w.constellation.gmst_rad(t)),
                                        w.constellation.earth());
    inside += inside_saa(c, g.latitude_rad * kRadToDeg, g.longitude_rad * kRadToDeg) ? 1 : 0;
  }
  EXPECT_NEAR(static_cast<double>(inside) / samples, 0.15, 0.02);
}

TEST(FailureModels, StationOutagesAndStaggeredMaintenance) {
  FaultModelConfig c;
  c.station_outage_rate_per_day = 2.0;
  c.station_outage_mean_s = 1800.0;
  const auto outages = draw_station_outages(c, inputs(0, 500), 10 * 86400.0, 4);
  // Arrivals while up: 2 per day over the ~96 % of the time a station is up.
  const double up_share = 1.0 / (1.0 + 2.0 * 1800.0 / 86400.0);
  expect_count(static_cast<double>(outages.size()), 500 * 10 * 86400.0, 2.0 * up_share / 86400.0);
  double mean_s = 0.0;
  for (const auto& e : outages) mean_s += e.duration_s / static_cast<double>(outages.size());
  EXPECT_NEAR(mean_s, 1800.0, 4 * 1800.0 / std::sqrt(static_cast<double>(outages.size())));
  c.station_maintenance_interval_days = 7.0;
  const auto maintenance = draw_station_maintenance(c, inputs(0, 7), 14 * 86400.0);
  ASSERT_EQ(maintenance.size(), 14u);  // each of 7 stations twice, one per day in turn
  std::set<double> starts;
  for (const auto& e : maintenance) starts.insert(e.time_s);
  EXPECT_EQ(starts.size(), 14u);
  EXPECT_EQ(*starts.rbegin(), 13 * 86400.0);
}

TEST(FailureModels, CorrelatedEventsHitWholePlanesAndStormFractionsAtOnce) {
  FaultModelConfig c;
  c.plane_failure_rate_per_day = 0.05;
  const auto planes = draw_plane_failures(c, inputs(1000), 30 * 86400.0, 2);  // 100 planes of 10
  std::map<double, std::set<std::string>> by_time;
  for (const auto& e : planes) by_time[e.time_s].insert(e.target);
  for (const auto& [t, members] : by_time) EXPECT_EQ(members.size(), 10u);
  expect_count(static_cast<double>(by_time.size()), 100, 1.0 - std::exp(-0.05 * 30));
  c.solar_storm_rate_per_day = 1.0;
  c.solar_storm_fraction = 0.1;
  const auto storms = draw_solar_storms(c, inputs(1000), 20 * 86400.0, 2);
  std::map<double, std::set<std::string>> storm_hits;
  for (const auto& e : storms) storm_hits[e.time_s].insert(e.target);
  expect_count(static_cast<double>(storm_hits.size()), 20 * 86400.0, 1.0 / 86400.0);
  for (const auto& [t, hit] : storm_hits) EXPECT_EQ(hit.size(), 100u);
}

TEST(FailureModels, EachModelHasItsOwnStream) {
  FaultModelConfig c;
  c.satellite_failure_rate_per_day = 0.01;
  const auto alone = draw_failures(c, inputs(2000), 30 * 86400.0, 1);
  c.sefi_rate_per_accelerator_day = 0.05;
  c.isl_terminal_failure_rate_per_day = 0.001;
  const auto together = draw_failures(c, inputs(2000), 30 * 86400.0, 1);
  std::vector<FailureEvent> losses;
  for (const auto& e : together)
    if (e.kind == FailureKind::kSatellite) losses.push_back(e);
  ASSERT_EQ(losses.size(), alone.size());
  for (size_t i = 0; i < alone.size(); ++i) EXPECT_EQ(losses[i].time_s, alone[i].time_s);
  expect_count(static_cast<double>(together.size() - alone.size() -
                                   std::count_if(together.begin(), together.end(), [](const FailureEvent& e) { return e.kind == FailureKind::kSefi; })),
               2000 * 4, 1.0 - std::exp(-0.001 * 30));  // one permanent failure at most per terminal
}

TEST(FailureTrace, RoundTripsEveryKindAndRejectsBadTargets) {
  const auto dir = std::filesystem::temp_directory_path() / "orbitsim_failure_trace_test";
  std::filesystem::create_directories(dir);
  const std::vector<std::string> nodes{"s0", "s1", "Tokyo"};
  const std::vector<FailureEvent> events{{5.0, "s1", FailureKind::kSatellite},
                                         {7.5, "Tokyo", FailureKind::kStation, 60.0, FailureCause::kMaintenance},
                                         {8.0, "s0", FailureKind::kSefi, 60.0, FailureCause::kSefi},
                                         {9.0, "s0:2", FailureKind::kIsl, std::numeric_limits<double>::infinity(), FailureCause::kIslTerminal},
                                         {1.0 / 3.0, "s1", FailureKind::kSeu, 0.0, FailureCause::kSeuSaa}};
  std::ofstream(dir / "f.csv") << failure_trace_csv(events);
  const auto back = read_failure_trace((dir / "f.csv").string(), nodes, 2);
  ASSERT_EQ(back.size(), 5u);
  EXPECT_EQ(back[0].time_s, 1.0 / 3.0);  // exact: written at round-trip precision
  EXPECT_EQ(back[0].kind, FailureKind::kSeu);
  EXPECT_EQ(back[1].target, "s1");
  EXPECT_TRUE(std::isinf(back[1].duration_s));
  EXPECT_EQ(back[2].cause, FailureCause::kMaintenance);
  EXPECT_EQ(back[4].target, "s0:2");
  auto error_of = [&](const std::string& rows) {
    std::ofstream(dir / "bad.csv") << "time_s,target,kind,duration_s\n1,s0,satellite,\n" << rows;
    try {
      read_failure_trace((dir / "bad.csv").string(), nodes, 2, {4, 4});
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string file = (dir / "bad.csv").string();
  EXPECT_EQ(error_of("2,Tokyo,satellite,\n"), file + ":3: target: expected the name of a satellite of the platform, got \"Tokyo\"");
  EXPECT_EQ(error_of("2,s0,isl,\n"), file + ":3: target: expected <satellite>:<terminal number> for an isl failure, got \"s0\"");
  EXPECT_EQ(error_of("2,s0:4,isl,\n"), file + ":3: target: expected a terminal of s0 (it has 4: 0 to 3), got \"s0:4\"");
  EXPECT_EQ(error_of("2,s0,meteor,\n"), file + ":3: kind: expected satellite, station, sefi, seu, isl, shed or shed-training, got \"meteor\"");
  EXPECT_EQ(error_of("2,s0,shed,60\n"), "no error");  // a power run's shed accelerators replay elsewhere
}

TEST(FailureTrace, EveryKindAndCauseIsWrittenByNameAndReadBackAndAnUnknownCauseIsRefused) {
  const auto dir = std::filesystem::temp_directory_path() / "orbitsim_failure_trace_test";
  std::filesystem::create_directories(dir);
  const std::vector<std::string> nodes{"s0", "s1", "Tokyo"};
  std::vector<FailureEvent> events;
  for (int k = 0; k <= static_cast<int>(FailureKind::kShedTraining); ++k) {
    const auto kind = static_cast<FailureKind>(k);
    const std::string target = kind == FailureKind::kStation ? "Tokyo" : kind == FailureKind::kIsl ? "s0:1" : "s1";
    events.push_back({10.0 + k, target, kind, kind == FailureKind::kSeu ? 0.0 : 60.0, FailureCause::kTrace});
  }
  for (int c = 0; c <= static_cast<int>(FailureCause::kOverheat); ++c)
    events.push_back({100.0 + c, "s0", FailureKind::kSatellite, 60.0, static_cast<FailureCause>(c)});
  const std::string csv = failure_trace_csv(events);
  // Text only at output: the names of workloads/README.md's failures.csv row.
  for (const char* name : {",satellite,", ",station,", ",sefi,", ",seu,", ",isl,", ",shed,", ",shed-training,", ",exponential\n",
                           ",weibull\n", ",infant-mortality\n", ",kill-at-start\n", ",seu-saa\n", ",isl-terminal\n",
                           ",station-outage\n", ",maintenance\n", ",plane\n", ",solar-storm\n", ",brownout\n", ",overheat\n",
                           ",trace\n"})
    EXPECT_NE(csv.find(name), std::string::npos) << name;
  std::ofstream(dir / "all.csv") << csv;
  const auto back = read_failure_trace((dir / "all.csv").string(), nodes, 2, {4, 4});
  ASSERT_EQ(back.size(), events.size());
  for (size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(back[i].kind, events[i].kind) << i;
    EXPECT_EQ(back[i].cause, events[i].cause) << i;
  }
  std::ofstream(dir / "cause.csv") << "time_s,target,kind,duration_s,cause\n1,s0,satellite,,gremlins\n";
  try {
    read_failure_trace((dir / "cause.csv").string(), nodes, 2);
    ADD_FAILURE() << "an unknown cause was read";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), (dir / "cause.csv").string() + ":2: cause: expected trace, exponential, weibull, "
                                     "infant-mortality, kill-at-start, sefi, seu, seu-saa, isl-terminal, station-outage, "
                                     "maintenance, plane, solar-storm, brownout or overheat, got \"gremlins\"");
  }
}

}  // namespace
}  // namespace orbitsim
