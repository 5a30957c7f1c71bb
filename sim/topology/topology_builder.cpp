#include "topology/topology_builder.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <tuple>

#include <fmt/format.h>

#include "core/constants.hpp"
#include "core/input_error.hpp"
#include "orbit/frames.hpp"
#include "topology/chord_clearance.hpp"
#include "topology/datacenter_links.hpp"
#include "topology/nearby_pairs.hpp"

namespace orbitsim {

// How far beyond the search range a station's satellite list reaches: Starlink-like satellites move
// ~7.6 km/s over the ground, so a list lasts ~25 one-second epochs for 30 % more satellites to test.
constexpr double kStationListMargin_m = 200e3;
// The same for the pairs within 500 km (the first two rings) of range-chosen ISLs: two satellites may close
// in at twice that speed, so the list lasts 10-20 epochs. Measured on Gen1 (lane_instructions.sh, with the
// rings reading each satellite's partners only as far as they can reach): 150 km, 10.51 M instructions per
// epoch; 200 km, 10.44 M; 250 km, 10.48 M.
constexpr double kPairListMargin_m = 200e3;

TopologyBuilder::TopologyBuilder(World& world, const NetworkConfig& network, std::vector<ShellLinks> shell_links)
    : world_(world), network_(network), shell_links_(std::move(shell_links)), station_neighbours_(kStationListMargin_m),
      ranged_pairs_(kPairListMargin_m), inter_shell_pairs_(kPairListMargin_m),
      gsl_policy_(make_gsl_selection_policy(network.gsl.selection)) {
  const auto& c = world_.constellation;
  if (shell_links_.size() != c.shells().size())
    throw std::invalid_argument(fmt::format("TopologyBuilder: {} link settings for {} shells", shell_links_.size(),
                                            c.shells().size()));
  // Epochs closer together than SGP4's knots: each knot serves several epochs (a third of an epoch's time).
  if (network.topology_epoch_s < Sgp4Knots::kStep_s) world_.constellation.interpolate_element_sets();
  for (size_t i = 0; i < c.size(); ++i) names_.push_back(c.info(i).name);
  for (const auto& gs : world_.ground_stations) names_.push_back(gs.name);
  node_index_ = NameIndex(names_);
  ranged_isl_of_satellite_.assign(c.size(), nullptr);

  std::set<std::pair<int, int>> seen;
  std::vector<int> ports(c.size(), 0);
  shell_of_.assign(c.size(), 0);
  for (size_t shell_index = 0; shell_index < c.shells().size(); ++shell_index) {
    const auto& [shell_name, first, count, planes, per_plane, earth_fixed] = c.shells()[shell_index];
    const IslConfig& isl = shell_links_[shell_index].isl;
    if (earth_fixed != shell_links_[shell_index].fibre.has_value())
      throw std::invalid_argument("TopologyBuilder: fibre settings for exactly the data centres (shell " + shell_name + ")");
    earth_fixed_.resize(c.size(), 0);
    if (earth_fixed)
      for (int i = first; i < first + count; ++i) fibre_servers_.push_back(i), earth_fixed_[static_cast<size_t>(i)] = 1;
    auto add = [&](int a, int b, int pa, int pb, bool inter) {
      if (a == b || !seen.insert({std::min(a, b), std::max(a, b)}).second) return;
      static_isls_.push_back({a, b, pa, pb, inter, &isl, latitude_cutoff(isl.latitude_cutoff_deg)});
      ports[static_cast<size_t>(a)] = std::max(ports[static_cast<size_t>(a)], pa + 1);
      ports[static_cast<size_t>(b)] = std::max(ports[static_cast<size_t>(b)], pb + 1);
    };
    if (planes > 0 && (isl.pattern == IslPattern::kPlusGrid || isl.pattern == IslPattern::kRing)) {
      auto id = [&](int p, int s) { return first + p * per_plane + ((s % per_plane) + per_plane) % per_plane; };
      for (int p = 0; p < planes; ++p)
        for (int s = 0; s < per_plane; ++s) {
          add(id(p, s), id(p, s + 1), 0, 1, false);  // port 0: ahead in the plane, port 1: behind
          const bool seam = p + 1 == planes;
          if (isl.pattern == IslPattern::kPlusGrid && (!seam || isl.cross_seam) && planes > 1)
            add(id(p, s), id((p + 1) % planes, s + isl.inter_plane_shift), 2, 3, true);  // 2: east, 3: west
        }
    } else if (isl.pattern == IslPattern::kFile) {
      // Terminals in the order the file names the satellite's links.
      for (const IslPair& pair : isl.pairs) {
        for (int end : {pair.a, pair.b})
          if (end >= count)
            throw InputError({isl.pairs_path, pair.line}, "pair",
                             fmt::format("satellites of shell {} (0 to {})", shell_name, count - 1),
                             std::to_string(end));
        const int a = first + pair.a, b = first + pair.b;
        const SatelliteInfo &ia = c.info(static_cast<size_t>(a)), &ib = c.info(static_cast<size_t>(b));
        add(a, b, ports[static_cast<size_t>(a)], ports[static_cast<size_t>(b)], ia.plane >= 0 && ia.plane != ib.plane);
      }
    } else if (isl.pattern == IslPattern::kAllWithinRange) {
      for (int i = first; i < first + count; ++i) ranged_isl_of_satellite_[static_cast<size_t>(i)] = &isl;
    }
    for (int i = first; i < first + count; ++i) shell_of_[static_cast<size_t>(i)] = static_cast<int>(shell_index);
  }
  for (size_t i = 0; i < c.size(); ++i) {
    if (ranged_isl_of_satellite_[i]) ranged_satellites_.push_back(static_cast<int>(i));
    if (!c.earth_fixed(i)) orbiting_satellites_.push_back(static_cast<int>(i));
  }
  // Terminals a satellite uses within its shell; an unlimited formation may link to every other satellite.
  isl_terminals_ = ports;
  for (size_t i = 0; i < c.size(); ++i)
    if (const IslConfig* isl = ranged_isl_of_satellite_[i]) ports[i] = isl_terminals_[i] = isl->terminals > 0 ? isl->terminals : static_cast<int>(c.size()) - 1;
  inter_shell_first_port_ = ports;
  const int inter_shell = network_.inter_shell_isl.pattern == InterShellIslPattern::kNone ? 0 : network_.inter_shell_isl.terminals;
  inter_shell_terminals_.assign(c.size(), inter_shell);
  ranged_terminals_.assign(c.size(), 0);
  for (size_t i = 0; i < c.size(); ++i)
    if (const IslConfig* isl = ranged_isl_of_satellite_[i]) ranged_terminals_[i] = isl->terminals;
  max_ports_ = 0;
  for (size_t i = 0; i < c.size(); ++i) {
    if (c.earth_fixed(i)) continue;  // a data centre's server has no laser terminal
    max_ports_ = std::max(max_ports_, ports[i] + inter_shell);
    const IslConfig* ranged = ranged_isl_of_satellite_[i];
    if (ranged && ranged->terminals == 0) isl_terminals_[i] = 0;  // unlimited: every port may fail
    else isl_terminals_[i] += inter_shell;
  }

  sin_min_elevation_ = std::sin(network_.gsl.min_elevation_deg * kDegToRad);
  sin2_below_mask_ = sin_min_elevation_ > 0.0 ? sin_min_elevation_ * sin_min_elevation_ * (1.0 - 1e-9) : 0.0;
  for (const auto& gs : world_.ground_stations) {
    const Geodetic& g = gs.site;
    station_up_.push_back({std::cos(g.latitude_rad) * std::cos(g.longitude_rad),
                           std::cos(g.latitude_rad) * std::sin(g.longitude_rad), std::sin(g.latitude_rad)});
    station_ecef_m_.push_back(gs.ecef_m);
    lowest_station_r_m_ = std::min(lowest_station_r_m_, gs.ecef_m.norm());
  }
  DatacenterLinks datacenters = datacenter_links(world_.constellation, shell_links_, station_ecef_m_);
  fibre_links_ = std::move(datacenters.fibre);
  fabric_links_ = std::move(datacenters.fabric);
}

void TopologyBuilder::share_neighbour_lists(SharedNeighbourLists* shared) {
  station_neighbours_.share(&shared->stations);
  ranged_pairs_.share(&shared->ranged_pairs);
  inter_shell_pairs_.share(&shared->inter_shell_pairs);
}

std::vector<std::pair<int, int>> TopologyBuilder::static_isl_pairs() const {
  std::vector<std::pair<int, int>> out;
  for (const IslCandidate& c : static_isls_) out.emplace_back(c.a, c.b);
  return out;
}

bool TopologyBuilder::has_ranged_isls() const {
  return network_.inter_shell_isl.pattern != InterShellIslPattern::kNone ||
         std::any_of(ranged_isl_of_satellite_.begin(), ranged_isl_of_satellite_.end(),
                     [](const IslConfig* isl) { return isl != nullptr; });
}

// Inline (only this file asks, for every laser link at every epoch).
inline bool TopologyBuilder::isl_geometry_ok(const Vec3& a, const Vec3& b, double length_m, const IslConfig& isl) const {
  if (isl.max_range_km && length_m > *isl.max_range_km * 1000.0) return false;
  return chord_clears(a, b, length_m, world_.constellation.earth().radius_m, network_.grazing_altitude_km * 1000.0);
}

// Above the ellipsoid the geodetic latitude is at least the geocentric one, and exceeds it by less than
// asin(e^2 / (2 - e^2)) (0.19 deg on WGS-84): the geocentric sine z/|r| settles all but a thin band, where
// the exact conversion decides, as it did for every satellite before.
TopologyBuilder::LatitudeCutoff TopologyBuilder::latitude_cutoff(double cutoff_deg) const {
  const EarthModel& earth = world_.constellation.earth();
  const double e2 = earth.flattening * (2.0 - earth.flattening);
  const double band_rad = std::asin(e2 / (2.0 - e2)) + 1e-4;  // 1e-4 rad: far above rounding
  const double cutoff_rad = cutoff_deg * kDegToRad;
  return {cutoff_rad, std::sin(cutoff_rad), std::sin(cutoff_rad - band_rad), cutoff_rad < kPi / 2.0};
}

bool TopologyBuilder::beyond_latitude(const Vec3& ecef_m, const LatitudeCutoff& cutoff) const {
  const double sin_geocentric = std::fabs(ecef_m.z) / ecef_m.norm();
  if (sin_geocentric > cutoff.sin_cutoff) return true;
  if (sin_geocentric < cutoff.sin_below_band) return false;
  return std::fabs(ecef_to_geodetic(ecef_m, world_.constellation.earth()).latitude_rad) > cutoff.cutoff_rad;
}

void TopologyBuilder::add_static_isls(TopologySnapshot& s, const std::set<std::pair<int, int>>* failed_terminals) const {
  // The first chunk's links go straight into the snapshot, the others' after them, in chunk order.
  std::vector<std::vector<TopologyLink>> found(static_cast<size_t>(chunks_for(workers_, static_isls_.size())));
  for_chunks(workers_, static_isls_.size(), [&](int chunk, size_t first, size_t end) {
    std::vector<TopologyLink>& links = chunk == 0 ? s.links : found[static_cast<size_t>(chunk)];
    links.reserve(links.size() + end - first);
    for (size_t k = first; k < end; ++k) {
      const IslCandidate& c = static_isls_[k];
      if (!up_[static_cast<size_t>(c.a)] || !up_[static_cast<size_t>(c.b)]) continue;
      if (failed_terminals && (failed_terminals->count({c.a, c.port_a}) || failed_terminals->count({c.b, c.port_b})))
        continue;  // a laser link needs both of its terminals
      const Vec3& pa = s.position_ecef_m[static_cast<size_t>(c.a)];
      const Vec3& pb = s.position_ecef_m[static_cast<size_t>(c.b)];
      if (c.inter_plane && c.cutoff.applies && (beyond_latitude(pa, c.cutoff) || beyond_latitude(pb, c.cutoff))) continue;
      const double length_m = distance(pa, pb);
      if (!isl_geometry_ok(pa, pb, length_m, *c.isl)) continue;
      const bool swap = c.a > c.b;
      links.push_back({swap ? c.b : c.a, swap ? c.a : c.b, LinkKind::kIsl, length_m, c.isl->bandwidth_bps,
                       swap ? c.port_b : c.port_a, swap ? c.port_a : c.port_b});
    }
  });
  for (size_t chunk = 1; chunk < found.size(); ++chunk) s.links.insert(s.links.end(), found[chunk].begin(), found[chunk].end());
}

// Accepts `pairs` (nearest first) while both ends have a free terminal among their `budget` ones,
// numbered from `first_port`; failed terminals are skipped. `next[i]` counts satellite i's taken terminals.
void TopologyBuilder::accept_nearest_first(TopologySnapshot& s, const std::vector<NearbyPair>& pairs,
                                           const TerminalRule& rule, std::vector<int>& next,
                                           const std::set<std::pair<int, int>>* failed_terminals) const {
  auto free_terminal = [&](int sat) {
    int& t = next[static_cast<size_t>(sat)];
    while (failed_terminals && failed_terminals->count({sat, rule.first_port_of(sat) + t})) ++t;
    return t;
  };
  for (const NearbyPair& p : pairs) {
    const int ta = free_terminal(p.a), tb = free_terminal(p.b);
    const int budget_a = rule.budget_of(p.a), budget_b = rule.budget_of(p.b);
    if ((budget_a > 0 && ta >= budget_a) || (budget_b > 0 && tb >= budget_b)) continue;
    const int port_a = rule.first_port_of(p.a) + ta, port_b = rule.first_port_of(p.b) + tb;
    if (port_a >= max_ports_ || port_b >= max_ports_) continue;  // past the last terminal after skipping failed ones
    s.links.push_back({p.a, p.b, LinkKind::kIsl, p.length_m, rule.bandwidth_bps(p.a, p.b), port_a, port_b});
    ++next[static_cast<size_t>(p.a)];
    ++next[static_cast<size_t>(p.b)];
  }
}

// Whether every chord no longer than `length_m` between two satellites up clears the grazing altitude, by
// chord_clears's own bound at the lowest of them (so that chord_clears would say so of each).
bool TopologyBuilder::chords_clear_within(double length_m) const {
  return chord_bound_clears(lowest_r2_m2_, length_m, world_.constellation.earth().radius_m, network_.grazing_altitude_km * 1000.0);
}

// The longest chord between two satellites at these radii that stays above the grazing altitude.
double TopologyBuilder::grazing_range_m(double r_m) const {
  const double floor_m = world_.constellation.earth().radius_m + network_.grazing_altitude_km * 1000.0;
  return 2.0 * std::sqrt(std::max(0.0, r_m * r_m - floor_m * floor_m));
}

// Candidates are searched in rings of doubling radius among the satellites that still have a free
// terminal: accepting every pair shorter than r before any longer one is the same greedy choice as one
// global sort, and most satellites find their links within the first few hundred kilometres, so the far
// rings hold few satellites. The first two rings' candidates (up to 500 km, where four fifths of Gen1's
// inter-shell links are found) come from `kept`, the pairs within that range kept across epochs; the rings
// beyond, from a grid of the satellites left.
// `candidates`: the satellites that may take part (in increasing order), those up at this epoch do; with
// groups, the search stops when the satellites left with a free terminal are all of one group.
void TopologyBuilder::accept_in_rings(TopologySnapshot& s, const std::vector<int>& candidates, MemberGroups group_of,
                                      double max_m, const LinkGeometry& geometry, const TerminalRule& rule,
                                      PairNeighbours& kept, const std::set<std::pair<int, int>>* failed_terminals) {
  constexpr double kFirstRadius_m = 250e3;
  std::vector<int> next(static_cast<size_t>(s.satellites), 0);
  std::vector<int> members;
  std::copy_if(candidates.begin(), candidates.end(), std::back_inserter(members),
               [&](int i) { return up_[static_cast<size_t>(i)]; });
  auto one_group = [&] {
    return !group_of.empty() && std::all_of(members.begin(), members.end(), [&](int i) {
      return group_of[static_cast<size_t>(i)] == group_of[static_cast<size_t>(members.front())];
    });
  };
  const double kept_m = std::min(2 * kFirstRadius_m, max_m);  // the rings `kept` serves
  const std::function<bool(int, int, double)> accept_every_pair;
  double inner_m = -1.0;  // the first ring includes coincident satellites
  for (double outer_m = std::min(kFirstRadius_m, max_m); inner_m < max_m; inner_m = outer_m, outer_m = std::min(2 * outer_m, max_m)) {
    std::erase_if(members, [&](int i) {
      const int budget = rule.budget_of(i);  // 0: unlimited
      return budget != 0 && next[static_cast<size_t>(i)] >= budget;
    });
    if (members.size() < 2 || one_group()) return;
    // A ring whose every pair passes the geometry is not asked it; its coincident pairs, which it refuses,
    // are left out by the ring's inner edge instead.
    const bool ask = !geometry.holds_within(outer_m);
    const std::function<bool(int, int, double)>& geometry_ok = ask ? geometry.ok : accept_every_pair;
    const double beyond_m = ask ? inner_m : std::max(inner_m, 0.0);
    if (outer_m <= kept_m) {  // the busiest rings
      if (inner_m < 0.0 && kept.update(std::span(s.position_ecef_m).first(static_cast<size_t>(s.satellites)), kept_m, candidates,
                                       group_of, workers_, [this](double lead_s) { return positions_after_epoch(lead_s); }))
        ++neighbour_lists_built_;
      std::vector<char> is_member(static_cast<size_t>(s.satellites), 0);
      for (int i : members) is_member[static_cast<size_t>(i)] = 1;
      accept_nearest_first(s,
                           nearby_pairs(s.position_ecef_m, kept.pairs(), kept.drift_m(), members, is_member, beyond_m, outer_m,
                                        geometry_ok, workers_),
                           rule, next, failed_terminals);
    } else {
      accept_nearest_first(s, nearby_pairs(s.position_ecef_m, members, group_of, beyond_m, outer_m, geometry_ok, workers_), rule,
                           next, failed_terminals);
    }
  }
}

void TopologyBuilder::add_ranged_isls(TopologySnapshot& s, const std::set<std::pair<int, int>>* failed_terminals) {
  double range_m = 0.0;
  double shortest_limit_m = std::numeric_limits<double>::infinity();  // of the terminals' ranges
  for (int i : ranged_satellites_)
    if (up_[static_cast<size_t>(i)]) {
      const IslConfig* isl = ranged_isl_of_satellite_[static_cast<size_t>(i)];
      const double grazing = grazing_range_m(s.position_ecef_m[static_cast<size_t>(i)].norm());
      range_m = std::max(range_m, isl->max_range_km ? std::min(*isl->max_range_km * 1000.0, grazing) : grazing);
      if (isl->max_range_km) shortest_limit_m = std::min(shortest_limit_m, *isl->max_range_km * 1000.0);
    }
  auto isl_of = [&](int sat) -> const IslConfig& { return *ranged_isl_of_satellite_[static_cast<size_t>(sat)]; };
  const TerminalRule rule{{}, ranged_terminals_,
                          [&](int a, int b) { return std::min(isl_of(a).bandwidth_bps, isl_of(b).bandwidth_bps); }};
  const LinkGeometry geometry{
      [&](int i, int j, double length_m) {
        const Vec3 &pi = s.position_ecef_m[static_cast<size_t>(i)], &pj = s.position_ecef_m[static_cast<size_t>(j)];
        return isl_geometry_ok(pi, pj, length_m, isl_of(i)) && isl_geometry_ok(pi, pj, length_m, isl_of(j));
      },
      [&](double m) { return m <= shortest_limit_m && chords_clear_within(m); }};
  accept_in_rings(s, ranged_satellites_, {}, range_m, geometry, rule, ranged_pairs_, failed_terminals);
}

void TopologyBuilder::add_inter_shell_isls(TopologySnapshot& s, const std::set<std::pair<int, int>>* failed_terminals) {
  const InterShellIslConfig& inter = network_.inter_shell_isl;
  if (inter.pattern == InterShellIslPattern::kNone) return;
  // The grazing range grows with the radius (as a square root does, rounding included): that of the highest
  // satellite up is the largest.
  double max_m = highest_r2_m2_ < 0.0 ? 0.0 : grazing_range_m(std::sqrt(highest_r2_m2_));
  if (inter.max_range_km) max_m = std::min(max_m, *inter.max_range_km * 1000.0);
  const TerminalRule rule{inter_shell_first_port_, inter_shell_terminals_, [&](int, int) { return inter.bandwidth_bps; }};
  const LinkGeometry geometry{
      [&](int i, int j, double length_m) {
        return chord_clears(s.position_ecef_m[static_cast<size_t>(i)], s.position_ecef_m[static_cast<size_t>(j)], length_m,
                            world_.constellation.earth().radius_m, network_.grazing_altitude_km * 1000.0);
      },
      [&](double m) { return chords_clear_within(m); }};
  accept_in_rings(s, orbiting_satellites_, shell_of_, max_m, geometry, rule, inter_shell_pairs_, failed_terminals);
}

TopologySnapshot TopologyBuilder::build(double t_s, const std::vector<bool>* down,
                                        const std::set<std::pair<int, int>>* failed_terminals) {
  if (failed_terminals && failed_terminals->empty()) failed_terminals = nullptr;  // the link loops test the pointer alone
  TopologySnapshot s;
  s.isl_gsl_lengths_are_chords = true;
  s.links.reserve(links_last_built_ + links_last_built_ / 8);  // an epoch's links are about the last one's
  s.t_s = epoch_t_s_ = t_s;
  s.satellites = satellites();
  s.stations = static_cast<int>(world_.ground_stations.size());
  const auto satellites = static_cast<size_t>(s.satellites);
  s.position_ecef_m.resize(satellites);
  propagated_.resize(satellites);
  world_.constellation.positions_ecef_m(t_s, s.position_ecef_m, propagated_, workers_);
  s.position_ecef_m.insert(s.position_ecef_m.end(), station_ecef_m_.begin(), station_ecef_m_.end());
  s.node_up.resize(static_cast<size_t>(s.nodes()));
  up_.resize(s.node_up.size());
  for (size_t i = 0; i < s.node_up.size(); ++i) {
    up_[i] = (i >= satellites || propagated_[i]) && !(down && (*down)[i]);
    s.node_up[i] = up_[i] != 0;
  }
  highest_r2_m2_ = -1.0;
  lowest_r2_m2_ = std::numeric_limits<double>::infinity();
  for (int i : orbiting_satellites_)
    if (up_[static_cast<size_t>(i)]) {
      const Vec3& p = s.position_ecef_m[static_cast<size_t>(i)];
      highest_r2_m2_ = std::max(highest_r2_m2_, p.dot(p));
      lowest_r2_m2_ = std::min(lowest_r2_m2_, p.dot(p));
    }
  add_static_isls(s, failed_terminals);
  add_ranged_isls(s, failed_terminals);
  add_inter_shell_isls(s, failed_terminals);
  add_gsls(s, t_s, down);
  add_terrestrial(s);
  links_last_built_ = s.links.size();
  return s;
}

std::vector<Vec3> TopologyBuilder::positions_after_epoch(double lead_s) {
  std::vector<Vec3> position_m(world_.constellation.size());
  std::vector<char> propagated(position_m.size());
  world_.constellation.positions_ecef_m(epoch_t_s_ + lead_s, position_m, propagated, workers_);
  return position_m;
}

void TopologyBuilder::add_terrestrial(TopologySnapshot& s) const {
  for (const auto* links : {&fibre_links_, &fabric_links_})
    for (const TopologyLink& l : *links)
      if (s.node_up[static_cast<size_t>(l.a)] && s.node_up[static_cast<size_t>(l.b)]) s.links.push_back(l);
}

}  // namespace orbitsim
