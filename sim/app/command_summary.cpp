// `orbitsim summary PLATFORM.yaml [--time T]`: per shell, the number of satellites and their orbital
// geometry at time T (altitude range, inclination, period, share of satellites in sunlight), the sunlit
// share over the day from T and the longest eclipse in it (up to 12 satellites per shell, evenly spread),
// plus the ground stations. Inclination and period come from each satellite's osculating state vector.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>

#include "app/commands.hpp"
#include "config/platform_config.hpp"
#include "world/world_builder.hpp"
#include "power/eclipse_schedule.hpp"
#include "topology/topology_builder.hpp"

namespace orbitsim {
namespace {

struct ShellStats {
  int satellites = 0, valid = 0, sunlit = 0;
  double min_alt_km = 1e30, max_alt_km = -1e30, sum_inclination_deg = 0, sum_period_min = 0;
  std::vector<size_t> members;
};

struct DayInShadow {
  double sunlit_share = 0.0;
  double longest_eclipse_s = 0.0;
};

// Sunlit share and longest eclipse over [t, t + 1 day] for the given satellites (eclipses cut by the
// day's ends count for their part inside it).
DayInShadow day_in_shadow(Constellation& c, const std::vector<size_t>& satellites, double t_s) {
  DayInShadow out;
  for (size_t i : satellites) {
    EclipseSchedule schedule([&c, i](double t) {
      return illuminated_fraction(c.position_eci_m(i, t), sun_position_eci_m(c.epoch().plus_seconds(t)),
                                  c.earth().radius_m, c.shadow_model());
    });
    double now = t_s, sunlit_s = 0.0;
    bool sunlit = schedule.sunlit(t_s);
    while (now < t_s + kSecondsPerDay) {
      const double next = std::min(t_s + kSecondsPerDay, schedule.next_transition_after(now, kSecondsPerDay));
      if (sunlit) sunlit_s += next - now;
      else out.longest_eclipse_s = std::max(out.longest_eclipse_s, next - now);
      sunlit = !sunlit;
      now = next;
    }
    out.sunlit_share += sunlit_s / kSecondsPerDay / static_cast<double>(satellites.size());
  }
  return out;
}

int run_summary(const std::string& file, double t_s) {
  const PlatformConfig config = load_platform_config(file);
  World world = build_world(config);
  auto& c = world.constellation;
  std::vector<SatelliteState> states;
  c.states(t_s, states);
  std::vector<std::string> order;
  std::map<std::string, ShellStats> stats;
  const double dt_s = 1.0;
  for (size_t i = 0; i < c.size(); ++i) {
    const auto& info = c.info(i);
    if (!stats.count(info.shell)) order.push_back(info.shell);
    ShellStats& s = stats[info.shell];
    ++s.satellites;
    s.members.push_back(i);
    if (!states[i].valid) continue;
    ++s.valid;
    s.sunlit += states[i].sunlit ? 1 : 0;
    const double alt_km = states[i].geodetic.altitude_m / 1000.0;
    s.min_alt_km = std::min(s.min_alt_km, alt_km);
    s.max_alt_km = std::max(s.max_alt_km, alt_km);
    // Osculating inclination and period from position and a central-difference velocity.
    const Vec3 r = states[i].eci_m;
    const Vec3 v = (c.position_eci_m(i, t_s + dt_s) - c.position_eci_m(i, t_s - dt_s)) * (0.5 / dt_s);
    const Vec3 h = r.cross(v);
    s.sum_inclination_deg += std::acos(h.z / h.norm()) * kRadToDeg;
    const double energy = v.dot(v) / 2.0 - c.earth().mu_m3ps2 / r.norm();
    const double a = -c.earth().mu_m3ps2 / (2.0 * energy);
    s.sum_period_min += kTwoPi * std::sqrt(a * a * a / c.earth().mu_m3ps2) / 60.0;
  }
  std::cout << fmt::format("platform {} ({}) at {} (t = {} s)\n", config.name, file,
                           c.epoch().plus_seconds(t_s).to_iso8601(), t_s);
  std::cout << fmt::format("{:<20} {:>7} {:>19} {:>10} {:>11} {:>8} {:>11} {:>16}\n", "shell", "sats",
                           "altitude_km min-max", "incl_deg", "period_min", "sunlit", "sunlit_day",
                           "max_eclipse_min");
  int total = 0, total_sunlit = 0, total_valid = 0;
  for (const auto& name : order) {
    const ShellStats& s = stats[name];
    if (c.earth_fixed(s.members.front())) {  // no orbit, no eclipse budget: the site
      const Geodetic& g = states[s.members.front()].geodetic;
      std::cout << fmt::format("{:<20} {:>7}  data centre at {:.4f} N, {:.4f} E (servers reached over fibre)\n", name,
                               s.satellites, g.latitude_rad * kRadToDeg, g.longitude_rad * kRadToDeg);
      continue;
    }
    total += s.satellites;
    total_sunlit += s.sunlit;
    total_valid += s.valid;
    if (s.valid == 0) {
      std::cout << fmt::format("{:<20} {:>7}  (no satellite could be propagated)\n", name, s.satellites);
      continue;
    }
    std::vector<size_t> sample;
    const size_t n = std::min<size_t>(12, s.members.size());
    for (size_t k = 0; k < n; ++k) sample.push_back(s.members[k * s.members.size() / n]);
    const DayInShadow day = day_in_shadow(c, sample, t_s);
    std::cout << fmt::format("{:<20} {:>7} {:>9.1f}-{:<9.1f} {:>10.2f} {:>11.2f} {:>7.1f}% {:>10.1f}% {:>16.1f}\n", name,
                             s.satellites, s.min_alt_km, s.max_alt_km, s.sum_inclination_deg / s.valid,
                             s.sum_period_min / s.valid, 100.0 * s.sunlit / s.valid, 100.0 * day.sunlit_share,
                             day.longest_eclipse_s / 60.0);
  }
  std::cout << fmt::format("{:<20} {:>7} {:>19} {:>10} {:>11} {:>7.1f}%\n", "total", total, "", "", "",
                           total_valid ? 100.0 * total_sunlit / total_valid : 0.0);
  std::cout << fmt::format("ground stations: {}", world.ground_stations.size());
  if (!world.ground_stations.empty())
    std::cout << fmt::format(" (first: {}, last: {})", world.ground_stations.front().name,
                             world.ground_stations.back().name);
  std::cout << "\n";
  TopologyBuilder topology(world, config.network, shell_links(config.shells));
  const TopologySnapshot snapshot = topology.build(t_s);
  size_t isls = 0, gsls = 0;
  double isl_length_m = 0.0;
  std::vector<bool> linked(static_cast<size_t>(snapshot.stations), false);
  size_t fibres = 0, fabric = 0;
  for (const auto& l : snapshot.links) {
    fibres += l.kind == LinkKind::kFibre ? 1 : 0;
    fabric += l.kind == LinkKind::kFabric ? 1 : 0;
    if (l.kind == LinkKind::kIsl) {
      ++isls;
      isl_length_m += l.length_m;
    } else if (l.kind == LinkKind::kGsl) {
      ++gsls;
      linked[static_cast<size_t>(l.b - snapshot.satellites)] = true;
    }
  }
  std::cout << fmt::format("network: {} ISLs up (mean length {:.0f} km), {} GSLs; {} of {} stations linked "
                           "(min elevation {:g} deg, selection {})\n",
                           isls, isls ? isl_length_m / isls / 1000.0 : 0.0, gsls,
                           std::count(linked.begin(), linked.end(), true), snapshot.stations,
                           config.network.gsl.min_elevation_deg, config.network.gsl.selection);
  if (fibres > 0) std::cout << fmt::format("fibre: {} links, every station to every data-centre server\n", fibres);
  if (fabric > 0) std::cout << fmt::format("fabric: {} links, every pair of servers of a data centre\n", fabric);
  if (total_valid < total)
    std::cout << fmt::format("note: SGP4 could not propagate {} satellites at this time (decayed)\n", total - total_valid);
  return 0;
}

}  // namespace

CommandRunner add_summary_command(CLI::App& app) {
  auto file = std::make_shared<std::string>();
  auto t_s = std::make_shared<double>(0.0);
  app.add_option("platform", *file, "Platform YAML file")->required();
  app.footer("sunlit: share of the shell's satellites in sunlight at T; sunlit_day and max_eclipse_min: over the day\n"
             "from T, for up to 12 satellites per shell spread evenly (eclipses found every 30 s, bisected to 1 ms).");
  app.add_option("--time", *t_s, "Seconds after the platform epoch")->capture_default_str();
  return [file, t_s] { return run_summary(*file, *t_s); };
}

}  // namespace orbitsim
