// `orbitsim validate FILE.yaml`: parse and check a platform, or a scenario with its platform, model
// catalog, jobs, requests and failure trace (every check `run` makes before simulating), and print the
// effective configuration with every default filled in.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "app/commands.hpp"
#include "app/scenario_inputs.hpp"
#include "config/platform_config.hpp"
#include "world/world_builder.hpp"
#include "config/yaml_object.hpp"

namespace orbitsim {
namespace {

// A scenario names its platform file; a platform describes shells or element sets.
bool is_scenario_file(const std::string& file) {
  const YAML::Node doc = load_yaml_file(file);
  return doc.IsMap() && doc["platform"] && doc["platform"].IsScalar();
}

int validate_scenario(const std::string& file) {
  const ScenarioInputs in(file, {});
  std::cout << fmt::format(
      "# {}: valid scenario; platform {} ({} satellites, {} ground stations), {} models, {} training jobs, "
      "{} inference requests, {} failures to inject\n",
      file, in.scenario.platform_file, in.world.constellation.size(), in.world.ground_stations.size(),
      in.catalog.size(), in.jobs.jobs.size(), in.requests.requests.size(), in.failures.size());
  // Paths written relative to the scenario's own folder, as a user would write them.
  std::cout << to_yaml(in.scenario, std::filesystem::path(file).parent_path().string());
  return 0;
}

}  // namespace

CommandRunner add_validate_command(CLI::App& app) {
  auto file = std::make_shared<std::string>();
  app.add_option("file", *file, "Platform or scenario YAML file")->required();
  app.footer("A scenario is checked as `run` checks it before simulating: its platform, model catalog, jobs.csv,\n"
             "requests.csv and failures.csv, and the names and groups one file takes from another.");
  return [file] {
    if (is_scenario_file(*file)) return validate_scenario(*file);
    const PlatformConfig config = load_platform_config(*file);
    const World world = build_world(config);
    std::cout << "# " << *file << ": valid; " << world.constellation.size() << " satellites, "
              << world.ground_stations.size() << " ground stations\n"
              << to_yaml(config);
    return 0;
  };
}

}  // namespace orbitsim
