#include "policy/serving/serving_policy.hpp"

#include "policy/serving/policies.hpp"

namespace orbitsim {

const std::vector<ServingPolicyInfo>& serving_policies() {
  static const std::vector<ServingPolicyInfo> kPolicies{
      {"nearest-visible", "the satellite the station is linked to", [] { return std::make_unique<NearestVisibleServing>(); }},
      {"least-loaded", "the candidate with the fewest active requests (ties: lower delay, then id)",
       [] { return std::make_unique<LeastLoadedServing>(); }},
      {"lowest-latency", "the lowest estimated time to first token: 2 x delay + queued prefill",
       [] { return std::make_unique<LowestLatencyServing>(); }},
      {"power-aware", "lowest-latency among the candidates with 10 min of battery endurance (all, if none has)",
       [] { return std::make_unique<PowerAwareServing>(); }},
  };
  return kPolicies;
}

std::unique_ptr<ServingPolicy> make_serving_policy(const std::string& name) {
  return make_named(serving_policies(), name);
}

}  // namespace orbitsim
