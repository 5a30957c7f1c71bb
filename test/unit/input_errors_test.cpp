// Bad input gives one InputError naming file, line, key path, the value and what was expected; good
// input in every supported format parses to the same numbers.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "config/platform_config.hpp"
#include "config/scenario_config.hpp"
#include "world/world_builder.hpp"
#include "config/yaml_object.hpp"
#include "core/event_log.hpp"
#include "core/name_index.hpp"
#include "core/input_error.hpp"
#include "orbit/omm_reader.hpp"
#include "orbit/sgp4.hpp"
#include "orbit/tle_reader.hpp"

namespace orbitsim {
namespace {

const std::string kData = ORBITSIM_TEST_DATA_DIR;
const std::string kIssLine1 = "1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927";
const std::string kIssLine2 = "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537";

// Writes `text` to a file in a folder of this test's own (ctest runs tests in parallel) and returns its path.
std::string write_temp(const std::string& name, const std::string& text) {
  std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
  std::replace(test.begin(), test.end(), '/', '_');
  const auto dir = std::filesystem::temp_directory_path() / ("orbitsim_input_errors_test_" + test);
  std::filesystem::create_directories(dir);
  const auto path = (dir / name).string();
  std::ofstream(path) << text;
  return path;
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Tle, ParsesTheIssExampleAndChecksItsChecksums) {
  const MeanElements e = parse_tle("ISS (ZARYA)", kIssLine1, kIssLine2, {"x.tle", 1});
  EXPECT_EQ(e.name, "ISS (ZARYA)");
  EXPECT_EQ(e.catalog_number, 25544);
  EXPECT_NEAR(e.inclination_rad * kRadToDeg, 51.6416, 1e-12);
  EXPECT_NEAR(e.eccentricity, 0.0006703, 1e-15);
  EXPECT_NEAR(e.bstar_per_earth_radii, -0.11606e-4, 1e-18);
  EXPECT_NEAR(e.mean_motion_rad_per_min * 1440.0 / kTwoPi, 15.72125391, 1e-10);
  EXPECT_NEAR(e.epoch.value(), JulianDate::from_year_and_day(2008, 264.51782528).value(), 1e-9);
}

TEST(Tle, ReadsTwoLineAndThreeLineFilesAlike) {
  const std::string two = write_temp("two.tle", kIssLine1 + "\n" + kIssLine2 + "\n\n" + kIssLine1 + "\n" + kIssLine2 + "\n");
  const std::string three = write_temp("three.tle", "ISS (ZARYA)\n" + kIssLine1 + "\n" + kIssLine2 + "\n");
  const auto a = read_tle_file(two);
  const auto b = read_tle_file(three);
  ASSERT_EQ(a.size(), 2u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(a[0].name, "");
  EXPECT_EQ(b[0].name, "ISS (ZARYA)");
  EXPECT_EQ(a[1].mean_anomaly_rad, b[0].mean_anomaly_rad);
}

TEST(Tle, MalformedFieldsNameFileLineFieldAndColumns) {
  std::string bad = kIssLine2;
  bad.replace(8, 8, "  51.6x6");
  EXPECT_EQ(error_of([&] { parse_tle("", kIssLine1, bad, {"sats.tle", 7}, {false}); }),
            "sats.tle:8: line 2 inclination (columns 9-16): expected a decimal number, got \"51.6x6\"");
  std::string wrong_sum = kIssLine1;
  wrong_sum[68] = '5';
  EXPECT_EQ(error_of([&] { parse_tle("", wrong_sum, kIssLine2, {"sats.tle", 3}); }),
            "sats.tle:3: line 1 checksum (column 69): expected 7, got \"5\"");
  EXPECT_NE(error_of([&] { parse_tle("", kIssLine1.substr(0, 40), kIssLine2, {"sats.tle", 3}); }).find("sats.tle:3: line 1 of a TLE"),
            std::string::npos);
  const std::string path = write_temp("truncated.tle", "ISS\n" + kIssLine1 + "\n");
  EXPECT_EQ(error_of([&] { read_tle_file(path); }),
            path + ":2: line 2 of a TLE: expected a line starting with \"2 \", got end of file");
}

TEST(Omm, CsvAndJsonSamplesParseToTheSameKindOfElements) {
  const auto csv = read_omm_csv_file(kData + "/sgp4/sample_omm.csv");
  const auto json = read_omm_json_file(kData + "/sgp4/sample_omm.json");
  ASSERT_EQ(csv.size(), 1u);
  ASSERT_EQ(json.size(), 1u);
  EXPECT_EQ(csv[0].name, "VANGUARD 1");
  EXPECT_EQ(csv[0].catalog_number, 5);
  EXPECT_NEAR(csv[0].eccentricity, 0.1845686, 1e-12);
  EXPECT_NEAR(csv[0].bstar_per_earth_radii, -0.22483e-4, 1e-15);
  EXPECT_EQ(csv[0].epoch.to_iso8601(), "2020-10-13T04:52:48.472Z");
  EXPECT_NEAR(json[0].mean_motion_rad_per_min * 1440.0 / kTwoPi, 10.85873516, 1e-10);
  // Vanguard 1 stays between ~650 and ~3,850 km altitude.
  Sgp4 sgp4(json[0]);
  for (double t = 0; t < 1440; t += 60) {
    const double r_km = sgp4.propagate(t).position_km.norm();
    EXPECT_GT(r_km, 6378.0 + 600.0);
    EXPECT_LT(r_km, 6378.0 + 3900.0);
  }
}

TEST(Omm, BadValuesNameTheRecordAndField) {
  const std::string path = write_temp("bad.csv",
                                      "OBJECT_NAME,EPOCH,MEAN_MOTION,ECCENTRICITY,INCLINATION,RA_OF_ASC_NODE,ARG_OF_"
                                      "PERICENTER,MEAN_ANOMALY,NORAD_CAT_ID,BSTAR,MEAN_MOTION_DOT,MEAN_MOTION_DDOT\n"
                                      "A,2020-10-13T04:52:48,10.8,0.18,34.2,225.5,162.2,205.2,5,0,0,0\n"
                                      "B,2020-10-13T04:52:48,ten,0.18,34.2,225.5,162.2,205.2,6,0,0,0\n");
  EXPECT_EQ(error_of([&] { read_omm_csv_file(path); }), path + ":3: MEAN_MOTION: expected a number, got \"ten\"");
}

struct ConfigCase {
  const char* yaml;
  const char* expected_error;  // after "<file>:"
};

class PlatformConfigErrors : public ::testing::TestWithParam<ConfigCase> {};

TEST_P(PlatformConfigErrors, OneLineNamingFileLineAndKey) {
  const std::string path = write_temp("case.yaml", GetParam().yaml);
  const std::string expected = path + ":" + GetParam().expected_error;
  const std::string actual = error_of([&] { build_world(load_platform_config(path)); });
  // Two cases end with a resolved path or the YAML parser's own words: compare the stable prefix.
  EXPECT_EQ(actual.substr(0, expected.size()), expected) << actual;
}

const char* const kGood = "name: x\nepoch_utc: 2026-01-01T00:00:00Z\nshells:\n";

INSTANTIATE_TEST_SUITE_P(
    Cases, PlatformConfigErrors,
    ::testing::Values(
        ConfigCase{"name: x\nepoch_utc: 2026-01-01T00:00:00Z\nshells:\n  - name: a\n    walker: 53:1584/72/1\n"
                   "    altitude_km: low\n",
                   "6: shells[0].altitude_km: expected a number in [160, 2000], got \"low\""},
        ConfigCase{"name: x\nepoch_utc: 2026-01-01T00:00:00Z\nshells:\n  - name: a\n    walker: 53:1584/72/1\n"
                   "    altitude_km: 90\n",
                   "6: shells[0].altitude_km: expected a number in [160, 2000], got \"90\""},
        ConfigCase{"name: x\nepoch_utc: 2026-01-01T00:00:00Z\nshells:\n  - name: a\n    walker: 53:1584/72/1\n"
                   "    altitude_km: 550\n    altitude_m: 3\n",
                   "7: shells[0].altitude_m: expected one of the known keys (altitude_km, isl, mean_motion_rev_per_day, "
                   "name, phasing, raan_offset_deg, type, walker), got the unknown key \"altitude_m\""},
        ConfigCase{"name: x\nepoch_utc: 2026-01-01T00:00:00Z\nshells:\n  - name: a\n    walker: 53:1584/70/1\n"
                   "    altitude_km: 550\n",
                   "5: shells[0].walker: expected t a positive multiple of p, got t=1584, p=70"},
        ConfigCase{"name: x\nepoch_utc: 2026-01-01T00:00:00Z\nshells:\n  - name: a\n    walker: [1, 2]\n",
                   "5: shells[0].walker: expected a single value, got a list"},
        ConfigCase{"name: x\nepoch_utc: tomorrow\nshells:\n  - {name: a, walker: 53:22/2/1, altitude_km: 550}\n",
                   "2: epoch_utc: expected an ISO 8601 UTC time such as 2026-05-13T00:00:00Z, got \"tomorrow\""},
        ConfigCase{"name: x\nepoch_utc: 2026-01-01T00:00:00Z\nshells:\n  - {name: a, type: ring, walker: 53:22/2/1}\n",
                   "4: shells[0].type: expected one of walker-delta, walker-star, formation, elements, hypatia, datacenter, got \"ring\""},
        ConfigCase{"name: x\nepoch_utc: 2026-01-01T00:00:00Z\nshells:\n  - {name: d, type: datacenter, latitude_deg: 1, "
                   "longitude_deg: 2, fibre: {route_factor: 0.5}}\n",
                   "4: shells[0].fibre.route_factor: expected a number in [1, 10], got \"0.5\""},
        ConfigCase{"name: x\nepoch_utc: 2026-01-01T00:00:00Z\nshells:\n  - {name: d, type: datacenter, latitude_deg: 1, "
                   "longitude_deg: 2, servers: 0}\n",
                   "4: shells[0].servers: expected an integer in [1, 100000], got \"0\""},
        ConfigCase{"name: x\nepoch_utc: 2026-01-01T00:00:00Z\nshells:\n  - {name: d, type: datacenter, latitude_deg: 1, "
                   "longitude_deg: 2, servers: 2000}\n",
                   "4: shells[0].servers: expected at most 1024 servers with a fabric (a link per server pair; set "
                   "fabric.enabled: false for a data centre that only serves), got \"2000\""},
        ConfigCase{"name: x\nepoch_utc: 2026-01-01T00:00:00Z\nshells:\n  - {name: d, type: datacenter, latitude_deg: 1, "
                   "longitude_deg: 2, fabric: {latency_us: 2}}\n",
                   "4: shells[0].fabric.latency_us: expected one of the known keys (bandwidth_bps, enabled, latency_s), got the "
                   "unknown key \"latency_us\""},
        ConfigCase{"name: x\nepoch_utc: 2026-01-01T00:00:00Z\nshells:\n  - {name: d, type: datacenter, latitude_deg: 1, "
                   "longitude_deg: 2}\npower:\n  profile: starcloud-h100\n",
                   "6: power: expected no power block with a datacenter shell (the power model is the satellites'; put the "
                   "data centre in a platform of its own, or set power.enabled: false), got a power block"},
        ConfigCase{"name: x\nepoch_utc: 2026-01-01T00:00:00Z\nshells:\n  - {name: a, type: elements, file: none.tle}\n",
                   "4: shells[0].file: expected an existing element-set file, got \"none.tle\" (looked for "},
        ConfigCase{"name: x\nepoch_utc: 2026-01-01T00:00:00Z\nshells:\n  - {name: a, walker: 53:22/2/1, altitude_km: 550}\n"
                   "ground_stations:\n  - {name: Zurich, latitude_deg: 147.4, longitude_deg: 8.5}\n",
                   "6: ground_stations[0].latitude_deg: expected a number in [-90, 90], got \"147.4\""},
        ConfigCase{"name: x\nepoch_utc: 2026-01-01T00:00:00Z\nshells:\n  - {name: a, type: formation, satellites: 8.5}\n",
                   "4: shells[0].satellites: expected an integer in [1, 10000], got \"8.5\""},
        ConfigCase{"name: x\nepoch_utc: 2026-01-01T00:00:00Z\nshells:\n  - {name: a, walker: 53:22/2/1, altitude_km: 550}\n"
                   "network:\n  inter_shell_isl: {pattern: nearest-within-range}\n",
                   "6: network.inter_shell_isl.pattern: expected none for a platform of one shell, got nearest-within-range"},
        ConfigCase{"name: x\nepoch_utc: 2026-01-01T00:00:00Z\nshells:\n  - {name: a, walker: 53:22/2/1, altitude_km: 550}\n"
                   "network:\n  inter_shell_isl: {pattern: nearest, terminals: 1}\n",
                   "6: network.inter_shell_isl.pattern: expected one of none, nearest-within-range, got \"nearest\""},
        ConfigCase{"name: x\nepoch_utc: 2026-01-01T00:00:00Z\nshells: [\n", "4: YAML syntax error: "}));

TEST(PlatformConfig, MissingFileAndMalformedTleInAReferencedFile) {
  EXPECT_EQ(error_of([] { load_platform_config("/nonexistent/platform.yaml"); }),
            "/nonexistent/platform.yaml: no such file");
  std::string bad = kIssLine2;
  bad.replace(26, 7, "00x6703");
  const std::string tle = write_temp("bad.tle", "ISS\n" + kIssLine1 + "\n" + bad + "\n");
  const std::string yaml =
      write_temp("tle.yaml", std::string(kGood) + "  - {name: a, type: elements, file: bad.tle, verify_checksum: false}\n");
  EXPECT_EQ(error_of([&] { build_world(load_platform_config(yaml)); }),
            tle + ":3: line 2 eccentricity (columns 27-33): expected digits, got \"00x6703\"");
}

TEST(PlatformConfig, DefaultsAreFilledInAndPrinted) {
  const std::string yaml = write_temp("defaults.yaml", std::string(kGood) + "  - {name: c, type: formation}\n");
  const PlatformConfig c = load_platform_config(yaml);
  const std::string effective = to_yaml(c);
  for (const char* expected : {"ellipsoid: wgs84", "shadow_model: cylindrical", "altitude_km: 650", "ltan_h: 18",
                               "satellites: 81", "radial_pitch_m: 100", "epoch_utc: 2026-01-01T00:00:00.000Z"})
    EXPECT_NE(effective.find(expected), std::string::npos) << expected << " in\n" << effective;
  EXPECT_EQ(build_world(c).constellation.size(), 81u);
  // The printed configuration is itself a valid platform that builds the same satellites.
  const std::string again = write_temp("again.yaml", effective);
  EXPECT_EQ(to_yaml(load_platform_config(again)), effective);
}

// Scenario keys are read and written from one table per section: a value set in every section comes
// back in the effective scenario.yaml under its key, and that file reads back to the same configuration.
TEST(ScenarioConfig, EveryKeySetIsWrittenUnderItsNameAndReadsBackTheSame) {
  const std::string root = ORBITSIM_SOURCE_DIR;
  const std::vector<std::string> set{
      "training.placement: cluster",        "training.fsdp_units: 7",
      "training.fit_memory: true",          "inference.max_batch: 9",
      "inference.accelerator_group: h100x8", "inference.over_context: truncate",
      "inference.slo_e2e_s: 12.5",          "faults.satellite_lifetime: weibull",
      "faults.isl_terminal_repair_s: inf",  "faults.plane_failure_duration_s: 120",
      "faults.saa_latitude_min_deg: -40",   "failover.training: hot-spare",
      "failover.hot_spares: 3",             "failover.restart_s: 30",
      "power.governor: energy-aware",       "power.step_s: 5"};
  std::map<std::string, std::string> sections;
  for (const std::string& kv : set) {
    const auto dot = kv.find('.');
    sections[kv.substr(0, dot)] += "  " + kv.substr(dot + 1) + "\n";
  }
  std::string yaml = "name: keys\nplatform: " + root + "/platforms/suncatcher_cluster.yaml\nworkload:\n  models: " + root +
                     "/workloads/models.yaml\n";
  for (const auto& [section, keys] : sections) yaml += section + ":\n" + keys;
  const std::string scenario_file = write_temp("scenario.yaml", yaml);
  const ScenarioConfig c = load_scenario_config(scenario_file);
  const std::string dir = std::filesystem::path(scenario_file).parent_path().string();
  write_temp("platform.yaml", to_yaml(c.platform, dir));
  const std::string effective = to_yaml(c, dir);
  for (const std::string& kv : set) {
    const std::string section = kv.substr(0, kv.find('.')), line = "\n  " + kv.substr(kv.find('.') + 1) + "\n";
    const auto begin = effective.find("\n" + section + ":\n");
    ASSERT_NE(begin, std::string::npos) << section << " in\n" << effective;
    size_t end = begin + 1;  // the section's block: up to the next line that is not indented
    while ((end = effective.find('\n', end) + 1) != 0 && end < effective.size() && effective[end] == ' ') {}
    const std::string block = effective.substr(begin, end == 0 ? std::string::npos : end - begin);
    EXPECT_NE(block.find(line), std::string::npos) << kv << " in\n" << block;
  }
  const ScenarioConfig again = load_scenario_config(write_temp("effective.yaml", effective));
  const auto after_platform_line = [](const std::string& y) { return y.substr(y.find("\nseed:")); };
  EXPECT_EQ(after_platform_line(to_yaml(again, dir)), after_platform_line(effective));  // the platform's "# from" differs
  EXPECT_TRUE(std::isinf(again.faults.isl_terminal_repair_s));
  EXPECT_EQ(again.failover.hot_spares, 3);
  EXPECT_EQ(again.inference.accelerator_group, "h100x8");
}

TEST(EffectiveYaml, NumbersAreWrittenInTheShortestFormThatReadsBackExactly) {
  EXPECT_EQ(with_shortest_numbers("a: 0.20000000000000001\nb: 1.9999999999999999e-06  # c\n"), "a: 0.2\nb: 2e-06  # c\n");
  // 0.1 + 0.2 needs its 17 digits; numbers written with few digits, integers and text stay as they are.
  EXPECT_EQ(with_shortest_numbers("[0.30000000000000004, 1.50, 12345678901234567, v1.2]"),
            "[0.30000000000000004, 1.50, 12345678901234567, v1.2]");
  for (const double v : {0.1, 1.0 / 3.0, 2e-6, 6378137.0 + 0.1, 97.98638123456789, -1e-300}) {
    std::string text = with_shortest_numbers(fmt::format("x: {:.17g}", v));
    EXPECT_EQ(std::strtod(text.c_str() + 3, nullptr), v) << text;
  }
}

TEST(EventLog, RowsAreCsvWithQuotedFieldsAndStopWhereTheRunStopped) {
  EventLog log;
  log.record(0.0, "training", "job-1", "running", "on 8 satellites");
  log.record(12.5, "training", "job-1", "failed", "needs 9 satellites (1 replica(s) of 8 ranks + 1 spares), the \"platform\" has 8");
  log.record(30.0, "faults", "s1", "failed", "satellite (exponential)");
  EXPECT_EQ(log.csv(),
            "time_s,subsystem,entity,event,detail\n"
            "0.000000,training,job-1,running,on 8 satellites\n"
            "12.500000,training,job-1,failed,\"needs 9 satellites (1 replica(s) of 8 ranks + 1 spares), the \"\"platform\"\" has 8\"\n"
            "30.000000,faults,s1,failed,satellite (exponential)\n");
  EXPECT_EQ(log.csv_until(12.5), log.csv().substr(0, log.csv().rfind("30.000000")));
}

TEST(Names, FoundIgnoringCaseWhenUnambiguousAndSuggestedWhenUnknown) {
  const NameIndex names({"London", "Lagos", "Los-Angeles", "s1_p0_s1", "Paris", "PARIS"});
  EXPECT_EQ(names.find("London"), 0);
  EXPECT_EQ(names.find("LONDON"), 0);
  EXPECT_EQ(names.find("S1_P0_S1"), 3);
  EXPECT_EQ(names.find("PARIS"), 5);  // exact wins
  EXPECT_EQ(names.find("paris"), -1);  // two names fold to it: ambiguous
  EXPECT_EQ(names.find("Lond"), -1);
  EXPECT_EQ(names.did_you_mean("londn"), "; did you mean \"London\"?");
  EXPECT_EQ(names.closest("lo"), "\"London\", \"Los-Angeles\"");  // names it begins; Lagos is 4 edits away
  EXPECT_EQ(names.did_you_mean("Tokyo"), "");
}

}  // namespace
}  // namespace orbitsim
