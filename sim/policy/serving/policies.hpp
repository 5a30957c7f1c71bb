// The inference placement policies shipped with orbitsim (one implementation file each).
#pragma once

#include "policy/serving/serving_policy.hpp"

namespace orbitsim {

// The candidate with the lowest `estimate_s` (ties: the first, i.e. the lower id), or nothing.
std::optional<int> lowest_estimate(const std::vector<ServingCandidate>& candidates,
                                   double (*estimate_s)(const ServingCandidate&));

struct NearestVisibleServing : ServingPolicy {
  std::optional<int> choose(const std::vector<ServingCandidate>& candidates) const override;
  bool linked_only() const override { return true; }
};
struct LeastLoadedServing : ServingPolicy {
  std::optional<int> choose(const std::vector<ServingCandidate>& candidates) const override;
};
struct LowestLatencyServing : ServingPolicy {
  std::optional<int> choose(const std::vector<ServingCandidate>& candidates) const override;
};
struct PrefixAffinityServing : ServingPolicy {
  std::optional<int> choose(const std::vector<ServingCandidate>& candidates) const override;
};
struct PowerAwareServing : ServingPolicy {
  std::optional<int> choose(const std::vector<ServingCandidate>& candidates) const override;
};

}  // namespace orbitsim
