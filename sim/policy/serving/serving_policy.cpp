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
      {"prefix-affinity",
       "the lowest estimated time to first token counting the prompt prefix each candidate has cached: 2 x delay + "
       "queued prefill + the prompt's uncached part",
       [] { return std::make_unique<PrefixAffinityServing>(); }},
      {"power-aware", "lowest-latency among the candidates with 10 min of battery endurance (all, if none has)",
       [] { return std::make_unique<PowerAwareServing>(); }},
  };
  return kPolicies;
}

std::optional<int> lowest_estimate(const std::vector<ServingCandidate>& candidates,
                                   double (*estimate_s)(const ServingCandidate&)) {
  const ServingCandidate* best = nullptr;
  double best_s = 0.0;
  for (const auto& c : candidates)
    if (const double s = estimate_s(c); !best || s < best_s) best = &c, best_s = s;
  if (!best) return std::nullopt;
  return best->satellite;
}

std::unique_ptr<ServingPolicy> make_serving_policy(const std::string& name) {
  return make_named(serving_policies(), name);
}

}  // namespace orbitsim
