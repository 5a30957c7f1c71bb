#include "policy/placement/placement_policy.hpp"

#include <limits>

#include "orbit/ecef_motion.hpp"
#include "policy/placement/policies.hpp"

namespace orbitsim {

double RecentPositions::error_m(int s) const {
  // The network's element-set positions come from SGP4's knots, within a centimetre of SGP4 itself
  // (orbit/sgp4_knots.hpp): a kilometre covers that and any rounding many times over.
  constexpr double kInterpolation_m = 1e3;
  const auto i = static_cast<size_t>(s);
  if (!known || i >= ecef_m.size() || i >= known->size() || !(*known)[i]) return std::numeric_limits<double>::infinity();
  return farthest_ecef_move_m(ecef_m[i], age_s) + kInterpolation_m;
}

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
