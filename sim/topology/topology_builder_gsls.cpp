// TopologyBuilder's ground links: which satellites each station sees at an epoch (from its neighbour list,
// kept across epochs), and the ones its selection policy links to.
#include <cmath>

#include "orbit/frames.hpp"
#include "topology/topology_builder.hpp"

namespace orbitsim {

// Inline (only this file asks, for each satellite near each station at every epoch).
inline bool TopologyBuilder::visible(int station, const Vec3& sat, double* range_m, double* sin_elevation_out) const {
  const Vec3 los = sat - station_ecef_m_[static_cast<size_t>(station)];
  const double up = los.dot(station_up_[static_cast<size_t>(station)]);
  const bool range_alone = network_.gsl.max_range_km && !network_.gsl.line_of_sight;
  if (up <= 0.0 && !range_alone) return false;  // below the horizon: most pairs end here, before any square root
  // Clearly below the mask (by a relative 1e-9, far beyond rounding): rejected before the square root and
  // the division, as the exact test below would.
  if (!network_.gsl.max_range_km && up * up < sin2_below_mask_ * los.dot(los)) return false;
  const double range = los.norm();
  const double sin_elevation = up / range;
  const bool ok = network_.gsl.max_range_km ? range <= *network_.gsl.max_range_km * 1000.0
                                            : sin_elevation >= sin_min_elevation_;
  if (ok && range_m) *range_m = range;
  if (ok && sin_elevation_out) *sin_elevation_out = sin_elevation;
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

// Farther than any satellite a station can see: the slant range at the mask (lowered by 1 degree, as the
// station's vertical is the ellipsoid normal, not the radial) from the lowest station to the highest
// satellite, with a margin; or the range rule.
double TopologyBuilder::gsl_search_range_m() const {
  if (network_.gsl.max_range_km) return *network_.gsl.max_range_km * 1000.0;
  const double station_r_min = lowest_station_r_m_;
  const double r_max = std::sqrt(std::max(0.0, highest_r2_m2_));  // the largest norm: a square root is monotonic, rounding included
  const double e = std::max(0.0, network_.gsl.min_elevation_deg - 1.0) * kDegToRad;
  const double rho = std::sqrt(std::max(0.0, r_max * r_max - std::pow(station_r_min * std::cos(e), 2))) -
                     station_r_min * std::sin(e);
  return 1.1 * rho + 50e3;
}

void TopologyBuilder::add_gsls(TopologySnapshot& s, double t_s, const std::vector<bool>* down) {
  if (station_neighbours_.update(std::span(s.position_ecef_m).first(static_cast<size_t>(s.satellites)), station_ecef_m_,
                                 gsl_search_range_m(), [this](double lead_s) { return positions_after_epoch(lead_s); }))
    ++neighbour_lists_built_;
  // Every station's visible satellites (in parallel: geometry only), then each station's choice in
  // station order (a policy may propagate orbits, which is not shared among threads).
  visible_from_.resize(static_cast<size_t>(s.stations));
  for_chunks(workers_, visible_from_.size(), [&](int, size_t first, size_t end) {
    for (size_t g = first; g < end; ++g) {
      visible_from_[g].clear();
      if (down && (*down)[static_cast<size_t>(s.satellites) + g]) continue;
      for (int i : station_neighbours_.of(g)) {  // in satellite order, as policies break ties by it
        GslCandidate c{i, 0.0, 0.0};
        if (up_[static_cast<size_t>(i)] && !earth_fixed(i) &&
            visible(static_cast<int>(g), s.position_ecef_m[static_cast<size_t>(i)], &c.range_m, &c.sin_elevation))
          visible_from_[g].push_back(c);
      }
    }
  });
  for (int g = 0; g < s.stations; ++g) {
    if (down && (*down)[static_cast<size_t>(s.satellites + g)]) continue;
    const int chains = station_chains(g);
    GslSelectionContext context{chains, [&](int sat) { return remaining_visibility_s(g, sat, t_s); }};
    const auto chosen = gsl_policy_->select(visible_from_[static_cast<size_t>(g)], context);
    for (size_t k = 0; k < chosen.size(); ++k)
      s.links.push_back({chosen[k].satellite, s.satellites + g, LinkKind::kGsl, chosen[k].range_m,
                         network_.gsl.bandwidth_bps, 0, static_cast<int>(k) % chains});
  }
}

}  // namespace orbitsim
