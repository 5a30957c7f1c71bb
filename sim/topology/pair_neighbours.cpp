#include "topology/pair_neighbours.hpp"

#include <limits>

#include "topology/station_neighbours.hpp"

namespace orbitsim {
namespace {

constexpr double kRounding_m = 1.0;

// How far a pair's length can have changed since `list` was built: both its ends' moves (one metre covers
// rounding); +inf without a list.
double drift_since(const PairNeighbours::List* list, std::span<const Vec3> position_m) {
  return list ? 2.0 * largest_move_m(list->built_at_m, position_m) + kRounding_m : std::numeric_limits<double>::infinity();
}

}  // namespace

bool PairNeighbours::update(std::span<const Vec3> position_m, double range_m, const std::vector<int>& members,
                            MemberGroups group_of, WorkerPool* workers, const LaterPositions& later) {
  // Whether `list` holds every pair within range_m: two satellites within range now were within range plus
  // the drift when it was built. The drift of the list that is kept is that of the last list that covers.
  auto covers = [&](const List* list) {
    const double drift_m = drift_since(list, position_m);
    if (range_m + drift_m > (list ? list->built_radius_m : 0.0)) return false;
    drift_m_ = drift_m;
    return true;
  };
  return keep_adopt_or_build(list_, shared_, covers, [&] {
    auto built = std::make_shared<List>();
    built->built_radius_m = range_m + margin_m_;
    // Both ends of a pair move: each may use half the margin.
    if (later) built->built_at_m = later(kLeadShareOfMargin * margin_m_ / (2.0 * kFastestSatellite_mps));
    if (!covers(built.get())) {
      built->built_at_m.assign(position_m.begin(), position_m.end());
      drift_m_ = kRounding_m;
    }
    built->pairs = by_lower_end(pairs_within(built->built_at_m, members, group_of, built->built_radius_m, workers),
                                position_m.size());
    return built;
  });
}

}  // namespace orbitsim
