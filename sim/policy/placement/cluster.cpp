// `cluster`: a compact group for formation flights. Anchored on the lowest-id free satellite, take the
// `count` free satellites nearest it (ties: lower id), then order the ring greedily by nearest
// neighbour so that ring hops are short ISLs.
#include <algorithm>

#include "policy/placement/policies.hpp"

namespace orbitsim {

std::optional<std::vector<int>> ClusterPlacement::place(int count, const PlacementView& view) const {
  std::vector<int> free;
  for (const auto& s : view.satellites)
    if (!view.busy[static_cast<size_t>(s.id)]) free.push_back(s.id);
  if (static_cast<int>(free.size()) < count) return std::nullopt;
  const Vec3 anchor = view.position_ecef_m(free.front());
  std::vector<std::pair<double, int>> by_distance;
  for (int id : free) by_distance.emplace_back(distance(view.position_ecef_m(id), anchor), id);
  std::sort(by_distance.begin(), by_distance.end());
  std::vector<int> chosen;
  for (int k = 0; k < count; ++k) chosen.push_back(by_distance[static_cast<size_t>(k)].second);
  std::vector<int> ring{chosen.front()};
  std::vector<bool> used(chosen.size(), false);
  used[0] = true;
  for (int k = 1; k < count; ++k) {
    const Vec3 last = view.position_ecef_m(ring.back());
    size_t best = 0;
    double best_d = 1e300;
    for (size_t i = 0; i < chosen.size(); ++i) {
      if (used[i]) continue;
      const double d = distance(view.position_ecef_m(chosen[i]), last);
      if (d < best_d) best_d = d, best = i;
    }
    used[best] = true;
    ring.push_back(chosen[best]);
  }
  return ring;
}

}  // namespace orbitsim
