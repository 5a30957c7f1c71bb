// The network on SimGrid: transfer times against hand-computed values, routes that follow topology
// epochs, bandwidth sharing, unreachable destinations and re-routing of long transfers. One SimGrid
// engine per test: ctest runs every test case in its own process (gtest_discover_tests).
#include <gtest/gtest.h>
#include <simgrid/Exception.hpp>
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Engine.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "world/world_builder.hpp"
#include "faults/fault_injector.hpp"
#include "core/constants.hpp"
#include "platform/sim_platform_access.hpp"
#include "platform/sim_platform.hpp"
#include "platform/sim_runtime.hpp"
#include "platform/transfer_service.hpp"
#include "network_fixture.hpp"
#include "topology/topology_builder.hpp"

namespace orbitsim {
namespace {

namespace s4u = simgrid::s4u;

// One satellite at 550 km and two stations 3 degrees north and south of its ground point at t = 0.
std::string one_satellite_platform(double far_station_offset_deg = -3.0) {
  const std::string shell =
      "name: one\nepoch_utc: 2026-06-21T00:00:00Z\nshells:\n  - {name: s, walker: 53:1/1/0, altitude_km: 550, "
      "raan_offset_deg: 10, isl: {pattern: none}}\n";
  const PlatformConfig bare = load_platform_config(write_platform(shell));
  World w = build_world(bare);
  std::vector<SatelliteState> st;
  w.constellation.states(0.0, st);
  const double lat = st[0].geodetic.latitude_rad * kRadToDeg, lon = st[0].geodetic.longitude_rad * kRadToDeg;
  return shell + "ground_stations:\n" + "  - {name: A, latitude_deg: " + std::to_string(lat + 3.0) +
         ", longitude_deg: " + std::to_string(lon) + "}\n  - {name: B, latitude_deg: " +
         std::to_string(lat + far_station_offset_deg) + ", longitude_deg: " +
         std::to_string(far_station_offset_deg < -60 ? std::remainder(lon + 180.0, 360.0) : lon) + "}\n" +
         "network:\n  topology_epoch_s: 1000\n  gsl: {bandwidth_bps: 8e9}\n";
}

TEST(NetworkSim, TwoHopTransferTakesLatencyPlusSizeOverBottleneck) {
  NetworkFixture f(write_platform(one_satellite_platform()));
  const int a = f.topology.node_named("A"), b = f.topology.node_named("B");
  // Hand computation from the geometry at t = 0: two GSLs at 8e9 bit/s = 1e9 B/s.
  const TopologySnapshot s = f.topology.build(0.0);
  const double d = distance(s.position_ecef_m[static_cast<size_t>(a)], s.position_ecef_m[0]) +
                   distance(s.position_ecef_m[0], s.position_ecef_m[static_cast<size_t>(b)]);
  const double bytes = 1e8;
  const double expected_s = d / kSpeedOfLight_mps + bytes / 1e9;
  TransferResult r;
  s4u::Actor::create("sender", SimPlatformAccess::host(*f.platform, a), [&] { r = f.transfers->transfer(a, b, bytes); });
  f.engine.run();
  ASSERT_TRUE(r.delivered) << r.failure;
  EXPECT_NEAR(r.end_s, expected_s, 1e-6);
  EXPECT_GT(d, 2 * 550e3);
}

TEST(NetworkSim, TwoFlowsOnOneIslShareItsBandwidth) {
  NetworkFixture f(write_platform("name: pair\nepoch_utc: 2026-06-21T00:00:00Z\nshells:\n"
                           "  - {name: c, type: formation, satellites: 2, isl: {bandwidth_bps: 8e9}}\n"
                           "network: {topology_epoch_s: 1000}\n"));
  const double bytes = 1e9;  // 1 s alone at 1e9 B/s
  const double delay_s = f.platform->current_path(0, 1).delay_s;
  std::vector<TransferResult> r(3);
  for (int i = 0; i < 2; ++i)
    s4u::Actor::create("shared", SimPlatformAccess::host(*f.platform, 0), [&, i] { r[static_cast<size_t>(i)] = f.transfers->transfer(0, 1, bytes); });
  // The reverse direction uses the other satellite's terminal: it does not share.
  s4u::Actor::create("reverse", SimPlatformAccess::host(*f.platform, 1), [&] { r[2] = f.transfers->transfer(1, 0, bytes); });
  f.engine.run();
  EXPECT_NEAR(r[0].end_s, delay_s + 2.0, 1e-6);
  EXPECT_NEAR(r[1].end_s, delay_s + 2.0, 1e-6);
  EXPECT_NEAR(r[2].end_s, delay_s + 1.0, 1e-6);
}

TEST(NetworkSim, FlowsWithDifferentLatenciesShareABottleneckEqually) {
  // CM02 as shipped weighs flows by 1/latency (simgrid-notes.md pitfall 3); orbitsim arranges max-min.
  NetworkFixture f(write_platform(one_satellite_platform()));
  const int a = f.topology.node_named("A"), b = f.topology.node_named("B");
  const double bytes = 1e8;  // both flows share A's uplink chain (1e9 B/s): 0.2 s together
  const double near_delay = f.platform->current_path(a, 0).delay_s, far_delay = f.platform->current_path(a, b).delay_s;
  ASSERT_GT(far_delay, 1.5 * near_delay);
  TransferResult to_satellite, to_station;
  s4u::Actor::create("near", SimPlatformAccess::host(*f.platform, a), [&] { to_satellite = f.transfers->transfer(a, 0, bytes); });
  s4u::Actor::create("far", SimPlatformAccess::host(*f.platform, a), [&] { to_station = f.transfers->transfer(a, b, bytes); });
  f.engine.run();
  // Each flow's rate is 5e8 B/s while both are active (latency phases differ by < 2 ms, during which
  // the earlier flow runs alone): both end within a few ms of 0.2 s.
  EXPECT_NEAR(to_satellite.end_s, 0.2 + near_delay, 0.003);
  EXPECT_NEAR(to_station.end_s, 0.2 + far_delay, 0.003);
}

TEST(NetworkSim, TransferToAnUnreachableStationFailsCleanly) {
  NetworkFixture f(write_platform(one_satellite_platform(-90.0)));  // B on the far side of the Earth
  const int a = f.topology.node_named("A"), b = f.topology.node_named("B");
  TransferResult r;
  bool raw_comm_failed = false;
  s4u::Actor::create("sender", SimPlatformAccess::host(*f.platform, a), [&] {
    r = f.transfers->transfer(a, b, 1e6);
    try {
      s4u::Comm::sendto(SimPlatformAccess::host(*f.platform, a), SimPlatformAccess::host(*f.platform, b), 1000);  // bypassing the service
    } catch (const simgrid::NetworkFailureException&) {
      raw_comm_failed = true;
    }
  });
  f.engine.run();
  EXPECT_FALSE(r.delivered);
  EXPECT_EQ(r.failure, "unreachable");
  EXPECT_EQ(r.end_s, 0.0);
  EXPECT_TRUE(raw_comm_failed);
}

// Starlink shell 1 with 1 s epochs: the first epoch after t = 0 at which Tokyo -> Delhi changes path.
struct Shell1 {
  static std::string file() {
    std::ifstream in(std::string(ORBITSIM_SOURCE_DIR) + "/platforms/starlink_gen1_shell1.yaml");
    std::stringstream ss;
    ss << in.rdbuf();
    std::string yaml = ss.str();
    const std::string relative = "file: ground/";
    yaml.replace(yaml.find(relative), relative.size(), "file: " + std::string(ORBITSIM_SOURCE_DIR) + "/platforms/ground/");
    return write_platform(yaml + "network: {topology_epoch_s: 1}\n");
  }
};

// What `nearest-visible` serves from: a station's direct links, kept per epoch in an index, are the current
// snapshot's links to it in its order — at the start, after a satellite linked to it fails within the
// epoch, and at the next epoch.
TEST(NetworkSim, AStationsDirectLinksAreTheCurrentSnapshotsLinksToIt) {
  NetworkFixture f(Shell1::file());
  std::vector<bool> down(static_cast<size_t>(f.topology.nodes()), false);
  auto expect_current = [&](double t_s, const std::string& when) {
    const TopologySnapshot s = f.topology.build(t_s, &down);
    size_t linked = 0;
    for (int gs = s.satellites; gs < s.nodes(); ++gs) {
      std::vector<std::pair<int, double>> direct;
      std::vector<int> satellites;
      for (const TopologyLink& l : s.links)
        if ((l.kind == LinkKind::kGsl || l.kind == LinkKind::kFibre) && l.b == gs) {
          direct.emplace_back(l.a, l.delay_s());
          satellites.push_back(l.a);
        }
      EXPECT_EQ(f.platform->direct_links(gs), direct) << when << ", station " << f.topology.name(gs);
      EXPECT_EQ(f.platform->station_links(gs), satellites) << when << ", station " << f.topology.name(gs);
      linked += direct.size();
    }
    EXPECT_GT(linked, static_cast<size_t>(s.stations) / 2) << when;
    EXPECT_TRUE(f.platform->direct_links(0).empty()) << when;  // a satellite is no station
  };
  int failed = -1;
  s4u::Actor::create("checker", SimPlatformAccess::control_host(*f.platform), [&] {
    expect_current(0.0, "t = 0");
    const int station = f.topology.satellites();
    ASSERT_FALSE(f.platform->station_links(station).empty());
    failed = f.platform->station_links(station).front();
    s4u::this_actor::sleep_until(0.5);
    f.platform->set_node_down(failed, true);
    down[static_cast<size_t>(failed)] = true;
    expect_current(0.0, "after a failure");
    const std::vector<int> after = f.platform->station_links(station);
    EXPECT_EQ(std::find(after.begin(), after.end(), failed), after.end());
    s4u::this_actor::sleep_until(1.5);
    expect_current(1.0, "next epoch");
  });
  f.engine.run();
  EXPECT_GE(failed, 0);
}

double first_path_change(TopologyBuilder& topology, int a, int b, double from_s) {
  const TopologySnapshot s0 = topology.build(from_s);
  const std::vector<int> nodes0 = Router(s0, false).path(a, b).nodes;
  for (double t = from_s + 1; t < from_s + 900; t += 1) {
    const TopologySnapshot s = topology.build(t);
    if (Router(s, false).path(a, b).nodes != nodes0) return t;
  }
  return -1;
}

TEST(NetworkSim, ATransferStartedAfterAnEpochChangeTakesTheNewPath) {
  NetworkFixture f(Shell1::file());
  const int a = f.topology.node_named("Tokyo"), b = f.topology.node_named("Delhi");
  const double change_s = first_path_change(f.topology, a, b, 0.0);
  ASSERT_GT(change_s, 0.0);
  const TopologySnapshot before = f.topology.build(change_s - 1), after = f.topology.build(change_s);
  const Path old_path = Router(before, false).path(a, b), new_path = Router(after, false).path(a, b);
  ASSERT_NE(old_path.nodes, new_path.nodes);
  const double bytes = 1e6, rate = 20e9 / 8;  // GSL bottleneck
  TransferResult r;
  Path seen;
  s4u::Actor::create("sender", SimPlatformAccess::host(*f.platform, a), [&] {
    s4u::this_actor::sleep_until(change_s + 0.5);
    seen = f.platform->current_path(a, b);
    r = f.transfers->transfer(a, b, bytes);
  });
  f.engine.run();
  EXPECT_EQ(seen.nodes, new_path.nodes);
  ASSERT_TRUE(r.delivered);
  EXPECT_NEAR(r.end_s - r.start_s, new_path.delay_s + bytes / rate, 1e-6);
  EXPECT_GT(std::fabs(new_path.delay_s - old_path.delay_s), 1e-6);
}

TEST(NetworkSim, ALongTransferIsReroutedAtEpochBoundariesWithItsRemainingBytes) {
  NetworkFixture f(Shell1::file());
  const int a = f.topology.node_named("Tokyo"), b = f.topology.node_named("Delhi");
  const double change_s = first_path_change(f.topology, a, b, 0.0);
  ASSERT_GT(change_s, 0.0);
  const double start_s = std::max(0.0, change_s - 10.0);
  const double rate = 20e9 / 8, bytes = 30.0 * rate;  // 30 s at the GSL rate: crosses the change
  const double delay0 = Router(f.topology.build(start_s), false).path(a, b).delay_s;
  TransferResult r;
  f.transfers->start_epoch_updater();
  s4u::Actor::create("sender", SimPlatformAccess::host(*f.platform, a), [&] {
    s4u::this_actor::sleep_until(start_s);
    r = f.transfers->transfer(a, b, bytes);
  });
  f.engine.run();
  ASSERT_TRUE(r.delivered) << r.failure;
  EXPECT_GE(r.reroutes, 1);
  EXPECT_DOUBLE_EQ(r.bytes_delivered, bytes);
  // Continuations do not pay the latency again and every path has the same GSL bottleneck.
  EXPECT_NEAR(r.end_s - r.start_s, delay0 + bytes / rate, 1e-4);
}

TEST(NetworkSim, AFailedRelayIsRoutedAroundAndOnlyTheChunkInFlightIsSentAgain) {
  // 4 planes of 8 at 1,000 km on a plus-grid: satellite 0 reaches slot 2 of its plane through slot 1.
  NetworkFixture f(write_platform("name: grid\nepoch_utc: 2026-06-21T00:00:00Z\nshells:\n"
                           "  - {name: s, walker: 53:32/4/1, altitude_km: 1000, isl: {bandwidth_bps: 8e9}}\n"
                           "network: {topology_epoch_s: 1000, transfer_chunk_bytes: 1e8}\n"));
  const Path before = f.platform->current_path(0, 2);
  ASSERT_EQ(before.nodes, (std::vector<int>{0, 1, 2}));
  const double bytes = 2e9, rate = 1e9, fail_s = 0.5;  // 2 s at 1e9 B/s; the relay fails a quarter in
  TransferResult r;
  s4u::Actor::create("sender", SimPlatformAccess::host(*f.platform, 0), [&] { r = f.transfers->transfer(0, 2, bytes); });
  s4u::Actor::create("failure", SimPlatformAccess::control_host(*f.platform), [&] {
    s4u::this_actor::sleep_until(fail_s);
    f.platform->set_node_down(1, true);
  });
  f.engine.run();
  const Path after = f.platform->current_path(0, 2);  // same epoch, without satellite 1
  ASSERT_TRUE(after.reachable());
  EXPECT_EQ(std::count(after.nodes.begin(), after.nodes.end(), 1), 0);
  ASSERT_TRUE(r.delivered) << r.failure;
  EXPECT_EQ(r.failure_reroutes, 1);
  // Hand computation: bytes sent before the failure, back to the last whole chunk, then the new path.
  const double sent = (fail_s - before.delay_s) * rate;
  const double acknowledged = std::floor(sent / 1e8) * 1e8;
  EXPECT_NEAR(r.bytes_resent, sent - acknowledged, 1.0);
  EXPECT_GT(r.bytes_resent, 0.0);
  EXPECT_NEAR(r.end_s, fail_s + after.delay_s + (bytes - acknowledged) / rate, 1e-6);
}

// A terminal carries its laser's declared rate whether every laser of the platform has that rate (the
// terminals get it once, when created) or not (refresh() sets each terminal's at each epoch): here the
// shell's lasers run at 8 Gb/s and the (unused) inter-shell ones at the same or at the default 100 Gb/s.
void expect_isl_rate_of_8_gbps(const std::string& inter_shell) {
  NetworkFixture f(write_platform("name: grid\nepoch_utc: 2026-06-21T00:00:00Z\nshells:\n"
                           "  - {name: s, walker: 53:32/4/1, altitude_km: 1000, isl: {bandwidth_bps: 8e9}}\n"
                           "network: {topology_epoch_s: 1000" + inter_shell + "}\n"));
  const Path path = f.platform->current_path(0, 2);
  ASSERT_EQ(path.nodes, (std::vector<int>{0, 1, 2}));
  const double bytes = 2e9, rate = 1e9;  // 8 Gb/s
  TransferResult r;
  s4u::Actor::create("sender", SimPlatformAccess::host(*f.platform, 0), [&] { r = f.transfers->transfer(0, 2, bytes); });
  f.engine.run();
  ASSERT_TRUE(r.delivered) << r.failure;
  EXPECT_NEAR(r.end_s - r.start_s, path.delay_s + bytes / rate, 1e-6);
}
TEST(NetworkSim, AnIslCarriesItsDeclaredRateWhenAllLasersShareIt) {
  expect_isl_rate_of_8_gbps(", inter_shell_isl: {bandwidth_bps: 8e9}");
}
TEST(NetworkSim, AnIslCarriesItsDeclaredRateWhenLasersDiffer) { expect_isl_rate_of_8_gbps(""); }

TEST(NetworkSim, ATransferWhoseDestinationFailsIsNotDelivered) {
  NetworkFixture f(write_platform("name: grid\nepoch_utc: 2026-06-21T00:00:00Z\nshells:\n"
                           "  - {name: s, walker: 53:32/4/1, altitude_km: 1000, isl: {bandwidth_bps: 8e9}}\n"
                           "network: {topology_epoch_s: 1000}\n"));
  TransferResult r;
  s4u::Actor::create("sender", SimPlatformAccess::host(*f.platform, 0), [&] { r = f.transfers->transfer(0, 2, 2e9); });
  s4u::Actor::create("failure", SimPlatformAccess::control_host(*f.platform), [&] {
    s4u::this_actor::sleep_until(0.5);
    f.platform->set_node_down(2, true);
  });
  f.engine.run();
  EXPECT_FALSE(r.delivered);
  EXPECT_EQ(r.failure_reroutes, 0);
  EXPECT_NEAR(r.end_s, 0.5, 1e-9);
}

TEST(NetworkSim, AHungSatelliteStillRelays) {
  NetworkFixture f(write_platform(kGridPlatform));
  const Path path = f.platform->current_path(0, 2);
  ASSERT_EQ(path.nodes, (std::vector<int>{0, 1, 2}));
  TransferResult r;
  s4u::Actor::create("sender", SimPlatformAccess::host(*f.platform, 0), [&] { r = f.transfers->transfer(0, 2, 2e9); });
  FaultInjector faults(*f.platform, {{0.5, f.platform->name(1), FailureKind::kSefi, 60.0}}, {});
  faults.start();
  f.engine.run();
  ASSERT_TRUE(r.delivered) << r.failure;
  EXPECT_EQ(r.failure_reroutes, 0);
  EXPECT_NEAR(r.end_s, path.delay_s + 2.0, 1e-6);  // as if nothing happened: only its compute hung
}

TEST(NetworkSim, AFailedIslTerminalIsRoutedAround) {
  NetworkFixture f(write_platform(kGridPlatform));
  ASSERT_EQ(f.platform->current_path(0, 2).nodes, (std::vector<int>{0, 1, 2}));
  TransferResult r;
  s4u::Actor::create("sender", SimPlatformAccess::host(*f.platform, 0), [&] { r = f.transfers->transfer(0, 2, 2e9); });
  // Terminal 0 of satellite 0 points ahead in its plane: the 0-1 link.
  FaultInjector faults(*f.platform, {{0.5, f.platform->name(0) + ":0", FailureKind::kIsl}}, {});
  faults.start();
  f.engine.run();
  ASSERT_TRUE(r.delivered) << r.failure;
  EXPECT_EQ(r.failure_reroutes, 1);
  const Path after = f.platform->current_path(0, 2);
  ASSERT_TRUE(after.reachable());
  EXPECT_NE(after.nodes[1], 1);  // satellite 1 is up, but not reachable from 0 directly any more
  EXPECT_TRUE(f.platform->current_path(1, 2).reachable());
}

TEST(NetworkSim, AFailedTerminalAlsoFailsTrafficComingTheOtherWayOverItsLink) {
  NetworkFixture f(write_platform(kGridPlatform));
  ASSERT_EQ(f.platform->current_path(2, 0).nodes, (std::vector<int>{2, 1, 0}));
  bool delivered = true;
  double end_s = 0.0;
  s4u::Actor::create("sender", SimPlatformAccess::control_host(*f.platform), [&] {
    delivered = exchange(*f.platform, {{2, 0}}, 2e9);  // 2 s; its 1 -> 0 hop uses satellite 1's terminal
    end_s = s4u::Engine::get_clock();
  });
  FaultInjector faults(*f.platform, {{0.5, f.platform->name(0) + ":0", FailureKind::kIsl}}, {});  // 0's end of that link
  faults.start();
  f.engine.run();
  EXPECT_FALSE(delivered);
  EXPECT_NEAR(end_s, 0.5, 1e-9);
}

TEST(NetworkSim, AStationOutageFailsTransfersUntilItEnds) {
  NetworkFixture f(write_platform(one_satellite_platform()));
  const int a = f.topology.node_named("A");
  std::vector<TransferResult> r(3);
  for (int i = 0; i < 3; ++i)
    s4u::Actor::create("sender", SimPlatformAccess::control_host(*f.platform), [&, i] {
      s4u::this_actor::sleep_until(std::vector<double>{0.0, 0.5, 1.2}[static_cast<size_t>(i)]);
      r[static_cast<size_t>(i)] = f.transfers->transfer(a, 0, 1e9);  // 1 s over the 8 Gbit/s uplink
    });
  FaultInjector faults(*f.platform, {{0.1, "A", FailureKind::kStation, 1.0}}, {});
  faults.start();
  f.engine.run();
  EXPECT_FALSE(r[0].delivered);  // under way when the station went down
  EXPECT_NEAR(r[0].end_s, 0.1, 1e-9);
  EXPECT_EQ(r[1].failure, "unreachable");  // started during the outage
  EXPECT_TRUE(r[2].delivered);             // after it
}

}  // namespace
}  // namespace orbitsim
