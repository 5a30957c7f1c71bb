// `contiguous-in-plane`: the first run of `count` consecutive free slots (cyclically) in one orbital
// plane, planes and slots in platform order, so that consecutive ring members are intra-plane ISL
// neighbours. Satellites without a plane (formations, element sets) and jobs larger than a plane fall
// back to whole pipelines inside planes (runs of `pipeline_stages` consecutive free slots, plane after
// plane, then any free satellites for the spares), and failing that to the first `count` free
// satellites in platform order.
#include <algorithm>
#include <map>

#include "policy/placement/policies.hpp"

namespace orbitsim {

std::optional<std::vector<int>> ContiguousInPlanePlacement::place(int count, const PlacementView& view) const {
  std::map<std::pair<std::string, int>, std::vector<int>> planes;  // (shell, plane) -> ids by slot
  for (const auto& s : view.satellites)
    if (s.plane >= 0) planes[{s.shell, s.plane}].push_back(s.id);
  std::vector<std::pair<int, std::vector<int>>> ordered;  // first id of the plane -> members
  for (auto& [key, ids] : planes) ordered.emplace_back(ids.front(), ids);
  std::sort(ordered.begin(), ordered.end());
  bool some_plane_fits = false;
  for (const auto& [first, ids] : ordered) {
    const int n = static_cast<int>(ids.size());
    if (count > n) continue;
    some_plane_fits = true;
    for (int start = 0; start < n; ++start) {
      std::vector<int> run;
      for (int k = 0; k < count && !view.busy[static_cast<size_t>(ids[static_cast<size_t>((start + k) % n)])]; ++k)
        run.push_back(ids[static_cast<size_t>((start + k) % n)]);
      if (static_cast<int>(run.size()) == count) return run;
    }
  }
  if (some_plane_fits) return std::nullopt;  // wait for a contiguous run rather than scatter the job
  const int stages = view.pipeline_stages;
  if (stages > 1 && !ordered.empty()) {
    std::vector<int> pipelines;
    std::vector<bool> taken(view.busy.size(), false);
    for (const auto& [first, ids] : ordered)
      for (size_t i = 0; i + static_cast<size_t>(stages) <= ids.size() &&
                         static_cast<int>(pipelines.size()) + stages <= count;) {
        const bool free = std::none_of(ids.begin() + static_cast<long>(i), ids.begin() + static_cast<long>(i) + stages,
                                       [&](int id) { return view.busy[static_cast<size_t>(id)]; });
        if (!free) {
          ++i;
          continue;
        }
        for (int k = 0; k < stages; ++k, ++i) pipelines.push_back(ids[i]), taken[static_cast<size_t>(ids[i])] = true;
      }
    for (const auto& s : view.satellites) {  // the rest, fewer than a pipeline: spares
      const int missing = count - static_cast<int>(pipelines.size());
      if (missing == 0 || missing >= stages) break;
      if (!view.busy[static_cast<size_t>(s.id)] && !taken[static_cast<size_t>(s.id)]) pipelines.push_back(s.id);
    }
    if (static_cast<int>(pipelines.size()) == count) return pipelines;
  }
  std::vector<int> any;
  for (const auto& s : view.satellites)
    if (!view.busy[static_cast<size_t>(s.id)] && static_cast<int>(any.size()) < count) any.push_back(s.id);
  if (static_cast<int>(any.size()) == count) return any;
  return std::nullopt;
}

}  // namespace orbitsim
