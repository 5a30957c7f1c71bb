// Topology and routing cost per epoch (figures for the closing notes, not tests):
//  - BM_ForwardingState/kuiper630: Kuiper-630 (1,156 satellites) + top-100 cities, the next hop of every
//    node toward every ground station (what Hypatia's satgenpy computes per time step);
//  - snapshot_only/Gen1/T: the 4,408-satellite Gen1 snapshot (inter-shell ISLs, 198 gateways) without
//    routing, on T threads; snapshot_only/walker_20000/T: the same for the 20,000-satellite shell below;
//    snapshot_only/tle_2026/1: the 10,361 element sets of 2026 (SGP4, lasers chosen by range at each epoch);
//  - lane_epoch/Gen1/T0: what each of `run --threads 2`'s two prefetcher lanes does per epoch on Gen1 (every
//    other epoch's snapshot and its Router) from T0 s on (0, and 43,200: more typical of the day);
//    lane_epoch/Gen1_counted/43200/iterations:N: the same for exactly N epochs, for lane_instructions.sh;
//  - BM_TopologyEpoch/20000: positions + ISL/GSL state + routing trees toward all 100 stations for a
//    20,000-satellite Walker shell (200 x 100, 550 km, 53 deg).
// Time per iteration = per epoch. Counters: trees_per_epoch, links, peak_rss_MB (whole process so far).
//   build/tools/bench/topology_bench [--benchmark_repetitions=3]
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <filesystem>
#include <fstream>

#include "world/world_builder.hpp"
#include "topology/router.hpp"
#include "topology/topology_builder.hpp"

namespace orbitsim {
namespace {

const std::string kPlatforms = std::string(ORBITSIM_SOURCE_DIR) + "/platforms/";

double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

std::string walker_platform(int planes, int per_plane) {
  const auto path = std::filesystem::temp_directory_path() / ("orbitsim_bench_walker_" + std::to_string(planes * per_plane) + ".yaml");
  std::ofstream(path) << "name: bench\nepoch_utc: 2026-06-21T00:00:00Z\nshells:\n  - {name: w, walker: 53:"
                      << planes * per_plane << "/" << planes << "/1, altitude_km: 550}\n"
                      << "ground_stations:\n  - file: " << kPlatforms << "ground/hypatia_cities_top100.basic.txt\n";
  return path.string();
}

void run_epochs(benchmark::State& state, const std::string& file) {
  const PlatformConfig config = load_platform_config(file);
  World world = build_world(config);
  TopologyBuilder builder(world, config.network, shell_links(config.shells));
  double t = 0.0;
  size_t links = 0, trees = 0;
  for (auto _ : state) {
    const TopologySnapshot s = builder.build(t);
    Router router(s, false);
    for (int g = s.satellites; g < s.nodes(); ++g) benchmark::DoNotOptimize(router.tree_to(g).next_hop.data());
    links = s.links.size();
    trees = router.trees_computed();
    t += 1.0;
  }
  state.counters["trees_per_epoch"] = static_cast<double>(trees);
  state.counters["links"] = static_cast<double>(links);
  state.counters["peak_rss_MB"] = peak_rss_mb();
}

// The snapshot alone (positions, ISLs, GSLs), no routing, on state.range(0) threads.
void snapshot_only(benchmark::State& state, const std::string& file) {
  const PlatformConfig config = load_platform_config(file);
  World world = build_world(config);
  TopologyBuilder builder(world, config.network, shell_links(config.shells));
  WorkerPool workers(static_cast<int>(state.range(0)));
  builder.use_workers(&workers);
  double t = 0.0;
  size_t links = 0;
  for (auto _ : state) {
    links = builder.build(t).links.size();
    t += 1.0;
  }
  state.counters["links"] = static_cast<double>(links);
}

// What one of `run --threads 2`'s two prefetcher lanes does per epoch: every other epoch's snapshot (its
// neighbour lists then see 2 s of motion between builds) and the Router over it, without trees; from
// state.range(0) seconds after the platform's epoch (Gen1 at 0 s has its two 53-degree shells in step,
// and most satellites find their inter-shell laser within 250 km; by 43,200 s half of them look farther).
void lane_epoch(benchmark::State& state, const std::string& file) {
  const PlatformConfig config = load_platform_config(file);
  World world = build_world(config);
  TopologyBuilder builder(world, config.network, shell_links(config.shells));
  auto t = static_cast<double>(state.range(0));
  for (auto _ : state) {
    const TopologySnapshot s = builder.build(t);
    const Router router(s, config.network.relay_through_ground);
    benchmark::DoNotOptimize(&router);
    t += 2.0;
  }
}

// Routing alone: the trees toward all stations on a fixed snapshot.
void BM_ForwardingTreesOnly(benchmark::State& state) {
  const PlatformConfig config = load_platform_config(kPlatforms + "kuiper_630.yaml");
  World world = build_world(config);
  TopologyBuilder builder(world, config.network, shell_links(config.shells));
  const TopologySnapshot s = builder.build(0.0);
  for (auto _ : state) {
    Router router(s, false);
    for (int g = s.satellites; g < s.nodes(); ++g) benchmark::DoNotOptimize(router.tree_to(g).next_hop.data());
  }
}

BENCHMARK_CAPTURE(run_epochs, forwarding_state_kuiper630, kPlatforms + "kuiper_630.yaml")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(run_epochs, forwarding_state_starlink_shell1, kPlatforms + "starlink_gen1_shell1.yaml")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ForwardingTreesOnly)->Unit(benchmark::kMillisecond);
// The shipped 5-shell Gen1 with 198 gateways, its inter-shell lasers chosen at every epoch; a 20,000-satellite shell.
BENCHMARK_CAPTURE(snapshot_only, Gen1, kPlatforms + "starlink_gen1.yaml")->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(snapshot_only, walker_20000, walker_platform(200, 100))->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(lane_epoch, Gen1, kPlatforms + "starlink_gen1.yaml")->Arg(0)->Arg(43200)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(lane_epoch, Gen1_counted, kPlatforms + "starlink_gen1.yaml")->Arg(43200)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(lane_epoch, Gen1_counted, kPlatforms + "starlink_gen1.yaml")->Arg(43200)->Iterations(101)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(snapshot_only, tle_2026, kPlatforms + "starlink_tle_2026.yaml")->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(run_epochs, topology_epoch_20000, walker_platform(200, 100))->Unit(benchmark::kMillisecond)->Iterations(5);

}  // namespace
}  // namespace orbitsim

BENCHMARK_MAIN();
