// `orbitsim positions PLATFORM.yaml --times START:STOP:STEP`: one row per satellite and instant with the
// Earth-fixed position (metres), geodetic latitude/longitude (degrees), altitude (metres) and whether
// the satellite is sunlit. Rows of objects SGP4 cannot propagate (decayed) have empty position fields.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

#include "app/commands.hpp"
#include "app/progress.hpp"
#include "app/satellite_selection.hpp"
#include "app/time_grid.hpp"
#include "config/platform_config.hpp"
#include "world/world.hpp"

namespace orbitsim {
namespace {

struct PositionsOptions {
  std::string file;
  std::string times = "0:0:1";
  std::string format = "csv";
  std::string sats;
  bool quiet = false;
};

std::string plane_text(int v) { return v < 0 ? std::string() : std::to_string(v); }

void write_csv_row(std::string& buf, const SatelliteInfo& info, double t, const SatelliteState& s) {
  fmt::format_to(std::back_inserter(buf), "{},{},{},{},{},{:.3f},", info.id, info.name, info.shell,
                 plane_text(info.plane), plane_text(info.index), t);
  if (!s.valid) {
    buf += ",,,,,,\n";
    return;
  }
  fmt::format_to(std::back_inserter(buf), "{:.3f},{:.3f},{:.3f},{:.7f},{:.7f},{:.3f},{}\n", s.ecef_m.x, s.ecef_m.y,
                 s.ecef_m.z, s.geodetic.latitude_rad * kRadToDeg, s.geodetic.longitude_rad * kRadToDeg,
                 s.geodetic.altitude_m, s.sunlit ? 1 : 0);
}

void write_json_row(std::string& buf, bool first, const SatelliteInfo& info, double t, const SatelliteState& s) {
  auto number_or_null = [&](double v, int decimals) {
    return s.valid ? fmt::format("{:.{}f}", v, decimals) : std::string("null");
  };
  fmt::format_to(std::back_inserter(buf),
                 "{}{{\"sat_id\":{},\"name\":{},\"shell\":{},\"plane\":{},\"index\":{},\"t_s\":{:.3f},"
                 "\"x_m\":{},\"y_m\":{},\"z_m\":{},\"lat_deg\":{},\"lon_deg\":{},\"alt_m\":{},\"sunlit\":{}}}",
                 first ? "\n" : ",\n", info.id, nlohmann::json(info.name).dump(), nlohmann::json(info.shell).dump(), info.plane < 0 ? "null" : std::to_string(info.plane),
                 info.index < 0 ? "null" : std::to_string(info.index), t, number_or_null(s.ecef_m.x, 3),
                 number_or_null(s.ecef_m.y, 3), number_or_null(s.ecef_m.z, 3),
                 number_or_null(s.geodetic.latitude_rad * kRadToDeg, 7),
                 number_or_null(s.geodetic.longitude_rad * kRadToDeg, 7), number_or_null(s.geodetic.altitude_m, 3),
                 s.valid ? (s.sunlit ? "true" : "false") : "null");
}

int run_positions(const PositionsOptions& o) {
  const TimeGrid grid = parse_time_grid(o.times, "--times");
  const PlatformConfig config = load_platform_config(o.file);
  World world = build_world(config);
  const std::vector<size_t> chosen = select_satellites(world.constellation, o.sats);
  const bool csv = o.format == "csv";
  std::string buf;
  buf.reserve(1 << 20);
  if (csv) buf += "sat_id,name,shell,plane,index,t_s,x_m,y_m,z_m,lat_deg,lon_deg,alt_m,sunlit\n";
  else buf += "[";
  std::vector<SatelliteState> states;
  std::vector<std::string> failed;
  Progress progress("positions", grid.count(), o.quiet);
  bool first = true;
  for (long k = 0; k < grid.count(); ++k) {
    const double t = grid.at(k);
    world.constellation.states(t, states);
    for (size_t i : chosen) {
      const auto& info = world.constellation.info(i);
      if (!states[i].valid && failed.size() < 5 && (failed.empty() || failed.back() != info.name))
        failed.push_back(info.name);
      if (csv) write_csv_row(buf, info, t, states[i]);
      else write_json_row(buf, first, info, t, states[i]);
      first = false;
    }
    if (buf.size() > (1 << 20) - 4096) {
      std::fwrite(buf.data(), 1, buf.size(), stdout);
      buf.clear();
    }
    progress.update(k + 1);
  }
  if (!csv) buf += "\n]\n";
  std::fwrite(buf.data(), 1, buf.size(), stdout);
  std::fflush(stdout);
  progress.finish();
  if (!failed.empty()) {
    std::string names;
    for (const auto& n : failed) names += (names.empty() ? "" : ", ") + n;
    std::cerr << "orbitsim: warning: SGP4 could not propagate some satellites at some times (e.g. " << names
              << "); their rows have empty positions\n";
  }
  return 0;
}

}  // namespace

CommandRunner add_positions_command(CLI::App& app) {
  auto o = std::make_shared<PositionsOptions>();
  app.add_option("platform", o->file, "Platform YAML file")->required();
  app.add_option("--times", o->times,
                 "START:STOP:STEP in seconds after the platform epoch (default 0:0:1, i.e. the epoch only)");
  app.add_option("--format", o->format, "Output format")->check(CLI::IsMember({"csv", "json"}))->capture_default_str();
  app.add_option("--sats", o->sats,
                 "Satellites to print: ids, ranges a..b, satellite names or shell names, comma-separated "
                 "(default: all)");
  app.add_flag("--quiet", o->quiet, "No progress line on stderr");
  app.footer(
      "Columns: sat_id,name,shell,plane,index,t_s,x_m,y_m,z_m,lat_deg,lon_deg,alt_m,sunlit\n"
      "  x_m,y_m,z_m: Earth-fixed (ECEF) metres; lat_deg,lon_deg: geodetic degrees; alt_m: metres above the\n"
      "  ellipsoid; sunlit: 1 when more than half the solar disk is visible. plane/index are empty for TLE/OMM\n"
      "  satellites.");
  return [o] { return run_positions(*o); };
}

}  // namespace orbitsim
