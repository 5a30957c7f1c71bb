// `orbitsim route PLATFORM.yaml --from A --to B --times START:STOP:STEP`: the shortest-delay path
// between two nodes (ground stations or satellites) at each instant, one row per time:
// t_s,src,dst,hops,path,distance_m,one_way_delay_s. An unreachable pair prints an empty path.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iostream>

#include "app/commands.hpp"
#include "app/node_lookup.hpp"
#include "app/progress.hpp"
#include "app/time_grid.hpp"
#include "world/world_builder.hpp"
#include "topology/router.hpp"
#include "topology/topology_builder.hpp"

namespace orbitsim {
namespace {

struct RouteOptions {
  std::string file, from, to, times = "0:0:1", format = "csv";
  bool quiet = false;
};

int run_route(const RouteOptions& o) {
  const TimeGrid grid = parse_time_grid(o.times, "--times");
  const PlatformConfig config = load_platform_config(o.file);
  World world = build_world(config);
  TopologyBuilder builder(world, config.network, shell_links(config.shells));
  const int src = node_from_option(builder, o.from, "--from");
  const int dst = node_from_option(builder, o.to, "--to");
  const bool csv = o.format == "csv";
  std::cout << (csv ? "t_s,src,dst,hops,path,distance_m,one_way_delay_s\n" : "[");
  Progress progress("route", grid.count(), o.quiet);
  for (long k = 0; k < grid.count(); ++k) {
    const double t = grid.at(k);
    const TopologySnapshot snapshot = builder.build(t);
    Router router(snapshot, config.network.relay_through_ground);
    const Path p = router.path(src, dst);
    std::string joined, json_nodes;
    for (int n : p.nodes) {
      joined += (joined.empty() ? "" : "-") + builder.name(n);
      json_nodes += (json_nodes.empty() ? "" : ",") + nlohmann::json(builder.name(n)).dump();
    }
    const int hops = p.reachable() ? static_cast<int>(p.links.size()) : 0;
    if (csv) {
      if (p.reachable())
        std::cout << fmt::format("{:.3f},{},{},{},{},{:.3f},{:.9f}\n", t, builder.name(src), builder.name(dst), hops, joined, p.distance_m,
                                 p.delay_s);
      else
        std::cout << fmt::format("{:.3f},{},{},0,,,\n", t, builder.name(src), builder.name(dst));
    } else {
      std::cout << fmt::format(
          "{}{{\"t_s\":{:.3f},\"src\":{},\"dst\":{},\"hops\":{},\"path\":[{}],\"distance_m\":{},"
          "\"one_way_delay_s\":{}}}",
          k == 0 ? "\n" : ",\n", t, nlohmann::json(builder.name(src)).dump(), nlohmann::json(builder.name(dst)).dump(), hops, json_nodes,
          p.reachable() ? fmt::format("{:.3f}", p.distance_m) : "null",
          p.reachable() ? fmt::format("{:.9f}", p.delay_s) : "null");
    }
    progress.update(k + 1);
  }
  if (!csv) std::cout << "\n]\n";
  progress.finish();
  return 0;
}

}  // namespace

CommandRunner add_route_command(CLI::App& app) {
  auto o = std::make_shared<RouteOptions>();
  app.add_option("platform", o->file, "Platform YAML file")->required();
  app.add_option("--from", o->from, "Source: a ground station or satellite name")->required();
  app.add_option("--to", o->to, "Destination: a ground station or satellite name")->required();
  app.add_option("--times", o->times, "START:STOP:STEP in seconds after the platform epoch (default 0:0:1)");
  app.add_option("--format", o->format, "Output format (json gives the path as a list)")
      ->check(CLI::IsMember({"csv", "json"}))
      ->capture_default_str();
  app.add_flag("--quiet", o->quiet, "No progress line on stderr");
  app.footer(
      "Columns: t_s,src,dst,hops,path,distance_m,one_way_delay_s\n"
      "  path: node names joined by '-' (names may themselves contain '-': use --format json to split safely);\n"
      "  distance_m: sum of straight-line link lengths; one_way_delay_s = distance_m / c. Unreachable: empty path.\n"
      "  Shortest delay; ties go to the neighbour with the lowest node id; no relaying through ground stations\n"
      "  unless network.relay_through_ground is true.");
  return [o] { return run_route(*o); };
}

}  // namespace orbitsim
