// TopologyBuilder's ground links: which satellites each station sees at an epoch (from its neighbour list,
// kept across epochs), and the ones its selection policy links to.
#include <cmath>

#include "orbit/frames.hpp"
#include "topology/topology_builder.hpp"

namespace orbitsim {

// False only when visible() is, without its square root and division: below the horizon, or clearly below
// the mask (by a relative 1e-9, far beyond rounding). Most satellites near a station end here. `los`: from
// the station to the satellite; `up`: its component along the station's vertical.
inline bool TopologyBuilder::may_be_visible(const Vec3& los, double up) const {
  const bool range_alone = network_.gsl.max_range_km && !network_.gsl.line_of_sight;
  const bool above_horizon = !(up <= 0.0) | range_alone;
  const bool not_below_mask = network_.gsl.max_range_km.has_value() | !(up * up < sin2_below_mask_ * los.dot(los));
  return above_horizon & not_below_mask;  // no branch: which satellites pass is unpredictable
}

// Inline (only this file asks, for each satellite near each station at every epoch).
inline bool TopologyBuilder::visible(int station, const Vec3& sat, double* range_m, double* sin_elevation_out) const {
  const Vec3 los = sat - station_ecef_m_[static_cast<size_t>(station)];
  const double up = los.dot(station_up_[static_cast<size_t>(station)]);
  if (!may_be_visible(los, up)) return false;
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

// Farther than any satellite a station can see: the slant range at the mask from the lowest station to the
// highest satellite, sqrt(r^2 - rs^2 cos^2 e) - rs sin e, which grows with r and shrinks with rs and e. The
// mask is lowered by 1 degree because the station's vertical is the ellipsoid normal, up to 0.19 degrees
// from the radial the formula measures elevation from (below 1 degree, e < 0: the formula holds there
// too); 1 km covers rounding. Or the range rule.
double TopologyBuilder::gsl_search_range_m() const {
  if (network_.gsl.max_range_km) return *network_.gsl.max_range_km * 1000.0;
  constexpr double kRounding_m = 1e3;
  const double station_r_min = lowest_station_r_m_;
  const double r_max = std::sqrt(std::max(0.0, highest_r2_m2_));  // the largest norm: a square root is monotonic, rounding included
  const double e = (network_.gsl.min_elevation_deg - 1.0) * kDegToRad;
  const double rho = std::sqrt(std::max(0.0, r_max * r_max - std::pow(station_r_min * std::cos(e), 2))) -
                     station_r_min * std::sin(e);
  return rho + kRounding_m;
}

void TopologyBuilder::add_gsls(TopologySnapshot& s, double t_s, const std::vector<bool>* down) {
  if (station_neighbours_.update(std::span(s.position_ecef_m).first(static_cast<size_t>(s.satellites)), station_ecef_m_,
                                 gsl_search_range_m(), [this](double lead_s) { return positions_after_epoch(lead_s); }))
    ++neighbour_lists_built_;
  // Every station's visible satellites (in parallel: geometry only), then each station's choice in
  // station order (a policy may propagate orbits, which is not shared among threads).
  visible_from_.resize(static_cast<size_t>(s.stations));
  for_chunks(workers_, visible_from_.size(), [&](int, size_t first, size_t end) {
    std::vector<int> maybe;
    for (size_t g = first; g < end; ++g) {
      visible_from_[g].clear();
      if (down && (*down)[static_cast<size_t>(s.satellites) + g]) continue;
      // First the cheap tests, without a branch per satellite (kept or not, it is written and the count
      // moves by the outcome); then the exact one, on the few left. In satellite order, as policies break
      // ties by it.
      const std::vector<int>& near = station_neighbours_.of(g);
      maybe.resize(near.size());
      size_t count = 0;
      for (int i : near) {
        const auto sat = static_cast<size_t>(i);
        const Vec3 los = s.position_ecef_m[sat] - station_ecef_m_[g];
        maybe[count] = i;
        count += static_cast<size_t>(static_cast<bool>(up_[sat]) & !earth_fixed_[sat] & may_be_visible(los, los.dot(station_up_[g])));
      }
      for (size_t k = 0; k < count; ++k) {
        GslCandidate c{maybe[k], 0.0, 0.0};
        if (visible(static_cast<int>(g), s.position_ecef_m[static_cast<size_t>(c.satellite)], &c.range_m, &c.sin_elevation))
          visible_from_[g].push_back(c);
      }
    }
  });
  for (int g = 0; g < s.stations; ++g) {
    if (down && (*down)[static_cast<size_t>(s.satellites + g)]) continue;
    const int chains = station_chains(g);
    // Two pointers: std::function keeps them without an allocation per station.
    const std::pair<int, double> station_at{g, t_s};
    GslSelectionContext context{chains, [this, &station_at](int sat) {
                                  return remaining_visibility_s(station_at.first, sat, station_at.second);
                                }};
    const auto chosen = gsl_policy_->select(visible_from_[static_cast<size_t>(g)], context);
    for (size_t k = 0; k < chosen.size(); ++k)
      s.links.push_back({chosen[k].satellite, s.satellites + g, LinkKind::kGsl, chosen[k].range_m,
                         network_.gsl.bandwidth_bps, 0, static_cast<int>(k) % chains});
  }
}

}  // namespace orbitsim
