#include "policy/power/eclipse_training_policy.hpp"

namespace orbitsim {

const std::vector<EclipseTrainingPolicyInfo>& eclipse_training_policies() {
  static const std::vector<EclipseTrainingPolicyInfo> kPolicies{
      {"ride-through", "keep training on battery through eclipses", [] { return std::make_unique<RideThrough>(); }},
      {"pause", "checkpoint before an eclipse, idle until every job satellite is sunlit again",
       [] { return std::make_unique<PauseInEclipse>(); }},
      {"shrink", "ranks in shadow sit iterations out; the others share the global batch; back in the sun, they rejoin",
       [] { return std::make_unique<ShrinkInEclipse>(); }},
  };
  return kPolicies;
}

std::unique_ptr<EclipseTrainingPolicy> make_eclipse_training_policy(const std::string& name) {
  return make_named(eclipse_training_policies(), name);
}

}  // namespace orbitsim
