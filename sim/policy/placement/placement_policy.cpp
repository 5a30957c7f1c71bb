#include "policy/placement/placement_policy.hpp"

#include "policy/placement/policies.hpp"

namespace orbitsim {

const std::vector<PlacementPolicyInfo>& training_placement_policies() {
  static const std::vector<PlacementPolicyInfo> kPolicies{
      {"contiguous-in-plane", "consecutive free slots of one plane (ring neighbours are ISL neighbours)",
       [] { return std::make_unique<ContiguousInPlanePlacement>(); }},
      {"least-loaded", "the free satellites with the least compute time so far",
       [] { return std::make_unique<LeastLoadedPlacement>(); }},
      {"cluster", "the free satellites nearest each other (formation clusters)",
       [] { return std::make_unique<ClusterPlacement>(); }},
      {"power-aware", "the free satellites that can run busy longest on their battery (sunlit, charged, cool)",
       [] { return std::make_unique<PowerAwarePlacement>(); }},
  };
  return kPolicies;
}

std::unique_ptr<TrainingPlacementPolicy> make_training_placement_policy(const std::string& name) {
  return make_named(training_placement_policies(), name);
}

}  // namespace orbitsim
