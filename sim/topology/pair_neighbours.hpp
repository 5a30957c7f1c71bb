// Pairs of satellites that might be within a range of each other, kept across epochs (a Verlet list,
// as StationNeighbours): built with a spatial grid for the range plus a margin, and valid while no two
// satellites can have closed the margin (each has moved less than half of it). Used for the first two,
// busiest rings of the range-chosen ISLs, where most satellites find their links.
#pragma once

#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "core/vec3.hpp"
#include "core/worker_pool.hpp"
#include "topology/nearby_pairs.hpp"
#include "topology/shared_latest.hpp"
#include "topology/station_neighbours.hpp"

namespace orbitsim {

class PairNeighbours {
 public:
  struct List {
    double built_radius_m = -1.0;
    std::vector<Vec3> built_at_m;
    PairsByLowerEnd pairs;
  };
  explicit PairNeighbours(double margin_m) : margin_m_(margin_m) {}

  // A list built by another PairNeighbours of the same members and groups (on another thread) is adopted
  // from `shared` when it covers the positions at hand, and a list built here is published there.
  void share(SharedLatest<List>* shared) { shared_ = shared; }
  // Makes pairs() hold (at least) every pair (a < b) of `members` within `range_m` of each other at
  // `position_m` that `group_of` takes (nearby_pairs.hpp); both must not change with time. Returns true
  // when rebuilt (for `later` positions when they cover these, as StationNeighbours).
  bool update(std::span<const Vec3> position_m, double range_m, const std::vector<int>& members, MemberGroups group_of,
              WorkerPool* workers, const LaterPositions& later = {});
  const PairsByLowerEnd& pairs() const { return list_->pairs; }
  // How much a pair's length at the positions of the last update() can differ from the length pairs()
  // holds for it: both its ends' moves since the list was built, at most (and less than the margin).
  double drift_m() const { return drift_m_; }

 private:
  double margin_m_;
  double drift_m_ = 0.0;
  std::shared_ptr<const List> list_;  // null: never built
  SharedLatest<List>* shared_ = nullptr;
};

}  // namespace orbitsim
