// The same snapshot however an epoch is built: on one, two or three threads, with neighbour lists kept
// across epochs, or ahead of time by the prefetcher's lanes; and the WorkerPool that shares the loops.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <stdexcept>
#include <memory>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "config/platform_config.hpp"
#include "core/worker_pool.hpp"
#include "topology/epoch_prefetcher.hpp"
#include "topology/router.hpp"
#include "topology/topology_builder.hpp"
#include "platform_file.hpp"
#include "world/world_builder.hpp"

namespace orbitsim {
namespace {

std::string write_platform(const std::string& name, const std::string& yaml) {
  return testing::write_temp_platform("orbitsim_snapshot_builds_test_" + name, yaml);
}

// The shipped Gen1 (plus-grid shells, inter-shell lasers, 8-chain gateways) and a formation whose lasers are
// chosen by range at each epoch, with two stations, written under `name`.
std::vector<std::string> gen1_and_a_ranged_formation(const std::string& name) {
  return {std::string(ORBITSIM_SOURCE_DIR) + "/platforms/starlink_gen1.yaml",
          write_platform(name, "name: r\nepoch_utc: 2026-06-21T00:00:00Z\nshells:\n"
                               "  - {name: a, walker: 53:600/30/1, altitude_km: 550, isl: {pattern: all-within-range, terminals: 3}}\n"
                               "ground_stations:\n  - {name: Quito, latitude_deg: -0.18, longitude_deg: -78.47}\n"
                               "  - {name: Oslo, latitude_deg: 59.91, longitude_deg: 10.75}\n")};
}

// Same links (ends, kind, length, rate, terminals, in the same order) and the same positions, bit for bit.
void expect_same_snapshot(const TopologySnapshot& a, const TopologySnapshot& b, const std::string& context) {
  ASSERT_EQ(a.links.size(), b.links.size()) << context;
  for (size_t i = 0; i < a.links.size(); ++i) {
    const TopologyLink &x = a.links[i], &y = b.links[i];
    ASSERT_EQ(std::tie(x.a, x.b, x.kind, x.length_m, x.bandwidth_bps, x.port_a, x.port_b),
              std::tie(y.a, y.b, y.kind, y.length_m, y.bandwidth_bps, y.port_a, y.port_b)) << context << ", link " << i;
  }
  ASSERT_EQ(a.position_ecef_m.size(), b.position_ecef_m.size()) << context;
  for (size_t n = 0; n < a.position_ecef_m.size(); ++n)
    ASSERT_EQ(std::tie(a.position_ecef_m[n].x, a.position_ecef_m[n].y, a.position_ecef_m[n].z),
              std::tie(b.position_ecef_m[n].x, b.position_ecef_m[n].y, b.position_ecef_m[n].z)) << context << ", node " << n;
  ASSERT_EQ(a.node_up, b.node_up) << context;
}

// Threads share an epoch's positions and link candidates: the snapshot must not depend on how many.
// The shipped Gen1 (plus-grid shells, inter-shell lasers, 8-chain gateways) and an all-within-range
// formation, at instants with and without failed nodes and terminals.
TEST(Topology, SnapshotsAreTheSameOnOneTwoOrThreeThreads) {
  for (const std::string& path : gen1_and_a_ranged_formation("threads_ranged")) {
    const PlatformConfig config = load_platform_config(path);
    World world = build_world(config);
    TopologyBuilder serial(world, config.network, shell_links(config.shells));
    std::vector<bool> down(static_cast<size_t>(serial.nodes()), false);
    for (size_t i = 0; i < down.size(); i += 7) down[i] = true;
    const std::set<std::pair<int, int>> failed{{1, 0}, {2, 3}, {10, serial.isl_terminals(10) - 1}};
    for (int threads : {2, 3}) {
      WorkerPool workers(threads);
      TopologyBuilder parallel(world, config.network, shell_links(config.shells));
      parallel.use_workers(&workers);
      for (double t : {0.0, 3000.0}) {
        for (bool faults : {false, true}) {
          const TopologySnapshot a = serial.build(t, faults ? &down : nullptr, faults ? &failed : nullptr);
          const TopologySnapshot b = parallel.build(t, faults ? &down : nullptr, faults ? &failed : nullptr);
          EXPECT_GT(a.links.size(), 700u);
          expect_same_snapshot(a, b, path + " on " + std::to_string(threads) + " threads at " + std::to_string(t));
        }
      }
    }
  }
}

// A builder's snapshot says its lasers and radio links are as long as the straight line between their ends'
// positions, bit for bit (the Router then takes their lengths for its A* bound instead of measuring them):
// plus-grid, inter-shell and range-chosen lasers, and ground links.
TEST(Topology, LaserAndRadioLinksAreAsLongAsTheLineBetweenTheirEnds) {
  for (const std::string& path : gen1_and_a_ranged_formation("chords_ranged")) {
    const PlatformConfig config = load_platform_config(path);
    World world = build_world(config);
    TopologyBuilder builder(world, config.network, shell_links(config.shells));
    for (double t : {0.0, 43200.0}) {
      const TopologySnapshot s = builder.build(t);
      ASSERT_TRUE(s.isl_gsl_lengths_are_chords);
      std::set<LinkKind> kinds;
      for (const TopologyLink& l : s.links) {
        kinds.insert(l.kind);
        ASSERT_EQ(l.length_m, distance(s.position_ecef_m[static_cast<size_t>(l.a)], s.position_ecef_m[static_cast<size_t>(l.b)]))
            << path << " at " << t << " s: " << l.a << "-" << l.b;
      }
      EXPECT_TRUE(kinds.count(LinkKind::kIsl) && kinds.count(LinkKind::kGsl)) << path;
    }
  }
}

// A builder keeps neighbour lists from one epoch to the next (rebuilt when satellites have moved too far):
// every snapshot must be the one a fresh builder, with lists made for that instant alone, gives — along
// consecutive epochs across rebuilds, after jumps back and forth in time, and with failures.
TEST(Topology, NeighbourListsKeptAcrossEpochsGiveTheSnapshotsOfAFreshBuilder) {
  for (const std::string& path : gen1_and_a_ranged_formation("kept_lists_ranged")) {
    const PlatformConfig config = load_platform_config(path);
    World world = build_world(config);
    TopologyBuilder kept(world, config.network, shell_links(config.shells));
    std::vector<bool> down(static_cast<size_t>(kept.nodes()), false);
    for (size_t i = 3; i < down.size(); i += 11) down[i] = true;
    const std::set<std::pair<int, int>> failed{{1, 0}, {2, 3}, {10, kept.isl_terminals(10) - 1}};
    std::vector<double> instants;
    for (double t = 0.0; t <= 60.0; t += 1.0) instants.push_back(t);
    for (double t : {30.5, 5.0, 5.0, 900.0, 899.0, 12.0}) instants.push_back(t);
    size_t gsls = 0;
    for (size_t k = 0; k < instants.size(); ++k) {
      const bool faults = k % 3 == 2;
      const TopologySnapshot a = kept.build(instants[k], faults ? &down : nullptr, faults ? &failed : nullptr);
      TopologyBuilder fresh(world, config.network, shell_links(config.shells));
      const TopologySnapshot b = fresh.build(instants[k], faults ? &down : nullptr, faults ? &failed : nullptr);
      expect_same_snapshot(a, b, path + " at " + std::to_string(instants[k]));
      gsls += static_cast<size_t>(std::count_if(a.links.begin(), a.links.end(), [](const TopologyLink& l) { return l.kind == LinkKind::kGsl; }));
    }
    EXPECT_GT(gsls, instants.size());  // stations see satellites: the station lists are exercised
    // The lists were kept most of the time (else this test would not test them), and rebuilt at least
    // once along the minute (else it would not test a rebuild).
    EXPECT_LT(kept.neighbour_lists_built(), instants.size() / 3) << path;
    EXPECT_GT(kept.neighbour_lists_built(), 2u) << path;
  }
}

// The prefetcher's lanes share their neighbour lists: two builders that build every other second each (as
// two lanes do), taking turns on one thread or at once on two, give the snapshots of a lone builder; taking
// turns, they build fewer lists between them than they do without sharing.
TEST(Topology, BuildersSharingNeighbourListsGiveTheSnapshotsOfALoneBuilder) {
  constexpr int kEpochs = 60;
  for (const std::string& path : gen1_and_a_ranged_formation("shared_lists_ranged")) {
    const PlatformConfig config = load_platform_config(path);
    World world = build_world(config);
    TopologyBuilder lone(world, config.network, shell_links(config.shells));
    std::vector<TopologySnapshot> expected;
    for (int t = 0; t < kEpochs; ++t) expected.push_back(lone.build(t));

    // Taking turns: each lane builds its next epoch in time order, with or without the shared lists.
    size_t lists_built[2] = {0, 0};  // without, with sharing
    for (bool share : {false, true}) {
      TopologyBuilder::SharedNeighbourLists shared;
      std::vector<World> worlds;
      for (int lane = 0; lane < 2; ++lane) worlds.push_back(build_world(config));
      std::vector<std::unique_ptr<TopologyBuilder>> lanes;
      for (World& w : worlds) {
        lanes.push_back(std::make_unique<TopologyBuilder>(w, config.network, shell_links(config.shells)));
        if (share) lanes.back()->share_neighbour_lists(&shared);
      }
      for (int t = 0; t < kEpochs; ++t)
        expect_same_snapshot(lanes[static_cast<size_t>(t % 2)]->build(t), expected[static_cast<size_t>(t)],
                             path + (share ? ", shared lists, at " : ", own lists, at ") + std::to_string(t));
      lists_built[share] = lanes[0]->neighbour_lists_built() + lanes[1]->neighbour_lists_built();
    }
    EXPECT_GT(lists_built[1], 0u) << path;
    EXPECT_LT(lists_built[1], lists_built[0]) << path;

    // At once, on two threads: whichever list each adopts, the same snapshots.
    TopologyBuilder::SharedNeighbourLists shared;
    std::vector<TopologySnapshot> got(kEpochs);
    std::vector<std::thread> threads;
    for (int lane = 0; lane < 2; ++lane)
      threads.emplace_back([&, lane] {
        World w = build_world(config);
        TopologyBuilder builder(w, config.network, shell_links(config.shells));
        builder.share_neighbour_lists(&shared);
        for (int t = lane; t < kEpochs; t += 2) got[static_cast<size_t>(t)] = builder.build(t);
      });
    for (std::thread& thread : threads) thread.join();
    for (int t = 0; t < kEpochs; ++t)
      expect_same_snapshot(got[static_cast<size_t>(t)], expected[static_cast<size_t>(t)], path + ", two threads, at " + std::to_string(t));
  }
}

// An epoch built ahead on a background thread, for failed nodes and terminals, is handed over once, for
// that epoch only, and is then the snapshot a build on the spot for those failures gives, with the routing
// trees asked for already computed and equal to trees computed on the spot.
TEST(Topology, AnEpochBuiltAheadIsHandedOverOnceForItsEpoch) {
  const PlatformConfig config = load_platform_config(std::string(ORBITSIM_SOURCE_DIR) + "/platforms/starlink_gen1.yaml");
  World world = build_world(config);
  TopologyBuilder builder(world, config.network, shell_links(config.shells));
  EpochPrefetcher ahead([&] { return build_world(config); }, config.network, shell_links(config.shells), 1);
  std::vector<bool> down(static_cast<size_t>(builder.nodes()), false);
  down[3] = true;
  const EpochPrefetcher::FailedTerminals failed{{5, 1}};
  const int akita = builder.node_named("Akita"), lekki = builder.node_named("Lekki");
  ASSERT_GE(akita, 0);
  ASSERT_GE(lekki, 0);
  ahead.start(7, 7.0, down, failed, {akita, lekki});
  EXPECT_TRUE(ahead.started(7));
  EXPECT_FALSE(ahead.started(8));
  EXPECT_EQ(ahead.take(6).snapshot, nullptr);  // another epoch
  const auto epoch = ahead.take(7);
  ASSERT_NE(epoch.snapshot, nullptr);
  ASSERT_NE(epoch.router, nullptr);
  const TopologySnapshot expected = builder.build(7.0, &down, &failed);
  expect_same_snapshot(*epoch.snapshot, expected, "epoch 7 built ahead");
  EXPECT_EQ(&epoch.router->snapshot(), epoch.snapshot.get());
  EXPECT_EQ(epoch.router->trees_computed(), 2u);
  Router on_the_spot(expected, config.network.relay_through_ground);
  for (int station : {akita, lekki}) {
    const RoutingTree &a = epoch.router->tree_to(station), &b = on_the_spot.tree_to(station);
    EXPECT_EQ(a.next_hop, b.next_hop);
    EXPECT_EQ(a.next_link, b.next_link);
    EXPECT_EQ(a.delay_s, b.delay_s);
    EXPECT_GT(std::count_if(a.next_hop.begin(), a.next_hop.end(), [](int hop) { return hop >= 0; }), 4000);
  }
  EXPECT_FALSE(ahead.started(7));
  EXPECT_EQ(ahead.take(7).snapshot, nullptr);  // handed over once
  EXPECT_EQ(ahead.handed_over(), 1);
  ahead.start(8, 8.0, down, failed);  // destroyed while building: joins cleanly
}

// With two lanes the next two epochs are built at once, each handed over as built on the spot; after a
// failure, drop_all drops what the lanes had started.
TEST(Topology, TwoLanesBuildTwoEpochsAheadAtOnce) {
  const PlatformConfig config = load_platform_config(std::string(ORBITSIM_SOURCE_DIR) + "/platforms/starlink_gen1.yaml");
  World world = build_world(config);
  TopologyBuilder builder(world, config.network, shell_links(config.shells));
  EpochPrefetcher ahead([&] { return build_world(config); }, config.network, shell_links(config.shells), 2);
  ASSERT_EQ(ahead.lanes(), 2);
  std::vector<bool> down(static_cast<size_t>(builder.nodes()), false), one_down = down;
  one_down[3] = true;
  ahead.start(7, 7.0, down, {});
  ahead.start(8, 8.0, down, {});
  EXPECT_TRUE(ahead.started(7));
  EXPECT_TRUE(ahead.started(8));
  EXPECT_FALSE(ahead.started(9));
  const auto seven = ahead.take(7);
  ASSERT_NE(seven.snapshot, nullptr);
  expect_same_snapshot(*seven.snapshot, builder.build(7.0, &down), "epoch 7 built ahead");
  ahead.drop_all();  // satellite 3 failed during epoch 7
  EXPECT_FALSE(ahead.started(8));
  EXPECT_EQ(ahead.take(8).snapshot, nullptr);
  ahead.start(9, 9.0, one_down, {});
  ahead.start(10, 10.0, one_down, {});
  const auto nine = ahead.take(9), ten = ahead.take(10);
  ASSERT_NE(nine.snapshot, nullptr);
  ASSERT_NE(ten.snapshot, nullptr);
  expect_same_snapshot(*nine.snapshot, builder.build(9.0, &one_down), "epoch 9 built ahead");
  expect_same_snapshot(*ten.snapshot, builder.build(10.0, &one_down), "epoch 10 built ahead");
  EXPECT_EQ(ahead.handed_over(), 3);
}

// A lane builds several of its epochs ahead, in order; taking an epoch drops the earlier ones (the
// simulation never goes back in time).
TEST(Topology, ALaneBuildsSeveralEpochsAheadAndDropsThoseLeftBehind) {
  const PlatformConfig config = load_platform_config(std::string(ORBITSIM_SOURCE_DIR) + "/platforms/starlink_gen1.yaml");
  World world = build_world(config);
  TopologyBuilder builder(world, config.network, shell_links(config.shells));
  EpochPrefetcher ahead([&] { return build_world(config); }, config.network, shell_links(config.shells), 1, 1, 4);
  ASSERT_EQ(ahead.epochs_ahead(), 4);
  const std::vector<bool> down(static_cast<size_t>(builder.nodes()), false);
  for (long epoch = 7; epoch <= 10; ++epoch) ahead.start(epoch, static_cast<double>(epoch), down, {});
  for (long epoch = 7; epoch <= 10; ++epoch) EXPECT_TRUE(ahead.started(epoch)) << epoch;
  const auto nine = ahead.take(9);  // epochs 7 and 8 skipped: dropped
  ASSERT_NE(nine.snapshot, nullptr);
  expect_same_snapshot(*nine.snapshot, builder.build(9.0, &down), "epoch 9 built ahead");
  EXPECT_FALSE(ahead.started(7));
  EXPECT_FALSE(ahead.started(8));
  EXPECT_EQ(ahead.take(8).snapshot, nullptr);
  const auto ten = ahead.take(10);
  ASSERT_NE(ten.snapshot, nullptr);
  expect_same_snapshot(*ten.snapshot, builder.build(10.0, &down), "epoch 10 built ahead");
  EXPECT_EQ(ahead.handed_over(), 2);
  for (long epoch = 11; epoch <= 14; ++epoch) ahead.start(epoch, static_cast<double>(epoch), down, {});
}  // destroyed with builds queued: joins cleanly

TEST(WorkerPool, ChunksCoverTheLoopOnceInOrderAndRethrowAChunksError) {
  WorkerPool workers(3);
  for (size_t n : {0, 1, 63, 64, 200, 10001}) {
    std::vector<int> hits(n, 0);
    std::vector<std::pair<size_t, size_t>> ranges(static_cast<size_t>(workers.chunks_for(n)));
    workers.for_chunks(n, [&](int chunk, size_t begin, size_t end) {
      ranges[static_cast<size_t>(chunk)] = {begin, end};
      for (size_t i = begin; i < end; ++i) ++hits[i];
    });
    EXPECT_EQ(std::count(hits.begin(), hits.end(), 1), static_cast<long>(n)) << n;
    for (size_t c = 0; c + 1 < ranges.size(); ++c) EXPECT_EQ(ranges[c].second, ranges[c + 1].first);
    EXPECT_EQ(ranges.back().second, n);
  }
  EXPECT_EQ(workers.chunks_for(10), 1);  // too short to wake a thread
  EXPECT_EQ(workers.chunks_for(10001), 3);
  EXPECT_THROW(workers.for_chunks(1000, [](int chunk, size_t, size_t) {
    if (chunk == 2) throw std::runtime_error("chunk 2");
  }), std::runtime_error);
  int sum = 0;  // still usable after an error
  std::mutex sum_mutex;
  workers.for_chunks(1000, [&](int, size_t begin, size_t end) {
    std::lock_guard lock(sum_mutex);
    sum += static_cast<int>(end - begin);
  });
  EXPECT_EQ(sum, 1000);
}

}  // namespace
}  // namespace orbitsim
