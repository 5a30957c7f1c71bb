// `orbitsim stations PLATFORM [--satellites] [--match TEXT]`: the names a platform answers to, as CSV,
// for the --from/--to/--route options, failures.csv targets, requests.csv source_gs and
// training.checkpoint_station (all matched ignoring case).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <iostream>

#include "app/commands.hpp"
#include "config/platform_config.hpp"
#include "world/world_builder.hpp"
#include "orbit/frames.hpp"

namespace orbitsim {
namespace {

struct StationsOptions {
  std::string file, match;
  bool satellites = false;
};

bool contains_ignoring_case(const std::string& text, const std::string& part) {
  return std::search(text.begin(), text.end(), part.begin(), part.end(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
         }) != text.end();
}

int run_stations(const StationsOptions& o) {
  const PlatformConfig config = load_platform_config(o.file);
  const World world = build_world(config);
  if (o.satellites) {
    std::cout << "name,shell,plane,slot\n";
    for (size_t i = 0; i < world.constellation.size(); ++i) {
      const SatelliteInfo& s = world.constellation.info(i);
      if (contains_ignoring_case(s.name, o.match))
        std::cout << fmt::format("{},{},{},{}\n", s.name, s.shell, s.plane, s.index);
    }
    return 0;
  }
  std::cout << "name,latitude_deg,longitude_deg,altitude_m,radio_chains\n";
  for (const auto& gs : world.ground_stations)
    if (contains_ignoring_case(gs.name, o.match))
      std::cout << fmt::format("{},{:.5f},{:.5f},{:g},{}\n", gs.name, gs.site.latitude_rad * kRadToDeg,
                               gs.site.longitude_rad * kRadToDeg, gs.site.altitude_m,
                               gs.radio_chains > 0 ? gs.radio_chains : config.network.gsl.max_links_per_station);
  return 0;
}

}  // namespace

CommandRunner add_stations_command(CLI::App& app) {
  auto o = std::make_shared<StationsOptions>();
  app.add_option("platform", o->file, "Platform YAML file")->required();
  app.add_flag("--satellites", o->satellites, "List the satellites (name, shell, plane, slot) instead of the stations");
  app.add_option("--match", o->match, "Only names containing this text (ignoring case)");
  app.footer("Stations: name, WGS-84 geodetic latitude_deg and longitude_deg, altitude_m, radio_chains (GSLs kept at\n"
             "once). Satellites: plane and slot are -1 where the shell has none (element sets).");
  return [o] { return run_stations(*o); };
}

}  // namespace orbitsim
