// The satellites each ground station might see, kept across epochs (a Verlet list: Verlet 1967,
// Phys. Rev. 159, 98). The lists are built with a spatial grid for a radius larger than the search range;
// they stay a superset of the satellites within range for as long as no satellite has moved farther than
// the difference, so most epochs test a few dozen satellites per station instead of building a grid.
// Exact: a snapshot built from these lists is the one a fresh grid gives (tested).
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "core/vec3.hpp"
#include "topology/shared_latest.hpp"

namespace orbitsim {

// Every satellite's position `lead_s` after the epoch at hand (empty: not available). A list is built for
// positions ahead of the epoch that needs it, so that it serves the epochs on either side of them: the
// simulation only goes forward, and a list built for the epoch itself would spend half its life behind it.
using LaterPositions = std::function<std::vector<Vec3>(double lead_s)>;

// How far ahead: the time in which a satellite at ~8 km/s (LEO, with Earth's rotation) uses 60 % of its
// share of the margin, so that the list still covers the epochs the other prefetcher lanes are building
// (a few seconds behind). A list that would not cover the epoch at hand is built for the epoch itself.
constexpr double kFastestSatellite_mps = 8e3, kLeadShareOfMargin = 0.6;

class StationNeighbours {
 public:
  struct Lists {
    double built_radius_m = -1.0;  // the radius the lists were built for
    std::vector<Vec3> built_at_m;  // the satellites' positions then
    std::vector<std::vector<int>> near;
  };
  // `margin_m`: how far beyond the search range the lists reach when they are (re)built.
  explicit StationNeighbours(double margin_m) : margin_m_(margin_m) {}

  // Lists built by another StationNeighbours of the same satellites and stations (on another thread) are
  // adopted from `shared` when they cover the positions at hand, and lists built here are published there.
  void share(SharedLatest<Lists>* shared) { shared_ = shared; }
  // Makes `of(g)` hold (at least) every satellite within `range_m` of station g at these positions:
  // `satellite_m` are all the satellites' positions (valid or not), `station_m` the stations'.
  // Returns true when the lists had to be rebuilt (for `later` positions when they cover these).
  bool update(std::span<const Vec3> satellite_m, std::span<const Vec3> station_m, double range_m,
              const LaterPositions& later = {});
  // Satellite ids in increasing order: those within range, and some beyond it.
  const std::vector<int>& of(size_t station) const { return lists_->near[station]; }

 private:
  double margin_m_;
  std::shared_ptr<const Lists> lists_;  // null: never built
  SharedLatest<Lists>* shared_ = nullptr;
};

// The largest distance any point has moved from `before` to `after` (+inf when the sizes differ or a
// position is not finite).
double largest_move_m(std::span<const Vec3> before, std::span<const Vec3> after);

}  // namespace orbitsim
