// `orbitsim export hypatia PLATFORM.yaml --times START:STOP:STEP --to DIR`: the platform as a Hypatia
// satellite_networks_state folder (topology/hypatia_state.hpp), with one forwarding-state file per
// instant, so that Hypatia's ns-3 side can run on forwarding state computed here.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>

#include "app/commands.hpp"
#include "app/progress.hpp"
#include "app/time_grid.hpp"
#include "config/world.hpp"
#include "metrics/output_files.hpp"
#include "topology/hypatia_state.hpp"
#include "topology/topology_builder.hpp"

namespace orbitsim {
namespace {

struct ExportOptions {
  std::string format, file, times = "0:0:1", to;
  bool quiet = false;
};

int run_export(const ExportOptions& o) {
  const TimeGrid grid = parse_time_grid(o.times, "--times");
  const PlatformConfig config = load_platform_config(o.file);
  World world = build_world(config);
  TopologyBuilder builder(world, config);
  HypatiaStateWriter writer(config, world, builder);
  std::filesystem::create_directories(o.to);
  const auto path = [&](const std::string& name) { return (std::filesystem::path(o.to) / name).string(); };
  write_file_atomically(path("tles.txt"), writer.tles());
  write_file_atomically(path("isls.txt"), writer.isls());
  write_file_atomically(path("ground_stations.txt"), writer.ground_stations());
  write_file_atomically(path("description.txt"), writer.description());
  write_file_atomically(path("gsl_interfaces_info.txt"), writer.gsl_interfaces_info());
  Progress progress("export", grid.count(), o.quiet);
  for (long k = 0; k < grid.count(); ++k) {
    const double t = grid.at(k);
    write_file_atomically(path(HypatiaStateWriter::fstate_file_name(t)),
                          writer.forwarding_state(builder.build(t), config.network.relay_through_ground));
    progress.update(k + 1);
  }
  progress.finish();
  if (!o.quiet)
    std::cerr << fmt::format("wrote {} satellites, {} ground stations and {} forwarding states to {}\n",
                             world.constellation.size(), world.ground_stations.size(), grid.count(), o.to);
  return 0;
}

}  // namespace

CommandRunner add_export_command(CLI::App& app) {
  auto o = std::make_shared<ExportOptions>();
  app.add_option("format", o->format, "Output format")->required()->check(CLI::IsMember({"hypatia"}));
  app.add_option("platform", o->file, "Platform YAML file")->required();
  app.add_option("--times", o->times, "START:STOP:STEP in seconds after the platform epoch: one fstate file each (default 0:0:1)");
  app.add_option("--to", o->to, "Folder to write (created if needed; files in it are replaced)")->required();
  app.add_flag("--quiet", o->quiet, "No progress line on stderr");
  app.footer(
      "Writes a Hypatia satellite_networks_state folder: tles.txt (header \"<orbits> <per orbit>\" of a single\n"
      "  shell with planes, else \"1 N\"; Walker shells as their Kepler elements at the epoch), isls.txt (fixed ISLs:\n"
      "  plus-grid, ring or file patterns), ground_stations.txt (extended format), description.txt (max_gsl_length_m,\n"
      "  max_isl_length_m), gsl_interfaces_info.txt, and fstate_<t_ns>.txt per instant (shortest delay toward\n"
      "  every ground station; the first file complete, later ones only the changed entries).");
  return [o] { return run_export(*o); };
}

}  // namespace orbitsim
