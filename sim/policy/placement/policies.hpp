// The training placement policies shipped with orbitsim (one implementation file each).
#pragma once

#include "policy/placement/placement_policy.hpp"

namespace orbitsim {

struct ContiguousInPlanePlacement : TrainingPlacementPolicy {
  std::optional<std::vector<int>> place(int count, const PlacementView& view) const override;
};
struct LeastLoadedPlacement : TrainingPlacementPolicy {
  std::optional<std::vector<int>> place(int count, const PlacementView& view) const override;
};
struct PowerAwarePlacement : TrainingPlacementPolicy {
  std::optional<std::vector<int>> place(int count, const PlacementView& view) const override;
};
struct ClusterPlacement : TrainingPlacementPolicy {
  std::optional<std::vector<int>> place(int count, const PlacementView& view) const override;
};

}  // namespace orbitsim
