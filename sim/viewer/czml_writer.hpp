// The constellation over a time range as a CZML document (Cesium's time-dynamic JSON), for the offline
// viewer in tools/viewer and for any CZML reader:
//  - a document packet whose clock spans the range;
//  - satellites as Earth-fixed (FIXED) cartesian samples with Lagrange interpolation, every
//    kPositionSampleStep_s (within 1 km of the propagated orbit; tested), coloured by state over time;
//  - ground stations at their sites;
//  - one polyline per ISL or GSL that ever exists, between its ends' positions, whose `show` is true
//    exactly while the link is in the topology (sampled every link step, with the run's failures);
//  - for each station pair asked, one polyline per distinct route, available while it is the route.
// FIXED, not INERTIAL: CZML's inertial frame is ICRF, which Cesium turns Earth-fixed with IAU 2006
// precession-nutation, while orbitsim's Earth-fixed positions come from TEME and GMST; inertial samples
// would put satellites tens of kilometres from where the simulation had them relative to the stations.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "world/world.hpp"
#include "topology/topology_builder.hpp"
#include "viewer/node_states.hpp"

namespace orbitsim {

struct CzmlOptions {
  std::string name;
  double start_s = 0.0, stop_s = 0.0;  // stop_s > start_s
  double link_step_s = 10.0;           // topology sampled every step (links appear and vanish at these instants)
  std::vector<size_t> satellites;      // drawn, with the links between them and to stations
  bool isls = true, gsls = true;
  std::vector<std::pair<int, int>> routes;  // (station node, station node)
  std::vector<double> utilisation;          // per node, in [0, 1] (nodes.csv); empty: not shaded
  std::string description;                  // shown on the document (run summary)
};

struct CzmlCounts {
  size_t satellites = 0, stations = 0, links = 0, routes = 0, topology_instants = 0;
  size_t entities() const { return satellites + stations + links + routes; }
};

class CzmlWriter {
 public:
  static constexpr double kPositionSampleStep_s = 60.0;
  static constexpr int kInterpolationDegree = 5;

  CzmlWriter(World& world, TopologyBuilder& topology, const NodeStates& states);
  // The packets, document first. `progress(done, total)` is called after each topology instant.
  nlohmann::json document(const CzmlOptions& options, CzmlCounts& counts,
                          const std::function<void(long, long)>& progress = {});

 private:
  std::string iso(double t_s) const;
  std::string interval(double start_s, double stop_s) const { return iso(start_s) + "/" + iso(stop_s); }
  nlohmann::json colour_property(int node, const CzmlOptions& o, const std::vector<int>& normal_rgba) const;
  nlohmann::json satellite_packet(size_t satellite, const CzmlOptions& o);
  nlohmann::json station_packet(int station, const CzmlOptions& o) const;
  // Earth-fixed samples [t, x, y, z, ...] of the drawn satellites, from the start to at least the stop.
  std::vector<nlohmann::json> position_samples(const CzmlOptions& o);
  // The topology at every link step, with the failures in force: runs of instants per link and route.
  struct TopologyRuns;
  TopologyRuns sample_topology(const CzmlOptions& o, const std::function<void(long, long)>& progress);
  void add_link_packets(const TopologyRuns& runs, nlohmann::json& packets) const;
  void add_route_packets(const CzmlOptions& o, const TopologyRuns& runs, nlohmann::json& packets) const;

  World& world_;
  TopologyBuilder& topology_;
  const NodeStates& states_;
};

// CZML id of a node: "sat-<index>" or "gs-<index>" (names may hold characters CZML references escape).
std::string czml_node_id(int node, int satellites);

}  // namespace orbitsim
