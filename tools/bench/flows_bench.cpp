// Scenario benchmark of the SimGrid network: N concurrent long flows between random nodes of a
// platform (default Starlink shell 1 + top-100 cities), re-routed at every epoch, for D simulated
// seconds. Prints wall time, peak RSS, epochs, re-routes and bytes moved.
//   build/tools/bench/flows_bench [--flows 10000] [--duration 100] [--epoch 1] [--seed 1] [--platform FILE]
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "world/world_builder.hpp"
#include "platform/sim_platform.hpp"
#include "platform/sim_runtime.hpp"
#include "platform/transfer_service.hpp"
#include "topology/topology_builder.hpp"

int main(int argc, char** argv) {
  using namespace orbitsim;
  namespace s4u = simgrid::s4u;
  s4u::Engine engine(&argc, argv);
  int flows = 10000;
  double duration_s = 100.0, epoch_s = 1.0;
  unsigned long seed = 1;
  std::string file = std::string(ORBITSIM_SOURCE_DIR) + "/platforms/starlink_gen1_shell1.yaml";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i], v = argv[i + 1];
    if (a == "--flows") flows = std::stoi(v);
    else if (a == "--duration") duration_s = std::stod(v);
    else if (a == "--epoch") epoch_s = std::stod(v);
    else if (a == "--seed") seed = std::stoul(v);
    else if (a == "--platform") file = v;
    else {
      std::fprintf(stderr, "unknown option %s\n", a.c_str());
      return 2;
    }
  }
  PlatformConfig config = load_platform_config(file);
  config.network.topology_epoch_s = epoch_s;
  World world = build_world(config);
  TopologyBuilder topology(world, config.network, shell_links(config.shells));
  s4u::Engine::set_config("contexts/stack-size:128");
  configure_simgrid({});
  SimPlatform platform(topology, config);
  TransferService transfers(platform);
  transfers.start_epoch_updater();

  std::mt19937_64 rng(seed);
  const auto nodes = static_cast<unsigned long>(platform.nodes());
  double started = 0;
  for (int f = 0; f < flows; ++f) {
    const int src = static_cast<int>(rng() % nodes);
    int dst = static_cast<int>(rng() % nodes);
    if (dst == src) dst = static_cast<int>((static_cast<unsigned long>(dst) + 1) % nodes);
    ++started;
    sim_spawn(platform, "flow", [&transfers, src, dst] { transfers.transfer(src, dst, 1e15); });
  }
  const auto t0 = std::chrono::steady_clock::now();
  engine.run_until(duration_s);
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  std::printf("platform %s: %d nodes, %d flows, %.0f s simulated, %.3g s epochs\n", config.name.c_str(),
              platform.nodes(), flows, duration_s, epoch_s);
  std::printf("wall_s %.1f  peak_rss_MB %.0f  epochs %ld  reroutes %ld  wall_per_sim_s %.2f\n", wall_s,
              static_cast<double>(u.ru_maxrss) / 1024.0, platform.epochs_built(), transfers.reroutes(),
              wall_s / duration_s);
  std::fflush(stdout);
  std::_Exit(0);  // skip tearing down thousands of live actors
}
