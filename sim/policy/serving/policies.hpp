// The inference placement policies shipped with orbitsim (one implementation file each).
#pragma once

#include "policy/serving/serving_policy.hpp"

namespace orbitsim {

struct NearestVisibleServing : ServingPolicy {
  std::optional<int> choose(const std::vector<ServingCandidate>& candidates) const override;
};
struct LeastLoadedServing : ServingPolicy {
  std::optional<int> choose(const std::vector<ServingCandidate>& candidates) const override;
};
struct LowestLatencyServing : ServingPolicy {
  std::optional<int> choose(const std::vector<ServingCandidate>& candidates) const override;
};
struct PowerAwareServing : ServingPolicy {
  std::optional<int> choose(const std::vector<ServingCandidate>& candidates) const override;
};

}  // namespace orbitsim
