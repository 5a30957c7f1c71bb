#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <iostream>
#include <map>

#include "app/commands.hpp"
#include "core/input_error.hpp"
#include "platform/sim_runtime.hpp"

namespace orbitsim {
namespace {

std::string version_text() {
  return fmt::format("orbitsim {} (SimGrid {}, C++{})", ORBITSIM_VERSION, simgrid_version(), __cplusplus / 100 % 100);
}

// Every number option of every command must be finite: CLI11 reads "nan" and "inf" as doubles, which
// range checks let through (NaN compares false) and which then make empty tables or worse.
void require_finite_numbers(CLI::App& app) {
  const CLI::Validator finite(
      [](std::string& text) {
        char* end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        return std::isfinite(v) ? std::string() : "expected a finite number, got \"" + text + "\"";
      },
      "FINITE");
  for (CLI::Option* option : app.get_options())
    if (option->get_type_name().rfind("FLOAT", 0) == 0) option->check(finite);
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) require_finite_numbers(*sub);
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{"orbitsim: discrete-event simulator of satellite compute constellations (SimGrid)", "orbitsim"};
  app.set_version_flag("--version", version_text());
  app.require_subcommand(1);
  app.footer("Exit codes: 0 success, 2 bad input (the message names file, line and key).");

  std::map<CLI::App*, CommandRunner> runners;
  auto add = [&](const char* name, const char* help, CommandRunner (*adder)(CLI::App&)) {
    CLI::App* sub = app.add_subcommand(name, help);
    runners[sub] = adder(*sub);
  };
  add("run", "Simulate a scenario (platform + workload) and write its outputs to a folder", add_run_command);
  add("compare", "Compare failover policies over seeds and failure settings (parallel runs, 95 % CIs)", add_compare_command);
  add("sweep", "Run a grid of scenario or platform settings x policies x seeds and aggregate each metric", add_sweep_command);
  add("trace", "Convert public traces into orbitsim workload files (trace convert --help)", add_trace_command);
  add("validate", "Check a platform or scenario file (and every file it references); print its effective configuration", add_validate_command);
  add("positions", "Print satellite positions (ECEF, geodetic, sunlit) over a time range", add_positions_command);
  add("summary", "Print a short summary of a platform's constellation geometry", add_summary_command);
  add("stations", "List a platform's ground stations (or satellites) by name, as CSV", add_stations_command);
  add("route", "Print the shortest-delay path between two nodes over a time range", add_route_command);
  add("topology", "Export the network (nodes, ISLs, GSLs) at one instant as CSV or GraphML", add_topology_command);
  add("export", "Write a platform as a Hypatia state folder, or a platform or run as CZML for the 3D viewer", add_export_command);
  add("transfer", "Simulate one transfer on SimGrid over the moving network and print its timing", add_transfer_command);

  require_finite_numbers(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  try {
    for (auto& [sub, runner] : runners)
      if (sub->parsed()) return runner();
  } catch (const InputError& e) {
    std::cerr << "orbitsim: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {  // the machine, not the input: a failed sbatch, a full disk
    std::cerr << "orbitsim: error: " << e.what() << "\n";
    return 1;
  }
  return 2;
}

}  // namespace orbitsim
