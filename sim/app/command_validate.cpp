// `orbitsim validate FILE.yaml`: parse and check a platform (including the files it references) and
// print the effective configuration with every default filled in.
#include <CLI/CLI.hpp>
#include <iostream>

#include "app/commands.hpp"
#include "config/platform_config.hpp"
#include "config/world.hpp"

namespace orbitsim {

CommandRunner add_validate_command(CLI::App& app) {
  auto file = std::make_shared<std::string>();
  app.add_option("file", *file, "Platform YAML file")->required();
  return [file] {
    const PlatformConfig config = load_platform_config(*file);
    const World world = build_world(config);
    std::cout << "# " << *file << ": valid; " << world.constellation.size() << " satellites, "
              << world.ground_stations.size() << " ground stations\n"
              << to_yaml(config);
    return 0;
  };
}

}  // namespace orbitsim
