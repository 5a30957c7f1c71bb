// Shortest paths by propagation delay over one TopologySnapshot (Dijkstra on Boost's 4-ary heap), one tree per
// destination, computed on first use and cached for the snapshot's lifetime. A single path whose
// destination has no tree yet is found by A* guided by the straight line to the source, which stops once
// the source is settled (the same path as the full tree's: every node on it is nearer the destination
// than the source), and cached.
//
// Tie-break (documented contract): when several neighbours give exactly the same path delay (equal in
// double precision), the next hop is the neighbour with the lowest node id (satellites in platform
// order, then ground stations). Ground stations relay only when `relay_through_ground` is set; they
// are always allowed as a path's first or last node.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <unordered_map>
#include <vector>

#include "topology/topology_snapshot.hpp"

namespace orbitsim {

struct RoutingTree {
  int destination = -1;
  std::vector<int> next_hop;   // next node toward the destination; -1 if unreachable or at it
  std::vector<int> next_link;  // index in snapshot.links of the link to next_hop
  std::vector<double> delay_s; // one-way propagation delay to the destination; +inf if unreachable
};

struct Path {
  std::vector<int> nodes;  // source first; empty when unreachable
  std::vector<int> links;  // indices in snapshot.links, one per hop
  double distance_m = 0.0;
  double delay_s = 0.0;
  bool reachable() const { return !nodes.empty(); }
  int hops() const { return static_cast<int>(links.size()); }
};

class Router {
 public:
  Router(const TopologySnapshot& snapshot, bool relay_through_ground);
  ~Router();

  const RoutingTree& tree_to(int destination);
  // Valid as long as the Router: every path asked for is kept.
  const Path& path(int source, int destination);
  const TopologySnapshot& snapshot() const { return snapshot_; }
  size_t trees_computed() const { return trees_.size(); }

 private:
  struct Graph;
  const TopologySnapshot& snapshot_;
  bool relay_through_ground_;
  std::unique_ptr<Graph> graph_;
  double bound_s_per_m_ = 0.0;  // A*'s straight-line lower bound on delay per metre
  std::map<int, RoutingTree> trees_;
  // By source and destination (pair_key), from a tree or a search of their own; looked up at every comm's
  // start. Nodes of their own: a path stays where it is while others are added.
  std::unordered_map<std::uint64_t, Path> paths_;
  static std::uint64_t pair_key(int source, int destination) {
    return static_cast<std::uint64_t>(static_cast<std::uint32_t>(source)) << 32 | static_cast<std::uint32_t>(destination);
  }
  Path find_path(int source, int destination);
  // Dijkstra: distances toward `destination` from every node (+inf where not reached).
  void search_from(int destination);
  // The same until `source` is settled (its distance, and those of the nodes on its shortest paths, final),
  // by A* guided by the straight line to it (see bound_s_per_m_).
  void search_toward(int destination, int source);
  // Next hop of `v` toward the destination of the last search (lowest id among shortest-path
  // neighbours), with its link; (-1, -1) when none.
  std::pair<int, int> next_hop(int v, int destination) const;
};

}  // namespace orbitsim
