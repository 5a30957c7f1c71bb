// `orbitsim export hypatia PLATFORM.yaml --times START:STOP:STEP --to DIR`: the platform as a Hypatia
// satellite_networks_state folder (topology/hypatia_state.hpp), with one forwarding-state file per
// instant, so that Hypatia's ns-3 side can run on forwarding state computed here.
// `orbitsim export czml (PLATFORM.yaml | RUN_DIR) --to OUT.czml [--times] [--sats] [--links] [--route A:B]`:
// the constellation, its links and routes over time as CZML (viewer/czml_writer.hpp), coloured by the
// run's node states when given a run folder, for tools/viewer.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>
#include <tuple>

#include "app/commands.hpp"
#include "app/progress.hpp"
#include "app/satellite_selection.hpp"
#include "app/time_grid.hpp"
#include "world/world_builder.hpp"
#include "core/input_error.hpp"
#include "metrics/output_files.hpp"
#include "topology/hypatia_state.hpp"
#include "topology/topology_builder.hpp"
#include "viewer/czml_writer.hpp"
#include "viewer/run_folder.hpp"

namespace orbitsim {
namespace {

struct ExportOptions {
  std::string format, file, times, to, sats, links = "isl,gsl";
  std::vector<std::string> routes;
  bool quiet = false;
};

// --links: a comma-separated subset of isl,gsl, or none.
std::pair<bool, bool> parse_links(const std::string& text) {
  bool isl = false, gsl = false;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) {
    if (item == "isl") isl = true;
    else if (item == "gsl") gsl = true;
    else if (item != "none") throw InputError({"command line", 0}, "--links", "isl, gsl, both (isl,gsl) or none", "\"" + item + "\"");
  }
  return {isl, gsl};
}

std::pair<int, int> parse_route(const std::string& text, const TopologyBuilder& topology) {
  const auto colon = text.find(':');
  const char* expected = "A:B, two nodes of the platform (ground stations or satellites)";
  auto node = [&](const std::string& name) {
    const int n = topology.node_named(name);
    if (n < 0)
      throw InputError({"command line", 0}, "--route", expected,
                       "\"" + name + "\" in \"" + text + "\"" + topology.node_names().did_you_mean(name));
    return n;
  };
  if (colon == std::string::npos) throw InputError({"command line", 0}, "--route", expected, "\"" + text + "\"");
  return {node(text.substr(0, colon)), node(text.substr(colon + 1))};
}

int run_czml_export(const ExportOptions& o) {
  std::optional<RunFolder> run;
  if (is_run_folder(o.file)) run = open_run_folder(o.file);
  const PlatformConfig config = load_platform_config(run ? run->platform_file : o.file);
  World world = build_world(config);
  TopologyBuilder builder(world, config.network, shell_links(config.shells));
  std::vector<std::string> names;
  for (int n = 0; n < builder.nodes(); ++n) names.push_back(builder.name(n));
  if (run) read_run_outputs(*run, names, builder.satellites());
  // Default: the run's whole horizon, or one orbit-and-a-bit of a platform; links every 10 s.
  const TimeGrid grid = parse_time_grid(o.times.empty() ? fmt::format("0:{:.17g}:10", run ? run->horizon_s : 6000.0) : o.times, "--times");
  if (grid.stop_s <= grid.start_s)
    throw InputError({"command line", 0}, "--times", "START:STOP:STEP with STOP > START (a CZML clock spans an interval)", o.times);
  CzmlOptions options;
  options.name = run && run->summary.contains("scenario") && run->summary["scenario"].is_string()
                     ? run->summary["scenario"].get<std::string>() + " (run)"
                     : config.name + " (platform)";
  options.start_s = grid.start_s;
  options.stop_s = grid.stop_s;
  options.link_step_s = grid.step_s;
  options.satellites = select_satellites(world.constellation, o.sats);
  std::tie(options.isls, options.gsls) = parse_links(o.links);
  for (const auto& r : o.routes) options.routes.push_back(parse_route(r, builder));
  if (run) options.utilisation = run->utilisation;
  options.description = fmt::format("platform {} ({} satellites, {} ground stations){}", config.name, builder.satellites(),
                                    builder.nodes() - builder.satellites(), run ? "; run folder " + o.file : "");
  const NodeStates states(names, builder.satellites(), run ? run->failures : std::vector<FailureEvent>{},
                          run ? run->power : std::vector<PowerSample>{});
  CzmlWriter writer(world, builder, states);
  CzmlCounts counts;
  Progress progress("export czml (topology instants)", grid.count(), o.quiet);
  const nlohmann::json packets = writer.document(options, counts, [&](long done, long) { progress.update(done); });
  progress.finish();
  write_file_atomically(o.to, packets.dump() + "\n");
  if (!o.quiet)
    std::cerr << fmt::format("wrote {}: {} satellites, {} ground stations, {} links, {} routes ({} entities) over {} topology instants\n",
                             o.to, counts.satellites, counts.stations, counts.links, counts.routes, counts.entities(),
                             counts.topology_instants);
  return 0;
}

int run_export(const ExportOptions& o) {
  if (o.format == "czml") return run_czml_export(o);
  const TimeGrid grid = parse_time_grid(o.times.empty() ? "0:0:1" : o.times, "--times");
  const PlatformConfig config = load_platform_config(is_run_folder(o.file) ? open_run_folder(o.file).platform_file : o.file);
  World world = build_world(config);
  TopologyBuilder builder(world, config.network, shell_links(config.shells));
  HypatiaStateWriter writer(world, builder, config.source_file);
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
  app.add_option("format", o->format, "Output format: hypatia or czml")->required()->check(CLI::IsMember({"hypatia", "czml"}));
  app.add_option("source", o->file, "Platform YAML file, or a run folder (its platform.yaml; czml: also its node states)")->required();
  app.add_option("--times", o->times,
                 "START:STOP:STEP in seconds after the platform epoch. hypatia: one fstate file each (default 0:0:1); "
                 "czml: the clock interval, topology sampled every STEP (default 0:HORIZON:10 for a run folder, 0:6000:10 "
                 "for a platform)");
  app.add_option("--to", o->to, "hypatia: folder to write (created if needed; files in it are replaced); czml: the file")->required();
  app.add_option("--sats", o->sats, "czml: satellites drawn, with their links (ids, a..b ranges, names or shell names; default all)");
  app.add_option("--links", o->links, "czml: isl, gsl, isl,gsl (default) or none");
  app.add_option("--route", o->routes, "czml: A:B, the route between two nodes (ground stations or satellites) at each topology instant (repeatable)");
  app.add_flag("--quiet", o->quiet, "No progress line on stderr");
  app.footer(
      "Writes a Hypatia satellite_networks_state folder: tles.txt (header \"<orbits> <per orbit>\" of a single\n"
      "  shell with planes, else \"1 N\"; Walker shells as their Kepler elements at the epoch), isls.txt (fixed ISLs:\n"
      "  plus-grid, ring or file patterns), ground_stations.txt (extended format), description.txt (max_gsl_length_m,\n"
      "  max_isl_length_m), gsl_interfaces_info.txt, and fstate_<t_ns>.txt per instant (shortest delay toward\n"
      "  every ground station; the first file complete, later ones only the changed entries).\n"
      "czml: one CZML file: the clock of the interval, satellites as Earth-fixed position samples every 60 s with\n"
      "  Lagrange interpolation (degree 5), ground stations, one polyline per ISL/GSL shown while it is in the\n"
      "  topology, routes; from a run folder, nodes coloured by state over time (failed red, compute off magenta,\n"
      "  throttled orange, eclipse blue; otherwise grey to cyan by utilisation). Open it with tools/viewer/serve.");
  return [o] { return run_export(*o); };
}

}  // namespace orbitsim
