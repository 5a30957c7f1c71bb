#include "topology/router.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths_no_color_map.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <limits>

#include "core/constants.hpp"

namespace orbitsim {
namespace {

struct Arc {
  double delay_s = 0.0;
  int link = -1;
};
using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property, Arc>;
using Vertex = boost::graph_traits<BoostGraph>::vertex_descriptor;
using ArcDescriptor = boost::graph_traits<BoostGraph>::edge_descriptor;

// In a search grown from the destination, an arc u->v carries traffic v->u; leaving a ground station u
// that is not the destination would make the station a relay.
struct NoGroundRelay {
  const BoostGraph* graph = nullptr;
  const TopologySnapshot* snapshot = nullptr;
  int destination = -1;
  bool operator()(const ArcDescriptor& e) const {
    const int u = static_cast<int>(boost::source(e, *graph));
    return !snapshot->is_station(u) || u == destination;
  }
};

}  // namespace

struct Router::Graph {
  BoostGraph g;
  std::vector<double> distance;
  std::vector<Vertex> predecessor;
};

Router::Router(const TopologySnapshot& snapshot, bool relay_through_ground)
    : snapshot_(snapshot), relay_through_ground_(relay_through_ground), graph_(std::make_unique<Graph>()) {
  graph_->g = BoostGraph(static_cast<size_t>(snapshot.nodes()));
  for (size_t i = 0; i < snapshot.links.size(); ++i) {
    const TopologyLink& l = snapshot.links[i];
    const Arc arc{l.length_m / kSpeedOfLight_mps, static_cast<int>(i)};
    boost::add_edge(static_cast<Vertex>(l.a), static_cast<Vertex>(l.b), arc, graph_->g);
    boost::add_edge(static_cast<Vertex>(l.b), static_cast<Vertex>(l.a), arc, graph_->g);
  }
  graph_->distance.resize(static_cast<size_t>(snapshot.nodes()));
  graph_->predecessor.resize(static_cast<size_t>(snapshot.nodes()));
}

Router::~Router() = default;

const RoutingTree& Router::tree_to(int destination) {
  if (const auto it = trees_.find(destination); it != trees_.end()) return it->second;
  auto& g = graph_->g;
  auto& dist = graph_->distance;
  const double inf = std::numeric_limits<double>::infinity();
  const NoGroundRelay filter{&g, &snapshot_, relay_through_ground_ ? -2 : destination};
  auto weight = boost::get(&Arc::delay_s, g);
  auto run = [&](const auto& graph) {
    boost::dijkstra_shortest_paths_no_color_map(
        graph, static_cast<Vertex>(destination),
        boost::predecessor_map(graph_->predecessor.data()).distance_map(dist.data()).weight_map(weight).distance_inf(inf));
  };
  if (relay_through_ground_) run(g);
  else run(boost::make_filtered_graph(g, filter));

  // Deterministic next hops: among neighbours on a shortest path, the lowest node id.
  RoutingTree t;
  t.destination = destination;
  t.delay_s = dist;
  const size_t n = static_cast<size_t>(snapshot_.nodes());
  t.next_hop.assign(n, -1);
  t.next_link.assign(n, -1);
  for (size_t v = 0; v < n; ++v) {
    if (static_cast<int>(v) == destination || dist[v] == inf || !snapshot_.node_up[v]) continue;
    for (const auto& e : boost::make_iterator_range(boost::out_edges(static_cast<Vertex>(v), g))) {
      const int u = static_cast<int>(boost::target(e, g));
      if (!relay_through_ground_ && snapshot_.is_station(u) && u != destination) continue;
      if (dist[static_cast<size_t>(u)] + g[e].delay_s != dist[v]) continue;
      if (t.next_hop[v] == -1 || u < t.next_hop[v]) {
        t.next_hop[v] = u;
        t.next_link[v] = g[e].link;
      }
    }
  }
  return trees_.emplace(destination, std::move(t)).first->second;
}

Path Router::path(int source, int destination) {
  Path p;
  if (source == destination) {
    p.nodes = {source};
    return p;
  }
  const RoutingTree& t = tree_to(destination);
  if (t.next_hop[static_cast<size_t>(source)] < 0) return p;
  for (int v = source; v != destination; v = t.next_hop[static_cast<size_t>(v)]) {
    p.nodes.push_back(v);
    const int link = t.next_link[static_cast<size_t>(v)];
    p.links.push_back(link);
    p.distance_m += snapshot_.links[static_cast<size_t>(link)].length_m;
  }
  p.nodes.push_back(destination);
  p.delay_s = p.distance_m / kSpeedOfLight_mps;
  return p;
}

}  // namespace orbitsim
