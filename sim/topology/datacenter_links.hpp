// A terrestrial data centre's fixed links (its sites do not move): fibre from every ground station to
// each of its servers, and its fabric, a link per pair of its servers.
#pragma once

#include <vector>

#include "core/vec3.hpp"
#include "orbit/constellation.hpp"
#include "topology/network_config.hpp"
#include "topology/topology_snapshot.hpp"

namespace orbitsim {

struct DatacenterLinks {
  std::vector<TopologyLink> fibre;   // server x station, servers in node order
  std::vector<TopologyLink> fabric;  // server pairs within each data centre
};

// `shell_links`: each shell's settings in platform order (a data centre's fibre and fabric);
// `station_ecef_m`: the ground stations, node ids following the constellation's.
DatacenterLinks datacenter_links(Constellation& constellation, const std::vector<ShellLinks>& shell_links,
                                 const std::vector<Vec3>& station_ecef_m);

}  // namespace orbitsim
