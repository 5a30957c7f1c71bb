// `cluster`: a compact group for formation flights. Anchored on the lowest-id free satellite, take the
// `count` free satellites nearest it (ties: lower id), then order the ring greedily by nearest
// neighbour so that ring hops are short ISLs.
#include <algorithm>
#include <tuple>

#include "policy/placement/policies.hpp"

namespace orbitsim {

std::optional<std::vector<int>> ClusterPlacement::place(int count, const PlacementView& view) const {
  std::vector<int> free;
  for (const auto& s : view.satellites)
    if (!view.busy[static_cast<size_t>(s.id)]) free.push_back(s.id);
  if (static_cast<int>(free.size()) < count) return std::nullopt;
  if (count <= 0) return std::vector<int>{};
  // Each position once: on an SGP4 constellation every one is a propagation.
  std::vector<Vec3> position;
  position.reserve(free.size());
  for (int id : free) position.push_back(view.position_ecef_m(id));
  std::vector<std::tuple<double, int, size_t>> by_distance;  // (from the anchor, id, index in free)
  for (size_t k = 0; k < free.size(); ++k) by_distance.emplace_back(distance(position[k], position.front()), free[k], k);
  std::sort(by_distance.begin(), by_distance.end());
  by_distance.resize(static_cast<size_t>(count));
  std::vector<int> ring{std::get<1>(by_distance.front())};
  std::vector<bool> used(by_distance.size(), false);
  used[0] = true;
  for (Vec3 last = position[std::get<2>(by_distance.front())]; ring.size() < by_distance.size();) {
    size_t best = 0;
    double best_d = 1e300;
    for (size_t i = 0; i < by_distance.size(); ++i) {
      if (used[i]) continue;
      const double d = distance(position[std::get<2>(by_distance[i])], last);
      if (d < best_d) best_d = d, best = i;
    }
    used[best] = true;
    ring.push_back(std::get<1>(by_distance[best]));
    last = position[std::get<2>(by_distance[best])];
  }
  return ring;
}

}  // namespace orbitsim
