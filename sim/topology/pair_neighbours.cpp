#include "topology/pair_neighbours.hpp"

#include "topology/station_neighbours.hpp"

namespace orbitsim {

bool PairNeighbours::update(std::span<const Vec3> position_m, double range_m, const std::vector<int>& members,
                            MemberGroups group_of, WorkerPool* workers) {
  // Two satellites within range now were within range + both their moves when the list was built.
  constexpr double kRounding_m = 1.0;
  if (built_radius_m_ >= 0.0 && range_m + 2.0 * largest_move_m(built_at_m_, position_m) + kRounding_m <= built_radius_m_)
    return false;
  built_radius_m_ = range_m + margin_m_;
  built_at_m_.assign(position_m.begin(), position_m.end());
  pairs_.clear();
  for (const NearbyPair& p : pairs_within(built_at_m_, members, group_of, built_radius_m_, workers)) pairs_.emplace_back(p.a, p.b);
  return true;
}

}  // namespace orbitsim
