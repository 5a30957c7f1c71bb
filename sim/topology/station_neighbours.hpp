// The satellites each ground station might see, kept across epochs (a Verlet list: Verlet 1967,
// Phys. Rev. 159, 98). The lists are built with a spatial grid for a radius larger than the search range;
// they stay a superset of the satellites within range for as long as no satellite has moved farther than
// the difference, so most epochs test a few dozen satellites per station instead of building a grid.
// Exact: a snapshot built from these lists is the one a fresh grid gives (tested).
#pragma once

#include <span>
#include <vector>

#include "core/vec3.hpp"

namespace orbitsim {

class StationNeighbours {
 public:
  // `margin_m`: how far beyond the search range the lists reach when they are (re)built.
  explicit StationNeighbours(double margin_m) : margin_m_(margin_m) {}

  // Makes `of(g)` hold (at least) every satellite within `range_m` of station g at these positions:
  // `satellite_m` are all the satellites' positions (valid or not), `station_m` the stations'.
  // Returns true when the lists had to be rebuilt.
  bool update(std::span<const Vec3> satellite_m, std::span<const Vec3> station_m, double range_m);
  // Satellite ids in increasing order: those within range, and some beyond it.
  const std::vector<int>& of(size_t station) const { return near_[station]; }

 private:
  double margin_m_;
  double built_radius_m_ = -1.0;     // the radius the lists were built for; < 0: never built
  std::vector<Vec3> built_at_m_;     // the satellites' positions then
  std::vector<std::vector<int>> near_;
};

// The largest distance any point has moved from `before` to `after` (+inf when the sizes differ or a
// position is not finite).
double largest_move_m(std::span<const Vec3> before, std::span<const Vec3> after);

}  // namespace orbitsim
