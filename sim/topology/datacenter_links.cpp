#include "topology/datacenter_links.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "core/constants.hpp"

namespace orbitsim {

DatacenterLinks datacenter_links(Constellation& constellation, const std::vector<ShellLinks>& shell_links,
                                 const std::vector<Vec3>& station_ecef_m) {
  DatacenterLinks out;
  std::vector<SatelliteState> at_epoch;
  const int satellites = static_cast<int>(constellation.size());
  for (size_t shell_index = 0; shell_index < constellation.shells().size(); ++shell_index) {
    const ShellRange& shell = constellation.shells()[shell_index];
    if (!shell.earth_fixed) continue;
    if (at_epoch.empty()) constellation.states(0.0, at_epoch, nullptr, false);
    // Fibre: the great circle through the two sites (on the sphere of their mean radius) times the data
    // centre's route factor.
    const FibreConfig& fibre = *shell_links[shell_index].fibre;
    for (int server = shell.first; server < shell.first + shell.count; ++server) {
      const Vec3& site = at_epoch[static_cast<size_t>(server)].ecef_m;
      for (size_t g = 0; g < station_ecef_m.size(); ++g) {
        const Vec3& station = station_ecef_m[g];
        const double angle_rad = std::atan2(site.cross(station).norm(), site.dot(station));
        const double length_m = angle_rad * 0.5 * (site.norm() + station.norm()) * fibre.route_factor;
        out.fibre.push_back({server, satellites + static_cast<int>(g), LinkKind::kFibre, length_m, fibre.bandwidth_bps, 0, 0});
      }
    }
    const FabricConfig& fabric = shell_links[shell_index].fabric;
    if (!fabric.enabled) continue;
    if (shell.count > kMaxFabricServers)
      throw std::invalid_argument(fmt::format("datacenter_links: data centre {} has {} servers, a fabric at most {}",
                                              shell.name, shell.count, kMaxFabricServers));
    for (int a = shell.first; a < shell.first + shell.count; ++a)
      for (int b = a + 1; b < shell.first + shell.count; ++b)
        out.fabric.push_back({a, b, LinkKind::kFabric, fabric.latency_s * kSpeedOfLight_mps, fabric.bandwidth_bps, 0, 0});
  }
  return out;
}

}  // namespace orbitsim
