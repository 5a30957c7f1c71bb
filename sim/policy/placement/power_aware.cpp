// `power-aware`: the `count` free satellites with the longest power endurance (sunlit satellites whose
// array carries the load first, then the most charged; at the throttle temperature last), ties by lower
// id, in id order for the ring. Without a power model every satellite has unlimited endurance and this
// is the lowest free ids.
#include <algorithm>

#include "policy/placement/policies.hpp"

namespace orbitsim {

std::optional<std::vector<int>> PowerAwarePlacement::place(int count, const PlacementView& view) const {
  std::vector<int> free;
  for (const auto& s : view.satellites)
    if (!view.busy[static_cast<size_t>(s.id)]) free.push_back(s.id);
  if (static_cast<int>(free.size()) < count) return std::nullopt;
  std::vector<double> endurance(view.satellites.size(), 0.0);
  for (int s : free) endurance[static_cast<size_t>(s)] = view.power_endurance_s(s);
  std::stable_sort(free.begin(), free.end(), [&](int a, int b) {
    return endurance[static_cast<size_t>(a)] > endurance[static_cast<size_t>(b)];
  });
  free.resize(static_cast<size_t>(count));
  std::sort(free.begin(), free.end());
  return free;
}

}  // namespace orbitsim
