#include "topology/station_neighbours.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "topology/nearby_pairs.hpp"

namespace orbitsim {

double largest_move_m(std::span<const Vec3> before, std::span<const Vec3> after) {
  if (before.size() != after.size()) return std::numeric_limits<double>::infinity();
  double largest_squared = 0.0;
  for (size_t i = 0; i < before.size(); ++i) {
    const Vec3 d = after[i] - before[i];
    const double squared = d.dot(d);
    if (!std::isfinite(squared)) return std::numeric_limits<double>::infinity();
    largest_squared = std::max(largest_squared, squared);
  }
  return std::sqrt(largest_squared);
}

bool StationNeighbours::update(std::span<const Vec3> satellite_m, std::span<const Vec3> station_m, double range_m) {
  // A satellite within range now was within range + its move of the station when the lists were built;
  // one metre covers rounding.
  constexpr double kRounding_m = 1.0;
  if (built_radius_m_ >= 0.0 && near_.size() == station_m.size() &&
      range_m + largest_move_m(built_at_m_, satellite_m) + kRounding_m <= built_radius_m_)
    return false;
  built_radius_m_ = range_m + margin_m_;
  built_at_m_.assign(satellite_m.begin(), satellite_m.end());
  std::vector<int> all(satellite_m.size());
  std::iota(all.begin(), all.end(), 0);
  const SpatialGrid grid(built_at_m_, all, built_radius_m_);
  near_.assign(station_m.size(), {});
  for (size_t g = 0; g < station_m.size(); ++g) {
    grid.for_each_near(station_m[g], [&](int i) {
      if (distance(built_at_m_[static_cast<size_t>(i)], station_m[g]) <= built_radius_m_) near_[g].push_back(i);
    });
    std::sort(near_[g].begin(), near_[g].end());
  }
  return true;
}

}  // namespace orbitsim
