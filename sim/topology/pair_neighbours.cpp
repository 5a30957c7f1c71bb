#include "topology/pair_neighbours.hpp"

#include "topology/station_neighbours.hpp"

namespace orbitsim {
namespace {

// Whether `list` holds every pair within range_m: two satellites within range now were within range plus
// both their moves when it was built (one metre covers rounding).
bool covers(const PairNeighbours::List* list, std::span<const Vec3> position_m, double range_m) {
  constexpr double kRounding_m = 1.0;
  return list && range_m + 2.0 * largest_move_m(list->built_at_m, position_m) + kRounding_m <= list->built_radius_m;
}

}  // namespace

bool PairNeighbours::update(std::span<const Vec3> position_m, double range_m, const std::vector<int>& members,
                            MemberGroups group_of, WorkerPool* workers, const LaterPositions& later) {
  const bool rebuilt = keep_adopt_or_build(
      list_, shared_, [&](const List* list) { return covers(list, position_m, range_m); },
      [&] {
        auto built = std::make_shared<List>();
        built->built_radius_m = range_m + margin_m_;
        // Both ends of a pair move: each may use half the margin.
        if (later) built->built_at_m = later(kLeadShareOfMargin * margin_m_ / (2.0 * kFastestSatellite_mps));
        if (!covers(built.get(), position_m, range_m)) built->built_at_m.assign(position_m.begin(), position_m.end());
        built->pairs = by_lower_end(pairs_within(built->built_at_m, members, group_of, built->built_radius_m, workers),
                                    position_m.size());
        return built;
      });
  drift_m_ = list_->built_radius_m - range_m;
  return rebuilt;
}

}  // namespace orbitsim
