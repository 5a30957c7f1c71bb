// `lowest-latency`: the lowest estimated time to first token, 2 x route delay (prompt up, token down) plus
// the prefill work already queued there and this request's own (ties: lower id).
#include "policy/serving/policies.hpp"

namespace orbitsim {

std::optional<int> LowestLatencyServing::choose(const std::vector<ServingCandidate>& candidates) const {
  const ServingCandidate* best = nullptr;
  double best_s = 0.0;
  for (const auto& c : candidates) {
    const double estimate = 2.0 * c.route_delay_s + c.estimated_prefill_s;
    if (!best || estimate < best_s) best = &c, best_s = estimate;
  }
  if (!best) return std::nullopt;
  return best->satellite;
}

}  // namespace orbitsim
