// `orbitsim transfer PLATFORM.yaml --from A --to B --bytes N [--start T]`: simulates one transfer on
// SimGrid over the moving topology (re-routed at epoch boundaries) and prints when it ends.
// SimGrid's own options (--cfg=name:value, --log=...) are passed to its engine after our parsing, so
// that `--help` shows orbitsim's help, not SimGrid's (simgrid-notes.md 5).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>

#include "app/commands.hpp"
#include "app/node_lookup.hpp"
#include "world/world_builder.hpp"
#include "core/input_error.hpp"
#include "platform/sim_platform.hpp"
#include "platform/sim_runtime.hpp"
#include "platform/transfer_service.hpp"
#include "topology/topology_builder.hpp"

namespace orbitsim {
namespace {

struct TransferOptions {
  std::string file, from, to, optim = "Full";
  double bytes = 1e9, start_s = 0.0;
  std::vector<std::string> simgrid_args;
};

int run_transfer(const TransferOptions& o) {
  const PlatformConfig config = load_platform_config(o.file);
  World world = build_world(config);
  TopologyBuilder topology(world, config.network, shell_links(config.shells));
  const int src = node_from_option(topology, o.from, "--from"), dst = node_from_option(topology, o.to, "--to");

  SimEngine engine(o.simgrid_args, "transfer");
  configure_simgrid({true, o.optim});
  SimPlatform platform(topology, config);
  TransferService transfers(platform);
  transfers.start_epoch_updater();
  TransferResult r;
  Path first;
  sim_spawn(platform, "transfer", [&] {
    sim_sleep_until(o.start_s);
    first = platform.current_path(src, dst);
    r = transfers.transfer(src, dst, o.bytes);
  });
  engine.run();
  std::cout << "start_s,end_s,duration_s,bytes,delivered,failure,reroutes,first_path_hops,first_path_delay_s,"
               "mean_throughput_bps\n";
  const double duration = r.end_s - r.start_s;
  std::cout << fmt::format("{:.6f},{:.6f},{:.6f},{:.0f},{},{},{},{},{:.9f},{:.6g}\n", r.start_s, r.end_s, duration,
                           r.bytes_delivered, r.delivered ? 1 : 0, r.failure, r.reroutes,
                           first.reachable() ? first.links.size() : 0, first.reachable() ? first.delay_s : 0.0,
                           duration > 0 ? 8.0 * r.bytes_delivered / duration : 0.0);
  return 0;
}

}  // namespace

CommandRunner add_transfer_command(CLI::App& app) {
  auto o = std::make_shared<TransferOptions>();
  app.add_option("platform", o->file, "Platform YAML file")->required();
  app.add_option("--from", o->from, "Source: a ground station or satellite name")->required();
  app.add_option("--to", o->to, "Destination: a ground station or satellite name")->required();
  app.add_option("--bytes", o->bytes, "Bytes to send")->check(CLI::Range(1.0, 1e18))->capture_default_str();
  app.add_option("--start", o->start_s, "Start time, seconds after the platform epoch")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--network-optim", o->optim, "SimGrid network/optim (Full for few long flows, Lazy for many short)")
      ->check(CLI::IsMember({"Full", "Lazy"}))
      ->capture_default_str();
  app.allow_extras();
  app.footer(
      "SimGrid options such as --cfg=network/optim:Lazy or --log=root.thres:info are passed to SimGrid.\n"
      "Columns: start_s,end_s,duration_s,bytes,delivered,failure,reroutes,first_path_hops,first_path_delay_s,"
      "mean_throughput_bps");
  return [o, &app] {
    o->simgrid_args = app.remaining();
    return run_transfer(*o);
  };
}

}  // namespace orbitsim
