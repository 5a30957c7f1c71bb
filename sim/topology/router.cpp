#include "topology/router.hpp"

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/range/iterator_range.hpp>
#include <boost/graph/dijkstra_shortest_paths_no_color_map.hpp>
#include <boost/property_map/function_property_map.hpp>
#include <limits>

#include "core/constants.hpp"

namespace orbitsim {
namespace {

struct Arc {
  double delay_s = 0.0;
  int link = -1;
  bool from_station = false;  // the arc leaves a ground station
};
// Compressed sparse rows: the graph is built once per epoch and only read afterwards.
using BoostGraph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, Arc>;
using Vertex = boost::graph_traits<BoostGraph>::vertex_descriptor;
using ArcDescriptor = boost::graph_traits<BoostGraph>::edge_descriptor;

}  // namespace

struct Router::Graph {
  BoostGraph g;
  std::vector<double> distance;
};

Router::Router(const TopologySnapshot& snapshot, bool relay_through_ground)
    : snapshot_(snapshot), relay_through_ground_(relay_through_ground), graph_(std::make_unique<Graph>()) {
  std::vector<std::pair<Vertex, Vertex>> arcs;
  std::vector<Arc> props;
  arcs.reserve(2 * snapshot.links.size());
  props.reserve(2 * snapshot.links.size());
  for (size_t i = 0; i < snapshot.links.size(); ++i) {
    const TopologyLink& l = snapshot.links[i];
    const double delay = l.length_m / kSpeedOfLight_mps;
    arcs.emplace_back(static_cast<Vertex>(l.a), static_cast<Vertex>(l.b));
    props.push_back({delay, static_cast<int>(i), snapshot.is_station(l.a)});
    arcs.emplace_back(static_cast<Vertex>(l.b), static_cast<Vertex>(l.a));
    props.push_back({delay, static_cast<int>(i), snapshot.is_station(l.b)});
  }
  graph_->g = BoostGraph(boost::edges_are_unsorted_multi_pass, arcs.begin(), arcs.end(), props.begin(),
                         static_cast<size_t>(snapshot.nodes()));
  graph_->distance.resize(static_cast<size_t>(snapshot.nodes()));
}

Router::~Router() = default;

const RoutingTree& Router::tree_to(int destination) {
  if (const auto it = trees_.find(destination); it != trees_.end()) return it->second;
  auto& g = graph_->g;
  auto& dist = graph_->distance;
  const double inf = std::numeric_limits<double>::infinity();
  // The search grows from the destination: an arc u->v carries traffic v->u, so an arc leaving a
  // ground station other than the destination would make that station a relay: it weighs infinity.
  const bool relay = relay_through_ground_;
  const Vertex root = static_cast<Vertex>(destination);
  auto weight = boost::make_function_property_map<ArcDescriptor, double>([&g, relay, root, inf](const ArcDescriptor& e) {
    const Arc& a = g[e];
    return (a.from_station && !relay && boost::source(e, g) != root) ? inf : a.delay_s;
  });
  boost::dijkstra_shortest_paths_no_color_map(
      g, root, boost::predecessor_map(boost::dummy_property_map()).distance_map(dist.data()).weight_map(weight).distance_inf(inf));

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
