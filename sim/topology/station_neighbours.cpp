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

namespace {

// Whether lists built at `built_at_m` hold every satellite within range_m of each station at `satellite_m`:
// each satellite has moved less than their margin since (one metre covers rounding).
bool within_margin(std::span<const Vec3> built_at_m, double built_radius_m, std::span<const Vec3> satellite_m, double range_m) {
  constexpr double kRounding_m = 1.0;
  return range_m + largest_move_m(built_at_m, satellite_m) + kRounding_m <= built_radius_m;
}

bool covers(const StationNeighbours::Lists* lists, std::span<const Vec3> satellite_m, size_t stations, double range_m) {
  return lists && lists->near.size() == stations && within_margin(lists->built_at_m, lists->built_radius_m, satellite_m, range_m);
}

}  // namespace

bool StationNeighbours::update(std::span<const Vec3> satellite_m, std::span<const Vec3> station_m, double range_m,
                               const LaterPositions& later) {
  return keep_adopt_or_build(
      lists_, shared_, [&](const Lists* lists) { return covers(lists, satellite_m, station_m.size(), range_m); },
      [&] {
        auto built = std::make_shared<Lists>();
        built->built_radius_m = range_m + margin_m_;
        if (later) built->built_at_m = later(kLeadShareOfMargin * margin_m_ / kFastestSatellite_mps);
        if (!within_margin(built->built_at_m, built->built_radius_m, satellite_m, range_m))
          built->built_at_m.assign(satellite_m.begin(), satellite_m.end());
        std::vector<int> all(satellite_m.size());
        std::iota(all.begin(), all.end(), 0);
        const SpatialGrid grid(built->built_at_m, all, built->built_radius_m);
        built->near.assign(station_m.size(), {});
        for (size_t g = 0; g < station_m.size(); ++g) {
          grid.for_each_near(station_m[g], [&](int i) {
            if (distance(built->built_at_m[static_cast<size_t>(i)], station_m[g]) <= built->built_radius_m)
              built->near[g].push_back(i);
          });
          std::sort(built->near[g].begin(), built->near[g].end());
        }
        return built;
      });
}

}  // namespace orbitsim
