// Pairs of satellites that might be within a range of each other, kept across epochs (a Verlet list,
// as StationNeighbours): built with a spatial grid for the range plus a margin, and valid while no two
// satellites can have closed the margin (each has moved less than half of it). Used for the first,
// busiest ring of the range-chosen ISLs, where most satellites find their links.
#pragma once

#include <span>
#include <utility>
#include <vector>

#include "core/vec3.hpp"
#include "core/worker_pool.hpp"
#include "topology/nearby_pairs.hpp"

namespace orbitsim {

class PairNeighbours {
 public:
  explicit PairNeighbours(double margin_m) : margin_m_(margin_m) {}

  // Makes pairs() hold (at least) every pair (a < b) of `members` within `range_m` of each other at
  // `position_m` that `group_of` takes (nearby_pairs.hpp); both must not change with time. Returns true
  // when rebuilt.
  bool update(std::span<const Vec3> position_m, double range_m, const std::vector<int>& members, MemberGroups group_of,
              WorkerPool* workers);
  const std::vector<std::pair<int, int>>& pairs() const { return pairs_; }

 private:
  double margin_m_;
  double built_radius_m_ = -1.0;  // < 0: never built
  std::vector<Vec3> built_at_m_;
  std::vector<std::pair<int, int>> pairs_;
};

}  // namespace orbitsim
