// `least-loaded`: the `count` free satellites with the least accumulated compute time (ties: lower id),
// in id order for the ring. Spreads wear and heat over the constellation.
#include <algorithm>

#include "policy/placement/policies.hpp"

namespace orbitsim {

std::optional<std::vector<int>> LeastLoadedPlacement::place(int count, const PlacementView& view) const {
  std::vector<int> free;
  for (const auto& s : view.satellites)
    if (!view.busy[static_cast<size_t>(s.id)]) free.push_back(s.id);
  if (static_cast<int>(free.size()) < count) return std::nullopt;
  std::stable_sort(free.begin(), free.end(), [&](int a, int b) {
    return view.busy_time_s[static_cast<size_t>(a)] < view.busy_time_s[static_cast<size_t>(b)];
  });
  free.resize(static_cast<size_t>(count));
  std::sort(free.begin(), free.end());
  return free;
}

}  // namespace orbitsim
