#include "topology/router.hpp"

#include <boost/graph/detail/d_ary_heap.hpp>
#include <boost/graph/relax.hpp>
#include <boost/property_map/property_map.hpp>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <numeric>
#include <span>
#include <tuple>

#include "core/constants.hpp"

namespace orbitsim {
namespace {

using Vertex = std::uint32_t;

// One direction of link `link`: toward `to`, from the end whose arcs it is stored among.
struct Arc {
  Vertex to = 0;
  int link = -1;
  double delay_s = 0.0;
  bool from_station = false;  // the arc leaves a ground station
};

enum class Colour : std::uint8_t { kUnseen, kQueued, kSettled };  // of A*'s vertices

// An arc u->v carries traffic v->u (a search grows from the destination), so an arc leaving a ground
// station other than the destination would make that station a relay: without ground relay it weighs
// infinity.
double arc_delay_s(const Arc& arc, bool leaves_destination, bool relay_through_ground) {
  return arc.from_station && !relay_through_ground && !leaves_destination ? std::numeric_limits<double>::infinity()
                                                                          : arc.delay_s;
}

// Per-vertex values of the current search that read as `fresh` until the search first touches them: a
// search starts by moving to the next search number instead of rewriting every vertex, so that one that
// settles a few nodes (a station's satellites, a ring's neighbours) costs those nodes, not the graph.
// Boost's heap reads it as an ordinary property map.
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

// The snapshot's links as arcs from each end, grouped by that end (compressed sparse rows; within an end,
// in link order), built once per epoch and only read afterwards.
struct Router::Graph {
  std::vector<std::uint32_t> first_arc;  // of each vertex, and the arcs' count last
  std::vector<Arc> arcs;
  unsigned search = 0;  // numbers the searches on this snapshot, from 1
  SearchValues<double>::Store distance, estimate;  // A*'s estimate: distance plus the straight-line bound
  SearchValues<Colour>::Store colour;
  std::vector<size_t> heap_position;  // of each vertex in a search's heap, while it is there
  std::span<const Arc> out(Vertex v) const { return {arcs.data() + first_arc[v], arcs.data() + first_arc[v + 1]}; }
  double distance_to(size_t v) const {
    return distance.touched_by[v] == search ? distance.value[v] : std::numeric_limits<double>::infinity();
  }
};

Router::Router(const TopologySnapshot& snapshot, bool relay_through_ground)
    : snapshot_(snapshot), relay_through_ground_(relay_through_ground), graph_(std::make_unique<Graph>()) {
  const auto nodes = static_cast<size_t>(snapshot.nodes());
  Graph& g = *graph_;
  // A counting sort of the arcs by the end they leave, in one pass over the links: both of a link's arcs
  // placed together, its delay computed once.
  g.first_arc.assign(nodes + 1, 0);
  for (const TopologyLink& l : snapshot.links) ++g.first_arc[static_cast<size_t>(l.a) + 1], ++g.first_arc[static_cast<size_t>(l.b) + 1];
  std::partial_sum(g.first_arc.begin(), g.first_arc.end(), g.first_arc.begin());
  std::vector<std::uint32_t> next(g.first_arc.begin(), g.first_arc.end() - 1);
  g.arcs.resize(2 * snapshot.links.size());
  for (size_t k = 0; k < snapshot.links.size(); ++k) {
    const TopologyLink& l = snapshot.links[k];
    const double delay_s = l.delay_s();
    const auto a = static_cast<Vertex>(l.a), b = static_cast<Vertex>(l.b);
    g.arcs[next[a]++] = {b, static_cast<int>(k), delay_s, snapshot.is_station(l.a)};
    g.arcs[next[b]++] = {a, static_cast<int>(k), delay_s, snapshot.is_station(l.b)};
  }
  g.distance.resize(nodes);
  g.estimate.resize(nodes);
  g.colour.resize(nodes);
  g.heap_position.resize(nodes);
  bound_s_per_m_ = straight_line_bound_s_per_m(snapshot);
}

Router::~Router() = default;

// Dijkstra from the destination on a 4-ary heap (Boost's, as its dijkstra_shortest_paths uses), with the
// heap's vertex positions kept across searches instead of allocated and cleared for every vertex each
// time: a vertex's position is read only while it is in the heap, after the search put it there.
void Router::search_from(int destination) {
  const double inf = std::numeric_limits<double>::infinity();
  const SearchValues<double> distance(&graph_->distance, ++graph_->search, inf);
  const auto start = static_cast<Vertex>(destination);
  const boost::closed_plus<double> plus(inf);
  boost::d_ary_heap_indirect<Vertex, 4, size_t*, SearchValues<double>, std::less<double>> heap(distance, graph_->heap_position.data());
  put(distance, start, 0.0);
  heap.push(start);
  while (!heap.empty()) {
    const Vertex u = heap.top();
    heap.pop();
    const double u_distance = get(distance, u);
    if (!(u_distance < inf)) return;
    for (const Arc& arc : graph_->out(u)) {
      const double v_distance = get(distance, arc.to), through_u = plus(u_distance, arc_delay_s(arc, u == start, relay_through_ground_));
      if (!(through_u < v_distance)) continue;
      put(distance, arc.to, through_u);
      if (v_distance < inf)
        heap.update(arc.to);
      else
        heap.push(arc.to);
    }
  }
}

// A* from the destination toward `source`, guided by the straight line to it (a lower bound on the
// remaining delay, consistent with a margin: see straight_line_bound_s_per_m), on the same heap keyed by
// distance plus bound; a settled vertex reached again by a shorter path is queued again (Boost's A* does
// the same). It stops once `source` is settled.
void Router::search_toward(int destination, int source) {
  const auto& position = snapshot_.position_ecef_m;
  const Vec3 target_m = position[static_cast<size_t>(source)];
  auto bound = [&](Vertex v) { return orbitsim::distance(position[v], target_m) * bound_s_per_m_; };
  const double inf = std::numeric_limits<double>::infinity();
  const unsigned search = ++graph_->search;
  const SearchValues<double> distance(&graph_->distance, search, inf), estimate(&graph_->estimate, search, inf);
  const SearchValues<Colour> colour(&graph_->colour, search, Colour::kUnseen);
  const auto start = static_cast<Vertex>(destination), stop = static_cast<Vertex>(source);
  const boost::closed_plus<double> plus(inf);
  boost::d_ary_heap_indirect<Vertex, 4, size_t*, SearchValues<double>, std::less<double>> heap(estimate, graph_->heap_position.data());
  put(distance, start, 0.0);
  put(estimate, start, bound(start));
  put(colour, start, Colour::kQueued);
  heap.push(start);
  while (!heap.empty()) {
    const Vertex u = heap.top();
    heap.pop();
    if (u == stop) return;
    const double u_distance = get(distance, u);
    for (const Arc& arc : graph_->out(u)) {
      const double through_u = plus(u_distance, arc_delay_s(arc, u == start, relay_through_ground_));
      if (!(through_u < get(distance, arc.to))) continue;
      put(distance, arc.to, through_u);
      put(estimate, arc.to, plus(through_u, bound(arc.to)));
      if (get(colour, arc.to) == Colour::kQueued) {
        heap.update(arc.to);
      } else {
        put(colour, arc.to, Colour::kQueued);
        heap.push(arc.to);
      }
    }
    put(colour, u, Colour::kSettled);
  }
}

// Deterministic next hops: among neighbours on a shortest path, the lowest node id. Their distances are
// final even after an early stop: they are nearer the destination than `v`, itself settled.
std::pair<int, int> Router::next_hop(int v, int destination) const {
  const double v_distance = graph_->distance_to(static_cast<size_t>(v));
  int best = -1, link = -1;
  for (const Arc& arc : graph_->out(static_cast<Vertex>(v))) {
    const auto u = static_cast<int>(arc.to);
    if (!relay_through_ground_ && snapshot_.is_station(u) && u != destination) continue;
    if (graph_->distance_to(arc.to) + arc.delay_s != v_distance) continue;
    if (best == -1 || u < best) best = u, link = arc.link;
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
  const std::uint64_t key = pair_key(source, destination);
  if (const auto it = paths_.find(key); it != paths_.end()) return it->second;
  return paths_.emplace(key, find_path(source, destination)).first->second;
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
  if (graph_->out(static_cast<Vertex>(source)).empty() || graph_->out(static_cast<Vertex>(destination)).empty()) return Path{};
  // A* even toward a near source (a station's satellites, a ring's neighbours): it settles fewer nodes than
  // Dijkstra's disc at every distance (goal 3's first 600 s: 1.31 M instead of 3.74 M for sources within
  // 2,000 km), and its search values are set up only where it goes.
  search_toward(destination, source);
  const bool up = snapshot_.node_up[static_cast<size_t>(source)] &&
                  graph_->distance_to(static_cast<size_t>(source)) != std::numeric_limits<double>::infinity();
  return up ? walk([&](int v) { return next_hop(v, destination); }) : Path{};
}

}  // namespace orbitsim
