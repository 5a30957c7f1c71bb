// The files of a Hypatia `satellite_networks_state` folder (Kassing et al., IMC 2020; snkas/hypatia's
// satgenpy), made from a platform: tles.txt, isls.txt, ground_stations.txt, description.txt,
// gsl_interfaces_info.txt and one fstate_<t_ns>.txt per instant. Node ids are Hypatia's: satellites
// 0..N-1 in platform order, then the ground stations. Interfaces: a satellite's ISLs in the order
// isls.txt lists them, then its GSL interface; a station has interface 0. Forwarding state follows
// Hypatia's shortest-path-without-ground-relaying files: "current,destination,next_hop,my_interface,
// next_interface" toward every ground station, from every satellite and every other station (-1,-1,-1
// when unreachable); the first file lists every entry, the later ones only the entries that changed.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "world/world.hpp"
#include "topology/topology_builder.hpp"

namespace orbitsim {

class HypatiaStateWriter {
 public:
  // Throws InputError (naming `platform_file`) when a shell's ISLs are chosen by range at each epoch:
  // Hypatia's isls.txt is a fixed list.
  HypatiaStateWriter(World& world, const TopologyBuilder& builder, const std::string& platform_file);

  std::string tles() const;
  std::string isls() const;
  std::string ground_stations() const;
  // max_gsl_length_m: the platform's GSL range, or the slant range at the elevation mask to the highest
  // satellite at the epoch; max_isl_length_m: the shells' ISL range, or the grazing-altitude limit.
  std::string description() const;
  std::string gsl_interfaces_info() const;
  // The forwarding state of the next instant (call in time order).
  std::string forwarding_state(const TopologySnapshot& snapshot, bool relay_through_ground);
  static std::string fstate_file_name(double t_s);

 private:
  World& world_;
  const TopologyBuilder& builder_;
  std::vector<std::pair<int, int>> isls_;
  std::map<std::pair<int, int>, int> interface_;  // (satellite, neighbour) -> the satellite's ISL interface
  std::vector<int> isl_count_;                     // per satellite; also its GSL interface
  std::map<std::pair<int, int>, std::string> previous_;  // (current, destination) -> entry
};

}  // namespace orbitsim
