// Builds the TopologySnapshot of any instant from a built World and its network configuration:
// ISL candidates per shell pattern (plus-grid, ring, none, all-within-range, file), each checked against
// the latitude cutoff, the grazing altitude and the terminal range; inter-shell ISLs nearest first; GSLs
// by elevation mask (or slant range) and the station's selection policy; a data centre's fibre to every
// station and its fabric between its servers.
#pragma once

#include <functional>
#include <limits>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "world/world.hpp"
#include "core/name_index.hpp"
#include "core/worker_pool.hpp"
#include "policy/gsl/gsl_selection_policy.hpp"
#include "topology/nearby_pairs.hpp"
#include "topology/network_config.hpp"
#include "topology/pair_neighbours.hpp"
#include "topology/station_neighbours.hpp"
#include "topology/topology_snapshot.hpp"

namespace orbitsim {

class TopologyBuilder {
 public:
  // `world` must outlive the builder (its constellation propagates positions); `shell_links`: the ISL
  // settings of each of its constellation's shells, in the same order, and the fibre and fabric of each data
  // centre.
  TopologyBuilder(World& world, const NetworkConfig& network, std::vector<ShellLinks> shell_links);

  // `down` (optional, one flag per node) marks failed satellites and stations: they get no links;
  // `failed_terminals` (optional, (satellite, terminal) pairs) are ISL terminals out of service.
  TopologySnapshot build(double t_s, const std::vector<bool>* down = nullptr,
                         const std::set<std::pair<int, int>>* failed_terminals = nullptr);
  // Shares each epoch's positions and link candidates among `workers`' threads (which must outlive the
  // builder; nullptr: the calling thread alone). The snapshots are the same for any thread count.
  void use_workers(WorkerPool* workers) { workers_ = workers; }
  // ISL terminals of a satellite, its inter-shell ones last (0 for an unlimited all-within-range formation).
  int isl_terminals(int satellite) const { return isl_terminals_[static_cast<size_t>(satellite)]; }
  // Terminals that can fail: the declared ones, or as many as the busiest satellite's links (formation).
  int failable_terminals(int satellite) const {
    return isl_terminals(satellite) > 0 ? isl_terminals(satellite) : max_satellite_ports();
  }

  int nodes() const { return static_cast<int>(names_.size()); }
  int satellites() const { return static_cast<int>(world_.constellation.size()); }
  const std::string& name(int node) const { return names_[static_cast<size_t>(node)]; }
  const std::string& shell_name(int satellite) const { return world_.constellation.info(static_cast<size_t>(satellite)).shell; }
  // -1 when no node has that name (exactly, or ignoring case when that is unambiguous).
  int node_named(const std::string& name) const { return node_index_.find(name); }
  // Every node name, with the closest matches for a name that is not one.
  const NameIndex& node_names() const { return node_index_; }
  // Most terminals any satellite uses, and radio chains per station (sizes of the SimGrid port sets).
  int max_satellite_ports() const { return max_ports_; }
  int station_chains(int station) const {
    const int own = world_.ground_stations[static_cast<size_t>(station)].radio_chains;
    return own > 0 ? own : network_.gsl.max_links_per_station;
  }
  const NetworkConfig& network() const { return network_; }
  const std::vector<ShellLinks>& shell_links() const { return shell_links_; }
  // A data centre's server (no ISLs, no GSLs: fibre to every station).
  bool earth_fixed(int satellite) const { return !fibre_servers_.empty() && earth_fixed_[static_cast<size_t>(satellite)]; }
  bool has_datacenters() const { return !fibre_servers_.empty(); }
  // Every fibre link (server x station), as a snapshot lists those whose ends are up.
  const std::vector<TopologyLink>& fibre_links() const { return fibre_links_; }
  // Every fabric link (server pairs of one data centre), as a snapshot lists those whose ends are up.
  const std::vector<TopologyLink>& fabric_links() const { return fabric_links_; }
  // The fixed ISLs (plus-grid, ring, file patterns) in the order they were declared, as (a, b) pairs;
  // and whether some shell chooses its links by range at each epoch instead.
  std::vector<std::pair<int, int>> static_isl_pairs() const;
  bool has_ranged_isls() const;  // all-within-range shells or inter-shell ISLs
  // How many times the neighbour lists kept across epochs were (re)built (for tests and benchmarks).
  size_t neighbour_lists_built() const { return neighbour_lists_built_; }
  // Neighbour lists that builders of one platform, each on a thread of its own, share: a list any of them
  // built serves the others' epochs while it covers them (the snapshots stay those of a lone builder).
  struct SharedNeighbourLists {
    SharedLatest<StationNeighbours::Lists> stations;
    SharedLatest<PairNeighbours::List> ranged_pairs, inter_shell_pairs;
  };
  // `shared` must outlive the builder.
  void share_neighbour_lists(SharedNeighbourLists* shared);

 private:
  // A satellite's latitude against an inter-plane cutoff, cheaply (geocentric sine) where that settles it.
  struct LatitudeCutoff {
    double cutoff_rad = 0.0, sin_cutoff = 0.0, sin_below_band = 0.0;
    bool applies = true;  // false for 90 degrees or more (the default), which no latitude exceeds
  };
  struct IslCandidate {
    int a, b, port_a, port_b;
    bool inter_plane;
    const IslConfig* isl;
    LatitudeCutoff cutoff;
  };
  void add_static_isls(TopologySnapshot& s, const std::set<std::pair<int, int>>* failed_terminals) const;
  LatitudeCutoff latitude_cutoff(double cutoff_deg) const;
  // |geodetic latitude| of a satellite at `ecef_m` > the cutoff.
  bool beyond_latitude(const Vec3& ecef_m, const LatitudeCutoff& cutoff) const;
  // Where a family of range-chosen links numbers its terminals and how many a satellite has (0: unlimited),
  // per satellite (tables: asked for every candidate pair); and the rate of a link.
  struct TerminalRule {
    std::span<const int> first_port;  // empty: 0 for every satellite
    std::span<const int> budget;
    std::function<double(int, int)> bandwidth_bps;
    int first_port_of(int satellite) const { return first_port.empty() ? 0 : first_port[static_cast<size_t>(satellite)]; }
    int budget_of(int satellite) const { return budget[static_cast<size_t>(satellite)]; }
  };
  void accept_nearest_first(TopologySnapshot& s, const std::vector<NearbyPair>& pairs, const TerminalRule& rule,
                            std::vector<int>& next, const std::set<std::pair<int, int>>* failed_terminals) const;
  double grazing_range_m(double r_m) const;
  bool chords_clear_within(double length_m) const;
  // What a range-chosen link's two ends need: `ok(a, b, length_m)`; and `holds_within(m)`, true when every
  // pair of distinct satellites up at most m apart passes `ok`, which the rings then need not ask.
  struct LinkGeometry {
    std::function<bool(int, int, double)> ok;
    std::function<bool(double)> holds_within;
  };
  void accept_in_rings(TopologySnapshot& s, const std::vector<int>& candidates, MemberGroups group_of, double max_m,
                       const LinkGeometry& geometry, const TerminalRule& rule, PairNeighbours& kept,
                       const std::set<std::pair<int, int>>* failed_terminals);
  void add_ranged_isls(TopologySnapshot& s, const std::set<std::pair<int, int>>* failed_terminals);
  void add_inter_shell_isls(TopologySnapshot& s, const std::set<std::pair<int, int>>* failed_terminals);
  double gsl_search_range_m() const;
  void add_gsls(TopologySnapshot& s, double t_s, const std::vector<bool>* down);
  void add_terrestrial(TopologySnapshot& s) const;  // fibre, then fabric
  bool isl_geometry_ok(const Vec3& a, const Vec3& b, double length_m, const IslConfig& isl) const;  // length_m: |ab|; inline, in topology_builder.cpp
  bool visible(int station, const Vec3& satellite_ecef, double* range_m, double* sin_elevation) const;  // inline, in topology_builder_gsls.cpp
  bool may_be_visible(const Vec3& los_m, double up_m) const;  // visible()'s cheap first tests; inline, there too
  double remaining_visibility_s(int station, int satellite, double t_s);
  // Every satellite's position lead_s after the epoch being built (for the neighbour lists).
  std::vector<Vec3> positions_after_epoch(double lead_s);

  World& world_;
  NetworkConfig network_;
  std::vector<ShellLinks> shell_links_;  // static_isls_ and ranged_isl_of_satellite_ point into it
  std::vector<int> fibre_servers_;       // data-centre servers, in node order
  std::vector<char> earth_fixed_;        // per satellite: a data-centre server (a compact copy for the epoch loops)
  std::vector<TopologyLink> fibre_links_;  // server x station, fixed: the sites do not move
  std::vector<TopologyLink> fabric_links_; // server pairs within each data centre
  std::vector<std::string> names_;
  NameIndex node_index_;
  std::vector<IslCandidate> static_isls_;
  std::vector<const IslConfig*> ranged_isl_of_satellite_;  // all-within-range shells, else nullptr
  std::vector<int> ranged_satellites_;                     // those of all-within-range shells, in order
  std::vector<int> orbiting_satellites_;                   // all but data-centre servers, in order
  std::vector<Vec3> station_up_;                           // unit local vertical of each station
  std::vector<Vec3> station_ecef_m_;
  double lowest_station_r_m_ = std::numeric_limits<double>::infinity();  // distance of the nearest station to Earth's centre
  StationNeighbours station_neighbours_;                   // satellites each station might see, across epochs
  PairNeighbours ranged_pairs_, inter_shell_pairs_;        // candidates of range-chosen ISLs within 500 km, across epochs
  double sin_min_elevation_ = 0.0;
  double sin2_below_mask_ = 0.0;  // a squared sine of elevation clearly below the mask (0: no such shortcut)
  std::unique_ptr<GslSelectionPolicy> gsl_policy_;
  std::vector<std::vector<GslCandidate>> visible_from_;  // each station's visible satellites: kept to reuse their room
  std::vector<int> isl_terminals_;          // intra-shell, then inter-shell terminals
  std::vector<int> shell_of_;               // index of each satellite's shell in the platform
  std::vector<int> inter_shell_first_port_; // first inter-shell terminal of each satellite
  std::vector<int> ranged_terminals_;       // of each satellite of an all-within-range shell (0: unlimited), else 0
  std::vector<int> inter_shell_terminals_;  // of each satellite
  int max_ports_ = 0;
  std::vector<char> propagated_;  // per satellite at the epoch being built: false on an SGP4 error
  double epoch_t_s_ = 0.0;        // the epoch being built
  std::vector<char> up_;          // its snapshot's node_up, as bytes for the loops over links and candidates
  double highest_r2_m2_ = -1.0;   // the largest squared radius of an orbiting satellite up then (-1: none)
  double lowest_r2_m2_ = 0.0;     // and the smallest (+inf: none)
  WorkerPool* workers_ = nullptr;
  size_t neighbour_lists_built_ = 0;
  size_t links_last_built_ = 0;
};

}  // namespace orbitsim
