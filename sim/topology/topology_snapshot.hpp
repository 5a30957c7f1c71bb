// The network at one instant: node positions and the links that are up, with their lengths. Nodes are
// numbered satellites first (0..S-1, platform order), then ground stations (S..S+G-1).
#pragma once

#include <string>
#include <vector>

#include "core/vec3.hpp"

namespace orbitsim {

enum class LinkKind { kIsl, kGsl };

struct TopologyLink {
  int a = 0, b = 0;            // node ids; for an ISL a < b; for a GSL a is the satellite, b the station
  LinkKind kind = LinkKind::kIsl;
  double length_m = 0.0;
  double bandwidth_bps = 0.0;
  int port_a = 0, port_b = 0;  // terminal (ISL) or radio chain (GSL station side) used at each end
};

struct TopologySnapshot {
  double t_s = 0.0;
  int satellites = 0;
  int stations = 0;
  std::vector<Vec3> position_ecef_m;  // per node
  std::vector<bool> node_up;          // false for satellites SGP4 cannot propagate
  std::vector<TopologyLink> links;    // ISLs then GSLs, each group in a deterministic order

  int nodes() const { return satellites + stations; }
  bool is_station(int node) const { return node >= satellites; }
};

}  // namespace orbitsim
