// Inference on SimGrid: time to first token on an idle platform against the hand computation, and
// continuous batching sharing one satellite. One engine per test process.
#include <gtest/gtest.h>
#include <simgrid/s4u/Engine.hpp>

#include <filesystem>
#include <fstream>

#include "world/world_builder.hpp"
#include "faults/fault_injector.hpp"
#include "policy/failover/inference_failover_policy.hpp"
#include "core/constants.hpp"
#include "platform/sim_platform.hpp"
#include "platform/sim_runtime.hpp"
#include "policy/serving/serving_policy.hpp"
#include "topology/topology_builder.hpp"
#include "workload/inference_server.hpp"
#include "workload/model_catalog.hpp"

namespace orbitsim {
namespace {

// A platform `name` of one shell (its YAML flow map) with a station A `north_deg` north of satellite 0's
// ground point at t = 0, then `network` and `extra`; written in `folder`_<test name> under /tmp.
std::string platform_with_station(const std::string& folder, const std::string& name, const std::string& shell,
                                  double north_deg, const std::string& network, const std::string& extra = "") {
  const auto dir = std::filesystem::temp_directory_path() /
                   (folder + "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::create_directories(dir);
  const std::string head = "name: " + name + "\nepoch_utc: 2026-06-21T00:00:00Z\nshells:\n  - " + shell + "\n";
  std::ofstream(dir / "bare.yaml") << head;
  World bare = build_world(load_platform_config((dir / "bare.yaml").string()));
  std::vector<SatelliteState> st;
  bare.constellation.states(0.0, st);
  std::ofstream(dir / "p.yaml") << head << "ground_stations:\n  - {name: A, latitude_deg: "
                                << st[0].geodetic.latitude_rad * kRadToDeg + north_deg
                                << ", longitude_deg: " << st[0].geodetic.longitude_rad * kRadToDeg << "}\n"
                                << "network: " << network << "\n" << extra;
  return (dir / "p.yaml").string();
}

// One satellite at 550 km and a station 3 degrees north of its ground point at t = 0; GSL 8 Gbit/s.
std::string platform_file(const std::string& extra = "") {
  return platform_with_station("orbitsim_inference_sim_test", "one",
                               "{name: s, walker: 53:1/1/0, altitude_km: 550, isl: {pattern: none}}", 3.0,
                               "{topology_epoch_s: 1000, gsl: {bandwidth_bps: 8e9}}", extra);
}

struct PlatformFile {
  std::string path;
};

struct Fixture {
  explicit Fixture(const std::string& platform_extra = "") : Fixture(PlatformFile{platform_file(platform_extra)}) {}
  explicit Fixture(const PlatformFile& file)
      : engine("orbitsim_inference_sim_test"), config(load_platform_config(file.path)), world(build_world(config)),
        topology(world, config.network, shell_links(config.shells)), catalog(load_model_catalog(std::string(ORBITSIM_SOURCE_DIR) + "/workloads/models.yaml")) {
    configure_simgrid({});
    platform = std::make_unique<SimPlatform>(topology, config);
    policy = make_serving_policy("nearest-visible");
    no_failover = make_inference_failover_policy("none");
  }
  simgrid::s4u::Engine engine;
  PlatformConfig config;
  World world;
  TopologyBuilder topology;
  ModelCatalog catalog;
  std::unique_ptr<SimPlatform> platform;
  std::unique_ptr<ServingPolicy> policy;
  std::unique_ptr<InferenceFailoverPolicy> no_failover;
};

InferenceRequestSpec request(const std::string& id, double arrival_s, long input, long output) {
  InferenceRequestSpec q;
  q.req_id = id;
  q.arrival_s = arrival_s;
  q.station = 0;
  q.model = "llama2-7b";
  q.input_tokens = input;
  q.output_tokens = output;
  return q;
}

TEST(InferenceSim, TimeToFirstTokenIsUplinkPlusPrefillPlusDownlinkOnAnIdlePlatform) {
  Fixture f;
  InferenceScenarioConfig options;  // 4 bytes per prompt and per output token
  const long input = 2048;
  InferenceServer server({*f.platform, *f.policy, *f.no_failover, f.catalog, options, {80e9, 3.35e12}, 5.0}, {request("q", 0.0, input, 1)});
  server.start();
  f.engine.run();
  const auto& r = server.records().front();
  ASSERT_EQ(r.status, RequestStatus::kFinished) << r.reason;
  // By hand, from the geometry at t = 0 (static within the run) and the 1e9 B/s GSL.
  const TopologySnapshot s = f.topology.build(0.0);
  const double delay = distance(s.position_ecef_m[0], s.position_ecef_m[1]) / kSpeedOfLight_mps;
  const double uplink = delay + input * 4.0 / 1e9;
  const double prefill = 0.040;  // llama2-7b on h100x1 at 2,048 batch tokens: a point of the table
  const double downlink = delay + 4.0 / 1e9;
  ASSERT_EQ(r.token_arrival_s.size(), 1u);
  EXPECT_NEAR(r.token_arrival_s.front() - r.spec.arrival_s, uplink + prefill + downlink, 1e-6);
  EXPECT_NEAR(r.prompt_delivered_s, uplink, 1e-6);
}

// The ground baseline: a station 3 degrees north of a one-server data centre, linked by 8 Gbit/s fibre.
// The same request as above costs the fibre's delay (at c / 1.468) where it paid the GSL's, and the same
// prefill.
TEST(InferenceSim, OnADataCentreTimeToFirstTokenIsFibreUpPlusPrefillPlusFibreDown) {
  Fixture f(PlatformFile{platform_with_station(
      "orbitsim_inference_sim_test", "ground",
      "{name: dc, type: datacenter, latitude_deg: 10, longitude_deg: 20, fibre: {bandwidth_bps: 8e9}}", 3.0,
      "{topology_epoch_s: 1000}")});
  InferenceScenarioConfig options;
  const long input = 2048;
  InferenceServer server({*f.platform, *f.policy, *f.no_failover, f.catalog, options, {80e9, 3.35e12}, 5.0},
                         {request("q", 0.0, input, 1)});
  server.start();
  f.engine.run();
  const auto& r = server.records().front();
  ASSERT_EQ(r.status, RequestStatus::kFinished) << r.reason;
  EXPECT_EQ(f.platform->name(r.serving_satellite), "dc_s0");
  const TopologySnapshot s = f.topology.build(0.0);
  ASSERT_EQ(s.links.size(), 1u);
  ASSERT_EQ(s.links[0].kind, LinkKind::kFibre);
  // 3 degrees of latitude on the ellipsoid near 10 N: 331.9 km (Vincenty); the sphere of the two sites'
  // mean radius gives the fibre length within 0.5 %.
  EXPECT_NEAR(s.links[0].length_m, 331.9e3, 0.005 * 331.9e3);
  const double delay = s.links[0].length_m * 1.468 / kSpeedOfLight_mps;
  const double prefill = 0.040;  // llama2-7b on h100x1 at 2,048 batch tokens: a point of the table
  EXPECT_NEAR(r.prompt_delivered_s, delay + input * 4.0 / 1e9, 1e-6);
  EXPECT_NEAR(r.token_arrival_s.front() - r.spec.arrival_s, delay + input * 4.0 / 1e9 + prefill + delay + 4.0 / 1e9, 1e-6);
}

TEST(InferenceSim, ContinuousBatchingSharesDecodeStepsAndKeepsTokenOrder) {
  Fixture f;
  InferenceScenarioConfig options;
  InferenceServer server({*f.platform, *f.policy, *f.no_failover, f.catalog, options, {80e9, 3.35e12}, 5.0},
                         {request("a", 0.0, 512, 5), request("b", 0.0, 512, 5), request("c", 10.0, 64, 3)});
  server.start();
  f.engine.run();
  const InferenceTiming& t = f.catalog.at("llama2-7b").inference.at("h100x1");
  ASSERT_EQ(t.decode_per_context_token_ms, 0.0);  // no measured per-context cost: the KV read prices it
  for (const auto& r : server.records()) {
    ASSERT_EQ(r.status, RequestStatus::kFinished) << r.spec.req_id << ": " << r.reason;
    ASSERT_EQ(static_cast<long>(r.token_arrival_s.size()), r.spec.output_tokens);
    for (size_t i = 1; i < r.token_arrival_s.size(); ++i) EXPECT_GT(r.token_arrival_s[i], r.token_arrival_s[i - 1]);
  }
  // a and b arrive together and are prefilled as one batch of 1,024 tokens: same first-token time, then
  // decode steps for a batch of two.
  const auto& a = server.records()[0];
  const auto& b = server.records()[1];
  EXPECT_DOUBLE_EQ(a.token_arrival_s.front(), b.token_arrival_s.front());
  // The fitted step for two sequences, plus reading their 2 x (512 + 1) tokens of KV cache (2 x 32 layers
  // x 32 KV heads x 128 x 2 B = 524,288 B per token) at one H100's 3.35 TB/s.
  const double decode_s = (6.7 + 2 * 0.05) / 1000.0 + (2 * 512 + 2) * 524288.0 / 3.35e12;
  EXPECT_NEAR(a.token_arrival_s[1] - a.token_arrival_s[0], decode_s, 1e-6);
  EXPECT_NEAR(t.prefill_s(1024), 0.012 + 0.028 * 512.0 / 1536.0, 1e-9);  // interpolated between table points
}

TEST(InferenceSim, TheKvCacheLimitsAdmissionAndRejectsWhatCanNeverFit) {
  Fixture f;
  InferenceScenarioConfig options;
  const double per_token = f.catalog.at("llama2-7b").kv_bytes_per_token();
  options.kv_memory_bytes = 1000 * per_token;
  InferenceServer server({*f.platform, *f.policy, *f.no_failover, f.catalog, options, {80e9, 3.35e12}, 5.0},
                         {request("a", 0.0, 500, 100), request("b", 0.0, 500, 100), request("huge", 0.0, 1500, 10)});
  server.start();
  f.engine.run();
  const auto& r = server.records();
  ASSERT_EQ(r[0].status, RequestStatus::kFinished);
  ASSERT_EQ(r[1].status, RequestStatus::kFinished);
  EXPECT_GT(r[1].token_arrival_s.front(), r[0].token_arrival_s.back());  // b waited for a's KV to be freed
  EXPECT_EQ(r[2].status, RequestStatus::kRejected);
  EXPECT_EQ(r[2].reason, "prompt + output exceed the satellite's KV-cache memory");
}

// A formation of satellites 100 m apart over a station (`gsl`: the station's network section); the
// satellite the station links to (`linked`) fails at 0.5 s.
struct FormationCase {
  std::string failover, gsl = "{bandwidth_bps: 8e9}", serving = "nearest-visible";
  int satellites = 3;
  double output_bytes_per_token = 4.0;
  std::vector<InferenceRequestSpec> requests;
  std::vector<FailureEvent> more_failures;
  std::vector<InferenceRequestRecord> run() {
    simgrid::s4u::Engine engine("orbitsim_inference_formation_test");
    const PlatformConfig config = load_platform_config(platform_with_station(
        "orbitsim_inference_formation", "trio", "{name: c, type: formation, satellites: " + std::to_string(satellites) + "}",
        0.0, "{topology_epoch_s: 1000, gsl: " + gsl + "}"));
    World world = build_world(config);
    TopologyBuilder topology(world, config.network, shell_links(config.shells));
    const ModelCatalog catalog = load_model_catalog(std::string(ORBITSIM_SOURCE_DIR) + "/workloads/models.yaml");
    configure_simgrid({});
    SimPlatform platform(topology, config);
    const auto policy = make_serving_policy(serving);
    const auto failover_policy = make_inference_failover_policy(failover);
    InferenceScenarioConfig options;
    options.output_bytes_per_token = output_bytes_per_token;
    InferenceServer server({platform, *policy, *failover_policy, catalog, options, {80e9, 3.35e12}, 5.0}, requests);
    server.start();
    linked = platform.current_path(satellites, 0).nodes[1];  // the satellite the station talks to
    std::vector<FailureEvent> failures{{0.5, platform.name(linked), FailureKind::kSatellite}};
    failures.insert(failures.end(), more_failures.begin(), more_failures.end());
    sort_failures(failures);
    FaultInjector faults(platform, failures,
                         {[&server](int s, bool unusable) { server.set_satellite_unusable(s, unusable); }, nullptr});
    faults.start();
    engine.run();
    return server.records();
  }
  int linked = -1;
};

// Two satellites: when the serving one fails mid-request, `retry` re-sends the request to the other after
// the timeout; `none` loses it.
FormationCase pair_case(const std::string& failover) {
  FormationCase c{failover};
  c.satellites = 2;
  c.requests = {request("q", 0.0, 512, 200)};  // ~1.4 s of decoding
  return c;
}

TEST(InferenceFailover, RetrySendsTheRequestToAnotherSatelliteAfterTheTimeout) {
  FormationCase c = pair_case("retry");
  const InferenceRequestRecord r = c.run().front();
  ASSERT_EQ(r.status, RequestStatus::kFinished) << r.reason;
  EXPECT_EQ(r.attempts, 2);
  EXPECT_NE(r.serving_satellite, c.linked);
  EXPECT_EQ(r.token_arrival_s.size(), 200u);  // all tokens of the second attempt
  EXPECT_GT(r.token_arrival_s.front(), 0.5 + 5.0);  // after the failure and the timeout
}

TEST(InferenceFailover, WithoutFailoverTheRequestIsLost) {
  FormationCase c = pair_case("none");
  const InferenceRequestRecord r = c.run().front();
  EXPECT_EQ(r.status, RequestStatus::kFailed);
  EXPECT_EQ(r.reason, "serving satellite failed");
  EXPECT_EQ(r.attempts, 1);
}

// The second request is served by a satellite behind the station's linked one; tokens of 20 MB keep
// the downlink busy, so the linked satellite's failure catches some of them in flight.
FormationCase relay_case(const std::string& failover) {
  FormationCase c{failover};
  c.serving = "least-loaded";
  c.output_bytes_per_token = 2e7;
  c.requests = {request("q0", 0.0, 512, 100), request("q1", 0.1, 512, 100)};
  return c;
}

TEST(InferenceFailover, RerouteResendsTokensLostWithARelayAndTheRequestFinishes) {
  FormationCase c = relay_case("reroute");
  const auto r = c.run();
  EXPECT_EQ(r[0].serving_satellite, c.linked);
  EXPECT_EQ(r[0].status, RequestStatus::kFailed);  // its own satellite died: nothing to reroute to
  ASSERT_NE(r[1].serving_satellite, c.linked);
  ASSERT_EQ(r[1].status, RequestStatus::kFinished) << r[1].reason;
  EXPECT_GE(r[1].resends, 1);
  EXPECT_EQ(r[1].attempts, 1);
  EXPECT_EQ(r[1].token_arrival_s.size(), 100u);
}

TEST(InferenceFailover, WithoutRerouteTokensLostWithARelayFailTheRequest) {
  FormationCase c = relay_case("none");
  const auto r = c.run();
  ASSERT_NE(r[1].serving_satellite, c.linked);
  EXPECT_EQ(r[1].status, RequestStatus::kFailed);
  EXPECT_EQ(r[1].reason, "token downlink failed (unreachable)");
}

TEST(InferenceFailover, HedgedRequestsFinishOnTheOtherCopyWithoutWaitingForATimeout) {
  FormationCase c{"hedged", "{bandwidth_bps: 8e9, max_links_per_station: 3, selection: all-visible}"};
  c.requests = {request("q", 0.0, 512, 200)};  // ~1.4 s of decoding: under way at 0.5 s
  const auto r = c.run();
  ASSERT_EQ(r[0].status, RequestStatus::kFinished) << r[0].reason;
  EXPECT_EQ(r[0].attempts, 1);
  EXPECT_NE(r[0].serving_satellite, c.linked);
  EXPECT_EQ(r[0].token_arrival_s.size(), 200u);
  EXPECT_LT(r[0].token_arrival_s.back(), 3.0);  // no 5 s timeout, no restart
}

TEST(InferenceFailover, ARequestArrivingDuringAStationOutageIsRejectedWithThatReason) {
  FormationCase c = pair_case("retry");
  c.requests = {request("q", 2.0, 512, 10)};
  c.more_failures = {{1.0, "A", FailureKind::kStation, 10.0}};
  const auto r = c.run();
  EXPECT_EQ(r[0].status, RequestStatus::kRejected);
  EXPECT_EQ(r[0].reason, "ground station down");
}

}  // namespace
}  // namespace orbitsim

namespace orbitsim {
namespace {

// With the power model, a prefill step draws the model's prefill share of rated power and a decode step
// its decode share (Splitwise-calibrated), not the TDP: the energy over the request is recomputed here
// from the timing table and the fractions.
// Llama-2-7B holds 4,096 tokens of prompt + output: one token more is refused, or its oldest prompt
// token dropped, as inference.over_context says; an output that alone fills the window is refused.
TEST(InferenceSim, ARequestOneTokenOverTheContextWindowIsRejectedOrTruncatedAsConfigured) {
  for (const std::string mode : {"reject", "truncate"}) {
    Fixture f;
    InferenceScenarioConfig options;
    options.over_context = mode;
    InferenceServer server({*f.platform, *f.policy, *f.no_failover, f.catalog, options, {80e9, 3.35e12}, 5.0},
                           {request("fits", 0.0, 4000, 96), request("over", 0.0, 4000, 97), request("output", 0.0, 10, 4096)});
    server.start();
    f.engine.run();
    const auto& r = server.records();
    EXPECT_EQ(r[0].status, RequestStatus::kFinished) << mode;
    EXPECT_EQ(r[0].prompt_tokens_dropped, 0);
    EXPECT_EQ(r[2].status, RequestStatus::kRejected) << mode;
    if (mode == "reject") {
      EXPECT_EQ(r[1].status, RequestStatus::kRejected);
      EXPECT_EQ(r[1].reason, "context window exceeded: 4000 prompt + 97 output tokens > 4096 (llama2-7b)");
      EXPECT_EQ(r[2].reason, "context window exceeded: 10 prompt + 4096 output tokens > 4096 (llama2-7b)");
    } else {
      EXPECT_EQ(r[1].status, RequestStatus::kFinished) << r[1].reason;
      EXPECT_EQ(r[1].prompt_tokens_dropped, 1);
      EXPECT_EQ(r[1].served_input_tokens(), 3999);
      EXPECT_EQ(static_cast<long>(r[1].token_arrival_s.size()), 97);
      EXPECT_EQ(r[2].reason, "context window exceeded by the output alone: 10 prompt + 4096 output tokens > 4096 (llama2-7b)");
    }
  }
}

// A prompt within the measured prefill table is priced by it; a longer one (Llama-3.1-8B's table ends at
// 4,096 tokens) by the roofline, said in the record, and it takes longer than twice the half-size one.
TEST(InferenceSim, APromptBeyondTheMeasuredTableIsPricedByTheRooflineAndSaysSo) {
  Fixture f;
  InferenceScenarioConfig options;
  auto long_context = [](const std::string& id, double arrival_s, long input) {
    InferenceRequestSpec q = request(id, arrival_s, input, 1);
    q.model = "llama3.1-8b";
    return q;
  };
  InferenceServer server({*f.platform, *f.policy, *f.no_failover, f.catalog, options, {80e9, 3.35e12}, 5.0},
                         {long_context("short", 0.0, 2048), long_context("long", 20.0, 32768), long_context("longer", 40.0, 65536)});
  server.start();
  f.engine.run();
  const auto& r = server.records();
  for (const auto& x : r) ASSERT_EQ(x.status, RequestStatus::kFinished) << x.spec.req_id << ": " << x.reason;
  EXPECT_EQ(r[0].timing_source, "table");
  EXPECT_EQ(r[1].timing_source, "roofline");
  EXPECT_EQ(r[2].timing_source, "roofline");
  // One output token: time from prompt delivery to the token = prefill + the token's downlink, the same
  // for both (same geometry, 20 s apart, epoch 1000 s).
  auto prefill_and_down = [](const InferenceRequestRecord& x) { return x.token_arrival_s.front() - x.prompt_delivered_s; };
  EXPECT_GT(prefill_and_down(r[2]), 2.0 * prefill_and_down(r[1]));
}

// Two requests sharing their first 4 blocks of 512 tokens. On the satellite that served the first, the
// second prefills only its 1,024 new tokens; with prefix_cache off, or on another satellite, all 3,072.
// (One SimGrid engine per process: one case per test.)
InferenceRequestSpec with_blocks(const std::string& id, double arrival_s, long input, std::vector<long> blocks, int station) {
  InferenceRequestSpec q = request(id, arrival_s, input, 1);
  q.prefix_blocks = std::move(blocks);
  q.station = station;
  return q;
}

void expect_second_prefills(bool prefix_cache, long expected_prefill_tokens) {
  Fixture f;
  InferenceScenarioConfig options;
  options.prefix_cache = prefix_cache;
  InferenceServer server({*f.platform, *f.policy, *f.no_failover, f.catalog, options, {80e9, 3.35e12}, 5.0},
                         {with_blocks("first", 0.0, 2048, {11, 12, 13, 14}, 0),
                          with_blocks("second", 10.0, 3072, {11, 12, 13, 14, 15, 16}, 0)});
  server.start();
  f.engine.run();
  const InferenceTiming& t = f.catalog.at("llama2-7b").inference.at("h100x1");
  const auto& first = server.records()[0];
  const auto& second = server.records()[1];
  ASSERT_EQ(second.status, RequestStatus::kFinished) << second.reason;
  EXPECT_EQ(first.cached_prompt_tokens, 0);
  EXPECT_EQ(second.cached_prompt_tokens, 3072 - expected_prefill_tokens);
  EXPECT_EQ(second.prefix_blocks_hit, prefix_cache ? 4 : 0);
  // The first token leaves once the prefill is done: prompt delivered + prefill + the same downlink.
  const double downlink_s = (first.token_arrival_s.front() - first.prompt_delivered_s) - t.prefill_s(2048);
  EXPECT_NEAR(second.token_arrival_s.front() - second.prompt_delivered_s - downlink_s,
              t.prefill_s(static_cast<double>(expected_prefill_tokens)), 1e-4);
}

TEST(InferenceSim, APromptWhosePrefixIsCachedOnItsSatelliteOnlyPrefillsTheRest) { expect_second_prefills(true, 1024); }

TEST(InferenceSim, WithoutPrefixCachingEveryPromptIsPrefilledWhole) { expect_second_prefills(false, 3072); }

// Two satellites on opposite sides of the Earth, a station under each, no ISLs: the second request is
// served by the other satellite, which has not seen the prefix (the cache does not follow).
TEST(InferenceSim, APrefixCachedOnAnotherSatelliteIsNotFound) {
  simgrid::s4u::Engine engine("orbitsim_inference_prefix_test");
  const auto dir = std::filesystem::temp_directory_path() / "orbitsim_inference_prefix_two_satellites";
  std::filesystem::create_directories(dir);
  const std::string head = "name: two\nepoch_utc: 2026-06-21T00:00:00Z\nshells:\n"
                           "  - {name: s, walker: 53:2/2/0, altitude_km: 550, isl: {pattern: none}}\n";
  std::ofstream(dir / "bare.yaml") << head;
  World bare = build_world(load_platform_config((dir / "bare.yaml").string()));
  std::vector<SatelliteState> st;
  bare.constellation.states(0.0, st);
  std::ofstream platform_yaml(dir / "p.yaml");
  platform_yaml << head << "ground_stations:\n";
  for (size_t i : {0, 1})
    platform_yaml << "  - {name: G" << i << ", latitude_deg: " << st[i].geodetic.latitude_rad * kRadToDeg
                  << ", longitude_deg: " << st[i].geodetic.longitude_rad * kRadToDeg << "}\n";
  platform_yaml << "network: {topology_epoch_s: 1000, gsl: {bandwidth_bps: 8e9}}\n";
  platform_yaml.close();
  const PlatformConfig config = load_platform_config((dir / "p.yaml").string());
  World world = build_world(config);
  TopologyBuilder topology(world, config.network, shell_links(config.shells));
  configure_simgrid({});
  SimPlatform platform(topology, config);
  const ModelCatalog catalog = load_model_catalog(std::string(ORBITSIM_SOURCE_DIR) + "/workloads/models.yaml");
  const auto policy = make_serving_policy("nearest-visible");
  const auto no_failover = make_inference_failover_policy("none");
  InferenceServer server({platform, *policy, *no_failover, catalog, InferenceScenarioConfig{}, {80e9, 3.35e12}, 5.0},
                         {with_blocks("first", 0.0, 2048, {11, 12, 13, 14}, 0),
                          with_blocks("second", 10.0, 3072, {11, 12, 13, 14, 15, 16}, 1)});
  server.start();
  engine.run();
  const auto& r = server.records();
  ASSERT_EQ(r[0].status, RequestStatus::kFinished) << r[0].reason;
  ASSERT_EQ(r[1].status, RequestStatus::kFinished) << r[1].reason;
  EXPECT_NE(r[0].serving_satellite, r[1].serving_satellite);
  EXPECT_EQ(r[1].cached_prompt_tokens, 0);
  EXPECT_EQ(r[1].prefix_blocks_hit, 0);
}

// Two turns of one conversation 8 minutes apart from a station under a ring of 12 satellites: by the
// second turn another satellite is overhead. `serving` picks the second turn's satellite.
std::vector<InferenceRequestRecord> two_turns_a_handover_apart(const std::string& serving) {
  Fixture f(PlatformFile{platform_with_station(
      "orbitsim_inference_sim_test", "ring",
      "{name: s, walker: 53:12/1/0, altitude_km: 550, isl: {pattern: ring, bandwidth_bps: 100e9}}", 3.0,
      "{topology_epoch_s: 10, gsl: {bandwidth_bps: 8e9}}")});
  const auto policy = make_serving_policy(serving);
  InferenceScenarioConfig options;
  options.max_hops = 6;
  auto turn = [](const std::string& id, double at_s, long input, std::vector<long> blocks) {
    InferenceRequestSpec q = with_blocks(id, at_s, input, std::move(blocks), 0);
    q.model = "llama3.1-8b";
    return q;
  };
  InferenceServer server({*f.platform, *policy, *f.no_failover, f.catalog, options, {80e9, 3.35e12}, 5.0},
                         {turn("first", 0.0, 4096, {1, 2, 3, 4, 5, 6, 7, 8}),
                          turn("second", 480.0, 6144, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})});
  server.start();
  f.engine.run();
  return server.records();
}

// prefix-affinity follows the cache over the ISLs to the satellite that served the first turn, when the
// prefill it saves (4,096 of 6,144 tokens) outweighs the longer route; lowest-latency (cache-blind) serves
// it overhead and prefills it whole.
TEST(InferenceSim, PrefixAffinityServesTheNextTurnWhereItsPrefixIsCached) {
  const auto r = two_turns_a_handover_apart("prefix-affinity");
  ASSERT_EQ(r[1].status, RequestStatus::kFinished) << r[1].reason;
  EXPECT_EQ(r[1].serving_satellite, r[0].serving_satellite);
  EXPECT_EQ(r[1].cached_prompt_tokens, 4096);
  EXPECT_GT(r[1].answered.uplink_hops, 1);  // over the ring to where the cache is
}

TEST(InferenceSim, ACacheBlindPolicyServesTheNextTurnOverheadAndPrefillsItWhole) {
  const auto r = two_turns_a_handover_apart("lowest-latency");
  ASSERT_EQ(r[1].status, RequestStatus::kFinished) << r[1].reason;
  EXPECT_NE(r[1].serving_satellite, r[0].serving_satellite);
  EXPECT_EQ(r[1].cached_prompt_tokens, 0);
}

TEST(InferenceSim, PrefillAndDecodeStepsDrawTheirCalibratedShareOfRatedPower) {
  Fixture f("power: {profile: starcloud-h100}\n");
  const InferenceTiming& timing = f.catalog.at("llama2-7b").inference.at("h100x1");
  ASSERT_LT(timing.decode_power_fraction, 1.0);
  const long input = 2048, output = 64;
  InferenceScenarioConfig options;
  InferenceServer server({*f.platform, *f.policy, *f.no_failover, f.catalog, options, {80e9, 3.35e12}, 5.0},
                         {request("q", 0.0, input, output)});
  server.set_power_activity([&](double fraction) { return f.config.power.activity_for_power_fraction(fraction); });
  server.start();
  double energy_j = 0.0;
  const double read_at_s = 10.0;  // long after the request
  sim_spawn(*f.platform, "probe", [&] {
    sim_sleep_until(read_at_s);
    energy_j = f.platform->accelerator_energy_j(0);
  });
  f.engine.run();
  ASSERT_EQ(server.records().front().status, RequestStatus::kFinished);
  const double tdp_w = 700.0, idle_w = 70.0;
  // Prefill: the table point. Decode: 63 steps of a + c x batch of 1, plus reading the KV cache of
  // 2048 + g tokens at step g = 1..63 (sum 63 x 2048 + 2016 = 131,040 tokens of 524,288 B) at 3.35 TB/s.
  const double prefill_s = 0.040;
  const double decode_s = (output - 1) * (6.7 + 0.05) / 1000.0 + 131040.0 * 524288.0 / 3.35e12;
  const double expected_j = idle_w * read_at_s + (timing.prefill_power_fraction * tdp_w - idle_w) * prefill_s +
                            (timing.decode_power_fraction * tdp_w - idle_w) * decode_s;
  EXPECT_NEAR(energy_j, expected_j, 1e-6 * expected_j);
  // Against a flat TDP the decode-dominated request saves most of its dynamic energy.
  const double flat_tdp_j = idle_w * read_at_s + (tdp_w - idle_w) * (prefill_s + decode_s);
  EXPECT_LT(energy_j, flat_tdp_j);
}

// 24 satellites 15 degrees apart in one plane, no ISLs, a station under the plane with one radio
// chain to the nearest: when its link moves on to the next satellite, the one serving a request has no
// route left to the station. `handover` runs a request across that moment.
struct RouteLossCase {
  bool handover = true;
  double switch_s = 0.0;  // when the station's link moves from one satellite to the next
  int first = -1, second = -1;
  InferenceRequestRecord run() {
    simgrid::s4u::Engine engine("orbitsim_inference_route_loss_test");
    const PlatformConfig config = load_platform_config(platform_with_station(
        "orbitsim_inference_route_loss", "ring", "{name: r, walker: 53:24/1/0, altitude_km: 550, isl: {pattern: none}}",
        0.0, "{topology_epoch_s: 1, gsl: {bandwidth_bps: 8e9}}"));
    World world = build_world(config);
    TopologyBuilder topology(world, config.network, shell_links(config.shells));
    auto linked_at = [&](double t) {
      for (const auto& l : topology.build(t).links) return l.a;
      return -1;
    };
    first = linked_at(0.0);
    for (double t = 1.0; t < 3000.0 && switch_s == 0.0; t += 1.0)
      if (linked_at(t) != first) switch_s = t, second = linked_at(t);  // -1: a gap in coverage
    const ModelCatalog catalog = load_model_catalog(std::string(ORBITSIM_SOURCE_DIR) + "/workloads/models.yaml");
    configure_simgrid({});
    SimPlatform platform(topology, config);
    const auto policy = make_serving_policy("nearest-visible");
    const auto failover_policy = make_inference_failover_policy("none");
    InferenceScenarioConfig options;
    options.stream_handover = handover;
    // ~2,000 decode steps of ~7 ms: the stream is under way when the link moves on.
    InferenceServer server({platform, *policy, *failover_policy, catalog, options, {80e9, 3.35e12}, 5.0},
                           {request("q", switch_s - 5.0, 512, 2000)});
    server.start();
    engine.run();
    return server.records().front();
  }
};

TEST(InferenceHandover, AStreamWhoseRouteIsGoneContinuesOnASatelliteTheStationReaches) {
  RouteLossCase c;
  const InferenceRequestRecord r = c.run();
  ASSERT_GT(c.switch_s, 5.0);
  ASSERT_GE(c.second, 0);
  ASSERT_EQ(r.status, RequestStatus::kFinished) << r.reason;
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(r.stream_handovers, 1);
  EXPECT_EQ(r.serving_satellite, c.second);
  ASSERT_EQ(r.token_arrival_s.size(), 2000u);  // every token once, in order
  size_t cut = 1;
  for (size_t i = 1; i < r.token_arrival_s.size(); ++i) {
    EXPECT_GT(r.token_arrival_s[i], r.token_arrival_s[i - 1]);
    if (r.token_arrival_s[i] - r.token_arrival_s[i - 1] > r.token_arrival_s[cut] - r.token_arrival_s[cut - 1]) cut = i;
  }
  // The longest gap is the handover, when the link moved on; the first satellite's tokens are kept and
  // the cut costs the upload of prompt + tokens so far and their prefill, not a restart.
  EXPECT_NEAR(r.token_arrival_s[cut - 1], c.switch_s, 0.1);
  EXPECT_GT(cut, 100u);
  EXPECT_GT(r.token_arrival_s[cut] - r.token_arrival_s[cut - 1], 0.01);
  EXPECT_LT(r.token_arrival_s[cut] - r.token_arrival_s[cut - 1], 1.5);
}

TEST(InferenceHandover, WithoutHandoverTheLostRequestSaysWhichRouteWentAway) {
  RouteLossCase c;
  c.handover = false;
  const InferenceRequestRecord r = c.run();
  ASSERT_EQ(r.status, RequestStatus::kFailed);
  EXPECT_EQ(r.stream_handovers, 0);
  // Cut at the first token emitted after the link moved on (tokens come every ~7 ms).
  const std::string head = "token downlink failed: no route from r_p0_s" + std::to_string(c.first) + " (shell r) to A since ";
  const std::string tail = " s; the station links to r_p0_s" + std::to_string(c.second) + " (shell r)";
  ASSERT_EQ(r.reason.substr(0, head.size()), head) << r.reason;
  ASSERT_GT(r.reason.size(), head.size() + tail.size());
  EXPECT_EQ(r.reason.substr(r.reason.size() - tail.size()), tail) << r.reason;
  EXPECT_NEAR(std::stod(r.reason.substr(head.size())), c.switch_s, 0.1);
}

}  // namespace
}  // namespace orbitsim
