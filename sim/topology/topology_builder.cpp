#include "topology/topology_builder.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "core/constants.hpp"
#include "core/input_error.hpp"
#include "orbit/frames.hpp"

namespace orbitsim {
namespace {

// Shortest distance from Earth's centre to the segment AB, minus the (spherical) Earth radius.
double chord_min_altitude_m(const Vec3& a, const Vec3& b, double earth_radius_m) {
  const Vec3 ab = b - a;
  const double t = std::clamp(-a.dot(ab) / ab.dot(ab), 0.0, 1.0);
  return (a + ab * t).norm() - earth_radius_m;
}

// Planes and satellites per plane, for shells that have them (Walker shells, element sets that declare them).
std::optional<std::pair<int, int>> plane_layout(const ShellConfig& shell) {
  if (const auto* w = std::get_if<WalkerShellConfig>(&shell)) return std::pair{w->planes, w->total / w->planes};
  if (const auto* e = std::get_if<ElementSetConfig>(&shell); e && e->planes) return std::pair{*e->planes, *e->sats_per_plane};
  return std::nullopt;
}

}  // namespace

TopologyBuilder::TopologyBuilder(World& world, const PlatformConfig& config)
    : world_(world), network_(config.network), gsl_policy_(make_gsl_selection_policy(config.network.gsl.selection)) {
  const auto& c = world_.constellation;
  for (size_t i = 0; i < c.size(); ++i) names_.push_back(c.info(i).name);
  for (const auto& gs : world_.ground_stations) names_.push_back(gs.name);
  ranged_isl_of_satellite_.assign(c.size(), nullptr);

  // Walk the shells in platform order; satellites of a shell are contiguous ids.
  int first = 0;
  std::set<std::pair<int, int>> seen;
  std::vector<int> ports(c.size(), 0);
  for (const ShellConfig& shell : config.shells) {
    int count = 0;
    while (first + count < static_cast<int>(c.size()) &&
           c.info(static_cast<size_t>(first + count)).shell == std::visit([](const auto& s) { return s.name; }, shell))
      ++count;
    const IslConfig& isl = std::visit([](const auto& s) -> const IslConfig& { return s.isl; }, shell);
    auto add = [&](int a, int b, int pa, int pb, bool inter) {
      if (a == b || !seen.insert({std::min(a, b), std::max(a, b)}).second) return;
      static_isls_.push_back({a, b, pa, pb, inter, &isl});
      ports[static_cast<size_t>(a)] = std::max(ports[static_cast<size_t>(a)], pa + 1);
      ports[static_cast<size_t>(b)] = std::max(ports[static_cast<size_t>(b)], pb + 1);
    };
    if (const auto layout = plane_layout(shell);
        layout && (isl.pattern == IslPattern::kPlusGrid || isl.pattern == IslPattern::kRing)) {
      const auto [planes, per_plane] = *layout;
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
                             fmt::format("satellites of shell {} (0 to {})", c.info(static_cast<size_t>(first)).shell, count - 1),
                             std::to_string(end));
        const int a = first + pair.a, b = first + pair.b;
        const SatelliteInfo &ia = c.info(static_cast<size_t>(a)), &ib = c.info(static_cast<size_t>(b));
        add(a, b, ports[static_cast<size_t>(a)], ports[static_cast<size_t>(b)], ia.plane >= 0 && ia.plane != ib.plane);
      }
    } else if (isl.pattern == IslPattern::kAllWithinRange) {
      for (int i = first; i < first + count; ++i) ranged_isl_of_satellite_[static_cast<size_t>(i)] = &isl;
    }
    first += count;
  }
  max_ports_ = 0;
  for (int p : ports) max_ports_ = std::max(max_ports_, p);
  isl_terminals_ = ports;
  for (size_t i = 0; i < c.size(); ++i)
    if (const IslConfig* isl = ranged_isl_of_satellite_[i]) isl_terminals_[i] = isl->terminals;
  for (size_t i = 0; i < c.size(); ++i)
    if (const IslConfig* isl = ranged_isl_of_satellite_[i])
      max_ports_ = std::max(max_ports_, isl->terminals > 0 ? isl->terminals : static_cast<int>(c.size()) - 1);

  sin_min_elevation_ = std::sin(network_.gsl.min_elevation_deg * kDegToRad);
  for (const auto& gs : world_.ground_stations) {
    const Geodetic& g = gs.site;
    station_up_.push_back({std::cos(g.latitude_rad) * std::cos(g.longitude_rad),
                           std::cos(g.latitude_rad) * std::sin(g.longitude_rad), std::sin(g.latitude_rad)});
  }
}

std::vector<std::pair<int, int>> TopologyBuilder::static_isl_pairs() const {
  std::vector<std::pair<int, int>> out;
  for (const IslCandidate& c : static_isls_) out.emplace_back(c.a, c.b);
  return out;
}

bool TopologyBuilder::has_ranged_isls() const {
  return std::any_of(ranged_isl_of_satellite_.begin(), ranged_isl_of_satellite_.end(),
                     [](const IslConfig* isl) { return isl != nullptr; });
}

int TopologyBuilder::node_named(const std::string& name) const {
  for (size_t i = 0; i < names_.size(); ++i)
    if (names_[i] == name) return static_cast<int>(i);
  return -1;
}

bool TopologyBuilder::isl_geometry_ok(const Vec3& a, const Vec3& b, const IslConfig& isl) const {
  const double length = distance(a, b);
  if (isl.max_range_km && length > *isl.max_range_km * 1000.0) return false;
  return chord_min_altitude_m(a, b, world_.constellation.earth().radius_m) >= network_.grazing_altitude_km * 1000.0;
}

void TopologyBuilder::add_static_isls(TopologySnapshot& s, const std::vector<double>& latitude_rad,
                                      const std::set<std::pair<int, int>>* failed_terminals) const {
  for (const IslCandidate& c : static_isls_) {
    if (!s.node_up[static_cast<size_t>(c.a)] || !s.node_up[static_cast<size_t>(c.b)]) continue;
    if (failed_terminals && (failed_terminals->count({c.a, c.port_a}) || failed_terminals->count({c.b, c.port_b})))
      continue;  // a laser link needs both of its terminals
    if (c.inter_plane) {
      const double cutoff = c.isl->latitude_cutoff_deg * kDegToRad;
      if (std::fabs(latitude_rad[static_cast<size_t>(c.a)]) > cutoff ||
          std::fabs(latitude_rad[static_cast<size_t>(c.b)]) > cutoff)
        continue;
    }
    const Vec3& pa = s.position_ecef_m[static_cast<size_t>(c.a)];
    const Vec3& pb = s.position_ecef_m[static_cast<size_t>(c.b)];
    if (!isl_geometry_ok(pa, pb, *c.isl)) continue;
    const bool swap = c.a > c.b;
    s.links.push_back({swap ? c.b : c.a, swap ? c.a : c.b, LinkKind::kIsl, distance(pa, pb), c.isl->bandwidth_bps,
                       swap ? c.port_b : c.port_a, swap ? c.port_a : c.port_b});
  }
}

void TopologyBuilder::add_ranged_isls(TopologySnapshot& s, const std::set<std::pair<int, int>>* failed_terminals) const {
  // Candidate pairs within range, found through a uniform grid of cells as large as the longest range;
  // then accepted nearest first while both ends have a free terminal.
  std::vector<int> members;
  double cell_m = 0.0;
  const double earth_r = world_.constellation.earth().radius_m;
  for (size_t i = 0; i < ranged_isl_of_satellite_.size(); ++i) {
    const IslConfig* isl = ranged_isl_of_satellite_[i];
    if (!isl || !s.node_up[i]) continue;
    members.push_back(static_cast<int>(i));
    const double r = s.position_ecef_m[i].norm();
    const double grazing_range =
        2.0 * std::sqrt(std::max(0.0, r * r - std::pow(earth_r + network_.grazing_altitude_km * 1000.0, 2)));
    cell_m = std::max(cell_m, isl->max_range_km ? std::min(*isl->max_range_km * 1000.0, grazing_range) : grazing_range);
  }
  if (members.size() < 2 || cell_m <= 0.0) return;
  using Cell = std::tuple<long, long, long>;
  std::map<Cell, std::vector<int>> grid;
  auto cell_of = [&](const Vec3& p) {
    return Cell{static_cast<long>(std::floor(p.x / cell_m)), static_cast<long>(std::floor(p.y / cell_m)),
                static_cast<long>(std::floor(p.z / cell_m))};
  };
  for (int i : members) grid[cell_of(s.position_ecef_m[static_cast<size_t>(i)])].push_back(i);
  struct Pair {
    double length_m;
    int a, b;
    bool operator<(const Pair& o) const { return std::tie(length_m, a, b) < std::tie(o.length_m, o.a, o.b); }
  };
  std::vector<Pair> pairs;
  for (int i : members) {
    const Vec3& pi = s.position_ecef_m[static_cast<size_t>(i)];
    const auto [cx, cy, cz] = cell_of(pi);
    for (long dx = -1; dx <= 1; ++dx)
      for (long dy = -1; dy <= 1; ++dy)
        for (long dz = -1; dz <= 1; ++dz) {
          const auto it = grid.find({cx + dx, cy + dy, cz + dz});
          if (it == grid.end()) continue;
          for (int j : it->second) {
            if (j <= i) continue;
            const Vec3& pj = s.position_ecef_m[static_cast<size_t>(j)];
            const IslConfig& a = *ranged_isl_of_satellite_[static_cast<size_t>(i)];
            const IslConfig& b = *ranged_isl_of_satellite_[static_cast<size_t>(j)];
            if (isl_geometry_ok(pi, pj, a) && isl_geometry_ok(pi, pj, b)) pairs.push_back({distance(pi, pj), i, j});
          }
        }
  }
  std::sort(pairs.begin(), pairs.end());
  // Terminals are taken in index order, skipping failed ones: `next[i]` is satellite i's next free one.
  std::vector<int> next(static_cast<size_t>(s.satellites), 0);
  auto skip_failed = [&](int sat) {
    int& t = next[static_cast<size_t>(sat)];
    while (failed_terminals && failed_terminals->count({sat, t})) ++t;
    return t;
  };
  for (const Pair& p : pairs) {
    const IslConfig& a = *ranged_isl_of_satellite_[static_cast<size_t>(p.a)];
    const IslConfig& b = *ranged_isl_of_satellite_[static_cast<size_t>(p.b)];
    const int ta = skip_failed(p.a), tb = skip_failed(p.b);
    if ((a.terminals > 0 && ta >= a.terminals) || (b.terminals > 0 && tb >= b.terminals)) continue;
    if (ta >= max_ports_ || tb >= max_ports_) continue;  // past the last terminal after skipping failed ones
    s.links.push_back({p.a, p.b, LinkKind::kIsl, p.length_m, std::min(a.bandwidth_bps, b.bandwidth_bps), ta, tb});
    ++next[static_cast<size_t>(p.a)];
    ++next[static_cast<size_t>(p.b)];
  }
}

bool TopologyBuilder::visible(int station, const Vec3& sat, double* range_m, double* elevation_rad) const {
  const Vec3& gs = world_.ground_stations[static_cast<size_t>(station)].ecef_m;
  const Vec3 los = sat - gs;
  const double up = los.dot(station_up_[static_cast<size_t>(station)]);
  if (up <= 0.0) return false;  // below the horizon: most pairs end here, before any square root
  const double range = los.norm();
  const double sin_elevation = up / range;
  const bool ok = network_.gsl.max_range_km ? range <= *network_.gsl.max_range_km * 1000.0
                                            : sin_elevation >= sin_min_elevation_;
  if (ok && range_m) *range_m = range;
  if (ok && elevation_rad) *elevation_rad = std::asin(std::min(1.0, sin_elevation));
  return ok;
}

double TopologyBuilder::remaining_visibility_s(int station, int satellite, double t_s) {
  constexpr double kStep_s = 5.0, kHorizon_s = 3600.0;
  auto& c = world_.constellation;
  for (double dt = kStep_s; dt <= kHorizon_s; dt += kStep_s) {
    bool ok = true;
    const Vec3 eci = c.position_eci_m(static_cast<size_t>(satellite), t_s + dt, &ok);
    if (!ok || !visible(station, eci_to_ecef(eci, c.gmst_rad(t_s + dt)), nullptr, nullptr)) return dt - kStep_s;
  }
  return kHorizon_s;
}

void TopologyBuilder::add_gsls(TopologySnapshot& s, double t_s, const std::vector<bool>* down) {
  for (int g = 0; g < s.stations; ++g) {
    if (down && (*down)[static_cast<size_t>(s.satellites + g)]) continue;
    const int chains = station_chains(g);
    std::vector<GslCandidate> candidates;
    for (int i = 0; i < s.satellites; ++i) {
      if (!s.node_up[static_cast<size_t>(i)]) continue;
      GslCandidate c{i, 0.0, 0.0};
      if (visible(g, s.position_ecef_m[static_cast<size_t>(i)], &c.range_m, &c.elevation_rad)) candidates.push_back(c);
    }
    GslSelectionContext context{chains, [&](int sat) { return remaining_visibility_s(g, sat, t_s); }};
    const auto chosen = gsl_policy_->select(std::move(candidates), context);
    for (size_t k = 0; k < chosen.size(); ++k)
      s.links.push_back({chosen[k].satellite, s.satellites + g, LinkKind::kGsl, chosen[k].range_m,
                         network_.gsl.bandwidth_bps, 0, static_cast<int>(k) % chains});
  }
}

TopologySnapshot TopologyBuilder::build(double t_s, const std::vector<bool>* down,
                                        const std::set<std::pair<int, int>>* failed_terminals) {
  TopologySnapshot s;
  s.t_s = t_s;
  s.satellites = satellites();
  s.stations = static_cast<int>(world_.ground_stations.size());
  world_.constellation.states(t_s, states_);
  std::vector<double> latitude(states_.size());
  s.position_ecef_m.reserve(static_cast<size_t>(s.nodes()));
  for (size_t i = 0; i < states_.size(); ++i) {
    s.position_ecef_m.push_back(states_[i].ecef_m);
    s.node_up.push_back(states_[i].valid && !(down && (*down)[i]));
    latitude[i] = states_[i].geodetic.latitude_rad;
  }
  for (size_t g = 0; g < world_.ground_stations.size(); ++g) {
    s.position_ecef_m.push_back(world_.ground_stations[g].ecef_m);
    s.node_up.push_back(!(down && (*down)[states_.size() + g]));
  }
  add_static_isls(s, latitude, failed_terminals);
  add_ranged_isls(s, failed_terminals);
  add_gsls(s, t_s, down);
  return s;
}

}  // namespace orbitsim
