// `cluster`: a compact group for formation flights. Anchored on the lowest-id free satellite, take the
// `count` free satellites nearest it (ties: lower id), then order the ring greedily by nearest
// neighbour so that ring hops are short ISLs.
#include <algorithm>
#include <cmath>

#include "policy/placement/policies.hpp"

namespace orbitsim {
namespace {

// The free satellites that may be among the `count` nearest the anchor (free.front()) now: all of them, or,
// with recent positions, those whose distance then, less both ends' possible moves since, is within the
// count-th smallest of the distances then plus those moves. The others are farther now than `count`
// satellites are, whatever the moves: the nearest are the same as among all, without propagating every
// orbit to now (a mega-constellation's placement did, at every restart).
std::vector<int> may_be_nearest(const std::vector<int>& free, int count, const RecentPositions& recent) {
  const double anchor_error_m = recent.error_m(free.front());
  if (!std::isfinite(anchor_error_m)) return free;
  const Vec3& anchor_m = recent.ecef_m[static_cast<size_t>(free.front())];
  std::vector<double> then_m(free.size()), error_m(free.size()), farthest_now_m(free.size());
  for (size_t k = 0; k < free.size(); ++k) {
    error_m[k] = recent.error_m(free[k]) + anchor_error_m;
    then_m[k] = std::isfinite(error_m[k]) ? distance(recent.ecef_m[static_cast<size_t>(free[k])], anchor_m) : 0.0;
    farthest_now_m[k] = then_m[k] + error_m[k];
  }
  // The count-th smallest bound: `count` satellites are at most this far now.
  std::nth_element(farthest_now_m.begin(), farthest_now_m.begin() + (count - 1), farthest_now_m.end());
  const double within_m = farthest_now_m[static_cast<size_t>(count - 1)];
  std::vector<int> out;
  for (size_t k = 0; k < free.size(); ++k)
    if (!(then_m[k] - error_m[k] > within_m)) out.push_back(free[k]);
  return out;
}

}  // namespace

std::optional<std::vector<int>> ClusterPlacement::place(int count, const PlacementView& view) const {
  std::vector<int> free;
  for (const auto& s : view.satellites)
    if (!view.busy[static_cast<size_t>(s.id)]) free.push_back(s.id);
  if (static_cast<int>(free.size()) < count) return std::nullopt;
  if (count <= 0) return std::vector<int>{};
  const Vec3 anchor = view.position_ecef_m(free.front());
  std::vector<std::pair<double, int>> by_distance;
  std::vector<Vec3> position_m(view.satellites.size());  // now, of the satellites measured
  for (int id : may_be_nearest(free, count, view.recent)) {
    position_m[static_cast<size_t>(id)] = view.position_ecef_m(id);
    by_distance.emplace_back(distance(position_m[static_cast<size_t>(id)], anchor), id);
  }
  std::sort(by_distance.begin(), by_distance.end());
  std::vector<int> chosen;
  for (int k = 0; k < count; ++k) chosen.push_back(by_distance[static_cast<size_t>(k)].second);
  std::vector<int> ring{chosen.front()};
  std::vector<bool> used(chosen.size(), false);
  used[0] = true;
  for (int k = 1; k < count; ++k) {
    const Vec3& last = position_m[static_cast<size_t>(ring.back())];
    size_t best = 0;
    double best_d = 1e300;
    for (size_t i = 0; i < chosen.size(); ++i) {
      if (used[i]) continue;
      const double d = distance(position_m[static_cast<size_t>(chosen[i])], last);
      if (d < best_d) best_d = d, best = i;
    }
    used[best] = true;
    ring.push_back(chosen[best]);
  }
  return ring;
}

}  // namespace orbitsim
