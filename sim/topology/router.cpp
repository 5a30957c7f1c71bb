#include "topology/router.hpp"

#include <boost/graph/astar_search.hpp>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/iterator/transform_iterator.hpp>
#include <boost/range/iterator_range.hpp>
#include <boost/graph/detail/d_ary_heap.hpp>
#include <boost/graph/dijkstra_shortest_paths_no_color_map.hpp>
#include <boost/property_map/function_property_map.hpp>
#include <boost/property_map/property_map.hpp>
#include <functional>
#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

#include "core/constants.hpp"

namespace orbitsim {
namespace {

struct Arc {
  double delay_s = 0.0;
  int link = -1;
  bool from_station = false;  // the arc leaves a ground station
};
// Compressed sparse rows: the graph is built once per epoch and only read afterwards.
using BoostGraph =
    boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, Arc, boost::no_property, uint32_t, uint32_t>;
using Vertex = boost::graph_traits<BoostGraph>::vertex_descriptor;
using ArcDescriptor = boost::graph_traits<BoostGraph>::edge_descriptor;

// Per-vertex values of the current search that read as `fresh` until the search first touches them: a
// search starts by moving to the next search number instead of rewriting every vertex, so that one that
// settles a few nodes (a station's satellites, a ring's neighbours) costs those nodes, not the graph.
// Boost's searches see an ordinary read-write map (the "no_init" variants, given the same initial values).
template <typename T>
class SearchValues : public boost::put_get_helper<T&, SearchValues<T>> {
 public:
  using key_type = Vertex;
  using value_type = T;
  using reference = T&;
  using category = boost::lvalue_property_map_tag;
  struct Store {
    std::vector<T> value;
    std::vector<unsigned> touched_by;  // the search that last touched each vertex
    void resize(size_t vertices) {
      value.resize(vertices);
      touched_by.assign(vertices, 0);
    }
  };
  SearchValues(Store* store, unsigned search, T fresh) : store_(store), search_(search), fresh_(fresh) {}
  T& operator[](Vertex v) const {
    if (store_->touched_by[v] != search_) {
      store_->touched_by[v] = search_;
      store_->value[v] = fresh_;
    }
    return store_->value[v];
  }

 private:
  Store* store_;
  unsigned search_;
  T fresh_;
};

// The fewest seconds a metre of straight line can cost on this snapshot's links: 1/c, unless a link is
// shorter than the chord between its ends. Scaled down so that the bound stays strictly below every
// link's delay, rounding included: A* then settles every node of every shortest path, ties included,
// with the same distances as Dijkstra's, before the source.
// Computed with the graph, not on first use: a Router built ahead of its epoch (EpochPrefetcher) then
// leaves the simulation's thread only the searches. A builder's lasers and radio links are their chords
// (TopologySnapshot::isl_gsl_lengths_are_chords): each costs 1/c a metre, within a rounding that the
// margin covers, so only the other links are measured.
double straight_line_bound_s_per_m(const TopologySnapshot& snapshot) {
  double per_m = 1.0 / kSpeedOfLight_mps;
  for (const TopologyLink& l : snapshot.links) {
    if (snapshot.isl_gsl_lengths_are_chords && (l.kind == LinkKind::kIsl || l.kind == LinkKind::kGsl)) continue;
    const double chord_m = distance(snapshot.position_ecef_m[static_cast<size_t>(l.a)], snapshot.position_ecef_m[static_cast<size_t>(l.b)]);
    if (chord_m > 0.0 && std::isfinite(chord_m)) per_m = std::min(per_m, l.delay_s() / chord_m);
  }
  return per_m * (1.0 - 1e-6);
}

}  // namespace

struct Router::Graph {
  BoostGraph g;
  unsigned search = 0;  // numbers the searches on this snapshot, from 1
  SearchValues<double>::Store distance, estimate;  // A*'s estimate: distance plus the straight-line bound
  SearchValues<boost::default_color_type>::Store colour;
  std::vector<size_t> heap_position;  // of each vertex in settle_until's heap, while it is there
  double distance_to(size_t v) const {
    return distance.touched_by[v] == search ? distance.value[v] : std::numeric_limits<double>::infinity();
  }
};

Router::Router(const TopologySnapshot& snapshot, bool relay_through_ground)
    : snapshot_(snapshot), relay_through_ground_(relay_through_ground), graph_(std::make_unique<Graph>()) {
  // Arc k is link k / 2, from its end a (even k) or b (odd k); read twice by the graph's constructor (to
  // count, then to place), without a copy of its own.
  auto arc = [&snapshot](size_t k) {
    const TopologyLink& l = snapshot.links[k / 2];
    const auto a = static_cast<Vertex>(l.a), b = static_cast<Vertex>(l.b);
    return k % 2 == 0 ? std::pair{a, b} : std::pair{b, a};
  };
  auto props = [&snapshot](size_t k) {
    const TopologyLink& l = snapshot.links[k / 2];
    return Arc{l.delay_s(), static_cast<int>(k / 2), snapshot.is_station(k % 2 == 0 ? l.a : l.b)};
  };
  const boost::counting_iterator<size_t> first(0), last(2 * snapshot.links.size());
  graph_->g = BoostGraph(boost::edges_are_unsorted_multi_pass, boost::make_transform_iterator(first, arc),
                         boost::make_transform_iterator(last, arc), boost::make_transform_iterator(first, props),
                         static_cast<size_t>(snapshot.nodes()));
  graph_->distance.resize(static_cast<size_t>(snapshot.nodes()));
  graph_->estimate.resize(static_cast<size_t>(snapshot.nodes()));
  graph_->colour.resize(static_cast<size_t>(snapshot.nodes()));
  graph_->heap_position.resize(static_cast<size_t>(snapshot.nodes()));
  bound_s_per_m_ = straight_line_bound_s_per_m(snapshot);
}

Router::~Router() = default;

namespace {
struct SourceSettled {};  // thrown by the visitor to end a search early

// An A* visitor (by its base) that ends the search once `stop` is settled.
template <typename Base>
struct StopAt : Base {
  Vertex stop;
  void examine_vertex(Vertex u, const BoostGraph&) const {
    if (u == stop) throw SourceSettled{};
  }
};

// Straight-line delay from a node to the search's target (the path's source): a lower bound on the
// remaining delay, consistent with a margin (see straight_line_bound_s_per_m).
struct StraightLineBound : boost::astar_heuristic<BoostGraph, double> {
  const std::vector<Vec3>* position_m;
  Vec3 target_m;
  double s_per_m;
  double operator()(Vertex v) const { return distance((*position_m)[v], target_m) * s_per_m; }
};
}  // namespace

namespace {
// An arc u->v carries traffic v->u (a search grows from the destination), so an arc leaving a ground
// station other than the destination would make that station a relay: without ground relay it weighs
// infinity.
auto arc_delays(const BoostGraph& g, Vertex destination, bool relay_through_ground) {
  const double inf = std::numeric_limits<double>::infinity();
  return boost::make_function_property_map<ArcDescriptor, double>([&g, destination, relay_through_ground, inf](const ArcDescriptor& e) {
    const Arc& a = g[e];
    return (a.from_station && !relay_through_ground && boost::source(e, g) != destination) ? inf : a.delay_s;
  });
}
}  // namespace

void Router::search_from(int destination) {
  const double inf = std::numeric_limits<double>::infinity();
  const SearchValues<double> distance(&graph_->distance, ++graph_->search, inf);
  put(distance, static_cast<Vertex>(destination), 0.0);
  boost::dijkstra_shortest_paths_no_color_map_no_init(
      graph_->g, static_cast<Vertex>(destination), boost::dummy_property_map(), distance,
      arc_delays(graph_->g, static_cast<Vertex>(destination), relay_through_ground_), get(boost::vertex_index, graph_->g),
      std::less<double>(), boost::closed_plus<double>(inf), inf, 0.0, boost::default_dijkstra_visitor());
}

// The loop of search_from's Boost Dijkstra, on the same 4-ary heap in the same order (so the same
// distances, ties included), but stopping when `source` is settled instead of throwing from a visitor,
// and with the heap's vertex positions kept across searches instead of allocated and cleared for every
// vertex each time: a vertex's position is read only while it is in the heap, after the search put it there.
void Router::settle_until(int destination, int source) {
  const double inf = std::numeric_limits<double>::infinity();
  const SearchValues<double> distance(&graph_->distance, ++graph_->search, inf);
  const BoostGraph& g = graph_->g;
  const auto start = static_cast<Vertex>(destination), stop = static_cast<Vertex>(source);
  const auto delay = arc_delays(g, start, relay_through_ground_);
  const boost::closed_plus<double> plus(inf);
  boost::d_ary_heap_indirect<Vertex, 4, size_t*, SearchValues<double>, std::less<double>> heap(distance, graph_->heap_position.data());
  put(distance, start, 0.0);
  heap.push(start);
  while (!heap.empty()) {
    const Vertex u = heap.top();
    heap.pop();
    const double u_distance = get(distance, u);
    if (u == stop || !(u_distance < inf)) return;
    for (const auto& e : boost::make_iterator_range(boost::out_edges(u, g))) {
      const Vertex v = boost::target(e, g);
      const double v_distance = get(distance, v), through_u = plus(u_distance, get(delay, e));
      if (!(through_u < v_distance)) continue;
      put(distance, v, through_u);
      if (v_distance < inf)
        heap.update(v);
      else
        heap.push(v);
    }
  }
}

void Router::search_toward(int destination, int source) {
  const auto& position = snapshot_.position_ecef_m;
  const StraightLineBound bound{{}, &position, position[static_cast<size_t>(source)], bound_s_per_m_};
  const double inf = std::numeric_limits<double>::infinity();
  const unsigned search = ++graph_->search;
  const SearchValues<double> distance(&graph_->distance, search, inf), estimate(&graph_->estimate, search, inf);
  const SearchValues<boost::default_color_type> colour(&graph_->colour, search, boost::white_color);
  const auto start = static_cast<Vertex>(destination);
  put(distance, start, 0.0);
  put(estimate, start, bound(start));
  try {
    boost::astar_search_no_init(graph_->g, start, bound, StopAt<boost::default_astar_visitor>{{}, static_cast<Vertex>(source)},
                                boost::dummy_property_map(), estimate, distance,
                                arc_delays(graph_->g, start, relay_through_ground_), colour, get(boost::vertex_index, graph_->g),
                                std::less<double>(), boost::closed_plus<double>(inf), inf, 0.0);
  } catch (const SourceSettled&) {
  }
}

// Deterministic next hops: among neighbours on a shortest path, the lowest node id. Their distances are
// final even after an early stop: they are nearer the destination than `v`, itself settled.
std::pair<int, int> Router::next_hop(int v, int destination) const {
  const auto& g = graph_->g;
  const double v_distance = graph_->distance_to(static_cast<size_t>(v));
  int best = -1, link = -1;
  for (const auto& e : boost::make_iterator_range(boost::out_edges(static_cast<Vertex>(v), g))) {
    const int u = static_cast<int>(boost::target(e, g));
    if (!relay_through_ground_ && snapshot_.is_station(u) && u != destination) continue;
    if (graph_->distance_to(static_cast<size_t>(u)) + g[e].delay_s != v_distance) continue;
    if (best == -1 || u < best) best = u, link = g[e].link;
  }
  return {best, link};
}

const RoutingTree& Router::tree_to(int destination) {
  if (const auto it = trees_.find(destination); it != trees_.end()) return it->second;
  search_from(destination);
  const double inf = std::numeric_limits<double>::infinity();
  RoutingTree t;
  t.destination = destination;
  const size_t n = static_cast<size_t>(snapshot_.nodes());
  t.delay_s.resize(n);
  for (size_t v = 0; v < n; ++v) t.delay_s[v] = graph_->distance_to(v);
  t.next_hop.assign(n, -1);
  t.next_link.assign(n, -1);
  for (size_t v = 0; v < n; ++v) {
    if (static_cast<int>(v) == destination || t.delay_s[v] == inf || !snapshot_.node_up[v]) continue;
    std::tie(t.next_hop[v], t.next_link[v]) = next_hop(static_cast<int>(v), destination);
  }
  return trees_.emplace(destination, std::move(t)).first->second;
}

const Path& Router::path(int source, int destination) {
  if (const auto it = paths_.find({source, destination}); it != paths_.end()) return it->second;
  return paths_.emplace(std::pair{source, destination}, find_path(source, destination)).first->second;
}

Path Router::find_path(int source, int destination) {
  Path p;
  if (source == destination) {
    p.nodes = {source};
    return p;
  }
  auto walk = [&](auto&& hop) {
    double fibre_slowdown_m = 0.0;  // what fibre legs add to the distance light would cover in vacuum
    for (int v = source; v != destination;) {
      const auto [next, link] = hop(v);
      if (next < 0) return Path{};
      p.nodes.push_back(v);
      p.links.push_back(link);
      const TopologyLink& l = snapshot_.links[static_cast<size_t>(link)];
      p.distance_m += l.length_m;
      if (l.kind == LinkKind::kFibre) fibre_slowdown_m += l.length_m * (kFibreRefractiveIndex - 1.0);
      v = next;
    }
    p.nodes.push_back(destination);
    p.delay_s = (p.distance_m + fibre_slowdown_m) / kSpeedOfLight_mps;
    return p;
  };
  if (const auto it = trees_.find(destination); it != trees_.end()) {
    const RoutingTree& t = it->second;
    return walk([&](int v) { return std::pair{t.next_hop[static_cast<size_t>(v)], t.next_link[static_cast<size_t>(v)]}; });
  }
  // An end without a link (down, or out of every laser's and station's reach) has no path; a search would
  // settle the whole of the other end's component to find that out (a ring member that just failed).
  const BoostGraph& g = graph_->g;
  if (boost::out_degree(static_cast<Vertex>(source), g) == 0 || boost::out_degree(static_cast<Vertex>(destination), g) == 0)
    return Path{};
  // Toward a distant source, A* guided by the straight line settles far fewer nodes than Dijkstra; a near
  // one (a station's satellites, a ring's neighbours) is settled after a few nodes either way, and A*'s
  // wider initialisation and bound would cost more than they save.
  constexpr double kAStarBeyond_m = 2000e3;
  const auto& position = snapshot_.position_ecef_m;
  if (distance(position[static_cast<size_t>(source)], position[static_cast<size_t>(destination)]) > kAStarBeyond_m)
    search_toward(destination, source);
  else
    settle_until(destination, source);
  const bool up = snapshot_.node_up[static_cast<size_t>(source)] &&
                  graph_->distance_to(static_cast<size_t>(source)) != std::numeric_limits<double>::infinity();
  return up ? walk([&](int v) { return next_hop(v, destination); }) : Path{};
}

}  // namespace orbitsim
