#include "topology/hypatia_state.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/constants.hpp"
#include "core/input_error.hpp"
#include "orbit/tle_writer.hpp"
#include "topology/router.hpp"

namespace orbitsim {

HypatiaStateWriter::HypatiaStateWriter(World& world, const TopologyBuilder& builder, const std::string& platform_file)
    : world_(world), builder_(builder), isls_(builder.static_isl_pairs()),
      isl_count_(world.constellation.size(), 0) {
  if (builder.has_datacenters())
    throw InputError({platform_file, 0}, "shells", "satellite shells only (Hypatia has no terrestrial data centres)",
                     "a datacenter shell");
  if (builder.has_ranged_isls())
    throw InputError({platform_file, 0}, "shells",
                     "ISL patterns plus-grid, ring, file or none (Hypatia's isls.txt is a fixed list)",
                     "ISLs chosen by range at each epoch (an all-within-range shell or network.inter_shell_isl)");
  for (const auto& [a, b] : isls_) {
    interface_[{a, b}] = isl_count_[static_cast<size_t>(a)]++;
    interface_[{b, a}] = isl_count_[static_cast<size_t>(b)]++;
  }
}

std::string HypatiaStateWriter::tles() const {
  // The header is the plane layout of a single shell that has one; otherwise one orbit of N.
  int planes = 1, per_plane = static_cast<int>(world_.constellation.size());
  if (const auto& shells = world_.constellation.shells(); shells.size() == 1 && shells.front().planes > 0)
    planes = shells.front().planes, per_plane = shells.front().per_plane;
  std::string out = fmt::format("{} {}\n", planes, per_plane);
  for (size_t i = 0; i < world_.constellation.size(); ++i) {
    MeanElements m = world_.constellation.mean_elements(i);
    m.catalog_number = static_cast<long>(i) + 1;  // Hypatia numbers satellites from 1 in its TLEs
    const auto lines = format_tle(m);
    // Hypatia's title lines are "<name> <id>".
    const std::string& name = world_.constellation.info(i).name;
    const std::string id = " " + std::to_string(i);
    const bool has_id = name.size() > id.size() && name.compare(name.size() - id.size(), id.size(), id) == 0;
    out += fmt::format("{}\n{}\n{}\n", has_id ? name : name + id, lines[0], lines[1]);
  }
  return out;
}

std::string HypatiaStateWriter::isls() const {
  std::string out;
  for (const auto& [a, b] : isls_) out += fmt::format("{} {}\n", a, b);
  return out;
}

std::string HypatiaStateWriter::ground_stations() const {
  std::string out;
  for (size_t g = 0; g < world_.ground_stations.size(); ++g) {
    const GroundStation& gs = world_.ground_stations[g];
    out += fmt::format("{},{},{:.8f},{:.8f},{:.3f},{:.6f},{:.6f},{:.6f}\n", g, gs.name, gs.site.latitude_rad * kRadToDeg,
                       gs.site.longitude_rad * kRadToDeg, gs.site.altitude_m, gs.ecef_m.x, gs.ecef_m.y, gs.ecef_m.z);
  }
  return out;
}

std::string HypatiaStateWriter::description() const {
  const EarthModel& earth = world_.constellation.earth();
  std::vector<SatelliteState> states;
  world_.constellation.states(0.0, states);
  double r_max = earth.radius_m;
  for (const auto& s : states) r_max = std::max(r_max, s.ecef_m.norm());
  const NetworkConfig& n = builder_.network();
  const double r = earth.radius_m;
  const double sin_e = std::sin(n.gsl.min_elevation_deg * kDegToRad), cos_e = std::cos(n.gsl.min_elevation_deg * kDegToRad);
  const double gsl_m = n.gsl.max_range_km ? *n.gsl.max_range_km * 1000.0
                                          : std::sqrt(r_max * r_max - r * r * cos_e * cos_e) - r * sin_e;
  double isl_m = 2.0 * std::sqrt(std::max(0.0, r_max * r_max - std::pow(r + n.grazing_altitude_km * 1000.0, 2)));
  for (const ShellLinks& links : builder_.shell_links())
    if (links.isl.max_range_km) isl_m = std::min(isl_m, *links.isl.max_range_km * 1000.0);
  return fmt::format("max_gsl_length_m={:.10f}\nmax_isl_length_m={:.10f}\n", gsl_m, isl_m);
}

std::string HypatiaStateWriter::gsl_interfaces_info() const {
  std::string out;
  const size_t n = world_.constellation.size();
  for (size_t i = 0; i < n; ++i) out += fmt::format("{},1,1.0\n", i);
  for (size_t g = 0; g < world_.ground_stations.size(); ++g)
    out += fmt::format("{},{},1.0\n", n + g, builder_.station_chains(static_cast<int>(g)));
  return out;
}

std::string HypatiaStateWriter::fstate_file_name(double t_s) {
  return fmt::format("fstate_{}.txt", std::llround(t_s * 1e9));
}

std::string HypatiaStateWriter::forwarding_state(const TopologySnapshot& snapshot, bool relay_through_ground) {
  Router router(snapshot, relay_through_ground);
  const int n = snapshot.satellites, g = snapshot.stations;
  std::string out;
  auto entry = [&](int current, int destination) {
    const int next = router.tree_to(destination).next_hop[static_cast<size_t>(current)];
    std::string line;
    if (next < 0) {
      line = fmt::format("{},{},-1,-1,-1\n", current, destination);
    } else {
      int mine = 0, theirs = 0;
      if (current < n && next < n) mine = interface_.at({current, next}), theirs = interface_.at({next, current});
      else if (current < n) mine = isl_count_[static_cast<size_t>(current)];
      else if (next < n) theirs = isl_count_[static_cast<size_t>(next)];
      line = fmt::format("{},{},{},{},{}\n", current, destination, next, mine, theirs);
    }
    auto [it, inserted] = previous_.try_emplace({current, destination}, line);
    if (inserted || it->second != line) out += line;
    it->second = line;
  };
  for (int current = 0; current < n; ++current)
    for (int d = n; d < n + g; ++d) entry(current, d);
  for (int current = n; current < n + g; ++current)
    for (int d = n; d < n + g; ++d)
      if (d != current) entry(current, d);
  return out;
}

}  // namespace orbitsim
