#include "policy/failover/inference_failover_policy.hpp"

#include "policy/failover/policies.hpp"

namespace orbitsim {

const std::vector<InferenceFailoverInfo>& inference_failover_policies() {
  static const std::vector<InferenceFailoverInfo> kPolicies{
      {"none", "the request fails", [] { return std::make_unique<NoInferenceFailover>(); }},
      {"retry", "re-send to another satellite after the timeout (3 attempts)", [] { return std::make_unique<RetryInference>(); }},
      {"reroute", "re-send a lost prompt or token at once around the failure", [] { return std::make_unique<RerouteInference>(); }},
      {"hedged", "send to the two best satellites, keep the first answer", [] { return std::make_unique<HedgedInference>(); }},
  };
  return kPolicies;
}

std::unique_ptr<InferenceFailoverPolicy> make_inference_failover_policy(const std::string& name) {
  return make_named(inference_failover_policies(), name);
}

}  // namespace orbitsim
