// `orbitsim positions PLATFORM.yaml --times START:STOP:STEP`: one row per satellite and instant with the
// Earth-fixed position (metres), geodetic latitude/longitude (degrees), altitude (metres) and whether
// the satellite is sunlit. Rows of objects SGP4 cannot propagate (decayed) have empty position fields.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <optional>
#include <iostream>

#include "app/commands.hpp"
#include "app/progress.hpp"
#include "app/satellite_selection.hpp"
#include "app/time_grid.hpp"
#include "config/platform_config.hpp"
#include "world/world_builder.hpp"

namespace orbitsim {
namespace {

struct PositionsOptions {
  std::string file;
  std::string times = "0:0:1";
  std::string format = "csv";
  std::string sats;
  std::string frame = "ecef";
  bool velocity = false;
  bool quiet = false;
};

// Half the step of the central difference that gives velocities: its error on a LEO orbit, about
// v (n h)^2 / 6, is under 1 mm/s inertial; Earth-fixed velocities also carry the sidereal angle's
// resolution (a double Julian date, ~40 us over the 1 s difference: ~2 cm/s).
constexpr double kVelocityHalfStep_s = 0.5;

// Position and velocity of one satellite in the chosen frame; nothing when a state is invalid.
struct Motion {
  Vec3 position_m, velocity_mps;
};

std::optional<Motion> motion(const SatelliteState& now, const SatelliteState* before, const SatelliteState* after,
                             bool inertial) {
  auto in_frame = [&](const SatelliteState& s) { return inertial ? s.eci_m : s.ecef_m; };
  if (!now.valid || (before && (!before->valid || !after->valid))) return std::nullopt;
  Motion m{in_frame(now), {}};
  if (before) m.velocity_mps = (in_frame(*after) - in_frame(*before)) * (1.0 / (2.0 * kVelocityHalfStep_s));
  return m;
}

std::string plane_text(int v) { return v < 0 ? std::string() : std::to_string(v); }

void write_csv_row(std::string& buf, const SatelliteInfo& info, double t, const SatelliteState& s,
                   const std::optional<Motion>& m, bool velocity) {
  fmt::format_to(std::back_inserter(buf), "{},{},{},{},{},{:.3f},", info.id, info.name, info.shell,
                 plane_text(info.plane), plane_text(info.index), t);
  if (!m) {
    buf += velocity ? ",,,,,,,,,\n" : ",,,,,,\n";
    return;
  }
  fmt::format_to(std::back_inserter(buf), "{:.3f},{:.3f},{:.3f},{:.7f},{:.7f},{:.3f},{}", m->position_m.x,
                 m->position_m.y, m->position_m.z, s.geodetic.latitude_rad * kRadToDeg,
                 s.geodetic.longitude_rad * kRadToDeg, s.geodetic.altitude_m, s.sunlit ? 1 : 0);
  if (velocity)
    fmt::format_to(std::back_inserter(buf), ",{:.4f},{:.4f},{:.4f}", m->velocity_mps.x, m->velocity_mps.y,
                   m->velocity_mps.z);
  buf += "\n";
}

void write_json_row(std::string& buf, bool first, const SatelliteInfo& info, double t, const SatelliteState& s,
                    const std::optional<Motion>& m, bool velocity) {
  auto number_or_null = [&](double v, int decimals) {
    return m ? fmt::format("{:.{}f}", v, decimals) : std::string("null");
  };
  const Vec3 p = m ? m->position_m : Vec3{};
  fmt::format_to(std::back_inserter(buf),
                 "{}{{\"sat_id\":{},\"name\":{},\"shell\":{},\"plane\":{},\"index\":{},\"t_s\":{:.3f},"
                 "\"x_m\":{},\"y_m\":{},\"z_m\":{},\"lat_deg\":{},\"lon_deg\":{},\"alt_m\":{},\"sunlit\":{}",
                 first ? "\n" : ",\n", info.id, nlohmann::json(info.name).dump(), nlohmann::json(info.shell).dump(), info.plane < 0 ? "null" : std::to_string(info.plane),
                 info.index < 0 ? "null" : std::to_string(info.index), t, number_or_null(p.x, 3),
                 number_or_null(p.y, 3), number_or_null(p.z, 3),
                 number_or_null(s.geodetic.latitude_rad * kRadToDeg, 7),
                 number_or_null(s.geodetic.longitude_rad * kRadToDeg, 7), number_or_null(s.geodetic.altitude_m, 3),
                 m ? (s.sunlit ? "true" : "false") : "null");
  if (velocity) {
    const Vec3 v = m ? m->velocity_mps : Vec3{};
    fmt::format_to(std::back_inserter(buf), ",\"vx_mps\":{},\"vy_mps\":{},\"vz_mps\":{}", number_or_null(v.x, 4),
                   number_or_null(v.y, 4), number_or_null(v.z, 4));
  }
  buf += "}";
}

int run_positions(const PositionsOptions& o) {
  const TimeGrid grid = parse_time_grid(o.times, "--times");
  const PlatformConfig config = load_platform_config(o.file);
  World world = build_world(config);
  const std::vector<size_t> chosen = select_satellites(world.constellation, o.sats);
  const bool csv = o.format == "csv";
  std::string buf;
  buf.reserve(1 << 20);
  if (csv)
    buf += std::string("sat_id,name,shell,plane,index,t_s,x_m,y_m,z_m,lat_deg,lon_deg,alt_m,sunlit") +
           (o.velocity ? ",vx_mps,vy_mps,vz_mps\n" : "\n");
  else buf += "[";
  const bool inertial = o.frame == "eci";
  std::vector<SatelliteState> states, before, after;
  std::vector<std::string> failed;
  Progress progress("positions", grid.count(), o.quiet);
  bool first = true;
  for (long k = 0; k < grid.count(); ++k) {
    const double t = grid.at(k);
    world.constellation.states(t, states);
    if (o.velocity) {
      world.constellation.states(t - kVelocityHalfStep_s, before);
      world.constellation.states(t + kVelocityHalfStep_s, after);
    }
    for (size_t i : chosen) {
      const auto& info = world.constellation.info(i);
      const auto m = motion(states[i], o.velocity ? &before[i] : nullptr, o.velocity ? &after[i] : nullptr, inertial);
      if (!m && failed.size() < 5 && (failed.empty() || failed.back() != info.name)) failed.push_back(info.name);
      if (csv) write_csv_row(buf, info, t, states[i], m, o.velocity);
      else write_json_row(buf, first, info, t, states[i], m, o.velocity);
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
  app.add_option("--frame", o->frame,
                 "Frame of x_m,y_m,z_m (and velocities): ecef (Earth-fixed) or eci (the propagator's inertial "
                 "frame: TEME for SGP4 element sets, mean of date for Walker shells and formations)")
      ->check(CLI::IsMember({"ecef", "eci"}))
      ->capture_default_str();
  app.add_flag("--velocity", o->velocity,
               "Add vx_mps,vy_mps,vz_mps in the same frame (central difference over +-0.5 s: within 1 mm/s in eci, "
               "~2 cm/s in ecef)");
  app.add_flag("--quiet", o->quiet, "No progress line on stderr");
  app.footer(
      "Columns: sat_id,name,shell,plane,index,t_s,x_m,y_m,z_m,lat_deg,lon_deg,alt_m,sunlit[,vx_mps,vy_mps,vz_mps]\n"
      "  x_m,y_m,z_m: metres in --frame (default Earth-fixed, ECEF); lat_deg,lon_deg: geodetic degrees; alt_m:\n"
      "  metres above the ellipsoid; sunlit: 1 when more than half the solar disk is visible. plane/index are\n"
      "  empty for TLE/OMM satellites.");
  return [o] { return run_positions(*o); };
}

}  // namespace orbitsim
