// The network at one instant: node positions and the links that are up, with their lengths. Nodes are
// numbered satellites first (0..S-1, platform order; a terrestrial data centre's servers among them, as
// compute nodes fixed on the ground), then ground stations (S..S+G-1).
#pragma once

#include <string>
#include <vector>

#include "core/constants.hpp"
#include "core/vec3.hpp"
#include "topology/network_config.hpp"

namespace orbitsim {

enum class LinkKind {
  kIsl,    // laser, satellite to satellite, at c
  kGsl,    // radio, satellite to station, at c
  kFibre,  // terrestrial, data-centre server to station, at c / kFibreRefractiveIndex (network_config.hpp)
  kFabric, // inside a data centre, server to server: its length is what light covers in vacuum in the fabric's latency
};

struct TopologyLink {
  int a = 0, b = 0;            // node ids; for an ISL a < b; for a GSL or fibre a is the satellite/server, b the station;
                               // for a fabric link a < b, both servers of one data centre
  LinkKind kind = LinkKind::kIsl;
  double length_m = 0.0;
  double bandwidth_bps = 0.0;
  int port_a = 0, port_b = 0;  // terminal (ISL) or radio chain (GSL station side) used at each end; fibre, fabric: 0
  // One-way propagation delay: at c in vacuum, at c / 1.468 in fibre (a fabric link: its latency).
  double delay_s() const {
    return (kind == LinkKind::kFibre ? length_m * kFibreRefractiveIndex : length_m) / kSpeedOfLight_mps;
  }
};

struct TopologySnapshot {
  double t_s = 0.0;
  int satellites = 0;
  int stations = 0;
  std::vector<Vec3> position_ecef_m;  // per node
  std::vector<bool> node_up;          // false for satellites SGP4 cannot propagate
  std::vector<TopologyLink> links;    // ISLs, GSLs, fibre, then fabric, each group in a deterministic order
  // Every ISL's and GSL's length is the distance between its ends' positions above, bit for bit (true of
  // TopologyBuilder's snapshots, which measure them there): the Router need not measure them again.
  bool isl_gsl_lengths_are_chords = false;

  int nodes() const { return satellites + stations; }
  bool is_station(int node) const { return node >= satellites; }
};

}  // namespace orbitsim
