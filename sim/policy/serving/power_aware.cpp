// `power-aware`: the lowest estimated time to first token (as `lowest-latency`) among the candidates that
// could keep serving at full clocks for kEnduranceS on their battery, or whose array carries the load;
// when none can, among all. Keeps requests off satellites about to brown out or throttle.
#include "policy/serving/policies.hpp"

namespace orbitsim {

namespace {
constexpr double kEnduranceS = 600.0;  // long enough for a long generation (thousands of tokens) [E]
}

std::optional<int> PowerAwareServing::choose(const std::vector<ServingCandidate>& candidates) const {
  std::vector<ServingCandidate> enduring;
  for (const auto& c : candidates)
    if (c.power_endurance_s >= kEnduranceS) enduring.push_back(c);
  return LowestLatencyServing{}.choose(enduring.empty() ? candidates : enduring);
}

}  // namespace orbitsim
